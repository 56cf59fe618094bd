// META: title=SubtleCrypto HKDF and PBKDF2: RFC 5869, RFC 6070, RFC 7914 known answers, deriveKey, errors
// META: timeout=long
// META: script=resources/helpers.js
"use strict";

const range = (from, to) => toHex(new Uint8Array(to - from).map((_, i) => from + i));

// RFC 5869 appendix A (test cases 1-7), plus SHA-384/SHA-512 cross-checked with OpenSSL.
const hkdfCases = [
  ["A.1", "SHA-256", "0b".repeat(22), "000102030405060708090a0b0c", "f0f1f2f3f4f5f6f7f8f9", 42,
    "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"],
  ["A.2", "SHA-256", range(0x00, 0x50), range(0x60, 0xb0), range(0xb0, 0x100), 82,
    "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87"],
  ["A.3", "SHA-256", "0b".repeat(22), "", "", 42,
    "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"],
  ["A.4", "SHA-1", "0b".repeat(11), "000102030405060708090a0b0c", "f0f1f2f3f4f5f6f7f8f9", 42,
    "085a01ea1b10f36933068b56efa5ad81a4f14b822f5b091568a9cdd4f155fda2c22e422478d305f3f896"],
  ["A.5", "SHA-1", range(0x00, 0x50), range(0x60, 0xb0), range(0xb0, 0x100), 82,
    "0bd770a74d1160f7c9f12cd5912a06ebff6adcae899d92191fe4305673ba2ffe8fa3f1a4e5ad79f3f334b3b202b2173c486ea37ce3d397ed034c7f9dfeb15c5e927336d0441f4c4300e2cff0d0900b52d3b4"],
  ["A.6", "SHA-1", "0b".repeat(22), "", "", 42,
    "0ac1af7002b3d761d1e55298da9d0506b9ae52057220a306e07b6b87e8df21d0ea00033de03984d34918"],
  ["A.7", "SHA-1", "0c".repeat(22), "", "", 42,
    "2c91117204d745f3500d636a62f64f0ab3bae548aa53d423b0d1f27ebba6f5e5673a081d70cce7acfc48"],
  ["SHA-384", "SHA-384", toHex(bytesOf("input key")), toHex(bytesOf("salt")), toHex(bytesOf("info")), 64,
    "9f809df68d64486734c41903f99e5d2b2e72d6a535d590344a0404c7ad6ae8dda9fd6f6354ec3a6a101e4bf96de9fdcdba40de9dc2a0532c2316482b89c46485"],
  ["SHA-512", "SHA-512", toHex(bytesOf("input key")), toHex(bytesOf("salt")), toHex(bytesOf("info")), 64,
    "5b053e9f5aae00dd80bf7cbb5b097f7d2295cee4e7a36dc5e6d990aecf726bb5a5e856289e3162157b06280d415b83e2a8b31772d4142d93726806ba6fb82e4f"],
];

for (const [name, hash, ikm, salt, info, length, okm] of hkdfCases) {
  promise_test(async () => {
    const key = await subtle.importKey("raw", hex(ikm), "HKDF", false, ["deriveBits"]);
    const bits = await subtle.deriveBits({ name: "HKDF", hash, salt: hex(salt), info: hex(info) }, key, length * 8);
    assert_true(bits instanceof ArrayBuffer);
    assert_equals(toHex(bits), okm);
  }, `HKDF ${name === hash ? "" : "RFC 5869 "}${name}`);
}

promise_test(async (t) => {
  const key = await subtle.importKey("raw", hex("0b".repeat(22)), "HKDF", false, ["deriveBits", "deriveKey"]);
  assert_equals(key.type, "secret");
  assert_equals(key.extractable, false);
  assert_equals(key.algorithm.name, "HKDF");
  assert_array_equals(Object.keys(key.algorithm), ["name"]);
  const params = { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: new Uint8Array(0) };
  assert_equals((await subtle.deriveBits(params, key, 0)).byteLength, 0, "length 0");
  await rejects_with(subtle.deriveBits(params, key, null), "OperationError", "length null");
  await rejects_with(subtle.deriveBits(params, key), "OperationError", "length omitted");
  await rejects_with(subtle.deriveBits(params, key, 12), "OperationError", "not a multiple of 8");
  assert_equals((await subtle.deriveBits(params, key, 255 * 256)).byteLength, 255 * 32, "255 blocks");
  await rejects_with(subtle.deriveBits(params, key, 255 * 256 + 8), "OperationError", "more than 255 blocks");
  await promise_rejects_js(t, TypeError, subtle.deriveBits({ name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0) }, key, 256), "info required");
  await promise_rejects_js(t, TypeError, subtle.deriveBits({ name: "HKDF", hash: "SHA-256", info: new Uint8Array(0) }, key, 256), "salt required");
  await rejects_with(subtle.importKey("raw", hex("0b"), "HKDF", true, ["deriveBits"]), "SyntaxError", "extractable");
  await rejects_with(subtle.importKey("raw", hex("0b"), "HKDF", false, ["sign"]), "SyntaxError", "bad usage");
  await rejects_with(subtle.importKey("raw", hex("0b"), "HKDF", false, []), "SyntaxError", "no usages");
  await rejects_with(subtle.importKey("jwk", { kty: "oct", k: "Cw" }, "HKDF", false, ["deriveBits"]), "NotSupportedError", "jwk");
  await rejects_with(subtle.generateKey("HKDF", false, ["deriveBits"]), "NotSupportedError", "generateKey");
  await rejects_with(subtle.exportKey("raw", key), "NotSupportedError", "export");
}, "HKDF keys and errors");

