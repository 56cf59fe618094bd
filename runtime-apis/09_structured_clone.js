// structuredClone() and the structured serialization it is built on
// (https://html.spec.whatwg.org/#safe-passing-of-structured-data).
//
// serialize(value, transferList) runs StructuredSerializeWithTransfer: it walks the value
// (running getters in the spec's order) and builds a tree of records, then detaches what
// is transferred. deserialize(result) runs StructuredDeserializeWithTransfer and builds
// the new objects; it calls no user code. structuredClone() is the two in a row;
// MessagePort serializes at postMessage() and deserializes at delivery.
//
// Telling built-in objects apart needs their internal slots, which JavaScript cannot read
// directly. Object.prototype.toString reports the slot-based tag of Arrays, Errors,
// Booleans, Numbers, Strings, Dates and RegExps; other built-ins carry @@toStringTag on
// their prototypes and are confirmed with a brand check that only throws for impostors
// (exceptions cost microseconds in JavaScriptCore, so plain objects never take that path).
// See conformance/clone/DIVERGENCES.md for the corner cases this leaves.
//
// Platform objects: modules register serializable interfaces (registerSerializable) and
// transferable ones (registerTransferable). Any other instance of a Web API interface is
// not serializable and gives a DataCloneError.

const {
  Array,
  ArrayBuffer,
  ArrayBufferIsView,
  ArrayBufferPrototypeGetByteLength,
  ArrayBufferPrototypeGetDetached,
  ArrayBufferPrototypeGetMaxByteLength,
  ArrayBufferPrototypeGetResizable,
  ArrayBufferPrototypeResize,
  ArrayBufferPrototypeTransfer,
  ArrayIsArray,
  ArrayPrototypePush,
  BigIntPrototypeValueOf,
  BooleanPrototypeValueOf,
  DataView,
  DataViewPrototypeGetBuffer,
  DataViewPrototypeGetByteLength,
  DataViewPrototypeGetByteOffset,
  Date,
  DatePrototypeGetTime,
  Error,
  EvalError,
  FinalizationRegistryPrototypeUnregister,
  FunctionPrototypeCall,
  Map,
  MapPrototypeGetSize,
  MapPrototypeSet,
  MapPrototypeForEach,
  NumberPrototypeValueOf,
  Object,
  ObjectDefineProperty,
  ObjectFreeze,
  ObjectGetOwnPropertyDescriptor,
  ObjectGetPrototypeOf,
  ObjectHasOwn,
  ObjectKeys,
  ObjectPrototypeToString,
  RangeError,
  ReferenceError,
  ReflectOwnKeys,
  RegExp,
  RegExpPrototypeGetSource,
  SafeMap,
  SafeWeakMap,
  Set,
  SetPrototypeAdd,
  SetPrototypeGetSize,
  SetPrototypeForEach,
  String,
  StringPrototypeValueOf,
  Symbol,
  SymbolPrototypeValueOf,
  SymbolToStringTag,
  SyntaxError,
  TypeError,
  TypedArrayPrototypeGetBuffer,
  TypedArrayPrototypeGetByteLength,
  TypedArrayPrototypeGetByteOffset,
  TypedArrayPrototypeGetLength,
  TypedArrayPrototypeGetSymbolToStringTag,
  TypedArrayPrototypeKeys,
  TypedArrayPrototypeSet,
  URIError,
  Uint8Array,
  WeakMapPrototypeGet,
  WeakMapPrototypeHas,
  WeakMapPrototypeSet,
  WeakRefPrototypeDeref,
  WeakSetPrototypeHas,
  globalThis,
} = core.primordials;
const webidl = core.require("webidl");
const { converters } = webidl;

function dataCloneError(message) {
  const { DOMException } = core.require("dom_exception");
  return new DOMException(message, "DataCloneError");
}

// ---------------------------------------------------------------------------------------
// Records: the spec's serialized values. Primitives stand for themselves; every other
// value becomes a Record (one class, so property access stays monomorphic).

const PLACEHOLDER = 0; // a transfer placeholder not filled yet
const T_OBJECT = 1;
const T_ARRAY = 2;
const T_BOOLEAN = 3;
const T_NUMBER = 4;
const T_BIGINT = 5;
const T_STRING = 6;
const T_DATE = 7;
const T_REGEXP = 8;
const T_ARRAYBUFFER = 9; // a: the new ArrayBuffer (a copy, or the transferred data)
const T_VIEW = 10;
const T_MAP = 11;
const T_SET = 12;
const T_ERROR = 13;
const T_PLATFORM = 14; // a: the interface entry, b: its serialized data
const T_TRANSFERRED = 15; // a: the interface entry, b: the transfer data
const T_COPIED = 16; // a: an object a direct clone already made

class Record {
  constructor(type) {
    this.type = type;
    this.a = undefined;
    this.b = undefined;
    this.c = undefined;
    this.d = undefined;
    this.e = undefined;
    // Deserialization memory: the object made from this record in pass `token`.
    this.out = undefined;
    this.token = 0;
  }
}

// ---------------------------------------------------------------------------------------
// Platform objects

// Serializable interfaces: { name, isInstance, serialize(value, forStorage) -> data,
// deserialize(data) -> object }. `data` is serialized in turn (so it may hold objects).
const serializables = [];
// Transferable interfaces: { name, isInstance, isDetached(value), transfer(value) -> data,
// receive(data) -> object }. `transfer` detaches `value`.
const transferables = [];

