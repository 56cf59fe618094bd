// WebIDL (https://webidl.spec.whatwg.org/): type conversions, dictionaries, enums,
// sequences, records, buffer sources, brand checks and interface-object plumbing used by
// every Web API file.
//
// A converter is `(value, prefix, context, options) => converted`: `prefix` names the
// operation ("Failed to construct 'URL'"), `context` the argument ("Argument 1").
// Errors read "<prefix>: <context> <problem>".

const {
  ArrayBuffer,
  ArrayBufferIsView,
  ArrayBufferPrototypeGetByteLength,
  ArrayBufferPrototypeGetResizable,
  ArrayPrototypePush,
  BigInt,
  DataView,
  DataViewPrototypeGetBuffer,
  Error,
  MathFloor,
  MathRound,
  MathTrunc,
  MathMin,
  MathMax,
  Number,
  NumberIsFinite,
  NumberIsNaN,
  NumberMAX_SAFE_INTEGER,
  ObjectAssign,
  ObjectDefineProperty,
  ObjectDefineProperties,
  ObjectGetOwnPropertyDescriptor,
  ObjectGetOwnPropertyDescriptors,
  ObjectGetPrototypeOf,
  ObjectPrototypeIsPrototypeOf,
  ObjectSetPrototypeOf,
  ObjectFreeze,
  ReflectHas,
  ReflectOwnKeys,
  String,
  StringPrototypeCharCodeAt,
  StringPrototypeToWellFormed,
  Symbol,
  SymbolIterator,
  SymbolAsyncIterator,
  SymbolToStringTag,
  TypeError,
  RangeError,
  TypedArrayPrototypeGetBuffer,
  TypedArrayPrototypeGetSymbolToStringTag,
  SafeArrayIterator,
  SafeSet,
  SetPrototypeHas,
  SetPrototypeAdd,
  globalThis,
} = core.primordials;

let SharedArrayBufferPrototype = null;
if (typeof core.primordials.SharedArrayBuffer === "function") {
  SharedArrayBufferPrototype = core.primordials.SharedArrayBuffer.prototype;
}

// ---------------------------------------------------------------------------------------
// Errors

function makeException(ErrorType, message, prefix, context) {
  const where = context ? `${context} ` : "";
  return new ErrorType(`${prefix ? prefix + ": " : ""}${where}${message}`);
}

/** Throws a TypeError unless at least `required` arguments were passed. */
function requiredArguments(length, required, prefix) {
  if (length < required) {
    const s = required === 1 ? "" : "s";
    throw new TypeError(`${prefix}: ${required} argument${s} required, but only ${length} present.`);
  }
}

function illegalConstructor() {
  throw new TypeError("Illegal constructor");
}

// ---------------------------------------------------------------------------------------
// ECMAScript type of a value, per WebIDL's "Type(V)".

function type(V) {
  if (V === null) return "Null";
  switch (typeof V) {
    case "undefined": return "Undefined";
    case "boolean": return "Boolean";
    case "number": return "Number";
    case "string": return "String";
    case "symbol": return "Symbol";
    case "bigint": return "BigInt";
    case "object":
    case "function":
    default: return "Object";
  }
}

// ---------------------------------------------------------------------------------------
// Numbers (https://webidl.spec.whatwg.org/#es-integer-types)

function censorNegativeZero(x) {
  return x === 0 ? 0 : x;
}

function integerPart(n) {
  return censorNegativeZero(MathTrunc(n));
}

function evenRound(x) {
  // Round half to even, as IEEE 754 roundTiesToEven.
  if ((x > 0 && x % 1 === +0.5 && (x & 1) === 0) || (x < 0 && x % 1 === -0.5 && (x & 1) === 1)) {
    return censorNegativeZero(MathFloor(x));
  }
  return censorNegativeZero(MathRound(x));
}