// RFC 6070 (PBKDF2-HMAC-SHA1), RFC 7914 section 11 (PBKDF2-HMAC-SHA256), others cross-checked with OpenSSL.
const pbkdf2Cases = [
  ["SHA-1", "password", "salt", 1, 20, "0c60c80f961f0e71f3a9b524af6012062fe037a6"],
  ["SHA-1", "password", "salt", 2, 20, "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957"],
  ["SHA-1", "password", "salt", 4096, 20, "4b007901b765489abead49d926f721d065a429c1"],
  ["SHA-1", "passwordPASSWORDpassword", "saltSALTsaltSALTsaltSALTsaltSALTsalt", 4096, 25, "3d2eec4fe41c849b80c8d83662c0e44a8b291a964cf2f07038"],
  ["SHA-1", "pass\0word", "sa\0lt", 4096, 16, "56fa6aa75548099dcc37d7f03425e0c3"],
  ["SHA-256", "passwd", "salt", 1, 64, "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783"],
  ["SHA-256", "Password", "NaCl", 80000, 64, "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d"],
  ["SHA-384", "password", "salt", 1000, 48, "3bd37e2236941d4a77b1b5b714c6f913fabb6b0841a6d7d8656b99d611e900fe06edb93b5b809efaa9678b635ce513e0"],
  ["SHA-512", "password", "salt", 1000, 64, "afe6c5530785b6cc6b1c6453384731bd5ee432ee549fd42fb6695779ad8a1c5bf59de69c48f774efc4007d5298f9033c0241d5ab69305e7b64eceeb8d834cfec"],
  ["SHA-256", "", "", 1, 32, "f7ce0b653d2d72a4108cf5abe912ffdd777616dbbb27a70e8204f3ae2d0f6fad"],
];

for (const [hash, password, salt, iterations, length, dk] of pbkdf2Cases) {
  promise_test(async () => {
    const key = await subtle.importKey("raw", bytesOf(password), { name: "PBKDF2" }, false, ["deriveBits"]);
    const bits = await subtle.deriveBits({ name: "PBKDF2", hash, salt: bytesOf(salt), iterations }, key, length * 8);
    assert_equals(toHex(bits), dk);
  }, `PBKDF2 ${hash}, ${JSON.stringify(password)}, ${JSON.stringify(salt)}, ${iterations} iterations, ${length} bytes`);
}

promise_test(async (t) => {
  const key = await subtle.importKey("raw", bytesOf("password"), "PBKDF2", false, ["deriveBits", "deriveKey"]);
  const params = { name: "PBKDF2", hash: "SHA-256", salt: bytesOf("salt"), iterations: 1 };
  assert_equals((await subtle.deriveBits(params, key, 0)).byteLength, 0, "length 0");
  await rejects_with(subtle.deriveBits({ ...params, iterations: 0 }, key, 0), "OperationError", "zero iterations, before length 0");
  await rejects_with(subtle.deriveBits(params, key, null), "OperationError", "length null");
  await rejects_with(subtle.deriveBits(params, key, 7), "OperationError", "not a multiple of 8");
  await rejects_with(subtle.deriveBits({ ...params, iterations: 0 }, key, 256), "OperationError", "zero iterations");
  await rejects_with(subtle.deriveBits({ ...params, iterations: 10000001 }, key, 256), "OperationError", "over the iteration cap (Verge limit)");
  await promise_rejects_js(t, TypeError, subtle.deriveBits({ ...params, iterations: -1 }, key, 256), "[EnforceRange] iterations");
  await promise_rejects_js(t, TypeError, subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt: bytesOf("salt") }, key, 256), "iterations required");
  await rejects_with(subtle.deriveBits({ ...params, hash: "SHA-3" }, key, 256), "NotSupportedError", "unknown hash");
  await rejects_with(subtle.importKey("raw", bytesOf("p"), "PBKDF2", true, ["deriveBits"]), "SyntaxError", "extractable");
  await rejects_with(subtle.importKey("raw", bytesOf("p"), "PBKDF2", false, ["encrypt"]), "SyntaxError", "bad usage");
  await rejects_with(subtle.importKey("spki", bytesOf("p"), "PBKDF2", false, ["deriveBits"]), "NotSupportedError", "spki");
  await rejects_with(subtle.deriveBits({ name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: new Uint8Array(0) }, key, 256), "InvalidAccessError", "HKDF with a PBKDF2 key");
}, "PBKDF2 errors");

