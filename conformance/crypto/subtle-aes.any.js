// META: title=SubtleCrypto AES-GCM, AES-CBC, AES-CTR, AES-KW: NIST SP 800-38A/38D, RFC 3686, RFC 3394 known answers and errors
// META: script=resources/helpers.js
"use strict";

const importAes = (name, raw, usages = ["encrypt", "decrypt"], extractable = false) =>
  subtle.importKey("raw", hex(raw), name, extractable, usages);

// --- AES-GCM: the test cases of "The Galois/Counter Mode of Operation (GCM)" (McGrew, Viega),
// the test vectors NIST SP 800-38D refers to.
const gcmKey = "feffe9928665731c6d6a8f9467308308";
const gcmIV = "cafebabefacedbaddecaf888";
const gcmPlain = "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255";
const gcmAAD = "feedfacedeadbeeffeedfacedeadbeefabaddad2";
const gcmCases = [
  { name: "test case 2 (zero key, one block)", key: "00".repeat(16), iv: "00".repeat(12), plain: "00".repeat(16), aad: "",
    out: "0388dace60b6a392f328c2b971b2fe78ab6e47d42cec13bdf53a67b21257bddf" },
  { name: "test case 3 (four blocks)", key: gcmKey, iv: gcmIV, plain: gcmPlain, aad: "",
    out: "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f59854d5c2af327cd64a62cf35abd2ba6fab4" },
  { name: "test case 4 (additional data, partial block)", key: gcmKey, iv: gcmIV, plain: gcmPlain.slice(0, 120), aad: gcmAAD,
    out: "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e0915bc94fbc3221a5db94fae95ae7121a47" },
  { name: "test case 6 (60-byte iv)", key: gcmKey,
    iv: "9313225df88406e555909c5aff5269aa6a7a9538534f7da1e4c303d2a318a728c3c0c95156809539fcf0e2429a6b525416aedbf5a0de6a57a637b39b",
    plain: gcmPlain.slice(0, 120), aad: gcmAAD,
    out: "8ce24998625615b603a033aca13fb894be9112a5c3a211a8ba262a3cca7e2ca701e4a9a4fba43c90ccdcb281d48c7c6fd62875d2aca417034c34aee5619cc5aefffe0bfa462af43c1699d050" },
  { name: "test case 16 (256-bit key)", key: gcmKey + gcmKey, iv: gcmIV, plain: gcmPlain.slice(0, 120), aad: gcmAAD,
    out: "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f66276fc6ece0f4e1768cddf8853bb2d551b" },
];

for (const c of gcmCases) {
  promise_test(async () => {
    const key = await importAes("AES-GCM", c.key);
    const params = { name: "AES-GCM", iv: hex(c.iv) };
    if (c.aad) params.additionalData = hex(c.aad);
    assert_equals(toHex(await subtle.encrypt(params, key, hex(c.plain))), c.out, "encrypt");
    assert_equals(toHex(await subtle.decrypt(params, key, hex(c.out))), c.plain, "decrypt");
  }, `AES-GCM ${c.name}`);
}

promise_test(async () => {
  const c = gcmCases[2];
  const key = await importAes("AES-GCM", c.key);
  const cipherLength = c.plain.length / 2;
  for (const tagLength of [32, 64, 96, 104, 112, 120, 128]) {
    const params = { name: "AES-GCM", iv: hex(c.iv), additionalData: hex(c.aad), tagLength };
    const out = await subtle.encrypt(params, key, hex(c.plain));
    const expected = c.out.slice(0, (cipherLength + tagLength / 8) * 2);
    assert_equals(toHex(out), expected, `tagLength ${tagLength}: the tag is truncated`);
    assert_equals(toHex(await subtle.decrypt(params, key, out)), c.plain, `tagLength ${tagLength}: decrypt`);
    const bad = new Uint8Array(out);
    bad[bad.length - 1] ^= 1;
    await rejects_with(subtle.decrypt(params, key, bad), "OperationError", `tagLength ${tagLength}: altered tag`);
  }
}, "AES-GCM with every tag length");

