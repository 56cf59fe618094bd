// META: script=resources/helpers.js
// tee() of default and byte streams: both branches see every chunk, cancel of one or both
// branches (composite reason), error propagation, and byte-stream specifics (chunks are
// cloned, BYOB reads on a branch) (Streams §4.9.1 ReadableStreamTee).
"use strict";

promise_test(async () => {
  const rs = new ReadableStream({ start(c) { c.enqueue("a"); c.enqueue("b"); c.close(); } });
  const branches = rs.tee();
  assert_true(Array.isArray(branches));
  assert_equals(branches.length, 2);
  assert_true(rs.locked, "the original is locked");
  assert_equals(branches[0].constructor, ReadableStream);
  assert_array_equals(await readAll(branches[0]), ["a", "b"]);
  assert_array_equals(await readAll(branches[1]), ["a", "b"], "reading one branch does not consume the other");
}, "tee(): both branches get every chunk");

promise_test(async () => {
  const chunk = { id: 1 };
  const rs = new ReadableStream({ start(c) { c.enqueue(chunk); c.close(); } });
  const [a, b] = rs.tee();
  const [x] = await readAll(a);
  const [y] = await readAll(b);
  assert_equals(x, chunk, "a default stream's tee does not clone");
  assert_equals(y, chunk);
}, "tee() of a default stream hands the same chunk object to both branches");

promise_test(async (t) => {
  const error = namedError("E");
  let controller;
  const rs = new ReadableStream({ start(c) { controller = c; } });
  const [a, b] = rs.tee();
  const ra = a.getReader();
  const rb = b.getReader();
  controller.error(error);
  await promise_rejects_exactly(t, error, ra.closed);
  await promise_rejects_exactly(t, error, rb.closed);
}, "tee(): an error of the original errors both branches");

promise_test(async () => {
  let cancelReason;
  const rs = new ReadableStream({ cancel(r) { cancelReason = r; } });
  const [a, b] = rs.tee();
  let firstDone = false;
  const p1 = a.cancel("r1").then(() => { firstDone = true; });
  await flushTasks();
  assert_false(firstDone, "cancelling one branch waits for the other");
  assert_equals(cancelReason, undefined, "the original is not canceled yet");
  await b.cancel("r2");
  await p1;
  assert_array_equals(cancelReason, ["r1", "r2"], "the original is canceled with both reasons");
}, "tee(): cancelling both branches cancels the original with [reason1, reason2]");

promise_test(async () => {
  let cancelReason;
  const rs = new ReadableStream({ cancel(r) { cancelReason = r; } });
  const [a, b] = rs.tee();
  await Promise.all([b.cancel("second"), a.cancel("first")]);
  assert_array_equals(cancelReason, ["first", "second"], "branch order, not call order");
}, "tee(): the composite reason is in branch order");

promise_test(async () => {
  const rs = new ReadableStream({ start(c) { c.enqueue(1); c.enqueue(2); c.close(); } });
  const [a, b] = rs.tee();
  const cancel = a.cancel();
  assert_array_equals(await readAll(b), [1, 2], "the other branch still reads everything");
  await cancel;
}, "tee(): cancelling one branch does not affect the other; its cancel resolves when the original ends");

promise_test(async (t) => {
  const error = namedError("cancel failed");
  const rs = new ReadableStream({ cancel() { throw error; } });
  const [a, b] = rs.tee();
  const p1 = a.cancel();
  const p2 = b.cancel();
  await promise_rejects_exactly(t, error, p1);
  await promise_rejects_exactly(t, error, p2);
}, "tee(): a failing original cancel rejects both branch cancels");

promise_test(async () => {
  let controller;
  const rs = new ReadableStream({ start(c) { controller = c; } });
  const [a, b] = rs.tee();
  const p = a.cancel("x");
  controller.close();
  await p;
  assert_array_equals(await readAll(b), []);
}, "tee(): a branch cancel resolves when the original closes");

promise_test(async () => {
  let pulls = 0;
  const rs = new ReadableStream({ pull(c) { pulls++; c.enqueue(pulls); } });
  const [a] = rs.tee();
  await flushTasks();
  const pullsBefore = pulls;
  await a.getReader().read();
  await flushTasks();
  assert_true(pulls >= pullsBefore, "pulling is driven by the branches");
  assert_true(pulls <= pullsBefore + 2, "without reading far ahead");
}, "tee(): the original is pulled as the branches need chunks");

promise_test(async () => {
  const rs = new ReadableStream({
    type: "bytes",
    start(c) { c.enqueue(new Uint8Array([1, 2, 3])); c.close(); },
  });
  const [a, b] = rs.tee();
  const [x] = await readAll(a);
  const [y] = await readAll(b);
  assert_array_equals(bytes(x), [1, 2, 3]);
  assert_array_equals(bytes(y), [1, 2, 3]);
  assert_not_equals(x.buffer, y.buffer, "byte chunks are cloned for the second branch");
  x[0] = 9;
  assert_equals(y[0], 1);
}, "tee() of a byte stream gives each branch its own bytes");

promise_test(async () => {
  const rs = new ReadableStream({
    type: "bytes",
    pull(c) {
      const v = c.byobRequest ? c.byobRequest.view : null;
      if (v) {
        v[0] = 42;
        c.byobRequest.respond(1);
      } else {
        c.enqueue(new Uint8Array([42]));
      }
    },
  });
  const [a, b] = rs.tee();
  const reader = a.getReader({ mode: "byob" });
  const { value } = await reader.read(new Uint8Array(4));
  assert_array_equals(bytes(value), [42], "a BYOB read on a branch is forwarded to the original");
  const other = await b.getReader().read();
  assert_array_equals(bytes(other.value), [42], "the other branch gets a copy");
}, "tee() of a byte stream: branches are byte streams supporting BYOB readers");

promise_test(async (t) => {
  const error = namedError("E");
  let controller;
  const rs = new ReadableStream({ type: "bytes", start(c) { controller = c; } });
  const [a, b] = rs.tee();
  const ra = a.getReader({ mode: "byob" });
  const read = ra.read(new Uint8Array(2));
  await flushTasks();
  controller.error(error);
  await promise_rejects_exactly(t, error, read);
  await promise_rejects_exactly(t, error, b.getReader().closed);
}, "tee() of a byte stream: errors reach pending BYOB reads on a branch");

promise_test(async () => {
  let cancelReason;
  const rs = new ReadableStream({ type: "bytes", cancel(r) { cancelReason = r; } });
  const [a, b] = rs.tee();
  await Promise.all([a.cancel(1), b.cancel(2)]);
  assert_array_equals(cancelReason, [1, 2]);
}, "tee() of a byte stream: cancel both branches");

promise_test(async () => {
  const rs = new ReadableStream({ type: "bytes", start(c) { c.close(); } });
  const [a, b] = rs.tee();
  const { done, value } = await a.getReader({ mode: "byob" }).read(new Uint8Array(1));
  assert_true(done);
  assert_equals(value.byteLength, 0);
  assert_true((await b.getReader().read()).done);
}, "tee() of a closed byte stream: a BYOB read on a branch reports done");

test(() => {
  const rs = new ReadableStream();
  rs.getReader();
  assert_throws_js(TypeError, () => rs.tee(), "tee of a locked stream");
  assert_throws_js(TypeError, () => ReadableStream.prototype.tee.call({}));
}, "tee(): throws for locked streams and non-streams");
