// META: script=resources/helpers.js
// WritableStream: the writer's state machine (ready, closed, desiredSize, write, close,
// abort, releaseLock), backpressure, ordering of sink calls, abort/close interactions and
// the controller's signal and error() (Streams §5).
"use strict";

test(() => {
  new WritableStream();
  new WritableStream({});
  assert_throws_js(TypeError, () => new WritableStream(null));
  assert_throws_js(TypeError, () => new WritableStream({ write: 1 }));
  assert_throws_js(TypeError, () => new WritableStream({ close: "x" }));
  assert_throws_js(TypeError, () => new WritableStream({ abort: {} }));
  assert_throws_js(TypeError, () => new WritableStream({ start: 5 }));
  assert_throws_js(RangeError, () => new WritableStream({ type: "bytes" }), "any type is a RangeError");
  assert_throws_js(RangeError, () => new WritableStream({ type: null }));
  assert_throws_js(RangeError, () => new WritableStream({}, { highWaterMark: -1 }));
  new WritableStream({ type: undefined });
}, "constructor: argument validation");

test(() => {
  const order = [];
  const sink = {};
  for (const key of ["abort", "close", "start", "type", "write"]) {
    Object.defineProperty(sink, key, { get() { order.push(key); return undefined; } });
  }
  const strategy = {
    get highWaterMark() { order.push("highWaterMark"); return undefined; },
    get size() { order.push("size"); return undefined; },
  };
  new WritableStream(sink, strategy);
  assert_array_equals(order, ["highWaterMark", "size", "abort", "close", "start", "type", "write"]);
}, "constructor: the strategy is read before the sink, in lexicographic order");

promise_test(async () => {
  let controller, thisValue;
  const sink = { start(c) { controller = c; thisValue = this; } };
  const ws = new WritableStream(sink);
  assert_equals(thisValue, sink);
  assert_equals(controller.constructor, WritableStreamDefaultController);
  const writer = ws.getWriter();
  assert_equals(writer.desiredSize, 1, "default highWaterMark is 1");
  await writer.ready;
  assert_true(ws.locked);
}, "start(): called with the controller as a method; default desiredSize is 1");

promise_test(async () => {
  const ws = recordingWritable();
  const writer = ws.getWriter();
  await writer.write("a");
  await writer.write("b");
  await writer.close();
  assert_array_equals(ws.events, ["start", "write:a", "write:b", "close"]);
  await writer.closed;
  assert_equals(writer.desiredSize, 0, "desiredSize is 0 once closed");
}, "write() and close() reach the sink in order");

promise_test(async () => {
  let resolveStart;
  const ws = recordingWritable({ start() { return new Promise((r) => { resolveStart = r; }); } });
  const writer = ws.getWriter();
  const w = writer.write("a");
  await flushTasks();
  assert_array_equals(ws.events, ["start"], "writes wait for start()");
  resolveStart();
  await w;
  assert_array_equals(ws.events, ["start", "write:a"]);
}, "writes wait until start() settles");

promise_test(async () => {
  const resolvers = [];
  const ws = new WritableStream({ write() { return new Promise((r) => resolvers.push(r)); } }, { highWaterMark: 2 });
  const writer = ws.getWriter();
  await writer.ready;
  assert_equals(writer.desiredSize, 2);
  writer.write("a");
  assert_equals(writer.desiredSize, 1);
  writer.write("b");
  assert_equals(writer.desiredSize, 0, "queue full");
  const ready = writer.ready;
  let readyResolved = false;
  ready.then(() => { readyResolved = true; });
  writer.write("c");
  assert_equals(writer.desiredSize, -1);
  await flushTasks();
  assert_false(readyResolved, "ready is pending while desiredSize <= 0");
  assert_equals(resolvers.length, 1, "one write at a time reaches the sink");
  resolvers[0]();
  await flushTasks();
  assert_equals(writer.desiredSize, 0);
  assert_false(readyResolved);
  resolvers[1]();
  await flushTasks();
  assert_equals(writer.desiredSize, 1);
  assert_true(readyResolved, "ready resolves when there is room again");
  assert_equals(writer.ready, ready, "the same ready promise");
}, "backpressure: desiredSize and ready follow the queue");

promise_test(async () => {
  const ws = new WritableStream({}, { highWaterMark: 4, size(chunk) { return chunk.length; } });
  const writer = ws.getWriter();
  await writer.ready;
  writer.write("abc");
  assert_equals(writer.desiredSize, 1);
  writer.write("defg");
  assert_equals(writer.desiredSize, -3);
  await writer.ready;
  assert_equals(writer.desiredSize, 4);
}, "desiredSize uses the strategy's size()");

promise_test(async (t) => {
  const error = namedError("size");
  const ws = new WritableStream({}, { size() { throw error; } });
  const writer = ws.getWriter();
  await promise_rejects_exactly(t, error, writer.write("x"), "write rejects with size()'s error");
  await promise_rejects_exactly(t, error, writer.closed, "and the stream errors");
  const ws2 = new WritableStream({}, { size() { return NaN; } });
  const writer2 = ws2.getWriter();
  await promise_rejects_js(t, RangeError, writer2.write("x"));
  await promise_rejects_js(t, RangeError, writer2.closed);
}, "write(): a throwing or invalid size() errors the stream");

