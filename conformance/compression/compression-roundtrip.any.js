// META: script=resources/helpers.js
// META: timeout=long
// Compression Streams: compress then decompress gives back the input.
"use strict";

const text = asciiBytes(
  "Hello, compression! ".repeat(200) + "The quick brown fox jumps over the lazy dog. ".repeat(50));

for (const format of formats) {
  promise_test(async (t) => {
    const compressed = await compress(format, [text]);
    assert_less_than(compressed.length, text.length, "the output is smaller for repetitive input");
    const round = await decompress(format, [compressed]);
    assert_array_equals(round, text);
  }, `${format}: round trip of repetitive text`);

  promise_test(async (t) => {
    const compressed = await compress(format, []);
    assert_greater_than(compressed.length, 0, "an empty input still gives a valid stream");
    const round = await decompress(format, [compressed]);
    assert_equals(round.length, 0);
  }, `${format}: round trip of empty input (no chunks)`);

  promise_test(async (t) => {
    const compressed = await compress(format, [new Uint8Array(0), new Uint8Array(0)]);
    const round = await decompress(format, [compressed]);
    assert_equals(round.length, 0);
  }, `${format}: round trip of empty chunks`);

  promise_test(async (t) => {
    const input = pseudoRandomBytes(3000, 7);
    const chunks = [];
    for (let i = 0; i < input.length; i++) chunks.push(input.subarray(i, i + 1));
    const compressed = await compress(format, chunks);
    const round = await decompress(format, [compressed]);
    assert_array_equals(round, input);
  }, `${format}: round trip of 3000 one-byte chunks`);

  promise_test(async (t) => {
    const input = pseudoRandomBytes(2000, 11);
    const compressed = await compress(format, [input]);
    const pieces = [];
    for (let i = 0; i < compressed.length; i++) pieces.push(compressed.slice(i, i + 1));
    const round = await decompress(format, pieces);
    assert_array_equals(round, input);
  }, `${format}: decompressing one byte at a time`);

  promise_test(async (t) => {
    const input = pseudoRandomBytes(4 * 1024 * 1024, 3);
    const compressed = await compress(format, [input.subarray(0, 1 << 20), input.subarray(1 << 20)]);
    const { chunks, bytes } = await pipeChunks(new DecompressionStream(format), [compressed]);
    assert_equals(bytes.length, input.length, "length");
    let same = true;
    for (let i = 0; i < input.length; i++) if (bytes[i] !== input[i]) { same = false; break; }
    assert_true(same, "the bytes match");
    for (const chunk of chunks) assert_true(chunk instanceof Uint8Array, "chunks are Uint8Arrays");
  }, `${format}: round trip of 4 MB`);

  promise_test(async (t) => {
    const input = new Uint8Array(1 << 20); // zeros compress ~1000:1
    const compressed = await compress(format, [input]);
    assert_less_than(compressed.length, 20000);
    const round = await decompress(format, [compressed]);
    assert_equals(round.length, input.length);
    assert_true(round.every((b) => b === 0));
  }, `${format}: highly compressible input (1 MB of zeros)`);

  promise_test(async (t) => {
    const input = pseudoRandomBytes(1000, 5);
    const buffer = input.slice().buffer;
    const views = [
      buffer,
      new DataView(buffer),
      new Int16Array(buffer, 0, 500),
      new Float64Array(input.slice(0, 1000).buffer, 0, 125),
      new Uint8ClampedArray(buffer),
    ];
    for (const view of views) {
      const compressed = await compress(format, [view]);
      const round = await decompress(format, [compressed]);
      const expected = ArrayBuffer.isView(view)
        ? new Uint8Array(view.buffer, view.byteOffset, view.byteLength)
        : new Uint8Array(view);
      assert_array_equals(round, expected, Object.prototype.toString.call(view));
    }
  }, `${format}: every BufferSource kind is accepted`);

  promise_test(async (t) => {
    const input = pseudoRandomBytes(100, 9);
    const holder = new Uint8Array(300);
    holder.set(input, 100);
    const view = holder.subarray(100, 200);
    const compressed = await compress(format, [view]);
    assert_array_equals(await decompress(format, [compressed]), input);
  }, `${format}: a view with an offset compresses only its bytes`);

  promise_test(async (t) => {
    const input = asciiBytes("pipe through ".repeat(100));
    const source = new ReadableStream({
      start(controller) {
        controller.enqueue(input.subarray(0, 500));
        controller.enqueue(input.subarray(500));
        controller.close();
      },
    });
    const result = source.pipeThrough(new CompressionStream(format)).pipeThrough(new DecompressionStream(format));
    const reader = result.getReader();
    const chunks = [];
    while (true) {
      const { value, done } = await reader.read();
      if (done) break;
      chunks.push(value);
    }
    assert_array_equals(concatChunks(chunks), input);
  }, `${format}: pipeThrough compression and decompression`);
}
