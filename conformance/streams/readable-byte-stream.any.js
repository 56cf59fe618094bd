// META: script=resources/helpers.js
// Readable byte streams: BYOB readers and requests, partial fills, `min`, respond /
// respondWithNewView, detached buffers, autoAllocateChunkSize, releasing with pending
// reads (Streams Standard §4.7–4.10).
"use strict";

test(() => {
  assert_throws_js(RangeError, () => new ReadableStream({ type: "bytes" }, { size() { return 1; } }));
  assert_throws_js(TypeError, () => new ReadableStream({ type: "bytes", autoAllocateChunkSize: 0 }));
  assert_throws_js(TypeError, () => new ReadableStream({ type: "bytes", autoAllocateChunkSize: -1 }));
  assert_throws_js(TypeError, () => new ReadableStream({ type: "bytes", autoAllocateChunkSize: Infinity }));
  assert_throws_js(TypeError, () => new ReadableStream({ type: "byob" }));
  assert_throws_js(RangeError, () => new ReadableStream({ type: "bytes" }, { highWaterMark: -1 }));
}, "constructor: a byte stream rejects a size function, autoAllocateChunkSize 0 and bad types");

test(() => {
  let controller;
  const rs = new ReadableStream({ type: "bytes", start(c) { controller = c; } });
  assert_equals(controller.constructor, ReadableByteStreamController);
  assert_equals(controller.desiredSize, 0, "default highWaterMark of a byte stream is 0");
  assert_equals(controller.byobRequest, null);
  const rs2 = new ReadableStream({ type: "bytes", start(c) { controller = c; } }, { highWaterMark: 16 });
  assert_equals(controller.desiredSize, 16);
  controller.enqueue(new Uint8Array(10));
  assert_equals(controller.desiredSize, 6, "desiredSize counts bytes");
  void rs; void rs2;
}, "controller: desiredSize counts queued bytes, byobRequest null without a BYOB read");

test(() => {
  const rs = new ReadableStream();
  assert_throws_js(TypeError, () => rs.getReader({ mode: "byob" }), "default stream");
  assert_throws_js(TypeError, () => new ReadableStreamBYOBReader(rs));
  const bs = new ReadableStream({ type: "bytes" });
  bs.getReader();
  assert_throws_js(TypeError, () => bs.getReader({ mode: "byob" }), "locked stream");
  assert_throws_js(TypeError, () => new ReadableStream({ type: "bytes" }).getReader({ mode: "BYOB" }), "enum is exact");
}, "getReader({ mode: 'byob' }) needs an unlocked byte stream");

promise_test(async (t) => {
  const rs = new ReadableStream({ type: "bytes", pull: t.unreached_func("pull") });
  const reader = rs.getReader({ mode: "byob" });
  await promise_rejects_js(t, TypeError, reader.read(), "no view");
  await promise_rejects_js(t, TypeError, reader.read(new ArrayBuffer(1)), "not a view");
  await promise_rejects_js(t, TypeError, reader.read(new Uint8Array(0)), "empty view");
  await promise_rejects_js(t, TypeError, reader.read(new Uint8Array(new ArrayBuffer(0))), "empty buffer");
  const detached = new Uint8Array(4);
  detached.buffer.transfer();
  await promise_rejects_js(t, TypeError, reader.read(detached), "detached buffer");
  await promise_rejects_js(t, TypeError, reader.read(new Uint8Array(1), { min: 0 }), "min 0");
  await promise_rejects_js(t, RangeError, reader.read(new Uint8Array(1), { min: 2 }), "min > length");
  await promise_rejects_js(t, RangeError, reader.read(new Uint16Array(2), { min: 3 }), "min > elements");
  await promise_rejects_js(t, RangeError, reader.read(new DataView(new ArrayBuffer(2)), { min: 3 }), "min > byteLength");
  await promise_rejects_js(t, TypeError, reader.read(new Uint8Array(1), { min: -1 }), "[EnforceRange]");
  const resizable = new Uint8Array(new ArrayBuffer(4, { maxByteLength: 8 }));
  await promise_rejects_js(t, TypeError, reader.read(resizable), "resizable buffers are not allowed");
  reader.releaseLock();
  await promise_rejects_js(t, TypeError, reader.read(new Uint8Array(1)), "released reader");
}, "BYOB read(): argument checks reject in the spec's order");

