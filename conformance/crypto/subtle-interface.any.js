// META: title=SubtleCrypto and CryptoKey interfaces: WebIDL shape, brand checks, key internals
// META: script=resources/helpers.js
"use strict";

const operations = {
  encrypt: 3, decrypt: 3, sign: 3, verify: 4, digest: 2, generateKey: 3, deriveKey: 5,
  deriveBits: 2, importKey: 5, exportKey: 2, wrapKey: 4, unwrapKey: 7,
};

test(() => {
  for (const name of ["SubtleCrypto", "CryptoKey"]) {
    void globalThis[name]; // Verge installs Web API globals lazily: the first read defines the data property.
    const descriptor = Object.getOwnPropertyDescriptor(globalThis, name);
    assert_equals(typeof descriptor.value, "function", name);
    assert_true(descriptor.writable, `${name} writable`);
    assert_false(descriptor.enumerable, `${name} not enumerable`);
    assert_true(descriptor.configurable, `${name} configurable`);
    assert_throws_js(TypeError, () => new globalThis[name](), `new ${name}()`);
    assert_throws_js(TypeError, () => globalThis[name](), `${name}()`);
  }
}, "the interface objects are globals that cannot be constructed");

test(() => {
  const proto = SubtleCrypto.prototype;
  for (const [name, length] of Object.entries(operations)) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, name);
    assert_equals(typeof descriptor.value, "function", name);
    assert_true(descriptor.writable && descriptor.enumerable && descriptor.configurable, `${name} attributes`);
    assert_equals(descriptor.value.length, length, `${name}.length`);
    assert_equals(descriptor.value.name, name, `${name}.name`);
  }
  assert_equals(Object.prototype.toString.call(proto), "[object SubtleCrypto]");
  assert_equals(Object.getOwnPropertyDescriptor(proto, Symbol.toStringTag).value, "SubtleCrypto");
  assert_equals(Object.getPrototypeOf(proto), Object.prototype);
  assert_equals(proto.constructor, SubtleCrypto);
}, "SubtleCrypto.prototype operations");

test(() => {
  assert_true(crypto.subtle instanceof SubtleCrypto);
  assert_equals(crypto.subtle, crypto.subtle, "the same object each time");
  assert_equals(Object.prototype.toString.call(crypto.subtle), "[object SubtleCrypto]");
  assert_array_equals(Reflect.ownKeys(crypto.subtle), [], "no own properties");
}, "crypto.subtle is the SubtleCrypto");

promise_test(async (t) => {
  for (const name of Object.keys(operations)) {
    const result = SubtleCrypto.prototype[name].call({}, "SHA-256");
    assert_true(result instanceof Promise, `${name} returns a promise`);
    await promise_rejects_js(t, TypeError, result, `${name} on a plain object`);
    await promise_rejects_js(t, TypeError, crypto.subtle[name](), `${name} without arguments`);
  }
}, "operations reject (never throw) on bad this and missing arguments");

test(() => {
  const proto = CryptoKey.prototype;
  for (const name of ["type", "extractable", "algorithm", "usages"]) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, name);
    assert_equals(typeof descriptor.get, "function", `${name} getter`);
    assert_equals(descriptor.set, undefined, `${name} has no setter`);
    assert_true(descriptor.enumerable && descriptor.configurable, `${name} attributes`);
    assert_throws_js(TypeError, () => descriptor.get.call({}), `${name} getter on a plain object`);
    assert_throws_js(TypeError, () => descriptor.get.call(undefined), `${name} getter on undefined`);
  }
  assert_equals(Object.getOwnPropertyDescriptor(proto, Symbol.toStringTag).value, "CryptoKey");
}, "CryptoKey.prototype attributes");

