// Benchmarks for the basics area: atob/btoa on 1 MB, structuredClone of a 10,000-node
// object graph, EventTarget dispatch, AbortSignal, timers-free paths.
// Runs under `verge run` and `node`; prints "name<TAB>ops/sec" lines.
"use strict";

const now = typeof performance !== "undefined" && typeof performance.now === "function"
  ? () => performance.now()
  : () => Date.now();

function bench(name, fn, { minTime = 1000, maxIterations = 1e9 } = {}) {
  // Warm up (lets the JIT compile the hot path).
  const warmEnd = now() + Math.min(200, minTime / 4);
  while (now() < warmEnd) fn();
  let iterations = 0;
  const start = now();
  let elapsed = 0;
  let batch = 1;
  while (elapsed < minTime && iterations < maxIterations) {
    for (let i = 0; i < batch; i++) fn();
    iterations += batch;
    elapsed = now() - start;
    if (elapsed < minTime / 10) batch *= 2;
  }
  console.log(`${name}\t${Math.round(iterations / (elapsed / 1000))}`);
}

// 1 MB of every byte value, as a Latin-1 string, and its base64.
const kilobyte = [];
for (let i = 0; i < 1024; i++) kilobyte.push(String.fromCharCode(i & 255));
const oneKB = kilobyte.join("");
const megabyteParts = [];
for (let i = 0; i < 1024; i++) megabyteParts.push(oneKB);
const megabyte = megabyteParts.join("");
const encoded = btoa(megabyte);
let sink = 0;

bench("btoa 1MB", () => {
  sink += btoa(megabyte).length;
});
bench("atob 1MB", () => {
  sink += atob(encoded).length;
});

// A 10,000-node object graph: 2,500 records, each an object with a nested object and an
// array, plus shared references and a cycle.
function makeGraph() {
  const shared = { tag: "shared", when: 1700000000000 };
  const root = { items: [], shared };
  for (let i = 0; i < 2500; i++) {
    root.items.push({
      id: i,
      name: "item " + i,
      flags: [i % 2 === 0, i % 3 === 0],
      meta: { score: i * 1.5, owner: shared },
    });
  }
  root.self = root;
  return root;
}
const graph = makeGraph();
bench("structuredClone 10k nodes", () => {
  sink += structuredClone(graph).items.length;
});

const target = new EventTarget();
let received = 0;
target.addEventListener("ping", () => received++);
target.addEventListener("ping", { handleEvent() { received++; } });
bench("EventTarget dispatch (2 listeners)", () => {
  target.dispatchEvent(new Event("ping"));
});

bench("new Event", () => {
  sink += new Event("x").bubbles ? 1 : 0;
});

bench("AbortController abort with listener", () => {
  const controller = new AbortController();
  controller.signal.addEventListener("abort", () => received++);
  controller.abort();
});

if (sink === 42) console.log("");