promise_test(async () => {
  const rs = new ReadableStream({
    type: "bytes",
    pull(c) {
      const v = c.byobRequest.view;
      assert_equals(v.constructor, Uint8Array);
      assert_equals(v.byteOffset, 2);
      assert_equals(v.byteLength, 4);
      v[0] = 7;
      v[1] = 8;
      c.byobRequest.respond(2);
    },
  });
  const reader = rs.getReader({ mode: "byob" });
  const buffer = new ArrayBuffer(8);
  const view = new Uint8Array(buffer, 2, 4);
  const { value, done } = await reader.read(view);
  assert_false(done);
  assert_equals(buffer.byteLength, 0, "the given buffer is transferred (detached)");
  assert_equals(value.constructor, Uint8Array);
  assert_equals(value.buffer.byteLength, 8);
  assert_equals(value.byteOffset, 2);
  assert_equals(value.byteLength, 2, "a partial fill resolves with the filled part");
  assert_array_equals(bytes(value), [7, 8]);
}, "BYOB read(): respond() with a partial fill resolves with the filled part of the view");

promise_test(async () => {
  let pulls = 0;
  const rs = new ReadableStream({
    type: "bytes",
    pull(c) {
      pulls++;
      const v = c.byobRequest.view;
      v[0] = pulls;
      c.byobRequest.respond(1);
    },
  });
  const reader = rs.getReader({ mode: "byob" });
  const { value } = await reader.read(new Uint8Array(3), { min: 3 });
  assert_array_equals(bytes(value), [1, 2, 3], "keeps pulling until min elements are filled");
  assert_equals(pulls, 3);
}, "BYOB read({ min }): pulls until the minimum is filled");

promise_test(async () => {
  const rs = new ReadableStream({
    type: "bytes",
    start(c) { c.enqueue(new Uint8Array([1])); },
    pull(c) {
      const v = c.byobRequest.view;
      assert_equals(v.byteOffset, 1, "the request covers the unfilled rest");
      assert_equals(v.byteLength, 2);
      v.set([2, 3]);
      c.byobRequest.respond(2);
    },
  });
  const reader = rs.getReader({ mode: "byob" });
  const { value } = await reader.read(new Uint8Array(3), { min: 3 });
  assert_array_equals(bytes(value), [1, 2, 3]);
}, "BYOB read({ min }): queued bytes are copied first, then the rest is requested");

promise_test(async () => {
  const rs = new ReadableStream({
    type: "bytes",
    start(c) { c.enqueue(new Uint8Array([1, 2, 3])); },
  });
  const reader = rs.getReader({ mode: "byob" });
  const { value } = await reader.read(new Uint16Array(1));
  assert_equals(value.constructor, Uint16Array);
  assert_equals(value.length, 1);
  assert_array_equals(bytes(value), [1, 2]);
  const second = await reader.read(new Uint8Array(4));
  assert_array_equals(bytes(second.value), [3], "the byte left over stays queued");
}, "BYOB read(): a Uint16Array view only takes whole elements from the queue");

promise_test(async (t) => {
  let controller;
  const rs = new ReadableStream({ type: "bytes", start(c) { controller = c; } });
  const reader = rs.getReader({ mode: "byob" });
  const read = reader.read(new Uint16Array(2));
  controller.enqueue(new Uint8Array([1, 2, 3]));
  const { value } = await read;
  assert_array_equals(bytes(value), [1, 2]);
  const read2 = reader.read(new Uint16Array(1));
  assert_throws_js(TypeError, () => controller.close(), "one byte cannot complete a Uint16 element");
  await promise_rejects_js(t, TypeError, read2, "the stream is errored");
  await promise_rejects_js(t, TypeError, reader.closed);
}, "close() with a partial element pending errors the stream");

