// The Node 20 peer of `verge-bench isolate`: node:vm contexts (code generation from strings
// disabled, as self-hosted Next.js runs edge code) and worker threads (a fresh V8 isolate).
// Prints the same "key<TAB>value" lines as verge-bench. Run with --expose-gc.
//
//   node --expose-gc benchmarks/peers/node-vm-micro.js [--samples N]
"use strict";

const vm = require("node:vm");
const { Worker } = require("node:worker_threads");

const argv = process.argv.slice(2);
const samplesIndex = argv.indexOf("--samples");
const samples = Math.min(100000, Math.max(10, Number(samplesIndex >= 0 ? argv[samplesIndex + 1] : 200) || 200));
const workerSamples = Math.min(samples, 50);

const contextOptions = { codeGeneration: { strings: false, wasm: false } };
const trivialSource = "(function handler(name) { return 'Hello, ' + name + '!'; })";

// The Web API globals an edge sandbox gets; Next.js's edge runtime injects the host's
// implementations into each context (they are shared, not copied, across contexts).
const webGlobalNames = [
  "AbortController", "AbortSignal", "Blob", "ByteLengthQueuingStrategy", "CompressionStream",
  "CountQueuingStrategy", "Crypto", "CryptoKey", "CustomEvent", "DecompressionStream", "DOMException",
  "Event", "EventTarget", "File", "FormData", "Headers", "MessageChannel", "MessageEvent", "MessagePort",
  "Performance", "ReadableByteStreamController", "ReadableStream", "ReadableStreamBYOBReader",
  "ReadableStreamBYOBRequest", "ReadableStreamDefaultController", "ReadableStreamDefaultReader", "Request",
  "Response", "SubtleCrypto", "TextDecoder", "TextDecoderStream", "TextEncoder", "TextEncoderStream",
  "TransformStream", "TransformStreamDefaultController", "URL", "URLSearchParams", "WritableStream",
  "WritableStreamDefaultController", "WritableStreamDefaultWriter", "atob", "btoa", "clearInterval",
  "clearTimeout", "console", "crypto", "fetch", "navigator", "performance", "queueMicrotask",
  "setInterval", "setTimeout", "structuredClone",
];
function webGlobals() {
  const sandbox = {};
  for (const name of webGlobalNames) if (name in globalThis) sandbox[name] = globalThis[name];
  return sandbox;
}

function nowNs() {
  return process.hrtime.bigint();
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

function emit(key, value) {
  console.log(`${key}\t${value.toFixed(4)}`);
}

function emitLatency(key, nanos, cpuMicros = []) {
  emit(`${key}.p50_ms`, percentile(nanos, 50) / 1e6);
  emit(`${key}.p99_ms`, percentile(nanos, 99) / 1e6);
  if (cpuMicros.length) emit(`${key}.cpu_p50_ms`, percentile(cpuMicros, 50) / 1e3);
}

// CPU time of the whole process (every thread), in microseconds.
function cpuMicros() {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
}

function gc() {
  if (typeof global.gc === "function") {
    global.gc();
    global.gc();
  }
}

function makeContext(eager) {
  return vm.createContext(eager ? webGlobals() : {}, contextOptions);
}

function startWorker() {
  return new Promise((resolve, reject) => {
    // The message listener keeps the worker alive (idle) until it is terminated.
    const source = "const { parentPort } = require('node:worker_threads');" +
      " parentPort.on('message', () => {}); parentPort.postMessage('ready');";
    const worker = new Worker(source, { eval: true });
    worker.once("message", () => resolve(worker));
    worker.once("error", reject);
  });
}

async function main() {
  // Memory first, in a process that has allocated little yet.
  // 6. Memory per VM: RSS growth over 20 idle worker threads.
  {
    const first = await startWorker();
    gc();
    const before = process.memoryUsage().rss;
    const workers = [];
    for (let i = 0; i < 20; i++) workers.push(await startWorker());
    await new Promise((resolve) => setTimeout(resolve, 300));
    gc();
    const after = process.memoryUsage().rss;
    emit("memory.vm_mb", (after - before) / 20 / 1048576);
    await Promise.all([first, ...workers].map((worker) => worker.terminate()));
  }

  // 5. Memory per idle context: RSS growth over 100 contexts kept alive.
  for (const eager of [false, true]) {
    const kept = [makeContext(eager), makeContext(eager)];
    gc();
    const before = process.memoryUsage().rss;
    for (let i = 0; i < 100; i++) kept.push(makeContext(eager));
    gc();
    const after = process.memoryUsage().rss;
    emit(`memory.realm.${eager ? "eager" : "lazy"}_mb`, (after - before) / 100 / 1048576);
    if (kept.length !== 102) throw new Error("unreachable");
  }

  // 1. A fresh VM: a worker thread (its own V8 isolate and event loop), ready when it answers.
  {
    const times = [];
    const cpu = [];
    for (let i = 0; i < workerSamples + 3; i++) {
      const start = nowNs();
      const startCPU = cpuMicros();
      const worker = await startWorker();
      const elapsed = Number(nowNs() - start);
      const elapsedCPU = cpuMicros() - startCPU;
      await worker.terminate();
      if (i >= 3) {
        times.push(elapsed);
        cpu.push(elapsedCPU);
      }
    }
    emitLatency("realm.fresh_vm.lazy", times, cpu);
  }

  // 2. A context in the warm VM: bare (lazy), and with the Web globals injected (eager).
  for (const eager of [false, true]) {
    for (let i = 0; i < 10; i++) makeContext(eager);
    const times = [];
    const cpu = [];
    for (let i = 0; i < samples; i++) {
      const start = nowNs();
      const startCPU = cpuMicros();
      const context = makeContext(eager);
      times.push(Number(nowNs() - start));
      cpu.push(cpuMicros() - startCPU);
      if (!context) throw new Error("no context");
    }
    emitLatency(`realm.warm_vm.${eager ? "eager" : "lazy"}`, times, cpu);
  }

  // 3. Evaluate-and-call of the trivial function in a ready context, and the whole.
  {
    const evalCall = [];
    const whole = [];
    for (let i = 0; i < samples + 10; i++) {
      const start = nowNs();
      const context = makeContext(true);
      const ready = nowNs();
      const handler = vm.runInContext(trivialSource, context, { filename: "trivial.js" });
      const result = handler("world");
      const end = nowNs();
      if (result !== "Hello, world!") throw new Error(`trivial function returned ${result}`);
      if (i >= 10) {
        evalCall.push(Number(end - ready));
        whole.push(Number(end - start));
      }
    }
    emitLatency("eval_call.ready_realm", evalCall);
    emitLatency("eval_call.new_realm", whole);

    // 4. Calling the evaluated function from the host (what the Node edge peer does per request).
    const handler = vm.runInContext(trivialSource, makeContext(true));
    let sink = 0;
    for (let i = 0; i < 1000; i++) sink += handler("world").length;
    const calls = 100000;
    const start = nowNs();
    const startCPU = cpuMicros();
    for (let i = 0; i < calls; i++) sink += handler("world").length;
    emit("call.warm.mean_us", Number(nowNs() - start) / calls / 1000);
    emit("call.warm.cpu_mean_us", (cpuMicros() - startCPU) / calls);
    if (sink === 0) throw new Error("unreachable");
  }

}

main().catch((error) => {
  console.error(`node-vm-micro: ${error && error.stack ? error.stack : error}`);
  process.exit(1);
});
