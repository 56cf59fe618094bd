// META: script=resources/helpers.js
// ReadableStream with a default controller: construction (argument conversion order,
// strategies), start/pull/cancel scheduling, desiredSize and backpressure, the default
// reader's state machine (read, closed, cancel, releaseLock), locking (Streams §4.2–4.6).
"use strict";

test(() => {
  new ReadableStream();
  new ReadableStream(undefined);
  new ReadableStream({});
  new ReadableStream({}, undefined);
  new ReadableStream({}, {});
  assert_throws_js(TypeError, () => new ReadableStream(null), "null is not an object");
  assert_throws_js(TypeError, () => new ReadableStream(1));
  assert_throws_js(TypeError, () => new ReadableStream({ start: 1 }), "start must be callable");
  assert_throws_js(TypeError, () => new ReadableStream({ pull: "x" }), "pull must be callable");
  assert_throws_js(TypeError, () => new ReadableStream({ cancel: {} }), "cancel must be callable");
  assert_throws_js(TypeError, () => new ReadableStream({ type: "byte" }), "type is an enum");
  assert_throws_js(TypeError, () => new ReadableStream({}, 1), "strategy must be a dictionary");
  assert_throws_js(RangeError, () => new ReadableStream({}, { highWaterMark: -1 }));
  assert_throws_js(RangeError, () => new ReadableStream({}, { highWaterMark: NaN }));
  assert_throws_js(TypeError, () => new ReadableStream({}, { size: 1 }));
  new ReadableStream({ type: undefined });
  new ReadableStream({}, { highWaterMark: Infinity });
}, "constructor: argument conversion and validation");

test(() => {
  const order = [];
  const source = {
    get autoAllocateChunkSize() { order.push("autoAllocateChunkSize"); return undefined; },
    get cancel() { order.push("cancel"); return undefined; },
    get pull() { order.push("pull"); return undefined; },
    get start() { order.push("start"); return undefined; },
    get type() { order.push("type"); return undefined; },
  };
  const strategy = {
    get highWaterMark() { order.push("highWaterMark"); return 1; },
    get size() { order.push("size"); return undefined; },
  };
  new ReadableStream(source, strategy);
  assert_array_equals(order, ["highWaterMark", "size", "autoAllocateChunkSize", "cancel", "pull", "start", "type"],
    "the strategy argument is converted before the underlying source dictionary, members in lexicographic order");
}, "constructor: members are read in WebIDL order");

test(() => {
  let thisValue, controllerArg;
  const source = { start(c) { thisValue = this; controllerArg = c; } };
  new ReadableStream(source);
  assert_equals(thisValue, source, "start is called as a method of the source");
  assert_equals(controllerArg.constructor, ReadableStreamDefaultController);
  const error = namedError("start throws");
  assert_throws_exactly(error, () => new ReadableStream({ start() { throw error; } }), "start exceptions propagate");
}, "start(): called synchronously with the controller, as a method; exceptions propagate");

promise_test(async () => {
  const events = [];
  let resolveStart;
  const rs = new ReadableStream({
    start() { events.push("start"); return new Promise((r) => { resolveStart = r; }); },
    pull() { events.push("pull"); },
  });
  await flushTasks();
  assert_array_equals(events, ["start"], "pull waits for start's promise");
  resolveStart();
  await flushTasks();
  assert_array_equals(events, ["start", "pull"], "pull is called once the queue is below the high water mark");
  void rs;
}, "pull(): not called before start() settles, then called to fill the queue");

promise_test(async () => {
  let pulls = 0;
  let controller;
  const rs = new ReadableStream({
    start(c) { controller = c; },
    pull(c) { pulls++; c.enqueue(pulls); },
  }, { highWaterMark: 3 });
  await flushTasks();
  assert_equals(pulls, 3, "pull fills the queue up to the high water mark");
  assert_equals(controller.desiredSize, 0);
  const reader = rs.getReader();
  assert_equals((await reader.read()).value, 1);
  await flushTasks();
  assert_equals(pulls, 4, "a read below the high water mark pulls again");
}, "pull(): called until desiredSize reaches 0, and again after reads");