function registerSerializable(entry) {
  ArrayPrototypePush(serializables, entry);
}

function registerTransferable(entry) {
  ArrayPrototypePush(transferables, entry);
}

function findEntry(list, value) {
  for (let i = 0; i < list.length; i++) {
    if (list[i].isInstance(value)) return list[i];
  }
  return null;
}

// DOMException is serializable (https://webidl.spec.whatwg.org/#idl-DOMException).
registerSerializable({
  name: "DOMException",
  isInstance(value) {
    return core.require("dom_exception").DOMException.isInstance(value);
  },
  serialize(value) {
    const { DOMException } = core.require("dom_exception");
    const name = FunctionPrototypeCall(ObjectGetOwnPropertyDescriptor(DOMException.prototype, "name").get, value);
    const message = FunctionPrototypeCall(ObjectGetOwnPropertyDescriptor(DOMException.prototype, "message").get, value);
    return [name, message, ownDataValue(value, "stack")];
  },
  deserialize(data) {
    const { DOMException } = core.require("dom_exception");
    const exception = new DOMException(data[1], data[0]);
    if (typeof data[2] === "string") defineHidden(exception, "stack", data[2]);
    return exception;
  },
});

// Is `value` an instance of a Web API interface that is neither serializable nor
// transferable? Found by its prototype chain: some prototype's constructor is a Web API
// global whose module is loaded. Answers are cached per prototype.
const platformPrototypes = new SafeWeakMap();
let lazyGlobals = null;
// Interfaces the global scope installs outside its lazyGlobals table.
const extraInterfaces = {
  __proto__: null,
  Navigator: ["navigator", "Navigator"],
  WorkerLocation: ["location", "WorkerLocation"],
};

function isPlatformPrototype(prototype) {
  if (WeakMapPrototypeHas(platformPrototypes, prototype)) return WeakMapPrototypeGet(platformPrototypes, prototype);
  let result = false;
  const descriptor = ObjectGetOwnPropertyDescriptor(prototype, "constructor");
  if (descriptor !== undefined && typeof descriptor.value === "function") {
    const ctor = descriptor.value;
    const nameDescriptor = ObjectGetOwnPropertyDescriptor(ctor, "name");
    const name = nameDescriptor !== undefined ? nameDescriptor.value : undefined;
    if (typeof name === "string") {
      if (lazyGlobals === null) lazyGlobals = core.require("global_scope").lazyGlobals;
      const where = lazyGlobals[name] ?? extraInterfaces[name];
      if (where !== undefined) {
        try {
          result = core.require(where[0])[where[1]] === ctor;
        } catch {
          result = false;
        }
      }
    }
  }
  WeakMapPrototypeSet(platformPrototypes, prototype, result);
  return result;
}

function isPlatformObject(value) {
  let prototype = ObjectGetPrototypeOf(value);
  while (prototype !== null) {
    if (isPlatformPrototype(prototype)) {
      // Object.create(Interface.prototype) is an ordinary object: confirm the brand when
      // the interface offers a check.
      const ctor = ObjectGetOwnPropertyDescriptor(prototype, "constructor").value;
      const isInstance = ObjectGetOwnPropertyDescriptor(ctor, "isInstance");
      if (isInstance !== undefined && typeof isInstance.value === "function") {
        return FunctionPrototypeCall(isInstance.value, ctor, value) === true;
      }
      return true;
    }
    prototype = ObjectGetPrototypeOf(prototype);
  }
  return false;
}

// ---------------------------------------------------------------------------------------
// Built-in kinds

// Intrinsic prototypes whose instances have internal slots structured clone refuses.
const uncloneablePrototypes = new SafeWeakMap();
function addUncloneable(prototype) {
  if (prototype !== null && (typeof prototype === "object" || typeof prototype === "function")) {
    WeakMapPrototypeSet(uncloneablePrototypes, prototype, true);
  }
}
{
  const p = core.primordials;  // constructors and intrinsics only (captured by name)
  addUncloneable(p.Promise.prototype);
  addUncloneable(p.WeakMap.prototype);
  addUncloneable(p.WeakSet.prototype);
  addUncloneable(p.WeakRef.prototype);
  addUncloneable(p.FinalizationRegistry.prototype);
  addUncloneable(p.ArrayIteratorPrototype);
  addUncloneable(p.AsyncGeneratorPrototype);
  addUncloneable(p.GeneratorFunction.prototype.prototype);
  addUncloneable(ObjectGetPrototypeOf(new Map()[core.primordials.SymbolIterator]()));
  addUncloneable(ObjectGetPrototypeOf(new Set()[core.primordials.SymbolIterator]()));
  addUncloneable(ObjectGetPrototypeOf(""[core.primordials.SymbolIterator]()));
  addUncloneable(ObjectGetPrototypeOf(core.primordials.RegExpPrototypeSymbolMatchAll(/a/g, "")));
  const intl = globalThis.Intl;
  if (intl !== undefined) {
    const names = ReflectOwnKeys(intl);
    for (let i = 0; i < names.length; i++) {
      const value = intl[names[i]];
      if (typeof value === "function" && value.prototype) addUncloneable(value.prototype);
    }
  }
  const wasm = globalThis.WebAssembly;
  if (wasm !== undefined) {
    const names = ["Module", "Instance", "Memory", "Table", "Global", "Tag", "Exception"];
    for (let i = 0; i < names.length; i++) {
      const value = wasm[names[i]];
      if (typeof value === "function" && value.prototype) addUncloneable(value.prototype);
    }
  }
  if (typeof globalThis.Iterator === "function") {
    // Iterator helpers (Iterator.prototype.map(...)) and wrapped iterators.
    try {
      const helper = FunctionPrototypeCall(globalThis.Iterator.prototype.map, [][core.primordials.SymbolIterator](), (x) => x);
      addUncloneable(ObjectGetPrototypeOf(helper));
    } catch {
      // Not supported by this engine.
    }
  }
}