promise_test(async () => {
  const key = await subtle.importKey("raw", new Uint8Array(16), { name: "aes-gcm" }, false, ["decrypt", "encrypt", "encrypt"]);
  assert_equals(Object.prototype.toString.call(key), "[object CryptoKey]");
  assert_array_equals(Reflect.ownKeys(key), [], "a key has no own properties");
  assert_equals(JSON.stringify(key), "{}");
  assert_equals(Object.getPrototypeOf(key), CryptoKey.prototype);
  assert_equals(key.type, "secret");
  assert_equals(key.extractable, false);
  assert_array_equals(key.usages, ["encrypt", "decrypt"], "deduplicated, in the spec's order");
  assert_true(Array.isArray(key.usages));
  assert_equals(key.algorithm.name, "AES-GCM", "the registered name, not the given spelling");
  assert_equals(Object.getPrototypeOf(key.algorithm), Object.prototype);
  // The cached objects are the key's own to change; operations use the internal slots.
  key.algorithm.name = "HMAC";
  key.usages.length = 0;
  assert_equals(key.algorithm.name, "HMAC", "the same (changed) object is returned");
  assert_equals(key.usages.length, 0);
  const data = await subtle.encrypt({ name: "AES-GCM", iv: new Uint8Array(12) }, key, new Uint8Array(4));
  assert_equals(data.byteLength, 20, "the key still encrypts");
  await rejects_with(subtle.exportKey("raw", key), "InvalidAccessError", "still not extractable");
}, "CryptoKey internals are not reachable or changeable from its attributes");

promise_test(async () => {
  const key = await subtle.importKey("raw", new Uint8Array(16), "AES-CBC", true, ["encrypt"]);
  const algorithm = { name: "AES-CBC", get iv() { return new Uint8Array(16); } };
  let reads = 0;
  const counted = { get name() { reads++; return "AES-CBC"; }, iv: new Uint8Array(16) };
  await subtle.encrypt(algorithm, key, new Uint8Array(1));
  await subtle.encrypt(counted, key, new Uint8Array(1));
  assert_equals(reads, 2, "name is read once as an Algorithm, once as the specific dictionary");
  const iv = new Uint8Array(16);
  const promise = subtle.encrypt({ name: "AES-CBC", iv }, key, new Uint8Array(16));
  iv[0] = 1; // after the call: must not matter
  const expected = await subtle.encrypt({ name: "AES-CBC", iv: new Uint8Array(16) }, key, new Uint8Array(16));
  assert_equals(toHex(await promise), toHex(expected), "algorithm buffers are copied when normalized");
}, "algorithm normalization reads the dictionary and copies its buffers at the call");

promise_test(async () => {
  const key = await subtle.generateKey({ name: "HMAC", hash: "SHA-256" }, true, ["sign"]);
  let microtaskRan = false;
  const promise = subtle.sign("HMAC", key, new Uint8Array(1)).then(() => assert_true(microtaskRan, "sign"));
  const promise2 = subtle.exportKey("jwk", key).then(() => assert_true(microtaskRan, "exportKey"));
  const promise3 = subtle.importKey("raw", new Uint8Array(16), "AES-GCM", true, ["encrypt"]).then(() => assert_true(microtaskRan, "importKey"));
  const promise4 = subtle.importKey("raw", new Uint8Array(3), "AES-GCM", true, ["encrypt"]).catch(() => assert_true(microtaskRan, "rejected importKey"));
  Promise.resolve().then(() => { microtaskRan = true; });
  await Promise.all([promise, promise2, promise3, promise4]);
}, "results are delivered in a later task, after pending microtasks");

promise_test(async (t) => {
  await rejects_with(subtle.generateKey("SHA-256", true, ["sign"]), "NotSupportedError", "a digest cannot generate keys");
  await rejects_with(subtle.generateKey("PBKDF2", true, ["deriveBits"]), "NotSupportedError", "PBKDF2 cannot generate keys");
  await rejects_with(subtle.importKey("raw", new Uint8Array(16), "AES-CMAC", true, ["sign"]), "NotSupportedError", "unknown algorithm");
  await rejects_with(subtle.encrypt({ name: "ChaCha20-Poly1305", iv: new Uint8Array(12) }, await subtle.generateKey({ name: "AES-GCM", length: 128 }, false, ["encrypt"]), new Uint8Array(1)), "NotSupportedError", "ChaCha20-Poly1305");
  for (const name of ["Ed448", "X448", "ML-DSA-44", "ML-KEM-768", "AES-OCB", "Argon2id", "DH", "RSAES-PKCS1-v1_5", "CONCAT", "HKDF-CTR", "SHA3-256"]) {
    await rejects_with(subtle.generateKey(name, true, ["sign"]), "NotSupportedError", name);
  }
  await promise_rejects_js(t, TypeError, subtle.importKey("raw-secret", new Uint8Array(16), "AES-GCM", true, ["encrypt"]), "formats beyond the spec's KeyFormat enum");
  await promise_rejects_js(t, TypeError, subtle.exportKey("raw", {}), "not a CryptoKey");
  await promise_rejects_js(t, TypeError, subtle.sign("HMAC", null, new Uint8Array(1)), "null key");
}, "unsupported algorithms and formats");

