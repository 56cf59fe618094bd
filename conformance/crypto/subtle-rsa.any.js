// META: title=SubtleCrypto RSASSA-PKCS1-v1_5, RSA-PSS, RSA-OAEP: cross-checks, formats, errors
// META: timeout=long
// META: script=resources/helpers.js
// META: script=resources/rsa-vectors.js
"use strict";

const message = bytesOf("Verge edge runtime");
const hashes = ["SHA-1", "SHA-256", "SHA-384", "SHA-512"];
const v = rsaVectors;
const publicJwk = { kty: "RSA", n: toBase64Url(hex(v.n)), e: toBase64Url(hex(v.e)) };
const privateJwk = {
  ...publicJwk, d: toBase64Url(hex(v.d)), p: toBase64Url(hex(v.p)), q: toBase64Url(hex(v.q)),
  dp: toBase64Url(hex(v.dp)), dq: toBase64Url(hex(v.dq)), qi: toBase64Url(hex(v.qi)),
};
const jwkAlgs = {
  "RSASSA-PKCS1-v1_5": { "SHA-1": "RS1", "SHA-256": "RS256", "SHA-384": "RS384", "SHA-512": "RS512" },
  "RSA-PSS": { "SHA-1": "PS1", "SHA-256": "PS256", "SHA-384": "PS384", "SHA-512": "PS512" },
  "RSA-OAEP": { "SHA-1": "RSA-OAEP", "SHA-256": "RSA-OAEP-256", "SHA-384": "RSA-OAEP-384", "SHA-512": "RSA-OAEP-512" },
};