/** True when `name` (a property key) is somewhere on `value`'s chain, without getters. */
function findOwner(value, key) {
  let object = value;
  while (object !== null) {
    if (ObjectGetOwnPropertyDescriptor(object, key) !== undefined) return object;
    object = ObjectGetPrototypeOf(object);
  }
  return null;
}

function succeeds(check, value, argument) {
  try {
    check(value, argument);
    return true;
  } catch {
    return false;
  }
}

// Kinds returned by classify().
const K_PLAIN = 0;
const K_ARRAY = 1;
const K_VIEW = 2;
const K_BOOLEAN = 3;
const K_NUMBER = 4;
const K_BIGINT = 5;
const K_STRING = 6;
const K_DATE = 7;
const K_REGEXP = 8;
const K_ARRAYBUFFER = 9;
const K_MAP = 10;
const K_SET = 11;
const K_ERROR = 12;
const K_PLATFORM = 13;
const K_UNCLONEABLE = 14;

const ErrorIsError = typeof Error.isError === "function" ? Error.isError : null;
const ObjectPrototype = Object.prototype;
const ArrayPrototype = Array.prototype;

/** The kind of a non-callable object, from its internal slots as far as they show. */
function classify(value) {
  if (ArrayIsArray(value)) return K_ARRAY;
  if (ArrayBufferIsView(value)) return K_VIEW;
  const tag = ObjectPrototypeToString(value);
  switch (tag) {
    case "[object Object]":
      return K_PLAIN;
    case "[object Error]":
      if (ErrorIsError !== null) return ErrorIsError(value) ? K_ERROR : K_PLAIN;
      return K_ERROR;
    case "[object Boolean]":
      return succeeds(BooleanPrototypeValueOf, value) ? K_BOOLEAN : classifyTagged(value, tag);
    case "[object Number]":
      return succeeds(NumberPrototypeValueOf, value) ? K_NUMBER : classifyTagged(value, tag);
    case "[object String]":
      return succeeds(StringPrototypeValueOf, value) ? K_STRING : classifyTagged(value, tag);
    case "[object Date]":
      return succeeds(DatePrototypeGetTime, value) ? K_DATE : classifyTagged(value, tag);
    case "[object RegExp]":
      return isRealRegExp(value) ? K_REGEXP : classifyTagged(value, tag);
    case "[object Arguments]":
      return K_UNCLONEABLE;
    default:
      return classifyTagged(value, tag);
  }
}

const RegExpPrototype = RegExp.prototype;

/** A RegExp has [[OriginalSource]]: the source getter throws otherwise (except on RegExp.prototype). */
function isRealRegExp(value) {
  return value !== RegExpPrototype && succeeds(RegExpPrototypeGetSource, value);
}

// [[OriginalFlags]], read through the flag getters (RegExp.prototype.flags would Get the
// flag properties, which user code can shadow).
const flagGetters = [];
{
  const {
    RegExpPrototypeGetHasIndices, RegExpPrototypeGetGlobal, RegExpPrototypeGetIgnoreCase, RegExpPrototypeGetMultiline,
    RegExpPrototypeGetDotAll, RegExpPrototypeGetUnicode, RegExpPrototypeGetUnicodeSets, RegExpPrototypeGetSticky,
  } = core.primordials;
  const table = [
    ["d", RegExpPrototypeGetHasIndices], ["g", RegExpPrototypeGetGlobal], ["i", RegExpPrototypeGetIgnoreCase],
    ["m", RegExpPrototypeGetMultiline], ["s", RegExpPrototypeGetDotAll], ["u", RegExpPrototypeGetUnicode],
    ["v", RegExpPrototypeGetUnicodeSets], ["y", RegExpPrototypeGetSticky],
  ];
  for (let i = 0; i < table.length; i++) {
    if (typeof table[i][1] === "function") ArrayPrototypePush(flagGetters, table[i]);
  }
}

function originalFlags(regexp) {
  let flags = "";
  for (let i = 0; i < flagGetters.length; i++) {
    if (flagGetters[i][1](regexp)) flags += flagGetters[i][0];
  }
  return flags;
}