promise_test(async () => {
  // wrapKey/unwrapKey of every format with every encrypting algorithm.
  const pair = await subtle.generateKey({ name: "ECDSA", namedCurve: "P-384" }, true, ["sign", "verify"]);
  const hmac = await subtle.generateKey({ name: "HMAC", hash: "SHA-512" }, true, ["sign", "verify"]);
  const wrappers = [
    [{ name: "AES-GCM", iv: new Uint8Array(12), tagLength: 96 }, await subtle.generateKey({ name: "AES-GCM", length: 256 }, false, ["wrapKey", "unwrapKey"])],
    [{ name: "AES-CBC", iv: new Uint8Array(16) }, await subtle.generateKey({ name: "AES-CBC", length: 128 }, false, ["wrapKey", "unwrapKey"])],
    [{ name: "AES-CTR", counter: new Uint8Array(16), length: 64 }, await subtle.generateKey({ name: "AES-CTR", length: 192 }, false, ["wrapKey", "unwrapKey"])],
    [{ name: "AES-KW" }, await subtle.generateKey({ name: "AES-KW", length: 256 }, false, ["wrapKey", "unwrapKey"])],
  ];
  const rsa = await subtle.generateKey({ name: "RSA-OAEP", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }, false, ["wrapKey", "unwrapKey"]);
  const message = bytesOf("wrapped");
  for (const [params, wrapping] of wrappers) {
    for (const [format, key, algorithm, usages] of [
      ["raw", hmac, { name: "HMAC", hash: "SHA-512" }, ["sign"]],
      ["jwk", hmac, { name: "HMAC", hash: "SHA-512" }, ["sign"]],
      ["jwk", pair.privateKey, { name: "ECDSA", namedCurve: "P-384" }, ["sign"]],
      ["pkcs8", pair.privateKey, { name: "ECDSA", namedCurve: "P-384" }, ["sign"]],
      ["spki", pair.publicKey, { name: "ECDSA", namedCurve: "P-384" }, ["verify"]],
      ["raw", pair.publicKey, { name: "ECDSA", namedCurve: "P-384" }, ["verify"]],
    ]) {
      const what = `${params.name} wrapping ${format} ${key.type}`;
      let wrapped;
      try {
        wrapped = await subtle.wrapKey(format, key, wrapping, params);
      } catch (error) {
        // AES-KW only wraps multiples of 8 bytes; a JWK's JSON rarely is one.
        assert_equals(params.name, "AES-KW", `${what}: ${error}`);
        assert_equals(error.name, "OperationError", what);
        continue;
      }
      const unwrapped = await subtle.unwrapKey(format, wrapped, wrapping, params, algorithm, true, usages);
      assert_equals(unwrapped.type, key.type, what);
      assert_equals(toHex(await subtle.exportKey(format === "jwk" ? "raw" : format, unwrapped).catch(() => new ArrayBuffer(0))),
        toHex(await subtle.exportKey(format === "jwk" ? "raw" : format, key).catch(() => new ArrayBuffer(0))), what);
      if (usages[0] === "sign") {
        const algo = algorithm.name === "HMAC" ? "HMAC" : { name: "ECDSA", hash: "SHA-384" };
        const signature = await subtle.sign(algo, unwrapped, message);
        assert_true(await subtle.verify(algo, algorithm.name === "HMAC" ? hmac : pair.publicKey, signature, message), `${what}: works`);
      }
    }
  }
  const wrappedByRsa = await subtle.wrapKey("raw", hmac, rsa.publicKey, { name: "RSA-OAEP", label: bytesOf("L") });
  const back = await subtle.unwrapKey("raw", wrappedByRsa, rsa.privateKey, { name: "RSA-OAEP", label: bytesOf("L") }, { name: "HMAC", hash: "SHA-512" }, true, ["verify"]);
  assert_equals(toHex(await subtle.exportKey("raw", back)), toHex(await subtle.exportKey("raw", hmac)), "RSA-OAEP wrapping");
}, "wrapKey and unwrapKey in every format, with AES-GCM, AES-CBC, AES-CTR, AES-KW and RSA-OAEP");

