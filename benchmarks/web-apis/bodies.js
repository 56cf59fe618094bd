// Bodies benchmark: runs under `verge run` and under `node` (20+).
// Prints one line per case: "name<TAB>ops/sec".
//
//   verge run benchmarks/web-apis/bodies.js
//   node benchmarks/web-apis/bodies.js

"use strict";

const now = typeof performance !== "undefined" && typeof performance.now === "function"
  ? () => performance.now()
  : () => Date.now();

// Runs `fn` repeatedly for about `ms` milliseconds after a warm-up and returns operations
// per second. A synchronous `fn` runs in a plain loop (no await in the measured loop); an
// async one is awaited each time. Bounded: at most `maxIterations` calls.
function measureSync(fn, ms, warmup, maxIterations) {
  let start = now();
  let iterations = 0;
  while (now() - start < warmup && iterations < maxIterations) {
    fn();
    iterations++;
  }
  iterations = 0;
  start = now();
  let elapsed = 0;
  while (elapsed < ms && iterations < maxIterations) {
    for (let i = 0; i < 64; i++) fn();
    iterations += 64;
    elapsed = now() - start;
  }
  return (iterations * 1000) / elapsed;
}

async function measure(fn, { ms = 1000, warmup = 200, maxIterations = 1e7 } = {}) {
  const first = fn();
  if (!(first && typeof first.then === "function")) return measureSync(fn, ms, warmup, maxIterations);
  await first;
  let start = now();
  let iterations = 0;
  while (now() - start < warmup && iterations < maxIterations) {
    await fn();
    iterations++;
  }
  iterations = 0;
  start = now();
  let elapsed = 0;
  while (elapsed < ms && iterations < maxIterations) {
    await fn();
    iterations++;
    elapsed = now() - start;
  }
  return (iterations * 1000) / elapsed;
}

function report(name, opsPerSecond) {
  const rounded = opsPerSecond >= 100 ? Math.round(opsPerSecond) : Math.round(opsPerSecond * 100) / 100;
  console.log(`${name}\t${rounded}`);
}

async function main() {
  // 1. new Response(10 MB).arrayBuffer()
  const tenMB = new Uint8Array(10 * 1024 * 1024);
  for (let i = 0; i < tenMB.length; i += 4096) tenMB[i] = i & 255;
  report("response-arraybuffer-10mb", await measure(async () => {
    const buffer = await new Response(tenMB).arrayBuffer();
    if (buffer.byteLength !== tenMB.length) throw new Error("wrong length");
  }, { ms: 2000 }));

  // 2. new Headers() with 20 entries, then iterate it.
  const init = [];
  for (let i = 0; i < 20; i++) init.push([`X-Header-${String.fromCharCode(97 + ((i * 7) % 26))}-${i}`, `value ${i}`]);
  let sink = 0;
  report("headers-20-entries-iterate", await measure(() => {
    const headers = new Headers(init);
    for (const [name, value] of headers) sink += name.length + value.length;
  }));

  // 3. Response.json() of a small object, read back as text.
  const small = { id: 42, name: "Verge", tags: ["edge", "swift"], ok: true };
  report("response-json-small", await measure(() => {
    const response = Response.json(small);
    sink += response.status;
  }));
  report("response-json-small-text", await measure(async () => {
    const text = await Response.json(small).text();
    sink += text.length;
  }));

  // 4. A request's life on the server: Request with headers, read the body as text.
  report("request-post-text", await measure(async () => {
    const request = new Request("http://localhost/api", {
      method: "POST", body: "hello world", headers: { "content-type": "text/plain" },
    });
    sink += (await request.text()).length;
  }));

  // 5. Blob slicing and reading.
  const blob = new Blob(["a".repeat(1 << 16), new Uint8Array(1 << 16)]);
  report("blob-slice-text-64k", await measure(async () => {
    sink += (await blob.slice(1000, 1000 + (1 << 16)).text()).length;
  }));

  if (sink === -1) console.log("unreachable");
}

main().catch((error) => {
  console.log(`error\t${error && error.stack ? error.stack : error}`);
});
