// The loopback test server (Sources/VergeTestServer): `verge conformance` starts it and
// passes its origin ("http://127.0.0.1:PORT") as process.env.VERGE_TEST_SERVER.
"use strict";

const SERVER = (typeof process === "object" && process.env && process.env.VERGE_TEST_SERVER) || null;

// Registers the tests only when the server is available; otherwise one failing test says why.
function withServer(register) {
  if (SERVER === null) {
    test(() => {
      assert_unreached("process.env.VERGE_TEST_SERVER is not set: run this file through `verge conformance`");
    }, "the loopback test server is available");
    return;
  }
  register(SERVER);
}

async function readAll(stream) {
  const reader = stream.getReader();
  const chunks = [];
  let total = 0;
  while (true) {
    const { value, done } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.byteLength;
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

// Checks that `bytes` follow the server's generated pattern (byte i = i % 256).
function isPattern(bytes, start = 0) {
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== ((start + i) & 0xff)) return false;
  }
  return true;
}
