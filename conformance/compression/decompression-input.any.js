// META: script=resources/helpers.js
// DecompressionStream: known compressed input, split at every position, output shape.
"use strict";

for (const format of formats) {
  promise_test(async (t) => {
    const { chunks, bytes } = await pipeChunks(new DecompressionStream(format), [compressedExpectedOutput[format]]);
    assert_array_equals(bytes, expectedOutput);
    for (const chunk of chunks) {
      assert_equals(Object.prototype.toString.call(chunk), "[object Uint8Array]", "chunk type");
      assert_greater_than(chunk.byteLength, 0, "no empty chunks are enqueued");
    }
  }, `${format}: decompressing known input gives the expected output as Uint8Arrays`);

  promise_test(async (t) => {
    const input = compressedExpectedOutput[format];
    for (let split = 1; split < input.length; split++) {
      const out = await decompress(format, [input.slice(0, split), input.slice(split)]);
      assert_array_equals(out, expectedOutput, `split at ${split}`);
    }
  }, `${format}: known input split into two chunks at every position`);

  promise_test(async (t) => {
    const input = compressedExpectedOutput[format];
    const ds = new DecompressionStream(format);
    const writer = ds.writable.getWriter();
    const reader = ds.readable.getReader();
    // Output is produced per chunk: reading works before the writer is closed.
    writer.write(input);
    let received = new Uint8Array(0);
    while (received.length < expectedOutput.length) {
      const { value, done } = await reader.read();
      assert_false(done, "not done before close");
      received = concatChunks([received, value]);
    }
    assert_array_equals(received, expectedOutput);
    await writer.close();
    const last = await reader.read();
    assert_true(last.done, "done after close");
  }, `${format}: output is available before the writable side is closed`);

  promise_test(async (t) => {
    const input = compressedExpectedOutput[format];
    const out = await decompress(format, [input.buffer.slice(input.byteOffset, input.byteOffset + input.byteLength)]);
    assert_array_equals(out, expectedOutput);
    const out2 = await decompress(format, [new DataView(input.buffer, input.byteOffset, input.byteLength)]);
    assert_array_equals(out2, expectedOutput);
  }, `${format}: ArrayBuffer and DataView input`);

  promise_test(async (t) => {
    const input = compressedExpectedOutput[format];
    const out = await decompress(format, [new Uint8Array(0), input, new Uint8Array(0)]);
    assert_array_equals(out, expectedOutput);
  }, `${format}: empty chunks around the input are fine`);
}

promise_test(async (t) => {
  const gzip = await compress("gzip", [expectedOutput]);
  assert_equals(gzip[0], 0x1f, "ID1");
  assert_equals(gzip[1], 0x8b, "ID2");
  assert_equals(gzip[2], 8, "CM = deflate");
  const deflate = await compress("deflate", [expectedOutput]);
  assert_equals(deflate[0] & 0x0f, 8, "CM = 8");
  assert_equals(((deflate[0] << 8) | deflate[1]) % 31, 0, "FCHECK");
}, "compressed output carries the gzip and zlib headers");

promise_test(async (t) => {
  // Two gzip members back to back: the second one is data after the end of the first stream.
  const member = compressedExpectedOutput.gzip;
  const ds = new DecompressionStream("gzip");
  const writer = ds.writable.getWriter();
  const reader = ds.readable.getReader();
  const write = writer.write(concatChunks([member, member]));
  const first = await reader.read();
  assert_array_equals(first.value, expectedOutput, "the first member is decoded");
  await promise_rejects_js(t, TypeError, reader.read(), "then the stream errors");
  await promise_rejects_js(t, TypeError, write);
}, "gzip: a second member after the first is an error (data after the end)");