promise_test(async () => {
  // Many iterations run off the isolate's thread; several in parallel all resolve.
  const key = await subtle.importKey("raw", bytesOf("password"), "PBKDF2", false, ["deriveBits"]);
  const results = await Promise.all([1, 2, 3].map((i) =>
    subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt: bytesOf("salt" + i), iterations: 100000 }, key, 256)));
  assert_equals(results.length, 3);
  assert_not_equals(toHex(results[0]), toHex(results[1]));
}, "PBKDF2 with 100000 iterations, in parallel");

promise_test(async () => {
  const password = await subtle.importKey("raw", bytesOf("password"), "PBKDF2", false, ["deriveKey"]);
  const params = { name: "PBKDF2", hash: "SHA-1", salt: bytesOf("salt"), iterations: 4096 };
  const aes = await subtle.deriveKey(params, password, { name: "AES-CBC", length: 128 }, true, ["encrypt"]);
  assert_equals(aes.algorithm.name, "AES-CBC");
  assert_equals(aes.algorithm.length, 128);
  assert_equals(toHex(await subtle.exportKey("raw", aes)), "4b007901b765489abead49d926f721d0", "the first 128 bits of RFC 6070's third case");
  const hmac = await subtle.deriveKey(params, password, { name: "HMAC", hash: "SHA-1", length: 160 }, true, ["sign"]);
  assert_equals(toHex(await subtle.exportKey("raw", hmac)), "4b007901b765489abead49d926f721d065a429c1");
  const defaultLength = await subtle.deriveKey(params, password, { name: "HMAC", hash: "SHA-256" }, true, ["sign"]);
  assert_equals(defaultLength.algorithm.length, 512, "HMAC's default length is the block size");
  await rejects_with(subtle.deriveKey(params, password, { name: "HMAC", hash: "SHA-256", length: 0 }, true, ["sign"]), "TypeError", "HMAC length 0");
  await rejects_with(subtle.deriveKey(params, password, { name: "AES-GCM", length: 100 }, true, ["encrypt"]), "OperationError", "AES length 100");
  await rejects_with(subtle.deriveKey(params, password, { name: "HKDF" }, false, ["deriveBits"]), "OperationError", "HKDF has no length");
  await rejects_with(subtle.deriveKey(params, password, { name: "ECDSA", namedCurve: "P-256" }, false, ["sign"]), "NotSupportedError", "ECDSA is not derivable");
  await rejects_with(subtle.deriveKey(params, password, { name: "AES-GCM", length: 128 }, true, []), "SyntaxError", "no usages");
  await rejects_with(subtle.deriveKey(params, password, { name: "AES-GCM", length: 128 }, true, ["sign"]), "SyntaxError", "bad usage");
  const bitsOnly = await subtle.importKey("raw", bytesOf("password"), "PBKDF2", false, ["deriveBits"]);
  await rejects_with(subtle.deriveKey(params, bitsOnly, { name: "AES-GCM", length: 128 }, true, ["encrypt"]), "InvalidAccessError", "no deriveKey usage");
}, "PBKDF2 deriveKey and the get key length of each algorithm");

promise_test(async () => {
  const ikm = await subtle.importKey("raw", hex("0b".repeat(22)), "HKDF", false, ["deriveKey"]);
  const params = { name: "HKDF", hash: "SHA-256", salt: hex("000102030405060708090a0b0c"), info: hex("f0f1f2f3f4f5f6f7f8f9") };
  const key = await subtle.deriveKey(params, ikm, { name: "AES-KW", length: 256 }, true, ["wrapKey"]);
  assert_equals(toHex(await subtle.exportKey("raw", key)), hkdfCases[0][6].slice(0, 64));
}, "HKDF deriveKey");
