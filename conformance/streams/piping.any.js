// META: script=resources/helpers.js
// pipeTo / pipeThrough: argument checks, locking, error and close propagation in both
// directions with every prevent* flag, AbortSignal before and during a pipe, backpressure,
// shutdown waiting for pending writes, and no observable use of Promise.prototype.then
// (Streams §4.9.5 ReadableStreamPipeTo).
"use strict";

const error1 = namedError("error1");
const error2 = namedError("error2");

function erroredReadable(error) {
  return new ReadableStream({ start(c) { c.error(error); } });
}

function closedReadable(chunks = []) {
  return new ReadableStream({ start(c) { for (const x of chunks) c.enqueue(x); c.close(); } });
}

promise_test(async (t) => {
  const rs = new ReadableStream();
  await promise_rejects_js(t, TypeError, rs.pipeTo(), "missing destination");
  await promise_rejects_js(t, TypeError, rs.pipeTo({}), "not a WritableStream");
  await promise_rejects_js(t, TypeError, ReadableStream.prototype.pipeTo.call({}, new WritableStream()), "bad this");
  await promise_rejects_js(t, TypeError, rs.pipeTo(new WritableStream(), { signal: {} }), "signal must be an AbortSignal");
  await promise_rejects_js(t, TypeError, rs.pipeTo(new WritableStream(), 1), "options must be a dictionary");
  assert_false(rs.locked, "failed argument checks do not lock");
  const ws = new WritableStream();
  ws.getWriter();
  await promise_rejects_js(t, TypeError, rs.pipeTo(ws), "locked destination");
  rs.getReader();
  await promise_rejects_js(t, TypeError, rs.pipeTo(new WritableStream()), "locked source");
}, "pipeTo(): argument checks reject without locking");

promise_test(async (t) => {
  const order = [];
  const options = {
    get preventAbort() { order.push("preventAbort"); return false; },
    get preventCancel() { order.push("preventCancel"); return false; },
    get preventClose() { order.push("preventClose"); return false; },
    get signal() { order.push("signal"); return undefined; },
  };
  await closedReadable().pipeTo(new WritableStream(), options);
  assert_array_equals(order, ["preventAbort", "preventCancel", "preventClose", "signal"]);
  const thrower = { get preventClose() { throw error1; } };
  const rs = new ReadableStream();
  await promise_rejects_exactly(t, error1, rs.pipeTo(new WritableStream(), thrower));
  assert_false(rs.locked);
}, "pipeTo(): options are read in order; a throwing getter rejects");

promise_test(async () => {
  const rs = closedReadable(["a", "b"]);
  const ws = recordingWritable();
  const p = rs.pipeTo(ws);
  assert_true(rs.locked, "the source is locked during the pipe");
  assert_true(ws.locked, "the destination is locked during the pipe");
  assert_equals(await p, undefined);
  assert_array_equals(ws.events, ["start", "write:a", "write:b", "close"]);
  assert_false(rs.locked, "unlocked after the pipe");
  assert_false(ws.locked);
}, "pipeTo(): writes every chunk, closes the destination, unlocks both");

promise_test(async () => {
  const rs = closedReadable(["a"]);
  const ws = recordingWritable();
  await rs.pipeTo(ws, { preventClose: true });
  assert_array_equals(ws.events, ["start", "write:a"], "preventClose keeps the destination open");
  const writer = ws.getWriter();
  await writer.write("more");
  assert_array_equals(ws.events, ["start", "write:a", "write:more"]);
}, "closing propagates forward unless preventClose");

promise_test(async (t) => {
  const ws = recordingWritable();
  await promise_rejects_exactly(t, error1, erroredReadable(error1).pipeTo(ws));
  assert_array_equals(ws.events, ["start", "abort:error1"], "the destination is aborted with the source's error");
  const ws2 = recordingWritable();
  await promise_rejects_exactly(t, error1, erroredReadable(error1).pipeTo(ws2, { preventAbort: true }));
  assert_array_equals(ws2.events, ["start"], "preventAbort keeps the destination");
}, "errors propagate forward unless preventAbort");

promise_test(async (t) => {
  let controller;
  const rs = new ReadableStream({ start(c) { controller = c; } });
  const ws = recordingWritable();
  const p = rs.pipeTo(ws);
  controller.enqueue("x");
  await flushTasks();
  controller.error(error1);
  await promise_rejects_exactly(t, error1, p);
  assert_array_equals(ws.events, ["start", "write:x", "abort:error1"]);
}, "a source that becomes errored mid-pipe aborts the destination");

promise_test(async (t) => {
  const rs = recordingReadable();
  const ws = new WritableStream({ start(c) { c.error(error1); } });
  await flushTasks();
  await promise_rejects_exactly(t, error1, rs.pipeTo(ws));
  assert_array_equals(rs.events.filter((e) => e !== "pull"), ["cancel:error1"], "the source is canceled with the destination's error");
  const rs2 = recordingReadable();
  const ws2 = new WritableStream({ start(c) { c.error(error1); } });
  await flushTasks();
  await promise_rejects_exactly(t, error1, rs2.pipeTo(ws2, { preventCancel: true }));
  assert_array_equals(rs2.events.filter((e) => e !== "pull"), [], "preventCancel keeps the source");
  assert_false(rs2.locked);
}, "errors propagate backward unless preventCancel");