/** Objects whose tag comes from @@toStringTag: built-ins, platform objects, impostors. */
function classifyTagged(value, tag) {
  switch (tag) {
    case "[object Map]":
      if (succeeds(MapPrototypeGetSize, value)) return K_MAP;
      break;
    case "[object Set]":
      if (succeeds(SetPrototypeGetSize, value)) return K_SET;
      break;
    case "[object ArrayBuffer]":
      if (succeeds(ArrayBufferPrototypeGetByteLength, value)) return K_ARRAYBUFFER;
      break;
    case "[object SharedArrayBuffer]":
      if (core.primordials.SharedArrayBufferPrototypeGetByteLength !== undefined &&
        succeeds(core.primordials.SharedArrayBufferPrototypeGetByteLength, value)) return K_UNCLONEABLE;
      break;
    case "[object BigInt]":
      if (succeeds(BigIntPrototypeValueOf, value)) return K_BIGINT;
      break;
    case "[object Symbol]":
      if (succeeds(SymbolPrototypeValueOf, value)) return K_UNCLONEABLE;
      break;
    case "[object WeakMap]":
      if (succeeds(WeakMapPrototypeHas, value, {})) return K_UNCLONEABLE;
      break;
    case "[object WeakSet]":
      if (succeeds(WeakSetPrototypeHas, value, {})) return K_UNCLONEABLE;
      break;
    case "[object WeakRef]":
      if (succeeds(WeakRefPrototypeDeref, value)) return K_UNCLONEABLE;
      break;
    case "[object FinalizationRegistry]":
      if (succeeds(FinalizationRegistryPrototypeUnregister, value, {})) return K_UNCLONEABLE;
      break;
  }
  // Platform objects first: a DOMException has [[ErrorData]] but is serialized as itself.
  if (findEntry(serializables, value) !== null || findEntry(transferables, value) !== null) return K_PLATFORM;
  if (value === globalThis) return K_UNCLONEABLE;
  if (isPlatformObject(value)) return K_PLATFORM;
  // The slot-based kinds whose tag an own or inherited @@toStringTag hides.
  const realKind = classifyBySlots(value);
  if (realKind !== K_PLAIN) return realKind;
  // A built-in with internal slots we cannot check cheaply (Promise, generators, Intl…):
  // recognized by the intrinsic prototype its tag comes from.
  const owner = findOwner(value, SymbolToStringTag);
  if (owner !== null && owner !== value && WeakMapPrototypeHas(uncloneablePrototypes, owner)) return K_UNCLONEABLE;
  return K_PLAIN;
}

/** Brand checks for the kinds whose Object.prototype.toString tag a @@toStringTag hides. */
function classifyBySlots(value) {
  if (ErrorIsError !== null && ErrorIsError(value)) return K_ERROR;
  if (succeeds(DatePrototypeGetTime, value)) return K_DATE;
  if (succeeds(BooleanPrototypeValueOf, value)) return K_BOOLEAN;
  if (succeeds(NumberPrototypeValueOf, value)) return K_NUMBER;
  if (succeeds(StringPrototypeValueOf, value)) return K_STRING;
  if (succeeds(MapPrototypeGetSize, value)) return K_MAP;
  if (succeeds(SetPrototypeGetSize, value)) return K_SET;
  if (succeeds(ArrayBufferPrototypeGetByteLength, value)) return K_ARRAYBUFFER;
  if (succeeds(BigIntPrototypeValueOf, value)) return K_BIGINT;
  if (isRealRegExp(value)) return K_REGEXP;
  return K_PLAIN;
}

// ---------------------------------------------------------------------------------------
// StructuredSerializeInternal

const errorNames = ["Error", "EvalError", "RangeError", "ReferenceError", "SyntaxError", "TypeError", "URIError"];
const errorConstructors = {
  __proto__: null,
  Error,
  EvalError,
  RangeError,
  ReferenceError,
  SyntaxError,
  TypeError,
  URIError,
};

function isAllowedErrorName(name) {
  for (let i = 0; i < errorNames.length; i++) if (errorNames[i] === name) return true;
  return false;
}

/** The value of an own data property, or undefined (never runs a getter). */
function ownDataValue(object, key) {
  const descriptor = ObjectGetOwnPropertyDescriptor(object, key);
  if (descriptor === undefined || !("value" in descriptor)) return undefined;
  return descriptor.value;
}

function defineHidden(object, key, value) {
  ObjectDefineProperty(object, key, { __proto__: null, value, writable: true, enumerable: false, configurable: true });
}

function isDetached(buffer) {
  return ArrayBufferPrototypeGetDetached(buffer);
}

/** Element size of a typed array by its [[TypedArrayName]]. */
const elementSizes = {
  __proto__: null,
  Int8Array: 1,
  Uint8Array: 1,
  Uint8ClampedArray: 1,
  Int16Array: 2,
  Uint16Array: 2,
  Float16Array: 2,
  Int32Array: 4,
  Uint32Array: 4,
  Float32Array: 4,
  Float64Array: 8,
  BigInt64Array: 8,
  BigUint64Array: 8,
};

/**
 * Whether a view on a resizable buffer tracks the buffer's length (created without a
 * length). JavaScript cannot read [[ArrayLength]] = auto, so resize the buffer by one
 * element and see whether the view follows, then put the buffer back as it was.
 */
