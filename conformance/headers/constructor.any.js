// Headers constructor and HeadersInit conversion
// (https://fetch.spec.whatwg.org/#dom-headers, https://webidl.spec.whatwg.org/#es-union).

test(() => {
  assert_equals(Headers.length, 0);
  assert_equals(Headers.name, "Headers");
  assert_throws_js(TypeError, () => Headers());
  const h = new Headers();
  assert_array_equals([...h], []);
  assert_array_equals([...new Headers(undefined)], []);
  assert_array_equals([...new Headers({})], []);
  assert_array_equals([...new Headers([])], []);
}, "Headers can be constructed without init, with undefined, {} and []");

for (const value of [null, 0, 1, "name: value", true, Symbol("x"), 10n]) {
  test(() => {
    assert_throws_js(TypeError, () => new Headers(value));
  }, `Headers init ${typeof value === "symbol" ? "Symbol" : typeof value === "bigint" ? "10n" : JSON.stringify(value)} is not a HeadersInit`);
}

test(() => {
  const h = new Headers([["A", "1"], ["b", "2"], ["a", "3"]]);
  assert_equals(h.get("a"), "1, 3");
  assert_equals(h.get("B"), "2");
}, "A sequence of pairs appends every pair in order");

test(() => {
  assert_throws_js(TypeError, () => new Headers([["a"]]));
  assert_throws_js(TypeError, () => new Headers([["a", "1", "2"]]));
  assert_throws_js(TypeError, () => new Headers([[]]));
  assert_throws_js(TypeError, () => new Headers([["a", "1"], ["b"]]));
}, "A pair with other than two items throws a TypeError");

test(() => {
  assert_throws_js(TypeError, () => new Headers([1]));
  assert_throws_js(TypeError, () => new Headers(["ab"]), "a string item is not a sequence");
  assert_throws_js(TypeError, () => new Headers([{}]));
}, "Each item of a sequence must itself be a sequence");

test(() => {
  const h = new Headers([new Set(["a", "b"]), (function* () { yield "c"; yield "d"; })()]);
  assert_equals(h.get("a"), "b");
  assert_equals(h.get("c"), "d");
}, "Pairs may be any iterables");

test(() => {
  const h = new Headers({ "Content-Type": "text/plain", "x-number": 1, "x-null": null, "x-undefined": undefined });
  assert_equals(h.get("content-type"), "text/plain");
  assert_equals(h.get("x-number"), "1");
  assert_equals(h.get("x-null"), "null");
  assert_equals(h.get("x-undefined"), "undefined");
}, "A record converts its values with ToString");

test(() => {
  const h = new Headers({ length: "5" });
  assert_equals(h.get("length"), "5");
  const seq = new Headers([["length", "2"]]);
  assert_equals(seq.get("length"), "2");
  assert_equals(seq.get("0"), null, "an array is a sequence, not a record");
}, "Objects with @@iterator are sequences, others records");

test(() => {
  const record = {};
  Object.defineProperty(record, "hidden", { value: "x", enumerable: false });
  record.shown = "y";
  const h = new Headers(record);
  assert_false(h.has("hidden"));
  assert_equals(h.get("shown"), "y");
}, "Non-enumerable record properties are ignored");

test(() => {
  const record = { a: "1" };
  record[Symbol("s")] = "2";
  assert_throws_js(TypeError, () => new Headers(record));
}, "An enumerable symbol key cannot be converted to a ByteString");

test(() => {
  const log = [];
  const target = { a: "1", b: "2" };
  const proxy = new Proxy(target, {
    ownKeys(t) {
      log.push("ownKeys");
      return Reflect.ownKeys(t);
    },
    getOwnPropertyDescriptor(t, key) {
      log.push(`getOwnPropertyDescriptor:${String(key)}`);
      return Reflect.getOwnPropertyDescriptor(t, key);
    },
    get(t, key) {
      log.push(`get:${String(key)}`);
      return Reflect.get(t, key);
    },
  });
  const h = new Headers(proxy);
  assert_array_equals(log, [
    "get:Symbol(Symbol.iterator)",
    "ownKeys",
    "getOwnPropertyDescriptor:a", "get:a",
    "getOwnPropertyDescriptor:b", "get:b",
  ]);
  assert_equals(h.get("a"), "1");
}, "A record is read through [[OwnPropertyKeys]], [[GetOwnProperty]] and [[Get]] in order");

test(() => {
  const target = { a: "1" };
  const proxy = new Proxy(target, {
    ownKeys() {
      return ["a", "b"];
    },
    getOwnPropertyDescriptor(t, key) {
      if (key === "b") return undefined;
      return Reflect.getOwnPropertyDescriptor(t, key);
    },
  });
  const h = new Headers(proxy);
  assert_true(h.has("a"));
  assert_false(h.has("b"));
}, "A record key whose descriptor is undefined is skipped");

test(() => {
  const h = new Headers({ "x-a": "1" });
  h.append("x-a", "2");
  h.append("set-cookie", "c=1");
  h.append("set-cookie", "d=2");
  const copy = new Headers(h);
  assert_equals(copy.get("x-a"), "1, 2");
  assert_array_equals(copy.getSetCookie(), ["c=1", "d=2"]);
  h.set("x-a", "changed");
  assert_equals(copy.get("x-a"), "1, 2", "the copy is independent");
}, "Headers copies another Headers object");

test(() => {
  const h = new Headers({ a: "1" });
  h[Symbol.iterator] = function* () {
    yield ["custom", "iterator"];
  };
  const copy = new Headers(h);
  assert_equals(copy.get("custom"), "iterator");
  assert_false(copy.has("a"));
}, "Copying a Headers object uses its (overridden) @@iterator");

test(() => {
  const h = new Headers({ a: "1", b: "2" });
  const original = Headers.prototype[Symbol.iterator];
  try {
    Headers.prototype[Symbol.iterator] = function* () {
      yield ["patched", "yes"];
    };
    const copy = new Headers(h);
    assert_equals(copy.get("patched"), "yes");
    assert_false(copy.has("a"));
  } finally {
    Headers.prototype[Symbol.iterator] = original;
  }
}, "Copying a Headers object observes a patched Headers.prototype[@@iterator]");

test(() => {
  assert_throws_js(TypeError, () => new Headers([["a", "\u0100"]]));
  assert_throws_js(TypeError, () => new Headers([["\u0100", "a"]]));
  assert_throws_js(TypeError, () => new Headers({ "a": "\u{1F600}" }));
  const h = new Headers([["a", "\u00ff\u0080"]]);
  assert_equals(h.get("a"), "\u00ff\u0080", "Latin-1 bytes are kept");
}, "Names and values are ByteStrings: code points above U+00FF throw");

test(() => {
  const error = { name: "error" };
  assert_throws_exactly(error, () => new Headers([["a", { toString() { throw error; } }]]));
  assert_throws_exactly(error, () => new Headers({ get a() { throw error; } }));
  assert_throws_exactly(error, () => new Headers({ [Symbol.iterator]() { throw error; } }));
}, "Exceptions during conversion propagate");

test(() => {
  assert_throws_js(TypeError, () => new Headers([["bad name", "x"]]));
  assert_throws_js(TypeError, () => new Headers([["", "x"]]));
  assert_throws_js(TypeError, () => new Headers({ "a": "x\ny" }));
  assert_throws_js(TypeError, () => new Headers({ "a": "x\0y" }));
}, "Invalid names and values throw while filling");