for (const hash of hashes) {
  promise_test(async () => {
    const algorithm = { name: "RSASSA-PKCS1-v1_5", hash };
    const publicKeys = [
      await subtle.importKey("spki", hex(v.spki), algorithm, true, ["verify"]),
      await subtle.importKey("jwk", publicJwk, algorithm, true, ["verify"]),
    ];
    const privateKeys = [
      await subtle.importKey("pkcs8", hex(v.pkcs8), algorithm, true, ["sign"]),
      await subtle.importKey("jwk", privateJwk, algorithm, true, ["sign"]),
    ];
    for (const key of privateKeys) {
      assert_equals(toHex(await subtle.sign("RSASSA-PKCS1-v1_5", key, message)), v.pkcs1[hash], "deterministic signature");
    }
    for (const key of publicKeys) {
      assert_equals(key.algorithm.modulusLength, 2048);
      assert_equals(toHex(key.algorithm.publicExponent), "010001");
      assert_equals(key.algorithm.hash.name, hash);
      assert_true(await subtle.verify("RSASSA-PKCS1-v1_5", key, hex(v.pkcs1[hash]), message), "verify");
      assert_false(await subtle.verify("RSASSA-PKCS1-v1_5", key, hex(v.pkcs1[hash]), bytesOf("other")), "other message");
      const other = hashes[(hashes.indexOf(hash) + 1) % 4];
      assert_false(await subtle.verify("RSASSA-PKCS1-v1_5", key, hex(v.pkcs1[other]), message), "signature with another hash");
      assert_false(await subtle.verify("RSASSA-PKCS1-v1_5", key, hex(v.pkcs1[hash]).slice(1), message), "short signature");
    }
  }, `RSASSA-PKCS1-v1_5 with ${hash}: deterministic signatures match another implementation`);

  promise_test(async () => {
    const algorithm = { name: "RSA-PSS", hash };
    const publicKey = await subtle.importKey("spki", hex(v.spki), algorithm, true, ["verify"]);
    const privateKey = await subtle.importKey("pkcs8", hex(v.pkcs8), algorithm, true, ["sign"]);
    const digestLength = { "SHA-1": 20, "SHA-256": 32, "SHA-384": 48, "SHA-512": 64 }[hash];
    for (const saltLength of [0, 20, 32, digestLength, 64]) {
      const signature = hex(v.pss[`${hash}/${saltLength}`]);
      assert_true(await subtle.verify({ name: "RSA-PSS", saltLength }, publicKey, signature, message), `verify, salt ${saltLength}`);
      if (saltLength !== 0) {
        assert_false(await subtle.verify({ name: "RSA-PSS", saltLength: saltLength - 1 }, publicKey, signature, message), `wrong salt length ${saltLength - 1}`);
      }
      const ours = await subtle.sign({ name: "RSA-PSS", saltLength }, privateKey, message);
      assert_true(await subtle.verify({ name: "RSA-PSS", saltLength }, publicKey, ours, message), `round trip, salt ${saltLength}`);
      if (saltLength > 0) {
        const again = await subtle.sign({ name: "RSA-PSS", saltLength }, privateKey, message);
        assert_not_equals(toHex(ours), toHex(again), "salted signatures differ");
      }
    }
    const zero1 = await subtle.sign({ name: "RSA-PSS", saltLength: 0 }, privateKey, message);
    const zero2 = await subtle.sign({ name: "RSA-PSS", saltLength: 0 }, privateKey, message);
    assert_equals(toHex(zero1), toHex(zero2), "no salt: deterministic");
    assert_equals(toHex(zero1), v.pss[`${hash}/0`], "no salt: same as the other implementation");
    await rejects_with(subtle.sign({ name: "RSA-PSS", saltLength: 1000 }, privateKey, message), "OperationError", "salt too long for the key");
  }, `RSA-PSS with ${hash}: salt lengths`);

  promise_test(async () => {
    const algorithm = { name: "RSA-OAEP", hash };
    const privateKey = await subtle.importKey("jwk", privateJwk, algorithm, false, ["decrypt", "unwrapKey"]);
    const publicKey = await subtle.importKey("spki", hex(v.spki), algorithm, false, ["encrypt", "wrapKey"]);
    assert_equals(toHex(await subtle.decrypt("RSA-OAEP", privateKey, hex(v.oaep[hash]))), toHex(message), "decrypt without label");
    assert_equals(toHex(await subtle.decrypt({ name: "RSA-OAEP", label: bytesOf("a label") }, privateKey, hex(v.oaep[`${hash}/label`]))), toHex(message), "decrypt with label");
    await rejects_with(subtle.decrypt({ name: "RSA-OAEP", label: bytesOf("another") }, privateKey, hex(v.oaep[`${hash}/label`])), "OperationError", "wrong label");
    await rejects_with(subtle.decrypt("RSA-OAEP", privateKey, hex(v.oaep[`${hash}/label`])), "OperationError", "missing label");
    const ciphertext = await subtle.encrypt({ name: "RSA-OAEP", label: new Uint8Array([1, 2, 3]) }, publicKey, message);
    assert_equals(ciphertext.byteLength, 256);
    assert_equals(toHex(await subtle.decrypt({ name: "RSA-OAEP", label: new Uint8Array([1, 2, 3]) }, privateKey, ciphertext)), toHex(message), "round trip");
    const again = await subtle.encrypt({ name: "RSA-OAEP", label: new Uint8Array([1, 2, 3]) }, publicKey, message);
    assert_not_equals(toHex(ciphertext), toHex(again), "randomized");
    const digestLength = { "SHA-1": 20, "SHA-256": 32, "SHA-384": 48, "SHA-512": 64 }[hash];
    const max = 256 - 2 * digestLength - 2;
    await subtle.encrypt("RSA-OAEP", publicKey, new Uint8Array(max));
    await rejects_with(subtle.encrypt("RSA-OAEP", publicKey, new Uint8Array(max + 1)), "OperationError", "message too long");
    await rejects_with(subtle.decrypt("RSA-OAEP", privateKey, hex(v.oaep[hash]).slice(1)), "OperationError", "short ciphertext");
  }, `RSA-OAEP with ${hash}: decrypt another implementation's ciphertexts, labels`);
}