promise_test(async (t) => {
  const wrapping = await subtle.generateKey({ name: "AES-GCM", length: 128 }, false, ["wrapKey", "unwrapKey", "encrypt"]);
  const params = { name: "AES-GCM", iv: new Uint8Array(12) };
  const hidden = await subtle.generateKey({ name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  await rejects_with(subtle.wrapKey("raw", hidden, wrapping, params), "InvalidAccessError", "non-extractable key");
  const hmac = await subtle.generateKey({ name: "HMAC", hash: "SHA-256" }, true, ["sign"]);
  const encryptOnly = await subtle.generateKey({ name: "AES-GCM", length: 128 }, false, ["encrypt"]);
  await rejects_with(subtle.wrapKey("raw", hmac, encryptOnly, params), "InvalidAccessError", "no wrapKey usage");
  await rejects_with(subtle.wrapKey("spki", hmac, wrapping, params), "NotSupportedError", "spki of an HMAC key");
  await rejects_with(subtle.wrapKey("raw", hmac, wrapping, "HMAC"), "NotSupportedError", "HMAC cannot wrap");
  await rejects_with(subtle.wrapKey("raw", hmac, wrapping, { name: "AES-CBC", iv: new Uint8Array(16) }), "InvalidAccessError", "algorithm of another key");
  const garbage = await subtle.encrypt(params, wrapping, bytesOf("not json"));
  await rejects_with(subtle.unwrapKey("jwk", garbage, wrapping, params, { name: "HMAC", hash: "SHA-256" }, true, ["sign"]), "DataError", "not JSON");
  const noKty = await subtle.encrypt(params, wrapping, bytesOf('{"k":"AAAA"}'));
  await rejects_with(subtle.unwrapKey("jwk", noKty, wrapping, params, { name: "HMAC", hash: "SHA-256" }, true, ["sign"]), "DataError", "no kty");
  const badType = await subtle.encrypt(params, wrapping, bytesOf('{"kty":"oct","k":"AAAA","key_ops":5}'));
  await rejects_with(subtle.unwrapKey("jwk", badType, wrapping, params, { name: "HMAC", hash: "SHA-256" }, true, ["sign"]), "DataError", "key_ops not a sequence");
  const wrapped = await subtle.wrapKey("raw", hmac, wrapping, params);
  await rejects_with(subtle.unwrapKey("raw", wrapped, wrapping, params, { name: "HMAC", hash: "SHA-256" }, true, []), "SyntaxError", "no usages");
  await rejects_with(subtle.unwrapKey("raw", wrapped, wrapping, params, { name: "HMAC", hash: "SHA-256" }, true, ["encrypt"]), "SyntaxError", "bad usage");
  await rejects_with(subtle.unwrapKey("raw", wrapped, wrapping, params, "SHA-256", true, ["sign"]), "NotSupportedError", "not an importable algorithm");
  await promise_rejects_js(t, TypeError, subtle.unwrapKey("raw", wrapped, wrapping, params, { name: "HMAC" }, true, ["sign"]), "bad unwrappedKeyAlgorithm dictionary");
  await rejects_with(subtle.unwrapKey("raw", wrapped.slice(1), wrapping, params, { name: "HMAC", hash: "SHA-256" }, true, ["sign"]), "OperationError", "corrupt");
  const unwrapped = await subtle.unwrapKey("raw", wrapped, wrapping, params, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  assert_equals(unwrapped.extractable, false);
}, "wrapKey and unwrapKey errors");

promise_test(async () => {
  const key = await subtle.generateKey({ name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
  const clone = structuredClone(key);
  assert_not_equals(clone, key);
  assert_true(clone instanceof CryptoKey);
  assert_equals(clone.type, "secret");
  assert_equals(clone.extractable, false);
  assert_equals(clone.algorithm.hash.name, "SHA-256");
  assert_array_equals(clone.usages, ["sign", "verify"]);
  const data = bytesOf("cloned");
  const mac = await subtle.sign("HMAC", key, data);
  assert_true(await subtle.verify("HMAC", clone, mac, data), "the clone holds the same key");
  const nested = structuredClone({ keys: [key, key] });
  assert_equals(nested.keys[0], nested.keys[1], "one key cloned once within a value");
  await rejects_with(subtle.exportKey("raw", clone), "InvalidAccessError", "still not extractable");
}, "CryptoKey is serializable: structuredClone gives a key with the same material");
