// META: title=SubtleCrypto ECDSA and ECDH on P-256, P-384, P-521: cross-checks, formats, errors
// META: script=resources/helpers.js
// META: script=resources/ec-vectors.js
"use strict";

const message = bytesOf("Verge edge runtime");
const curves = ["P-256", "P-384", "P-521"];
const hashes = ["SHA-1", "SHA-256", "SHA-384", "SHA-512"];
const coordinate = { "P-256": 32, "P-384": 48, "P-521": 66 };

function jwkOf(curve, withPrivate) {
  const v = ecVectors[curve];
  const jwk = { kty: "EC", crv: curve, x: toBase64Url(hex(v.x)), y: toBase64Url(hex(v.y)) };
  if (withPrivate) jwk.d = toBase64Url(hex(v.d));
  return jwk;
}

for (const curve of curves) {
  const v = ecVectors[curve];

  promise_test(async () => {
    const algorithm = { name: "ECDSA", namedCurve: curve };
    const keys = [
      await subtle.importKey("spki", hex(v.spki), algorithm, true, ["verify"]),
      await subtle.importKey("raw", hex(v.raw), algorithm, true, ["verify"]),
      await subtle.importKey("raw", hex(v.compressed), algorithm, true, ["verify"]),
      await subtle.importKey("jwk", jwkOf(curve, false), algorithm, true, ["verify"]),
    ];
    for (const key of keys) {
      assert_equals(key.type, "public");
      assert_equals(key.algorithm.namedCurve, curve);
      for (const hash of hashes) {
        assert_true(await subtle.verify({ name: "ECDSA", hash }, key, hex(v.sigs[hash]), message), `verify with ${hash}`);
        const other = hashes[(hashes.indexOf(hash) + 1) % 4];
        assert_false(await subtle.verify({ name: "ECDSA", hash: other }, key, hex(v.sigs[hash]), message), `wrong hash ${other}`);
      }
    }
  }, `ECDSA ${curve}: verify signatures made by another implementation, every public format`);

  promise_test(async () => {
    const algorithm = { name: "ECDSA", namedCurve: curve };
    const privateKeys = [
      await subtle.importKey("pkcs8", hex(v.pkcs8_openssl), algorithm, true, ["sign"]),
      await subtle.importKey("jwk", jwkOf(curve, true), algorithm, true, ["sign"]),
    ];
    const publicKey = await subtle.importKey("raw", hex(v.raw), algorithm, true, ["verify"]);
    for (const key of privateKeys) {
      assert_equals(key.type, "private");
      for (const hash of hashes) {
        const signature = await subtle.sign({ name: "ECDSA", hash }, key, message);
        assert_equals(signature.byteLength, 2 * coordinate[curve], "r || s, each the size of a coordinate");
        assert_true(await subtle.verify({ name: "ECDSA", hash }, publicKey, signature, message), `${hash} round trip`);
        const altered = new Uint8Array(signature);
        altered[5] ^= 1;
        assert_false(await subtle.verify({ name: "ECDSA", hash }, publicKey, altered, message), "altered signature");
        assert_false(await subtle.verify({ name: "ECDSA", hash }, publicKey, signature, bytesOf("other")), "other message");
        assert_false(await subtle.verify({ name: "ECDSA", hash }, publicKey, signature.slice(0, 10), message), "short signature");
      }
    }
  }, `ECDSA ${curve}: sign with pkcs8 and jwk private keys`);

  promise_test(async () => {
    const algorithm = { name: "ECDSA", namedCurve: curve };
    const publicKey = await subtle.importKey("jwk", jwkOf(curve, false), algorithm, true, ["verify"]);
    assert_equals(toHex(await subtle.exportKey("spki", publicKey)), v.spki, "spki");
    assert_equals(toHex(await subtle.exportKey("raw", publicKey)), v.raw, "raw (uncompressed)");
    const jwk = await subtle.exportKey("jwk", publicKey);
    assert_object_equals(jwk, { ...jwkOf(curve, false), ext: true, key_ops: ["verify"] });
    assert_array_equals(Object.keys(jwk), ["crv", "ext", "key_ops", "kty", "x", "y"]);

    const privateKey = await subtle.importKey("jwk", jwkOf(curve, true), algorithm, true, ["sign"]);
    assert_equals(toHex(await subtle.exportKey("pkcs8", privateKey)), v.pkcs8_openssl, "pkcs8 with the public key, as browsers and OpenSSL write it");
    assert_object_equals(await subtle.exportKey("jwk", privateKey), { ...jwkOf(curve, true), ext: true, key_ops: ["sign"] });
    await rejects_with(subtle.exportKey("raw", privateKey), "InvalidAccessError", "raw of a private key");
    await rejects_with(subtle.exportKey("spki", privateKey), "InvalidAccessError", "spki of a private key");
    await rejects_with(subtle.exportKey("pkcs8", publicKey), "InvalidAccessError", "pkcs8 of a public key");
  }, `ECDSA ${curve}: export in every format`);

  promise_test(async () => {
    const algorithm = { name: "ECDH", namedCurve: curve };
    const privateKey = await subtle.importKey("jwk", jwkOf(curve, true), algorithm, false, ["deriveBits"]);
    const peer = await subtle.importKey("raw", hex(v.peer_raw), algorithm, false, []);
    const bits = await subtle.deriveBits({ name: "ECDH", public: peer }, privateKey, 8 * coordinate[curve]);
    assert_equals(toHex(bits), v.shared);
    assert_equals(toHex(await subtle.deriveBits({ name: "ECDH", public: peer }, privateKey, null)), v.shared, "length null: everything");
    assert_equals(toHex(await subtle.deriveBits({ name: "ECDH", public: peer }, privateKey)), v.shared, "length omitted");
    assert_equals(toHex(await subtle.deriveBits({ name: "ECDH", public: peer }, privateKey, 64)), v.shared.slice(0, 16), "64 bits");
    const nine = new Uint8Array(await subtle.deriveBits({ name: "ECDH", public: peer }, privateKey, 9));
    assert_equals(nine.length, 2);
    assert_equals(nine[0], hex(v.shared)[0]);
    assert_equals(nine[1], hex(v.shared)[1] & 0x80, "only the first bit of the second byte");
    assert_equals((await subtle.deriveBits({ name: "ECDH", public: peer }, privateKey, 0)).byteLength, 0, "0 bits");
    await rejects_with(subtle.deriveBits({ name: "ECDH", public: peer }, privateKey, 8 * coordinate[curve] + 8), "OperationError", "too many bits");

    // The other direction, keys in other formats.
    const peerPrivate = await subtle.importKey("jwk", { kty: "EC", crv: curve, x: toBase64Url(hex(v.peer_raw).slice(1, 1 + coordinate[curve])),
      y: toBase64Url(hex(v.peer_raw).slice(1 + coordinate[curve])), d: toBase64Url(hex(v.peer_d)) }, algorithm, false, ["deriveBits"]);
    const ours = await subtle.importKey("spki", hex(v.spki), algorithm, false, []);
    assert_equals(toHex(await subtle.deriveBits({ name: "ECDH", public: ours }, peerPrivate, null)), v.shared, "the peer derives the same");
  }, `ECDH ${curve}: deriveBits matches another implementation`);
}

