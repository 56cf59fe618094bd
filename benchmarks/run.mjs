// `make bench` (scripts/bench builds Verge in release, then runs this). Every part measures
// Verge and its Node 20 peer in the same run and prints a Markdown table; the whole report
// also goes to benchmarks/results/<timestamp>.md. See docs/benchmarks.md.
//
//   node benchmarks/run.mjs [--parts isolate,webapis,http,cold,cache] [--quick] [--rounds N]
//                           [--duration SECONDS] [--segments N]
//
// Pinning (2 cores): what is measured runs on core 0, load generators and helper servers on
// core 1. Every loop is bounded in count, every child process in time; network is 127.0.0.1.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const index = argv.indexOf(name);
  return index >= 0 && index + 1 < argv.length ? argv[index + 1] : fallback;
};
const quick = argv.includes("--quick");
const parts = new Set(option("--parts", "isolate,webapis,http,cold,cache").split(","));
const rounds = clamp(Number(option("--rounds", quick ? "1" : "3")), 1, 9);
const duration = clamp(Number(option("--duration", quick ? "3" : "10")), 1, 60);
const segmentCount = clamp(Number(option("--segments", quick ? "200" : "1000")), 100, 2000);
const samples = quick ? 50 : 200;

const releaseDir = process.env.VERGE_BUILD_DIR ?? path.join(root, ".build", "release");
const vergeBin = path.join(releaseDir, "verge");
const benchBin = path.join(releaseDir, "verge-bench");
const testServerBin = path.join(releaseDir, "verge-test-server");
const SERVER_CORE = "0";
const CLIENT_CORE = "1";

function clamp(value, low, high) {
  return Number.isFinite(value) ? Math.min(high, Math.max(low, Math.round(value))) : low;
}

// ---------------------------------------------------------------- output

const report = [];
function out(line = "") {
  console.log(line);
  report.push(line);
}

function table(header, rows) {
  out(`| ${header.join(" | ")} |`);
  out(`|${header.map((_, i) => (i === 0 ? "---" : "---:")).join("|")}|`);
  for (const row of rows) out(`| ${row.join(" | ")} |`);
  out();
}

function median(values) {
  const finite = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (finite.length === 0) return NaN;
  const mid = finite.length >> 1;
  return finite.length % 2 ? finite[mid] : (finite[mid - 1] + finite[mid]) / 2;
}

function percentile(values, p) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function fmt(value, digits = 2) {
  if (!Number.isFinite(value)) return "—";
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString("en-US");
  return value.toFixed(digits);
}

function ratio(a, b) {
  return Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? `${(a / b).toFixed(2)}×` : "—";
}

function load() {
  return os.loadavg().map((v) => v.toFixed(2)).join(", ");
}

// ---------------------------------------------------------------- processes

const children = new Set();

function run(command, args, { timeout = 300, env = {}, cwd = root } = {}) {
  const result = spawnSync(command, args, {
    cwd,
    env: { ...process.env, ...env },
    encoding: "utf8",
    timeout: timeout * 1000,
    maxBuffer: 64 << 20,
  });
  return {
    status: result.status,
    stdout: result.stdout ?? "",
    stderr: result.stderr ?? "",
    error: result.error ? String(result.error.message ?? result.error) : result.signal ? `killed by ${result.signal}` : null,
  };
}

function pinned(core, command, args) {
  return ["taskset", ["-c", core, command, ...args]];
}