promise_test(async (t) => {
  const rs = recordingReadable({ start(c) { c.enqueue("a"); } });
  const ws = new WritableStream({ write() { throw error2; } });
  await promise_rejects_exactly(t, error2, rs.pipeTo(ws));
  assert_array_equals(rs.events.filter((e) => e !== "pull"), ["cancel:error2"]);
}, "a failing write cancels the source with the write's error");

promise_test(async (t) => {
  const rs = recordingReadable();
  const ws = new WritableStream();
  await ws.close();
  await promise_rejects_js(t, TypeError, rs.pipeTo(ws), "piping into a closed stream rejects with a TypeError");
  assert_array_equals(rs.events.filter((e) => e !== "pull"), ["cancel:TypeError"], "the source is canceled");
  const rs2 = recordingReadable();
  const ws2 = new WritableStream();
  await ws2.close();
  await promise_rejects_js(t, TypeError, rs2.pipeTo(ws2, { preventCancel: true }));
  assert_array_equals(rs2.events.filter((e) => e !== "pull"), []);
}, "closing propagates backward: a closed destination cancels the source unless preventCancel");

promise_test(async (t) => {
  const ws = recordingWritable();
  const rs = erroredReadable(error1);
  const p = rs.pipeTo(ws, { preventAbort: true, preventClose: true });
  await promise_rejects_exactly(t, error1, p, "forward error wins over forward close");
}, "an errored source rejects even with every prevent flag");

promise_test(async (t) => {
  const ws = new WritableStream({ abort() { throw error2; } });
  await promise_rejects_exactly(t, error2, erroredReadable(error1).pipeTo(ws), "a failing abort() replaces the error");
  const rs = new ReadableStream({ cancel() { throw error2; } });
  const ws2 = new WritableStream({ start(c) { c.error(error1); } });
  await flushTasks();
  await promise_rejects_exactly(t, error2, rs.pipeTo(ws2), "a failing cancel() replaces the error");
}, "a failing shutdown action rejects the pipe with its error");

promise_test(async (t) => {
  const controller = new AbortController();
  controller.abort(error1);
  const rs = recordingReadable();
  const ws = recordingWritable();
  await promise_rejects_exactly(t, error1, rs.pipeTo(ws, { signal: controller.signal }));
  assert_array_equals(ws.events, ["start", "abort:error1"]);
  assert_array_equals(rs.events.filter((e) => e !== "pull"), ["cancel:error1"]);
  assert_false(rs.locked);
  assert_false(ws.locked);
}, "an already aborted signal aborts the destination and cancels the source with its reason");

promise_test(async (t) => {
  const controller = new AbortController();
  controller.abort();
  const rs = recordingReadable();
  const ws = recordingWritable();
  await promise_rejects_dom(t, "AbortError", rs.pipeTo(ws, { signal: controller.signal, preventAbort: true, preventCancel: true }));
  assert_array_equals(ws.events, ["start"]);
  assert_array_equals(rs.events.filter((e) => e !== "pull"), []);
}, "an aborted signal with preventAbort and preventCancel only rejects (with an AbortError by default)");

promise_test(async (t) => {
  const controller = new AbortController();
  let sourceController;
  const rs = new ReadableStream({ start(c) { sourceController = c; } });
  const ws = recordingWritable();
  const p = rs.pipeTo(ws, { signal: controller.signal });
  sourceController.enqueue("a");
  await flushTasks();
  controller.abort(error2);
  await promise_rejects_exactly(t, error2, p);
  assert_array_equals(ws.events, ["start", "write:a", "abort:error2"], "chunks written before the abort stay written");
}, "aborting the signal mid-pipe stops the pipe");

promise_test(async (t) => {
  const controller = new AbortController();
  let resolveWrite;
  const rs = closedReadable(["a", "b"]);
  const events = [];
  const ws = new WritableStream({
    write(chunk) { events.push("write " + chunk); return new Promise((r) => { resolveWrite = r; }); },
    abort(reason) { events.push("abort " + reason.name); },
  });
  const p = rs.pipeTo(ws, { signal: controller.signal });
  await flushTasks();
  controller.abort(error1);
  await flushTasks();
  assert_array_equals(events, ["write a"], "the abort waits for the in-flight write");
  resolveWrite();
  await promise_rejects_exactly(t, error1, p);
  assert_array_equals(events, ["write a", "abort error1"]);
}, "shutdown waits for the pending write before aborting");

promise_test(async () => {
  const controller = new AbortController();
  const rs = closedReadable(["a"]);
  const ws = new WritableStream();
  await rs.pipeTo(ws, { signal: controller.signal });
  controller.abort(error1);
  assert_false(ws.locked, "aborting after the pipe finished has no effect");
}, "aborting after the pipe completed does nothing");