function isLengthTracking(view, buffer, isTyped, elementSize) {
  const byteLength = ArrayBufferPrototypeGetByteLength(buffer);
  const viewOffset = isTyped ? TypedArrayPrototypeGetByteOffset(view) : DataViewPrototypeGetByteOffset(view);
  const viewLength = isTyped ? TypedArrayPrototypeGetByteLength(view) : DataViewPrototypeGetByteLength(view);
  // A tracking view always reaches to the end (within one element).
  if (byteLength - (viewOffset + viewLength) >= elementSize) return false;
  const maxByteLength = ArrayBufferPrototypeGetMaxByteLength(buffer);
  const lengthOf = () => (isTyped ? TypedArrayPrototypeGetByteLength(view) : viewByteLengthOrZero(view));
  if (byteLength + elementSize <= maxByteLength) {
    ArrayBufferPrototypeResize(buffer, byteLength + elementSize);
    const grown = lengthOf();
    ArrayBufferPrototypeResize(buffer, byteLength);
    return grown > viewLength;
  }
  if (byteLength - elementSize < viewOffset || byteLength < elementSize) {
    // Cannot shrink without losing the view: a view reaching the end of a full buffer.
    // Assume it tracks only when created over the whole buffer.
    return false;
  }
  const saved = new Uint8Array(elementSize);
  const tail = new Uint8Array(buffer, byteLength - elementSize, elementSize);
  TypedArrayPrototypeSet(saved, tail);
  ArrayBufferPrototypeResize(buffer, byteLength - elementSize);
  let tracking;
  if (isTyped) {
    tracking = succeeds(TypedArrayPrototypeKeys, view);
  } else {
    tracking = succeeds(DataViewPrototypeGetByteLength, view);
  }
  ArrayBufferPrototypeResize(buffer, byteLength);
  TypedArrayPrototypeSet(new Uint8Array(buffer, byteLength - elementSize, elementSize), saved);
  return tracking;
}

function viewByteLengthOrZero(view) {
  try {
    return DataViewPrototypeGetByteLength(view);
  } catch {
    return 0;
  }
}

function copyArrayBuffer(buffer) {
  const byteLength = ArrayBufferPrototypeGetByteLength(buffer);
  let copy;
  if (ArrayBufferPrototypeGetResizable(buffer)) {
    copy = new ArrayBuffer(byteLength, { maxByteLength: ArrayBufferPrototypeGetMaxByteLength(buffer) });
  } else {
    copy = new ArrayBuffer(byteLength);
  }
  if (byteLength > 0) TypedArrayPrototypeSet(new Uint8Array(copy), new Uint8Array(buffer, 0, byteLength));
  return copy;
}

class Serializer {
  constructor(forStorage) {
    this.forStorage = forStorage;
    this.memory = new SafeMap();
  }

  /** HTML StructuredSerializeInternal. */
  serialize(value) {
    // Primitives stand for themselves.
    if (value === null) return value;
    const type = typeof value;
    if (type !== "object") {
      if (type === "function") throw dataCloneError(`${describeFunction(value)} could not be cloned.`);
      if (type === "symbol") throw dataCloneError(`${String(value)} could not be cloned.`);
      return value;
    }
    const memory = this.memory;
    const seen = memory.get(value);
    if (seen !== undefined) return seen;

    const kind = classify(value);
    let record;
    switch (kind) {
      case K_PLAIN: {
        record = new Record(T_OBJECT);
        memory.set(value, record);
        record.a = this.serializeProperties(value);
        return record;
      }
      case K_ARRAY: {
        record = new Record(T_ARRAY);
        record.b = value.length;
        memory.set(value, record);
        record.a = this.serializeProperties(value);
        return record;
      }
      case K_BOOLEAN:
        record = new Record(T_BOOLEAN);
        record.a = BooleanPrototypeValueOf(value);
        break;
      case K_NUMBER:
        record = new Record(T_NUMBER);
        record.a = NumberPrototypeValueOf(value);
        break;
      case K_BIGINT:
        record = new Record(T_BIGINT);
        record.a = BigIntPrototypeValueOf(value);
        break;
      case K_STRING:
        record = new Record(T_STRING);
        record.a = StringPrototypeValueOf(value);
        break;
      case K_DATE:
        record = new Record(T_DATE);
        record.a = DatePrototypeGetTime(value);
        break;
      case K_REGEXP:
        record = new Record(T_REGEXP);
        record.a = RegExpPrototypeGetSource(value);
        record.b = originalFlags(value);
        break;
      case K_ARRAYBUFFER:
        if (isDetached(value)) throw dataCloneError("An ArrayBuffer is detached and could not be cloned.");
        record = new Record(T_ARRAYBUFFER);
        record.a = copyArrayBuffer(value);
        break;
      case K_VIEW:
        return this.serializeView(value);
      case K_MAP: {
        record = new Record(T_MAP);
        memory.set(value, record);
        // The entries are copied first: entries added while serializing are not included.
        const entries = [];
        MapPrototypeForEach(value, (entryValue, entryKey) => {
          entries[entries.length] = entryKey;
          entries[entries.length] = entryValue;
        });
        const out = [];
        for (let i = 0; i < entries.length; i++) out[i] = this.serialize(entries[i]);
        record.a = out;
        return record;
      }
      case K_SET: {
        record = new Record(T_SET);
        memory.set(value, record);
        const items = [];
        SetPrototypeForEach(value, (item) => {
          items[items.length] = item;
        });
        const out = [];
        for (let i = 0; i < items.length; i++) out[i] = this.serialize(items[i]);
        record.a = out;
        return record;
      }
      case K_ERROR:
        return this.serializeError(value);
      case K_PLATFORM:
        return this.serializePlatformObject(value);
      default:
        throw dataCloneError(`${ObjectPrototypeToString(value)} could not be cloned.`);
    }
    memory.set(value, record);
    return record;
  }