promise_test(async (t) => {
  const error = namedError("write failed");
  const ws = recordingWritable({ write(chunk) { if (chunk === "bad") throw error; } });
  const writer = ws.getWriter();
  const w1 = writer.write("bad");
  const w2 = writer.write("next");
  await promise_rejects_exactly(t, error, w1);
  await promise_rejects_exactly(t, error, w2, "queued writes reject with the stored error");
  await promise_rejects_exactly(t, error, writer.closed);
  await promise_rejects_exactly(t, error, writer.ready);
  assert_equals(writer.desiredSize, null, "desiredSize is null when errored");
  await promise_rejects_exactly(t, error, writer.write("later"));
  await promise_rejects_js(t, TypeError, writer.close(), "closing an errored stream is a TypeError");
  assert_array_equals(ws.events, ["start", "write:bad"], "close is never called on an errored sink");
}, "a failing write errors the stream; later operations reject with the stored error");

promise_test(async (t) => {
  const ws = recordingWritable();
  const writer = ws.getWriter();
  const close = writer.close();
  await promise_rejects_js(t, TypeError, writer.write("x"), "write after close()");
  await promise_rejects_js(t, TypeError, writer.close(), "close twice");
  await promise_rejects_js(t, TypeError, ws.close(), "stream close while locked");
  await close;
  assert_equals(await writer.abort("late"), undefined, "abort of a closed stream resolves");
  assert_array_equals(ws.events, ["start", "close"], "abort after close does not reach the sink");
}, "close(): later writes and closes reject; abort after close is a no-op");

promise_test(async () => {
  const ws = new WritableStream({}, { highWaterMark: 0 });
  const writer = ws.getWriter();
  let readyResolved = false;
  writer.ready.then(() => { readyResolved = true; });
  await flushTasks();
  assert_false(readyResolved, "highWaterMark 0 means backpressure from the start");
  writer.close();
  await flushTasks();
  assert_true(readyResolved, "close() resolves a pending ready promise");
}, "close() resolves ready when the stream had backpressure");

promise_test(async (t) => {
  const resolvers = [];
  const reason = namedError("reason");
  const ws = recordingWritable({ write() { return new Promise((r) => resolvers.push(r)); } }, { highWaterMark: 10 });
  const writer = ws.getWriter();
  await writer.ready;
  const w1 = writer.write("1");
  const w2 = writer.write("2");
  await flushTasks();
  const abort = writer.abort(reason);
  assert_equals(writer.abort(namedError("other")), abort, "a second abort returns the pending abort's promise");
  await promise_rejects_exactly(t, reason, writer.write("3"), "writes after abort() reject with the reason");
  assert_array_equals(ws.events, ["start", "write:1"], "abort waits for the in-flight write");
  resolvers[0]();
  await w1;
  await promise_rejects_exactly(t, reason, w2, "queued writes are rejected");
  await abort;
  assert_array_equals(ws.events, ["start", "write:1", "abort:reason"], "then abort() reaches the sink");
}, "abort(): waits for the in-flight write, rejects queued writes, then calls the sink's abort");

promise_test(async (t) => {
  const reason = namedError("reason");
  const ws = recordingWritable();
  const writer = ws.getWriter();
  await writer.ready;
  const abort1 = writer.abort(reason);
  assert_equals(await writer.abort(namedError("other")), undefined, "aborting an errored stream resolves");
  await promise_rejects_exactly(t, reason, writer.ready);
  await promise_rejects_exactly(t, reason, writer.closed);
  await abort1;
  assert_array_equals(ws.events, ["start", "abort:reason"]);
}, "abort(): rejects ready and closed with the reason");

promise_test(async (t) => {
  const error = namedError("abort failed");
  const ws = new WritableStream({ abort() { throw error; } });
  const writer = ws.getWriter();
  await promise_rejects_exactly(t, error, writer.abort("r"), "abort rejects with the sink's failure");
  await promise_rejects_exactly(t, "r", writer.closed, "closed still rejects with the abort reason");
}, "abort(): the sink's abort failure rejects abort() but closed keeps the reason");

promise_test(async (t) => {
  let resolveClose;
  const ws = recordingWritable({ close() { return new Promise((r) => { resolveClose = r; }); } });
  const writer = ws.getWriter();
  const close = writer.close();
  await flushTasks();
  const abort = writer.abort(namedError("late"));
  resolveClose();
  await close;
  await abort;
  await writer.closed;
  assert_array_equals(ws.events, ["start", "close"], "an abort during an in-flight close does not call the sink's abort");
  void t;
}, "abort() during an in-flight close: the close wins, abort resolves");

promise_test(async (t) => {
  const error = namedError("close failed");
  const ws = new WritableStream({ close() { return Promise.reject(error); } });
  const writer = ws.getWriter();
  await promise_rejects_exactly(t, error, writer.close());
  await promise_rejects_exactly(t, error, writer.closed);
}, "close(): a failing sink close errors the stream");

