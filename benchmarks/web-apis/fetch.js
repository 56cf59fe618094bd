// fetch() benchmarks against the loopback test server (`verge-test-server` prints its origin;
// pass it as VERGE_TEST_SERVER). Runs under `verge run` and under `node` (Node 20's fetch is
// undici). Prints one `name<TAB>ops/sec` line per case, plus MB/s as a comment line.
//
//   VERGE_TEST_SERVER=http://127.0.0.1:PORT verge run --env VERGE_TEST_SERVER=$VERGE_TEST_SERVER benchmarks/web-apis/fetch.js
//   VERGE_TEST_SERVER=http://127.0.0.1:PORT node benchmarks/web-apis/fetch.js
"use strict";

const server = typeof process === "object" && process.env ? process.env.VERGE_TEST_SERVER : undefined;
const now = typeof performance !== "undefined" ? () => performance.now() : () => Date.now();

async function drain(response) {
  const reader = response.body.getReader();
  let total = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return total;
    total += value.byteLength;
  }
}

async function streamBody(bytes) {
  const response = await fetch(`${server}/bytes?n=${bytes}`);
  const total = await drain(response);
  if (total !== bytes) throw new Error(`expected ${bytes} bytes, got ${total}`);
}

async function measure(name, fn, { minRuns = 3, ms = 2000, bytes = 0 } = {}) {
  await fn(); // warm-up
  let runs = 0;
  const start = now();
  while (runs < minRuns || now() - start < ms) {
    await fn();
    runs++;
  }
  const seconds = (now() - start) / 1000;
  console.log(`${name}\t${(runs / seconds).toFixed(2)}`);
  if (bytes > 0) console.log(`# ${name}: ${((bytes * runs) / seconds / (1 << 20)).toFixed(0)} MB/s`);
}

(async () => {
  if (!server) {
    console.log("# VERGE_TEST_SERVER is not set: start verge-test-server and pass its origin");
    return;
  }
  const big = 100 * 1024 * 1024;
  await measure("fetch 100 MB body as a stream", () => streamBody(big), { bytes: big });
  await measure("fetch small GET (text)", async () => {
    const response = await fetch(`${server}/content-length?n=100`);
    await response.text();
  }, { minRuns: 200, ms: 2000 });
  await measure("fetch 1 MB gzip body (decoded)", async () => {
    const response = await fetch(`${server}/encoded/gzip?n=1048576`);
    await response.arrayBuffer();
  }, { minRuns: 20, ms: 2000, bytes: 1 << 20 });
  await measure("fetch POST 1 MB bytes", async () => {
    const response = await fetch(`${server}/upload`, { method: "POST", body: new Uint8Array(1 << 20) });
    await response.text();
  }, { minRuns: 20, ms: 2000, bytes: 1 << 20 });
})().catch((error) => console.log(`# failed: ${error} ${error && error.cause ? error.cause : ""}`));