/** Starts a server pinned to the server core and waits until `probe` answers (any status). */
async function startServer(name, command, args, { port, probe = "/", env = {}, readyTimeout = 60 } = {}) {
  const [cmd, full] = pinned(SERVER_CORE, command, args);
  const child = spawn(cmd, full, { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  let output = "";
  const server = { name, child, port, pid: child.pid, output: () => output };
  child.stdout.on("data", (chunk) => { if (output.length < (1 << 20)) output += chunk; });
  child.stderr.on("data", (chunk) => { if (output.length < (1 << 20)) output += chunk; });
  child.on("exit", () => children.delete(child));
  const deadline = Date.now() + readyTimeout * 1000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}): ${output.trim().slice(0, 2000)}`);
    const status = await httpStatus(port, probe, 2000).catch(() => null);
    if (status !== null) return server;
    await sleep(100);
  }
  await stopServer({ child });
  throw new Error(`${name} did not answer on port ${port} within ${readyTimeout} s: ${output.trim().slice(0, 2000)}`);
}

async function stopServer(server) {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}

function killAll() {
  for (const child of children) child.kill("SIGKILL");
}
process.on("exit", killAll);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => { killAll(); process.exit(130); });

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function httpStatus(port, urlPath, timeout) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port, path: urlPath, timeout, agent: false }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode));
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
  });
}

function rssMB(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const match = /VmRSS:\s+(\d+)\s+kB/.exec(status);
    return match ? Number(match[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

let nextPort = 18100 + (process.pid % 500) * 20;
function freePort() {
  return nextPort++;
}

function requireFile(file, hint) {
  if (!fs.existsSync(file)) {
    console.error(`bench: ${file} is missing: ${hint}`);
    process.exit(1);
  }
}

function keyValues(text) {
  const values = {};
  for (const line of text.split("\n")) {
    const [key, value] = line.split("\t");
    if (key && value !== undefined && !key.startsWith("#")) values[key.trim()] = Number(value);
  }
  return values;
}

// ---------------------------------------------------------------- header

function machine() {
  const cpuinfo = fs.readFileSync("/proc/cpuinfo", "utf8");
  const model = /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1] ?? "unknown";
  const memTotal = /MemTotal:\s+(\d+)/.exec(fs.readFileSync("/proc/meminfo", "utf8"))?.[1];
  const swift = run("swift", ["--version"], { timeout: 30 }).stdout.split("\n")[0] || "unknown";
  return {
    date: new Date().toISOString(),
    cores: os.cpus().length,
    model,
    memory: memTotal ? `${(Number(memTotal) / 1048576).toFixed(1)} GiB` : "unknown",
    kernel: `${os.type()} ${os.release()}`,
    swift: swift.replace(/^.*?Swift version /, "Swift "),
    node: process.version,
    wrk: run("wrk", ["--version"], { timeout: 10 }).stdout.split("\n")[0].trim() || "wrk",
  };
}

// ---------------------------------------------------------------- part 1: isolates

async function isolatePart() {
  out("## 1. Isolate micro-benchmarks");
  out();
  out(`Verge: \`verge-bench isolate --samples ${samples}\`; Node: \`node --expose-gc benchmarks/peers/node-vm-micro.js\`; both pinned to core ${SERVER_CORE}, ${rounds} round(s), median of each figure. Latencies are wall-clock p50 / p99 over ${samples} samples, with the CPU time of the median sample (thread CPU for Verge, process CPU for Node) in brackets: it shows the cost without the wait for a core when the machine is loaded. Load average before: ${load()}.`);
  out();
  const verge = [];
  const node = [];
  for (let round = 0; round < rounds; round++) {
    const v = run(...pinned(SERVER_CORE, benchBin, ["isolate", "--samples", String(samples)]), { timeout: 600 });
    if (v.status !== 0) out(`> verge-bench isolate failed: ${(v.error ?? v.stderr).trim().split("\n").slice(-3).join(" ")}`);
    verge.push(keyValues(v.stdout));
    const n = run(...pinned(SERVER_CORE, "node", ["--expose-gc", path.join(root, "benchmarks/peers/node-vm-micro.js"), "--samples", String(samples)]), { timeout: 600 });
    if (n.status !== 0) out(`> node-vm-micro failed: ${(n.error ?? n.stderr).trim().split("\n").slice(-3).join(" ")}`);
    node.push(keyValues(n.stdout));
  }
  const m = (list, key) => median(list.map((values) => values[key]));
  const latency = (list, key) => {
    const cpu = m(list, `${key}.cpu_p50_ms`);
    return `${fmt(m(list, `${key}.p50_ms`), 3)} / ${fmt(m(list, `${key}.p99_ms`), 3)}${Number.isFinite(cpu) ? ` (CPU ${fmt(cpu, 3)})` : ""}`;
  };
  table(["measurement", "Verge", "Node 20 peer", "peer is", "target"], [
    ["ready realm, fresh VM, lazy APIs: p50 / p99 ms", latency(verge, "realm.fresh_vm.lazy"), latency(node, "realm.fresh_vm.lazy"), "a worker thread (new V8 isolate) until its first message", ""],
    ["ready realm, fresh VM, eager APIs: p50 / p99 ms", latency(verge, "realm.fresh_vm.eager"), "—", "", ""],
    ["ready realm, warm VM, lazy APIs: p50 / p99 ms", latency(verge, "realm.warm_vm.lazy"), latency(node, "realm.warm_vm.lazy"), "`vm.createContext({})`", "≤ 1 ms p50"],
    ["for comparison: bare JavaScriptCore context (no Web APIs), warm VM: p50 / p99 ms", latency(verge, "realm.warm_vm.bare"), latency(node, "realm.warm_vm.lazy"), "`vm.createContext({})`", ""],
    ["ready realm, warm VM, eager APIs: p50 / p99 ms", latency(verge, "realm.warm_vm.eager"), latency(node, "realm.warm_vm.eager"), "`vm.createContext` with the host's Web globals injected", ""],
    ["evaluate + call a trivial function in a ready realm: p50 / p99 ms", latency(verge, "eval_call.ready_realm"), latency(node, "eval_call.ready_realm"), "`vm.runInContext` + call", ""],
    ["new realm + evaluate + call: p50 / p99 ms", latency(verge, "eval_call.new_realm"), latency(node, "eval_call.new_realm"), "`createContext` + `runInContext` + call", ""],
    ["call of an evaluated function from the host: mean µs (CPU)", `${fmt(m(verge, "call.warm.mean_us"), 3)} (${fmt(m(verge, "call.warm.cpu_mean_us"), 3)})`, `${fmt(m(node, "call.warm.mean_us"), 3)} (${fmt(m(node, "call.warm.cpu_mean_us"), 3)})`, "a JS call from host JS", ""],
    ["memory per idle realm, lazy (RSS Δ over 100): MB", fmt(m(verge, "memory.realm.lazy_mb"), 3), fmt(m(node, "memory.realm.lazy_mb"), 3), "bare context", "≤ 3 MB"],
    ["memory per idle realm, eager (RSS Δ over 100): MB", fmt(m(verge, "memory.realm.eager_mb"), 3), fmt(m(node, "memory.realm.eager_mb"), 3), "context with injected (shared) Web globals", ""],
    ["memory per VM with one realm (RSS Δ over 20): MB", fmt(m(verge, "memory.vm_mb"), 3), fmt(m(node, "memory.vm_mb"), 3), "an idle worker thread", ""],
  ]);
}

