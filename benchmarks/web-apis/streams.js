// Streams benchmarks: runs under `verge run` and under `node` (Node 20 has the same Web
// Streams globals). Prints one line per benchmark: "name<TAB>ops/sec" (an op is one whole
// scenario; the best round is reported), followed by a throughput comment.
//
//   pipe-100MB-64KB: ReadableStream -> TransformStream -> WritableStream, 100 MB in 64 KB chunks
//   byob-read-10MB:  a readable byte stream read with a BYOB reader into a 64 KB buffer
//   default-read-10MB-bytes: the same byte stream read with a default reader (16 KB chunks)
"use strict";

const now = typeof performance !== "undefined" && typeof performance.now === "function"
  ? () => performance.now()
  : () => Date.now();
const print = (line) => console.log(line);

const CHUNK = 64 * 1024;

async function pipe(totalBytes) {
  const chunk = new Uint8Array(CHUNK);
  let produced = 0;
  const source = new ReadableStream({
    pull(controller) {
      if (produced >= totalBytes) {
        controller.close();
        return;
      }
      produced += CHUNK;
      controller.enqueue(chunk);
    },
  }, { highWaterMark: 4 });
  const transform = new TransformStream({
    transform(c, controller) {
      controller.enqueue(c);
    },
  });
  let received = 0;
  const sink = new WritableStream({
    write(c) {
      received += c.byteLength;
    },
  }, { highWaterMark: 4 });
  await source.pipeThrough(transform).pipeTo(sink);
  if (received !== totalBytes) throw new Error(`pipe: received ${received} of ${totalBytes} bytes`);
}

function byteSource(totalBytes) {
  let produced = 0;
  return new ReadableStream({
    type: "bytes",
    autoAllocateChunkSize: 16 * 1024,
    pull(controller) {
      const request = controller.byobRequest;
      if (produced >= totalBytes) {
        controller.close();
        if (request) request.respond(0);
        return;
      }
      const view = request.view;
      const n = Math.min(view.byteLength, totalBytes - produced);
      view[0] = produced & 0xff;
      produced += n;
      request.respond(n);
    },
  });
}

async function byobRead(totalBytes) {
  const reader = byteSource(totalBytes).getReader({ mode: "byob" });
  let buffer = new ArrayBuffer(CHUNK);
  let received = 0;
  for (;;) {
    const { value, done } = await reader.read(new Uint8Array(buffer));
    if (done) break;
    received += value.byteLength;
    buffer = value.buffer;
  }
  if (received !== totalBytes) throw new Error(`byob: received ${received} of ${totalBytes} bytes`);
}

async function defaultReadBytes(totalBytes) {
  const reader = byteSource(totalBytes).getReader();
  let received = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    received += value.byteLength;
  }
  if (received !== totalBytes) throw new Error(`default: received ${received} of ${totalBytes} bytes`);
}

// Runs `fn` in rounds of `perRound` ops for at least `minMs` and reports the best round
// (the least disturbed by other processes and by GC; a loaded machine makes means noisy).
async function bench(name, bytesPerOp, fn, perRound, minMs = 2000) {
  for (let i = 0; i < perRound; i++) await fn(); // warm up
  let best = Infinity;
  const start = now();
  let rounds = 0;
  while ((now() - start < minMs || rounds < 3) && rounds < 200) {
    const t = now();
    for (let i = 0; i < perRound; i++) await fn();
    best = Math.min(best, now() - t);
    rounds++;
  }
  const opsPerSec = (perRound * 1000) / best;
  print(`${name}\t${opsPerSec.toFixed(2)}`);
  print(`# ${name}: ${((opsPerSec * bytesPerOp) / (1024 * 1024)).toFixed(0)} MB/s (best of ${rounds} rounds of ${perRound})`);
}

(async () => {
  const MB = 1024 * 1024;
  await bench("pipe-100MB-64KB", 100 * MB, () => pipe(100 * MB), 4);
  await bench("byob-read-10MB", 10 * MB, () => byobRead(10 * MB), 10);
  await bench("default-read-10MB-bytes", 10 * MB, () => defaultReadBytes(10 * MB), 10);
})().catch((e) => {
  print(`error\t${e && e.stack ? e.stack : e}`);
});
