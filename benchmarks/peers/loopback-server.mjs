// A loopback HTTP server for benchmarks/web-apis/fetch.js when `verge-test-server` (the fetch
// tests' server) is not built. Same endpoints and bodies as the ones fetch.js uses:
//   /bytes [n=1048576]          n bytes (byte i = i % 256), Content-Length, written with backpressure
//   /content-length [n=100000]  n bytes (byte i = i % 256), Content-Length
//   /encoded/gzip [n=10000]     n bytes of "0123456789abcdef…" gzip-encoded, Content-Encoding: gzip
//   /upload                     reads the body without keeping it; JSON {bytes, sum}
// Prints its origin on the first line.
//   node benchmarks/peers/loopback-server.mjs [--port 0]
import http from "node:http";
import zlib from "node:zlib";

const index = process.argv.indexOf("--port");
const port = Number(index >= 0 ? process.argv[index + 1] : 0);

const pattern = Buffer.alloc(65536);
for (let i = 0; i < pattern.length; i++) pattern[i] = i & 255;
const gzipCache = new Map();

function bytesOf(n) {
  const out = Buffer.allocUnsafe(n);
  for (let offset = 0; offset < n; offset += pattern.length) pattern.copy(out, offset, 0, Math.min(pattern.length, n - offset));
  return out;
}

function gzipOf(n) {
  if (!gzipCache.has(n)) {
    const text = Buffer.alloc(n);
    const alphabet = Buffer.from("0123456789abcdef");
    for (let i = 0; i < n; i++) text[i] = alphabet[i & 15];
    gzipCache.set(n, zlib.gzipSync(text));
  }
  return gzipCache.get(n);
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, "http://127.0.0.1");
  const n = (fallback) => Math.max(0, Number(url.searchParams.get("n") ?? fallback) | 0);
  switch (url.pathname) {
    case "/bytes": {
      const total = n(1 << 20);
      res.writeHead(200, { "content-type": "application/octet-stream", "content-length": total });
      let sent = 0;
      const pump = () => {
        while (sent < total) {
          const size = Math.min(pattern.length, total - sent);
          sent += size;
          if (!res.write(size === pattern.length ? pattern : pattern.subarray(0, size))) {
            res.once("drain", pump);
            return;
          }
        }
        res.end();
      };
      pump();
      return;
    }
    case "/content-length": {
      const body = bytesOf(n(100000));
      res.writeHead(200, { "content-type": "application/octet-stream", "content-length": body.length });
      res.end(body);
      return;
    }
    case "/encoded/gzip": {
      const body = gzipOf(n(10000));
      res.writeHead(200, { "content-type": "text/plain", "content-encoding": "gzip", "content-length": body.length });
      res.end(body);
      return;
    }
    case "/upload": {
      let bytes = 0;
      let sum = 0;
      req.on("data", (chunk) => {
        bytes += chunk.length;
        for (let i = 0; i < chunk.length; i++) sum = (sum + chunk[i]) >>> 0;
      });
      req.on("end", () => {
        const body = JSON.stringify({ bytes, sum });
        res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
        res.end(body);
      });
      return;
    }
    default:
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found\n");
  }
});
server.keepAliveTimeout = 65000;
server.listen(port, "127.0.0.1", () => {
  console.log(`http://127.0.0.1:${server.address().port}`);
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close(() => process.exit(0)));