  /** Own enumerable string keys, each serialized if still present: [key, value, …]. */
  serializeProperties(value) {
    const keys = ObjectKeys(value);
    const out = [];
    let n = 0;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      // A getter may have deleted a later property.
      if (i > 0 && !ObjectHasOwn(value, key)) continue;
      const input = value[key];
      out[n++] = key;
      out[n++] = this.serialize(input);
    }
    return out;
  }

  serializeError(value) {
    let name = value.name;
    if (!isAllowedErrorName(name)) name = "Error";
    const messageDescriptor = ObjectGetOwnPropertyDescriptor(value, "message");
    let message;
    if (messageDescriptor !== undefined && "value" in messageDescriptor) {
      const raw = messageDescriptor.value;
      if (typeof raw === "symbol") throw new TypeError("Cannot convert a Symbol to a string (an error's message)");
      message = String(raw);
    }
    const record = new Record(T_ERROR);
    record.a = name;
    record.b = message;
    // Accompanying data: the stack (a string), and JavaScriptCore's location properties.
    const stack = ownDataValue(value, "stack");
    record.d = typeof stack === "string" ? stack : undefined;
    this.memory.set(value, record);
    const causeDescriptor = ObjectGetOwnPropertyDescriptor(value, "cause");
    if (causeDescriptor !== undefined && "value" in causeDescriptor) {
      record.e = true;
      record.c = this.serialize(causeDescriptor.value);
    }
    return record;
  }

  serializeView(value) {
    const typedName = TypedArrayPrototypeGetSymbolToStringTag(value);
    const isTyped = typedName !== undefined;
    const buffer = isTyped ? TypedArrayPrototypeGetBuffer(value) : DataViewPrototypeGetBuffer(value);
    // IsArrayBufferViewOutOfBounds (a detached buffer counts as out of bounds).
    const outOfBounds = isTyped ? !succeeds(TypedArrayPrototypeKeys, value) : !succeeds(DataViewPrototypeGetByteLength, value);
    if (outOfBounds) throw dataCloneError("An ArrayBuffer view is out of bounds or detached and could not be cloned.");
    if (!succeeds(ArrayBufferPrototypeGetByteLength, buffer)) {
      throw dataCloneError("A view on a SharedArrayBuffer could not be cloned.");
    }
    let tracking = false;
    if (ArrayBufferPrototypeGetResizable(buffer)) {
      tracking = isLengthTracking(value, buffer, isTyped, isTyped ? elementSizes[typedName] : 1);
    }
    const bufferRecord = this.serialize(buffer);
    const record = new Record(T_VIEW);
    record.a = isTyped ? typedName : "DataView";
    record.b = bufferRecord;
    record.c = isTyped ? TypedArrayPrototypeGetByteOffset(value) : DataViewPrototypeGetByteOffset(value);
    // Length in elements (bytes for DataView), or -1 for a length-tracking view.
    record.d = tracking ? -1 : isTyped ? TypedArrayPrototypeGetLength(value) : DataViewPrototypeGetByteLength(value);
    this.memory.set(value, record);
    return record;
  }

  serializePlatformObject(value) {
    const entry = findEntry(serializables, value);
    if (entry === null) {
      throw dataCloneError(`${ObjectPrototypeToString(value)} could not be cloned.`);
    }
    const record = new Record(T_PLATFORM);
    record.a = entry;
    this.memory.set(value, record);
    record.b = this.serialize(entry.serialize(value, this.forStorage));
    return record;
  }
}

function describeFunction(fn) {
  const descriptor = ObjectGetOwnPropertyDescriptor(fn, "name");
  const name = descriptor !== undefined && typeof descriptor.value === "string" ? descriptor.value : "";
  return name ? `function ${name}` : "A function";
}

// ---------------------------------------------------------------------------------------
// StructuredSerializeWithTransfer

/** True for an ArrayBuffer (not shared). */
function isArrayBuffer(value) {
  return succeeds(ArrayBufferPrototypeGetByteLength, value);
}

/**
 * HTML StructuredSerializeWithTransfer. `transferList` is an array of objects.
 * Returns { serialized, transferred: [records] }.
 */
function serialize(value, transferList = [], forStorage = false) {
  const serializer = new Serializer(forStorage);
  const memory = serializer.memory;
  const placeholders = [];
  for (let i = 0; i < transferList.length; i++) {
    const transferable = transferList[i];
    const isObject = transferable !== null && (typeof transferable === "object" || typeof transferable === "function");
    let entry = null;
    if (!isObject || (!isArrayBuffer(transferable) && (entry = findEntry(transferables, transferable)) === null)) {
      throw dataCloneError("Value at index " + i + " of the transfer list is not a transferable object.");
    }
    if (memory.has(transferable)) {
      throw dataCloneError("Value at index " + i + " of the transfer list is a duplicate.");
    }
    const record = new Record(PLACEHOLDER);
    record.a = entry;
    memory.set(transferable, record);
    placeholders[placeholders.length] = record;
  }
  const serialized = serializer.serialize(value);
  // Check every transferable before detaching any of them.
  for (let i = 0; i < transferList.length; i++) {
    const transferable = transferList[i];
    const entry = placeholders[i].a;
    if (entry === null) {
      if (isDetached(transferable)) throw dataCloneError("An ArrayBuffer in the transfer list is detached.");
    } else if (entry.isDetached(transferable)) {
      throw dataCloneError(`A ${entry.name} in the transfer list is detached.`);
    }
  }
  for (let i = 0; i < transferList.length; i++) {
    const transferable = transferList[i];
    const record = placeholders[i];
    if (record.a === null) {
      record.type = T_ARRAYBUFFER;
      // ArrayBufferCopyAndDetach(…, preserve-resizability); throws TypeError for buffers
      // that cannot be detached (WebAssembly memory).
      record.a = ArrayBufferPrototypeTransfer(transferable);
    } else {
      record.type = T_TRANSFERRED;
      record.b = record.a.transfer(transferable);
    }
  }
  return { serialized, transferred: placeholders };
}

