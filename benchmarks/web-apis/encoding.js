// Encoding benchmarks: TextEncoder / TextDecoder on 1 MB of ASCII and of mixed UTF-8, small
// strings, encodeInto, streaming and a legacy decoder. Runs under `verge run` and `node`;
// prints one line per case: name<TAB>ops/sec.

"use strict";

const now = typeof performance !== "undefined" && typeof performance.now === "function"
  ? () => performance.now()
  : () => Date.now();

function bench(name, fn, minimumMs = 400) {
  for (let i = 0; i < 3; i++) fn();  // warm-up
  // Calls in batches, reading the clock once per batch (a clock read costs about as much as
  // the smallest cases), with the batch growing until it takes a few milliseconds.
  let batch = 1;
  let iterations = 0;
  const start = now();
  let elapsed = 0;
  do {
    const batchStart = now();
    for (let i = 0; i < batch; i++) fn();
    iterations += batch;
    const end = now();
    if (end - batchStart < 5 && batch < 1 << 20) batch *= 2;
    elapsed = end - start;
  } while (elapsed < minimumMs);
  console.log(`${name}\t${Math.round(iterations / (elapsed / 1000))}`);
}

const MB = 1 << 20;

// 1 MB of ASCII text.
let ascii = "";
{
  const line = "The quick brown fox jumps over the lazy dog 0123456789.\n";
  while (ascii.length < MB) ascii += line;
  ascii = ascii.slice(0, MB);
}

// Mixed text: Latin, accented Latin, Greek, CJK and emoji (1, 2, 3 and 4 UTF-8 bytes).
let mixed = "";
{
  const words = ["hello ", "wörld ", "Ελληνικά ", "日本語のテキスト ", "\u{1F600}\u{1F680} ", "plain ascii words "];
  for (let i = 0; mixed.length < MB / 2; i++) mixed += words[i % words.length];
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const asciiBytes = encoder.encode(ascii);
const mixedBytes = encoder.encode(mixed);
const destination = new Uint8Array(mixedBytes.length + 16);
const small = "hello, world";
const smallBytes = encoder.encode(small);

bench("TextEncoder.encode 1MB ascii", () => encoder.encode(ascii));
bench(`TextEncoder.encode ${(mixedBytes.length / MB).toFixed(2)}MB mixed`, () => encoder.encode(mixed));
bench("TextDecoder.decode 1MB ascii", () => decoder.decode(asciiBytes));
bench(`TextDecoder.decode ${(mixedBytes.length / MB).toFixed(2)}MB mixed`, () => decoder.decode(mixedBytes));
bench("TextEncoder.encodeInto mixed", () => encoder.encodeInto(mixed, destination));
bench("TextEncoder.encode 12 chars", () => encoder.encode(small), 250);
bench("TextDecoder.decode 12 bytes", () => decoder.decode(smallBytes), 250);
bench("new TextDecoder().decode 12 bytes", () => new TextDecoder().decode(smallBytes), 250);
bench("TextDecoder.decode stream 64KB chunks mixed", () => {
  const d = new TextDecoder();
  for (let i = 0; i < mixedBytes.length; i += 65536) d.decode(mixedBytes.subarray(i, i + 65536), { stream: true });
  d.decode();
});

// A legacy decoder (Node's TextDecoder needs full ICU for these; skip when missing).
let shiftJIS = null;
try {
  shiftJIS = new TextDecoder("shift_jis");
} catch {}
if (shiftJIS !== null) {
  const sjis = new Uint8Array(MB);
  for (let i = 0; i < sjis.length; i += 4) {
    sjis[i] = 0x82; sjis[i + 1] = 0xA0;  // あ
    sjis[i + 2] = 0x41; sjis[i + 3] = 0x42;
  }
  bench("TextDecoder.decode 1MB shift_jis", () => shiftJIS.decode(sjis));
}
