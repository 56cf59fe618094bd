// structuredClone() (https://html.spec.whatwg.org/#dom-structuredclone).

function roundTrip(value) {
  return structuredClone(value);
}

test(() => {
  const primitives = [undefined, null, true, false, "", "\uD800", "\uDC00", "\u0000", "\uDBFF\uDFFD",
    0.2, 0, -0, NaN, Infinity, -Infinity, 9007199254740992, -9007199254740994, 0n, -12n,
    -9007199254740994000900719925474099400090071992547409940009007199254740994000n];
  for (const value of primitives) {
    assert_equals(roundTrip(value), value, String(value));
  }
  assert_equals(Object.is(roundTrip(-0), -0), true, "-0 stays -0");
}, "primitives clone to themselves");

test(() => {
  const input = { a: 1, b: { a: 1, b: [2, 3, 4] }, c: [7, 8, 9] };
  const copy = roundTrip(input);
  assert_not_equals(copy, input);
  assert_not_equals(copy.b, input.b);
  assert_equals(JSON.stringify(copy), JSON.stringify(input));
  assert_equals(Object.getPrototypeOf(copy), Object.prototype);
  assert_true(Array.isArray(copy.c));
}, "objects and arrays are cloned deeply");

test(() => {
  const checks = [
    [new Boolean(true), Boolean], [new Boolean(false), Boolean], [new Number(-0), Number],
    [new Number(NaN), Number], [new String("\uD800"), String], [Object(-9007199254740994n), BigInt],
  ];
  for (const [input, Type] of checks) {
    const copy = roundTrip(input);
    assert_true(copy instanceof Type, Type.name);
    assert_not_equals(copy, input);
    assert_true(Object.is(copy.valueOf(), input.valueOf()), Type.name + " value");
  }
}, "primitive wrapper objects");

test(() => {
  for (const time of [0, -0, -8.64e15, 8.64e15, NaN]) {
    const input = new Date(time);
    const copy = roundTrip(input);
    assert_true(copy instanceof Date);
    assert_not_equals(copy, input);
    assert_true(Object.is(copy.getTime(), input.getTime()) || (isNaN(copy.getTime()) && isNaN(time)));
  }
}, "Date objects");

test(() => {
  const regexp = /foo/gimsuyd;
  regexp.lastIndex = 2;
  const copy = roundTrip(regexp);
  assert_true(copy instanceof RegExp);
  assert_not_equals(copy, regexp);
  assert_equals(copy.source, "foo");
  assert_equals(copy.flags, regexp.flags);
  assert_equals(copy.lastIndex, 0, "lastIndex is not kept");
  assert_equals(roundTrip(new RegExp("")).source, "(?:)");
  assert_equals(roundTrip(new RegExp("/")).source, "\\/");
  assert_equals(roundTrip(new RegExp("\n")).source, "\\n");
  const shadowed = /x/g;
  Object.defineProperty(shadowed, "global", { get() { throw new Error("must not be read"); } });
  Object.defineProperty(shadowed, "flags", { get() { throw new Error("must not be read"); } });
  assert_equals(roundTrip(shadowed).global, true, "flags come from the internal slot");
}, "RegExp objects");

test(() => {
  for (const Ctor of [Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError]) {
    const error = new Ctor("message here");
    error.foo = "custom";
    const copy = roundTrip(error);
    assert_true(copy instanceof Ctor, Ctor.name);
    assert_equals(copy.constructor, Ctor);
    assert_equals(copy.name, Ctor.name);
    assert_equals(copy.message, "message here");
    assert_true(copy.hasOwnProperty("message"));
    assert_false(Object.getOwnPropertyDescriptor(copy, "message").enumerable);
    assert_equals(copy.foo, undefined, "custom properties are not cloned");
    assert_true(Error.isError(copy));
  }
  const empty = roundTrip(new Error());
  assert_false(empty.hasOwnProperty("message"), "no message, no own message");
}, "Error objects keep their type and message");

