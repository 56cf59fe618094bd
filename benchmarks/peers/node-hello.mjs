// Node 20's raw `http` hello world (no routing, no vm): the Node ceiling.
//   node benchmarks/peers/node-hello.mjs [--port 8093]
import http from "node:http";

const index = process.argv.indexOf("--port");
const port = Number(index >= 0 ? process.argv[index + 1] : 8093);
const body = Buffer.from("Hello, world!");
const server = http.createServer((req, res) => {
  res.writeHead(200, { "content-type": "text/plain; charset=utf-8", "content-length": body.length });
  res.end(body);
});
server.keepAliveTimeout = 65000;
server.listen(port, "127.0.0.1", () => {
  console.log(`node hello listening on http://127.0.0.1:${server.address().port}`);
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close(() => process.exit(0)));
