// Primordials: the built-ins the runtime uses, captured before any user code runs, so user
// code that replaces `Array.prototype.push`, `Promise.prototype.then`, `Object.defineProperty`
// and the like can neither break the Web APIs nor observe their internals.
//
// Naming (as in Deno): `ArrayPrototypePush(array, x)` is the uncurried prototype method,
// `ArrayPrototypeGetLength` a getter, `ObjectDefineProperty` a static (bound to its
// constructor), `SymbolIterator` a well-known symbol. `Safe*` collections have their own
// copies of the prototype methods.
//
// Returns a frozen, null-prototype object.

const global = globalThis;
const { apply, bind, call } = Function.prototype;
const ReflectApply = Reflect.apply;
const applyBind = bind.bind(apply);

// Uncurrying. JavaScriptCore does not optimize `call.bind(fn)` (Deno's uncurryThis): it
// costs ~30x a direct call here. `fn.call(t, a)` is as fast as a direct call, but looks up
// `call` on Function.prototype, which user code may replace. So each captured function gets
// its own non-writable, non-configurable `call` (the original), and the uncurried form
// calls `fn.call(...)` with the caller's exact argument count.
function pinCall(fn) {
  if (Object.getOwnPropertyDescriptor(fn, "call") === undefined && Object.isExtensible(fn)) {
    Object.defineProperty(fn, "call", { value: call, writable: false, enumerable: false, configurable: false });
  }
}

function uncurryThis(fn) {
  pinCall(fn);
  return function (thisArg, a, b, c, d) {
    switch (arguments.length) {
      case 0:
      case 1: return fn.call(thisArg);
      case 2: return fn.call(thisArg, a);
      case 3: return fn.call(thisArg, a, b);
      case 4: return fn.call(thisArg, a, b, c);
      case 5: return fn.call(thisArg, a, b, c, d);
      default: {
        const args = [];
        for (let i = 1; i < arguments.length; i++) args[i - 1] = arguments[i];
        return ReflectApply(fn, thisArg, args);
      }
    }
  };
}
const primordials = Object.create(null);
const ReflectOwnKeys = Reflect.ownKeys;
const ObjectGetOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
const ObjectDefinePropertyRaw = Object.defineProperty;

function capitalize(key) {
  if (typeof key === "symbol") {
    const description = key.description;
    // Symbol.iterator -> "SymbolIterator"
    const name = description.startsWith("Symbol.") ? description.slice(7) : description;
    return "Symbol" + name[0].toUpperCase() + name.slice(1);
  }
  return key[0].toUpperCase() + key.slice(1);
}

function copyStatics(source, prefix) {
  const keys = ReflectOwnKeys(source);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (key === "prototype" || key === "length" || key === "name" || key === "caller" || key === "arguments") continue;
    const desc = ObjectGetOwnPropertyDescriptor(source, key);
    const name = prefix + capitalize(key);
    if ("value" in desc) {
      primordials[name] = typeof desc.value === "function" ? bind.call(desc.value, source) : desc.value;
      if (typeof desc.value === "function") {
        ObjectDefinePropertyRaw(primordials[name], "name", { value: desc.value.name });
      }
    } else if (desc.get) {
      primordials[prefix + "Get" + capitalize(key)] = uncurryThis(desc.get);
    }
  }
}

function copyPrototype(source, prefix) {
  const keys = ReflectOwnKeys(source);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (key === "constructor") continue;
    const desc = ObjectGetOwnPropertyDescriptor(source, key);
    if ("value" in desc) {
      if (typeof desc.value === "function") {
        primordials[prefix + capitalize(key)] = uncurryThis(desc.value);
        primordials[prefix + capitalize(key) + "Apply"] = applyBind(desc.value);
      } else {
        primordials[prefix + capitalize(key)] = desc.value;
      }
    } else {
      if (desc.get) primordials[prefix + "Get" + capitalize(key)] = uncurryThis(desc.get);
      if (desc.set) primordials[prefix + "Set" + capitalize(key)] = uncurryThis(desc.set);
    }
  }
}

// Namespaces: their functions do not depend on `this`.
for (const name of ["JSON", "Math", "Reflect", "Atomics"]) {
  const namespace = global[name];
  primordials[name] = namespace;
  const keys = ReflectOwnKeys(namespace);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const desc = ObjectGetOwnPropertyDescriptor(namespace, key);
    if ("value" in desc) primordials[name + capitalize(key)] = desc.value;
  }
}

// Constructors: statics and prototypes.
const constructors = [
  "AggregateError", "Array", "ArrayBuffer", "BigInt", "BigInt64Array", "BigUint64Array",
  "Boolean", "DataView", "Date", "Error", "EvalError", "FinalizationRegistry", "Float32Array",
  "Float64Array", "Function", "Int16Array", "Int32Array", "Int8Array", "Map", "Number",
  "Object", "Promise", "Proxy", "RangeError", "ReferenceError", "RegExp", "Set", "String",
  "Symbol", "SyntaxError", "TypeError", "URIError", "Uint16Array", "Uint32Array", "Uint8Array",
  "Uint8ClampedArray", "WeakMap", "WeakRef", "WeakSet",
];
if (typeof global.Float16Array === "function") constructors.push("Float16Array");
if (typeof global.SharedArrayBuffer === "function") constructors.push("SharedArrayBuffer");
for (let i = 0; i < constructors.length; i++) {
  const name = constructors[i];
  const ctor = global[name];
  primordials[name] = ctor;
  copyStatics(ctor, name);
  if (ctor.prototype) copyPrototype(ctor.prototype, name + "Prototype");
}

