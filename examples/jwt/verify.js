// JWT (RFC 7519) verification with Web Crypto only: HS256, RS256, ES256 and EdDSA (Ed25519).
//
// This one file is both
//   - the library the edge route imports (app/api/verify/route.ts, bundled by esbuild, which
//     sees the CommonJS `module.exports` at the bottom), and
//   - a self-test: `verge run examples/jwt/verify.js` (or `node examples/jwt/verify.js`)
//     generates keys, signs sample tokens and checks that verification accepts and rejects
//     exactly what it should.
//
// Keys come from the environment (see keysFromEnv): a shared secret for HS256 and public JWKs
// (JSON) for RS256, ES256 and EdDSA.

"use strict";

// --- Encoding helpers ---------------------------------------------------------------------

const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** base64url (RFC 4648 section 5, no padding) to bytes; null when malformed. */
function base64UrlDecode(text) {
  if (typeof text !== "string" || text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const value = BASE64URL.indexOf(text[i]);
    if (value < 0) return null;
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[length++] = (buffer >> bits) & 0xff;
    }
  }
  return out.subarray(0, length);
}

function base64UrlEncode(bytes) {
  bytes = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let out = "";
  let i = 0;
  for (; i + 3 <= bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += BASE64URL[(n >> 18) & 63] + BASE64URL[(n >> 12) & 63] + BASE64URL[(n >> 6) & 63] + BASE64URL[n & 63];
  }
  const rest = bytes.length - i;
  if (rest > 0) {
    const n = (bytes[i] << 16) | (rest === 2 ? bytes[i + 1] << 8 : 0);
    out += BASE64URL[(n >> 18) & 63] + BASE64URL[(n >> 12) & 63];
    if (rest === 2) out += BASE64URL[(n >> 6) & 63];
  }
  return out;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

function decodeJSONPart(part) {
  const bytes = base64UrlDecode(part);
  if (bytes === null) return undefined;
  try {
    const value = JSON.parse(decoder.decode(bytes));
    return value !== null && typeof value === "object" && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

// --- Algorithms ---------------------------------------------------------------------------

/** JWS "alg" -> the Web Crypto parameters to import its key and to verify with it. */
const ALGORITHMS = {
  HS256: { importParams: { name: "HMAC", hash: "SHA-256" }, verifyParams: { name: "HMAC" } },
  RS256: { importParams: { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, verifyParams: { name: "RSASSA-PKCS1-v1_5" } },
  ES256: { importParams: { name: "ECDSA", namedCurve: "P-256" }, verifyParams: { name: "ECDSA", hash: "SHA-256" } },
  EdDSA: { importParams: { name: "Ed25519" }, verifyParams: { name: "Ed25519" } },
};

/**
 * Imports the verification keys from an environment object:
 *   JWT_HS256_SECRET   the shared secret (its UTF-8 bytes), or
 *   JWT_HS256_JWK      an "oct" JWK
 *   JWT_RS256_JWK      an RSA public JWK
 *   JWT_ES256_JWK      an EC P-256 public JWK
 *   JWT_EDDSA_JWK      an OKP Ed25519 public JWK
 * Returns { alg: CryptoKey } for the algorithms configured.
 */
async function keysFromEnv(env) {
  const keys = {};
  const crypto = globalThis.crypto.subtle;
  if (env.JWT_HS256_SECRET) {
    keys.HS256 = await crypto.importKey("raw", encoder.encode(env.JWT_HS256_SECRET), ALGORITHMS.HS256.importParams, false, ["verify"]);
  } else if (env.JWT_HS256_JWK) {
    keys.HS256 = await crypto.importKey("jwk", JSON.parse(env.JWT_HS256_JWK), ALGORITHMS.HS256.importParams, false, ["verify"]);
  }
  for (const [alg, variable] of [["RS256", "JWT_RS256_JWK"], ["ES256", "JWT_ES256_JWK"], ["EdDSA", "JWT_EDDSA_JWK"]]) {
    if (!env[variable]) continue;
    const jwk = JSON.parse(env[variable]);
    // Only the public part is needed (and wanted) to verify.
    delete jwk.d; delete jwk.p; delete jwk.q; delete jwk.dp; delete jwk.dq; delete jwk.qi; delete jwk.key_ops;
    keys[alg] = await crypto.importKey("jwk", jwk, ALGORITHMS[alg].importParams, false, ["verify"]);
  }
  return keys;
}

/**
 * Verifies a compact JWS/JWT. Returns { ok: true, header, payload } or
 * { ok: false, reason } where reason is one of "malformed", "unsupported_alg", "no_key",
 * "bad_signature", "expired", "not_yet_valid".
 *
 * options.now: seconds since the epoch (default: the clock); options.leeway: seconds of
 * tolerated clock skew for exp and nbf (default 0).
 */
async function verifyJwt(token, keys, options = {}) {
  const fail = (reason, detail) => ({ ok: false, reason, detail });
  if (typeof token !== "string") return fail("malformed", "the token is not a string");
  const parts = token.split(".");
  if (parts.length !== 3) return fail("malformed", "a JWT has three dot-separated parts");
  const [encodedHeader, encodedPayload, encodedSignature] = parts;

  const header = decodeJSONPart(encodedHeader);
  if (header === undefined) return fail("malformed", "the header is not base64url-encoded JSON");
  if (typeof header.alg !== "string") return fail("malformed", "the header has no alg");
  const algorithm = Object.prototype.hasOwnProperty.call(ALGORITHMS, header.alg) ? ALGORITHMS[header.alg] : undefined;
  if (algorithm === undefined) return fail("unsupported_alg", `alg ${JSON.stringify(header.alg)} is not accepted`);
  if (header.crit !== undefined) return fail("malformed", "critical header parameters are not supported");
  const key = keys[header.alg];
  if (key === undefined) return fail("no_key", `no key is configured for ${header.alg}`);

  const payload = decodeJSONPart(encodedPayload);
  if (payload === undefined) return fail("malformed", "the payload is not base64url-encoded JSON");
  const signature = base64UrlDecode(encodedSignature);
  if (signature === null || signature.length === 0) return fail("malformed", "the signature is not base64url");

  const signingInput = encoder.encode(`${encodedHeader}.${encodedPayload}`);
  const valid = await globalThis.crypto.subtle.verify(algorithm.verifyParams, key, signature, signingInput);
  if (!valid) return fail("bad_signature", "the signature does not match");

  const now = options.now ?? Math.floor(Date.now() / 1000);
  const leeway = options.leeway ?? 0;
  for (const claim of ["exp", "nbf", "iat"]) {
    if (payload[claim] !== undefined && (typeof payload[claim] !== "number" || !Number.isFinite(payload[claim]))) {
      return fail("malformed", `the ${claim} claim is not a number`);
    }
  }
  if (payload.exp !== undefined && now >= payload.exp + leeway) return fail("expired", `expired at ${payload.exp}`);
  if (payload.nbf !== undefined && now < payload.nbf - leeway) return fail("not_yet_valid", `not valid before ${payload.nbf}`);
  return { ok: true, header, payload };
}

// --- Self-test (when run as a script) -------------------------------------------------------

/** Signs a JWT for the tests (an edge app would normally only verify). */
async function signJwt(alg, privateKey, payload, headerExtras = {}) {
  const subtle = globalThis.crypto.subtle;
  const header = base64UrlEncode(encoder.encode(JSON.stringify({ alg, typ: "JWT", ...headerExtras })));
  const body = base64UrlEncode(encoder.encode(JSON.stringify(payload)));
  const input = encoder.encode(`${header}.${body}`);
  const params = alg in ALGORITHMS ? ALGORITHMS[alg].verifyParams : { name: "HMAC" };
  const signature = await subtle.sign(params, privateKey, input);
  return `${header}.${body}.${base64UrlEncode(new Uint8Array(signature))}`;
}

async function selfTest() {
  const subtle = globalThis.crypto.subtle;
  let failures = 0;
  const check = (name, actual, expected) => {
    const ok = actual === expected;
    if (!ok) failures++;
    console.log(`${ok ? "ok  " : "FAIL"}  ${name}${ok ? "" : ` (got ${actual}, expected ${expected})`}`);
  };

  // Keys, exported the way an operator would put them in the environment.
  const rsa = await subtle.generateKey({ name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }, true, ["sign", "verify"]);
  const ec = await subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"]);
  const ed = await subtle.generateKey({ name: "Ed25519" }, true, ["sign", "verify"]);
  const secret = "correct horse battery staple";
  const env = {
    JWT_HS256_SECRET: secret,
    JWT_RS256_JWK: JSON.stringify(await subtle.exportKey("jwk", rsa.publicKey)),
    JWT_ES256_JWK: JSON.stringify(await subtle.exportKey("jwk", ec.publicKey)),
    JWT_EDDSA_JWK: JSON.stringify(await subtle.exportKey("jwk", ed.publicKey)),
  };
  const keys = await keysFromEnv(env);
  const hmacSigning = await subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const signing = { HS256: hmacSigning, RS256: rsa.privateKey, ES256: ec.privateKey, EdDSA: ed.privateKey };

  const now = 1_700_000_000;
  const claims = { sub: "user-1", iat: now - 10, nbf: now - 10, exp: now + 3600 };
  for (const alg of Object.keys(ALGORITHMS)) {
    const token = await signJwt(alg, signing[alg], claims);
    const result = await verifyJwt(token, keys, { now });
    check(`${alg}: a valid token verifies`, result.ok && result.payload.sub, "user-1");
    const [h, p, s] = token.split(".");
    const tamperedPayload = base64UrlEncode(encoder.encode(JSON.stringify({ ...claims, sub: "admin" })));
    check(`${alg}: a changed payload fails`, (await verifyJwt(`${h}.${tamperedPayload}.${s}`, keys, { now })).reason, "bad_signature");
    const flipped = base64UrlDecode(s);
    flipped[flipped.length - 1] ^= 1;
    check(`${alg}: a changed signature fails`, (await verifyJwt(`${h}.${p}.${base64UrlEncode(flipped)}`, keys, { now })).reason, "bad_signature");
    check(`${alg}: after exp`, (await verifyJwt(token, keys, { now: now + 3600 })).reason, "expired");
    check(`${alg}: before nbf`, (await verifyJwt(token, keys, { now: now - 11 })).reason, "not_yet_valid");
    check(`${alg}: before nbf, within the leeway`, (await verifyJwt(token, keys, { now: now - 11, leeway: 5 })).ok, true);
  }

  // An RS256 key is never used for a token that claims HS256 (and vice versa).
  const rsToken = await signJwt("RS256", rsa.privateKey, claims);
  const [, rsPayload, rsSignature] = rsToken.split(".");
  const claimsHS = base64UrlEncode(encoder.encode(JSON.stringify({ alg: "HS256", typ: "JWT" })));
  check("RS256 signature presented as HS256", (await verifyJwt(`${claimsHS}.${rsPayload}.${rsSignature}`, keys, { now })).reason, "bad_signature");

  const noneHeader = base64UrlEncode(encoder.encode(JSON.stringify({ alg: "none" })));
  check("alg none is refused", (await verifyJwt(`${noneHeader}.${rsPayload}.`, keys, { now })).reason, "unsupported_alg");
  const hs512 = await signJwt("HS512", await subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-512" }, false, ["sign"]), claims);
  check("HS512 is not accepted", (await verifyJwt(hs512, keys, { now })).reason, "unsupported_alg");
  check("no key configured", (await verifyJwt(await signJwt("ES256", ec.privateKey, claims), { HS256: keys.HS256 }, { now })).reason, "no_key");
  check("two parts", (await verifyJwt("abc.def", keys, { now })).reason, "malformed");
  check("bad base64", (await verifyJwt("a$c.def.ghi", keys, { now })).reason, "malformed");
  check("header not JSON", (await verifyJwt(`${base64UrlEncode(encoder.encode("nope"))}.e30.sig`, keys, { now })).reason, "malformed");
  const badExp = await signJwt("HS256", hmacSigning, { exp: "tomorrow" });
  check("exp not a number", (await verifyJwt(badExp, keys, { now })).reason, "malformed");

  console.log(failures === 0 ? "all JWT checks passed" : `${failures} JWT check(s) failed`);
  if (failures !== 0) throw new Error(`${failures} JWT check(s) failed`);
}

const isModule = typeof module === "object" && module !== null && typeof module.exports === "object";
if (isModule) module.exports = { verifyJwt, keysFromEnv, base64UrlDecode, base64UrlEncode };
// Run the self-test as a script: `verge run` (no module system) or `node verify.js`.
if (!isModule || (typeof require === "function" && require.main === module)) {
  selfTest().catch((error) => {
    console.error(error);
    throw error;
  });
}
