// ByteLengthQueuingStrategy and CountQueuingStrategy (Streams §7): constructor
// conversion, highWaterMark, the size function's identity and behaviour, brand checks.
"use strict";

for (const [Strategy, sizeLength, sizeOf] of [
  [ByteLengthQueuingStrategy, 1, (chunk) => chunk.byteLength],
  [CountQueuingStrategy, 0, () => 1],
]) {
  const name = Strategy.name;

  test(() => {
    assert_equals(new Strategy({ highWaterMark: 4 }).highWaterMark, 4);
    assert_equals(new Strategy({ highWaterMark: "5" }).highWaterMark, 5, "converted to a number");
    assert_true(Number.isNaN(new Strategy({ highWaterMark: "x" }).highWaterMark), "unrestricted double keeps NaN");
    assert_equals(new Strategy({ highWaterMark: -1 }).highWaterMark, -1, "no validation at construction");
    assert_throws_js(TypeError, () => new Strategy(), "init is required");
    assert_throws_js(TypeError, () => new Strategy({}), "highWaterMark is required");
    assert_throws_js(TypeError, () => new Strategy(null));
    assert_throws_js(TypeError, () => new Strategy(1));
    assert_throws_js(TypeError, () => Strategy({ highWaterMark: 1 }), "needs new");
    assert_equals(Strategy.length, 1);
  }, `${name}: constructor`);

  test(() => {
    const a = new Strategy({ highWaterMark: 1 });
    const b = new Strategy({ highWaterMark: 2 });
    assert_equals(a.size, b.size, "one size function shared by every instance");
    assert_equals(typeof a.size, "function");
    assert_equals(a.size.name, "size");
    assert_equals(a.size.length, sizeLength);
    assert_throws_js(TypeError, () => new a.size(), "the size function is not a constructor");
    assert_false("prototype" in a.size);
    assert_equals(a.size.call(undefined, new Uint8Array(3)), sizeOf(new Uint8Array(3)));
  }, `${name}: size is one shared, non-constructor function`);

  test(() => {
    const d = Object.getOwnPropertyDescriptor(Strategy.prototype, "highWaterMark");
    assert_equals(typeof d.get, "function");
    assert_equals(d.set, undefined);
    assert_true(d.enumerable);
    assert_true(d.configurable);
    const s = Object.getOwnPropertyDescriptor(Strategy.prototype, "size");
    assert_equals(typeof s.get, "function");
    assert_true(s.enumerable);
    assert_throws_js(TypeError, () => d.get.call({}), "highWaterMark brand check");
    assert_throws_js(TypeError, () => s.get.call({}), "size brand check");
    assert_throws_js(TypeError, () => d.get.call(Object.create(Strategy.prototype)));
    assert_equals(Object.prototype.toString.call(new Strategy({ highWaterMark: 0 })), `[object ${name}]`);
    const instance = new Strategy({ highWaterMark: 1 });
    assert_array_equals(Object.getOwnPropertyNames(instance), [], "no own properties");
  }, `${name}: attributes are prototype getters with brand checks`);
}

test(() => {
  const size = new ByteLengthQueuingStrategy({ highWaterMark: 1 }).size;
  assert_equals(size({ byteLength: 7 }), 7, "reads byteLength of anything");
  assert_equals(size({}), undefined);
  assert_throws_js(TypeError, () => size(undefined), "GetV(undefined) throws");
  assert_throws_js(TypeError, () => size(null));
  assert_equals(new CountQueuingStrategy({ highWaterMark: 1 }).size(), 1);
}, "size functions' results");

promise_test(async () => {
  const rs = new ReadableStream({
    start(c) {
      c.enqueue(new Uint8Array(3));
      assert_equals(c.desiredSize, 7);
    },
  }, new ByteLengthQueuingStrategy({ highWaterMark: 10 }));
  await rs.getReader().read();
  const ws = new WritableStream({}, new CountQueuingStrategy({ highWaterMark: 3 }));
  assert_equals(ws.getWriter().desiredSize, 3);
}, "strategies plug into streams");

test(() => {
  const strategy = new CountQueuingStrategy({ highWaterMark: 2 });
  Object.defineProperty(strategy, "highWaterMark", { value: 5 });
  let controller;
  new ReadableStream({ start(c) { controller = c; } }, strategy);
  assert_equals(controller.desiredSize, 5, "a stream reads the strategy's properties like any dictionary");
}, "a stream reads highWaterMark from the strategy object");
