// The Node 20 peer of Verge's edge runtime: serves the edge segments of a Verge build
// (`verge build DIR` → DIR/.verge/build.json and its esbuild bundles: the same code Verge
// runs) the way self-hosted Next.js runs edge routes:
//
//   - each segment gets its own node:vm context, created on its first request (cold boot),
//     with code generation from strings disabled (codeGeneration: { strings: false, wasm: false })
//     and the host's Web API globals injected (Request, Response, Headers, URL, streams, …);
//   - each request becomes a Web `Request` (headers copied, body as a web stream), the
//     handler's `Response` is written back: status, headers, then its body stream chunk by
//     chunk (Next.js's pipeToNodeResponse).
//
//   node benchmarks/peers/node-edge-peer.mjs --app DIR [--port 8092]
//
// Only static route patterns are served (the benchmark apps have no dynamic segments).
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { Readable } from "node:stream";
import vm from "node:vm";

const argv = process.argv.slice(2);
function option(name, fallback) {
  const index = argv.indexOf(name);
  return index >= 0 && index + 1 < argv.length ? argv[index + 1] : fallback;
}
const appDirectory = option("--app", null);
const port = Number(option("--port", "8092"));
if (!appDirectory) {
  console.error("usage: node node-edge-peer.mjs --app DIR [--port P]  (DIR built with `verge build DIR`)");
  process.exit(64);
}

const buildFile = path.join(appDirectory, ".verge", "build.json");
let build;
try {
  build = JSON.parse(fs.readFileSync(buildFile, "utf8"));
} catch (error) {
  console.error(`node-edge-peer: cannot read ${buildFile} (run \`verge build ${appDirectory}\` first): ${error.message}`);
  process.exit(1);
}

// pattern -> bundle path, for edge routes with a static pattern.
const bundles = new Map();
for (const row of build.routes) {
  if (row.runtime !== "edge" || row.pattern.includes("[")) continue;
  const bundle = build.bundles[row.file];
  if (bundle) bundles.set(row.pattern, bundle);
}

const webGlobalNames = [
  "AbortController", "AbortSignal", "Blob", "ByteLengthQueuingStrategy", "CompressionStream",
  "CountQueuingStrategy", "Crypto", "CryptoKey", "CustomEvent", "DecompressionStream", "DOMException",
  "Event", "EventTarget", "File", "FormData", "Headers", "MessageChannel", "MessageEvent", "MessagePort",
  "Performance", "ReadableByteStreamController", "ReadableStream", "ReadableStreamBYOBReader",
  "ReadableStreamBYOBRequest", "ReadableStreamDefaultController", "ReadableStreamDefaultReader", "Request",
  "Response", "SubtleCrypto", "TextDecoder", "TextDecoderStream", "TextEncoder", "TextEncoderStream",
  "TransformStream", "TransformStreamDefaultController", "URL", "URLPattern", "URLSearchParams",
  "WritableStream", "WritableStreamDefaultController", "WritableStreamDefaultWriter", "atob", "btoa",
  "clearInterval", "clearTimeout", "console", "crypto", "fetch", "navigator", "performance",
  "queueMicrotask", "setInterval", "setTimeout", "structuredClone",
];

const KNOWN_METHODS = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"];

// pattern -> { handlers } once booted.
const segments = new Map();

function boot(pattern) {
  const file = bundles.get(pattern);
  const source = fs.readFileSync(file, "utf8");
  const sandbox = {};
  for (const name of webGlobalNames) if (name in globalThis) sandbox[name] = globalThis[name];
  sandbox.process = { env: { NEXT_RUNTIME: "edge" } };
  const context = vm.createContext(sandbox, {
    name: pattern,
    codeGeneration: { strings: false, wasm: false },
  });
  vm.runInContext(source, context, { filename: file });
  const namespace = context.__vergeSegment;
  const handlers = Object.create(null);
  for (const method of KNOWN_METHODS) {
    if (typeof namespace.route[method] === "function") handlers[method] = namespace.route[method];
  }
  if (!handlers.HEAD && handlers.GET) handlers.HEAD = handlers.GET;
  const segment = { handlers };
  segments.set(pattern, segment);
  return segment;
}

function toWebRequest(req, url) {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i], raw[i + 1]);
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(url, {
    method: req.method,
    headers,
    body: hasBody ? Readable.toWeb(req) : null,
    duplex: hasBody ? "half" : undefined,
  });
}

async function writeWebResponse(response, res, isHead) {
  res.statusCode = response.status;
  if (response.statusText) res.statusMessage = response.statusText;
  for (const [name, value] of response.headers) {
    if (name === "set-cookie") continue;
    res.setHeader(name, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader("set-cookie", cookies);
  if (!response.body || isHead) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!res.write(value)) await new Promise((resolve) => res.once("drain", resolve));
  }
  res.end();
}

async function handle(req, res) {
  const url = new URL(req.url, `http://${req.headers.host ?? `127.0.0.1:${port}`}`);
  if (!bundles.has(url.pathname)) {
    res.statusCode = 404;
    res.end("not found\n");
    return;
  }
  const segment = segments.get(url.pathname) ?? boot(url.pathname);
  const handler = segment.handlers[req.method];
  if (!handler) {
    res.statusCode = 405;
    res.end();
    return;
  }
  const request = toWebRequest(req, url.href);
  const response = await handler(request, { params: Promise.resolve({}) });
  await writeWebResponse(response, res, req.method === "HEAD");
}

const server = http.createServer((req, res) => {
  handle(req, res).catch((error) => {
    console.error(`node-edge-peer: ${error && error.stack ? error.stack : error}`);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  });
});
server.keepAliveTimeout = 65000;
server.listen(port, "127.0.0.1", () => {
  console.log(`node edge peer listening on http://127.0.0.1:${server.address().port} (${bundles.size} edge segments)`);
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close(() => process.exit(0)));
