// Nothing reachable from user code leads to the host: the ops object the runtime-apis
// files use (console output, timers, module loading, crypto, network…) is handed to the
// bootstrap and never stored where a script can find it.
//
// The test walks every object reachable from the global: own properties (values, getters,
// setters, symbols), prototypes, the values of the global's accessors, and instances of the
// global constructors that need no arguments. Every function it finds must be an ECMAScript
// built-in or a member of a Web API object: a property of the global, of an interface
// object, of a prototype, of a namespace object or of an instance. A function hidden deeper
// (inside a data structure held by some member) is not in that allow-list. (Swift's
// SandboxIsolationTests also checks, natively, that no reachable function is a host op.)

const ecmascriptRoots = [
  "AggregateError", "Array", "ArrayBuffer", "Atomics", "BigInt", "BigInt64Array", "BigUint64Array", "Boolean",
  "DataView", "Date", "Error", "EvalError", "FinalizationRegistry", "Float16Array", "Float32Array", "Float64Array",
  "Function", "Int16Array", "Int32Array", "Int8Array", "Intl", "Iterator", "JSON", "Map", "Math", "Number",
  "Object", "Promise", "Proxy", "RangeError", "ReferenceError", "Reflect", "RegExp", "Set", "String", "Symbol",
  "SyntaxError", "TypeError", "URIError", "Uint16Array", "Uint32Array", "Uint8Array", "Uint8ClampedArray",
  "WeakMap", "WeakRef", "WeakSet", "WebAssembly", "decodeURI", "decodeURIComponent", "encodeURI",
  "encodeURIComponent", "escape", "eval", "isFinite", "isNaN", "parseFloat", "parseInt", "unescape",
];
// Constructors of the test harness, not of the runtime: never called by the walk.
const harnessNames = ["AssertionError", "OptionalFeatureUnsupportedError", "EventWatcher", "GLOBAL"];

function isObject(value) {
  return value !== null && (typeof value === "object" || typeof value === "function");
}

/**
 * Every object reachable from `roots` (breadth first); for each, the first path found and
 * the object holding it ("holder").
 */
function reachable(roots, { construct = false } = {}) {
  const seen = new Map(); // object -> { path, holder }
  const queue = [];
  const visit = (value, path, holder) => {
    if (!isObject(value) || seen.has(value)) return;
    seen.set(value, { path, holder });
    queue.push(value);
  };
  for (const [value, path] of roots) visit(value, path, null);
  while (queue.length) {
    const object = queue.shift();
    const { path } = seen.get(object);
    let keys = [];
    try {
      keys = Reflect.ownKeys(object);
    } catch {
      // A revoked proxy or similar: nothing to walk.
    }
    for (const key of keys) {
      let descriptor;
      try {
        descriptor = Object.getOwnPropertyDescriptor(object, key);
      } catch {
        continue;
      }
      if (!descriptor) continue;
      const name = `${path}.${String(key)}`;
      if ("value" in descriptor) visit(descriptor.value, name, object);
      if (descriptor.get) {
        visit(descriptor.get, `${name}[get]`, object);
        // The global's accessors (lazy Web API globals, self) return what they install.
        if (object === globalThis) {
          try {
            visit(Reflect.apply(descriptor.get, object, []), name, object);
          } catch {
            // Nothing to walk.
          }
        }
      }
      if (descriptor.set) visit(descriptor.set, `${name}[set]`, object);
    }
    let proto = null;
    try {
      proto = Object.getPrototypeOf(object);
    } catch {
      proto = null;
    }
    visit(proto, `${path}.[[Prototype]]`, object);
    const globalName = path.split(".")[1];
    if (construct && typeof object === "function" && path.split(".").length === 2 && /^[A-Z]/.test(globalName) &&
        !harnessNames.includes(globalName)) {
      // Instances made with no arguments (most interfaces allow it) and their internals.
      try {
        visit(Reflect.construct(object, []), `new ${globalName}()`, null);
      } catch {
        // Needs arguments or is not constructible: fine.
      }
    }
  }
  return seen;
}