function modulo(x, y) {
  const signMightNotMatch = x % y;
  if ((y > 0 && signMightNotMatch < 0) || (y < 0 && signMightNotMatch > 0)) return signMightNotMatch + y;
  return signMightNotMatch;
}

function createIntegerConversion(bitLength, unsigned) {
  const isSigned = !unsigned;
  let lowerBound, upperBound;
  if (bitLength === 64) {
    upperBound = NumberMAX_SAFE_INTEGER;
    lowerBound = isSigned ? -NumberMAX_SAFE_INTEGER : 0;
  } else if (!isSigned) {
    lowerBound = 0;
    upperBound = 2 ** bitLength - 1;
  } else {
    lowerBound = -(2 ** (bitLength - 1));
    upperBound = 2 ** (bitLength - 1) - 1;
  }
  const twoToTheBitLength = 2 ** bitLength;
  const twoToOneLessThanTheBitLength = 2 ** (bitLength - 1);

  return (V, prefix = undefined, context = undefined, opts = undefined) => {
    let x = toNumber(V, prefix, context);
    x = censorNegativeZero(x);
    if (opts?.enforceRange) {
      if (!NumberIsFinite(x)) throw makeException(TypeError, "is not a finite number", prefix, context);
      x = integerPart(x);
      if (x < lowerBound || x > upperBound) {
        throw makeException(TypeError, `is outside the accepted range of ${lowerBound} to ${upperBound}, inclusive`, prefix, context);
      }
      return x;
    }
    if (!NumberIsNaN(x) && opts?.clamp) {
      x = MathMin(MathMax(x, lowerBound), upperBound);
      return evenRound(x);
    }
    if (!NumberIsFinite(x) || x === 0) return 0;
    x = integerPart(x);
    if (x >= lowerBound && x <= upperBound) return x;
    x = modulo(x, twoToTheBitLength);
    if (isSigned && x >= twoToOneLessThanTheBitLength) return x - twoToTheBitLength;
    return x;
  };
}

function toNumber(V, prefix, context) {
  if (typeof V === "bigint") throw makeException(TypeError, "is a BigInt and cannot be converted to a number", prefix, context);
  return Number(V);
}

const converters = { __proto__: null };

converters.any = (V) => V;
converters.undefined = () => undefined;
converters.boolean = (V) => !!V;
converters.byte = createIntegerConversion(8, false);
converters.octet = createIntegerConversion(8, true);
converters.short = createIntegerConversion(16, false);
converters["unsigned short"] = createIntegerConversion(16, true);
converters.long = createIntegerConversion(32, false);
converters["unsigned long"] = createIntegerConversion(32, true);
converters["long long"] = createIntegerConversion(64, false);
converters["unsigned long long"] = createIntegerConversion(64, true);

converters.float = (V, prefix, context) => {
  const x = toNumber(V, prefix, context);
  if (!NumberIsFinite(x)) throw makeException(TypeError, "is not a finite floating-point value", prefix, context);
  if (ObjectIs(x, -0)) return x;
  const y = core.primordials.MathFround(x);
  if (!NumberIsFinite(y)) throw makeException(TypeError, "is outside the range of a single-precision floating-point value", prefix, context);
  return y;
};
converters["unrestricted float"] = (V, prefix, context) => {
  const x = toNumber(V, prefix, context);
  if (NumberIsNaN(x)) return x;
  if (ObjectIs(x, -0)) return x;
  return core.primordials.MathFround(x);
};
converters.double = (V, prefix, context) => {
  const x = toNumber(V, prefix, context);
  if (!NumberIsFinite(x)) throw makeException(TypeError, "is not a finite floating-point value", prefix, context);
  return x;
};
converters["unrestricted double"] = (V, prefix, context) => toNumber(V, prefix, context);

const ObjectIs = core.primordials.ObjectIs;

converters.bigint = (V, prefix, context) => {
  if (typeof V === "bigint") return V;
  if (typeof V === "number") throw makeException(TypeError, "is not a BigInt", prefix, context);
  return BigInt(V);
};

