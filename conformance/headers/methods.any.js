// Headers append/delete/get/getSetCookie/has/set
// (https://fetch.spec.whatwg.org/#headers-class): validation, normalization, case
// insensitivity, combining, brand checks.

test(() => {
  const h = new Headers();
  h.append("Accept", "text/html");
  h.append("accept", "text/plain");
  assert_equals(h.get("ACCEPT"), "text/html, text/plain");
  assert_true(h.has("aCcEpT"));
}, "append keeps earlier values and get combines them with ', '");

test(() => {
  const h = new Headers([["a", "1"], ["b", "2"], ["a", "3"], ["A", "4"]]);
  h.set("a", "new");
  assert_equals(h.get("a"), "new");
  assert_equals(h.get("b"), "2");
  h.set("c", "3");
  assert_equals(h.get("c"), "3");
}, "set replaces every value of a name with one");

test(() => {
  const h = new Headers([["set-cookie", "a=1"], ["x", "y"], ["set-cookie", "b=2"]]);
  h.set("Set-Cookie", "c=3");
  assert_array_equals(h.getSetCookie(), ["c=3"]);
}, "set on set-cookie leaves one value");

test(() => {
  const h = new Headers([["a", "1"], ["A", "2"], ["b", "3"]]);
  h.delete("A");
  assert_false(h.has("a"));
  assert_equals(h.get("a"), null);
  assert_equals(h.get("b"), "3");
  h.delete("never-there");
  assert_equals(h.get("b"), "3");
}, "delete removes every value of a name");

test(() => {
  const h = new Headers();
  assert_equals(h.get("missing"), null);
  assert_false(h.has("missing"));
  h.append("empty", "");
  assert_equals(h.get("empty"), "");
  assert_true(h.has("empty"));
  h.append("empty", "");
  assert_equals(h.get("empty"), ", ");
}, "get returns null for a missing name and '' for an empty value");

const whitespaceCases = [
  [" a", "a"], ["a ", "a"], ["\ta\t", "a"], ["\na\n", "a"], ["\ra\r", "a"],
  [" \t\r\n a b \r\n\t ", "a b"], ["a\tb", "a\tb"], ["  ", ""], ["\u00a0a\u00a0", "\u00a0a\u00a0"],
  ["\fa\f", "\fa\f"], ["\va", "\va"],
];
for (const [input, expected] of whitespaceCases) {
  test(() => {
    const h = new Headers();
    h.append("x", input);
    assert_equals(h.get("x"), expected, "append");
    h.set("y", input);
    assert_equals(h.get("y"), expected, "set");
    const fromInit = new Headers({ z: input });
    assert_equals(fromInit.get("z"), expected, "constructor");
  }, `Values are normalized (HTTP whitespace stripped at both ends): ${JSON.stringify(input)}`);
}

const invalidValues = ["a\0b", "a\nb", "a\rb", "\0", "a\r\nb", "x\0"];
for (const value of invalidValues) {
  test(() => {
    const h = new Headers();
    assert_throws_js(TypeError, () => h.append("x", value));
    assert_throws_js(TypeError, () => h.set("x", value));
    assert_false(h.has("x"));
  }, `Value ${JSON.stringify(value)} is invalid`);
}

test(() => {
  const h = new Headers();
  for (let c = 1; c < 256; c++) {
    if (c === 0x0a || c === 0x0d) continue;
    h.set("x", `a${String.fromCharCode(c)}b`);
    assert_equals(h.get("x"), `a${String.fromCharCode(c)}b`, `0x${c.toString(16)}`);
  }
}, "Every byte but NUL, LF and CR is allowed inside a value");

const invalidNames = ["", " ", "a b", "a:b", "a\tb", "é", "(", ")", "<", ">", "@", ",", ";", "\\", "\"", "/",
  "[", "]", "?", "=", "{", "}", "a\0", "\u007f"];