promise_test(async () => {
  let controller;
  const ws = new WritableStream({ start(c) { controller = c; } });
  const signal = controller.signal;
  assert_equals(signal.constructor, AbortSignal);
  assert_equals(controller.signal, signal, "the same signal every time");
  assert_false(signal.aborted);
  const events = [];
  signal.addEventListener("abort", () => events.push("abort event"));
  const writer = ws.getWriter();
  const abort = writer.abort("the reason");
  events.push("after abort()");
  assert_true(signal.aborted, "the signal is aborted synchronously");
  assert_equals(signal.reason, "the reason");
  assert_array_equals(events, ["abort event", "after abort()"]);
  await abort;
}, "controller.signal is aborted synchronously by abort() with its reason");

promise_test(async () => {
  let controller;
  const ws = new WritableStream({ start(c) { controller = c; }, write() { return new Promise(() => {}); } });
  const writer = ws.getWriter();
  writer.write("hang");
  await flushTasks();
  writer.abort();
  assert_true(controller.signal.aborted, "signal aborted while a write is in flight");
  assert_equals(controller.signal.reason.name, "AbortError", "abort() without a reason uses an AbortError");
}, "controller.signal lets a sink stop an in-flight write; a missing reason becomes an AbortError");

promise_test(async (t) => {
  let controller;
  const ws = new WritableStream({ start(c) { controller = c; } });
  const writer = ws.getWriter();
  const error = namedError("controller error");
  controller.error(error);
  await promise_rejects_exactly(t, error, writer.closed);
  await promise_rejects_exactly(t, error, writer.write("x"));
  controller.error(namedError("ignored"));
  assert_false(controller.signal.aborted, "error() does not abort the signal");
}, "controller.error() errors the stream; further calls are ignored");

promise_test(async (t) => {
  const ws = new WritableStream();
  const writer = ws.getWriter();
  const ready = writer.ready;
  const closed = writer.closed;
  writer.releaseLock();
  assert_false(ws.locked);
  await promise_rejects_js(t, TypeError, writer.closed);
  await promise_rejects_js(t, TypeError, writer.ready);
  assert_not_equals(writer.ready, ready, "a settled ready promise is replaced on release");
  assert_equals(writer.closed, closed, "a pending closed promise is rejected in place");
  assert_throws_js(TypeError, () => writer.desiredSize, "desiredSize of a released writer throws");
  await promise_rejects_js(t, TypeError, writer.write("x"));
  await promise_rejects_js(t, TypeError, writer.close());
  await promise_rejects_js(t, TypeError, writer.abort());
  writer.releaseLock();
  const writer2 = ws.getWriter();
  await writer2.write("ok");
}, "releaseLock(): rejects ready and closed; released writers reject operations");

test(() => {
  const ws = new WritableStream();
  ws.getWriter();
  assert_throws_js(TypeError, () => ws.getWriter());
  assert_throws_js(TypeError, () => new WritableStreamDefaultWriter(ws));
  assert_throws_js(TypeError, () => new WritableStreamDefaultWriter({}));
  assert_throws_js(TypeError, () => new WritableStreamDefaultWriter());
}, "one writer at a time; the writer constructor checks its argument");

promise_test(async (t) => {
  const ws = new WritableStream();
  await ws.close();
  const writer = ws.getWriter();
  await writer.closed;
  await writer.ready;
  assert_equals(writer.desiredSize, 0);
  await promise_rejects_js(t, TypeError, writer.write("x"));
  const error = namedError("E");
  const ws2 = new WritableStream({ start(c) { c.error(error); } });
  await flushTasks();
  const w2 = ws2.getWriter();
  await promise_rejects_exactly(t, error, w2.closed);
  await promise_rejects_exactly(t, error, w2.ready);
  assert_equals(w2.desiredSize, null);
}, "writers acquired on closed or errored streams report that state");

promise_test(async (t) => {
  const error = namedError("start");
  const ws = recordingWritable({ start() { return Promise.reject(error); } });
  const writer = ws.getWriter();
  await promise_rejects_exactly(t, error, writer.closed);
  await promise_rejects_exactly(t, error, writer.write("x"));
}, "a rejected start() errors the stream");

promise_test(async () => {
  const ws = recordingWritable();
  const writer = ws.getWriter();
  const p = writer.write();
  await p;
  assert_array_equals(ws.events, ["start", "write:undefined"], "write() with no argument writes undefined");
}, "write() with no argument writes undefined");

promise_test(async () => {
  const chunks = [];
  const ws = new WritableStream({ write(c, controller) { chunks.push([c, controller.constructor.name]); } });
  const writer = ws.getWriter();
  await writer.write(1);
  assert_array_equals(chunks[0], [1, "WritableStreamDefaultController"], "write gets (chunk, controller)");
  await ws.getWriter === undefined;
}, "the sink's write() receives the chunk and the controller");

promise_test(async () => {
  const ws = recordingWritable();
  await ws.abort("r");
  assert_array_equals(ws.events, ["start", "abort:r"]);
  await ws.abort("again");
  assert_array_equals(ws.events, ["start", "abort:r"], "abort of an errored stream resolves without calling the sink");
}, "WritableStream.abort() on an unlocked stream");
