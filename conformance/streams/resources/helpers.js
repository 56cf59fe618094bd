// Helpers shared by the streams conformance tests (Verge's own, derived from the Streams
// Standard).
"use strict";

/** Resolves after `n` macrotasks, so every pending microtask and reaction has run. */
function flushTasks(n = 2) {
  let p = Promise.resolve();
  for (let i = 0; i < n; i++) p = p.then(() => new Promise((resolve) => setTimeout(resolve, 0)));
  return p;
}

function delayMs(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A named error whose identity tests compare. */
function namedError(name) {
  const e = new Error(name);
  e.name = name;
  return e;
}

/** A writable stream recording calls as strings ("write:a", "close", "abort:r"). */
function recordingWritable(extra = {}, strategy = undefined) {
  const events = [];
  const sink = {
    start(c) {
      events.push("start");
      if (extra.start) return extra.start(c);
    },
    write(chunk, c) {
      events.push("write:" + String(chunk));
      if (extra.write) return extra.write(chunk, c);
    },
    close() {
      events.push("close");
      if (extra.close) return extra.close();
    },
    abort(reason) {
      events.push("abort:" + String(reason && reason.name ? reason.name : reason));
      if (extra.abort) return extra.abort(reason);
    },
  };
  const stream = new WritableStream(sink, strategy);
  stream.events = events;
  return stream;
}

/** A readable stream recording pull/cancel calls; `controller` is exposed. */
function recordingReadable(extra = {}, strategy = undefined) {
  const events = [];
  let controller;
  const stream = new ReadableStream({
    start(c) {
      controller = c;
      if (extra.start) return extra.start(c);
    },
    pull(c) {
      events.push("pull");
      if (extra.pull) return extra.pull(c);
    },
    cancel(reason) {
      events.push("cancel:" + String(reason && reason.name ? reason.name : reason));
      if (extra.cancel) return extra.cancel(reason);
    },
  }, strategy);
  stream.events = events;
  stream.controller = controller;
  return stream;
}

async function readAll(stream) {
  const reader = stream.getReader();
  const chunks = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  return chunks;
}

function bytes(view) {
  return Array.from(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
}