// ---------------------------------------------------------------------------------------
// Strings

converters.DOMString = function (V, prefix, context, opts) {
  if (typeof V === "string") return V;
  if (V === null && opts?.treatNullAsEmptyString) return "";
  if (typeof V === "symbol") throw makeException(TypeError, "is a symbol, which cannot be converted to a string", prefix, context);
  return String(V);
};

// eslint-disable-next-line no-control-regex
const isByteString = (s) => {
  for (let i = 0; i < s.length; i++) {
    if (StringPrototypeCharCodeAt(s, i) > 255) return false;
  }
  return true;
};

converters.ByteString = (V, prefix, context, opts) => {
  const x = converters.DOMString(V, prefix, context, opts);
  if (!isByteString(x)) throw makeException(TypeError, "is not a valid ByteString", prefix, context);
  return x;
};

converters.USVString = (V, prefix, context, opts) => {
  const s = converters.DOMString(V, prefix, context, opts);
  return StringPrototypeToWellFormed(s);
};

// ---------------------------------------------------------------------------------------
// Objects and buffers

converters.object = (V, prefix, context) => {
  if (type(V) !== "Object") throw makeException(TypeError, "is not an object", prefix, context);
  return V;
};

function isNonSharedArrayBuffer(V) {
  return ObjectPrototypeIsPrototypeOf(ArrayBuffer.prototype, V) && isArrayBufferBranded(V);
}

function isArrayBufferBranded(V) {
  try {
    ArrayBufferPrototypeGetByteLength(V);
    return true;
  } catch {
    return false;
  }
}

function isSharedArrayBuffer(V) {
  if (SharedArrayBufferPrototype === null) return false;
  try {
    core.primordials.SharedArrayBufferPrototypeGetByteLength(V);
    return true;
  } catch {
    return false;
  }
}

function isResizable(buffer) {
  try {
    return ArrayBufferPrototypeGetResizable(buffer);
  } catch {
    return false;
  }
}

converters.ArrayBuffer = (V, prefix, context, opts) => {
  if (!isArrayBufferBranded(V)) {
    if (opts?.allowShared && isSharedArrayBuffer(V)) return V;
    throw makeException(TypeError, "is not an ArrayBuffer", prefix, context);
  }
  if (!opts?.allowResizable && isResizable(V)) {
    throw makeException(TypeError, "is a resizable ArrayBuffer, which is not allowed here", prefix, context);
  }
  return V;
};

function typedArrayKind(V) {
  // %TypedArray%.prototype[@@toStringTag] is undefined for non-typed-arrays.
  return TypedArrayPrototypeGetSymbolToStringTag(V);
}

function viewBuffer(V) {
  return typedArrayKind(V) !== undefined ? TypedArrayPrototypeGetBuffer(V) : DataViewPrototypeGetBuffer(V);
}

function checkViewBuffer(V, prefix, context, opts) {
  const buffer = viewBuffer(V);
  if (!opts?.allowShared && isSharedArrayBuffer(buffer)) {
    throw makeException(TypeError, "is a view on a SharedArrayBuffer, which is not allowed here", prefix, context);
  }
  if (!opts?.allowResizable && isResizable(buffer)) {
    throw makeException(TypeError, "is a view on a resizable ArrayBuffer, which is not allowed here", prefix, context);
  }
}

converters.DataView = (V, prefix, context, opts) => {
  if (!ArrayBufferIsView(V) || typedArrayKind(V) !== undefined) {
    throw makeException(TypeError, "is not a DataView", prefix, context);
  }
  checkViewBuffer(V, prefix, context, opts);
  return V;
};

