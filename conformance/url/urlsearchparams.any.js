// URLSearchParams (https://url.spec.whatwg.org/#interface-urlsearchparams).

test(() => {
  assert_equals(URLSearchParams.length, 0);
  const proto = URLSearchParams.prototype;
  const lengths = { append: 2, delete: 1, get: 1, getAll: 1, has: 1, set: 2, sort: 0, toString: 0, entries: 0, keys: 0, values: 0, forEach: 1 };
  for (const name in lengths) {
    const desc = Object.getOwnPropertyDescriptor(proto, name);
    assert_equals(typeof desc.value, "function", name);
    assert_equals(desc.value.length, lengths[name], name + ".length");
    assert_true(desc.enumerable, name + " is enumerable");
  }
  assert_equals(proto[Symbol.iterator], proto.entries, "@@iterator is entries");
  assert_equals(typeof Object.getOwnPropertyDescriptor(proto, "size").get, "function");
  assert_equals(Object.prototype.toString.call(new URLSearchParams()), "[object URLSearchParams]");
  assert_equals(Object.prototype.toString.call(new URLSearchParams().entries()), "[object URLSearchParams Iterator]");
  assert_throws_js(TypeError, () => URLSearchParams());
}, "interface shape");

test(() => {
  assert_equals(new URLSearchParams().toString(), "");
  assert_equals(new URLSearchParams("").toString(), "");
  assert_equals(new URLSearchParams("?").toString(), "");
  assert_equals(new URLSearchParams("?a=b").toString(), "a=b");
  assert_equals(new URLSearchParams("??a=b").toString(), "%3Fa=b", "only one leading '?' is removed");
  assert_equals(new URLSearchParams(undefined).toString(), "");
  assert_equals(new URLSearchParams(null).toString(), "null=");
  assert_equals(new URLSearchParams(123).toString(), "123=");
  const fromObject = new URLSearchParams({ toString() { return "x=1"; } });
  assert_array_equals([...fromObject.keys()], ["toString"], "objects are records, not strings");
}, "constructor from a string");

test(() => {
  const params = new URLSearchParams([["a", "1"], ["b", "2"], ["a", "3"]]);
  assert_equals(params.toString(), "a=1&b=2&a=3");
  assert_equals(new URLSearchParams([]).toString(), "");
  assert_equals(new URLSearchParams(new Map([["x", "y"]])).toString(), "x=y");
  assert_equals(new URLSearchParams([new Set(["k", "v"])]).toString(), "k=v", "inner iterables");
  assert_equals(new URLSearchParams(params).toString(), "a=1&b=2&a=3", "a URLSearchParams is a sequence");
  assert_throws_js(TypeError, () => new URLSearchParams([["a"]]));
  assert_throws_js(TypeError, () => new URLSearchParams([["a", "b", "c"]]));
  assert_throws_js(TypeError, () => new URLSearchParams([[]]));
  assert_throws_js(TypeError, () => new URLSearchParams(["ab"]), "a string is not a sequence of pairs here");
  assert_throws_js(TypeError, () => new URLSearchParams([1]));
  assert_throws_js(TypeError, () => new URLSearchParams({ [Symbol.iterator]: 42 }));
}, "constructor from a sequence");

test(() => {
  assert_equals(new URLSearchParams({ a: "1", b: "x y" }).toString(), "a=1&b=x+y");
  assert_equals(new URLSearchParams({}).toString(), "");
  const withSymbol = { a: "1", [Symbol("s")]: "2" };
  assert_equals(new URLSearchParams(withSymbol).toString(), "a=1", "symbol keys are skipped");
  const hidden = Object.defineProperty({ a: "1" }, "b", { value: "2", enumerable: false });
  assert_equals(new URLSearchParams(hidden).toString(), "a=1", "non-enumerable keys are skipped");
  const inherited = Object.create({ p: "1" });
  assert_equals(new URLSearchParams(inherited).toString(), "", "inherited keys are skipped");
  const params = new URLSearchParams({ a: "0", "\uD800": "1", "\uDC00": "2" });
  assert_equals(params.size, 2, "keys that convert to the same USVString collapse");
  assert_equals(params.toString(), "a=0&%EF%BF%BD=2", "the later value replaces the earlier one in place");
}, "constructor from a record");

test(() => {
  let calls = 0;
  const init = { get [Symbol.iterator]() { calls++; return function* () { yield ["a", "b"]; }; } };
  assert_equals(new URLSearchParams(init).toString(), "a=b");
  assert_equals(calls, 1, "@@iterator is read once");
}, "the sequence's @@iterator is read once");

