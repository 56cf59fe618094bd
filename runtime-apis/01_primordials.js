// Primordials: the built-ins the runtime uses, captured before any user code runs, so user
// code that replaces `Array.prototype.push`, `Promise.prototype.then`, `Object.defineProperty`
// and the like can neither break the Web APIs nor observe their internals.
//
// Naming (as in Deno): `ArrayPrototypePush(array, x)` is the uncurried prototype method,
// `ArrayPrototypePushApply(array, args)` its apply form, `ArrayPrototypeGetLength` a
// getter, `ObjectDefineProperty` a static (bound to its constructor), `SymbolIterator` a
// well-known symbol. `Safe*` collections have their own copies of the prototype methods.
//
// Captured eagerly, wrapped lazily. Making every possible wrapper at bootstrap (about
// 1,200 closures and bound functions, and reading every built-in's descriptor, which makes
// JavaScriptCore create each lazily-built built-in function) was the largest part of a
// realm's boot, though the modules use fewer than 200. Now Swift passes the names the
// modules use (`core.config.primordials`, scanned from their sources); the bootstrap
// captures just those originals, before user code runs, and a wrapper is made the first
// time a module reads it. Code here that runs lazily (after user code may have changed the
// built-ins) uses only what was captured at the top.
//
// Returns a read-only object (a Proxy over a null-prototype cache).

const global = globalThis;
const { apply, bind, call } = Function.prototype;
const ReflectApply = Reflect.apply;
const ReflectOwnKeys = Reflect.ownKeys;
const ReflectGet = Reflect.get;
const ProxyCtor = Proxy;
const ErrorCtor = Error;
const ObjectHasOwn = Object.hasOwn;
const ObjectIsExtensible = Object.isExtensible;
const ObjectGetOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
const ObjectDefinePropertyRaw = Object.defineProperty;
const ObjectGetPrototypeOf = Object.getPrototypeOf;
const ObjectFreeze = Object.freeze;
const StringPrototypeSlice = String.prototype.slice;
const StringPrototypeCharCodeAt = String.prototype.charCodeAt;
const StringPrototypeStartsWith = String.prototype.startsWith;
const StringPrototypeEndsWith = String.prototype.endsWith;
const StringPrototypeToLowerCase = String.prototype.toLowerCase;
const StringPrototypeSplit = String.prototype.split;
const SymbolCtor = Symbol;
const SymbolPrototypeGetDescription = ObjectGetOwnPropertyDescriptor(Symbol.prototype, "description").get;
const ArrayPrototypeJoin = Array.prototype.join;
const applyBind = ReflectApply(bind, bind, [apply]);

// Uncurrying. JavaScriptCore does not optimize `call.bind(fn)` (Deno's uncurryThis) nor
// `call.call(fn, …)`: both cost ~10x a direct call here. `fn.call(t, a)` is as fast as a
// direct call, but looks up `call` on Function.prototype, which user code may replace. So
// each captured function gets its own non-writable, non-configurable `call` (the original),
// and the uncurried form calls `fn.call(...)` with the caller's exact argument count. A
// function user code already gave an own `call`, or made non-extensible, is called through
// Reflect.apply instead (slower, as safe).
function pinCall(fn) {
  const existing = ObjectGetOwnPropertyDescriptor(fn, "call");
  if (existing !== undefined) {
    // Pinned already (one built-in under two names: Array.prototype.values is also
    // [Symbol.iterator]), or by user code to the same fixed value, which is as good.
    return ObjectHasOwn(existing, "value") && existing.value === call && existing.writable === false &&
      existing.configurable === false;
  }
  if (!ObjectIsExtensible(fn)) return false;
  ObjectDefinePropertyRaw(fn, "call", { __proto__: null, value: call, writable: false, enumerable: false, configurable: false });
  return true;
}

function uncurryThis(fn) {
  if (!pinCall(fn)) {
    return function (thisArg, ...args) {
      return ReflectApply(fn, thisArg, args);
    };
  }
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
        for (let i = 1; i < arguments.length; i++) ObjectDefinePropertyRaw(args, i - 1, { __proto__: null, value: arguments[i], writable: true, enumerable: true, configurable: true });
        return ReflectApply(fn, thisArg, args);
      }
    }
  };
}