promise_test(async () => {
  const c = gcmCases[2];
  const key = await importAes("AES-GCM", c.key);
  const params = { name: "AES-GCM", iv: hex(c.iv), additionalData: hex(c.aad) };
  const out = hex(c.out);
  const altered = out.slice();
  altered[0] ^= 0x80;
  await rejects_with(subtle.decrypt(params, key, altered), "OperationError", "altered ciphertext");
  await rejects_with(subtle.decrypt({ ...params, additionalData: hex("00") }, key, out), "OperationError", "other additional data");
  await rejects_with(subtle.decrypt({ name: "AES-GCM", iv: hex(c.iv) }, key, out), "OperationError", "missing additional data");
  await rejects_with(subtle.decrypt(params, key, out.slice(0, 15)), "OperationError", "shorter than the tag");
  for (const tagLength of [0, 8, 16, 24, 33, 127, 136, 255]) {
    await rejects_with(subtle.encrypt({ ...params, tagLength }, key, out), "OperationError", `encrypt with tagLength ${tagLength}`);
    await rejects_with(subtle.decrypt({ ...params, tagLength }, key, out), "OperationError", `decrypt with tagLength ${tagLength}`);
  }
}, "AES-GCM authentication and parameter errors");

promise_test(async (t) => {
  const key = await importAes("AES-GCM", gcmKey);
  await promise_rejects_js(t, TypeError, subtle.encrypt({ name: "AES-GCM" }, key, new Uint8Array(1)), "missing iv");
  await promise_rejects_js(t, TypeError, subtle.encrypt({ name: "AES-GCM", iv: hex(gcmIV), tagLength: 256 }, key, new Uint8Array(1)), "[EnforceRange] octet tagLength");
  await promise_rejects_js(t, TypeError, subtle.encrypt({ name: "AES-GCM", iv: "abc" }, key, new Uint8Array(1)), "iv not a BufferSource");
  const empty = await subtle.encrypt({ name: "AES-GCM", iv: hex(gcmIV) }, key, new Uint8Array(0));
  assert_equals(empty.byteLength, 16, "empty plaintext: only the tag");
  assert_equals((await subtle.decrypt({ name: "AES-GCM", iv: hex(gcmIV) }, key, empty)).byteLength, 0);
}, "AES-GCM dictionary conversion and empty plaintext");

// --- AES-CBC: NIST SP 800-38A F.2.1 and F.2.5 (Web Crypto adds one PKCS#7 padding block).
const sp38aKey128 = "2b7e151628aed2a6abf7158809cf4f3c";
const sp38aKey256 = "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4";
const sp38aPlain = "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710";
const cbcIV = "000102030405060708090a0b0c0d0e0f";
const cbcCases = [
  { name: "F.2.1 CBC-AES128", key: sp38aKey128,
    out: "7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b273bed6b8e3c1743b7116e69e222295163ff1caa1681fac09120eca307586e1a78cb82807230e1321d3fae00d18cc2012" },
  { name: "F.2.5 CBC-AES256", key: sp38aKey256,
    out: "f58c4c04d6e5f1ba779eabfb5f7bfbd69cfc4e967edb808d679f777bc6702c7d39f23369a9d9bacfa530e26304231461b2eb05e2c39be9fcda6c19078c6a9d1b3f461796d6b0d6b2e0c2a72b4d80e644" },
];
for (const c of cbcCases) {
  promise_test(async () => {
    const key = await importAes("AES-CBC", c.key);
    const params = { name: "AES-CBC", iv: hex(cbcIV) };
    assert_equals(toHex(await subtle.encrypt(params, key, hex(sp38aPlain))), c.out, "encrypt");
    assert_equals(toHex(await subtle.decrypt(params, key, hex(c.out))), sp38aPlain, "decrypt");
  }, `AES-CBC SP 800-38A ${c.name}`);
}

