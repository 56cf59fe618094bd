// META: title=SubtleCrypto Ed25519 and X25519: RFC 8032, RFC 7748, RFC 8037 known answers, formats, errors
// META: script=resources/helpers.js
"use strict";

// RFC 8032 section 7.1, tests 1-3.
const ed25519Tests = [
  { secret: "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60", public: "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
    message: "", signature: "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b" },
  { secret: "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb", public: "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
    message: "72", signature: "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00" },
  { secret: "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7", public: "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
    message: "af82", signature: "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a" },
];
const edPkcs8Prefix = "302e020100300506032b657004220420";
const edSpkiPrefix = "302a300506032b6570032100";
const xPkcs8Prefix = "302e020100300506032b656e04220420";
const xSpkiPrefix = "302a300506032b656e032100";

ed25519Tests.forEach((v, index) => {
  promise_test(async () => {
    const privateKey = await subtle.importKey("pkcs8", hex(edPkcs8Prefix + v.secret), "Ed25519", true, ["sign"]);
    const signature = await subtle.sign("Ed25519", privateKey, hex(v.message));
    assert_equals(toHex(signature), v.signature, "deterministic signature");
    for (const [format, data] of [["raw", hex(v.public)], ["spki", hex(edSpkiPrefix + v.public)],
      ["jwk", { kty: "OKP", crv: "Ed25519", x: toBase64Url(hex(v.public)) }]]) {
      const publicKey = await subtle.importKey(format, data, { name: "ed25519" }, true, ["verify"]);
      assert_equals(publicKey.algorithm.name, "Ed25519");
      assert_true(await subtle.verify("Ed25519", publicKey, hex(v.signature), hex(v.message)), `${format}: verify`);
      const altered = hex(v.signature);
      altered[63] ^= 0x01;
      assert_false(await subtle.verify("Ed25519", publicKey, altered, hex(v.message)), `${format}: altered signature`);
      assert_false(await subtle.verify("Ed25519", publicKey, hex(v.signature).slice(0, 63), hex(v.message)), `${format}: 63-byte signature`);
    }
    // Exports are byte for byte.
    assert_equals(toHex(await subtle.exportKey("pkcs8", privateKey)), edPkcs8Prefix + v.secret, "pkcs8 export");
    const jwk = await subtle.exportKey("jwk", privateKey);
    assert_object_equals(jwk, { alg: "Ed25519", crv: "Ed25519", d: toBase64Url(hex(v.secret)), ext: true, key_ops: ["sign"], kty: "OKP", x: toBase64Url(hex(v.public)) });
    assert_array_equals(Object.keys(jwk), ["alg", "crv", "d", "ext", "key_ops", "kty", "x"]);
    const publicKey = await subtle.importKey("raw", hex(v.public), "Ed25519", true, []);
    assert_equals(toHex(await subtle.exportKey("spki", publicKey)), edSpkiPrefix + v.public, "spki export");
    assert_equals(toHex(await subtle.exportKey("raw", publicKey)), v.public, "raw export");
  }, `Ed25519 RFC 8032 test ${index + 1}`);
});

