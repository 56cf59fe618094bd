// META: title=SubtleCrypto with inputs over 1 MiB (processed off the isolate's thread), cross-checked with OpenSSL
// META: timeout=long
// META: script=resources/helpers.js
"use strict";

const twoMiB = () => new Uint8Array(2 << 20).fill(0x61);

promise_test(async () => {
  const key = await subtle.importKey("raw", hex("0b".repeat(20)), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
  const data = twoMiB();
  const promise = subtle.sign("HMAC", key, data);
  data.fill(0); // after the call: must not matter
  const mac = await promise;
  assert_equals(toHex(mac), "938cf0d8f6be6382131302a60722bbcf39ad03d2f5a442c4f6f699e3435aae3e");
  assert_true(await subtle.verify("HMAC", key, mac, twoMiB()), "verify");
  assert_false(await subtle.verify("HMAC", key, mac, data), "verify other data");
}, "HMAC over 2 MiB");

promise_test(async () => {
  const key = await subtle.importKey("raw", new Uint8Array(16), "AES-GCM", false, ["encrypt", "decrypt"]);
  const params = { name: "AES-GCM", iv: new Uint8Array(12), additionalData: bytesOf("aad") };
  const ciphertext = await subtle.encrypt(params, key, twoMiB());
  assert_equals(toHex(await subtle.digest("SHA-256", ciphertext)), "05cf2c91be7b4deb5ff3f8be628ca1b36f1873b701201a1cefb06faf1a75f560");
  assert_equals(toHex(new Uint8Array(ciphertext).slice(-16)), "8ef85bfbbb57785739c0235bcacfe922", "tag");
  const plaintext = new Uint8Array(await subtle.decrypt(params, key, ciphertext));
  assert_equals(plaintext.length, 2 << 20);
  assert_true(plaintext.every((b) => b === 0x61), "round trip");
  const altered = new Uint8Array(ciphertext);
  altered[1000] ^= 1;
  await rejects_with(subtle.decrypt(params, key, altered), "OperationError", "altered");
  const truncatedTag = await subtle.encrypt({ ...params, tagLength: 96 }, key, twoMiB());
  assert_equals((await subtle.decrypt({ ...params, tagLength: 96 }, key, truncatedTag)).byteLength, 2 << 20, "96-bit tag");
}, "AES-GCM over 2 MiB");

promise_test(async () => {
  const cbc = await subtle.importKey("raw", new Uint8Array(16), "AES-CBC", false, ["encrypt", "decrypt"]);
  const cbcOut = await subtle.encrypt({ name: "AES-CBC", iv: new Uint8Array(16) }, cbc, twoMiB());
  assert_equals(toHex(await subtle.digest("SHA-256", cbcOut)), "d76eaeb1d8875a32903a5cec6b8a99038ecdcdd6f61a66988c59888e9647fabe", "CBC");
  assert_equals((await subtle.decrypt({ name: "AES-CBC", iv: new Uint8Array(16) }, cbc, cbcOut)).byteLength, 2 << 20);
  const ctr = await subtle.importKey("raw", new Uint8Array(16), "AES-CTR", false, ["encrypt"]);
  const ctrOut = await subtle.encrypt({ name: "AES-CTR", counter: new Uint8Array(16), length: 128 }, ctr, twoMiB());
  assert_equals(toHex(await subtle.digest("SHA-256", ctrOut)), "71147ac8d551327939ab99ddb70711829bb7020aeccbf7232e3831a4091496e6", "CTR");
}, "AES-CBC and AES-CTR over 2 MiB");

promise_test(async () => {
  const data = twoMiB();
  const ec = await subtle.generateKey({ name: "ECDSA", namedCurve: "P-384" }, false, ["sign", "verify"]);
  const ed = await subtle.generateKey("Ed25519", false, ["sign", "verify"]);
  const rsa = await subtle.generateKey({ name: "RSA-PSS", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }, false, ["sign", "verify"]);
  const [ecSig, edSig, rsaSig] = await Promise.all([
    subtle.sign({ name: "ECDSA", hash: "SHA-384" }, ec.privateKey, data),
    subtle.sign("Ed25519", ed.privateKey, data),
    subtle.sign({ name: "RSA-PSS", saltLength: 32 }, rsa.privateKey, data),
  ]);
  assert_true(await subtle.verify({ name: "ECDSA", hash: "SHA-384" }, ec.publicKey, ecSig, data), "ECDSA");
  assert_true(await subtle.verify("Ed25519", ed.publicKey, edSig, data), "Ed25519");
  assert_true(await subtle.verify({ name: "RSA-PSS", saltLength: 32 }, rsa.publicKey, rsaSig, data), "RSA-PSS");
  data[0] = 0;
  assert_false(await subtle.verify("Ed25519", ed.publicKey, edSig, data), "Ed25519, other data");
}, "signatures over 2 MiB");