// ---------------------------------------------------------------- part 2: Web APIs

function parseOps(text) {
  const rows = new Map();
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const tab = line.lastIndexOf("\t");
    if (tab <= 0) continue;
    const value = Number(line.slice(tab + 1));
    if (Number.isFinite(value)) rows.set(line.slice(0, tab), value);
  }
  return rows;
}

async function startLoopbackServer() {
  // Prefer the fetch tests' own server (verge-test-server); else the Node stand-in.
  const [command, args] = fs.existsSync(testServerBin)
    ? [testServerBin, []]
    : ["node", [path.join(root, "benchmarks/peers/loopback-server.mjs")]];
  const [cmd, full] = pinned(CLIENT_CORE, command, args);
  const child = spawn(cmd, full, { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
  children.add(child);
  child.on("exit", () => children.delete(child));
  const origin = await new Promise((resolve, reject) => {
    let buffer = "";
    const timer = setTimeout(() => reject(new Error("the loopback server printed no origin in 30 s")), 30000);
    child.stdout.on("data", (chunk) => {
      buffer += chunk;
      const match = /(http:\/\/[^\s]+)/.exec(buffer);
      if (match) {
        clearTimeout(timer);
        resolve(match[1].replace(/\/$/, ""));
      }
    });
    child.once("exit", (code) => reject(new Error(`the loopback server exited (${code})`)));
  });
  return { child, origin, kind: fs.existsSync(testServerBin) ? "verge-test-server" : "benchmarks/peers/loopback-server.mjs" };
}

async function webAPIsPart() {
  out("## 2. Web API micro-benchmarks");
  out();
  const directory = path.join(root, "benchmarks/web-apis");
  const files = fs.readdirSync(directory).filter((name) => name.endsWith(".js")).sort();
  const loopback = await startLoopbackServer();
  out(`Each file under \`benchmarks/web-apis/\` runs under the release \`verge run\` and under \`node\` (both pinned to core ${SERVER_CORE}; fetch's loopback server, ${loopback.kind}, on core ${CLIENT_CORE}), alternating, ${rounds} round(s); the figure is the median ops/s. Ratio > 1: Verge is faster. Load average before: ${load()}.`);
  out();
  const env = { VERGE_TEST_SERVER: loopback.origin };
  const rows = [];
  const failures = [];
  try {
    for (const file of files) {
      const full = path.join(directory, file);
      const verge = new Map();
      const node = new Map();
      for (let round = 0; round < rounds; round++) {
        const v = run(...pinned(SERVER_CORE, vergeBin, ["run", "--env", `VERGE_TEST_SERVER=${loopback.origin}`, full]), { timeout: 600, env });
        if (v.status !== 0) failures.push(`verge run ${file}: ${(v.error ?? v.stderr.trim().split("\n").slice(0, 2).join(" ")) || `exit ${v.status}`}`);
        for (const line of v.stdout.split("\n")) if (line.startsWith("error\t")) failures.push(`verge run ${file}: ${line.slice(6, 300)}`);
        for (const [name, value] of parseOps(v.stdout)) verge.set(name, [...(verge.get(name) ?? []), value]);
        const n = run(...pinned(SERVER_CORE, "node", [full]), { timeout: 600, env });
        if (n.status !== 0) failures.push(`node ${file}: ${(n.error ?? n.stderr.trim().split("\n").slice(0, 2).join(" ")) || `exit ${n.status}`}`);
        for (const line of n.stdout.split("\n")) if (line.startsWith("error\t")) failures.push(`node ${file}: ${line.slice(6, 300)}`);
        for (const [name, value] of parseOps(n.stdout)) node.set(name, [...(node.get(name) ?? []), value]);
      }
      const names = [...new Set([...verge.keys(), ...node.keys()])];
      for (const name of names) {
        const a = median(verge.get(name) ?? []);
        const b = median(node.get(name) ?? []);
        rows.push([file.replace(/\.js$/, ""), name, fmt(a), fmt(b), ratio(a, b)]);
      }
    }
  } finally {
    await stopServer(loopback);
  }
  table(["file", "benchmark", "Verge ops/s", "Node ops/s", "Verge / Node"], rows);
  const slower = rows.filter((row) => row[4] !== "—" && parseFloat(row[4]) < 1);
  out(`${rows.length} rows; Verge at least as fast as Node on ${rows.length - slower.length - rows.filter((r) => r[4] === "—").length}, slower on ${slower.length}${slower.length ? `: ${slower.map((r) => `${r[0]}/${r[1]} (${r[4]})`).join("; ")}` : ""}.`);
  out();
  for (const failure of [...new Set(failures)]) out(`> ${failure}`);
  if (failures.length) out();
}

// ---------------------------------------------------------------- part 3: HTTP

function parseWrk(text) {
  const unit = (value, suffix) => {
    const number = Number(value);
    switch (suffix) {
      case "us": return number / 1000;
      case "ms": return number;
      case "s": return number * 1000;
      case "m": return number * 60000;
      default: return NaN;
    }
  };
  const latency = (p) => {
    const match = new RegExp(`^\\s*${p}%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, "m").exec(text);
    return match ? unit(match[1], match[2]) : NaN;
  };
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(text);
  const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(text);
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(text);
  const total = /(\d+) requests in/.exec(text);
  return {
    rps: rps ? Number(rps[1]) : NaN,
    p50: latency(50),
    p99: latency(99),
    requests: total ? Number(total[1]) : 0,
    non2xx: non2xx ? Number(non2xx[1]) : 0,
    errors: socketErrors ? socketErrors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0,
  };
}

function wrk(port, urlPath, seconds, connections = 64) {
  const result = run(...pinned(CLIENT_CORE, "wrk", [
    "-t1", `-c${connections}`, `-d${seconds}s`, "--latency", "-H", "user-agent: wrk",
    `http://127.0.0.1:${port}${urlPath}`,
  ]), { timeout: seconds + 60 });
  if (result.status !== 0) return { rps: NaN, p50: NaN, p99: NaN, requests: 0, non2xx: 0, errors: 1, failure: (result.error ?? result.stderr).trim() };
  return parseWrk(result.stdout);
}

async function httpPart() {
  out("## 3. HTTP");
  out();
  const app = path.join(root, "benchmarks/apps/http");
  const built = run(benchBin, ["app", "build", app], { timeout: 300 });
  if (built.status !== 0) {
    out(`> \`verge-bench app build\` failed: ${(built.error ?? built.stderr).trim()}`);
    return;
  }
  const ports = { verge: freePort(), edgePeer: freePort(), nodeHello: freePort(), nio: freePort() };
  const servers = [];
  const rows = [
    { label: "Verge: edge hello (`/edge/hello`)", server: "verge", path: "/edge/hello" },
    { label: "Node peer: edge hello in node:vm", server: "edgePeer", path: "/edge/hello" },
    { label: "Verge: edge JSON (URL + header → `Response.json`)", server: "verge", path: "/edge/json?name=bench" },
    { label: "Node peer: edge JSON in node:vm", server: "edgePeer", path: "/edge/json?name=bench" },
    { label: "Verge: Swift route hello (`/swift/hello`)", server: "verge", path: "/swift/hello" },
    { label: "Node 20 raw `http` hello", server: "nodeHello", path: "/" },
    { label: "raw SwiftNIO hello (ceiling)", server: "nio", path: "/" },
  ];
  try {
    servers.push(await startServer("verge", benchBin, ["app", "start", app, "--port", String(ports.verge), "--threads", "1", "--quiet"], { port: ports.verge, probe: "/edge/hello" }));
    servers.push(await startServer("edgePeer", "node", [path.join(root, "benchmarks/peers/node-edge-peer.mjs"), "--app", app, "--port", String(ports.edgePeer)], { port: ports.edgePeer, probe: "/edge/hello" }));
    servers.push(await startServer("nodeHello", "node", [path.join(root, "benchmarks/peers/node-hello.mjs"), "--port", String(ports.nodeHello)], { port: ports.nodeHello }));
    servers.push(await startServer("nio", benchBin, ["nio-hello", "--port", String(ports.nio), "--threads", "1"], { port: ports.nio }));
    const byName = Object.fromEntries(servers.map((server) => [server.name, server]));
    out(`Servers pinned to core ${SERVER_CORE} (Verge \`start --threads 1 --quiet\`, isolation shared-vm), \`wrk -t1 -c64 -d${duration}s --latency\` pinned to core ${CLIENT_CORE}. A ${quick ? 1 : 2} s warm-up per row, then ${rounds} round(s) over the rows in turn; median of each figure. Load average before: ${load()}.`);
    out();
    for (const row of rows) wrk(byName[row.server].port, row.path, quick ? 1 : 2);
    const results = rows.map(() => []);
    for (let round = 0; round < rounds; round++) {
      rows.forEach((row, index) => results[index].push(wrk(byName[row.server].port, row.path, duration)));
    }
    const summary = rows.map((row, index) => {
      const list = results[index];
      return {
        ...row,
        rps: median(list.map((r) => r.rps)),
        p50: median(list.map((r) => r.p50)),
        p99: median(list.map((r) => r.p99)),
        bad: list.reduce((sum, r) => sum + r.non2xx + r.errors, 0),
        failure: list.find((r) => r.failure)?.failure,
      };
    });
    const rss = Object.fromEntries(servers.map((server) => [server.name, rssMB(server.pid)]));
    const peer = (p) => summary.find((row) => row.server === "edgePeer" && row.path === p);
    const nio = summary.find((row) => row.server === "nio");
    table(["server and route", "requests/s", "p50 ms", "p99 ms", "non-2xx + socket errors", "server RSS after (MB)", "vs Node edge peer", "vs raw SwiftNIO"], summary.map((row) => {
      const sameRoutePeer = peer(row.path) ?? peer("/edge/hello");
      return [
        row.label, fmt(row.rps), fmt(row.p50, 3), fmt(row.p99, 3), String(row.bad), fmt(rss[row.server], 1),
        row.server === "edgePeer" ? "1.00×" : ratio(row.rps, sameRoutePeer?.rps), ratio(row.rps, nio.rps),
      ];
    }));
    for (const row of summary) if (row.failure) out(`> ${row.label}: wrk failed: ${row.failure}`);
    const edge = summary[0];
    const json = summary[2];
    const swift = summary[4];
    const verdict = (ok) => (ok ? "met" : "**missed**");
    table(["target", "measured", "verdict"], [
      ["edge hello ≥ 4× the Node edge peer", ratio(edge.rps, summary[1].rps), verdict(edge.rps >= 4 * summary[1].rps)],
      ["edge JSON ≥ 4× the Node edge peer", ratio(json.rps, summary[3].rps), verdict(json.rps >= 4 * summary[3].rps)],
      ["edge hello ≥ 60% of raw SwiftNIO", `${fmt((100 * edge.rps) / nio.rps, 1)}%`, verdict(edge.rps >= 0.6 * nio.rps)],
      ["Swift route ≥ 6× the Node edge peer", ratio(swift.rps, summary[1].rps), verdict(swift.rps >= 6 * summary[1].rps)],
      ["Verge p99 at 64 connections ≤ 10 ms", `${fmt(edge.p99, 2)} / ${fmt(json.p99, 2)} / ${fmt(swift.p99, 2)} ms`, verdict(Math.max(edge.p99, json.p99, swift.p99) <= 10)],
    ]);
  } finally {
    for (const server of servers) await stopServer(server);
  }
}

// ---------------------------------------------------------------- part 4: cold boot

function generateSegments(directory, count) {
  fs.rmSync(directory, { recursive: true, force: true });
  const paths = [];
  for (let i = 0; i < count; i++) {
    const name = `s${String(i).padStart(4, "0")}`;
    const folder = path.join(directory, "app", name);
    fs.mkdirSync(folder, { recursive: true });
    // Each segment is distinct code (its own constants and a small helper), as real ones are.
    fs.writeFileSync(path.join(folder, "route.js"), `// Generated by benchmarks/run.mjs (cold boot).
export const runtime = 'edge';

const SEGMENT = ${i};
function greeting(url) {
  return 'segment ' + SEGMENT + ' at ' + url.pathname + '\\n';
}

export function GET(request) {
  return new Response(greeting(new URL(request.url)), {
    headers: { 'content-type': 'text/plain; charset=utf-8', 'x-segment': String(SEGMENT) },
  });
}
`);
    paths.push(`/${name}`);
  }
  return paths;
}

function coldClient(port, pathsFile, passes = 1) {
  const result = run(...pinned(CLIENT_CORE, "node", [
    path.join(root, "benchmarks/tools/cold-client.mjs"), "--origin", `http://127.0.0.1:${port}`, "--paths", pathsFile, "--passes", String(passes),
  ]), { timeout: 900 });
  const rows = [];
  for (const line of result.stdout.split("\n")) {
    const [pass, urlPath, status, ms] = line.split("\t");
    if (ms !== undefined) rows.push({ pass: Number(pass), path: urlPath, status: Number(status), ms: Number(ms) });
  }
  return { rows, failure: result.status === 0 ? null : (result.error ?? result.stderr).trim() };
}

async function coldPart() {
  out("## 4. Cold boot and 1,000 segments");
  out();
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "verge-bench-cold-"));
  try {
    const paths = generateSegments(directory, segmentCount);
    const buildStart = Date.now();
    const built = run(vergeBin, ["build", directory], { timeout: 1800 });
    const buildSeconds = (Date.now() - buildStart) / 1000;
    if (built.status !== 0) {
      out(`> \`verge build\` of ${segmentCount} segments failed: ${(built.error ?? built.stderr).trim().slice(0, 500)}`);
      return;
    }
    const firstFile = path.join(directory, "first100.txt");
    const allFile = path.join(directory, "all.txt");
    fs.writeFileSync(firstFile, paths.slice(0, 100).join("\n") + "\n");
    fs.writeFileSync(allFile, paths.join("\n") + "\n");
    out(`${segmentCount} generated edge segments (\`app/sNNNN/route.js\`, each distinct code) built with \`verge build\` in ${buildSeconds.toFixed(1)} s. Each server (pinned to core ${SERVER_CORE}, one event loop) starts fresh; a client on core ${CLIENT_CORE} sends one request at a time over one keep-alive connection: the first request to each of the first 100 segments (each boots its segment: no realm yet; in vm-per-segment also no VM yet), then a second request to each (warm), then a first request to each of the other ${segmentCount - 100} segments; RSS is read from /proc after all ${segmentCount} are loaded. Client-side latency includes about 0.1 ms of Node's HTTP client. Load average before: ${load()}.`);
    out();
    const vergeStart = (port, ...extra) => ["start", directory, "--port", String(port), "--threads", "1", "--quiet", ...extra];
    const configs = [
      { label: "Verge shared-vm (default 128 MB heap limit)", command: vergeBin, args: (port) => vergeStart(port, "--isolation", "shared-vm") },
      { label: "Verge shared-vm, `--heap-limit-mb 4096`", command: vergeBin, args: (port) => vergeStart(port, "--isolation", "shared-vm", "--heap-limit-mb", "4096") },
      { label: "Verge vm-per-segment", command: vergeBin, args: (port) => vergeStart(port, "--isolation", "vm-per-segment") },
      { label: "Node peer (a node:vm context per segment)", command: "node", args: (port) => [path.join(root, "benchmarks/peers/node-edge-peer.mjs"), "--app", directory, "--port", String(port)] },
    ];
    const columns = [];
    for (const config of configs) {
      const port = freePort();
      let server;
      try {
        // Readiness probe on a path no segment serves, so no segment boots before the run.
        server = await startServer(config.label, config.command, config.args(port), { port, probe: "/__bench_ready" });
        await sleep(300);
        const rssStart = rssMB(server.pid);
        const first = coldClient(port, firstFile, 2);
        const restFile = path.join(directory, "rest.txt");
        fs.writeFileSync(restFile, paths.slice(100).join("\n") + "\n");
        const restStart = Date.now();
        const rest = coldClient(port, restFile, 1);
        const restSeconds = (Date.now() - restStart) / 1000;
        await sleep(300);
        const rssEnd = rssMB(server.pid);
        const cold = first.rows.filter((r) => r.pass === 1);
        const warm = first.rows.filter((r) => r.pass === 2);
        const badRows = [...first.rows, ...rest.rows].filter((r) => r.status !== 200);
        const statuses = {};
        for (const r of badRows) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
        const bad = badRows.length === 0 ? "0" : Object.entries(statuses).map(([code, n]) => `${n} × ${code}`).join(", ");
        const recycled = (server.output().match(/^\[[^\]\n]*\] heap limit exceeded/gm) ?? []).length;
        columns.push({
          label: config.label,
          firstEver: cold[0]?.ms,
          coldP50: percentile(cold.slice(1).map((r) => r.ms), 50),
          coldP99: percentile(cold.slice(1).map((r) => r.ms), 99),
          coldMax: Math.max(...cold.slice(1).map((r) => r.ms)),
          warmP50: percentile(warm.map((r) => r.ms), 50),
          restP50: percentile(rest.rows.map((r) => r.ms), 50),
          restSeconds,
          rssStart,
          rssEnd,
          perSegment: (rssEnd - rssStart) / segmentCount,
          bad,
          recycled,
          failure: (first.failure ?? rest.failure) === null ? null
            : `${first.failure ?? rest.failure}\n(server ${server.child.exitCode !== null ? `exited ${server.child.exitCode}` : server.child.signalCode !== null ? `killed by ${server.child.signalCode}` : "still running"}; its output ends: ${server.output().slice(-1500)})`,
        });
      } catch (error) {
        columns.push({ label: config.label, failure: String(error.message ?? error) });
      } finally {
        if (server) await stopServer(server);
      }
    }
    const row = (label, pick) => [label, ...columns.map(pick)];
    table(["measurement", ...columns.map((c) => c.label)], [
      row("very first request (boots the first segment; Verge: also the loop's first VM): ms", (c) => fmt(c.firstEver, 2)),
      row("first request to segments 2–100: p50 ms (target ≤ 5)", (c) => fmt(c.coldP50, 2)),
      row("first request to segments 2–100: p99 / max ms", (c) => `${fmt(c.coldP99, 2)} / ${fmt(c.coldMax, 2)}`),
      row("second request to the same 100: p50 ms", (c) => fmt(c.warmP50, 3)),
      row(`first request to segments 101–${segmentCount}: p50 ms`, (c) => fmt(c.restP50, 2)),
      row(`time to boot segments 101–${segmentCount} one after another: s`, (c) => fmt(c.restSeconds, 1)),
      row("RSS before any request: MB", (c) => fmt(c.rssStart, 1)),
      row(`RSS with ${segmentCount} segments loaded: MB`, (c) => fmt(c.rssEnd, 1)),
      row("RSS per loaded segment: MB", (c) => fmt(c.perSegment, 3)),
      row("non-200 answers", (c) => c.bad ?? "—"),
      row("VMs recycled for the heap limit (server log)", (c) => (c.recycled === undefined ? "—" : String(c.recycled))),
    ]);
    for (const column of columns) if (column.failure) out(`> ${column.label}: ${column.failure.slice(0, 500)}`);
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- part 5: the response cache

