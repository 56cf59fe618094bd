// META: script=resources/helpers.js
// TransformStream: identity transform, transform/flush/cancel hooks, backpressure between
// the two sides, errors in either direction, terminate() (Streams §6).
"use strict";

test(() => {
  new TransformStream();
  new TransformStream({});
  assert_throws_js(TypeError, () => new TransformStream(null));
  assert_throws_js(TypeError, () => new TransformStream({ transform: 1 }));
  assert_throws_js(TypeError, () => new TransformStream({ flush: "x" }));
  assert_throws_js(TypeError, () => new TransformStream({ cancel: {} }));
  assert_throws_js(RangeError, () => new TransformStream({ readableType: "bytes" }));
  assert_throws_js(RangeError, () => new TransformStream({ writableType: "bytes" }));
  assert_throws_js(RangeError, () => new TransformStream({}, { highWaterMark: -1 }));
  assert_throws_js(RangeError, () => new TransformStream({}, undefined, { highWaterMark: NaN }));
  const error = namedError("start");
  assert_throws_exactly(error, () => new TransformStream({ start() { throw error; } }));
}, "constructor: argument validation");

test(() => {
  const order = [];
  const transformer = {};
  for (const key of ["cancel", "flush", "readableType", "start", "transform", "writableType"]) {
    Object.defineProperty(transformer, key, { get() { order.push(key); return undefined; } });
  }
  const strategy = (name) => ({
    get highWaterMark() { order.push(name + ".highWaterMark"); return undefined; },
    get size() { order.push(name + ".size"); return undefined; },
  });
  new TransformStream(transformer, strategy("writable"), strategy("readable"));
  assert_array_equals(order, ["writable.highWaterMark", "writable.size", "readable.highWaterMark", "readable.size",
    "cancel", "flush", "readableType", "start", "transform", "writableType"]);
}, "constructor: strategies, then the transformer's members in lexicographic order");

promise_test(async () => {
  const ts = new TransformStream();
  assert_equals(ts.readable.constructor, ReadableStream);
  assert_equals(ts.writable.constructor, WritableStream);
  assert_equals(ts.readable, ts.readable, "readable is the same object every time");
  const writer = ts.writable.getWriter();
  const reader = ts.readable.getReader();
  writer.write("a");
  writer.write("b");
  writer.close();
  assert_object_equals(await reader.read(), { value: "a", done: false });
  assert_object_equals(await reader.read(), { value: "b", done: false });
  assert_object_equals(await reader.read(), { value: undefined, done: true });
  await writer.closed;
}, "a transformer without transform() is the identity");

promise_test(async () => {
  let controller, thisValue;
  const transformer = {
    start(c) { controller = c; thisValue = this; },
    transform(chunk, c) { c.enqueue(chunk.toUpperCase()); c.enqueue(chunk.toLowerCase()); },
    flush(c) { c.enqueue("end"); },
  };
  const ts = new TransformStream(transformer);
  assert_equals(thisValue, transformer);
  assert_equals(controller.constructor, TransformStreamDefaultController);
  const writer = ts.writable.getWriter();
  writer.write("Hi");
  writer.close();
  assert_array_equals(await readAll(ts.readable), ["HI", "hi", "end"], "transform may enqueue several chunks, flush more");
}, "transform() and flush() enqueue through the controller");

promise_test(async () => {
  const events = [];
  let resolveTransform;
  const ts = new TransformStream({
    transform(chunk) {
      events.push("transform " + chunk);
      return new Promise((r) => { resolveTransform = r; });
    },
    flush() { events.push("flush"); },
  }, { highWaterMark: 4 });
  const writer = ts.writable.getWriter();
  ts.readable.getReader().read();
  writer.write(1);
  writer.write(2);
  const close = writer.close();
  await flushTasks();
  assert_array_equals(events, ["transform 1"], "one transform at a time");
  resolveTransform();
  await flushTasks();
  assert_array_equals(events, ["transform 1", "transform 2"]);
  resolveTransform();
  await close;
  assert_array_equals(events, ["transform 1", "transform 2", "flush"], "flush after the last transform");
}, "transform() calls are sequential and flush() comes last");

promise_test(async () => {
  const ts = new TransformStream();
  const writer = ts.writable.getWriter();
  await writer.ready;
  assert_equals(writer.desiredSize, 1, "writable highWaterMark defaults to 1");
  writer.write("a");
  assert_equals(writer.desiredSize, 0);
  let readyResolved = false;
  writer.ready.then(() => { readyResolved = true; });
  await flushTasks();
  assert_false(readyResolved, "readable highWaterMark 0: the first chunk waits for a read");
  const reader = ts.readable.getReader();
  assert_equals((await reader.read()).value, "a");
  await flushTasks();
  assert_true(readyResolved, "reading relieves the backpressure");
}, "backpressure: the writable side waits until the readable side is read");

promise_test(async () => {
  let controller;
  const ts = new TransformStream({ start(c) { controller = c; } }, undefined, { highWaterMark: 2 });
  assert_equals(controller.desiredSize, 2, "desiredSize is the readable side's");
  controller.enqueue("x");
  assert_equals(controller.desiredSize, 1);
  await ts.readable.getReader().read();
  assert_equals(controller.desiredSize, 2);
}, "controller.desiredSize reflects the readable queue");

promise_test(async (t) => {
  const error = namedError("transform failed");
  const ts = new TransformStream({ transform() { throw error; } });
  const writer = ts.writable.getWriter();
  const reader = ts.readable.getReader();
  const read = reader.read();
  await promise_rejects_exactly(t, error, writer.write("x"), "the write is transformed once a read pulls");
  await promise_rejects_exactly(t, error, read, "the readable side errors too");
  await promise_rejects_exactly(t, error, writer.closed);
}, "a throwing transform() errors both sides");