// Intrinsics with no global name.
const TypedArray = Object.getPrototypeOf(Uint8Array);
primordials.TypedArray = TypedArray;
copyStatics(TypedArray, "TypedArray");
copyPrototype(TypedArray.prototype, "TypedArrayPrototype");

const ArrayIteratorPrototype = Object.getPrototypeOf([][Symbol.iterator]());
primordials.ArrayIteratorPrototype = ArrayIteratorPrototype;
copyPrototype(ArrayIteratorPrototype, "ArrayIteratorPrototype");

const IteratorPrototype = Object.getPrototypeOf(ArrayIteratorPrototype);
primordials.IteratorPrototype = IteratorPrototype;

const AsyncIteratorPrototype = Object.getPrototypeOf(
  Object.getPrototypeOf(async function* () {}).prototype,
);
primordials.AsyncIteratorPrototype = AsyncIteratorPrototype;

const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor;
const GeneratorFunction = Object.getPrototypeOf(function* () {}).constructor;
const AsyncGeneratorFunction = Object.getPrototypeOf(async function* () {}).constructor;
primordials.AsyncFunction = AsyncFunction;
primordials.GeneratorFunction = GeneratorFunction;
primordials.AsyncGeneratorFunction = AsyncGeneratorFunction;
primordials.AsyncGeneratorPrototype = Object.getPrototypeOf(async function* () {}).prototype;

primordials.uncurryThis = uncurryThis;
primordials.applyBind = applyBind;
primordials.globalThis = global;

// Collections whose methods cannot be replaced from outside: a subclass whose prototype
// carries copies of the built-in methods, frozen.
function makeSafe(unsafe, safe) {
  const keys = ReflectOwnKeys(unsafe.prototype);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (key === "constructor") continue;
    const desc = ObjectGetOwnPropertyDescriptor(unsafe.prototype, key);
    ObjectDefinePropertyRaw(safe.prototype, key, desc);
  }
  Object.freeze(safe.prototype);
  Object.freeze(safe);
  return safe;
}

primordials.SafeMap = makeSafe(Map, class SafeMap extends Map {
  constructor() { super(); }
});
primordials.SafeSet = makeSafe(Set, class SafeSet extends Set {
  constructor() { super(); }
});
primordials.SafeWeakMap = makeSafe(WeakMap, class SafeWeakMap extends WeakMap {
  constructor() { super(); }
});
primordials.SafeWeakSet = makeSafe(WeakSet, class SafeWeakSet extends WeakSet {
  constructor() { super(); }
});
primordials.SafeWeakRef = makeSafe(WeakRef, class SafeWeakRef extends WeakRef {
  constructor(target) { super(target); }
});
primordials.SafeFinalizationRegistry = makeSafe(FinalizationRegistry, class SafeFinalizationRegistry extends FinalizationRegistry {
  constructor(cleanup) { super(cleanup); }
});

// Promise helpers that never touch user-replaceable `then` or species.
const PromiseCtor = Promise;
const PromisePrototypeThen = primordials.PromisePrototypeThen;
primordials.PromiseResolve = (value) => new PromiseCtor((resolve) => resolve(value));
primordials.PromiseReject = (reason) => new PromiseCtor((_, reject) => reject(reason));
/** A new promise with its resolve and reject functions. */
// The engine's own Promise.withResolvers (bound to %Promise% above) is about 20 times
// faster in JavaScriptCore than an executor closure; the fallback is for engines without it.
if (typeof primordials.PromiseWithResolvers !== "function") primordials.PromiseWithResolvers = () => {
  let resolve, reject;
  const promise = new PromiseCtor((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};
/** Marks a promise handled so its rejection is never reported as unhandled. */
primordials.PromiseMarkHandled = (promise) => {
  PromisePrototypeThen(promise, undefined, () => {});
};
/** Promise.all over an array, without the array iterator or `then` lookups. */
primordials.SafePromiseAll = (promises) =>
  new PromiseCtor((resolve, reject) => {
    const results = [];
    let remaining = promises.length;
    if (remaining === 0) {
      resolve(results);
      return;
    }
    for (let i = 0; i < promises.length; i++) {
      PromisePrototypeThen(
        primordials.PromiseResolve(promises[i]),
        (value) => {
          results[i] = value;
          if (--remaining === 0) resolve(results);
        },
        reject,
      );
    }
  });

/** Iterates an array by index, safe from a replaced Array.prototype[Symbol.iterator]. */
primordials.SafeArrayIterator = class SafeArrayIterator {
  #array;
  #index = 0;
  constructor(array) { this.#array = array; }
  next() {
    if (this.#index < this.#array.length) return { value: this.#array[this.#index++], done: false };
    return { value: undefined, done: true };
  }
  [Symbol.iterator]() { return this; }
};
Object.freeze(primordials.SafeArrayIterator.prototype);

return Object.freeze(primordials);
