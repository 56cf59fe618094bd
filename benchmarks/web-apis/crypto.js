// Web Crypto throughput: runs under `verge run` and `node` alike (globalThis.crypto.subtle).
// Prints one line per benchmark: "name<TAB>ops/sec". Each row runs sequential awaited calls for
// about `SECONDS` seconds (bounded by MAX_ITERATIONS), after a warm-up.
"use strict";

const subtle = globalThis.crypto.subtle;
const SECONDS = 1;
const MAX_ITERATIONS = 2_000_000;
const now = typeof performance !== "undefined" && typeof performance.now === "function"
  ? () => performance.now()
  : () => Date.now();

async function bench(name, fn) {
  for (let i = 0; i < 20; i++) await fn(); // warm-up
  let iterations = 0;
  const start = now();
  const deadline = start + SECONDS * 1000;
  while (iterations < MAX_ITERATIONS) {
    await fn();
    iterations++;
    if ((iterations & 7) === 0 && now() >= deadline) break;
  }
  const elapsed = (now() - start) / 1000;
  console.log(`${name}\t${Math.round(iterations / elapsed)}`);
}

async function main() {
  const kb = new Uint8Array(1024).fill(7);
  const mb = new Uint8Array(1024 * 1024).fill(7);
  const message = new Uint8Array(256).fill(1);

  const hmacKey = await subtle.importKey("raw", new Uint8Array(32).fill(3), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  await bench("hmac-sha256-sign-1kb", () => subtle.sign("HMAC", hmacKey, kb));

  await bench("sha256-digest-1mb", () => subtle.digest("SHA-256", mb));

  const p256 = await subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign", "verify"]);
  const ecdsa = { name: "ECDSA", hash: "SHA-256" };
  const p256Signature = await subtle.sign(ecdsa, p256.privateKey, message);
  await bench("ecdsa-p256-sign", () => subtle.sign(ecdsa, p256.privateKey, message));
  await bench("ecdsa-p256-verify", () => subtle.verify(ecdsa, p256.publicKey, p256Signature, message));

  const ed = await subtle.generateKey("Ed25519", false, ["sign", "verify"]);
  const edSignature = await subtle.sign("Ed25519", ed.privateKey, message);
  await bench("ed25519-sign", () => subtle.sign("Ed25519", ed.privateKey, message));
  await bench("ed25519-verify", () => subtle.verify("Ed25519", ed.publicKey, edSignature, message));

  const rsa = await subtle.generateKey(
    { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
    false, ["sign", "verify"]);
  const rsaSignature = await subtle.sign("RSASSA-PKCS1-v1_5", rsa.privateKey, message);
  await bench("rsa2048-pkcs1-verify", () => subtle.verify("RSASSA-PKCS1-v1_5", rsa.publicKey, rsaSignature, message));
}

main().catch((error) => {
  console.log(`error\t${error && error.stack || error}`);
});
