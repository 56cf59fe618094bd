// Function.prototype.toString of Web API functions.
//
// WebIDL creates operations, attribute getters and setters, and interface objects as
// built-in function objects, and ECMAScript's Function.prototype.toString prints a built-in
// function object as NativeFunction syntax: `function name() { [native code] }`. The Web APIs
// here are written in JavaScript, so without this module their source text (the runtime's
// internals) would be printed instead.
//
// The bootstrap (00_core.js) hands every module's exports to `markExports` as the module
// loads, and calls `install` once the globals exist with what it defined on the global
// itself (lazy global accessors, EventTarget methods, event handler attributes, the
// WebAssembly guards); `install` replaces Function.prototype.toString with a function that
// prints marked functions as native code and defers to the original for everything else.
//
// Marking is deferred to the first call of that toString in the realm: walking every
// export's members (a descriptor per method, getter and setter) was about a tenth of a
// segment's cold boot, and almost no realm ever prints a function. Until then the values to
// mark wait in a list, and each call marks what was added since. (A function user code
// stores on a Web API object before that first call is marked too: docs/divergences.md.)
//
// Marked: exported functions and classes, their statics, their prototype's methods, getters
// and setters, up their prototype chains, and the same for exported objects (console,
// crypto, performance…). Functions a module creates without exporting (closures handed to
// callbacks, iterator prototypes) keep their source text (docs/divergences.md).

const {
  Function,
  FunctionPrototypeToString,
  Object,
  ObjectDefineProperty,
  ObjectFreeze,
  ObjectGetOwnPropertyDescriptor,
  ObjectGetPrototypeOf,
  ReflectOwnKeys,
  globalThis,
} = core.primordials;
const FunctionPrototype = Function.prototype;
const ObjectPrototype = Object.prototype;

// function -> the name it prints with; made with the first marking.
let names = null;
// Module exports, and the functions and objects the bootstrap put on the global, still to be
// marked (in the order they were added).
const pendingExports = [];
const pendingFunctions = [];
const pendingObjects = [];
// Objects whose members are marked already.
let visited = null;

function markFunction(fn) {
  if (names.has(fn)) return;
  const descriptor = ObjectGetOwnPropertyDescriptor(fn, "name");
  names.set(fn, descriptor !== undefined && typeof descriptor.value === "string" ? descriptor.value : "");
}

/** Marks the functions among the own properties of `object` (values, getters, setters). */
function markMembers(object) {
  if (visited.has(object)) return;
  visited.add(object);
  const keys = ReflectOwnKeys(object);
  for (let i = 0; i < keys.length; i++) {
    const descriptor = ObjectGetOwnPropertyDescriptor(object, keys[i]);
    if (descriptor === undefined) continue;
    if (typeof descriptor.value === "function") markFunction(descriptor.value);
    if (typeof descriptor.get === "function") markFunction(descriptor.get);
    if (typeof descriptor.set === "function") markFunction(descriptor.set);
  }
}

/** Marks `object` and the members of it and its prototypes, up to the ECMAScript ones. */
function markChain(object, stop) {
  let current = object;
  while (current !== null && current !== stop && current !== ObjectPrototype && current !== FunctionPrototype) {
    markMembers(current);
    current = ObjectGetPrototypeOf(current);
  }
}

/** A value a module exports (or the global holds): a class, a function or an object. */
function markValue(value) {
  if (typeof value === "function") {
    markFunction(value);
    markChain(value, FunctionPrototype);
    const prototype = ObjectGetOwnPropertyDescriptor(value, "prototype");
    if (prototype !== undefined && prototype.value !== null && typeof prototype.value === "object") {
      markChain(prototype.value, ObjectPrototype);
    }
  } else if (value !== null && typeof value === "object") {
    markChain(value, ObjectPrototype);
  }
}

/** Called by the bootstrap with each module's exports: marked before the next toString. */
function markExports(exports) {
  if (exports === null || typeof exports !== "object") return;
  pendingExports[pendingExports.length] = exports;
}

function markPendingExports(exports) {
  const keys = ReflectOwnKeys(exports);
  for (let i = 0; i < keys.length; i++) {
    const descriptor = ObjectGetOwnPropertyDescriptor(exports, keys[i]);
    if (descriptor !== undefined && "value" in descriptor) markValue(descriptor.value);
  }
}

/** Marks everything added since the last call. */
function markPending() {
  if (names === null) {
    names = new core.primordials.SafeWeakMap();
    visited = new core.primordials.SafeWeakSet();
  }
  // (Marking loads no module, so nothing is added while this runs.)
  for (let i = 0; i < pendingExports.length; i++) markPendingExports(pendingExports[i]);
  for (let i = 0; i < pendingFunctions.length; i++) markFunction(pendingFunctions[i]);
  for (let i = 0; i < pendingObjects.length; i++) markMembers(pendingObjects[i]);
  pendingExports.length = 0;
  pendingFunctions.length = 0;
  pendingObjects.length = 0;
}

const { toString } = {
  /** Function.prototype.toString: Web API functions print as native code. */
  toString() {
    if (pendingExports.length !== 0 || pendingFunctions.length !== 0 || pendingObjects.length !== 0) markPending();
    const name = names === null ? undefined : names.get(this);
    if (name !== undefined) return "function " + name + "() {\n    [native code]\n}";
    return FunctionPrototypeToString(this);
  },
};

/**
 * Records the modules loaded so far and what the runtime put on the global (`globals`: the
 * accessor functions of the lazy globals and of the stand-ins for the global's EventTarget
 * members, and by name `self`) for marking, and replaces Function.prototype.toString.
 * ECMAScript's own globals are already native; not reading their descriptors spares
 * JavaScriptCore creating every lazily built one.
 */
function install(loadedExports, globals) {
  for (let i = 0; i < loadedExports.length; i++) markExports(loadedExports[i]);
  for (let i = 0; i < globals.functions.length; i++) pendingFunctions[pendingFunctions.length] = globals.functions[i];
  // The global's own properties are read now, before user code can replace them.
  const keys = globals.names;
  for (let i = 0; i < keys.length; i++) {
    const descriptor = ObjectGetOwnPropertyDescriptor(globalThis, keys[i]);
    if (descriptor === undefined) continue;
    if (typeof descriptor.value === "function") pendingFunctions[pendingFunctions.length] = descriptor.value;
    if (typeof descriptor.get === "function") pendingFunctions[pendingFunctions.length] = descriptor.get;
    if (typeof descriptor.set === "function") pendingFunctions[pendingFunctions.length] = descriptor.set;
  }
  if (globalThis.WebAssembly !== undefined) pendingObjects[pendingObjects.length] = globalThis.WebAssembly;
  pendingFunctions[pendingFunctions.length] = toString;
  const original = ObjectGetOwnPropertyDescriptor(FunctionPrototype, "toString");
  ObjectDefineProperty(FunctionPrototype, "toString", {
    __proto__: null,
    value: toString,
    writable: original.writable,
    enumerable: original.enumerable,
    configurable: original.configurable,
  });
}

return ObjectFreeze({ __proto__: null, install, markExports });