promise_test(async (t) => {
  let controller;
  const rs = new ReadableStream({ type: "bytes", start(c) { controller = c; } });
  const reader = rs.getReader({ mode: "byob" });
  const read = reader.read(new Uint16Array(1));
  await flushTasks();
  controller.byobRequest.view[0] = 1;
  controller.byobRequest.respond(1);
  assert_throws_js(TypeError, () => controller.close(), "close with a half-filled element errors the stream");
  await promise_rejects_js(t, TypeError, read);
  await promise_rejects_js(t, TypeError, reader.closed);
}, "close() while a pull-into holds a partial element errors the stream with a TypeError");

promise_test(async () => {
  const rs = new ReadableStream({ type: "bytes", start(c) { c.close(); } });
  const reader = rs.getReader({ mode: "byob" });
  const { value, done } = await reader.read(new Uint8Array([9, 9]));
  assert_true(done);
  assert_equals(value.constructor, Uint8Array);
  assert_equals(value.byteLength, 0, "an empty view on the transferred buffer");
  assert_equals(value.buffer.byteLength, 2);
}, "BYOB read() on a closed stream resolves done with an empty view of the same type");

promise_test(async () => {
  const rs = new ReadableStream({
    type: "bytes",
    pull(c) {
      c.byobRequest.view[0] = 5;
      c.byobRequest.respond(1);
      c.close();
      c.byobRequest.respond(0);
    },
  });
  const reader = rs.getReader({ mode: "byob" });
  const first = await reader.read(new Uint8Array(4), { min: 4 });
  assert_true(first.done, "closing before min is reached resolves done with the bytes so far");
  assert_array_equals(bytes(first.value), [5]);
}, "BYOB read({ min }): closing before the minimum resolves done with what was filled");

promise_test(async (t) => {
  let byobRequest;
  const rs = new ReadableStream({
    type: "bytes",
    pull(c) { byobRequest = c.byobRequest; },
  });
  const reader = rs.getReader({ mode: "byob" });
  reader.read(new Uint8Array(4));
  await flushTasks();
  assert_not_equals(byobRequest, null);
  assert_throws_js(TypeError, () => byobRequest.respond(0), "0 bytes on a readable stream");
  assert_throws_js(RangeError, () => byobRequest.respond(5), "more than the view");
  assert_throws_js(TypeError, () => byobRequest.respond(-1), "[EnforceRange]");
  assert_throws_js(TypeError, () => byobRequest.respondWithNewView(new Uint8Array(0)), "empty view");
  assert_throws_js(RangeError, () => byobRequest.respondWithNewView(new Uint8Array(new ArrayBuffer(5), 0, 4)), "a buffer of another size");
  const wrongOffset = new Uint8Array(byobRequest.view.buffer, 1, 1);
  assert_throws_js(RangeError, () => byobRequest.respondWithNewView(wrongOffset), "wrong byteOffset");
  byobRequest.view.buffer.transfer();
  assert_throws_js(TypeError, () => byobRequest.respond(1), "detached request buffer");
}, "respond() and respondWithNewView() validate their arguments");

promise_test(async () => {
  let byobRequest, view;
  const rs = new ReadableStream({
    type: "bytes",
    pull(c) {
      byobRequest = c.byobRequest;
      view = byobRequest.view;
      const transferred = new Uint8Array(view.buffer.transfer(), view.byteOffset, 2);
      transferred[0] = 4;
      transferred[1] = 2;
      byobRequest.respondWithNewView(transferred);
    },
  });
  const reader = rs.getReader({ mode: "byob" });
  const { value } = await reader.read(new Uint8Array(8));
  assert_array_equals(bytes(value), [4, 2]);
  assert_equals(byobRequest.view, null, "the request is invalidated after responding");
  assert_throws_js(TypeError, () => byobRequest.respond(1), "respond on an invalidated request");
}, "respondWithNewView() accepts a view on the transferred buffer; the request is then invalidated");