test(() => {
  const error = new Error("outer", { cause: new TypeError("inner") });
  const copy = roundTrip(error);
  assert_true(copy.cause instanceof TypeError);
  assert_equals(copy.cause.message, "inner");
  assert_false(Object.getOwnPropertyDescriptor(copy, "cause").enumerable);
  assert_false(roundTrip(new Error("x")).hasOwnProperty("cause"));
  const cyclic = new Error("cyclic");
  cyclic.cause = cyclic;
  const cyclicCopy = roundTrip(cyclic);
  assert_equals(cyclicCopy.cause, cyclicCopy);
  assert_equals(typeof roundTrip(new Error("s")).stack, "string", "the stack is kept");
  const withStack = new Error("s");
  assert_equals(roundTrip(withStack).stack, withStack.stack);
}, "Error cause and stack");

test(() => {
  class CustomError extends Error {}
  const copy = roundTrip(new CustomError("c"));
  assert_equals(Object.getPrototypeOf(copy), Error.prototype);
  const named = new Error("n");
  named.name = "AggregateError";
  assert_equals(roundTrip(named).name, "Error", "names outside the list become Error");
  const typeNamed = new Error("t");
  typeNamed.name = "TypeError";
  assert_true(roundTrip(typeNamed) instanceof TypeError, "the name chooses the prototype");
  const order = [];
  const watched = new Error("w");
  Object.defineProperty(watched, "name", { get() { order.push("name"); return "RangeError"; } });
  roundTrip(watched);
  assert_array_equals(order, ["name"]);
  const getterMessage = new Error();
  Object.defineProperty(getterMessage, "message", { get() { throw new Error("not read"); } });
  assert_false(roundTrip(getterMessage).hasOwnProperty("message"), "an accessor message is ignored");
  assert_throws_js(TypeError, () => roundTrip(Object.defineProperty(new Error(), "message", { value: Symbol() })));
}, "Error names and messages follow the serialization steps");

test(() => {
  const key = { k: 1 };
  const map = new Map([[key, "value"], ["k2", key]]);
  const copy = roundTrip(map);
  assert_true(copy instanceof Map);
  assert_equals(copy.size, 2);
  const [copiedKey] = copy.keys();
  assert_equals(copiedKey.k, 1);
  assert_equals(copy.get("k2"), copiedKey, "shared references are kept");
  const set = new Set([1, key, key]);
  const setCopy = roundTrip(set);
  assert_true(setCopy instanceof Set);
  assert_equals(setCopy.size, 2);
  const grow = new Map([[1, 1]]);
  const looped = roundTrip({ get a() { grow.set(2, 2); return 1; }, m: grow });
  assert_equals(looped.m.size, 2, "entries added before the Map is reached are included");
}, "Map and Set");

test(() => {
  const sparse = new Array(10);
  sparse[3] = "x";
  const copy = roundTrip(sparse);
  assert_equals(copy.length, 10);
  assert_false(0 in copy);
  assert_equals(copy[3], "x");
  const withProperty = [1];
  withProperty.foo = "bar";
  assert_equals(roundTrip(withProperty).foo, "bar");
  const indexLike = roundTrip({ 0: "foo", length: 1 });
  assert_false(Array.isArray(indexLike));
  assert_equals(indexLike.length, 1);
}, "sparse arrays and extra array properties");

test(() => {
  const array = [];
  array[0] = array;
  const arrayCopy = roundTrip(array);
  assert_equals(arrayCopy[0], arrayCopy);
  const object = {};
  object.x = object;
  const objectCopy = roundTrip(object);
  assert_equals(objectCopy.x, objectCopy);
  const shared = {};
  const pair = roundTrip([shared, shared]);
  assert_equals(pair[0], pair[1]);
  const deep = roundTrip({ a: { b: shared }, c: shared });
  assert_equals(deep.a.b, deep.c);
}, "cycles and shared references");

test(() => {
  function Foo() {}
  Foo.prototype = { foo: "bar" };
  assert_false("foo" in roundTrip(new Foo()), "inherited properties are not cloned");
  const hidden = Object.defineProperty({}, "foo", { value: "bar", enumerable: false });
  assert_false("foo" in roundTrip(hidden));
  const frozen = Object.defineProperty({}, "foo", { value: "bar", enumerable: true, writable: false, configurable: false });
  const copy = roundTrip(frozen);
  const descriptor = Object.getOwnPropertyDescriptor(copy, "foo");
  assert_true(descriptor.writable && descriptor.configurable && descriptor.enumerable, "cloned properties are plain data");
  const symbolKeyed = roundTrip({ [Symbol("s")]: 1, a: 2 });
  assert_equals(Object.getOwnPropertySymbols(symbolKeyed).length, 0, "symbol keys are skipped");
  class Point { constructor() { this.x = 1; } get y() { return 2; } }
  const point = roundTrip(new Point());
  assert_equals(Object.getPrototypeOf(point), Object.prototype);
  assert_equals(point.x, 1);
  assert_equals(point.y, undefined);
}, "only own enumerable string-keyed properties, as plain data");

