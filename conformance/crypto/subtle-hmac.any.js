// META: title=SubtleCrypto HMAC: RFC 4231 / RFC 2202 known answers, keys, errors
// META: script=resources/helpers.js
"use strict";

// RFC 4231 test cases 1-7 (SHA-256/384/512) and RFC 2202 test cases 1-2 (SHA-1).
const cases = [
  { key: "0b".repeat(20), data: toHex(bytesOf("Hi There")),
    "SHA-1": "b617318655057264e28bc0b6fb378c8ef146be00",
    "SHA-256": "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
    "SHA-384": "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6",
    "SHA-512": "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854" },
  { key: toHex(bytesOf("Jefe")), data: toHex(bytesOf("what do ya want for nothing?")),
    "SHA-1": "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79",
    "SHA-256": "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
    "SHA-384": "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649",
    "SHA-512": "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737" },
  { key: "aa".repeat(20), data: "dd".repeat(50),
    "SHA-256": "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
    "SHA-384": "88062608d3e6ad8a0aa2ace014c8a86f0aa635d947ac9febe83ef4e55966144b2a5ab39dc13814b94e3ab6e101a34f27",
    "SHA-512": "fa73b0089d56a284efb0f0756c890be9b1b5dbdd8ee81a3655f83e33b2279d39bf3e848279a722c806b485a47e67c807b946a337bee8942674278859e13292fb" },
  { key: "0102030405060708090a0b0c0d0e0f10111213141516171819", data: "cd".repeat(50),
    "SHA-256": "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
    "SHA-384": "3e8a69b7783c25851933ab6290af6ca77a9981480850009cc5577c6e1f573b4e6801dd23c4a7d679ccf8a386c674cffb",
    "SHA-512": "b0ba465637458c6990e5a8c5f61d4af7e576d97ff94b872de76f8050361ee3dba91ca5c11aa25eb4d679275cc5788063a5f19741120c4f2de2adebeb10a298dd" },
  { key: "0c".repeat(20), data: toHex(bytesOf("Test With Truncation")),
    "SHA-256": "a3b6167473100ee06e0c796c2955552bfa6f7c0a6a8aef8b93f860aab0cd20c5",
    "SHA-384": "3abf34c3503b2a23a46efc619baef897f4c8e42c934ce55ccbae9740fcbc1af4ca62269e2a37cd88ba926341efe4aeea",
    "SHA-512": "415fad6271580a531d4179bc891d87a650188707922a4fbb36663a1eb16da008711c5b50ddd0fc235084eb9d3364a1454fb2ef67cd1d29fe6773068ea266e96b" },
  { key: "aa".repeat(131), data: toHex(bytesOf("Test Using Larger Than Block-Size Key - Hash Key First")),
    "SHA-256": "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
    "SHA-384": "4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c60c2ef6ab4030fe8296248df163f44952",
    "SHA-512": "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598" },
  { key: "aa".repeat(131),
    data: toHex(bytesOf("This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.")),
    "SHA-256": "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
    "SHA-384": "6617178e941f020d351e2f254e8fd32c602420feb0b8fb9adccebb82461e99c5a678cc31e799176d3860e6110c46523e",
    "SHA-512": "e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944b6022cac3c4982b10d5eeb55c3e4de15134676fb6de0446065c97440fa8c6a58" },
];

cases.forEach((c, index) => {
  for (const hash of ["SHA-1", "SHA-256", "SHA-384", "SHA-512"]) {
    if (!c[hash]) continue;
    promise_test(async () => {
      const key = await subtle.importKey("raw", hex(c.key), { name: "HMAC", hash }, false, ["sign", "verify"]);
      const mac = await subtle.sign("HMAC", key, hex(c.data));
      assert_true(mac instanceof ArrayBuffer);
      assert_equals(toHex(mac), c[hash], "sign");
      assert_true(await subtle.verify("HMAC", key, hex(c[hash]), hex(c.data)), "verify");
    }, `test case ${index + 1}, HMAC ${hash}: sign and verify`);
  }
});