// ---------------------------------------------------------------------------------------
// StructuredDeserialize

let passCounter = 0;

// CreateDataProperty without setters on the prototypes: plain assignment is used while
// Object.prototype and Array.prototype have their original properties, which is checked
// once per pass by counting keys (user code that adds an accessor adds a key).
const pristineObjectKeys = ReflectOwnKeys(ObjectPrototype).length;
const pristineArrayKeys = ReflectOwnKeys(ArrayPrototype).length;

class Deserializer {
  constructor() {
    this.token = ++passCounter;
    this.plainAssign = ReflectOwnKeys(ObjectPrototype).length === pristineObjectKeys &&
      ReflectOwnKeys(ArrayPrototype).length === pristineArrayKeys;
  }

  deserialize(record) {
    if (record === null || typeof record !== "object") return record;
    if (record.token === this.token) return record.out;
    let value;
    switch (record.type) {
      case T_OBJECT:
        value = {};
        this.remember(record, value);
        this.setProperties(value, record.a);
        return value;
      case T_ARRAY:
        value = new Array(record.b);
        this.remember(record, value);
        this.setProperties(value, record.a);
        return value;
      case T_BOOLEAN:
        value = new core.primordials.Boolean(record.a);
        break;
      case T_NUMBER:
        value = new core.primordials.Number(record.a);
        break;
      case T_BIGINT:
        value = Object(record.a);
        break;
      case T_STRING:
        value = new String(record.a);
        break;
      case T_DATE:
        value = new Date(record.a);
        break;
      case T_REGEXP:
        value = new RegExp(record.a, record.b);
        break;
      case T_ARRAYBUFFER:
        value = record.a;
        break;
      case T_VIEW: {
        const buffer = this.deserialize(record.b);
        const name = record.a;
        const Ctor = name === "DataView" ? DataView : core.primordials[name];
        value = record.d === -1 ? new Ctor(buffer, record.c) : new Ctor(buffer, record.c, record.d);
        break;
      }
      case T_MAP: {
        value = new Map();
        this.remember(record, value);
        const entries = record.a;
        for (let i = 0; i < entries.length; i += 2) {
          MapPrototypeSet(value, this.deserialize(entries[i]), this.deserialize(entries[i + 1]));
        }
        return value;
      }
      case T_SET: {
        value = new Set();
        this.remember(record, value);
        const items = record.a;
        for (let i = 0; i < items.length; i++) SetPrototypeAdd(value, this.deserialize(items[i]));
        return value;
      }
      case T_ERROR: {
        const Ctor = errorConstructors[record.a];
        value = new Ctor();
        if (record.b !== undefined) defineHidden(value, "message", record.b);
        if (record.d !== undefined) defineHidden(value, "stack", record.d);
        this.remember(record, value);
        if (record.e === true) defineHidden(value, "cause", this.deserialize(record.c));
        return value;
      }
      case T_PLATFORM:
        value = record.a.deserialize(this.deserialize(record.b));
        break;
      case T_TRANSFERRED:
        value = record.a.receive(record.b);
        break;
      case T_COPIED:
        return record.a;
      default:
        throw dataCloneError("A value could not be deserialized.");
    }
    this.remember(record, value);
    return value;
  }

  remember(record, value) {
    record.token = this.token;
    record.out = value;
  }

  setProperties(object, properties) {
    if (this.plainAssign) {
      for (let i = 0; i < properties.length; i += 2) {
        const key = properties[i];
        const value = this.deserialize(properties[i + 1]);
        if (key === "__proto__") {
          ObjectDefineProperty(object, key, { __proto__: null, value, writable: true, enumerable: true, configurable: true });
        } else {
          object[key] = value;
        }
      }
    } else {
      for (let i = 0; i < properties.length; i += 2) {
        ObjectDefineProperty(object, properties[i], {
          __proto__: null, value: this.deserialize(properties[i + 1]), writable: true, enumerable: true, configurable: true,
        });
      }
    }
  }
}

/**
 * HTML StructuredDeserializeWithTransfer: returns { value, transferred } where
 * `transferred` lists the objects made from the transfer list, in its order.
 */
function deserialize(result) {
  const deserializer = new Deserializer();
  const transferred = [];
  const records = result.transferred;
  for (let i = 0; i < records.length; i++) ArrayPrototypePush(transferred, deserializer.deserialize(records[i]));
  const value = deserializer.deserialize(result.serialized);
  return { value, transferred };
}

// ---------------------------------------------------------------------------------------
// Direct cloning
//
// structuredClone() without a transfer list serializes and deserializes in one walk: the
// deserialization steps run no user code, so building each copy as soon as its original is
// serialized is indistinguishable from the two passes (a failure midway leaves only
// garbage), and it allocates half as much.

class DirectCloner {
  constructor() {
    this.memory = new SafeMap();
    this.plainAssign = ReflectOwnKeys(ObjectPrototype).length === pristineObjectKeys &&
      ReflectOwnKeys(ArrayPrototype).length === pristineArrayKeys;
  }

