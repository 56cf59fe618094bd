// Sends GET requests one at a time over one keep-alive connection and prints each one's
// latency (ms, from send to the last body byte) with its status: "path<TAB>status<TAB>ms".
// Used for cold boot: the first request to each segment boots it.
//   node benchmarks/tools/cold-client.mjs --origin http://127.0.0.1:PORT --paths FILE [--passes 1]
import fs from "node:fs";
import http from "node:http";

const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const index = argv.indexOf(name);
  return index >= 0 && index + 1 < argv.length ? argv[index + 1] : fallback;
};
const origin = new URL(option("--origin", "http://127.0.0.1:3000"));
const paths = fs.readFileSync(option("--paths", "/dev/stdin"), "utf8").split("\n").filter(Boolean);
const passes = Math.min(10, Math.max(1, Number(option("--passes", "1"))));
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function get(path) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const req = http.get({ host: origin.hostname, port: origin.port, path, agent, timeout: 30000 }, (res) => {
      res.on("data", () => {});
      res.on("end", () => resolve({ status: res.statusCode, ms: Number(process.hrtime.bigint() - start) / 1e6 }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`timed out: ${path}`)));
    req.on("error", reject);
  });
}

for (let pass = 1; pass <= passes; pass++) {
  for (const path of paths) {
    const { status, ms } = await get(path);
    console.log(`${pass}\t${path}\t${status}\t${ms.toFixed(3)}`);
  }
}
agent.destroy();