promise_test(async (t) => {
  const error = namedError("flush failed");
  const ts = new TransformStream({ flush() { return Promise.reject(error); } });
  const writer = ts.writable.getWriter();
  const reader = ts.readable.getReader();
  await promise_rejects_exactly(t, error, writer.close());
  await promise_rejects_exactly(t, error, reader.closed);
}, "a failing flush() rejects close() and errors the readable side");

promise_test(async (t) => {
  let controller;
  const ts = new TransformStream({ start(c) { controller = c; } });
  const error = namedError("E");
  controller.error(error);
  await promise_rejects_exactly(t, error, ts.readable.getReader().closed);
  await promise_rejects_exactly(t, error, ts.writable.getWriter().closed);
  controller.error(namedError("ignored"));
  assert_throws_js(TypeError, () => controller.enqueue("x"), "enqueue after error");
}, "controller.error() errors both sides");

promise_test(async (t) => {
  let controller;
  const ts = new TransformStream({ start(c) { controller = c; } });
  const reader = ts.readable.getReader();
  controller.enqueue("before");
  controller.terminate();
  assert_object_equals(await reader.read(), { value: "before", done: false }, "queued chunks survive terminate");
  assert_object_equals(await reader.read(), { value: undefined, done: true }, "then the readable side is closed");
  await promise_rejects_js(t, TypeError, ts.writable.getWriter().closed, "the writable side errors with a TypeError");
  assert_throws_js(TypeError, () => controller.enqueue("after"), "enqueue after terminate");
  controller.terminate();
}, "terminate() closes the readable side and errors the writable side");

promise_test(async (t) => {
  let cancelReason, cancelThis;
  const transformer = {
    cancel(reason) { cancelReason = reason; cancelThis = this; },
    flush: t.unreached_func("flush after cancel"),
  };
  const ts = new TransformStream(transformer);
  const writer = ts.writable.getWriter();
  const reason = namedError("cancel reason");
  assert_equals(await ts.readable.cancel(reason), undefined);
  assert_equals(cancelReason, reason, "transformer.cancel() gets the reason");
  assert_equals(cancelThis, transformer);
  await promise_rejects_exactly(t, reason, writer.closed, "the writable side errors with the reason");
  await promise_rejects_exactly(t, reason, writer.write("x"));
}, "readable.cancel() calls transformer.cancel() and errors the writable side");

promise_test(async (t) => {
  let cancelReason;
  const ts = new TransformStream({ cancel(reason) { cancelReason = reason; }, flush: t.unreached_func("flush") });
  const reader = ts.readable.getReader();
  const reason = namedError("abort reason");
  assert_equals(await ts.writable.abort(reason), undefined);
  assert_equals(cancelReason, reason, "abort() also calls transformer.cancel()");
  await promise_rejects_exactly(t, reason, reader.closed, "the readable side errors with the reason");
}, "writable.abort() calls transformer.cancel() and errors the readable side");

promise_test(async (t) => {
  const error = namedError("cancel failed");
  const ts = new TransformStream({ cancel() { throw error; } });
  const writer = ts.writable.getWriter();
  await promise_rejects_exactly(t, error, ts.readable.cancel("r"), "cancel rejects with the hook's error");
  await promise_rejects_exactly(t, error, writer.closed, "the writable side errors with it");
  const ts2 = new TransformStream({ cancel() { throw error; } });
  const reader2 = ts2.readable.getReader();
  await promise_rejects_exactly(t, error, ts2.writable.abort("r"));
  await promise_rejects_exactly(t, error, reader2.closed);
}, "a failing transformer.cancel() is reported through cancel() and abort()");

promise_test(async (t) => {
  let cancelCalls = 0;
  let resolveCancel;
  const ts = new TransformStream({ cancel() { cancelCalls++; return new Promise((r) => { resolveCancel = r; }); } });
  const cancel = ts.readable.cancel("a");
  const close = ts.writable.close();
  await flushTasks();
  assert_equals(cancelCalls, 1, "cancel and close share one finish promise");
  resolveCancel();
  await cancel;
  await close;
  void t;
}, "cancel() racing close(): the hook runs once and both settle with its outcome");

promise_test(async () => {
  const ts = new TransformStream({
    transform(chunk, c) { c.enqueue(chunk * 2); },
  }, { highWaterMark: 1, size() { return 1; } }, { highWaterMark: 3, size() { return 1; } });
  const writer = ts.writable.getWriter();
  for (let i = 1; i <= 3; i++) await writer.write(i);
  writer.close();
  assert_array_equals(await readAll(ts.readable), [2, 4, 6]);
}, "strategies apply to each side");

promise_test(async (t) => {
  let controller;
  const sizeError = namedError("size");
  const ts = new TransformStream({ start(c) { controller = c; } }, undefined, { size() { throw sizeError; } });
  const reader = ts.readable.getReader();
  const writer = ts.writable.getWriter();
  assert_throws_exactly(sizeError, () => controller.enqueue("x"), "the size error is rethrown");
  await promise_rejects_exactly(t, sizeError, reader.closed);
  await promise_rejects_exactly(t, sizeError, writer.closed);
}, "a throwing readable size() errors the transform stream");

promise_test(async () => {
  let startResolved = false;
  const ts = new TransformStream({
    start() { return delayMs(10).then(() => { startResolved = true; }); },
    transform(chunk, c) {
      assert_true(startResolved, "transform waits for start()");
      c.enqueue(chunk);
    },
  });
  const writer = ts.writable.getWriter();
  writer.write("x");
  writer.close();
  assert_array_equals(await readAll(ts.readable), ["x"]);
}, "transform() waits for start()");