promise_test(async () => {
  let pulls = 0;
  let resolvePull;
  const rs = new ReadableStream({
    pull() {
      pulls++;
      return new Promise((r) => { resolvePull = r; });
    },
  }, { highWaterMark: 0 });
  const reader = rs.getReader();
  reader.read();
  reader.read();
  await flushTasks();
  assert_equals(pulls, 1, "no second pull while the first one's promise is pending");
  resolvePull();
  await flushTasks();
  assert_equals(pulls, 1, "a pull that settles without enqueuing is not repeated by itself");
  reader.read();
  await flushTasks();
  assert_equals(pulls, 2, "a new read pulls again");
}, "pull(): never called again while its promise is pending");

promise_test(async (t) => {
  const error = namedError("pull failed");
  const rs = new ReadableStream({ pull() { return Promise.reject(error); } });
  await promise_rejects_exactly(t, error, rs.getReader().closed, "a rejected pull errors the stream");
  const error2 = namedError("pull threw");
  const rs2 = new ReadableStream({ pull() { throw error2; } });
  await promise_rejects_exactly(t, error2, rs2.getReader().read(), "a throwing pull errors the stream");
}, "pull(): rejection or exception errors the stream");

test(() => {
  let controller;
  new ReadableStream({ start(c) { controller = c; } }, { highWaterMark: 2, size(chunk) { return chunk.length; } });
  assert_equals(controller.desiredSize, 2);
  controller.enqueue("a");
  assert_equals(controller.desiredSize, 1);
  controller.enqueue("abc");
  assert_equals(controller.desiredSize, -2, "desiredSize goes negative");
  controller.close();
  assert_equals(controller.desiredSize, -2, "still draining");
}, "desiredSize = highWaterMark - sum of chunk sizes");

promise_test(async (t) => {
  let controller;
  const rs = new ReadableStream({ start(c) { controller = c; } }, { size() { return -1; } });
  assert_throws_js(RangeError, () => controller.enqueue("x"), "a negative size is a RangeError");
  await promise_rejects_js(t, RangeError, rs.getReader().closed, "and errors the stream");
  let c2;
  const rs2 = new ReadableStream({ start(c) { c2 = c; } }, { size() { return Infinity; } });
  assert_throws_js(RangeError, () => c2.enqueue("x"));
  await promise_rejects_js(t, RangeError, rs2.getReader().closed);
  const sizeError = namedError("size");
  let c3;
  const rs3 = new ReadableStream({ start(c) { c3 = c; } }, { size() { throw sizeError; } });
  assert_throws_exactly(sizeError, () => c3.enqueue("x"));
  await promise_rejects_exactly(t, sizeError, rs3.getReader().closed);
}, "enqueue(): an invalid or throwing size() errors the stream and rethrows");

promise_test(async () => {
  let sizeCalls = 0;
  let controller;
  const rs = new ReadableStream({ start(c) { controller = c; } }, { size() { sizeCalls++; return 1; } });
  const reader = rs.getReader();
  const read = reader.read();
  controller.enqueue("direct");
  assert_equals(sizeCalls, 0, "a chunk handed to a waiting read is never sized");
  assert_equals((await read).value, "direct");
  controller.enqueue("queued");
  assert_equals(sizeCalls, 1);
}, "enqueue(): a pending read receives the chunk without calling size()");

test(() => {
  let controller;
  new ReadableStream({ start(c) { controller = c; } });
  controller.close();
  assert_throws_js(TypeError, () => controller.close(), "close twice");
  assert_throws_js(TypeError, () => controller.enqueue("x"), "enqueue after close");
  controller.error("ignored");
  let c2;
  new ReadableStream({ start(c) { c2 = c; } });
  c2.error(new Error("x"));
  assert_throws_js(TypeError, () => c2.close(), "close after error");
  assert_throws_js(TypeError, () => c2.enqueue(1), "enqueue after error");
  assert_equals(c2.desiredSize, null, "desiredSize is null once errored");
  c2.error(new Error("second error is ignored"));
}, "controller: close/enqueue throw once closed or errored; error() after that is a no-op");

