// Helpers for the compression tests.
"use strict";

const formats = ["deflate", "deflate-raw", "gzip", "brotli"];

// The bytes of an ASCII string (these tests do not depend on the Encoding API).
function asciiBytes(text) {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

// "expected output" compressed in each format (zlib 1.2.13 level 6 / brotli quality 11).
const compressedExpectedOutput = {
  deflate: new Uint8Array([120, 156, 75, 173, 40, 72, 77, 46, 73, 77, 81, 200, 47, 45, 41, 40, 45, 1, 0, 48, 173, 6, 36]),
  "deflate-raw": new Uint8Array([75, 173, 40, 72, 77, 46, 73, 77, 81, 200, 47, 45, 41, 40, 45, 1, 0]),
  gzip: new Uint8Array([31, 139, 8, 0, 0, 0, 0, 0, 0, 3, 75, 173, 40, 72, 77, 46, 73, 77, 81, 200, 47, 45, 41, 40,
    45, 1, 0, 176, 1, 57, 179, 15, 0, 0, 0]),
  brotli: new Uint8Array([27, 14, 0, 248, 37, 0, 138, 16, 67, 170, 148, 110, 166, 16]),
};
const expectedOutput = asciiBytes("expected output");

function concatChunks(chunks) {
  let total = 0;
  for (const chunk of chunks) total += chunk.byteLength;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

// Writes every chunk, closes, and reads everything. Returns { chunks, bytes }.
async function pipeChunks(stream, chunks) {
  const writer = stream.writable.getWriter();
  const writes = [];
  for (const chunk of chunks) writes.push(writer.write(chunk));
  writes.push(writer.close());
  const reader = stream.readable.getReader();
  const out = [];
  while (true) {
    const { value, done } = await reader.read();
    if (done) break;
    out.push(value);
  }
  await Promise.all(writes);
  return { chunks: out, bytes: concatChunks(out) };
}

async function compress(format, chunks) {
  return (await pipeChunks(new CompressionStream(format), chunks)).bytes;
}

async function decompress(format, chunks) {
  return (await pipeChunks(new DecompressionStream(format), chunks)).bytes;
}

// Deterministic pseudo-random bytes (xorshift32), compressible a little.
function pseudoRandomBytes(length, seed = 1) {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    out[i] = (x & 0x3f) + 32;
  }
  return out;
}