promise_test(async () => {
  const key = await importAes("AES-CBC", sp38aKey128);
  const params = { name: "AES-CBC", iv: hex(cbcIV) };
  assert_equals(toHex(await subtle.encrypt(params, key, bytesOf("hello"))), "d8666ea8aad65cc08354b4bc43d4ff56", "short message");
  assert_equals((await subtle.encrypt(params, key, new Uint8Array(0))).byteLength, 16, "empty: one padding block");
  const out = hex(cbcCases[0].out);
  await rejects_with(subtle.decrypt(params, key, out.slice(0, 63)), "OperationError", "not a multiple of 16");
  await rejects_with(subtle.decrypt(params, key, new Uint8Array(0)), "OperationError", "empty ciphertext");
  await rejects_with(subtle.decrypt(params, key, out.slice(0, 64)), "OperationError", "bad padding");
  await rejects_with(subtle.encrypt({ name: "AES-CBC", iv: hex(cbcIV).slice(0, 15) }, key, out), "OperationError", "15-byte iv");
  await rejects_with(subtle.decrypt({ name: "AES-CBC", iv: new Uint8Array(17) }, key, out), "OperationError", "17-byte iv");
}, "AES-CBC padding and errors");

// --- AES-CTR: SP 800-38A F.5.1, RFC 3686 test vector #2, and counter wrap-around.
promise_test(async () => {
  const key = await importAes("AES-CTR", sp38aKey128);
  const params = { name: "AES-CTR", counter: hex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff"), length: 128 };
  const out = "874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff5ae4df3edbd5d35e5b4f09020db03eab1e031dda2fbe03d1792170a0f3009cee";
  assert_equals(toHex(await subtle.encrypt(params, key, hex(sp38aPlain))), out, "encrypt");
  assert_equals(toHex(await subtle.decrypt(params, key, hex(out))), sp38aPlain, "decrypt");
}, "AES-CTR SP 800-38A F.5.1 CTR-AES128");

promise_test(async () => {
  const key = await importAes("AES-CTR", "7e24067817fae0d743d6ce1f32539163");
  const params = { name: "AES-CTR", counter: hex("006cb6dbc0543b59da48d90b00000001"), length: 32 };
  const plain = new Uint8Array(32).map((_, i) => i);
  assert_equals(toHex(await subtle.encrypt(params, key, plain)), "5104a106168a72d9790d41ee8edad388eb2e1efc46da57c8fce630df9141be28");
}, "AES-CTR RFC 3686 test vector #2 (32-bit counter)");

promise_test(async () => {
  const key = await importAes("AES-CTR", sp38aKey128);
  const plain = new Uint8Array(64).map((_, i) => i);
  const cases = [
    [8, "000102030405060708090a0b0c0d0efe", "9c35999449ad9dd9419cafc98fa054b8d043a2479bac3a8639475622c1984520427f51aa035be610089a65cc04ea0420ca56072f2e9fdde32d6d6f88ff7bbfd6"],
    [64, "00010203040506070808fffffffffffe", "4f075c88e197cb4e9b62aa576838a20f6201929e8cddaaff2831359ff3a8b89c7615439fd27bc6adcac59b0b9aa3a2468e8bf65caaf38f7b84a3e53a3ee50ed7"],
    [100, "000000fffffffffffffffffffffffffe", "8e359c4cddc46f0463d4befcac7977364ddef2271f30a9cd3e935e188345eb81613255195bf30c6dd5ba0667013b71126ff698746c6de45800ad95105eddcc9f"],
    [128, "fffffffffffffffffffffffffffffffe", "d1b616b5fff0f9f62093e4214043e3ac9ae3941256e290e3112966012363b4b35dd6492f3e9dbf94166bda6c95367a4067234f730084888896cd5c82fb4f51f9"],
  ];
  for (const [length, counter, out] of cases) {
    const params = { name: "AES-CTR", counter: hex(counter), length };
    assert_equals(toHex(await subtle.encrypt(params, key, plain)), out, `${length}-bit counter`);
    assert_equals(toHex(await subtle.decrypt(params, key, hex(out))), toHex(plain), `${length}-bit counter, decrypt`);
  }
}, "AES-CTR counters wrap within their length, leaving the other bits alone");

promise_test(async (t) => {
  const key = await importAes("AES-CTR", sp38aKey128);
  const counter = new Uint8Array(16);
  await rejects_with(subtle.encrypt({ name: "AES-CTR", counter, length: 0 }, key, new Uint8Array(1)), "OperationError", "length 0");
  await rejects_with(subtle.encrypt({ name: "AES-CTR", counter, length: 129 }, key, new Uint8Array(1)), "OperationError", "length 129");
  await rejects_with(subtle.encrypt({ name: "AES-CTR", counter: new Uint8Array(15), length: 64 }, key, new Uint8Array(1)), "OperationError", "15-byte counter");
  await rejects_with(subtle.encrypt({ name: "AES-CTR", counter, length: 2 }, key, new Uint8Array(80)), "OperationError", "five blocks with a 2-bit counter");
  assert_equals((await subtle.encrypt({ name: "AES-CTR", counter, length: 2 }, key, new Uint8Array(64))).byteLength, 64, "four blocks fit a 2-bit counter");
  await promise_rejects_js(t, TypeError, subtle.encrypt({ name: "AES-CTR", counter, length: 256 }, key, new Uint8Array(1)), "[EnforceRange] octet");
  await promise_rejects_js(t, TypeError, subtle.encrypt({ name: "AES-CTR", counter }, key, new Uint8Array(1)), "length required");
}, "AES-CTR parameter errors");

// --- AES-KW: RFC 3394 section 4 test vectors (through wrapKey/unwrapKey of AES keys).
const kwCases = [
  ["4.1 128-bit KEK, 128-bit key", "000102030405060708090a0b0c0d0e0f", "00112233445566778899aabbccddeeff", "1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5"],
  ["4.2 192-bit KEK, 128-bit key", "000102030405060708090a0b0c0d0e0f1011121314151617", "00112233445566778899aabbccddeeff", "96778b25ae6ca435f92b5b97c050aed2468ab8a17ad84e5d"],
  ["4.3 256-bit KEK, 128-bit key", "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", "00112233445566778899aabbccddeeff", "64e8c3f9ce0f5ba263e9777905818a2a93c8191e7d6e8ae7"],
  ["4.4 192-bit KEK, 192-bit key", "000102030405060708090a0b0c0d0e0f1011121314151617", "00112233445566778899aabbccddeeff0001020304050607", "031d33264e15d33268f24ec260743edce1c6c7ddee725a936ba814915c6762d2"],
  ["4.5 256-bit KEK, 192-bit key", "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", "00112233445566778899aabbccddeeff0001020304050607", "a8f9bc1612c68b3ff6e6f4fbe30e71e4769c8b80a32cb8958cd5d17d6b254da1"],
  ["4.6 256-bit KEK, 256-bit key", "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", "00112233445566778899aabbccddeeff000102030405060708090a0b0c0d0e0f", "28c9f404c4b810f4cbccb35cfb87f8263f5786e2d80ed326cbc7f0e71a99f43bfb988b9b7a02dd21"],
];
for (const [name, kek, keyData, wrapped] of kwCases) {
  promise_test(async () => {
    const wrappingKey = await importAes("AES-KW", kek, ["wrapKey", "unwrapKey"]);
    const key = await importAes("AES-CBC", keyData, ["encrypt"], true);
    assert_equals(toHex(await subtle.wrapKey("raw", key, wrappingKey, "AES-KW")), wrapped, "wrapKey");
    const unwrapped = await subtle.unwrapKey("raw", hex(wrapped), wrappingKey, { name: "AES-KW" }, "AES-GCM", true, ["decrypt"]);
    assert_equals(unwrapped.algorithm.name, "AES-GCM");
    assert_equals(unwrapped.algorithm.length, keyData.length * 4);
    assert_array_equals(unwrapped.usages, ["decrypt"]);
    assert_equals(toHex(await subtle.exportKey("raw", unwrapped)), keyData, "unwrapKey");
  }, `AES-KW RFC 3394 ${name}`);
}

promise_test(async () => {
  const wrappingKey = await importAes("AES-KW", kwCases[0][1], ["wrapKey", "unwrapKey"]);
  const altered = hex(kwCases[0][3]);
  altered[3] ^= 1;
  await rejects_with(subtle.unwrapKey("raw", altered, wrappingKey, "AES-KW", "AES-GCM", true, ["decrypt"]), "OperationError", "altered");
  await rejects_with(subtle.unwrapKey("raw", altered.slice(0, 20), wrappingKey, "AES-KW", "AES-GCM", true, ["decrypt"]), "OperationError", "not a multiple of 8");
  await rejects_with(subtle.encrypt("AES-KW", wrappingKey, new Uint8Array(16)), "NotSupportedError", "AES-KW cannot encrypt");
  const hmac = await subtle.importKey("raw", new Uint8Array(20), { name: "HMAC", hash: "SHA-1" }, true, ["sign"]);
  await rejects_with(subtle.wrapKey("raw", hmac, wrappingKey, "AES-KW"), "OperationError", "20-byte key is not a multiple of 8 bytes");
  await rejects_with(subtle.generateKey({ name: "AES-KW", length: 128 }, true, ["encrypt"]), "SyntaxError", "AES-KW usages");
}, "AES-KW errors");

// --- Keys
for (const name of ["AES-GCM", "AES-CBC", "AES-CTR", "AES-KW"]) {
  const suffix = name.slice(4);
  const usages = name === "AES-KW" ? ["wrapKey", "unwrapKey"] : ["encrypt", "decrypt", "wrapKey", "unwrapKey"];
  promise_test(async () => {
    for (const length of [128, 192, 256]) {
      const key = await subtle.generateKey({ name, length }, true, usages);
      assert_equals(key.type, "secret");
      assert_equals(key.algorithm.name, name);
      assert_equals(key.algorithm.length, length);
      assert_array_equals(key.usages, usages);
      const raw = await subtle.exportKey("raw", key);
      assert_equals(raw.byteLength, length / 8);
      const jwk = await subtle.exportKey("jwk", key);
      assert_equals(jwk.kty, "oct");
      assert_equals(jwk.alg, `A${length}${suffix}`);
      assert_equals(jwk.k, toBase64Url(new Uint8Array(raw)));
      assert_array_equals(jwk.key_ops, usages);
      const imported = await subtle.importKey("jwk", jwk, name.toLowerCase(), false, [usages[0]]);
      assert_equals(imported.algorithm.length, length);
      assert_equals(imported.extractable, false);
    }
    for (const length of [0, 64, 127, 512]) {
      await rejects_with(subtle.generateKey({ name, length }, true, usages), "OperationError", `length ${length}`);
    }
    await rejects_with(subtle.generateKey({ name, length: 128 }, true, ["sign"]), "SyntaxError", "sign usage");
    await rejects_with(subtle.generateKey({ name, length: 128 }, true, []), "SyntaxError", "no usages");
    await rejects_with(subtle.importKey("raw", new Uint8Array(20), name, true, usages), "DataError", "160-bit key");
    await rejects_with(subtle.importKey("raw", new Uint8Array(0), name, true, usages), "DataError", "empty key");
    await rejects_with(subtle.importKey("jwk", { kty: "oct", k: toBase64Url(new Uint8Array(16)), alg: `A256${suffix}` }, name, true, usages), "DataError", "alg for another length");
    await rejects_with(subtle.importKey("jwk", { kty: "oct", k: toBase64Url(new Uint8Array(16)), use: "sig" }, name, true, usages), "DataError", "use sig");
    await rejects_with(subtle.importKey("jwk", { kty: "oct", k: toBase64Url(new Uint8Array(20)) }, name, true, usages), "DataError", "jwk of 160 bits");
    await rejects_with(subtle.importKey("spki", new Uint8Array(16), name, true, usages), "NotSupportedError", "spki");
  }, `${name} keys: generate, export, import`);
}