promise_test(async () => {
  const rs = new ReadableStream({ start(c) { c.enqueue(1); c.enqueue(2); c.close(); } });
  const reader = rs.getReader();
  assert_object_equals(await reader.read(), { value: 1, done: false });
  assert_object_equals(await reader.read(), { value: 2, done: false });
  assert_object_equals(await reader.read(), { value: undefined, done: true });
  assert_object_equals(await reader.read(), { value: undefined, done: true }, "reads after the end stay done");
  await reader.closed;
}, "default reader: queued chunks then done; closed resolves");

promise_test(async () => {
  const rs = new ReadableStream({ start(c) { c.enqueue("a"); } });
  const result = await rs.getReader().read();
  assert_equals(Object.getPrototypeOf(result), Object.prototype, "read results are ordinary objects");
  assert_array_equals(Object.keys(result), ["value", "done"]);
}, "default reader: read() results are plain { value, done } objects");

promise_test(async (t) => {
  const error = namedError("E");
  let controller;
  const rs = new ReadableStream({ start(c) { controller = c; } });
  const reader = rs.getReader();
  const reads = [reader.read(), reader.read()];
  controller.error(error);
  await promise_rejects_exactly(t, error, reads[0]);
  await promise_rejects_exactly(t, error, reads[1]);
  await promise_rejects_exactly(t, error, reader.closed);
  await promise_rejects_exactly(t, error, reader.read(), "reads after the error reject too");
  await promise_rejects_exactly(t, error, reader.cancel(), "cancel of an errored stream rejects with its error");
}, "default reader: error() rejects pending and later reads and closed");

promise_test(async (t) => {
  const rs = new ReadableStream();
  const reader = rs.getReader();
  assert_true(rs.locked);
  assert_throws_js(TypeError, () => rs.getReader(), "a second reader");
  assert_throws_js(TypeError, () => new ReadableStreamDefaultReader(rs));
  await promise_rejects_js(t, TypeError, rs.cancel(), "cancel() on a locked stream rejects");
  const closed = reader.closed;
  const pending = reader.read();
  reader.releaseLock();
  assert_false(rs.locked);
  await promise_rejects_js(t, TypeError, pending, "a pending read rejects on release");
  await promise_rejects_js(t, TypeError, closed, "closed rejects on release");
  assert_equals(reader.closed, closed, "releasing a readable stream's reader rejects the same closed promise");
}, "locking: one reader at a time; releaseLock rejects pending reads and closed");

promise_test(async (t) => {
  const rs = new ReadableStream({ start(c) { c.close(); } });
  const reader = rs.getReader();
  const closedBefore = reader.closed;
  await closedBefore;
  reader.releaseLock();
  assert_not_equals(reader.closed, closedBefore, "releasing after close replaces closed with a rejected promise");
  await promise_rejects_js(t, TypeError, reader.closed);
  reader.releaseLock();
  await promise_rejects_js(t, TypeError, reader.read(), "read on a released reader");
  await promise_rejects_js(t, TypeError, reader.cancel(), "cancel on a released reader");
}, "releaseLock() after close: closed is replaced by a rejected promise; released readers reject");

promise_test(async () => {
  let cancelReason, cancelThis;
  const source = {
    start(c) { c.enqueue("a"); },
    cancel(reason) { cancelThis = this; cancelReason = reason; return "ignored value"; },
  };
  const rs = new ReadableStream(source);
  const reader = rs.getReader();
  const pending = reader.read();
  const result = await reader.cancel("why");
  assert_equals(result, undefined, "cancel resolves with undefined");
  assert_equals(cancelReason, "why");
  assert_equals(cancelThis, source);
  assert_object_equals(await pending, { value: "a", done: false }, "a read that already had a chunk keeps it");
  assert_object_equals(await reader.read(), { value: undefined, done: true }, "the queue is discarded");
  await reader.closed;
}, "cancel(): calls the source's cancel with the reason, empties the queue, closes the stream");