const typedArrayNames = [
  "Int8Array", "Int16Array", "Int32Array", "Uint8Array", "Uint16Array", "Uint32Array",
  "Uint8ClampedArray", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array",
];
for (let i = 0; i < typedArrayNames.length; i++) {
  const name = typedArrayNames[i];
  converters[name] = (V, prefix, context, opts) => {
    if (!ArrayBufferIsView(V) || typedArrayKind(V) !== name) {
      throw makeException(TypeError, `is not a ${name}`, prefix, context);
    }
    checkViewBuffer(V, prefix, context, opts);
    return V;
  };
}

converters.ArrayBufferView = (V, prefix, context, opts) => {
  if (!ArrayBufferIsView(V)) throw makeException(TypeError, "is not an ArrayBuffer view", prefix, context);
  checkViewBuffer(V, prefix, context, opts);
  return V;
};

converters.BufferSource = (V, prefix, context, opts) => {
  if (ArrayBufferIsView(V)) {
    checkViewBuffer(V, prefix, context, opts);
    return V;
  }
  if (isArrayBufferBranded(V)) {
    if (!opts?.allowResizable && isResizable(V)) {
      throw makeException(TypeError, "is a resizable ArrayBuffer, which is not allowed here", prefix, context);
    }
    return V;
  }
  if (opts?.allowShared && isSharedArrayBuffer(V)) return V;
  throw makeException(TypeError, "is not an ArrayBuffer or an ArrayBuffer view", prefix, context);
};

converters.AllowSharedBufferSource = (V, prefix, context, opts) =>
  converters.BufferSource(V, prefix, context, { ...opts, allowShared: true });

const { Uint8Array, TypedArrayPrototypeGetByteOffset, TypedArrayPrototypeGetByteLength,
  DataViewPrototypeGetByteOffset, DataViewPrototypeGetByteLength } = core.primordials;

/** A Uint8Array over the bytes of a BufferSource (no copy). */
function bufferSourceBytes(V) {
  if (ArrayBufferIsView(V)) {
    if (typedArrayKind(V) === "Uint8Array") return V;
    if (typedArrayKind(V) !== undefined) {
      return new Uint8Array(TypedArrayPrototypeGetBuffer(V), TypedArrayPrototypeGetByteOffset(V), TypedArrayPrototypeGetByteLength(V));
    }
    return new Uint8Array(DataViewPrototypeGetBuffer(V), DataViewPrototypeGetByteOffset(V), DataViewPrototypeGetByteLength(V));
  }
  return new Uint8Array(V);
}

/** A copy of the bytes of a BufferSource, as the spec's "get a copy of the bytes held by". */
function copyBufferSource(V) {
  const view = bufferSourceBytes(V);
  return core.primordials.TypedArrayPrototypeSlice(view);
}

// ---------------------------------------------------------------------------------------
// Composite types

/**
 * A dictionary converter. `members` is a list of
 * `{ key, converter, defaultValue?, required? }`; `parents` are the members of inherited
 * dictionaries (converted first, as the spec orders them).
 */
