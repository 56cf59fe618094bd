// META: script=resources/helpers.js
// Chunks that are not BufferSources are TypeErrors, for both directions.
"use strict";

const badChunks = [
  ["undefined", undefined],
  ["null", null],
  ["a number", 3.14],
  ["a string", "hello"],
  ["an object", { byteLength: 3 }],
  ["an array", [1, 2, 3]],
  ["a boolean", true],
  ["a symbol", Symbol("x")],
];
if (typeof SharedArrayBuffer === "function") {
  badChunks.push(["a SharedArrayBuffer", new SharedArrayBuffer(4)]);
  badChunks.push(["a Uint8Array over a SharedArrayBuffer", new Uint8Array(new SharedArrayBuffer(4))]);
}

for (const Ctor of [CompressionStream, DecompressionStream]) {
  for (const format of formats) {
    for (const [label, chunk] of badChunks) {
      promise_test(async (t) => {
        const stream = new Ctor(format);
        const writer = stream.writable.getWriter();
        const reader = stream.readable.getReader();
        const write = writer.write(chunk);
        const read = reader.read();
        await promise_rejects_js(t, TypeError, write, "write");
        await promise_rejects_js(t, TypeError, read, "read");
      }, `${Ctor.name} ${format}: writing ${label} is a TypeError`);
    }
  }
}