promise_test(async () => {
  let controller;
  const rs = new ReadableStream({ type: "bytes", start(c) { controller = c; } });
  const reader = rs.getReader({ mode: "byob" });
  const read = reader.read(new Uint8Array(4));
  await flushTasks();
  const request = controller.byobRequest;
  assert_equals(controller.byobRequest, request, "byobRequest is the same object until used");
  controller.close();
  assert_throws_js(TypeError, () => request.respond(1), "a closed stream takes respond(0) only");
  request.respond(0);
  const { value, done } = await read;
  assert_true(done);
  assert_equals(value.byteLength, 0);
}, "respond(0) after close() completes a pending BYOB read with done");

promise_test(async () => {
  let controller;
  const rs = new ReadableStream({ type: "bytes", start(c) { controller = c; } });
  const reader = rs.getReader({ mode: "byob" });
  const read = reader.read(new Uint8Array(4));
  await flushTasks();
  const request = controller.byobRequest;
  controller.enqueue(new Uint8Array([1, 2]));
  assert_equals(request.view, null, "enqueue() invalidates the BYOB request");
  const { value } = await read;
  assert_array_equals(bytes(value), [1, 2], "enqueued bytes fill the pending BYOB read");
}, "enqueue() while a BYOB read is pending fills it and invalidates the request");

promise_test(async (t) => {
  let controller;
  const rs = new ReadableStream({ type: "bytes", start(c) { controller = c; } });
  const reader = rs.getReader({ mode: "byob" });
  reader.read(new Uint8Array(4)).catch(() => {});
  await flushTasks();
  controller.byobRequest.view.buffer.transfer();
  assert_throws_js(TypeError, () => controller.enqueue(new Uint8Array(1)), "the request buffer is detached");
  const chunk = new Uint8Array(4);
  chunk.buffer.transfer();
  assert_throws_js(TypeError, () => controller.enqueue(chunk), "a detached chunk");
  assert_throws_js(TypeError, () => controller.enqueue(new Uint8Array(0)), "an empty chunk");
  assert_throws_js(TypeError, () => controller.enqueue({}), "not a view");
}, "enqueue() rejects detached buffers and empty views");

promise_test(async () => {
  const chunk = new Uint8Array([1, 2, 3]);
  const buffer = chunk.buffer;
  const rs = new ReadableStream({ type: "bytes", start(c) { c.enqueue(chunk); } });
  assert_equals(buffer.byteLength, 0, "enqueue() transfers the chunk's buffer");
  const { value } = await rs.getReader().read();
  assert_equals(value.constructor, Uint8Array);
  assert_array_equals(bytes(value), [1, 2, 3]);
}, "enqueue() transfers the chunk's buffer and a default reader gets a Uint8Array");

promise_test(async () => {
  let controller;
  const rs = new ReadableStream({
    type: "bytes",
    autoAllocateChunkSize: 16,
    start(c) { controller = c; },
    pull(c) {
      const v = c.byobRequest.view;
      assert_equals(v.byteLength, 16, "autoAllocateChunkSize sized request");
      v[0] = 42;
      c.byobRequest.respond(1);
    },
  });
  const reader = rs.getReader();
  const { value } = await reader.read();
  assert_equals(value.constructor, Uint8Array);
  assert_array_equals(bytes(value), [42]);
  assert_equals(value.buffer.byteLength, 16);
  void controller;
}, "autoAllocateChunkSize gives a default reader's read a BYOB request");

promise_test(async () => {
  let controller;
  const rs = new ReadableStream({ type: "bytes", autoAllocateChunkSize: 8, start(c) { controller = c; } });
  const reader = rs.getReader();
  const read = reader.read();
  await flushTasks();
  const view = controller.byobRequest.view;
  view[0] = 1;
  controller.byobRequest.respond(1);
  assert_array_equals(bytes((await read).value), [1]);
  const read2 = reader.read();
  await flushTasks();
  controller.enqueue(new Uint8Array([5, 6]));
  const { value } = await read2;
  assert_array_equals(bytes(value), [5, 6], "enqueue discards the auto-allocated request");
}, "autoAllocateChunkSize: respond() and enqueue() both fulfill the default read");