  clone(value) {
    if (value === null) return value;
    const type = typeof value;
    if (type !== "object") {
      if (type === "function") throw dataCloneError(`${describeFunction(value)} could not be cloned.`);
      if (type === "symbol") throw dataCloneError(`${String(value)} could not be cloned.`);
      return value;
    }
    const memory = this.memory;
    const seen = memory.get(value);
    if (seen !== undefined) return seen;
    let copy;
    switch (classify(value)) {
      case K_PLAIN:
        copy = {};
        memory.set(value, copy);
        this.copyProperties(value, copy);
        return copy;
      case K_ARRAY:
        copy = new Array(value.length);
        memory.set(value, copy);
        this.copyProperties(value, copy);
        return copy;
      case K_BOOLEAN:
        copy = new core.primordials.Boolean(BooleanPrototypeValueOf(value));
        break;
      case K_NUMBER:
        copy = new core.primordials.Number(NumberPrototypeValueOf(value));
        break;
      case K_BIGINT:
        copy = Object(BigIntPrototypeValueOf(value));
        break;
      case K_STRING:
        copy = new String(StringPrototypeValueOf(value));
        break;
      case K_DATE:
        copy = new Date(DatePrototypeGetTime(value));
        break;
      case K_REGEXP:
        copy = new RegExp(RegExpPrototypeGetSource(value), originalFlags(value));
        break;
      case K_ARRAYBUFFER:
        if (isDetached(value)) throw dataCloneError("An ArrayBuffer is detached and could not be cloned.");
        copy = copyArrayBuffer(value);
        break;
      case K_VIEW:
      case K_ERROR:
      case K_PLATFORM: {
        // Rarer kinds: through a record, sharing this walk's memory.
        const serializer = new Serializer(false);
        const recordMemory = new RecordMemory(this);
        serializer.memory = recordMemory;
        const deserializer = new Deserializer();
        const result = deserializer.deserialize(serializer.serialize(value));
        // Everything the side pass copied joins this walk's memory.
        const token = deserializer.token;
        recordMemory.records.forEach((record, original) => {
          if (record.token === token) memory.set(original, record.out);
        });
        return result;
      }
      case K_MAP: {
        copy = new Map();
        memory.set(value, copy);
        const entries = [];
        MapPrototypeForEach(value, (entryValue, entryKey) => {
          entries[entries.length] = entryKey;
          entries[entries.length] = entryValue;
        });
        const cloned = [];
        for (let i = 0; i < entries.length; i++) cloned[i] = this.clone(entries[i]);
        for (let i = 0; i < cloned.length; i += 2) MapPrototypeSet(copy, cloned[i], cloned[i + 1]);
        return copy;
      }
      case K_SET: {
        copy = new Set();
        memory.set(value, copy);
        const items = [];
        SetPrototypeForEach(value, (item) => {
          items[items.length] = item;
        });
        const cloned = [];
        for (let i = 0; i < items.length; i++) cloned[i] = this.clone(items[i]);
        for (let i = 0; i < cloned.length; i++) SetPrototypeAdd(copy, cloned[i]);
        return copy;
      }
      default:
        throw dataCloneError(`${ObjectPrototypeToString(value)} could not be cloned.`);
    }
    memory.set(value, copy);
    return copy;
  }

  /** Own enumerable string-keyed properties, each cloned if still present when reached. */
  copyProperties(value, copy) {
    const keys = ObjectKeys(value);
    const plain = this.plainAssign;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (i > 0 && !ObjectHasOwn(value, key)) continue;
      const cloned = this.clone(value[key]);
      if (plain && key !== "__proto__") {
        copy[key] = cloned;
      } else {
        ObjectDefineProperty(copy, key, { __proto__: null, value: cloned, writable: true, enumerable: true, configurable: true });
      }
    }
  }
}

/**
 * The memory of a Serializer used inside a direct walk: values already copied by the walk
 * come back as "copied" records, so views, errors and platform objects share references
 * with the rest of the graph.
 */
class RecordMemory {
  constructor(direct) {
    this.direct = direct;
    this.records = new SafeMap();
  }

  get(value) {
    const record = this.records.get(value);
    if (record !== undefined) return record;
    const copy = this.direct.memory.get(value);
    if (copy === undefined) return undefined;
    const copied = new Record(T_COPIED);
    copied.a = copy;
    this.records.set(value, copied);
    return copied;
  }

  set(value, record) {
    this.records.set(value, record);
  }

  has(value) {
    return this.get(value) !== undefined;
  }
}

// ---------------------------------------------------------------------------------------
// structuredClone

const convertTransferList = webidl.createSequenceConverter(converters.object);
const convertOptions = webidl.createDictionaryConverter("StructuredSerializeOptions", [
  { key: "transfer", converter: convertTransferList, defaultValue: () => [] },
]);

function structuredClone(value, options = undefined) {
  const prefix = "Failed to execute 'structuredClone'";
  webidl.requiredArguments(arguments.length, 1, prefix);
  options = convertOptions(options, prefix, "Argument 2");
  if (options.transfer.length === 0) return new DirectCloner().clone(value);
  const serialized = serialize(value, options.transfer, false);
  return deserialize(serialized).value;
}

void [Symbol, TypeError, ObjectFreeze, WeakMapPrototypeGet];

return ObjectFreeze({
  __proto__: null,
  deserialize,
  registerSerializable,
  registerTransferable,
  serialize,
  structuredClone,
});