for (const name of ["RSASSA-PKCS1-v1_5", "RSA-PSS", "RSA-OAEP"]) {
  const isOAEP = name === "RSA-OAEP";
  const publicUsages = isOAEP ? ["encrypt", "wrapKey"] : ["verify"];
  const privateUsages = isOAEP ? ["decrypt", "unwrapKey"] : ["sign"];
  promise_test(async () => {
    for (const hash of hashes) {
      const algorithm = { name, hash };
      const publicKey = await subtle.importKey("jwk", { ...publicJwk, alg: jwkAlgs[name][hash] }, algorithm, true, publicUsages);
      const privateKey = await subtle.importKey("pkcs8", hex(v.pkcs8), algorithm, true, privateUsages);
      assert_equals(toHex(await subtle.exportKey("spki", publicKey)), v.spki, "spki");
      assert_equals(toHex(await subtle.exportKey("pkcs8", privateKey)), v.pkcs8, "pkcs8");
      const jwk = await subtle.exportKey("jwk", privateKey);
      assert_object_equals(jwk, { ...privateJwk, alg: jwkAlgs[name][hash], ext: true, key_ops: privateUsages });
      assert_array_equals(Object.keys(jwk), ["alg", "d", "dp", "dq", "e", "ext", "key_ops", "kty", "n", "p", "q", "qi"]);
      assert_object_equals(await subtle.exportKey("jwk", publicKey), { ...publicJwk, alg: jwkAlgs[name][hash], ext: true, key_ops: publicUsages });
      await rejects_with(subtle.exportKey("raw", publicKey), "NotSupportedError", "raw");
      await rejects_with(subtle.exportKey("spki", privateKey), "InvalidAccessError", "spki of a private key");
      await rejects_with(subtle.exportKey("pkcs8", publicKey), "InvalidAccessError", "pkcs8 of a public key");
      const otherHash = hashes[(hashes.indexOf(hash) + 1) % 4];
      await rejects_with(subtle.importKey("jwk", { ...publicJwk, alg: jwkAlgs[name][otherHash] }, algorithm, true, publicUsages), "DataError", "alg of another hash");
    }
  }, `${name}: import and export in every format`);

  promise_test(async (t) => {
    const algorithm = { name, hash: "SHA-256" };
    await rejects_with(subtle.importKey("spki", hex(v.spki), algorithm, true, privateUsages), "SyntaxError", "spki with private usages");
    await rejects_with(subtle.importKey("pkcs8", hex(v.pkcs8), algorithm, true, publicUsages), "SyntaxError", "pkcs8 with public usages");
    await rejects_with(subtle.importKey("pkcs8", hex(v.pkcs8), algorithm, true, []), "SyntaxError", "private key without usages");
    await rejects_with(subtle.importKey("raw", hex(v.n), algorithm, true, publicUsages), "NotSupportedError", "raw");
    await rejects_with(subtle.importKey("spki", hex(v.pkcs8), algorithm, true, publicUsages), "DataError", "pkcs8 as spki");
    await rejects_with(subtle.importKey("pkcs8", hex(v.spki), algorithm, true, privateUsages), "DataError", "spki as pkcs8");
    await rejects_with(subtle.importKey("spki", hex(v.spki).slice(0, 100), algorithm, true, publicUsages), "DataError", "truncated spki");
    await rejects_with(subtle.importKey("spki", hex(v.spki), { name, hash: "SHA-3" }, true, publicUsages), "NotSupportedError", "unknown hash");
    await promise_rejects_js(t, TypeError, subtle.importKey("spki", hex(v.spki), { name }, true, publicUsages), "hash required");
    await rejects_with(subtle.importKey("jwk", { ...publicJwk, kty: "EC" }, algorithm, true, publicUsages), "DataError", "kty EC");
    await rejects_with(subtle.importKey("jwk", { ...publicJwk, use: isOAEP ? "sig" : "enc" }, algorithm, true, publicUsages), "DataError", "wrong use");
    await rejects_with(subtle.importKey("jwk", { kty: "RSA", n: publicJwk.n }, algorithm, true, publicUsages), "DataError", "no e");
    await rejects_with(subtle.importKey("jwk", { ...privateJwk, qi: privateJwk.dp }, algorithm, true, privateUsages), "DataError", "inconsistent CRT values");
    await rejects_with(subtle.importKey("jwk", { ...privateJwk, n: "####" }, algorithm, true, privateUsages), "DataError", "n not base64url");
    await rejects_with(subtle.importKey("jwk", { ...privateJwk, alg: "HS256" }, algorithm, true, privateUsages), "DataError", "alg of HMAC");
    await rejects_with(subtle.importKey("jwk", publicJwk, algorithm, true, privateUsages), "SyntaxError", "public jwk with private usages");
  }, `${name}: import errors`);
}