promise_test(async () => {
  for (const curve of curves) {
    for (const name of ["ECDSA", "ECDH"]) {
      const usages = name === "ECDSA" ? ["sign", "verify"] : ["deriveKey", "deriveBits"];
      const pair = await subtle.generateKey({ name, namedCurve: curve }, false, usages);
      assert_array_equals(Object.keys(pair), ["privateKey", "publicKey"]);
      assert_equals(pair.privateKey.type, "private");
      assert_equals(pair.privateKey.extractable, false);
      assert_equals(pair.publicKey.type, "public");
      assert_equals(pair.publicKey.extractable, true, "public keys are always extractable");
      assert_equals(pair.privateKey.algorithm.namedCurve, curve);
      assert_array_equals(pair.privateKey.usages, name === "ECDSA" ? ["sign"] : usages);
      assert_array_equals(pair.publicKey.usages, name === "ECDSA" ? ["verify"] : []);
      assert_not_equals(pair.privateKey.algorithm, pair.publicKey.algorithm, "each key has its own algorithm object");
      const raw = await subtle.exportKey("raw", pair.publicKey);
      assert_equals(raw.byteLength, 1 + 2 * coordinate[curve]);
      if (name === "ECDSA") {
        const signature = await subtle.sign({ name, hash: "SHA-256" }, pair.privateKey, message);
        assert_true(await subtle.verify({ name, hash: "SHA-256" }, pair.publicKey, signature, message));
      } else {
        const other = await subtle.generateKey({ name, namedCurve: curve }, false, usages);
        const a = await subtle.deriveBits({ name, public: other.publicKey }, pair.privateKey, null);
        const b = await subtle.deriveBits({ name, public: pair.publicKey }, other.privateKey, null);
        assert_equals(toHex(a), toHex(b), "both sides agree");
      }
    }
  }
}, "generateKey for ECDSA and ECDH on every curve");