// The cache the Proxy reads: entries made at bootstrap plus every wrapper made so far.
const primordials = { __proto__: null };

// name prefix -> { object, kind, expression }: kind is "static", "prototype" or "namespace";
// `expression` is how the capture code the first realm writes reaches the object. Built on
// first use: only the first realm of a process, which finds every name, needs them.
let sources = null;
function addSource(prefix, object, kind, expression) {
  sources[prefix] = { __proto__: null, object, kind, expression };
}

function isUpperCase(code) {
  return code >= 65 && code <= 90;
}

function lowerFirst(text) {
  return ReflectApply(StringPrototypeToLowerCase, text[0], []) + ReflectApply(StringPrototypeSlice, text, [1]);
}

const SKIPPED_STATICS = { __proto__: null, prototype: true, length: true, name: true, caller: true, arguments: true };

/**
 * The own data property of `object` a primordial suffix names: "Push" -> push,
 * "MAX_SAFE_INTEGER" as is, "SymbolIterator" -> [Symbol.iterator].
 */
function dataProperty(object, suffix) {
  if (ReflectApply(StringPrototypeStartsWith, suffix, ["Symbol"]) && suffix.length > 6) {
    const symbol = SymbolCtor[lowerFirst(ReflectApply(StringPrototypeSlice, suffix, [6]))];
    if (typeof symbol === "symbol") {
      const desc = ObjectGetOwnPropertyDescriptor(object, symbol);
      if (desc !== undefined) return { __proto__: null, key: symbol, desc };
    }
  }
  const lower = lowerFirst(suffix);
  const desc = ObjectGetOwnPropertyDescriptor(object, lower);
  if (desc !== undefined) return { __proto__: null, key: lower, desc };
  const exact = ObjectGetOwnPropertyDescriptor(object, suffix);
  if (exact !== undefined) return { __proto__: null, key: suffix, desc: exact };
  return undefined;
}

/** What `suffix` names in `source`: { how, value, object } or undefined. */
function find(source, suffix) {
  const { object, kind } = source;
  const data = dataProperty(object, suffix);
  if (data !== undefined && ObjectHasOwn(data.desc, "value")) {
    const value = data.desc.value;
    const { key } = data;
    if (kind === "namespace") return entry("value", value, object, key, "value");
    if (kind === "static") {
      if (typeof key === "string" && SKIPPED_STATICS[key] === true) return undefined;
      return entry(typeof value === "function" ? "static" : "value", value, object, key, "value");
    }
    if (key === "constructor") return undefined;
    return entry(typeof value === "function" ? "method" : "value", value, object, key, "value");
  }
  if (kind === "namespace") return undefined;
  if (kind === "prototype" && ReflectApply(StringPrototypeEndsWith, suffix, ["Apply"])) {
    const base = dataProperty(object, ReflectApply(StringPrototypeSlice, suffix, [0, -5]));
    if (base !== undefined && ObjectHasOwn(base.desc, "value") && typeof base.desc.value === "function") {
      return entry("apply", base.desc.value, object, base.key, "value");
    }
  }
  const getter = ReflectApply(StringPrototypeStartsWith, suffix, ["Get"]);
  if (getter || (kind === "prototype" && ReflectApply(StringPrototypeStartsWith, suffix, ["Set"]))) {
    const accessor = dataProperty(object, ReflectApply(StringPrototypeSlice, suffix, [3]));
    if (accessor !== undefined && !ObjectHasOwn(accessor.desc, "value")) {
      const fn = getter ? accessor.desc.get : accessor.desc.set;
      if (fn !== undefined) return entry("method", fn, object, accessor.key, getter ? "get" : "set");
    }
  }
  return undefined;
}

/** A captured original: how to wrap it, and where it was found (for the capture code). */
function entry(how, value, object, key, slot) {
  return { __proto__: null, how, value, object, key, slot, prefix: "" };
}