promise_test(async (t) => {
  const pss = await subtle.importKey("pkcs8", hex(v.pkcs8), { name: "RSA-PSS", hash: "SHA-256" }, false, ["sign"]);
  const pkcs1 = await subtle.importKey("spki", hex(v.spki), { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, ["verify"]);
  const oaep = await subtle.importKey("spki", hex(v.spki), { name: "RSA-OAEP", hash: "SHA-256" }, false, ["encrypt"]);
  await rejects_with(subtle.sign("RSASSA-PKCS1-v1_5", pss, message), "InvalidAccessError", "key of another algorithm");
  await promise_rejects_js(t, TypeError, subtle.sign("RSA-PSS", pss, message), "saltLength required");
  await promise_rejects_js(t, TypeError, subtle.sign({ name: "RSA-PSS", saltLength: -1 }, pss, message), "[EnforceRange] saltLength");
  await rejects_with(subtle.verify("RSASSA-PKCS1-v1_5", pkcs1, new Uint8Array(256), message).then((ok) => { if (!ok) throw new DOMException("", "Negative"); }), "Negative", "a zero signature is false");
  await rejects_with(subtle.decrypt("RSA-OAEP", oaep, new Uint8Array(256)), "InvalidAccessError", "decrypt without the usage");
  await promise_rejects_js(t, TypeError, subtle.encrypt({ name: "RSA-OAEP", label: "x" }, oaep, message), "label not a BufferSource");
}, "RSA operation errors");

promise_test(async (t) => {
  const pair = await subtle.generateKey({ name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
    true, ["sign", "verify"]);
  assert_equals(pair.privateKey.algorithm.modulusLength, 2048);
  assert_equals(toHex(pair.privateKey.algorithm.publicExponent), "010001");
  assert_equals(pair.publicKey.algorithm.hash.name, "SHA-256");
  assert_array_equals(pair.privateKey.usages, ["sign"]);
  assert_array_equals(pair.publicKey.usages, ["verify"]);
  const signature = await subtle.sign("RSASSA-PKCS1-v1_5", pair.privateKey, message);
  assert_true(await subtle.verify("RSASSA-PKCS1-v1_5", pair.publicKey, signature, message));
  const jwk = await subtle.exportKey("jwk", pair.privateKey);
  assert_equals(jwk.alg, "RS256");
  assert_equals(jwk.e, "AQAB");
  const spki = new Uint8Array(await subtle.exportKey("spki", pair.publicKey));
  assert_equals(spki[0], 0x30);

  const oaep = await subtle.generateKey({ name: "RSA-OAEP", modulusLength: 1024, publicExponent: new Uint8Array([3]), hash: "SHA-1" },
    false, ["encrypt", "decrypt"]);
  assert_equals(oaep.privateKey.algorithm.modulusLength, 1024);
  assert_equals(toHex(oaep.publicKey.algorithm.publicExponent), "03");
  const ciphertext = await subtle.encrypt("RSA-OAEP", oaep.publicKey, message);
  assert_equals(toHex(await subtle.decrypt("RSA-OAEP", oaep.privateKey, ciphertext)), toHex(message));

  const rsaGen = (modulusLength, publicExponent) => ({ name: "RSA-PSS", modulusLength, publicExponent, hash: "SHA-256" });
  await rejects_with(subtle.generateKey(rsaGen(2048, new Uint8Array([1, 0, 1])), true, ["encrypt"]), "SyntaxError", "bad usage");
  await rejects_with(subtle.generateKey(rsaGen(2048, new Uint8Array([1, 0, 1])), true, ["verify"]), "SyntaxError", "no private usage");
  await rejects_with(subtle.generateKey(rsaGen(2048, new Uint8Array([2])), true, ["sign"]), "OperationError", "even exponent");
  await rejects_with(subtle.generateKey(rsaGen(2048, new Uint8Array([])), true, ["sign"]), "OperationError", "empty exponent");
  await rejects_with(subtle.generateKey(rsaGen(100, new Uint8Array([1, 0, 1])), true, ["sign"]), "OperationError", "tiny modulus");
  await rejects_with(subtle.generateKey(rsaGen(2047, new Uint8Array([1, 0, 1])), true, ["sign"]), "OperationError", "odd modulus length");
  await promise_rejects_js(t, TypeError, subtle.generateKey(rsaGen(2048, [1, 0, 1]), true, ["sign"]), "publicExponent must be a Uint8Array");
  await promise_rejects_js(t, TypeError, subtle.generateKey({ name: "RSA-PSS", publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }, true, ["sign"]), "modulusLength required");
}, "generateKey for RSA");

promise_test(async () => {
  // A 3072-bit key: private operations run off the isolate's thread.
  const pair = await subtle.generateKey({ name: "RSA-PSS", modulusLength: 3072, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-512" },
    false, ["sign", "verify"]);
  const signatures = await Promise.all([1, 2, 3].map(() => subtle.sign({ name: "RSA-PSS", saltLength: 64 }, pair.privateKey, message)));
  for (const signature of signatures) {
    assert_equals(signature.byteLength, 384);
    assert_true(await subtle.verify({ name: "RSA-PSS", saltLength: 64 }, pair.publicKey, signature, message));
  }
}, "RSA-PSS with a 3072-bit key");
