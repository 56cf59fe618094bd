// Web Cryptography API (https://w3c.github.io/webcrypto/): SubtleCrypto and CryptoKey.
//
// This file does what the spec describes in terms of WebIDL: argument conversion, algorithm
// normalization, usage and format checks, JSON Web Key validation, the key objects. The
// cryptography (and DER parsing/encoding of key formats) is native, in
// Sources/VergeEdge/Ops/Crypto*.swift, on swift-crypto.
//
// Key material never lives in JS: a CryptoKey holds an opaque native handle (an object with
// no properties whose private data is the Swift key) in a private field that nothing exposes.
//
// Timing: the spec runs each operation "in parallel" and resolves its promise in a task
// queued afterwards. Cheap operations are computed synchronously here (inputs need no copy
// then) and their promise settles on a later turn of the event loop (ops.cryptoDeliver);
// expensive ones (RSA key generation and large-key private operations, PBKDF2 with many
// iterations, digests of large inputs) run on other threads and settle when done.

const {
  ArrayBufferIsView,
  ArrayPrototypeIncludes,
  ArrayPrototypePush,
  JSONParse,
  JSONStringify,
  MathCeil,
  ObjectFreeze,
  ObjectPrototypeIsPrototypeOf,
  Promise,
  PromisePrototypeThen,
  PromiseReject,
  SafeMap,
  MapPrototypeDelete,
  MapPrototypeGet,
  MapPrototypeGetSize,
  MapPrototypeSet,
  StringPrototypeCharCodeAt,
  StringPrototypeToUpperCase,
  Symbol,
  TypeError,
  TypedArrayPrototypeGetByteLength,
  TypedArrayPrototypeSlice,
  Uint8Array,
} = core.primordials;
const webidl = core.require("webidl");
const { converters } = webidl;
const { DOMException } = core.require("dom_exception");
const ops = core.ops;

// ---------------------------------------------------------------------------------------
// Errors and scheduling

function domError(name, message) {
  return new DOMException(message, name);
}
const notSupported = (message) => domError("NotSupportedError", message);
const syntaxError = (message) => domError("SyntaxError", message);
const dataError = (message) => domError("DataError", message);
const invalidAccess = (message) => domError("InvalidAccessError", message);
const operationError = (message) => domError("OperationError", message);

const PromisePrototype = Promise.prototype;
function isPromise(value) {
  return value !== null && typeof value === "object" && ObjectPrototypeIsPrototypeOf(PromisePrototype, value);
}

/**
 * Runs the "in parallel" steps of an operation: `steps()` computes synchronously (or starts
 * native work and returns its promise); the result or error is delivered on a later turn of
 * the event loop, as the spec's "queue a global task on the crypto task source" does.
 */
function inParallel(steps) {
  let result;
  try {
    result = steps();
  } catch (error) {
    return ops.cryptoDeliver(error, true);
  }
  if (isPromise(result)) return result;
  return ops.cryptoDeliver(result, false);
}

/** `then` on a promise we created (never a user thenable). */
function then(promise, onFulfilled) {
  return PromisePrototypeThen(promise, onFulfilled);
}

// ---------------------------------------------------------------------------------------
// Bytes

const emptyBytes = new Uint8Array(0);

/**
 * A Uint8Array view of a BufferSource's bytes (no copy: the synchronous steps that follow
 * read them before any user code runs). A detached buffer holds no bytes.
 */
function bytesOf(source) {
  try {
    return webidl.bufferSourceBytes(source);
  } catch {
    // Only detachment makes a converted BufferSource unreadable.
    return emptyBytes;
  }
}

/** "Get a copy of the bytes held by the buffer source" (empty for a detached buffer). */
function copyOf(source) {
  const view = bytesOf(source);
  if (TypedArrayPrototypeGetByteLength(view) === 0) return new Uint8Array(0);
  return TypedArrayPrototypeSlice(view);
}

function byteLength(view) {
  return TypedArrayPrototypeGetByteLength(view);
}


// ---------------------------------------------------------------------------------------
// WebIDL types of the spec

const kKeyUsages = ["encrypt", "decrypt", "sign", "verify", "deriveKey", "deriveBits", "wrapKey", "unwrapKey"];
const keyFormatConverter = webidl.createEnumConverter("KeyFormat", ["raw", "spki", "pkcs8", "jwk"]);
const keyUsageConverter = webidl.createEnumConverter("KeyUsage", kKeyUsages);
const keyUsagesConverter = webidl.createSequenceConverter(keyUsageConverter);

/** AlgorithmIdentifier: (object or DOMString). */
function algorithmIdentifierConverter(V, prefix, context) {
  if (V !== null && (typeof V === "object" || typeof V === "function")) return V;
  return converters.DOMString(V, prefix, context);
}

const enforceRange = { __proto__: null, enforceRange: true };
const unsignedLongEnforce = (V, prefix, context) => converters["unsigned long"](V, prefix, context, enforceRange);
const unsignedShortEnforce = (V, prefix, context) => converters["unsigned short"](V, prefix, context, enforceRange);
const octetEnforce = (V, prefix, context) => converters.octet(V, prefix, context, enforceRange);
const bufferSource = (V, prefix, context) => converters.BufferSource(V, prefix, context);
const bigInteger = (V, prefix, context) => converters.Uint8Array(V, prefix, context);

let CryptoKey; // defined below; the interface converter reads it lazily
let isCryptoKey;
const cryptoKeyConverter = (V, prefix, context) => {
  if (!isCryptoKey(V)) throw webidl.makeException(TypeError, "is not of type 'CryptoKey'.", prefix, context);
  return V;
};

const algorithmMembers = [{ key: "name", converter: converters.DOMString, required: true }];
const hashMember = { key: "hash", converter: algorithmIdentifierConverter, required: true };

// Dictionaries, members sorted as WebIDL converts them (inherited dictionaries first).
const dictionaries = {
  __proto__: null,
  Algorithm: { members: [algorithmMembers] },
  RsaHashedKeyGenParams: {
    members: [algorithmMembers, [
      { key: "modulusLength", converter: unsignedLongEnforce, required: true },
      { key: "publicExponent", converter: bigInteger, required: true },
    ], [hashMember]],
  },
  RsaHashedImportParams: { members: [algorithmMembers, [hashMember]] },
  RsaPssParams: { members: [algorithmMembers, [{ key: "saltLength", converter: unsignedLongEnforce, required: true }]] },
  RsaOaepParams: { members: [algorithmMembers, [{ key: "label", converter: bufferSource }]] },
  EcdsaParams: { members: [algorithmMembers, [hashMember]] },
  EcKeyGenParams: { members: [algorithmMembers, [{ key: "namedCurve", converter: converters.DOMString, required: true }]] },
  EcKeyImportParams: { members: [algorithmMembers, [{ key: "namedCurve", converter: converters.DOMString, required: true }]] },
  EcdhKeyDeriveParams: { members: [algorithmMembers, [{ key: "public", converter: cryptoKeyConverter, required: true }]] },
  AesCtrParams: {
    members: [algorithmMembers, [
      { key: "counter", converter: bufferSource, required: true },
      { key: "length", converter: octetEnforce, required: true },
    ]],
  },
  AesKeyGenParams: { members: [algorithmMembers, [{ key: "length", converter: unsignedShortEnforce, required: true }]] },
  AesDerivedKeyParams: { members: [algorithmMembers, [{ key: "length", converter: unsignedShortEnforce, required: true }]] },
  AesCbcParams: { members: [algorithmMembers, [{ key: "iv", converter: bufferSource, required: true }]] },
  AesGcmParams: {
    members: [algorithmMembers, [
      { key: "additionalData", converter: bufferSource },
      { key: "iv", converter: bufferSource, required: true },
      { key: "tagLength", converter: octetEnforce },
    ]],
  },
  HmacImportParams: { members: [algorithmMembers, [hashMember, { key: "length", converter: unsignedLongEnforce }]] },
  HmacKeyGenParams: { members: [algorithmMembers, [hashMember, { key: "length", converter: unsignedLongEnforce }]] },
  HkdfParams: {
    members: [algorithmMembers, [
      hashMember,
      { key: "info", converter: bufferSource, required: true },
      { key: "salt", converter: bufferSource, required: true },
    ]],
  },
  Pbkdf2Params: {
    members: [algorithmMembers, [
      hashMember,
      { key: "iterations", converter: unsignedLongEnforce, required: true },
      { key: "salt", converter: bufferSource, required: true },
    ]],
  },
};
for (const name in dictionaries) {
  const lists = dictionaries[name].members;
  dictionaries[name].convert = webidl.createDictionaryConverter(name, ...new core.primordials.SafeArrayIterator(lists));
}
const algorithmDictionary = dictionaries.Algorithm.convert;