/**
 * Finds primordial `name`'s original in its source: the longest prefix of `name` ending at
 * a word boundary (an upper-case letter) that names a source with the rest of the name.
 */
function capture(name) {
  if (sources === null) defineSources();
  for (let end = name.length - 1; end > 0; end--) {
    if (!isUpperCase(ReflectApply(StringPrototypeCharCodeAt, name, [end]))) continue;
    const source = sources[ReflectApply(StringPrototypeSlice, name, [0, end])];
    if (source === undefined) continue;
    const found = find(source, ReflectApply(StringPrototypeSlice, name, [end]));
    if (found !== undefined) {
      found.prefix = ReflectApply(StringPrototypeSlice, name, [0, end]);
      return found;
    }
  }
  return undefined;
}

/** The primordial for a captured original: the wrapper modules call. */
function make(how, value, object) {
  switch (how) {
    case "value": return value;
    case "static": {
      const bound = ReflectApply(bind, value, [object]);
      ObjectDefinePropertyRaw(bound, "name", { __proto__: null, value: ReflectGet(value, "name") });
      return bound;
    }
    case "method": return uncurryThis(value);
    case "apply": return applyBind(value);
  }
  return undefined;
}

// For every name the modules use (RuntimeAPIs.primordialNames): the captured original, how
// to wrap it ("value", "static", "method", "apply"; "absent" for a name this engine does
// not have), and the object a static binds to.
const captured = { __proto__: null };
const capturedHow = { __proto__: null };
const capturedObject = { __proto__: null };

function resolve(name) {
  const how = capturedHow[name];
  if (how === undefined || how === "absent") return undefined;
  const value = make(how, captured[name], capturedObject[name]);
  primordials[name] = value;
  return value;
}

// Namespaces: their functions do not depend on `this`.
const namespaces = ["JSON", "Math", "Reflect", "Atomics"];
for (let i = 0; i < namespaces.length; i++) primordials[namespaces[i]] = global[namespaces[i]];

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
for (let i = 0; i < constructors.length; i++) primordials[constructors[i]] = global[constructors[i]];

// Intrinsics with no global name.
const TypedArray = ObjectGetPrototypeOf(Uint8Array);
primordials.TypedArray = TypedArray;
const ArrayIteratorPrototype = ObjectGetPrototypeOf([][Symbol.iterator]());
primordials.ArrayIteratorPrototype = ArrayIteratorPrototype;

/** Where names are looked for: the captured namespaces, constructors and intrinsics. */
function defineSources() {
  sources = { __proto__: null };
  for (let i = 0; i < namespaces.length; i++) {
    const name = namespaces[i];
    addSource(name, primordials[name], "namespace", "G." + name);
  }
  for (let i = 0; i < constructors.length; i++) {
    const name = constructors[i];
    const ctor = primordials[name];
    addSource(name, ctor, "static", "G." + name);
    if (ctor.prototype) addSource(name + "Prototype", ctor.prototype, "prototype", "G." + name + ".prototype");
  }
  addSource("TypedArray", TypedArray, "static", "TA");
  addSource("TypedArrayPrototype", TypedArray.prototype, "prototype", "TA.prototype");
  addSource("ArrayIteratorPrototype", ArrayIteratorPrototype, "prototype", "AIP");
}

const IteratorPrototype = ObjectGetPrototypeOf(ArrayIteratorPrototype);
primordials.IteratorPrototype = IteratorPrototype;

const AsyncIteratorPrototype = ObjectGetPrototypeOf(
  ObjectGetPrototypeOf(async function* () {}).prototype,
);
primordials.AsyncIteratorPrototype = AsyncIteratorPrototype;

const AsyncFunction = ObjectGetPrototypeOf(async function () {}).constructor;
const GeneratorFunction = ObjectGetPrototypeOf(function* () {}).constructor;
const AsyncGeneratorFunction = ObjectGetPrototypeOf(async function* () {}).constructor;
primordials.AsyncFunction = AsyncFunction;
primordials.GeneratorFunction = GeneratorFunction;
primordials.AsyncGeneratorFunction = AsyncGeneratorFunction;
primordials.AsyncGeneratorPrototype = ObjectGetPrototypeOf(async function* () {}).prototype;