function createDictionaryConverter(name, ...memberLists) {
  const allMembers = [];
  for (let i = 0; i < memberLists.length; i++) {
    const list = memberLists[i];
    for (let j = 0; j < list.length; j++) ArrayPrototypePush(allMembers, list[j]);
  }
  // Members are converted in lexicographic order within each dictionary, parents first.
  // We keep the order given, which callers write sorted.
  let hasRequired = false;
  for (let i = 0; i < allMembers.length; i++) if (allMembers[i].required) hasRequired = true;

  return function (V, prefix = undefined, context = undefined, opts = { __proto__: null }) {
    const typeV = type(V);
    switch (typeV) {
      case "Undefined":
      case "Null":
      case "Object":
        break;
      default:
        throw makeException(TypeError, "can not be converted to a dictionary", prefix, context);
    }
    const esDict = V;
    const idlDict = { __proto__: null };
    if ((V === undefined || V === null) && !hasRequired) {
      for (let i = 0; i < allMembers.length; i++) {
        const member = allMembers[i];
        if (ReflectHas(member, "defaultValue")) {
          const d = member.defaultValue;
          idlDict[member.key] = typeof d === "function" ? d() : d;
        }
      }
      return idlDict;
    }
    for (let i = 0; i < allMembers.length; i++) {
      const member = allMembers[i];
      const key = member.key;
      let esMemberValue;
      if (typeV === "Undefined" || typeV === "Null") {
        esMemberValue = undefined;
      } else {
        esMemberValue = esDict[key];
      }
      if (esMemberValue !== undefined) {
        const memberContext = `'${key}' of '${name}'${context ? ` (${context})` : ""}`;
        const converter = member.converter;
        idlDict[key] = converter(esMemberValue, prefix, memberContext, opts);
      } else if (ReflectHas(member, "defaultValue")) {
        const d = member.defaultValue;
        const value = typeof d === "function" ? d() : d;
        if (value !== undefined) idlDict[key] = value;
      } else if (member.required) {
        throw makeException(TypeError, `can not be converted to '${name}' because '${key}' is required in '${name}'.`, prefix, context);
      }
    }
    return idlDict;
  };
}

/** An enum converter: the value must be one of `values` (exact match). */
function createEnumConverter(name, values) {
  const set = new SafeSet();
  for (let i = 0; i < values.length; i++) SetPrototypeAdd(set, values[i]);
  return function (V, prefix = undefined, context = undefined) {
    const S = converters.DOMString(V, prefix, context);
    if (!SetPrototypeHas(set, S)) {
      throw new TypeError(`${prefix ? prefix + ": " : ""}The provided value '${S}' is not a valid enum value of type ${name}.`);
    }
    return S;
  };
}

function createNullableConverter(converter) {
  return (V, prefix, context, opts) => (V === null || V === undefined ? null : converter(V, prefix, context, opts));
}

function createOptionalConverter(converter) {
  return (V, prefix, context, opts) => (V === undefined ? undefined : converter(V, prefix, context, opts));
}

/** sequence<T>: iterates V with its own @@iterator (as the spec does). */
function createSequenceConverter(converter) {
  return function (V, prefix = undefined, context = undefined, opts = undefined) {
    if (type(V) !== "Object") throw makeException(TypeError, "can not be converted to sequence.", prefix, context);
    const method = V[SymbolIterator];
    if (typeof method !== "function") throw makeException(TypeError, "can not be converted to sequence.", prefix, context);
    const iter = core.primordials.FunctionPrototypeCall(method, V);
    if (type(iter) !== "Object") throw makeException(TypeError, "can not be converted to sequence.", prefix, context);
    const next = iter.next;
    const array = [];
    while (true) {
      const res = core.primordials.FunctionPrototypeCall(next, iter);
      if (type(res) !== "Object") throw makeException(TypeError, "can not be converted to sequence.", prefix, context);
      if (res.done === true) break;
      const val = converter(res.value, prefix, `${context ?? "Value"}, index ${array.length}`, opts);
      ArrayPrototypePush(array, val);
    }
    return array;
  };
}

/** record<K, V>: own enumerable string keys, in [[OwnPropertyKeys]] order. */
function createRecordConverter(keyConverter, valueConverter) {
  return (V, prefix, context, opts) => {
    if (type(V) !== "Object") throw makeException(TypeError, "can not be converted to a record.", prefix, context);
    const result = { __proto__: null };
    const keys = ReflectOwnKeys(V);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (typeof key === "symbol") continue;
      const desc = ObjectGetOwnPropertyDescriptor(V, key);
      if (desc === undefined || !desc.enumerable) continue;
      const typedKey = keyConverter(key, prefix, context, opts);
      const value = V[key];
      result[typedKey] = valueConverter(value, prefix, context, opts);
    }
    return result;
  };
}