const rsaOtherPrimesInfo = webidl.createDictionaryConverter("RsaOtherPrimesInfo", [
  { key: "d", converter: converters.DOMString },
  { key: "r", converter: converters.DOMString },
  { key: "t", converter: converters.DOMString },
]);
const jsonWebKeyConverter = webidl.createDictionaryConverter("JsonWebKey", [
  { key: "alg", converter: converters.DOMString },
  { key: "crv", converter: converters.DOMString },
  { key: "d", converter: converters.DOMString },
  { key: "dp", converter: converters.DOMString },
  { key: "dq", converter: converters.DOMString },
  { key: "e", converter: converters.DOMString },
  { key: "ext", converter: converters.boolean },
  { key: "k", converter: converters.DOMString },
  { key: "key_ops", converter: webidl.createSequenceConverter(converters.DOMString) },
  { key: "kty", converter: converters.DOMString },
  { key: "n", converter: converters.DOMString },
  { key: "oth", converter: webidl.createSequenceConverter(rsaOtherPrimesInfo) },
  { key: "p", converter: converters.DOMString },
  { key: "q", converter: converters.DOMString },
  { key: "qi", converter: converters.DOMString },
  { key: "use", converter: converters.DOMString },
  { key: "x", converter: converters.DOMString },
  { key: "y", converter: converters.DOMString },
]);
// The order WebIDL converts a JsonWebKey dictionary to an ECMAScript object.
const jwkMemberOrder = ["alg", "crv", "d", "dp", "dq", "e", "ext", "k", "key_ops", "kty", "n", "oth", "p", "q", "qi", "use", "x", "y"];

/** (BufferSource or JsonWebKey) */
function keyDataConverter(V, prefix, context) {
  if (ArrayBufferIsView(V) || webidl.isArrayBufferBranded(V)) {
    return { __proto__: null, buffer: converters.BufferSource(V, prefix, context) };
  }
  return { __proto__: null, jwk: jsonWebKeyConverter(V, prefix, context) };
}

// ---------------------------------------------------------------------------------------
// Algorithm normalization (https://w3c.github.io/webcrypto/#algorithm-normalization)

// op -> { registered name -> dictionary type name (null: Algorithm) }
const supportedAlgorithms = {
  __proto__: null,
  digest: { "SHA-1": null, "SHA-256": null, "SHA-384": null, "SHA-512": null },
  generateKey: {
    "RSASSA-PKCS1-v1_5": "RsaHashedKeyGenParams",
    "RSA-PSS": "RsaHashedKeyGenParams",
    "RSA-OAEP": "RsaHashedKeyGenParams",
    "ECDSA": "EcKeyGenParams",
    "ECDH": "EcKeyGenParams",
    "AES-CTR": "AesKeyGenParams",
    "AES-CBC": "AesKeyGenParams",
    "AES-GCM": "AesKeyGenParams",
    "AES-KW": "AesKeyGenParams",
    "HMAC": "HmacKeyGenParams",
    "Ed25519": null,
    "X25519": null,
  },
  importKey: {
    "RSASSA-PKCS1-v1_5": "RsaHashedImportParams",
    "RSA-PSS": "RsaHashedImportParams",
    "RSA-OAEP": "RsaHashedImportParams",
    "ECDSA": "EcKeyImportParams",
    "ECDH": "EcKeyImportParams",
    "AES-CTR": null,
    "AES-CBC": null,
    "AES-GCM": null,
    "AES-KW": null,
    "HMAC": "HmacImportParams",
    "HKDF": null,
    "PBKDF2": null,
    "Ed25519": null,
    "X25519": null,
  },
  sign: {
    "RSASSA-PKCS1-v1_5": null,
    "RSA-PSS": "RsaPssParams",
    "ECDSA": "EcdsaParams",
    "HMAC": null,
    "Ed25519": null,
  },
  verify: {
    "RSASSA-PKCS1-v1_5": null,
    "RSA-PSS": "RsaPssParams",
    "ECDSA": "EcdsaParams",
    "HMAC": null,
    "Ed25519": null,
  },
  encrypt: {
    "RSA-OAEP": "RsaOaepParams",
    "AES-CTR": "AesCtrParams",
    "AES-CBC": "AesCbcParams",
    "AES-GCM": "AesGcmParams",
  },
  decrypt: {
    "RSA-OAEP": "RsaOaepParams",
    "AES-CTR": "AesCtrParams",
    "AES-CBC": "AesCbcParams",
    "AES-GCM": "AesGcmParams",
  },
  deriveBits: {
    "ECDH": "EcdhKeyDeriveParams",
    "X25519": "EcdhKeyDeriveParams",
    "HKDF": "HkdfParams",
    "PBKDF2": "Pbkdf2Params",
  },
  "get key length": {
    "AES-CTR": "AesDerivedKeyParams",
    "AES-CBC": "AesDerivedKeyParams",
    "AES-GCM": "AesDerivedKeyParams",
    "AES-KW": "AesDerivedKeyParams",
    "HMAC": "HmacImportParams",
    "HKDF": null,
    "PBKDF2": null,
  },
  wrapKey: { "AES-KW": null },
  unwrapKey: { "AES-KW": null },
};

// op -> Map(ASCII upper-cased name -> registered name)
const registeredNames = { __proto__: null };
for (const op in supportedAlgorithms) {
  const map = new SafeMap();
  for (const name in supportedAlgorithms[op]) MapPrototypeSet(map, StringPrototypeToUpperCase(name), name);
  registeredNames[op] = map;
}

// Algorithms whose keys can be exported.
const exportable = {
  __proto__: null,
  "RSASSA-PKCS1-v1_5": true, "RSA-PSS": true, "RSA-OAEP": true, "ECDSA": true, "ECDH": true,
  "AES-CTR": true, "AES-CBC": true, "AES-GCM": true, "AES-KW": true, "HMAC": true,
  "Ed25519": true, "X25519": true,
};

function isASCII(string) {
  for (let i = 0; i < string.length; i++) {
    if (StringPrototypeCharCodeAt(string, i) > 0x7f) return false;
  }
  return true;
}

// Normalizations of string identifiers never change: cache them per operation.
const stringCache = { __proto__: null };
for (const op in supportedAlgorithms) stringCache[op] = new SafeMap();

/**
 * "Normalize an algorithm" with `op`. Throws TypeError (bad dictionary) or
 * NotSupportedError (unknown algorithm for this operation). The result is a null-prototype
 * object that nothing mutates.
 */
function normalizeAlgorithm(alg, op) {
  if (typeof alg === "string") {
    const cached = MapPrototypeGet(stringCache[op], alg);
    if (cached !== undefined) return cached;
    const normalized = normalizeAlgorithm({ name: alg }, op);
    // Bounded: names match case-insensitively, so a script could make many spellings.
    if (MapPrototypeGetSize(stringCache[op]) < 64) MapPrototypeSet(stringCache[op], alg, normalized);
    return normalized;
  }
  const prefix = "Failed to normalize algorithm";
  const initialAlg = algorithmDictionary(alg, prefix, "Algorithm");
  const algName = initialAlg.name;
  const registered = isASCII(algName) ? MapPrototypeGet(registeredNames[op], StringPrototypeToUpperCase(algName)) : undefined;
  if (registered === undefined) {
    throw notSupported(`Unrecognized algorithm name '${algName}' for operation '${op}'`);
  }
  const desiredType = supportedAlgorithms[op][registered];
  if (desiredType === null) {
    return ObjectFreeze({ __proto__: null, name: registered });
  }
  const normalized = dictionaries[desiredType].convert(alg, prefix, desiredType);
  normalized.name = registered;
  // Members of BufferSource type are copied, HashAlgorithmIdentifier members normalized.
  const lists = dictionaries[desiredType].members;
  for (let i = 0; i < lists.length; i++) {
    const members = lists[i];
    for (let j = 0; j < members.length; j++) {
      const member = members[j];
      const value = normalized[member.key];
      if (value === undefined) continue;
      if (member.converter === bufferSource) {
        normalized[member.key] = copyOf(value);
      } else if (member === hashMember) {
        normalized.hash = normalizeAlgorithm(value, "digest");
      } else if (member.converter === bigInteger) {
        normalized[member.key] = TypedArrayPrototypeSlice(value);
      }
    }
  }
  return ObjectFreeze(normalized);
}

// ---------------------------------------------------------------------------------------
// CryptoKey (https://w3c.github.io/webcrypto/#cryptokey-interface)

const kConstruct = Symbol("CryptoKey");
let keyInternals; // (key) -> { type, extractable, algorithm, usages, handle }