// RFC 8037 appendix A.4: the EdDSA JWS example.
promise_test(async () => {
  const jwk = { kty: "OKP", crv: "Ed25519", d: "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A", x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo" };
  const jws = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";
  const [header, payload, signature] = jws.split(".");
  const privateKey = await subtle.importKey("jwk", { ...jwk, alg: "EdDSA" }, "Ed25519", false, ["sign"]);
  const signed = await subtle.sign("Ed25519", privateKey, bytesOf(`${header}.${payload}`));
  assert_equals(toBase64Url(new Uint8Array(signed)), signature, "sign");
  const { d, ...publicJwk } = jwk;
  const publicKey = await subtle.importKey("jwk", publicJwk, "Ed25519", false, ["verify"]);
  assert_true(await subtle.verify("Ed25519", publicKey, fromBase64Url(signature), bytesOf(`${header}.${payload}`)), "verify");
}, "RFC 8037 A.4: sign and verify the Ed25519 JWS example");

// RFC 7748 section 6.1.
const alice = { secret: "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a", public: "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a" };
const bob = { secret: "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb", public: "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f" };
const shared = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";

promise_test(async () => {
  const alicePrivate = await subtle.importKey("pkcs8", hex(xPkcs8Prefix + alice.secret), "X25519", true, ["deriveBits", "deriveKey"]);
  const bobPublic = await subtle.importKey("raw", hex(bob.public), "X25519", true, []);
  assert_equals(toHex(await subtle.deriveBits({ name: "X25519", public: bobPublic }, alicePrivate, 256)), shared, "Alice");
  const bobPrivate = await subtle.importKey("jwk", { kty: "OKP", crv: "X25519", d: toBase64Url(hex(bob.secret)), x: toBase64Url(hex(bob.public)) }, "X25519", true, ["deriveBits"]);
  const alicePublic = await subtle.importKey("spki", hex(xSpkiPrefix + alice.public), "X25519", true, []);
  assert_equals(toHex(await subtle.deriveBits({ name: "x25519", public: alicePublic }, bobPrivate, null)), shared, "Bob, length null");
  assert_equals(toHex(await subtle.deriveBits({ name: "X25519", public: alicePublic }, bobPrivate, 128)), shared.slice(0, 32), "128 bits");
  assert_equals((await subtle.deriveBits({ name: "X25519", public: alicePublic }, bobPrivate, 0)).byteLength, 0, "0 bits");
  await rejects_with(subtle.deriveBits({ name: "X25519", public: alicePublic }, bobPrivate, 264), "OperationError", "more than 256 bits");
  // Exports.
  assert_equals(toHex(await subtle.exportKey("pkcs8", alicePrivate)), xPkcs8Prefix + alice.secret);
  assert_equals(toHex(await subtle.exportKey("spki", alicePublic)), xSpkiPrefix + alice.public);
  assert_equals(toHex(await subtle.exportKey("raw", bobPublic)), bob.public);
  const jwk = await subtle.exportKey("jwk", alicePrivate);
  assert_object_equals(jwk, { crv: "X25519", d: toBase64Url(hex(alice.secret)), ext: true, key_ops: ["deriveKey", "deriveBits"], kty: "OKP", x: toBase64Url(hex(alice.public)) });
  const derived = await subtle.deriveKey({ name: "X25519", public: bobPublic }, alicePrivate, { name: "HMAC", hash: "SHA-256", length: 256 }, true, ["sign"]);
  assert_equals(toHex(await subtle.exportKey("raw", derived)), shared, "deriveKey");
}, "X25519 RFC 7748 section 6.1");

promise_test(async () => {
  const pair = await subtle.generateKey("X25519", false, ["deriveBits"]);
  // RFC 7748 section 6.1: points of small order make the output all zero.
  const smallOrder = [
    "0000000000000000000000000000000000000000000000000000000000000000",
    "0100000000000000000000000000000000000000000000000000000000000000",
    "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
  ];
  for (const point of smallOrder) {
    const publicKey = await subtle.importKey("raw", hex(point), "X25519", false, []);
    await rejects_with(subtle.deriveBits({ name: "X25519", public: publicKey }, pair.privateKey, 256), "OperationError", `small-order point ${point.slice(0, 8)}`);
  }
}, "X25519 with a small-order public key fails with OperationError");

promise_test(async () => {
  // With the identity as public key and R, and S = 0, [S]B = R + [k]A holds for every message:
  // the spec has verify return false for small-order keys and R values.
  const identity = "01" + "00".repeat(31);
  const publicKey = await subtle.importKey("raw", hex(identity), "Ed25519", false, ["verify"]);
  const forged = hex(identity + "00".repeat(32));
  assert_false(await subtle.verify("Ed25519", publicKey, forged, bytesOf("anything")), "identity key");
  const order8 = await subtle.importKey("raw", hex("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"), "Ed25519", false, ["verify"]);
  assert_false(await subtle.verify("Ed25519", order8, forged, bytesOf("anything")), "order-8 key");
  const v = ed25519Tests[0];
  const good = await subtle.importKey("raw", hex(v.public), "Ed25519", false, ["verify"]);
  assert_false(await subtle.verify("Ed25519", good, hex(identity + v.signature.slice(64)), hex(v.message)), "small-order R");
}, "Ed25519 verify is false for small-order public keys and R");

promise_test(async () => {
  const ed = await subtle.generateKey("Ed25519", true, ["sign", "verify"]);
  assert_equals(ed.privateKey.type, "private");
  assert_equals(ed.publicKey.type, "public");
  assert_array_equals(ed.privateKey.usages, ["sign"]);
  assert_array_equals(ed.publicKey.usages, ["verify"]);
  assert_equals(ed.privateKey.algorithm.name, "Ed25519");
  const signature = await subtle.sign({ name: "Ed25519" }, ed.privateKey, bytesOf("hi"));
  assert_equals(signature.byteLength, 64);
  assert_true(await subtle.verify("Ed25519", ed.publicKey, signature, bytesOf("hi")));
  const x = await subtle.generateKey({ name: "X25519" }, true, ["deriveKey", "deriveBits"]);
  assert_array_equals(x.privateKey.usages, ["deriveKey", "deriveBits"]);
  assert_array_equals(x.publicKey.usages, []);
  const other = await subtle.generateKey({ name: "X25519" }, true, ["deriveBits"]);
  assert_equals(toHex(await subtle.deriveBits({ name: "X25519", public: other.publicKey }, x.privateKey, 256)),
    toHex(await subtle.deriveBits({ name: "X25519", public: x.publicKey }, other.privateKey, 256)), "agreement");
}, "generateKey for Ed25519 and X25519");

promise_test(async (t) => {
  const v = ed25519Tests[0];
  await rejects_with(subtle.generateKey("Ed25519", true, ["deriveBits"]), "SyntaxError", "Ed25519 deriveBits");
  await rejects_with(subtle.generateKey("Ed25519", true, ["verify"]), "SyntaxError", "no private usage");
  await rejects_with(subtle.generateKey("X25519", true, ["sign"]), "SyntaxError", "X25519 sign");
  await rejects_with(subtle.generateKey("Ed448", true, ["sign"]), "NotSupportedError", "Ed448");
  await rejects_with(subtle.generateKey("X448", true, ["deriveBits"]), "NotSupportedError", "X448");
  await rejects_with(subtle.importKey("raw", hex(v.public), "Ed448", true, ["verify"]), "NotSupportedError", "Ed448 import");
  await rejects_with(subtle.importKey("raw", hex(v.public).slice(1), "Ed25519", true, ["verify"]), "DataError", "31-byte raw key");
  await rejects_with(subtle.importKey("raw", hex(v.public + "00"), "Ed25519", true, ["verify"]), "DataError", "33-byte raw key");
  await rejects_with(subtle.importKey("raw", hex(v.public), "Ed25519", true, ["sign"]), "SyntaxError", "raw public key with sign");
  await rejects_with(subtle.importKey("spki", hex(xSpkiPrefix + v.public), "Ed25519", true, ["verify"]), "DataError", "X25519 spki as Ed25519");
  await rejects_with(subtle.importKey("pkcs8", hex(xPkcs8Prefix + v.secret), "Ed25519", true, ["sign"]), "DataError", "X25519 pkcs8 as Ed25519");
  await rejects_with(subtle.importKey("pkcs8", hex("302e020100300706032b65700500" + "04220420" + v.secret), "Ed25519", true, ["sign"]), "DataError", "parameters present");
  await rejects_with(subtle.importKey("pkcs8", hex("302c020100300506032b657004200420" + v.secret.slice(0, 60)), "Ed25519", true, ["sign"]), "DataError", "30-byte seed");
  await rejects_with(subtle.importKey("pkcs8", hex("302c020100300506032b6570042004" + "20" + v.secret).slice(0, 10), "Ed25519", true, ["sign"]), "DataError", "truncated");
  await rejects_with(subtle.importKey("pkcs8", hex(edPkcs8Prefix + v.secret), "Ed25519", true, []), "SyntaxError", "no usages");
  const jwk = { kty: "OKP", crv: "Ed25519", x: toBase64Url(hex(v.public)), d: toBase64Url(hex(v.secret)) };
  await rejects_with(subtle.importKey("jwk", { ...jwk, crv: "X25519" }, "Ed25519", true, ["sign"]), "DataError", "crv X25519");
  await rejects_with(subtle.importKey("jwk", { ...jwk, kty: "EC" }, "Ed25519", true, ["sign"]), "DataError", "kty EC");
  await rejects_with(subtle.importKey("jwk", { ...jwk, alg: "ES256" }, "Ed25519", true, ["sign"]), "DataError", "alg ES256");
  await rejects_with(subtle.importKey("jwk", { ...jwk, x: toBase64Url(hex(ed25519Tests[1].public)) }, "Ed25519", true, ["sign"]), "DataError", "x of another key");
  await rejects_with(subtle.importKey("jwk", { ...jwk, use: "enc" }, "Ed25519", true, ["sign"]), "DataError", "use enc");
  await rejects_with(subtle.importKey("jwk", { kty: "OKP", crv: "Ed25519", d: jwk.d }, "Ed25519", true, ["sign"]), "DataError", "x missing");
  await rejects_with(subtle.importKey("jwk", { kty: "OKP", crv: "Ed25519", x: jwk.x }, "Ed25519", true, ["sign"]), "SyntaxError", "public jwk with sign");
  const pair = await subtle.generateKey("Ed25519", false, ["sign", "verify"]);
  await rejects_with(subtle.sign("Ed25519", pair.publicKey, new Uint8Array(0)), "InvalidAccessError", "sign with the public key");
  await rejects_with(subtle.exportKey("pkcs8", pair.privateKey), "InvalidAccessError", "non-extractable private key");
  await rejects_with(subtle.exportKey("raw", pair.publicKey).then(() => subtle.exportKey("pkcs8", pair.publicKey)), "InvalidAccessError", "pkcs8 of a public key");
  const x = await subtle.generateKey("X25519", false, ["deriveBits"]);
  await rejects_with(subtle.deriveBits({ name: "X25519", public: pair.publicKey }, x.privateKey, 256), "InvalidAccessError", "an Ed25519 key as the public member");
  await rejects_with(subtle.deriveBits({ name: "X25519", public: x.privateKey }, x.privateKey, 256), "InvalidAccessError", "a private key as the public member");
  await rejects_with(subtle.deriveBits({ name: "ECDH", public: x.publicKey }, x.privateKey, 256), "InvalidAccessError", "ECDH with X25519 keys");
}, "Ed25519 and X25519 errors");