primordials.uncurryThis = uncurryThis;
primordials.applyBind = applyBind;
primordials.globalThis = global;

// Collections whose methods cannot be replaced from outside: a subclass whose prototype
// carries copies of the built-in methods, frozen.

/** The own members of a built-in prototype (but `constructor`), as [key, descriptor, …]. */
function captureMembers(unsafe) {
  const prototype = unsafe.prototype;
  const keys = ReflectOwnKeys(prototype);
  const members = [];
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (key === "constructor") continue;
    members[members.length] = key;
    members[members.length] = ObjectGetOwnPropertyDescriptor(prototype, key);
  }
  return members;
}

function makeSafe(members, safe) {
  for (let i = 0; i < members.length; i += 2) ObjectDefinePropertyRaw(safe.prototype, members[i], members[i + 1]);
  ObjectFreeze(safe.prototype);
  ObjectFreeze(safe);
  return safe;
}

primordials.SafeMap = makeSafe(captureMembers(Map), class SafeMap extends Map {
  constructor() { super(); }
});
primordials.SafeSet = makeSafe(captureMembers(Set), class SafeSet extends Set {
  constructor() { super(); }
});

// The weak ones are made when a module first reads them (a segment's boot and first request
// need none; making all four was a fifth of this file's time), from the methods read now.
const WeakMapCtor = WeakMap;
const WeakSetCtor = WeakSet;
const WeakRefCtor = WeakRef;
const FinalizationRegistryCtor = FinalizationRegistry;
const lazySafe = { __proto__: null };
{
  const weakMapMembers = captureMembers(WeakMapCtor);
  const weakSetMembers = captureMembers(WeakSetCtor);
  const weakRefMembers = captureMembers(WeakRefCtor);
  const registryMembers = captureMembers(FinalizationRegistryCtor);
  lazySafe.SafeWeakMap = () => makeSafe(weakMapMembers, class SafeWeakMap extends WeakMapCtor {
    constructor() { super(); }
  });
  lazySafe.SafeWeakSet = () => makeSafe(weakSetMembers, class SafeWeakSet extends WeakSetCtor {
    constructor() { super(); }
  });
  lazySafe.SafeWeakRef = () => makeSafe(weakRefMembers, class SafeWeakRef extends WeakRefCtor {
    constructor(target) { super(target); }
  });
  lazySafe.SafeFinalizationRegistry = () => makeSafe(registryMembers, class SafeFinalizationRegistry extends FinalizationRegistryCtor {
    constructor(cleanup) { super(cleanup); }
  });
}

/** A lazily made Safe class, made now. */
function resolveLazySafe(name) {
  const make = lazySafe[name];
  if (make === undefined) return undefined;
  const value = make();
  primordials[name] = value;
  lazySafe[name] = undefined;
  return value;
}

// Capture the originals of every name the modules use, now, before any user code runs.
//
// Finding a name's source and key (`capture`) is string work, the same in every realm of
// the process. The first realm does it and writes the result as code: a function that
// reads each original straight from its built-in ("v.ArrayPrototypePush = G.Array.prototype
// .push; h.ArrayPrototypePush = 'method'"), which Swift compiles once per VM and hands to
// every later realm (`core.config.primordialCapture`). Those run it (a few hundred property
// reads) instead of searching or parsing anything.
const JSONStringify = JSON.stringify;

