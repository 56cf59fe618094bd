// META: script=resources/helpers.js
// DecompressionStream errors: corrupt, truncated and trailing input are TypeErrors.
"use strict";

async function expectError(format, chunks, { close = true } = {}) {
  const ds = new DecompressionStream(format);
  const writer = ds.writable.getWriter();
  const reader = ds.readable.getReader();
  const writes = chunks.map((chunk) => writer.write(chunk));
  for (const write of writes) write.catch(() => {});
  const closed = close ? writer.close() : Promise.resolve();
  closed.catch(() => {});
  const output = [];
  let error;
  while (true) {
    try {
      const { value, done } = await reader.read();
      if (done) break;
      output.push(value);
    } catch (e) {
      error = e;
      break;
    }
  }
  return { error, output: concatChunks(output), writes, closed };
}

const garbage = new Uint8Array([0x66, 0x6f, 0x6f, 0x62, 0x61, 0x72, 0x21, 0x00, 0xff, 0x10, 0x20, 0x30]);

for (const format of formats) {
  promise_test(async (t) => {
    const { error } = await expectError(format, [garbage]);
    assert_true(error instanceof TypeError, `a TypeError, got ${error}`);
  }, `${format}: garbage input errors the readable side with a TypeError`);

  promise_test(async (t) => {
    const ds = new DecompressionStream(format);
    const writer = ds.writable.getWriter();
    const reader = ds.readable.getReader();
    const read = reader.read();
    const write = writer.write(garbage);
    await promise_rejects_js(t, TypeError, write, "write rejects");
    await promise_rejects_js(t, TypeError, read, "read rejects");
    await promise_rejects_js(t, TypeError, writer.closed, "the writable side is errored");
  }, `${format}: garbage input rejects the write and the read`);

  promise_test(async (t) => {
    const input = compressedExpectedOutput[format];
    const { error, closed } = await expectError(format, [input.slice(0, input.length - 3)]);
    assert_true(error instanceof TypeError, `a TypeError, got ${error}`);
    await promise_rejects_js(t, TypeError, closed, "close rejects");
  }, `${format}: input that ends early is a TypeError at close`);

  promise_test(async (t) => {
    const input = compressedExpectedOutput[format];
    const { error, output } = await expectError(format, [input, new Uint8Array([0])], { close: false });
    assert_array_equals(output, expectedOutput, "the output before the extra data is delivered");
    assert_true(error instanceof TypeError, `then a TypeError, got ${error}`);
  }, `${format}: data after the end of the stream (separate chunk): output, then a TypeError`);

  promise_test(async (t) => {
    const input = compressedExpectedOutput[format];
    const padded = concatChunks([input, new Uint8Array([1, 2, 3])]);
    const { error, output } = await expectError(format, [padded], { close: false });
    assert_array_equals(output, expectedOutput, "the output before the extra data is delivered");
    assert_true(error instanceof TypeError, `then a TypeError, got ${error}`);
  }, `${format}: data after the end of the stream (same chunk): output, then a TypeError`);

  promise_test(async (t) => {
    const input = compressedExpectedOutput[format];
    const out = await decompress(format, [input, new Uint8Array(0)]);
    assert_array_equals(out, expectedOutput);
  }, `${format}: an empty chunk after the end is not extra data`);

  promise_test(async (t) => {
    const { error } = await expectError(format, []);
    assert_true(error instanceof TypeError, `empty input is truncated input, got ${error}`);
  }, `${format}: empty input is a TypeError at close`);

  promise_test(async (t) => {
    const { error } = await expectError(format, [new Uint8Array(0)]);
    assert_true(error instanceof TypeError, `got ${error}`);
  }, `${format}: a single empty chunk is a TypeError at close`);
}

promise_test(async (t) => {
  // Flip a byte of the CRC32 in the gzip trailer.
  const input = compressedExpectedOutput.gzip.slice();
  input[input.length - 6] ^= 0xff;
  const { error } = await expectError("gzip", [input]);
  assert_true(error instanceof TypeError, `got ${error}`);
}, "gzip: a wrong CRC32 is a TypeError");

promise_test(async (t) => {
  const input = compressedExpectedOutput.gzip.slice();
  input[input.length - 2] ^= 0xff; // ISIZE
  const { error } = await expectError("gzip", [input]);
  assert_true(error instanceof TypeError, `got ${error}`);
}, "gzip: a wrong ISIZE is a TypeError");

promise_test(async (t) => {
  const input = compressedExpectedOutput.deflate.slice();
  input[input.length - 1] ^= 0xff; // ADLER32
  const { error } = await expectError("deflate", [input]);
  assert_true(error instanceof TypeError, `got ${error}`);
}, "deflate: a wrong Adler-32 is a TypeError");

promise_test(async (t) => {
  const { error } = await expectError("deflate", [compressedExpectedOutput.gzip]);
  assert_true(error instanceof TypeError, `got ${error}`);
  const r2 = await expectError("gzip", [compressedExpectedOutput.deflate]);
  assert_true(r2.error instanceof TypeError, `got ${r2.error}`);
}, "a stream in another format is a TypeError");

promise_test(async (t) => {
  const ds = new DecompressionStream("gzip");
  const writer = ds.writable.getWriter();
  // The readable side has no room (highWaterMark 0), so this write stays pending.
  writer.write(compressedExpectedOutput.gzip.slice(0, 10)).catch(() => {});
  await writer.abort(new Error("stop"));
  await promise_rejects_js(t, Error, ds.readable.getReader().read());
}, "aborting the writable side errors the readable side");

promise_test(async (t) => {
  const ds = new DecompressionStream("gzip");
  const writer = ds.writable.getWriter();
  writer.write(compressedExpectedOutput.gzip.slice(0, 10)).catch(() => {});
  await ds.readable.cancel(new Error("cancelled"));
  await promise_rejects_js(t, Error, writer.closed);
}, "cancelling the readable side errors the writable side");
