// META: title=SubtleCrypto.digest: FIPS 180-4 known answers, inputs, errors
// META: script=resources/helpers.js
"use strict";

// FIPS 180-4 / NIST examples ("abc", the 448- and 896-bit messages, one million 'a').
const messages = {
  empty: bytesOf(""),
  abc: bytesOf("abc"),
  "448 bits": bytesOf("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
  "896 bits": bytesOf("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"),
};
const expected = {
  empty: {
    "SHA-1": "da39a3ee5e6b4b0d3255bfef95601890afd80709",
    "SHA-256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "SHA-384": "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b",
    "SHA-512": "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e",
  },
  abc: {
    "SHA-1": "a9993e364706816aba3e25717850c26c9cd0d89d",
    "SHA-256": "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    "SHA-384": "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7",
    "SHA-512": "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
  },
  "448 bits": {
    "SHA-1": "84983e441c3bd26ebaae4aa1f95129e5e54670f1",
    "SHA-256": "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    "SHA-384": "3391fdddfc8dc7393707a65b1b4709397cf8b1d162af05abfe8f450de5f36bc6b0455a8520bc4e6f5fe95b1fe3c8452b",
    "SHA-512": "204a8fc6dda82f0a0ced7beb8e08a41657c16ef468b228a8279be331a703c33596fd15c13b1b07f9aa1d3bea57789ca031ad85c7a71dd70354ec631238ca3445",
  },
  "896 bits": {
    "SHA-1": "a49b2446a02c645bf419f995b67091253a04a259",
    "SHA-256": "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1",
    "SHA-384": "09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712fcc7c71a557e2db966c3e9fa91746039",
    "SHA-512": "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909",
  },
  "one million 'a'": {
    "SHA-1": "34aa973cd4c4daa4f61eeb2bdbad27316534016f",
    "SHA-256": "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
    "SHA-384": "9d0e1809716474cb086e834e310a4a1ced149e9c00f248527972cec5704c2a5b07b8b3dc38ecc4ebae97ddd87f3d8985",
    "SHA-512": "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973ebde0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b",
  },
};
messages["one million 'a'"] = new Uint8Array(1000000).fill(0x61);

for (const message of Object.keys(expected)) {
  for (const hash of Object.keys(expected[message])) {
    promise_test(async () => {
      const result = await subtle.digest(hash, messages[message]);
      assert_true(result instanceof ArrayBuffer, "resolves with an ArrayBuffer");
      assert_equals(toHex(result), expected[message][hash]);
    }, `${hash} of ${message}`);
  }
}

promise_test(async () => {
  for (const name of ["sha-256", "Sha-256", "SHA-256", "sHa-256"]) {
    assert_equals(toHex(await subtle.digest(name, messages.abc)), expected.abc["SHA-256"], name);
    assert_equals(toHex(await subtle.digest({ name }, messages.abc)), expected.abc["SHA-256"], `{ name: ${name} }`);
  }
}, "algorithm names match ASCII case-insensitively, as strings or dictionaries");

promise_test(async () => {
  // U+017F LATIN SMALL LETTER LONG S upper-cases to 'S' in Unicode but is not ASCII.
  await rejects_with(subtle.digest("\u017Fha-256", messages.abc), "NotSupportedError", "long s");
  await rejects_with(subtle.digest("SHA-256\u0000", messages.abc), "NotSupportedError", "trailing NUL");
}, "algorithm names only match ASCII case-insensitively");

promise_test(async () => {
  const bytes = messages["448 bits"];
  const want = expected["448 bits"]["SHA-256"];
  const buffer = bytes.slice().buffer;
  assert_equals(toHex(await subtle.digest("SHA-256", buffer)), want, "ArrayBuffer");
  assert_equals(toHex(await subtle.digest("SHA-256", new DataView(buffer))), want, "DataView");
  assert_equals(toHex(await subtle.digest("SHA-256", new Uint32Array(buffer))), want, "Uint32Array");
  const padded = new Uint8Array(bytes.length + 10);
  padded.set(bytes, 5);
  assert_equals(toHex(await subtle.digest("SHA-256", padded.subarray(5, 5 + bytes.length))), want, "view with an offset");
  assert_equals(toHex(await subtle.digest("SHA-256", new DataView(padded.buffer, 5, bytes.length))), want, "DataView with an offset");
}, "every BufferSource kind is hashed over exactly its bytes");

promise_test(async () => {
  const data = bytesOf("abc");
  const promise = subtle.digest("SHA-256", data);
  data[0] = 0x7a; // 'z', after the call
  assert_equals(toHex(await promise), expected.abc["SHA-256"]);
}, "the data is read when digest() is called");

promise_test(async () => {
  // The spec normalizes the algorithm first, then takes a copy of the data: a change made by
  // the algorithm's getters is seen.
  const data = bytesOf("zbc");
  const algorithm = { get name() { data[0] = 0x61; return "SHA-256"; } };
  assert_equals(toHex(await subtle.digest(algorithm, data)), expected.abc["SHA-256"]);
}, "the data is read after the algorithm is normalized");

promise_test(async () => {
  const emptySHA256 = expected.empty["SHA-256"];
  const view = bytesOf("abc");
  view.buffer.transfer();
  assert_equals(toHex(await subtle.digest("SHA-256", view)), emptySHA256, "detached Uint8Array");
  const buffer = bytesOf("abc").buffer;
  buffer.transfer();
  assert_equals(toHex(await subtle.digest("SHA-256", buffer)), emptySHA256, "detached ArrayBuffer");
  const dataView = new DataView(bytesOf("abc").buffer);
  dataView.buffer.transfer();
  assert_equals(toHex(await subtle.digest("SHA-256", dataView)), emptySHA256, "detached DataView");
  const later = bytesOf("abc");
  const promise = subtle.digest("SHA-256", later);
  later.buffer.transfer(); // after the call
  assert_equals(toHex(await promise), expected.abc["SHA-256"], "detached after the call");
}, "a detached buffer holds no bytes");

promise_test(async () => {
  const a = await subtle.digest("SHA-1", messages.abc);
  const b = await subtle.digest("SHA-1", messages.abc);
  assert_not_equals(a, b, "a new ArrayBuffer each time");
}, "each call resolves with a new ArrayBuffer");

promise_test(async () => {
  let microtaskRan = false;
  const promise = subtle.digest("SHA-256", messages.abc).then(() => {
    assert_true(microtaskRan, "resolved after microtasks queued after the call");
  });
  Promise.resolve().then(() => { microtaskRan = true; });
  await promise;
}, "the promise resolves in a later task, not synchronously");

promise_test(async () => {
  await rejects_with(subtle.digest("SHA-225", messages.abc), "NotSupportedError", "unknown name");
  await rejects_with(subtle.digest("MD5", messages.abc), "NotSupportedError", "MD5");
  await rejects_with(subtle.digest("SHA3-256", messages.abc), "NotSupportedError", "SHA3");
  await rejects_with(subtle.digest("", messages.abc), "NotSupportedError", "empty name");
  await rejects_with(subtle.digest({ name: "HMAC" }, messages.abc), "NotSupportedError", "not a digest");
  await rejects_with(subtle.digest(5, messages.abc), "NotSupportedError", "a number converts to '5'");
  await rejects_with(subtle.digest(null, messages.abc), "NotSupportedError", "null converts to 'null'");
}, "unknown algorithms reject with NotSupportedError");

promise_test(async (t) => {
  await promise_rejects_js(t, TypeError, subtle.digest({}, messages.abc), "dictionary without name");
  await promise_rejects_js(t, TypeError, subtle.digest({ name: undefined }, messages.abc), "undefined name");
  await promise_rejects_js(t, TypeError, subtle.digest(Symbol("x"), messages.abc), "symbol");
  await promise_rejects_js(t, TypeError, subtle.digest("SHA-256"), "missing data");
  await promise_rejects_js(t, TypeError, subtle.digest(), "no arguments");
  await promise_rejects_js(t, TypeError, subtle.digest("SHA-256", "abc"), "string data");
  await promise_rejects_js(t, TypeError, subtle.digest("SHA-256", [1, 2, 3]), "array data");
  await promise_rejects_js(t, TypeError, subtle.digest("SHA-256", null), "null data");
}, "bad arguments reject with TypeError (promise-returning operations never throw)");

promise_test(async (t) => {
  const error = new Error("from the getter");
  const algorithm = { get name() { throw error; } };
  await promise_rejects_exactly(t, error, subtle.digest(algorithm, messages.abc));
}, "an exception from the algorithm's name getter rejects the promise");

promise_test(async (t) => {
  await promise_rejects_js(t, TypeError, subtle.digest.call({}, "SHA-256", messages.abc), "plain object");
  await promise_rejects_js(t, TypeError, SubtleCrypto.prototype.digest.call(undefined, "SHA-256", messages.abc), "undefined");
}, "digest() with a this that is not a SubtleCrypto rejects with TypeError");

promise_test(async () => {
  // Inputs of more than 1 MiB (512 KiB for SHA-384/512) are hashed off the isolate's thread.
  const twoMiB = new Uint8Array(2 << 20).fill(0x61);
  const results = await Promise.all([
    subtle.digest("SHA-256", twoMiB),
    subtle.digest("SHA-512", new Uint8Array(600000).fill(0x62)),
    subtle.digest("SHA-1", new Uint8Array(3 << 20).fill(0x63)),
  ]);
  twoMiB.fill(0); // after the call: must not matter
  assert_equals(toHex(results[0]), "5256ec18f11624025905d057d6befb03d77b243511ac5f77ed5e0221ce6d84b5");
  assert_equals(toHex(results[1]), "900ff7f363159bbc4f498d199f406f6337fe6eff6b38acdfe135ac1649b7baf81141c4286a014ae3291a5efd2e2dfe62e93984ac860bbf2146d6f0b67cc08e60");
  assert_equals(toHex(results[2]), "bebd86fa2a4a07e9ee0ec0b3a62484afd876a1e7");
}, "large inputs, hashed in parallel");