/** Requests/s of cached responses beside the uncached versions (benchmarks/cache/run.sh). */
async function cachePart() {
  out("## 5. Response cache (docs/caching.md)");
  out();
  const seconds = quick ? 2 : Math.min(duration, 5);
  const result = run("taskset", ["-c", `${SERVER_CORE},${CLIENT_CORE}`, path.join(root, "benchmarks/cache/run.sh"), String(seconds)], {
    timeout: 8 * (seconds + 30),
    env: { BUILD_DIR: releaseDir },
  });
  const rates = result.stdout.split("\n").filter((line) => line.includes("\t")).map((line) => {
    const [name, rate] = line.split("\t");
    return { name, rps: Number(rate) };
  });
  if (result.status !== 0 || rates.length === 0) {
    out(`> benchmarks/cache/run.sh failed: ${(result.error ?? result.stderr).trim()}`);
    return;
  }
  out(`examples/cache built and started in release; upstream: verge-test-server on 127.0.0.1; \`wrk -t1 -c32 -d${seconds}s\` per row after one warm-up request. Load average before: ${load()}.`);
  out();
  const find = (prefix) => rates.find((rate) => rate.name.startsWith(prefix))?.rps;
  const uncached = { node: find("node dynamic"), edge: find("edge fetch (no-store") };
  table(["route", "requests/s", "vs uncached"], rates.map((rate) => {
    const base = rate.name.startsWith("edge") ? uncached.edge : rate.name.startsWith("node") ? uncached.node : undefined;
    return [rate.name, fmt(rate.rps), base && !rate.name.includes("no-store") && !rate.name.includes("dynamic") ? ratio(rate.rps, base) : "—"];
  }));
}