promise_test(async () => {
  const rs = new ReadableStream();
  const reader = rs.getReader();
  const read = reader.read();
  await reader.cancel();
  assert_object_equals(await read, { value: undefined, done: true }, "pending reads resolve done on cancel");
}, "cancel(): pending reads resolve with done");

promise_test(async (t) => {
  const error = namedError("cancel failed");
  const rs = new ReadableStream({ cancel() { throw error; } });
  await promise_rejects_exactly(t, error, rs.cancel(), "a throwing cancel rejects");
  const rs2 = new ReadableStream({ cancel() { return Promise.reject(error); } });
  await promise_rejects_exactly(t, error, rs2.cancel(), "a rejecting cancel rejects");
  const rs3 = new ReadableStream({ start(c) { c.close(); }, cancel: t.unreached_func("cancel after close") });
  assert_equals(await rs3.cancel(), undefined, "cancel of a closed stream resolves without calling the source");
}, "cancel(): the source's failures reject the promise; closed streams resolve at once");

promise_test(async () => {
  let resolveCancel;
  let cancelled = false;
  const rs = new ReadableStream({ cancel() { return new Promise((r) => { resolveCancel = r; }); } });
  const p = rs.cancel().then(() => { cancelled = true; });
  await flushTasks();
  assert_false(cancelled, "cancel() waits for the source");
  resolveCancel();
  await p;
}, "cancel(): waits for the source's cancel promise");

promise_test(async () => {
  const rs = new ReadableStream({ start(c) { c.enqueue(1); c.close(); } });
  const reader = rs.getReader();
  await reader.read();
  reader.releaseLock();
  const reader2 = rs.getReader();
  assert_object_equals(await reader2.read(), { value: undefined, done: true });
}, "a new reader can continue after the previous one released its lock");

promise_test(async () => {
  const rs = new ReadableStream({ start(c) { c.enqueue(1); } });
  const reader = new ReadableStreamDefaultReader(rs);
  assert_true(rs.locked);
  assert_equals((await reader.read()).value, 1);
  assert_throws_js(TypeError, () => new ReadableStreamDefaultReader({}), "not a stream");
  assert_throws_js(TypeError, () => new ReadableStreamDefaultReader(), "missing argument");
}, "ReadableStreamDefaultReader can be constructed directly");

test(() => {
  const rs = new ReadableStream();
  assert_throws_js(TypeError, () => rs.getReader({ mode: "default" }), "mode is an enum with only 'byob'");
  rs.getReader({ mode: undefined });
  const rs2 = new ReadableStream();
  rs2.getReader({});
  assert_throws_js(TypeError, () => new ReadableStream().getReader(1), "options must be a dictionary");
}, "getReader(): options conversion");

promise_test(async () => {
  class MyStream extends ReadableStream {
    constructor() {
      super({ start(c) { c.enqueue("sub"); c.close(); } });
      this.extra = true;
    }
  }
  const s = new MyStream();
  assert_true(s instanceof ReadableStream);
  assert_true(s.extra);
  assert_equals((await s.getReader().read()).value, "sub");
}, "ReadableStream can be subclassed");

promise_test(async () => {
  let controller;
  const rs = new ReadableStream({ start(c) { controller = c; } });
  const reader = rs.getReader();
  const reads = [reader.read(), reader.read(), reader.read()];
  controller.enqueue("x");
  controller.enqueue("y");
  controller.close();
  const results = await Promise.all(reads);
  assert_object_equals(results[0], { value: "x", done: false });
  assert_object_equals(results[1], { value: "y", done: false });
  assert_object_equals(results[2], { value: undefined, done: true });
}, "several pending reads are fulfilled in order, the rest with done on close");

promise_test(async () => {
  const rs = new ReadableStream({ start(c) { c.enqueue(1); c.close(); } }, { highWaterMark: 0 });
  let controller;
  const rs2 = new ReadableStream({ start(c) { controller = c; } }, { highWaterMark: 0 });
  assert_equals(controller.desiredSize, 0, "highWaterMark 0");
  assert_equals((await rs.getReader().read()).value, 1, "enqueue works with highWaterMark 0");
  void rs2;
}, "highWaterMark 0: no pull until a read, enqueue still allowed");