/** A callback function converter ([LegacyTreatNonObjectAsNull] when `treatNonObjectAsNull`). */
function createCallbackConverter(treatNonObjectAsNull = false) {
  return (V, prefix, context) => {
    if (typeof V === "function") return V;
    if (treatNonObjectAsNull && type(V) !== "Object") return null;
    if (treatNonObjectAsNull) return V;
    throw makeException(TypeError, "is not a function", prefix, context);
  };
}
converters.Function = createCallbackConverter(false);

/** An interface converter: V must carry the brand (private field) of the class. */
function createInterfaceConverter(name, isInstance) {
  return (V, prefix, context) => {
    if (!isInstance(V)) throw makeException(TypeError, `is not of type '${name}'.`, prefix, context);
    return V;
  };
}

// ---------------------------------------------------------------------------------------
// Interface objects

/**
 * Gives a class the property shape WebIDL requires: operations and attributes enumerable,
 * `Symbol.toStringTag` on the prototype, constants read-only on both.
 */
function configureInterface(Class, { name = Class.name, constants } = {}) {
  configureProperties(Class.prototype);
  configureStatics(Class);
  ObjectDefineProperty(Class.prototype, SymbolToStringTag, {
    __proto__: null,
    value: name,
    writable: false,
    enumerable: false,
    configurable: true,
  });
  if (constants) {
    const keys = ReflectOwnKeys(constants);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      const desc = { __proto__: null, value: constants[key], writable: false, enumerable: true, configurable: false };
      ObjectDefineProperty(Class, key, desc);
      ObjectDefineProperty(Class.prototype, key, desc);
    }
  }
}

function configureProperties(object) {
  const descriptors = ObjectGetOwnPropertyDescriptors(object);
  const keys = ReflectOwnKeys(descriptors);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (key === "constructor" || typeof key === "symbol") continue;
    const descriptor = descriptors[key];
    if (descriptor.enumerable) continue;
    if (ReflectHas(descriptor, "value") && typeof descriptor.value === "function") {
      ObjectDefineProperty(object, key, { __proto__: null, enumerable: true, writable: true, configurable: true });
    } else if (ReflectHas(descriptor, "get")) {
      ObjectDefineProperty(object, key, { __proto__: null, enumerable: true, configurable: true });
    }
  }
}

function configureStatics(Class) {
  const keys = ReflectOwnKeys(Class);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (key === "prototype" || key === "length" || key === "name" || typeof key === "symbol") continue;
    const descriptor = ObjectGetOwnPropertyDescriptor(Class, key);
    if (key === "isInstance") {
      // Our brand-check helper, not an IDL member: keep it out of enumeration (records,
      // for-in, Object.keys) so it never shows up as data.
      ObjectDefineProperty(Class, key, { __proto__: null, enumerable: false });
      continue;
    }
    if (typeof descriptor.value === "function" && !descriptor.enumerable) {
      ObjectDefineProperty(Class, key, { __proto__: null, enumerable: true });
    }
  }
}

/** Sets `length` of a function (WebIDL counts required arguments). */
function setLength(fn, length) {
  ObjectDefineProperty(fn, "length", { __proto__: null, value: length, writable: false, enumerable: false, configurable: true });
}

/**
 * Adds `entries`, `keys`, `values`, `forEach` and @@iterator to a pair-iterable interface
 * (https://webidl.spec.whatwg.org/#idl-iterable). `getPairs(self)` returns the current list
 * of [key, value] pairs, read again at each step (the spec's live iteration);
 * `isInstance(self)` is the brand check.
 */