// ---------------------------------------------------------------- main

async function main() {
  if (parts.has("webapis") || parts.has("cold")) {
    requireFile(vergeBin, "build Verge in release first (scripts/bench does: swift build -c release)");
  }
  if (parts.has("isolate") || parts.has("http")) {
    requireFile(benchBin, "build the benchmark tool first (swift build -c release --product verge-bench)");
  }
  for (const tool of ["taskset", "wrk", "node"]) {
    if (run("sh", ["-c", `command -v ${tool}`], { timeout: 10 }).status !== 0) {
      console.error(`bench: ${tool} is not installed (scripts/setup installs wrk; taskset is in util-linux)`);
      process.exit(1);
    }
  }
  const info = machine();
  out(`# Verge benchmarks — ${info.date}`);
  out();
  out(`Machine: ${info.cores} cores (${info.model}), ${info.memory} RAM, ${info.kernel}; ${info.swift}; Node ${info.node}; ${info.wrk}.${quick ? " Quick mode: fewer samples, shorter runs." : ""}`);
  out(`Load average at start (1, 5, 15 min): ${load()}.`);
  out();
  const started = Date.now();
  if (parts.has("isolate")) await isolatePart();
  if (parts.has("webapis")) await webAPIsPart();
  if (parts.has("http")) await httpPart();
  if (parts.has("cold")) await coldPart();
  if (parts.has("cache")) await cachePart();
  out(`Finished in ${((Date.now() - started) / 60000).toFixed(1)} min; load average at the end: ${load()}.`);
  const resultsDir = path.join(root, "benchmarks/results");
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${info.date.replace(/[:.]/g, "-")}.md`);
  fs.writeFileSync(file, report.join("\n") + "\n");
  console.log(`\nReport written to ${path.relative(root, file)}`);
}

main().catch((error) => {
  console.error(`bench: ${error && error.stack ? error.stack : error}`);
  killAll();
  process.exit(1);
});