CryptoKey = class CryptoKey {
  #type;
  #extractable;
  #algorithm; // the internal KeyAlgorithm (a null-prototype, frozen object)
  #usages; // array of KeyUsage, deduplicated, in the spec's order
  #handle; // the native key
  #algorithmCache;
  #usagesCache;

  constructor(key = undefined, type, extractable, algorithm, usages, handle) {
    if (key !== kConstruct) webidl.illegalConstructor();
    this.#type = type;
    this.#extractable = extractable;
    this.#algorithm = algorithm;
    this.#usages = usages;
    this.#handle = handle;
  }

  static {
    isCryptoKey = (value) => value !== null && typeof value === "object" && #handle in value;
    keyInternals = (key) => ({
      __proto__: null,
      type: key.#type,
      extractable: key.#extractable,
      algorithm: key.#algorithm,
      usages: key.#usages,
      handle: key.#handle,
    });
  }

  get type() {
    webidl.assertBranded(this, isCryptoKey);
    return this.#type;
  }

  get extractable() {
    webidl.assertBranded(this, isCryptoKey);
    return this.#extractable;
  }

  get algorithm() {
    webidl.assertBranded(this, isCryptoKey);
    if (this.#algorithmCache === undefined) this.#algorithmCache = algorithmToObject(this.#algorithm);
    return this.#algorithmCache;
  }

  get usages() {
    webidl.assertBranded(this, isCryptoKey);
    if (this.#usagesCache === undefined) this.#usagesCache = copyArray(this.#usages);
    return this.#usagesCache;
  }

  // console.log(key) shows the attributes, as browsers' consoles do.
  [core.primordials.SymbolFor("Verge.inspect")]() {
    const view = new CryptoKeyView();
    view.type = this.#type;
    view.extractable = this.#extractable;
    view.algorithm = this.algorithm;
    view.usages = this.usages;
    return view;
  }
};
// What the console renders for a key: a plain object whose class is named CryptoKey.
const CryptoKeyView = class CryptoKey {};
webidl.configureInterface(CryptoKey);

function copyArray(array) {
  const out = [];
  for (let i = 0; i < array.length; i++) ArrayPrototypePush(out, array[i]);
  return out;
}

/** The ECMAScript object for a KeyAlgorithm dictionary (members in WebIDL order). */
function algorithmToObject(algorithm) {
  const out = { name: algorithm.name };
  if (algorithm.modulusLength !== undefined) {
    out.modulusLength = algorithm.modulusLength;
    out.publicExponent = TypedArrayPrototypeSlice(algorithm.publicExponent);
  }
  if (algorithm.namedCurve !== undefined) out.namedCurve = algorithm.namedCurve;
  if (algorithm.hash !== undefined) out.hash = { name: algorithm.hash.name };
  if (algorithm.length !== undefined) out.length = algorithm.length;
  return out;
}

/** The usages, deduplicated, in the spec's order of KeyUsage values. */
function normalizeUsages(usages) {
  const out = [];
  for (let i = 0; i < kKeyUsages.length; i++) {
    if (ArrayPrototypeIncludes(usages, kKeyUsages[i])) ArrayPrototypePush(out, kKeyUsages[i]);
  }
  return out;
}

/** The usage intersection of `usages` and `allowed`. */
function intersectUsages(usages, allowed) {
  const out = [];
  for (let i = 0; i < usages.length; i++) {
    if (ArrayPrototypeIncludes(allowed, usages[i]) && !ArrayPrototypeIncludes(out, usages[i])) ArrayPrototypePush(out, usages[i]);
  }
  return normalizeUsages(out);
}

/** Throws SyntaxError when `usages` holds a value outside `allowed`. */
function checkUsages(usages, allowed, what) {
  for (let i = 0; i < usages.length; i++) {
    if (!ArrayPrototypeIncludes(allowed, usages[i])) {
      throw syntaxError(`Usage '${usages[i]}' is not valid for ${what}`);
    }
  }
}

function makeKey(type, extractable, algorithm, usages, handle) {
  return new CryptoKey(kConstruct, type, extractable, ObjectFreeze(algorithm), normalizeUsages(usages), handle);
}

// ---------------------------------------------------------------------------------------
// Shared pieces

const hashBlockBits = { __proto__: null, "SHA-1": 512, "SHA-256": 512, "SHA-384": 1024, "SHA-512": 1024 };
const hashBits = { __proto__: null, "SHA-1": 160, "SHA-256": 256, "SHA-384": 384, "SHA-512": 512 };
const namedCurves = ["P-256", "P-384", "P-521"];

function hashAlgorithm(name) {
  return ObjectFreeze({ __proto__: null, name });
}

/** JWK checks shared by every algorithm: use, key_ops, ext. */
function checkJwkCommon(jwk, usages, extractable, expectedUse) {
  if (usages.length !== 0 && jwk.use !== undefined && jwk.use !== expectedUse) {
    throw dataError(`The JWK 'use' member must be '${expectedUse}'`);
  }
  if (jwk.key_ops !== undefined) {
    const ops = jwk.key_ops;
    for (let i = 0; i < ops.length; i++) {
      for (let j = i + 1; j < ops.length; j++) {
        if (ops[i] === ops[j]) throw dataError(`The JWK 'key_ops' member lists '${ops[i]}' twice`);
      }
    }
    for (let i = 0; i < usages.length; i++) {
      if (!ArrayPrototypeIncludes(ops, usages[i])) {
        throw dataError(`The JWK 'key_ops' member does not allow the usage '${usages[i]}'`);
      }
    }
  }
  if (jwk.ext === false && extractable) {
    throw dataError("The JWK 'ext' member is false but the key was requested extractable");
  }
}

/** Converts a JsonWebKey built here to an ECMAScript object, members in WebIDL order. */
function jwkToObject(jwk) {
  const out = {};
  for (let i = 0; i < jwkMemberOrder.length; i++) {
    const key = jwkMemberOrder[i];
    if (jwk[key] !== undefined) out[key] = jwk[key];
  }
  return out;
}

function exportNotSupported(format, name) {
  return notSupported(`Export of ${name} keys in the '${format}' format is not supported`);
}

function requireKeyType(key, type, what) {
  if (key.type !== type) throw invalidAccess(`${what} requires a ${type} key, not a ${key.type} key`);
}

// ---------------------------------------------------------------------------------------
// Algorithms. Each is an object of operations over internal values:
//   generateKey(alg, extractable, usages) -> CryptoKey | { privateKey, publicKey } | Promise
//   importKey(format, data, alg, extractable, usages) -> CryptoKey   (data: Uint8Array | jwk)
//   exportKey(format, key) -> Uint8Array/ArrayBuffer | jwk object
//   sign/verify/encrypt/decrypt/deriveBits/wrapKey/unwrapKey(alg, key, ...)
//   getKeyLength(alg) -> number | null
// `key` arguments are internals objects (keyInternals).

const algorithms = { __proto__: null };

// --- SHA ---------------------------------------------------------------------------------

// Inputs above these sizes are hashed off the isolate's thread: up to them a digest takes
// about a millisecond or less (SHA-1 and SHA-256 run on the CPU's SHA extensions where
// present; SHA-384 and SHA-512 are about twice as slow).
const kInlineDigestBytes = { __proto__: null, "SHA-1": 1 << 20, "SHA-256": 1 << 20, "SHA-384": 1 << 19, "SHA-512": 1 << 19 };

function digest(algorithm, data) {
  if (byteLength(data) > kInlineDigestBytes[algorithm.name]) return ops.cryptoDigestAsync(algorithm.name, data);
  return ops.cryptoDigest(algorithm.name, data);
}

// --- HMAC ---------------------------------------------------------------------------------

algorithms.HMAC = {
  generateKey(alg, extractable, usages) {
    checkUsages(usages, ["sign", "verify"], "an HMAC key");
    let length;
    if (alg.length === undefined) length = hashBlockBits[alg.hash.name];
    else if (alg.length !== 0) length = alg.length;
    else throw operationError("HMAC key length must not be zero");
    const handle = ops.cryptoSecretGenerate(length);
    return makeKey("secret", extractable, { __proto__: null, name: "HMAC", hash: alg.hash, length }, usages, handle);
  },
  importKey(format, keyData, alg, extractable, usages) {
    checkUsages(usages, ["sign", "verify"], "an HMAC key");
    let data;
    const hash = alg.hash;
    if (format === "raw") {
      data = keyData;
    } else if (format === "jwk") {
      const jwk = keyData;
      if (jwk.kty !== "oct") throw dataError("The JWK 'kty' member must be 'oct' for an HMAC key");
      if (jwk.k === undefined) throw dataError("The JWK 'k' member is missing");
      data = ops.cryptoBase64UrlDecode(jwk.k);
      const expectedAlg = { __proto__: null, "SHA-1": "HS1", "SHA-256": "HS256", "SHA-384": "HS384", "SHA-512": "HS512" }[hash.name];
      if (jwk.alg !== undefined && jwk.alg !== expectedAlg) {
        throw dataError(`The JWK 'alg' member must be '${expectedAlg}' for HMAC with ${hash.name}`);
      }
      checkJwkCommon(jwk, usages, extractable, "sig");
    } else {
      throw notSupported(`HMAC keys cannot be imported in the '${format}' format`);
    }
    let length = byteLength(data) * 8;
    if (length === 0) throw dataError("HMAC key data must not be empty");
    if (alg.length !== undefined) {
      if (alg.length > length) throw dataError(`The HMAC key length ${alg.length} is longer than the ${length} bits of key data`);
      if (alg.length <= length - 8) throw dataError(`The HMAC key length ${alg.length} does not match the ${length} bits of key data`);
      length = alg.length;
    }
    const handle = ops.cryptoSecretImport(data, length);
    return makeKey("secret", extractable, { __proto__: null, name: "HMAC", hash, length }, usages, handle);
  },
  exportKey(format, key) {
    if (format === "raw") return ops.cryptoSecretExport(key.handle);
    if (format === "jwk") {
      const hashName = key.algorithm.hash.name;
      return {
        kty: "oct",
        k: ops.cryptoSecretExportBase64Url(key.handle),
        alg: { __proto__: null, "SHA-1": "HS1", "SHA-256": "HS256", "SHA-384": "HS384", "SHA-512": "HS512" }[hashName],
        key_ops: copyArray(key.usages),
        ext: key.extractable,
      };
    }
    throw exportNotSupported(format, "HMAC");
  },
  sign(alg, key, data) {
    return ops.cryptoHmacSign(key.algorithm.hash.name, key.handle, data);
  },
  verify(alg, key, signature, data) {
    return ops.cryptoHmacVerify(key.algorithm.hash.name, key.handle, signature, data);
  },
  getKeyLength(alg) {
    if (alg.length === undefined) return hashBlockBits[alg.hash.name];
    if (alg.length !== 0) return alg.length;
    throw new TypeError("HMAC key length must not be zero");
  },
};

// --- AES ----------------------------------------------------------------------------------

function aesAlgorithm(name, jwkSuffix, allowedUsages) {
  return {
    generateKey(alg, extractable, usages) {
      checkUsages(usages, allowedUsages, `an ${name} key`);
      if (alg.length !== 128 && alg.length !== 192 && alg.length !== 256) {
        throw operationError(`${name} key length must be 128, 192 or 256 bits, not ${alg.length}`);
      }
      const handle = ops.cryptoSecretGenerate(alg.length);
      return makeKey("secret", extractable, { __proto__: null, name, length: alg.length }, usages, handle);
    },
    importKey(format, keyData, alg, extractable, usages) {
      checkUsages(usages, allowedUsages, `an ${name} key`);
      let data;
      if (format === "raw") {
        data = keyData;
        const bits = byteLength(data) * 8;
        if (bits !== 128 && bits !== 192 && bits !== 256) {
          throw dataError(`${name} key data must be 128, 192 or 256 bits long, not ${bits}`);
        }
      } else if (format === "jwk") {
        const jwk = keyData;
        if (jwk.kty !== "oct") throw dataError(`The JWK 'kty' member must be 'oct' for an ${name} key`);
        if (jwk.k === undefined) throw dataError("The JWK 'k' member is missing");
        data = ops.cryptoBase64UrlDecode(jwk.k);
        const bits = byteLength(data) * 8;
        if (bits !== 128 && bits !== 192 && bits !== 256) {
          throw dataError(`${name} key data must be 128, 192 or 256 bits long, not ${bits}`);
        }
        const expectedAlg = `A${bits}${jwkSuffix}`;
        if (jwk.alg !== undefined && jwk.alg !== expectedAlg) {
          throw dataError(`The JWK 'alg' member must be '${expectedAlg}'`);
        }
        checkJwkCommon(jwk, usages, extractable, "enc");
      } else {
        throw notSupported(`${name} keys cannot be imported in the '${format}' format`);
      }
      const length = byteLength(data) * 8;
      const handle = ops.cryptoSecretImport(data, length);
      return makeKey("secret", extractable, { __proto__: null, name, length }, usages, handle);
    },
    exportKey(format, key) {
      if (format === "raw") return ops.cryptoSecretExport(key.handle);
      if (format === "jwk") {
        return {
          kty: "oct",
          k: ops.cryptoSecretExportBase64Url(key.handle),
          alg: `A${key.algorithm.length}${jwkSuffix}`,
          key_ops: copyArray(key.usages),
          ext: key.extractable,
        };
      }
      throw exportNotSupported(format, name);
    },
    getKeyLength(alg) {
      if (alg.length !== 128 && alg.length !== 192 && alg.length !== 256) {
        throw operationError(`${name} key length must be 128, 192 or 256 bits, not ${alg.length}`);
      }
      return alg.length;
    },
  };
}

const aesUsages = ["encrypt", "decrypt", "wrapKey", "unwrapKey"];

algorithms["AES-CTR"] = aesAlgorithm("AES-CTR", "CTR", aesUsages);
algorithms["AES-CTR"].encrypt = algorithms["AES-CTR"].decrypt = function aesCtr(alg, key, data, decrypting) {
  if (byteLength(alg.counter) !== 16) throw operationError("AES-CTR counter must be 16 bytes long");
  if (alg.length === 0 || alg.length > 128) throw operationError("AES-CTR length must be between 1 and 128 bits");
  return ops.cryptoAesCtr(key.handle, alg.counter, alg.length, data);
};

algorithms["AES-CBC"] = aesAlgorithm("AES-CBC", "CBC", aesUsages);
algorithms["AES-CBC"].encrypt = function (alg, key, data) {
  if (byteLength(alg.iv) !== 16) throw operationError("AES-CBC iv must be 16 bytes long");
  return ops.cryptoAesCbc(true, key.handle, alg.iv, data);
};
algorithms["AES-CBC"].decrypt = function (alg, key, data) {
  if (byteLength(alg.iv) !== 16) throw operationError("AES-CBC iv must be 16 bytes long");
  const length = byteLength(data);
  if (length === 0 || length % 16 !== 0) throw operationError("AES-CBC ciphertext length must be a non-zero multiple of 16 bytes");
  return ops.cryptoAesCbc(false, key.handle, alg.iv, data);
};

const gcmTagLengths = [32, 64, 96, 104, 112, 120, 128];
function gcmTagLength(alg) {
  const tagLength = alg.tagLength === undefined ? 128 : alg.tagLength;
  if (!ArrayPrototypeIncludes(gcmTagLengths, tagLength)) {
    throw operationError(`AES-GCM tagLength must be one of 32, 64, 96, 104, 112, 120 or 128, not ${tagLength}`);
  }
  return tagLength;
}
algorithms["AES-GCM"] = aesAlgorithm("AES-GCM", "GCM", aesUsages);
algorithms["AES-GCM"].encrypt = function (alg, key, data) {
  // Plaintext over 2^39 - 256 bits cannot be encrypted (NIST SP 800-38D).
  if (byteLength(data) > (2 ** 39 - 256) / 8) throw operationError("AES-GCM plaintext is too long");
  const tagLength = gcmTagLength(alg);
  return ops.cryptoAesGcm(true, key.handle, alg.iv, alg.additionalData ?? emptyBytes, tagLength / 8, data);
};
algorithms["AES-GCM"].decrypt = function (alg, key, data) {
  const tagLength = gcmTagLength(alg);
  if (byteLength(data) < tagLength / 8) throw operationError("AES-GCM ciphertext is shorter than the tag");
  return ops.cryptoAesGcm(false, key.handle, alg.iv, alg.additionalData ?? emptyBytes, tagLength / 8, data);
};

algorithms["AES-KW"] = aesAlgorithm("AES-KW", "KW", ["wrapKey", "unwrapKey"]);
algorithms["AES-KW"].wrapKey = function (alg, key, data) {
  if (byteLength(data) % 8 !== 0) throw operationError("AES-KW can only wrap data whose length is a multiple of 8 bytes");
  return ops.cryptoAesKw(true, key.handle, data);
};
algorithms["AES-KW"].unwrapKey = function (alg, key, data) {
  return ops.cryptoAesKw(false, key.handle, data);
};

// --- Key derivation: HKDF and PBKDF2 --------------------------------------------------------

function kdfAlgorithm(name) {
  return {
    importKey(format, keyData, alg, extractable, usages) {
      if (format !== "raw") throw notSupported(`${name} keys can only be imported in the 'raw' format`);
      checkUsages(usages, ["deriveKey", "deriveBits"], `a ${name} key`);
      if (extractable) throw syntaxError(`${name} keys cannot be extractable`);
      const handle = ops.cryptoSecretImport(keyData, byteLength(keyData) * 8);
      return makeKey("secret", extractable, { __proto__: null, name }, usages, handle);
    },
    getKeyLength() {
      return null;
    },
  };
}

algorithms.HKDF = kdfAlgorithm("HKDF");
algorithms.HKDF.deriveBits = function (alg, key, length) {
  if (length === null) throw operationError("HKDF needs a length");
  if (length % 8 !== 0) throw operationError("HKDF length must be a multiple of 8");
  const max = 255 * hashBits[alg.hash.name];
  if (length > max) throw operationError(`HKDF with ${alg.hash.name} can derive at most ${max} bits`);
  if (length === 0) return new core.primordials.ArrayBuffer(0);
  return ops.cryptoHkdf(alg.hash.name, key.handle, alg.salt, alg.info, length / 8);
};

// PBKDF2 work (iterations x output blocks) from which the derivation runs off-thread.
const kAsyncPbkdf2Work = 20000;
algorithms.PBKDF2 = kdfAlgorithm("PBKDF2");
algorithms.PBKDF2.deriveBits = function (alg, key, length) {
  if (length === null) throw operationError("PBKDF2 needs a length");
  if (length % 8 !== 0) throw operationError("PBKDF2 length must be a multiple of 8");
  if (alg.iterations === 0) throw operationError("PBKDF2 iterations must not be zero");
  if (length === 0) return new core.primordials.ArrayBuffer(0);
  const blocks = MathCeil(length / hashBits[alg.hash.name]);
  if (alg.iterations * blocks >= kAsyncPbkdf2Work) {
    return ops.cryptoPbkdf2Async(alg.hash.name, key.handle, alg.salt, alg.iterations, length / 8);
  }
  return ops.cryptoPbkdf2(alg.hash.name, key.handle, alg.salt, alg.iterations, length / 8);
};

// --- Elliptic curves: ECDSA and ECDH ----------------------------------------------------------

const curveAlgNames = { __proto__: null, ES256: "P-256", ES384: "P-384", ES512: "P-521" };

function ecAlgorithm(name) {
  const isECDH = name === "ECDH";
  const publicUsages = isECDH ? [] : ["verify"];
  const privateUsages = isECDH ? ["deriveKey", "deriveBits"] : ["sign"];
  const allUsages = isECDH ? ["deriveKey", "deriveBits"] : ["sign", "verify"];
  const jwkUse = isECDH ? "enc" : "sig";
  return {
    generateKey(alg, extractable, usages) {
      checkUsages(usages, allUsages, `an ${name} key pair`);
      const curve = alg.namedCurve;
      if (!ArrayPrototypeIncludes(namedCurves, curve)) throw notSupported(`Unsupported namedCurve '${curve}'`);
      const handles = ops.cryptoGenerateKeyPair(curve, isECDH);
      const algorithm = { __proto__: null, name, namedCurve: curve };
      const publicKey = makeKey("public", true, algorithm, intersectUsages(usages, publicUsages), handles[1]);
      const privateKey = makeKey("private", extractable, algorithm, intersectUsages(usages, privateUsages), handles[0]);
      return { privateKey, publicKey };
    },
    importKey(format, keyData, alg, extractable, usages) {
      const curve = alg.namedCurve;
      let handle;
      let type;
      // A namedCurve this implementation does not know cannot match the key data: DataError
      // in every format (the spec's curve checks).
      if (format === "spki" || format === "raw") {
        checkUsages(usages, publicUsages, `an ${name} public key`);
        if (!ArrayPrototypeIncludes(namedCurves, curve)) throw dataError(`Unsupported namedCurve '${curve}'`);
        handle = ops.cryptoImportKey(curve, format, keyData, isECDH);
        type = "public";
      } else if (format === "pkcs8") {
        checkUsages(usages, privateUsages, `an ${name} private key`);
        if (!ArrayPrototypeIncludes(namedCurves, curve)) throw dataError(`Unsupported namedCurve '${curve}'`);
        handle = ops.cryptoImportKey(curve, format, keyData, isECDH);
        type = "private";
      } else if (format === "jwk") {
        const jwk = keyData;
        if (jwk.d !== undefined) checkUsages(usages, privateUsages, `an ${name} private key`);
        else checkUsages(usages, publicUsages, `an ${name} public key`);
        if (jwk.kty !== "EC") throw dataError(`The JWK 'kty' member must be 'EC' for an ${name} key`);
        checkJwkCommon(jwk, usages, extractable, jwkUse);
        if (jwk.crv !== curve) throw dataError(`The JWK 'crv' member must be '${curve}'`);
        if (!ArrayPrototypeIncludes(namedCurves, curve)) throw dataError(`Unsupported namedCurve '${curve}'`);
        if (!isECDH && jwk.alg !== undefined) {
          const algCurve = curveAlgNames[jwk.alg];
          if (algCurve === undefined) throw dataError(`The JWK 'alg' member '${jwk.alg}' is not an ECDSA algorithm`);
          if (algCurve !== curve) throw dataError(`The JWK 'alg' member '${jwk.alg}' does not match the curve ${curve}`);
        }
        if (jwk.x === undefined || jwk.y === undefined) throw dataError("The JWK 'x' and 'y' members are required");
        type = jwk.d !== undefined ? "private" : "public";
        handle = ops.cryptoImportJwk(curve, isECDH, jwk.x, jwk.y, jwk.d);
      } else {
        throw notSupported(`${name} keys cannot be imported in the '${format}' format`);
      }
      return makeKey(type, extractable, { __proto__: null, name, namedCurve: curve }, usages, handle);
    },
    exportKey(format, key) {
      if (format === "spki" || format === "raw") {
        requireKeyType(key, "public", `Exporting in the '${format}' format`);
        return ops.cryptoExportKey(key.handle, format);
      }
      if (format === "pkcs8") {
        requireKeyType(key, "private", "Exporting in the 'pkcs8' format");
        return ops.cryptoExportKey(key.handle, format);
      }
      if (format === "jwk") {
        const parts = ops.cryptoExportJwk(key.handle);
        return {
          kty: "EC",
          crv: key.algorithm.namedCurve,
          x: parts[0],
          y: parts[1],
          d: key.type === "private" ? parts[2] : undefined,
          key_ops: copyArray(key.usages),
          ext: key.extractable,
        };
      }
      throw exportNotSupported(format, name);
    },
  };
}

algorithms.ECDSA = ecAlgorithm("ECDSA");
algorithms.ECDSA.sign = function (alg, key, data) {
  requireKeyType(key, "private", "ECDSA signing");
  return ops.cryptoEcdsaSign(alg.hash.name, key.handle, data);
};
algorithms.ECDSA.verify = function (alg, key, signature, data) {
  requireKeyType(key, "public", "ECDSA verification");
  return ops.cryptoEcdsaVerify(alg.hash.name, key.handle, signature, data);
};

/** Truncates a derived secret to `length` bits (null: all of it), per ECDH and X25519. */
function truncateSecret(secret, length) {
  if (length === null) return secret;
  const bits = byteLength(secret) * 8;
  if (length > bits) throw operationError(`Cannot derive ${length} bits from a ${bits}-bit shared secret`);
  const bytes = TypedArrayPrototypeSlice(secret, 0, MathCeil(length / 8));
  if (length % 8 !== 0) bytes[bytes.length - 1] &= (0xff << (8 - (length % 8))) & 0xff;
  return bytes;
}

algorithms.ECDH = ecAlgorithm("ECDH");
algorithms.ECDH.deriveBits = function (alg, key, length) {
  requireKeyType(key, "private", "ECDH derivation");
  const publicKey = keyInternals(alg.public);
  if (publicKey.type !== "public") throw invalidAccess("The ECDH 'public' member must be a public key");
  if (publicKey.algorithm.name !== key.algorithm.name) {
    throw invalidAccess(`The ECDH 'public' key is an ${publicKey.algorithm.name} key, not an ECDH key`);
  }
  if (publicKey.algorithm.namedCurve !== key.algorithm.namedCurve) {
    throw invalidAccess("The ECDH 'public' key is on a different curve than the private key");
  }
  const secret = ops.cryptoEcdh(key.handle, publicKey.handle);
  return truncateSecret(secret, length);
};

// --- Ed25519 and X25519 ------------------------------------------------------------------------

function okpAlgorithm(name) {
  const isX = name === "X25519";
  const publicUsages = isX ? [] : ["verify"];
  const privateUsages = isX ? ["deriveKey", "deriveBits"] : ["sign"];
  const allUsages = isX ? ["deriveKey", "deriveBits"] : ["sign", "verify"];
  return {
    generateKey(alg, extractable, usages) {
      checkUsages(usages, allUsages, `an ${name} key pair`);
      const handles = ops.cryptoGenerateKeyPair(name, false);
      const algorithm = { __proto__: null, name };
      const publicKey = makeKey("public", true, algorithm, intersectUsages(usages, publicUsages), handles[1]);
      const privateKey = makeKey("private", extractable, algorithm, intersectUsages(usages, privateUsages), handles[0]);
      return { privateKey, publicKey };
    },
    importKey(format, keyData, alg, extractable, usages) {
      let handle;
      let type;
      if (format === "spki" || format === "raw") {
        checkUsages(usages, publicUsages, `an ${name} public key`);
        handle = ops.cryptoImportKey(name, format, keyData, false);
        type = "public";
      } else if (format === "pkcs8") {
        checkUsages(usages, privateUsages, `an ${name} private key`);
        handle = ops.cryptoImportKey(name, format, keyData, false);
        type = "private";
      } else if (format === "jwk") {
        const jwk = keyData;
        if (jwk.d !== undefined) checkUsages(usages, privateUsages, `an ${name} private key`);
        else checkUsages(usages, publicUsages, `an ${name} public key`);
        if (jwk.kty !== "OKP") throw dataError(`The JWK 'kty' member must be 'OKP' for an ${name} key`);
        if (jwk.crv !== name) throw dataError(`The JWK 'crv' member must be '${name}'`);
        if (!isX && jwk.alg !== undefined && jwk.alg !== "Ed25519" && jwk.alg !== "EdDSA") {
          throw dataError("The JWK 'alg' member must be 'Ed25519' or 'EdDSA'");
        }
        checkJwkCommon(jwk, usages, extractable, isX ? "enc" : "sig");
        if (jwk.x === undefined) throw dataError("The JWK 'x' member is required");
        type = jwk.d !== undefined ? "private" : "public";
        handle = ops.cryptoImportJwk(name, false, jwk.x, undefined, jwk.d);
      } else {
        throw notSupported(`${name} keys cannot be imported in the '${format}' format`);
      }
      return makeKey(type, extractable, { __proto__: null, name }, usages, handle);
    },
    exportKey(format, key) {
      if (format === "spki" || format === "raw") {
        requireKeyType(key, "public", `Exporting in the '${format}' format`);
        return ops.cryptoExportKey(key.handle, format);
      }
      if (format === "pkcs8") {
        requireKeyType(key, "private", "Exporting in the 'pkcs8' format");
        return ops.cryptoExportKey(key.handle, format);
      }
      if (format === "jwk") {
        const parts = ops.cryptoExportJwk(key.handle);
        return {
          kty: "OKP",
          crv: name,
          alg: isX ? undefined : "Ed25519",
          x: parts[0],
          d: key.type === "private" ? parts[1] : undefined,
          key_ops: copyArray(key.usages),
          ext: key.extractable,
        };
      }
      throw exportNotSupported(format, name);
    },
  };
}

algorithms.Ed25519 = okpAlgorithm("Ed25519");
algorithms.Ed25519.sign = function (alg, key, data) {
  requireKeyType(key, "private", "Ed25519 signing");
  return ops.cryptoEd25519Sign(key.handle, data);
};
algorithms.Ed25519.verify = function (alg, key, signature, data) {
  requireKeyType(key, "public", "Ed25519 verification");
  return ops.cryptoEd25519Verify(key.handle, signature, data);
};

algorithms.X25519 = okpAlgorithm("X25519");
algorithms.X25519.deriveBits = function (alg, key, length) {
  requireKeyType(key, "private", "X25519 derivation");
  const publicKey = keyInternals(alg.public);
  if (publicKey.type !== "public") throw invalidAccess("The X25519 'public' member must be a public key");
  if (publicKey.algorithm.name !== key.algorithm.name) {
    throw invalidAccess(`The X25519 'public' key is an ${publicKey.algorithm.name} key, not an X25519 key`);
  }
  const secret = ops.cryptoX25519(key.handle, publicKey.handle);
  return truncateSecret(secret, length);
};

// --- RSA -----------------------------------------------------------------------------------------

const rsaJwkAlgs = {
  __proto__: null,
  "RSASSA-PKCS1-v1_5": { "SHA-1": "RS1", "SHA-256": "RS256", "SHA-384": "RS384", "SHA-512": "RS512" },
  "RSA-PSS": { "SHA-1": "PS1", "SHA-256": "PS256", "SHA-384": "PS384", "SHA-512": "PS512" },
  "RSA-OAEP": { "SHA-1": "RSA-OAEP", "SHA-256": "RSA-OAEP-256", "SHA-384": "RSA-OAEP-384", "SHA-512": "RSA-OAEP-512" },
};

function rsaAlgorithm(name) {
  const isOAEP = name === "RSA-OAEP";
  const publicUsages = isOAEP ? ["encrypt", "wrapKey"] : ["verify"];
  const privateUsages = isOAEP ? ["decrypt", "unwrapKey"] : ["sign"];
  const allUsages = isOAEP ? ["encrypt", "decrypt", "wrapKey", "unwrapKey"] : ["sign", "verify"];
  const jwkAlgs = rsaJwkAlgs[name];

  function algorithmFor(handle, hash) {
    const details = ops.cryptoRsaDetails(handle); // [modulus bits, public exponent bytes]
    return { __proto__: null, name, modulusLength: details[0], publicExponent: details[1], hash };
  }

  return {
    generateKey(alg, extractable, usages) {
      checkUsages(usages, allUsages, `an ${name} key pair`);
      return then(ops.cryptoRsaGenerate(alg.modulusLength, alg.publicExponent), (handles) => {
        const algorithm = {
          __proto__: null,
          name,
          modulusLength: alg.modulusLength,
          publicExponent: TypedArrayPrototypeSlice(alg.publicExponent),
          hash: alg.hash,
        };
        const publicKey = makeKey("public", true, algorithm, intersectUsages(usages, publicUsages), handles[1]);
        const privateKey = makeKey("private", extractable, algorithm, intersectUsages(usages, privateUsages), handles[0]);
        return { privateKey, publicKey };
      });
    },
    importKey(format, keyData, alg, extractable, usages) {
      let handle;
      let type;
      if (format === "spki") {
        checkUsages(usages, publicUsages, `an ${name} public key`);
        handle = ops.cryptoImportKey("RSA", format, keyData, false);
        type = "public";
      } else if (format === "pkcs8") {
        checkUsages(usages, privateUsages, `an ${name} private key`);
        handle = ops.cryptoImportKey("RSA", format, keyData, false);
        type = "private";
      } else if (format === "jwk") {
        const jwk = keyData;
        if (jwk.d !== undefined) checkUsages(usages, privateUsages, `an ${name} private key`);
        else checkUsages(usages, publicUsages, `an ${name} public key`);
        if (jwk.kty !== "RSA") throw dataError(`The JWK 'kty' member must be 'RSA' for an ${name} key`);
        checkJwkCommon(jwk, usages, extractable, isOAEP ? "enc" : "sig");
        if (jwk.alg !== undefined) {
          let hash;
          for (const hashName in jwkAlgs) if (jwkAlgs[hashName] === jwk.alg) hash = hashName;
          if (hash === undefined) throw dataError(`The JWK 'alg' member '${jwk.alg}' is not an ${name} algorithm`);
          if (hash !== alg.hash.name) {
            throw dataError(`The JWK 'alg' member '${jwk.alg}' does not match the hash ${alg.hash.name}`);
          }
        }
        if (jwk.n === undefined || jwk.e === undefined) throw dataError("The JWK 'n' and 'e' members are required");
        if (jwk.d !== undefined) {
          if (jwk.oth !== undefined) throw notSupported("RSA keys with more than two primes are not supported");
          if (jwk.p === undefined || jwk.q === undefined || jwk.dp === undefined || jwk.dq === undefined || jwk.qi === undefined) {
            throw dataError("The JWK private key needs the 'p', 'q', 'dp', 'dq' and 'qi' members");
          }
          type = "private";
        } else {
          type = "public";
        }
        handle = ops.cryptoImportRsaJwk(jwk.n, jwk.e, jwk.d, jwk.p, jwk.q, jwk.dp, jwk.dq, jwk.qi);
      } else {
        throw notSupported(`${name} keys cannot be imported in the '${format}' format`);
      }
      return makeKey(type, extractable, algorithmFor(handle, alg.hash), usages, handle);
    },
    exportKey(format, key) {
      if (format === "spki") {
        requireKeyType(key, "public", "Exporting in the 'spki' format");
        return ops.cryptoExportKey(key.handle, format);
      }
      if (format === "pkcs8") {
        requireKeyType(key, "private", "Exporting in the 'pkcs8' format");
        return ops.cryptoExportKey(key.handle, format);
      }
      if (format === "jwk") {
        const parts = ops.cryptoExportJwk(key.handle); // n, e[, d, p, q, dp, dq, qi]
        const isPrivate = key.type === "private";
        return {
          kty: "RSA",
          alg: jwkAlgs[key.algorithm.hash.name],
          n: parts[0],
          e: parts[1],
          d: isPrivate ? parts[2] : undefined,
          p: isPrivate ? parts[3] : undefined,
          q: isPrivate ? parts[4] : undefined,
          dp: isPrivate ? parts[5] : undefined,
          dq: isPrivate ? parts[6] : undefined,
          qi: isPrivate ? parts[7] : undefined,
          key_ops: copyArray(key.usages),
          ext: key.extractable,
        };
      }
      throw exportNotSupported(format, name);
    },
  };
}

algorithms["RSASSA-PKCS1-v1_5"] = rsaAlgorithm("RSASSA-PKCS1-v1_5");
algorithms["RSASSA-PKCS1-v1_5"].sign = function (alg, key, data) {
  requireKeyType(key, "private", "RSASSA-PKCS1-v1_5 signing");
  return ops.cryptoRsaSign(false, key.algorithm.hash.name, 0, key.handle, data);
};
algorithms["RSASSA-PKCS1-v1_5"].verify = function (alg, key, signature, data) {
  requireKeyType(key, "public", "RSASSA-PKCS1-v1_5 verification");
  return ops.cryptoRsaVerify(false, key.algorithm.hash.name, 0, key.handle, signature, data);
};

algorithms["RSA-PSS"] = rsaAlgorithm("RSA-PSS");
algorithms["RSA-PSS"].sign = function (alg, key, data) {
  requireKeyType(key, "private", "RSA-PSS signing");
  return ops.cryptoRsaSign(true, key.algorithm.hash.name, alg.saltLength, key.handle, data);
};
algorithms["RSA-PSS"].verify = function (alg, key, signature, data) {
  requireKeyType(key, "public", "RSA-PSS verification");
  return ops.cryptoRsaVerify(true, key.algorithm.hash.name, alg.saltLength, key.handle, signature, data);
};

algorithms["RSA-OAEP"] = rsaAlgorithm("RSA-OAEP");
algorithms["RSA-OAEP"].encrypt = function (alg, key, data) {
  requireKeyType(key, "public", "RSA-OAEP encryption");
  return ops.cryptoRsaOaep(true, key.algorithm.hash.name, alg.label ?? emptyBytes, key.handle, data);
};
algorithms["RSA-OAEP"].decrypt = function (alg, key, data) {
  requireKeyType(key, "private", "RSA-OAEP decryption");
  return ops.cryptoRsaOaep(false, key.algorithm.hash.name, alg.label ?? emptyBytes, key.handle, data);
};

// ---------------------------------------------------------------------------------------
// Key import/export shared by importKey, exportKey, wrapKey, unwrapKey, deriveKey

/** "import key" of an algorithm, then the generic checks of SubtleCrypto.importKey. */
function importKeyInternal(format, keyData, normalizedAlgorithm, extractable, usages) {
  const key = algorithms[normalizedAlgorithm.name].importKey(format, keyData, normalizedAlgorithm, extractable, usages);
  const internals = keyInternals(key);
  if ((internals.type === "secret" || internals.type === "private") && usages.length === 0) {
    throw syntaxError("A secret or private key needs at least one usage");
  }
  return key;
}

/** "export key" of the key's algorithm; jwk results as ECMAScript objects. */
function exportKeyInternal(format, key) {
  const internals = keyInternals(key);
  const name = internals.algorithm.name;
  if (exportable[name] !== true) throw notSupported(`${name} keys cannot be exported`);
  if (!internals.extractable) throw invalidAccess("The key is not extractable");
  const result = algorithms[name].exportKey(format, internals);
  if (format === "jwk") return jwkToObject(result);
  return result;
}

/** "Parse a JWK" from bytes (unwrapKey). */
function parseJwk(bytes) {
  const json = ops.utf8Decode(bytes, false, false);
  let value;
  try {
    value = JSONParse(json);
  } catch (error) {
    throw dataError(`The unwrapped key is not valid JSON: ${error.message}`);
  }
  let jwk;
  try {
    jwk = jsonWebKeyConverter(value, "Failed to parse a JWK", "JSON");
  } catch (error) {
    throw dataError(error.message);
  }
  if (jwk.kty === undefined) throw dataError("The unwrapped JWK has no 'kty' member");
  return jwk;
}

// ---------------------------------------------------------------------------------------
// SubtleCrypto (https://w3c.github.io/webcrypto/#subtlecrypto-interface)

let isSubtleCrypto;

function methodPrefix(name) {
  return `Failed to execute '${name}' on 'SubtleCrypto'`;
}

function checkKeyFor(key, normalizedAlgorithm, usage, what) {
  const internals = keyInternals(key);
  if (normalizedAlgorithm.name !== internals.algorithm.name) {
    throw invalidAccess(`${what}: the key is an ${internals.algorithm.name} key, not an ${normalizedAlgorithm.name} key`);
  }
  if (!ArrayPrototypeIncludes(internals.usages, usage)) {
    throw invalidAccess(`${what}: the key does not allow the '${usage}' usage`);
  }
  return internals;
}

/** encrypt/decrypt share their shape. */
function cipher(self, args, op) {
  const prefix = methodPrefix(op);
  webidl.assertBranded(self, isSubtleCrypto);
  webidl.requiredArguments(args.length, 3, prefix);
  const algorithm = algorithmIdentifierConverter(args[0], prefix, "Argument 1");
  const key = cryptoKeyConverter(args[1], prefix, "Argument 2");
  const data = converters.BufferSource(args[2], prefix, "Argument 3");
  const normalized = normalizeAlgorithm(algorithm, op);
  const bytes = bytesOf(data);
  return inParallel(() => {
    const internals = checkKeyFor(key, normalized, op, prefix);
    return algorithms[normalized.name][op](normalized, internals, bytes);
  });
}

/** Runs `body` and turns a thrown exception into a rejected promise (promise-returning IDL operations). */
function promiseOperation(body) {
  try {
    return body();
  } catch (error) {
    return PromiseReject(error);
  }
}

class SubtleCrypto {
  #brand = true;

  constructor(key = undefined) {
    if (key !== kConstruct) webidl.illegalConstructor();
  }

  static {
    isSubtleCrypto = (value) => value !== null && typeof value === "object" && #brand in value;
  }

  encrypt(algorithm, key, data) {
    const args = arguments;
    return promiseOperation(() => cipher(this, args, "encrypt"));
  }

  decrypt(algorithm, key, data) {
    const args = arguments;
    return promiseOperation(() => cipher(this, args, "decrypt"));
  }

  sign(algorithm, key, data) {
    const args = arguments;
    return promiseOperation(() => {
      const prefix = methodPrefix("sign");
      webidl.assertBranded(this, isSubtleCrypto);
      webidl.requiredArguments(args.length, 3, prefix);
      algorithm = algorithmIdentifierConverter(algorithm, prefix, "Argument 1");
      key = cryptoKeyConverter(key, prefix, "Argument 2");
      data = converters.BufferSource(data, prefix, "Argument 3");
      const normalized = normalizeAlgorithm(algorithm, "sign");
      const bytes = bytesOf(data);
      return inParallel(() => {
        const internals = checkKeyFor(key, normalized, "sign", prefix);
        return algorithms[normalized.name].sign(normalized, internals, bytes);
      });
    });
  }

  verify(algorithm, key, signature, data) {
    const args = arguments;
    return promiseOperation(() => {
      const prefix = methodPrefix("verify");
      webidl.assertBranded(this, isSubtleCrypto);
      webidl.requiredArguments(args.length, 4, prefix);
      algorithm = algorithmIdentifierConverter(algorithm, prefix, "Argument 1");
      key = cryptoKeyConverter(key, prefix, "Argument 2");
      signature = converters.BufferSource(signature, prefix, "Argument 3");
      data = converters.BufferSource(data, prefix, "Argument 4");
      const normalized = normalizeAlgorithm(algorithm, "verify");
      const signatureBytes = bytesOf(signature);
      const bytes = bytesOf(data);
      return inParallel(() => {
        const internals = checkKeyFor(key, normalized, "verify", prefix);
        return algorithms[normalized.name].verify(normalized, internals, signatureBytes, bytes);
      });
    });
  }

  digest(algorithm, data) {
    const args = arguments;
    return promiseOperation(() => {
      const prefix = methodPrefix("digest");
      webidl.assertBranded(this, isSubtleCrypto);
      webidl.requiredArguments(args.length, 2, prefix);
      algorithm = algorithmIdentifierConverter(algorithm, prefix, "Argument 1");
      data = converters.BufferSource(data, prefix, "Argument 2");
      const normalized = normalizeAlgorithm(algorithm, "digest");
      const bytes = bytesOf(data);
      return inParallel(() => digest(normalized, bytes));
    });
  }

  generateKey(algorithm, extractable, keyUsages) {
    const args = arguments;
    return promiseOperation(() => {
      const prefix = methodPrefix("generateKey");
      webidl.assertBranded(this, isSubtleCrypto);
      webidl.requiredArguments(args.length, 3, prefix);
      algorithm = algorithmIdentifierConverter(algorithm, prefix, "Argument 1");
      extractable = converters.boolean(extractable, prefix, "Argument 2");
      const usages = keyUsagesConverter(keyUsages, prefix, "Argument 3");
      const normalized = normalizeAlgorithm(algorithm, "generateKey");
      return inParallel(() => {
        const result = algorithms[normalized.name].generateKey(normalized, extractable, usages);
        if (isPromise(result)) return then(result, checkGeneratedKey);
        return checkGeneratedKey(result);
      });
    });
  }

  deriveKey(algorithm, baseKey, derivedKeyType, extractable, keyUsages) {
    const args = arguments;
    return promiseOperation(() => {
      const prefix = methodPrefix("deriveKey");
      webidl.assertBranded(this, isSubtleCrypto);
      webidl.requiredArguments(args.length, 5, prefix);
      algorithm = algorithmIdentifierConverter(algorithm, prefix, "Argument 1");
      baseKey = cryptoKeyConverter(baseKey, prefix, "Argument 2");
      derivedKeyType = algorithmIdentifierConverter(derivedKeyType, prefix, "Argument 3");
      extractable = converters.boolean(extractable, prefix, "Argument 4");
      const usages = keyUsagesConverter(keyUsages, prefix, "Argument 5");
      const normalized = normalizeAlgorithm(algorithm, "deriveBits");
      const normalizedImport = normalizeAlgorithm(derivedKeyType, "importKey");
      const normalizedLength = normalizeAlgorithm(derivedKeyType, "get key length");
      return inParallel(() => {
        const internals = checkKeyFor(baseKey, normalized, "deriveKey", prefix);
        const length = algorithms[normalizedLength.name].getKeyLength(normalizedLength);
        const secret = algorithms[normalized.name].deriveBits(normalized, internals, length);
        const finish = (bits) => importKeyInternal("raw", bytesOf(bits), normalizedImport, extractable, usages);
        if (isPromise(secret)) return then(secret, finish);
        return finish(secret);
      });
    });
  }

  deriveBits(algorithm, baseKey, length = null) {
    const args = arguments;
    return promiseOperation(() => {
      const prefix = methodPrefix("deriveBits");
      webidl.assertBranded(this, isSubtleCrypto);
      webidl.requiredArguments(args.length, 2, prefix);
      algorithm = algorithmIdentifierConverter(algorithm, prefix, "Argument 1");
      baseKey = cryptoKeyConverter(baseKey, prefix, "Argument 2");
      if (length !== null) length = converters["unsigned long"](length, prefix, "Argument 3");
      const normalized = normalizeAlgorithm(algorithm, "deriveBits");
      return inParallel(() => {
        const internals = checkKeyFor(baseKey, normalized, "deriveBits", prefix);
        const bits = algorithms[normalized.name].deriveBits(normalized, internals, length);
        if (isPromise(bits)) return bits;
        return toArrayBuffer(bits);
      });
    });
  }

  importKey(format, keyData, algorithm, extractable, keyUsages) {
    const args = arguments;
    return promiseOperation(() => {
      const prefix = methodPrefix("importKey");
      webidl.assertBranded(this, isSubtleCrypto);
      webidl.requiredArguments(args.length, 5, prefix);
      format = keyFormatConverter(format, prefix, "Argument 1");
      const data = keyDataConverter(keyData, prefix, "Argument 2");
      algorithm = algorithmIdentifierConverter(algorithm, prefix, "Argument 3");
      extractable = converters.boolean(extractable, prefix, "Argument 4");
      const usages = keyUsagesConverter(keyUsages, prefix, "Argument 5");
      const normalized = normalizeAlgorithm(algorithm, "importKey");
      let input;
      if (format === "jwk") {
        if (data.jwk === undefined) throw new TypeError(`${prefix}: a 'jwk' key must be given as a JsonWebKey object`);
        input = data.jwk;
      } else {
        if (data.buffer === undefined) throw new TypeError(`${prefix}: a '${format}' key must be given as a BufferSource`);
        input = bytesOf(data.buffer);
      }
      return inParallel(() => importKeyInternal(format, input, normalized, extractable, usages));
    });
  }

  exportKey(format, key) {
    const args = arguments;
    return promiseOperation(() => {
      const prefix = methodPrefix("exportKey");
      webidl.assertBranded(this, isSubtleCrypto);
      webidl.requiredArguments(args.length, 2, prefix);
      format = keyFormatConverter(format, prefix, "Argument 1");
      key = cryptoKeyConverter(key, prefix, "Argument 2");
      return inParallel(() => {
        const result = exportKeyInternal(format, key);
        return format === "jwk" ? result : toArrayBuffer(result);
      });
    });
  }

  wrapKey(format, key, wrappingKey, wrapAlgorithm) {
    const args = arguments;
    return promiseOperation(() => {
      const prefix = methodPrefix("wrapKey");
      webidl.assertBranded(this, isSubtleCrypto);
      webidl.requiredArguments(args.length, 4, prefix);
      format = keyFormatConverter(format, prefix, "Argument 1");
      key = cryptoKeyConverter(key, prefix, "Argument 2");
      wrappingKey = cryptoKeyConverter(wrappingKey, prefix, "Argument 3");
      wrapAlgorithm = algorithmIdentifierConverter(wrapAlgorithm, prefix, "Argument 4");
      let normalized;
      let op = "wrapKey";
      try {
        normalized = normalizeAlgorithm(wrapAlgorithm, "wrapKey");
      } catch {
        normalized = normalizeAlgorithm(wrapAlgorithm, "encrypt");
        op = "encrypt";
      }
      return inParallel(() => {
        const internals = checkKeyFor(wrappingKey, normalized, "wrapKey", prefix);
        const exported = exportKeyInternal(format, key);
        const bytes = format === "jwk" ? ops.utf8Encode(JSONStringify(exported)) : bytesOf(exported);
        return algorithms[normalized.name][op](normalized, internals, bytes);
      });
    });
  }

  unwrapKey(format, wrappedKey, unwrappingKey, unwrapAlgorithm, unwrappedKeyAlgorithm, extractable, keyUsages) {
    const args = arguments;
    return promiseOperation(() => {
      const prefix = methodPrefix("unwrapKey");
      webidl.assertBranded(this, isSubtleCrypto);
      webidl.requiredArguments(args.length, 7, prefix);
      format = keyFormatConverter(format, prefix, "Argument 1");
      wrappedKey = converters.BufferSource(wrappedKey, prefix, "Argument 2");
      unwrappingKey = cryptoKeyConverter(unwrappingKey, prefix, "Argument 3");
      unwrapAlgorithm = algorithmIdentifierConverter(unwrapAlgorithm, prefix, "Argument 4");
      unwrappedKeyAlgorithm = algorithmIdentifierConverter(unwrappedKeyAlgorithm, prefix, "Argument 5");
      extractable = converters.boolean(extractable, prefix, "Argument 6");
      const usages = keyUsagesConverter(keyUsages, prefix, "Argument 7");
      let normalized;
      let op = "unwrapKey";
      try {
        normalized = normalizeAlgorithm(unwrapAlgorithm, "unwrapKey");
      } catch {
        normalized = normalizeAlgorithm(unwrapAlgorithm, "decrypt");
        op = "decrypt";
      }
      const normalizedKeyAlgorithm = normalizeAlgorithm(unwrappedKeyAlgorithm, "importKey");
      const bytes = bytesOf(wrappedKey);
      return inParallel(() => {
        const internals = checkKeyFor(unwrappingKey, normalized, "unwrapKey", prefix);
        const finish = (key) => {
          const input = format === "jwk" ? parseJwk(bytesOf(key)) : bytesOf(key);
          return importKeyInternal(format, input, normalizedKeyAlgorithm, extractable, usages);
        };
        const unwrapped = algorithms[normalized.name][op](normalized, internals, bytes);
        if (isPromise(unwrapped)) return then(unwrapped, finish);
        return finish(unwrapped);
      });
    });
  }
}

function checkGeneratedKey(result) {
  if (isCryptoKey(result)) {
    const internals = keyInternals(result);
    if ((internals.type === "secret" || internals.type === "private") && internals.usages.length === 0) {
      throw syntaxError("A secret or private key needs at least one usage");
    }
    return result;
  }
  if (keyInternals(result.privateKey).usages.length === 0) {
    throw syntaxError("The private key of a key pair needs at least one usage");
  }
  return result;
}

/** An ArrayBuffer result from native bytes (ops return ArrayBuffers or Uint8Arrays). */
function toArrayBuffer(value) {
  if (ArrayBufferIsView(value)) {
    const view = value;
    const copy = TypedArrayPrototypeSlice(view);
    return core.primordials.TypedArrayPrototypeGetBuffer(copy);
  }
  return value;
}

// The IDL `length` of each operation (required arguments).
const lengths = {
  encrypt: 3, decrypt: 3, sign: 3, verify: 4, digest: 2, generateKey: 3, deriveKey: 5,
  deriveBits: 2, importKey: 5, exportKey: 2, wrapKey: 4, unwrapKey: 7,
};
for (const name in lengths) webidl.setLength(SubtleCrypto.prototype[name], lengths[name]);
webidl.configureInterface(SubtleCrypto);

const subtle = new SubtleCrypto(kConstruct);

// CryptoKey is [Serializable]: structuredClone and postMessage in this realm carry the same
// native key. The serialized data is a token for the key's internals (the native handle
// cannot itself go through structured serialization); each token is deserialized once.
const pendingClones = new SafeMap();
let nextCloneToken = 1;
if (core.hasModule("structured_clone")) {
  core.require("structured_clone").registerSerializable({
    name: "CryptoKey",
    isInstance: (value) => isCryptoKey(value),
    serialize(value) {
      const token = nextCloneToken++;
      MapPrototypeSet(pendingClones, token, keyInternals(value));
      return token;
    },
    deserialize(token) {
      const k = MapPrototypeGet(pendingClones, token);
      if (k === undefined) throw domError("DataCloneError", "This CryptoKey was already deserialized");
      MapPrototypeDelete(pendingClones, token);
      return new CryptoKey(kConstruct, k.type, k.extractable, k.algorithm, k.usages, k.handle);
    },
  });
}

return ObjectFreeze({
  __proto__: null,
  CryptoKey,
  SubtleCrypto,
  subtle,
  isCryptoKey: (value) => isCryptoKey(value),
});