test(() => {
  const order = [];
  const input = {
    get a() { order.push("a"); return 1; },
    get b() { order.push("b"); delete this.c; return 2; },
    get c() { order.push("c"); return 3; },
    d: 4,
  };
  const copy = roundTrip(input);
  assert_array_equals(order, ["a", "b"], "getters run in order; a deleted property is skipped");
  assert_false("c" in copy);
  assert_equals(copy.d, 4);
  const thrown = new Error("getter");
  assert_throws_exactly(thrown, () => roundTrip({ get x() { throw thrown; } }));
  const weird = roundTrip(JSON.parse('{"__proto__": {"polluted": true}}'));
  assert_equals(Object.getPrototypeOf(weird), Object.prototype, "__proto__ is an own property");
  assert_true(Object.prototype.hasOwnProperty.call(weird, "__proto__"));
}, "getters, deletion during cloning, and __proto__ keys");

test(() => {
  const copy = roundTrip(Object.prototype);
  assert_not_equals(copy, Object.prototype);
  Object.setPrototypeOf(copy, { some: "proto" });
  assert_equals(copy.some, "proto");
  assert_equals(JSON.stringify(roundTrip(Math)), "{}");
  assert_equals(JSON.stringify(roundTrip(JSON)), "{}");
}, "Object.prototype and namespace objects clone to plain objects");

test(() => {
  const failing = [
    () => {}, function named() {}, class {}, Symbol("s"), new WeakMap(), new WeakSet(), new WeakRef({}),
    Promise.resolve(), new FinalizationRegistry(() => {}), Object(Symbol("boxed")), [][Symbol.iterator](),
    new Map().entries(), (function* () {})(), (function () { return arguments; })(),
    { nested: { fn() {} } }, [1, () => 2], new Map([[1, Symbol()]]),
  ];
  for (const value of failing) {
    assert_throws_dom("DataCloneError", () => roundTrip(value), String(Object.prototype.toString.call(value)));
  }
}, "uncloneable values throw DataCloneError");

test(() => {
  for (const value of [new AbortController(), new AbortController().signal, new EventTarget(), new Event("x"),
    new MessageChannel(), new MessageChannel().port1, performance, crypto, navigator]) {
    assert_throws_dom("DataCloneError", () => roundTrip(value), Object.prototype.toString.call(value));
  }
  assert_throws_dom("DataCloneError", () => roundTrip(globalThis));
  const ordinary = Object.create(AbortController.prototype);
  assert_equals(Object.getPrototypeOf(roundTrip(ordinary)), Object.prototype, "an ordinary object with a platform prototype clones");
}, "platform objects that are not serializable throw DataCloneError");

test(() => {
  const exception = new DOMException("gone", "AbortError");
  const copy = roundTrip(exception);
  assert_true(copy instanceof DOMException);
  assert_not_equals(copy, exception);
  assert_equals(copy.name, "AbortError");
  assert_equals(copy.message, "gone");
  assert_equals(copy.code, 20);
  assert_equals(typeof copy.stack, "string");
  const custom = roundTrip(new DOMException("m", "Custom"));
  assert_equals(custom.name, "Custom");
  assert_equals(custom.code, 0);
}, "DOMException is serializable");

test(() => {
  assert_throws_js(TypeError, () => structuredClone());
  assert_equals(structuredClone(undefined), undefined);
  assert_equals(structuredClone.length, 1);
  assert_throws_js(TypeError, () => structuredClone(1, { transfer: 5 }));
  assert_throws_js(TypeError, () => structuredClone(1, { transfer: [5] }));
  assert_throws_js(TypeError, () => structuredClone(1, 5));
  assert_equals(structuredClone(1, null), 1);
  assert_equals(structuredClone(1, {}), 1);
}, "arguments");