function captureAll(names) {
  const prefixes = { __proto__: null };
  const declarations = [];
  const lines = [];
  const push = (list, text) => ObjectDefinePropertyRaw(list, list.length, {
    __proto__: null, value: text, writable: true, enumerable: true, configurable: true,
  });
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    if (name === "" || primordials[name] !== undefined || lazySafe[name] !== undefined || capturedHow[name] !== undefined) {
      continue;
    }
    const found = capture(name);
    if (found === undefined) {
      // Absent in this engine (SharedArrayBuffer without cross-origin isolation, say): later
      // realms learn so from the capture code, without searching the built-ins again.
      capturedHow[name] = "absent";
      const quoted = JSONStringify(name);
      push(lines, "h[" + quoted + "] = \"absent\";");
      continue;
    }
    captured[name] = found.value;
    capturedHow[name] = found.how;
    capturedObject[name] = found.object;
    let local = prefixes[found.prefix];
    if (local === undefined) {
      local = "P" + declarations.length;
      prefixes[found.prefix] = local;
      push(declarations, "const " + local + " = " + sources[found.prefix].expression + ";");
    }
    const key = typeof found.key === "symbol"
      ? "G.Symbol." + ReflectApply(StringPrototypeSlice, ReflectApply(SymbolPrototypeGetDescription, found.key, []), [7])
      : JSONStringify(found.key);
    const read = found.slot === "value" ? local + "[" + key + "]" : "D(" + local + ", " + key + ")." + found.slot;
    const quoted = JSONStringify(name);
    push(lines, "v[" + quoted + "] = " + read + "; h[" + quoted + "] = " + JSONStringify(found.how) + "; o[" + quoted + "] = " +
      local + ";");
  }
  return "(function primordialCapture(G, TA, AIP, D, v, h, o) {\n\"use strict\";\n" +
    ReflectApply(ArrayPrototypeJoin, declarations, ["\n"]) + "\n" + ReflectApply(ArrayPrototypeJoin, lines, ["\n"]) + "\n})";
}

{
  const runCapture = core.config.primordialCapture;
  let replayed = false;
  if (typeof runCapture === "function") {
    try {
      runCapture(global, TypedArray, ArrayIteratorPrototype, ObjectGetOwnPropertyDescriptor, captured, capturedHow, capturedObject);
      replayed = true;
    } catch {
      // (A built-in that differs from the first realm's: find every name instead.)
    }
  }
  if (!replayed) {
    const names = ReflectApply(StringPrototypeSplit, core.config.primordials, ["\n"]);
    names[names.length] = "PromisePrototypeThen";
    names[names.length] = "PromiseWithResolvers";
    core.primordialRecipe = captureAll(names);
  }
}

// Promise helpers that never touch user-replaceable `then` or species.
const PromiseCtor = Promise;
const PromisePrototypeThen = resolve("PromisePrototypeThen");
primordials.PromiseResolve = (value) => new PromiseCtor((resolve) => resolve(value));
primordials.PromiseReject = (reason) => new PromiseCtor((_, reject) => reject(reason));
/** A new promise with its resolve and reject functions. */
// The engine's own Promise.withResolvers (bound to %Promise%) is about 20 times faster in
// JavaScriptCore than an executor closure; the fallback is for engines without it.
if (typeof resolve("PromiseWithResolvers") !== "function") primordials.PromiseWithResolvers = () => {
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
ObjectFreeze(primordials.SafeArrayIterator.prototype);

// Read-only to the modules: names resolve on first read and are cached.
return new ProxyCtor(primordials, {
  __proto__: null,
  get(target, name) {
    const value = target[name];
    if (value !== undefined || typeof name !== "string") return value;
    if (lazySafe[name] !== undefined) return resolveLazySafe(name);
    // (resolve answers undefined for a name the engine lacks.)
    if (capturedHow[name] !== undefined) return resolve(name);
    // A primordial the scan of the sources missed would be read from built-ins user code
    // may have replaced: refuse it, loudly.
    if (capture(name) !== undefined) {
      throw new ErrorCtor(`runtime-apis: primordial '${name}' was not captured at bootstrap; read it as ` +
        `\`core.primordials.${name}\` or destructure it from \`core.primordials\` (RuntimeAPIs.primordialNames scans for those)`);
    }
    return undefined;
  },
  has(target, name) {
    return target[name] !== undefined ||
      (typeof name === "string" && (resolveLazySafe(name) !== undefined || resolve(name) !== undefined));
  },
  set() { return false; },
  defineProperty() { return false; },
  deleteProperty() { return false; },
  setPrototypeOf() { return false; },
});