test(() => {
  const params = new URLSearchParams("a=1&b=2&a=3");
  assert_equals(params.size, 3);
  assert_equals(params.get("a"), "1");
  assert_equals(params.get("c"), null);
  assert_array_equals(params.getAll("a"), ["1", "3"]);
  assert_array_equals(params.getAll("c"), []);
  assert_true(params.has("b"));
  assert_false(params.has("c"));
  assert_true(params.has("a", "3"));
  assert_false(params.has("a", "2"));
  assert_true(params.has("a", undefined), "undefined value means no value");
  params.append("c", "4");
  assert_equals(params.toString(), "a=1&b=2&a=3&c=4");
  params.set("a", "5");
  assert_equals(params.toString(), "a=5&b=2&c=4", "set replaces the first and removes the others");
  params.set("d", "6");
  assert_equals(params.toString(), "a=5&b=2&c=4&d=6", "set appends when absent");
  params.delete("b");
  assert_equals(params.toString(), "a=5&c=4&d=6");
  params.append("a", "7");
  params.delete("a", "5");
  assert_equals(params.toString(), "c=4&d=6&a=7", "delete with a value");
  params.delete("a", undefined);
  assert_equals(params.toString(), "c=4&d=6", "delete with undefined deletes all");
  assert_equals(params.size, 2);
}, "methods");

test(() => {
  const params = new URLSearchParams();
  assert_throws_js(TypeError, () => params.append("a"));
  assert_throws_js(TypeError, () => params.set("a"));
  assert_throws_js(TypeError, () => params.get());
  assert_throws_js(TypeError, () => params.getAll());
  assert_throws_js(TypeError, () => params.has());
  assert_throws_js(TypeError, () => params.delete());
  assert_throws_js(TypeError, () => URLSearchParams.prototype.get.call({}, "a"));
  assert_throws_js(TypeError, () => Object.getOwnPropertyDescriptor(URLSearchParams.prototype, "size").get.call({}));
  params.append(null, undefined);
  assert_equals(params.toString(), "null=undefined");
}, "argument conversion and brand checks");

test(() => {
  const params = new URLSearchParams("z=1&a=2&\uFFFD=3&\uD83D\uDE00=4&a=5&b=6&\u00E9=7&A=8");
  params.sort();
  assert_array_equals([...params.keys()], ["A", "a", "a", "b", "z", "\u00E9", "\uD83D\uDE00", "\uFFFD"], "code unit order");
  assert_array_equals(params.getAll("a"), ["2", "5"], "stable");
  const many = new URLSearchParams();
  for (let i = 0; i < 200; i++) many.append(i % 2 ? "b" : "a", String(i));
  many.sort();
  const values = many.getAll("a");
  for (let i = 1; i < values.length; i++) assert_true(+values[i - 1] < +values[i], "stable for many entries");
}, "sort is stable and orders by UTF-16 code units");

test(() => {
  const params = new URLSearchParams("a=1&b=2");
  assert_array_equals([...params].map((pair) => pair.join("=")), ["a=1", "b=2"]);
  assert_array_equals([...params.keys()], ["a", "b"]);
  assert_array_equals([...params.values()], ["1", "2"]);
  const seen = [];
  params.forEach(function (value, key, object) {
    "use strict";
    seen.push(key + value);
    assert_equals(object, params);
    assert_equals(this, undefined);
  });
  assert_array_equals(seen, ["a1", "b2"]);
  const thisArg = {};
  params.forEach(function () { assert_equals(this, thisArg); }, thisArg);
  assert_throws_js(TypeError, () => params.forEach());
}, "iteration");

test(() => {
  const params = new URLSearchParams("a=1&b=2&c=3");
  const keys = [];
  for (const [key] of params) {
    keys.push(key);
    if (key === "a") params.delete("b");
    if (key === "c") params.append("d", "4");
  }
  assert_array_equals(keys, ["a", "c", "d"], "iteration sees changes to the list");
  const iterator = new URLSearchParams("x=1").entries();
  assert_equals(iterator.next().value.join(), "x,1");
  assert_true(iterator.next().done);
  assert_true(iterator.next().done);
  assert_equals(Object.getPrototypeOf(Object.getPrototypeOf(iterator)), Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())));
}, "live iteration and iterator objects");

test(() => {
  const params = new URLSearchParams();
  params.append("\uD800", "\uDC00x");
  assert_equals(params.toString(), "%EF%BF%BD=%EF%BF%BDx");
  assert_equals(params.get("\uFFFD"), "\uFFFDx");
  params.set("\uD83D\uDE00", "\uD83D\uDE00");
  assert_equals(params.toString(), "%EF%BF%BD=%EF%BF%BDx&%F0%9F%98%80=%F0%9F%98%80");
}, "surrogates are converted to scalar values");
