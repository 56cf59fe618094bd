// crypto and Crypto (https://w3c.github.io/webcrypto/#crypto-interface):
// getRandomValues(), randomUUID(), and `subtle` (SubtleCrypto, from the webcrypto module
// when it is built into this runtime).
//
// Random bytes come from the system CSPRNG (ops.randomFill, getrandom(2)). randomUUID()
// draws from a pool of random bytes refilled 4 KiB at a time, so a UUID costs no native
// call most of the time.

const {
  ArrayBufferIsView,
  ArrayPrototypeIncludes,
  MathFloor,
  NumberPrototypeToString,
  ObjectFreeze,
  StringPrototypePadStart,
  Symbol,
  TypedArrayPrototypeGetBuffer,
  TypedArrayPrototypeGetByteLength,
  TypedArrayPrototypeGetByteOffset,
  TypedArrayPrototypeGetSymbolToStringTag,
  Uint8Array,
} = core.primordials;
const webidl = core.require("webidl");
const { converters } = webidl;
const ops = core.ops;

const illegalConstructorKey = Symbol("Crypto");

// The integer typed arrays getRandomValues accepts.
const integerArrays = [
  "Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array",
  "Uint32Array", "BigInt64Array", "BigUint64Array",
];

function domException(message, name) {
  const { DOMException } = core.require("dom_exception");
  return new DOMException(message, name);
}

// Byte -> two lowercase hex digits.
const hex = [];
for (let i = 0; i < 256; i++) hex[i] = StringPrototypePadStart(NumberPrototypeToString(i, 16), 2, "0");

const POOL_SIZE = 4096;
const pool = new Uint8Array(POOL_SIZE);
let poolOffset = POOL_SIZE;

let subtleModule;

class Crypto {
  #isCrypto = true;

  constructor(key = undefined) {
    if (key !== illegalConstructorKey) webidl.illegalConstructor();
  }

  static isInstance(value) {
    return value !== null && typeof value === "object" && #isCrypto in value;
  }

  get subtle() {
    webidl.assertBranded(this, Crypto.isInstance);
    if (subtleModule === undefined) {
      subtleModule = core.hasModule("webcrypto") ? core.require("webcrypto") : null;
    }
    return subtleModule === null ? undefined : subtleModule.subtle;
  }

  getRandomValues(array) {
    webidl.assertBranded(this, Crypto.isInstance);
    const prefix = "Failed to execute 'getRandomValues' on 'Crypto'";
    webidl.requiredArguments(arguments.length, 1, prefix);
    array = converters.ArrayBufferView(array, prefix, "Argument 1");
    const kind = TypedArrayPrototypeGetSymbolToStringTag(array);
    if (kind === undefined || !ArrayPrototypeIncludes(integerArrays, kind)) {
      throw domException(`${prefix}: The provided ArrayBufferView is of type '${kind ?? "DataView"}', which is not an integer array type.`, "TypeMismatchError");
    }
    const byteLength = TypedArrayPrototypeGetByteLength(array);
    if (byteLength > 65536) {
      throw domException(`${prefix}: The ArrayBufferView's byte length (${byteLength}) exceeds the number of bytes of entropy available via this API (65536).`, "QuotaExceededError");
    }
    if (byteLength > 0) {
      const bytes = kind === "Uint8Array" ? array : new Uint8Array(TypedArrayPrototypeGetBuffer(array), TypedArrayPrototypeGetByteOffset(array), byteLength);
      ops.randomFill(bytes);
    }
    return array;
  }

  randomUUID() {
    webidl.assertBranded(this, Crypto.isInstance);
    if (poolOffset + 16 > POOL_SIZE) {
      ops.randomFill(pool);
      poolOffset = 0;
    }
    const b = pool;
    const o = poolOffset;
    poolOffset += 16;
    // Version 4 (random), variant 10xx (RFC 9562).
    const b6 = (b[o + 6] & 0x0f) | 0x40;
    const b8 = (b[o + 8] & 0x3f) | 0x80;
    const uuid =
      hex[b[o]] + hex[b[o + 1]] + hex[b[o + 2]] + hex[b[o + 3]] + "-" +
      hex[b[o + 4]] + hex[b[o + 5]] + "-" + hex[b6] + hex[b[o + 7]] + "-" +
      hex[b8] + hex[b[o + 9]] + "-" + hex[b[o + 10]] + hex[b[o + 11]] + hex[b[o + 12]] +
      hex[b[o + 13]] + hex[b[o + 14]] + hex[b[o + 15]];
    // Used bytes are not kept around.
    for (let i = o; i < o + 16; i++) b[i] = 0;
    return uuid;
  }
}
webidl.configureInterface(Crypto);

const crypto = new Crypto(illegalConstructorKey);

void ArrayBufferIsView;
void MathFloor;

return ObjectFreeze({ __proto__: null, Crypto, crypto });