for (const name of invalidNames) {
  test(() => {
    const h = new Headers();
    assert_throws_js(TypeError, () => h.append(name, "v"), "append");
    assert_throws_js(TypeError, () => h.set(name, "v"), "set");
    assert_throws_js(TypeError, () => h.get(name), "get");
    assert_throws_js(TypeError, () => h.has(name), "has");
    assert_throws_js(TypeError, () => h.delete(name), "delete");
  }, `Name ${JSON.stringify(name)} is not a token`);
}

test(() => {
  const h = new Headers();
  const token = "!#$%&'*+-.^_`|~09azAZ";
  h.append(token, "v");
  assert_equals(h.get(token), "v");
  assert_array_equals([...h.keys()], [token.toLowerCase()]);
}, "Every token code point is allowed in a name");

test(() => {
  const h = new Headers();
  h.append("a", 1);
  h.append("b", null);
  h.append("c", undefined);
  h.append("d", { toString: () => "obj" });
  assert_equals(h.get("a"), "1");
  assert_equals(h.get("b"), "null");
  assert_equals(h.get("c"), "undefined");
  assert_equals(h.get("d"), "obj");
  assert_throws_js(TypeError, () => h.append("e", Symbol()));
  assert_throws_js(TypeError, () => h.append("e", "\u0100"));
}, "Arguments are ByteString conversions");

test(() => {
  const h = new Headers();
  assert_throws_js(TypeError, () => h.append());
  assert_throws_js(TypeError, () => h.append("a"));
  assert_throws_js(TypeError, () => h.set("a"));
  assert_throws_js(TypeError, () => h.get());
  assert_throws_js(TypeError, () => h.has());
  assert_throws_js(TypeError, () => h.delete());
}, "Missing required arguments throw a TypeError");

test(() => {
  const h = new Headers([["set-cookie", "a=1"], ["Set-Cookie", "b=2"], ["set-cookie2", "c=3"]]);
  assert_equals(h.get("set-cookie"), "a=1, b=2");
  const cookies = h.getSetCookie();
  assert_array_equals(cookies, ["a=1", "b=2"]);
  cookies.push("mutated");
  assert_array_equals(h.getSetCookie(), ["a=1", "b=2"], "a new array every time");
  assert_array_equals(new Headers().getSetCookie(), []);
  assert_array_equals(new Headers([["set-cookie", ""]]).getSetCookie(), [""]);
}, "getSetCookie lists set-cookie values in order, uncombined");

test(() => {
  const methods = ["append", "delete", "get", "getSetCookie", "has", "set", "entries", "keys", "values", "forEach"];
  for (const name of methods) {
    const method = Headers.prototype[name];
    assert_equals(typeof method, "function", name);
    assert_throws_js(TypeError, () => method.call({}, "a", "b"), `${name} on a plain object`);
    assert_throws_js(TypeError, () => method.call(new Request("https://example.com/"), "a", "b"), `${name} on a Request`);
    const descriptor = Object.getOwnPropertyDescriptor(Headers.prototype, name);
    assert_true(descriptor.enumerable, `${name} is enumerable`);
    assert_true(descriptor.writable && descriptor.configurable, `${name} is writable and configurable`);
  }
}, "Methods are brand checked and enumerable");

test(() => {
  const lengths = { append: 2, delete: 1, get: 1, getSetCookie: 0, has: 1, set: 2, forEach: 1, entries: 0, keys: 0, values: 0 };
  for (const name in lengths) assert_equals(Headers.prototype[name].length, lengths[name], name);
  assert_equals(Object.prototype.toString.call(new Headers()), "[object Headers]");
  assert_equals(Headers.prototype[Symbol.toStringTag], "Headers");
}, "Method lengths and toStringTag follow WebIDL");

test(() => {
  const h = new Headers();
  h.append("X-A", "1");
  h.set("X-A", "2");
  assert_array_equals([...h.keys()], ["x-a"]);
  assert_array_equals([...h.values()], ["2"]);
}, "Names are exposed lowercased");