promise_test(async () => {
  let pulls = 0;
  const rs = new ReadableStream({ pull(c) { pulls++; c.enqueue(pulls); } }, { highWaterMark: 0 });
  const resolvers = [];
  const ws = new WritableStream({ write() { return new Promise((r) => resolvers.push(r)); } }, { highWaterMark: 2 });
  rs.pipeTo(ws);
  await flushTasks(4);
  const pullsWithBackpressure = pulls;
  assert_true(pullsWithBackpressure <= 4, `the pipe stops reading when the destination is full (pulled ${pulls})`);
  resolvers.shift()();
  await flushTasks(4);
  assert_true(pulls > pullsWithBackpressure, "and resumes when there is room");
}, "backpressure: the pipe only reads while the destination wants more");

promise_test(async () => {
  const thenCalls = [];
  const originalThen = Promise.prototype.then;
  Promise.prototype.then = function (...args) {
    thenCalls.push("then");
    return originalThen.apply(this, args);
  };
  let done;
  try {
    const pipe = closedReadable(["a", "b"]).pipeTo(new WritableStream());
    done = pipe;
  } finally {
    Promise.prototype.then = originalThen;
  }
  await done;
  assert_array_equals(thenCalls, [], "piping never calls the user-visible Promise.prototype.then");
}, "pipeTo() does not use a patched Promise.prototype.then");

promise_test(async () => {
  Object.prototype.then = function () { throw new Error("Object.prototype.then was called"); };
  try {
    const ws = recordingWritable();
    await new Promise((resolve, reject) => {
      closedReadable(["a"]).pipeTo(ws).then(resolve, reject);
      delete Object.prototype.then;
    });
    assert_array_equals(ws.events, ["start", "write:a", "close"]);
  } finally {
    delete Object.prototype.then;
  }
}, "pipeTo() does not resolve internal promises with objects (no Object.prototype.then lookup)");

test(() => {
  const ts = new TransformStream();
  const rs = new ReadableStream();
  assert_equals(rs.pipeThrough(ts), ts.readable, "returns the readable side");
  assert_true(rs.locked);
  assert_true(ts.writable.locked);
  assert_throws_js(TypeError, () => new ReadableStream().pipeThrough({ writable: new WritableStream() }), "readable required");
  assert_throws_js(TypeError, () => new ReadableStream().pipeThrough({ readable: new ReadableStream() }), "writable required");
  assert_throws_js(TypeError, () => new ReadableStream().pipeThrough({ readable: {}, writable: new WritableStream() }));
  assert_throws_js(TypeError, () => rs.pipeThrough(new TransformStream()), "locked source");
  const locked = new TransformStream();
  locked.writable.getWriter();
  assert_throws_js(TypeError, () => new ReadableStream().pipeThrough(locked), "locked writable");
  assert_throws_js(TypeError, () => new ReadableStream().pipeThrough(new TransformStream(), { signal: 1 }));
}, "pipeThrough(): returns the readable, checks its arguments synchronously");

promise_test(async () => {
  const order = [];
  const pair = {
    get readable() { order.push("readable"); return new ReadableStream(); },
    get writable() { order.push("writable"); return new WritableStream(); },
  };
  new ReadableStream().pipeThrough(pair, { get preventAbort() { order.push("preventAbort"); return false; } });
  assert_array_equals(order, ["readable", "writable", "preventAbort"]);
}, "pipeThrough(): the pair is read before the options");

promise_test(async () => {
  const rs = closedReadable([1, 2, 3]);
  const doubled = rs.pipeThrough(new TransformStream({ transform(c, ctl) { ctl.enqueue(c * 2); } }));
  const plusOne = doubled.pipeThrough(new TransformStream({ transform(c, ctl) { ctl.enqueue(c + 1); } }));
  assert_array_equals(await readAll(plusOne), [3, 5, 7]);
}, "pipeThrough() chains transforms");

promise_test(async (t) => {
  const rs = erroredReadable(error1);
  const out = rs.pipeThrough(new TransformStream());
  await promise_rejects_exactly(t, error1, out.getReader().closed, "errors flow through pipeThrough");
}, "pipeThrough() propagates the source's error to the output");

promise_test(async () => {
  const rs = closedReadable(["a"]);
  const ws1 = recordingWritable();
  const [b1, b2] = rs.tee();
  const ws2 = recordingWritable();
  await Promise.all([b1.pipeTo(ws1), b2.pipeTo(ws2)]);
  assert_array_equals(ws1.events, ["start", "write:a", "close"]);
  assert_array_equals(ws2.events, ["start", "write:a", "close"]);
}, "tee branches can each be piped");

promise_test(async () => {
  const chunks = [];
  const rs = new ReadableStream({
    type: "bytes",
    start(c) { c.enqueue(new Uint8Array([1, 2])); c.enqueue(new Uint8Array([3])); c.close(); },
  });
  await rs.pipeTo(new WritableStream({ write(chunk) { chunks.push(Array.from(chunk)); } }));
  assert_array_equals(chunks.map((c) => c.join(",")), ["1,2", "3"]);
}, "a byte stream can be piped");