promise_test(async () => {
  const c = cases[0];
  const key = await subtle.importKey("raw", hex(c.key), { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
  const mac = hex(c["SHA-256"]);
  const data = hex(c.data);
  assert_true(await subtle.verify("HMAC", key, mac, data), "good");
  const flipped = mac.slice();
  flipped[31] ^= 1;
  assert_false(await subtle.verify("HMAC", key, flipped, data), "one bit flipped");
  assert_false(await subtle.verify("HMAC", key, mac.slice(0, 16), data), "truncated");
  assert_false(await subtle.verify("HMAC", key, new Uint8Array(0), data), "empty");
  assert_false(await subtle.verify("HMAC", key, new Uint8Array([...mac, 0]), data), "one byte too long");
  assert_false(await subtle.verify("HMAC", key, mac, bytesOf("Hi there")), "other data");
}, "verify is false for any other MAC or data");

promise_test(async () => {
  const k = hex("0b".repeat(20));
  const key = await subtle.importKey("raw", k, { name: "HMAC", hash: "SHA-256" }, true, ["sign"]);
  assert_equals(key.type, "secret");
  assert_equals(key.extractable, true);
  assert_equals(key.algorithm.name, "HMAC");
  assert_equals(key.algorithm.length, 160);
  assert_equals(key.algorithm.hash.name, "SHA-256");
  assert_array_equals(key.usages, ["sign"]);
  assert_equals(key.algorithm, key.algorithm, "algorithm is cached");
  assert_equals(key.usages, key.usages, "usages is cached");
  assert_equals(toHex(await subtle.exportKey("raw", key)), toHex(k), "raw export");
  const jwk = await subtle.exportKey("jwk", key);
  assert_equals(jwk.kty, "oct");
  assert_equals(jwk.k, toBase64Url(k));
  assert_equals(jwk.alg, "HS256");
  assert_array_equals(jwk.key_ops, ["sign"]);
  assert_equals(jwk.ext, true);
  assert_array_equals(Object.keys(jwk), ["alg", "ext", "k", "key_ops", "kty"], "members in WebIDL dictionary order");
}, "raw import, raw and jwk export");

for (const [hash, alg] of [["SHA-1", "HS1"], ["SHA-256", "HS256"], ["SHA-384", "HS384"], ["SHA-512", "HS512"]]) {
  promise_test(async () => {
    const k = hex(cases[1].key);
    const jwk = { kty: "oct", k: toBase64Url(k), alg, ext: true, key_ops: ["sign", "verify"], use: "sig" };
    const key = await subtle.importKey("jwk", jwk, { name: "HMAC", hash }, true, ["verify", "sign"]);
    assert_array_equals(key.usages, ["sign", "verify"], "usages in the spec's order");
    assert_equals(key.algorithm.hash.name, hash);
    const mac = await subtle.sign({ name: "hmac" }, key, hex(cases[1].data));
    assert_equals(toHex(mac), cases[1][hash]);
    const exported = await subtle.exportKey("jwk", key);
    assert_equals(exported.alg, alg);
    assert_equals(exported.k, jwk.k);
    await rejects_with(subtle.importKey("jwk", { ...jwk, alg: alg === "HS1" ? "HS256" : "HS1" }, { name: "HMAC", hash }, true, ["sign"]),
      "DataError", "alg for another hash");
  }, `jwk import and export with ${hash} (${alg})`);
}

promise_test(async () => {
  for (const [hash, bits] of [["SHA-1", 512], ["SHA-256", 512], ["SHA-384", 1024], ["SHA-512", 1024]]) {
    const key = await subtle.generateKey({ name: "HMAC", hash }, true, ["sign", "verify"]);
    assert_equals(key.algorithm.length, bits, `${hash} default length`);
    assert_equals((await subtle.exportKey("raw", key)).byteLength, bits / 8, `${hash} key size`);
  }
  const key = await subtle.generateKey({ name: "HMAC", hash: "SHA-256", length: 100 }, true, ["sign"]);
  assert_equals(key.algorithm.length, 100);
  const raw = new Uint8Array(await subtle.exportKey("raw", key));
  assert_equals(raw.length, 13);
  assert_equals(raw[12] & 0x0f, 0, "bits past the length are zero");
  const a = await subtle.exportKey("raw", await subtle.generateKey({ name: "HMAC", hash: "SHA-256" }, true, ["sign"]));
  const b = await subtle.exportKey("raw", await subtle.generateKey({ name: "HMAC", hash: "SHA-256" }, true, ["sign"]));
  assert_not_equals(toHex(a), toHex(b), "random keys");
}, "generateKey: default length is the hash's block size; explicit lengths");

promise_test(async (t) => {
  await rejects_with(subtle.generateKey({ name: "HMAC", hash: "SHA-256", length: 0 }, true, ["sign"]), "OperationError", "length 0");
  await rejects_with(subtle.generateKey({ name: "HMAC", hash: "SHA-256" }, true, ["encrypt"]), "SyntaxError", "bad usage");
  await rejects_with(subtle.generateKey({ name: "HMAC", hash: "SHA-256" }, true, []), "SyntaxError", "no usages");
  await rejects_with(subtle.generateKey({ name: "HMAC", hash: "MD5" }, true, ["sign"]), "NotSupportedError", "bad hash");
  await promise_rejects_js(t, TypeError, subtle.generateKey({ name: "HMAC" }, true, ["sign"]), "missing hash");
  await promise_rejects_js(t, TypeError, subtle.generateKey({ name: "HMAC", hash: "SHA-256" }, true, ["sign", "bogus"]), "bad usage value");
  await promise_rejects_js(t, TypeError, subtle.generateKey({ name: "HMAC", hash: "SHA-256", length: -1 }, true, ["sign"]), "[EnforceRange] length");
  await promise_rejects_js(t, TypeError, subtle.generateKey({ name: "HMAC", hash: "SHA-256" }, true, "sign"), "usages not a sequence");
}, "generateKey errors");

promise_test(async () => {
  const data = hex("00112233445566778899");
  const hmac = (length) => ({ name: "HMAC", hash: "SHA-256", length });
  assert_equals((await subtle.importKey("raw", data, hmac(80), true, ["sign"])).algorithm.length, 80);
  assert_equals((await subtle.importKey("raw", data, hmac(73), true, ["sign"])).algorithm.length, 73);
  await rejects_with(subtle.importKey("raw", data, hmac(72), true, ["sign"]), "DataError", "length a whole byte shorter");
  await rejects_with(subtle.importKey("raw", data, hmac(81), true, ["sign"]), "DataError", "length longer than the data");
  await rejects_with(subtle.importKey("raw", new Uint8Array(0), hmac(), true, ["sign"]), "DataError", "empty key");
  const truncated = await subtle.importKey("raw", data, hmac(73), true, ["sign"]);
  const raw = new Uint8Array(await subtle.exportKey("raw", truncated));
  assert_equals(raw.length, 10);
  assert_equals(raw[9], 0x80, "the last byte keeps only its first bit");
}, "importKey with an explicit length");

promise_test(async (t) => {
  const k = toBase64Url(hex("0b".repeat(20)));
  const algorithm = { name: "HMAC", hash: "SHA-256" };
  await rejects_with(subtle.importKey("jwk", { kty: "RSA", k }, algorithm, false, ["sign"]), "DataError", "kty RSA");
  await rejects_with(subtle.importKey("jwk", { k }, algorithm, false, ["sign"]), "DataError", "no kty");
  await rejects_with(subtle.importKey("jwk", { kty: "oct" }, algorithm, false, ["sign"]), "DataError", "no k");
  await rejects_with(subtle.importKey("jwk", { kty: "oct", k: "a+b/" }, algorithm, false, ["sign"]), "DataError", "k not base64url");
  await rejects_with(subtle.importKey("jwk", { kty: "oct", k, use: "enc" }, algorithm, false, ["sign"]), "DataError", "use enc");
  await rejects_with(subtle.importKey("jwk", { kty: "oct", k, key_ops: ["verify"] }, algorithm, false, ["sign"]), "DataError", "key_ops without sign");
  await rejects_with(subtle.importKey("jwk", { kty: "oct", k, key_ops: ["sign", "sign"] }, algorithm, false, ["sign"]), "DataError", "duplicate key_ops");
  await rejects_with(subtle.importKey("jwk", { kty: "oct", k, ext: false }, algorithm, true, ["sign"]), "DataError", "ext false, extractable");
  await rejects_with(subtle.importKey("jwk", { kty: "oct", k, alg: "HS512" }, algorithm, false, ["sign"]), "DataError", "alg mismatch");
  // use is only checked when usages are given; ext false with a non-extractable key is fine.
  await subtle.importKey("jwk", { kty: "oct", k, ext: false, key_ops: ["sign", "verify", "encrypt"] }, algorithm, false, ["sign"]);
  await promise_rejects_js(t, TypeError, subtle.importKey("jwk", hex("0b0b"), algorithm, false, ["sign"]), "buffer for jwk");
  await promise_rejects_js(t, TypeError, subtle.importKey("raw", { kty: "oct", k }, algorithm, false, ["sign"]), "jwk for raw");
  await promise_rejects_js(t, TypeError, subtle.importKey("jwk", { kty: "oct", k, key_ops: "sign" }, algorithm, false, ["sign"]), "key_ops not a sequence");
  await rejects_with(subtle.importKey("spki", hex("0b0b"), algorithm, false, ["sign"]), "NotSupportedError", "spki");
  await rejects_with(subtle.importKey("raw", hex("0b0b"), algorithm, false, ["encrypt"]), "SyntaxError", "bad usage");
  await rejects_with(subtle.importKey("raw", hex("0b0b"), algorithm, false, []), "SyntaxError", "no usages");
  await promise_rejects_js(t, TypeError, subtle.importKey("pem", hex("0b0b"), algorithm, false, ["sign"]), "unknown format");
}, "importKey errors");

promise_test(async () => {
  const key = await subtle.importKey("raw", hex("0b".repeat(20)), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  await rejects_with(subtle.exportKey("raw", key), "InvalidAccessError", "not extractable");
  const extractable = await subtle.importKey("raw", hex("0b".repeat(20)), { name: "HMAC", hash: "SHA-256" }, true, ["sign"]);
  await rejects_with(subtle.exportKey("spki", extractable), "NotSupportedError", "spki");
  await rejects_with(subtle.exportKey("pkcs8", extractable), "NotSupportedError", "pkcs8");
  await rejects_with(subtle.verify("HMAC", extractable, new Uint8Array(32), new Uint8Array(0)), "InvalidAccessError", "no verify usage");
  await rejects_with(subtle.sign("AES-GCM", extractable, new Uint8Array(0)), "NotSupportedError", "AES-GCM cannot sign");
  await rejects_with(subtle.sign("Ed25519", extractable, new Uint8Array(0)), "InvalidAccessError", "algorithm of another key");
}, "exportKey, sign and verify errors");