test(() => {
  assert_equals(typeof core, "undefined", "core");
  assert_equals(typeof ops, "undefined", "ops");
  assert_equals(typeof primordials, "undefined", "primordials");
  assert_equals(typeof require, "undefined", "require");
  assert_equals(typeof Deno, "undefined");
  assert_equals(typeof Bun, "undefined");
  assert_equals(typeof $vm, "undefined", "JavaScriptCore's $vm");
  assert_equals(typeof globalThis.print, "undefined", "the jsc shell's print");
  assert_equals(typeof globalThis.load, "undefined", "the jsc shell's load");
}, "no host object is a global");

test(() => {
  const intrinsics = reachable(ecmascriptRoots.filter((n) => n in globalThis).map((n) => [globalThis[n], n]));
  const all = reachable([[globalThis, "globalThis"]], { construct: true });
  // Objects whose function-valued properties are API members.
  const holders = new Set([globalThis]);
  const addChain = (object) => {
    for (let o = object; isObject(o) && !holders.has(o); o = Object.getPrototypeOf(o)) holders.add(o);
  };
  for (const name of Reflect.ownKeys(globalThis)) {
    const value = Object.getOwnPropertyDescriptor(globalThis, name).value ?? globalThis[name];
    if (!isObject(value)) continue;
    addChain(value);
    if (typeof value === "function" && isObject(value.prototype)) addChain(value.prototype);
    if (typeof value === "object") {
      // A namespace object's classes (WebAssembly.Memory, …) and their prototypes.
      for (const key of Reflect.ownKeys(value)) {
        const member = Object.getOwnPropertyDescriptor(value, key)?.value;
        if (typeof member === "function" && isObject(member.prototype)) addChain(member.prototype);
      }
    }
  }
  for (const [value, { path }] of all) {
    if (path.startsWith("new ") && !path.includes(".")) addChain(value);
  }
  const outside = [];
  for (const [value, { path, holder }] of all) {
    if (typeof value !== "function" || intrinsics.has(value)) continue;
    if (holder === null || holders.has(holder)) continue;
    // A function's own `prototype` object and its constructor back-reference are fine.
    outside.push(path);
  }
  assert_array_equals(outside, [], "functions found outside API members");
  assert_greater_than(all.size, 500, "the walk covered the Web APIs");
}, "every reachable function is an ECMAScript built-in or a member of a Web API object");

test(() => {
  const all = reachable([[globalThis, "globalThis"]], { construct: true });
  const leaks = [];
  for (const [value, { path }] of all) {
    let keys = [];
    try {
      keys = Reflect.ownKeys(value);
    } catch {
      continue;
    }
    // The ops object holds functions named after host operations.
    for (const name of ["loadModule", "moduleNames", "timerStart", "timerCancel", "reportUncaught", "randomFill"]) {
      if (keys.includes(name)) leaks.push(`${path}.${name}`);
    }
  }
  assert_array_equals(leaks, [], "objects holding host ops");
}, "no reachable object holds host ops");

test(() => {
  // Errors thrown by the Web APIs carry nothing but ECMAScript objects.
  const errors = [];
  try { new URL("not a url"); } catch (e) { errors.push(e); }
  try { new EventTarget().addEventListener(); } catch (e) { errors.push(e); }
  try { new URLSearchParams([[1]]); } catch (e) { errors.push(e); }
  if (typeof atob === "function") try { atob("*"); } catch (e) { errors.push(e); }
  assert_greater_than(errors.length, 2);
  const intrinsics = reachable(ecmascriptRoots.filter((n) => n in globalThis).map((n) => [globalThis[n], n]));
  const web = reachable([[globalThis, "globalThis"]]);
  const all = reachable(errors.map((e, i) => [e, `error${i}`]));
  for (const [value, { path }] of all) {
    if (typeof value === "function") assert_true(intrinsics.has(value) || web.has(value), path);
  }
}, "errors from Web APIs hold nothing from the host");