promise_test(async (t) => {
  let controller;
  const rs = new ReadableStream({ type: "bytes", start(c) { controller = c; } });
  const reader = rs.getReader({ mode: "byob" });
  const read = reader.read(new Uint8Array(4));
  await flushTasks();
  const request = controller.byobRequest;
  request.view[0] = 3;
  reader.releaseLock();
  await promise_rejects_js(t, TypeError, read);
  // The pending pull-into stays; responding to it now queues the filled bytes.
  request.respond(1);
  const reader2 = rs.getReader();
  const { value } = await reader2.read();
  assert_array_equals(bytes(value), [3], "bytes written after release are enqueued");
}, "releaseLock() with a pending BYOB read rejects it; a later respond() enqueues the filled bytes");

promise_test(async (t) => {
  const rs = new ReadableStream({ type: "bytes" });
  const reader = rs.getReader({ mode: "byob" });
  const read = reader.read(new Uint8Array(1));
  reader.releaseLock();
  await promise_rejects_js(t, TypeError, read, "pending read rejects on release");
  await promise_rejects_js(t, TypeError, reader.closed, "closed rejects on release");
}, "releaseLock() rejects pending BYOB reads and the closed promise");

promise_test(async () => {
  let cancelReason;
  const rs = new ReadableStream({ type: "bytes", cancel(r) { cancelReason = r; } });
  const reader = rs.getReader({ mode: "byob" });
  const read = reader.read(new Uint8Array(1));
  await reader.cancel("why");
  const { value, done } = await read;
  assert_true(done);
  assert_equals(value, undefined, "a canceled BYOB read resolves with undefined value");
  assert_equals(cancelReason, "why");
}, "cancel() resolves pending BYOB reads with { value: undefined, done: true }");

promise_test(async (t) => {
  const error = namedError("boom");
  let controller;
  const rs = new ReadableStream({ type: "bytes", start(c) { controller = c; } });
  const reader = rs.getReader({ mode: "byob" });
  const read = reader.read(new Uint8Array(1));
  controller.error(error);
  await promise_rejects_exactly(t, error, read);
  await promise_rejects_exactly(t, error, reader.closed);
  assert_equals(controller.desiredSize, null);
  assert_equals(controller.byobRequest, null, "error() clears pending pull-intos");
}, "error() rejects pending BYOB reads");

promise_test(async () => {
  const rs = new ReadableStream({
    type: "bytes",
    start(c) {
      c.enqueue(new Uint8Array([1, 2, 3, 4]));
      c.close();
    },
  });
  const reader = rs.getReader({ mode: "byob" });
  const a = await reader.read(new Uint8Array(3));
  assert_array_equals(bytes(a.value), [1, 2, 3]);
  const b = await reader.read(new Uint8Array(3));
  assert_array_equals(bytes(b.value), [4]);
  assert_false(b.done);
  const c = await reader.read(new Uint8Array(3));
  assert_true(c.done, "the stream closes once its queue drains");
  await reader.closed;
}, "a closed byte stream drains its queue through BYOB reads, then reports done");

promise_test(async () => {
  const rs = new ReadableStream({
    type: "bytes",
    start(c) { c.enqueue(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8])); },
  });
  const reader = rs.getReader({ mode: "byob" });
  const { value } = await reader.read(new DataView(new ArrayBuffer(3)));
  assert_equals(value.constructor, DataView);
  assert_equals(value.byteLength, 3);
  assert_equals(value.getUint8(2), 3);
  reader.releaseLock();
  const rest = await rs.getReader().read();
  assert_array_equals(bytes(rest.value), [4, 5, 6, 7, 8], "a default reader gets what is left");
}, "BYOB reads into a DataView, then a default reader continues");

promise_test(async (t) => {
  const memory = new WebAssembly.Memory({ initial: 1 });
  const rs = new ReadableStream({ type: "bytes", pull: t.unreached_func("pull") });
  const reader = rs.getReader({ mode: "byob" });
  await promise_rejects_js(t, TypeError, reader.read(new Uint8Array(memory.buffer, 0, 1)));
  let controller;
  new ReadableStream({ type: "bytes", start(c) { controller = c; } });
  assert_throws_js(TypeError, () => controller.enqueue(new Uint8Array(memory.buffer, 0, 1)));
}, "buffers that cannot be transferred (WebAssembly.Memory) are rejected");