promise_test(async () => {
  const pair = await subtle.generateKey({ name: "ECDH", namedCurve: "P-256" }, false, ["deriveKey"]);
  const key = await subtle.deriveKey({ name: "ECDH", public: pair.publicKey }, pair.privateKey, { name: "AES-GCM", length: 128 }, true, ["encrypt"]);
  assert_equals(key.algorithm.name, "AES-GCM");
  assert_equals((await subtle.exportKey("raw", key)).byteLength, 16);
  const hmac = await subtle.deriveKey({ name: "ECDH", public: pair.publicKey }, pair.privateKey, { name: "HMAC", hash: "SHA-256", length: 256 }, true, ["sign"]);
  assert_equals(hmac.algorithm.length, 256);
  await rejects_with(subtle.deriveKey({ name: "ECDH", public: pair.publicKey }, pair.privateKey, { name: "HMAC", hash: "SHA-256" }, true, ["sign"]),
    "OperationError", "HMAC's default length (512) is longer than the P-256 secret");
  await rejects_with(subtle.deriveBits({ name: "ECDH", public: pair.publicKey }, pair.privateKey, null), "InvalidAccessError", "no deriveBits usage");
}, "ECDH deriveKey");

promise_test(async (t) => {
  const v = ecVectors["P-256"];
  const ecdsa = { name: "ECDSA", namedCurve: "P-256" };
  const ecdh = { name: "ECDH", namedCurve: "P-256" };
  const p384 = await subtle.generateKey({ name: "ECDH", namedCurve: "P-384" }, false, ["deriveBits"]);
  const p256 = await subtle.generateKey(ecdh, false, ["deriveBits"]);
  const signing = await subtle.generateKey(ecdsa, false, ["sign", "verify"]);
  await rejects_with(subtle.deriveBits({ name: "ECDH", public: p384.publicKey }, p256.privateKey, null), "InvalidAccessError", "public key on another curve");
  await rejects_with(subtle.deriveBits({ name: "ECDH", public: p256.privateKey }, p256.privateKey, null), "InvalidAccessError", "public member is a private key");
  await rejects_with(subtle.deriveBits({ name: "ECDH", public: signing.publicKey }, p256.privateKey, null), "InvalidAccessError", "public member is an ECDSA key");
  await promise_rejects_js(t, TypeError, subtle.deriveBits({ name: "ECDH", public: {} }, p256.privateKey, null), "public member is not a CryptoKey");
  await promise_rejects_js(t, TypeError, subtle.deriveBits({ name: "ECDH" }, p256.privateKey, null), "public member missing");
  await rejects_with(subtle.sign({ name: "ECDSA", hash: "SHA-256" }, signing.publicKey, message), "InvalidAccessError", "sign with a public key");
  await rejects_with(subtle.generateKey({ name: "ECDSA", namedCurve: "P-192" }, false, ["sign"]), "NotSupportedError", "unknown curve");
  await rejects_with(subtle.generateKey({ name: "ECDSA", namedCurve: "p-256" }, false, ["sign"]), "NotSupportedError", "curve names are case-sensitive");
  await rejects_with(subtle.generateKey(ecdsa, false, ["deriveBits"]), "SyntaxError", "ECDSA with deriveBits");
  await rejects_with(subtle.generateKey(ecdsa, false, ["verify"]), "SyntaxError", "no usage for the private key");
  await rejects_with(subtle.generateKey(ecdh, false, ["sign"]), "SyntaxError", "ECDH with sign");
  await promise_rejects_js(t, TypeError, subtle.generateKey({ name: "ECDSA" }, false, ["sign"]), "namedCurve required");
  await promise_rejects_js(t, TypeError, subtle.sign({ name: "ECDSA" }, signing.privateKey, message), "hash required");
  await rejects_with(subtle.sign({ name: "ECDSA", hash: "SHA-3" }, signing.privateKey, message), "NotSupportedError", "unknown hash");

  // Import errors.
  await rejects_with(subtle.importKey("spki", hex(v.spki), { name: "ECDSA", namedCurve: "P-384" }, true, ["verify"]), "DataError", "spki on another curve");
  await rejects_with(subtle.importKey("pkcs8", hex(v.pkcs8_openssl), { name: "ECDSA", namedCurve: "P-521" }, true, ["sign"]), "DataError", "pkcs8 on another curve");
  await rejects_with(subtle.importKey("raw", hex(v.raw).slice(1), ecdsa, true, ["verify"]), "DataError", "raw without the 04 prefix");
  const offCurve = hex(v.raw);
  offCurve[offCurve.length - 1] ^= 1;
  await rejects_with(subtle.importKey("raw", offCurve, ecdsa, true, ["verify"]), "DataError", "point not on the curve");
  await rejects_with(subtle.importKey("spki", hex(v.spki).slice(0, 40), ecdsa, true, ["verify"]), "DataError", "truncated spki");
  await rejects_with(subtle.importKey("pkcs8", hex(v.spki), ecdsa, true, ["sign"]), "DataError", "spki given as pkcs8");
  await rejects_with(subtle.importKey("spki", hex(v.spki), ecdsa, true, ["sign"]), "SyntaxError", "spki with the sign usage");
  await rejects_with(subtle.importKey("pkcs8", hex(v.pkcs8_openssl), ecdsa, true, ["verify"]), "SyntaxError", "pkcs8 with the verify usage");
  await rejects_with(subtle.importKey("pkcs8", hex(v.pkcs8_openssl), ecdsa, true, []), "SyntaxError", "private key without usages");
  await rejects_with(subtle.importKey("raw", hex(v.raw), ecdh, true, ["deriveBits"]), "SyntaxError", "ECDH public keys take no usages");
  const jwk = jwkOf("P-256", true);
  await rejects_with(subtle.importKey("jwk", { ...jwk, crv: "P-384" }, ecdsa, true, ["sign"]), "DataError", "crv mismatch");
  await rejects_with(subtle.importKey("jwk", { ...jwk, kty: "OKP" }, ecdsa, true, ["sign"]), "DataError", "kty OKP");
  await rejects_with(subtle.importKey("jwk", { ...jwk, alg: "ES384" }, ecdsa, true, ["sign"]), "DataError", "alg for another curve");
  await rejects_with(subtle.importKey("jwk", { ...jwk, alg: "RS256" }, ecdsa, true, ["sign"]), "DataError", "alg of another algorithm");
  await rejects_with(subtle.importKey("jwk", { ...jwk, use: "enc" }, ecdsa, true, ["sign"]), "DataError", "ECDSA with use enc");
  await rejects_with(subtle.importKey("jwk", { ...jwk, y: jwk.x }, ecdsa, true, ["sign"]), "DataError", "y not on the curve");
  await rejects_with(subtle.importKey("jwk", { ...jwk, d: jwkOf("P-256", false).x }, ecdsa, true, ["sign"]), "DataError", "d does not match x, y");
  await rejects_with(subtle.importKey("jwk", { ...jwk, x: toBase64Url(hex(v.x).slice(1)) }, ecdsa, true, ["sign"]), "DataError", "x too short");
  const { y, ...noY } = jwk;
  await rejects_with(subtle.importKey("jwk", noY, ecdsa, true, ["sign"]), "DataError", "y missing");
  await rejects_with(subtle.importKey("jwk", { ...jwk, d: undefined }, ecdsa, true, ["sign"]), "SyntaxError", "public jwk with sign");
  // ECDH accepts any alg (it has none of its own).
  await subtle.importKey("jwk", { ...jwk, alg: "whatever" }, ecdh, true, ["deriveBits"]);
  await rejects_with(subtle.importKey("jwk", { ...jwk, use: "sig" }, ecdh, true, ["deriveBits"]), "DataError", "ECDH with use sig");
}, "ECDSA and ECDH errors");

// RFC 7515 appendix A.3: the ES256 JWS example.
promise_test(async () => {
  const jwk = { kty: "EC", crv: "P-256", x: "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU", y: "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0" };
  const jws = "eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";
  const [header, payload, signature] = jws.split(".");
  const key = await subtle.importKey("jwk", { ...jwk, alg: "ES256" }, { name: "ECDSA", namedCurve: "P-256" }, false, ["verify"]);
  assert_true(await subtle.verify({ name: "ECDSA", hash: "SHA-256" }, key, fromBase64Url(signature), bytesOf(`${header}.${payload}`)));
}, "RFC 7515 A.3: verify the ES256 JWS example");