function mixinPairIterable(name, Class, getPairs, isInstance) {
  const iteratorName = `${name} Iterator`;
  const IteratorPrototypeObject = ObjectSetPrototypeOf({}, core.primordials.IteratorPrototype);

  class PairIterator {
    #target;
    #kind;
    #index = 0;
    constructor(target, kind) {
      this.#target = target;
      this.#kind = kind;
    }
    static isInstance(o) {
      return o !== null && typeof o === "object" && #target in o;
    }
    static next(self) {
      if (!PairIterator.isInstance(self)) throw new TypeError("Illegal invocation");
      const pairs = getPairs(self.#target);
      if (self.#index >= pairs.length) return { value: undefined, done: true };
      const pair = pairs[self.#index++];
      switch (self.#kind) {
        case "key": return { value: pair[0], done: false };
        case "value": return { value: pair[1], done: false };
        default: return { value: [pair[0], pair[1]], done: false };
      }
    }
  }
  const iteratorPrototype = ObjectSetPrototypeOf({
    next() {
      return PairIterator.next(this);
    },
  }, core.primordials.IteratorPrototype);
  ObjectDefineProperty(iteratorPrototype, "next", { __proto__: null, enumerable: true });
  ObjectDefineProperty(iteratorPrototype, SymbolToStringTag, {
    __proto__: null, value: iteratorName, writable: false, enumerable: false, configurable: true,
  });
  void IteratorPrototypeObject;

  function createIterator(target, kind) {
    const iterator = new PairIterator(target, kind);
    ObjectSetPrototypeOf(iterator, iteratorPrototype);
    return iterator;
  }

  const methods = {
    entries() {
      if (!isInstance(this)) throw new TypeError("Illegal invocation");
      return createIterator(this, "key+value");
    },
    keys() {
      if (!isInstance(this)) throw new TypeError("Illegal invocation");
      return createIterator(this, "key");
    },
    values() {
      if (!isInstance(this)) throw new TypeError("Illegal invocation");
      return createIterator(this, "value");
    },
    forEach(callback, thisArg = undefined) {
      if (!isInstance(this)) throw new TypeError("Illegal invocation");
      const prefix = `Failed to execute 'forEach' on '${name}'`;
      requiredArguments(arguments.length, 1, prefix);
      callback = converters.Function(callback, prefix, "Argument 1");
      const pairs = getPairs(this);
      for (let i = 0; i < pairs.length; i++) {
        const current = getPairs(this);
        if (i >= current.length) break;
        const pair = current[i];
        core.primordials.FunctionPrototypeCall(callback, thisArg, pair[1], pair[0], this);
      }
    },
  };
  setLength(methods.forEach, 1);
  const descriptors = ObjectGetOwnPropertyDescriptors(methods);
  const names = ["entries", "keys", "values", "forEach"];
  for (let i = 0; i < names.length; i++) {
    const key = names[i];
    ObjectDefineProperty(Class.prototype, key, { __proto__: null, ...descriptors[key], enumerable: true });
  }
  ObjectDefineProperty(Class.prototype, SymbolIterator, {
    __proto__: null, value: Class.prototype.entries, writable: true, enumerable: false, configurable: true,
  });
}

/** "Illegal invocation" unless `isInstance(self)`. */
function assertBranded(self, isInstance) {
  if (!isInstance(self)) throw new TypeError("Illegal invocation");
}

/** Defines a global the way WebIDL exposes interfaces: writable, configurable, not enumerable. */
function exposeInterface(globalObject, name, value) {
  ObjectDefineProperty(globalObject, name, {
    __proto__: null, value, writable: true, enumerable: false, configurable: true,
  });
}

return ObjectFreeze({
  __proto__: null,
  assertBranded,
  bufferSourceBytes,
  configureInterface,
  converters,
  copyBufferSource,
  createCallbackConverter,
  createDictionaryConverter,
  createEnumConverter,
  createInterfaceConverter,
  createIntegerConversion,
  createNullableConverter,
  createOptionalConverter,
  createRecordConverter,
  createSequenceConverter,
  exposeInterface,
  illegalConstructor,
  isArrayBufferBranded,
  isResizable,
  isSharedArrayBuffer,
  makeException,
  mixinPairIterable,
  requiredArguments,
  setLength,
  type,
});
