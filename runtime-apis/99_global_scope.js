// The edge global scope: which names the global object has, and the sandbox rules.
//
// Globals: the ECMAScript built-ins, plus the Web APIs listed in `lazyGlobals` (WinterTC
// Minimum Common API), `self`, `navigator`, `process.env`. Each Web API global is an
// accessor until first touched; touching it loads its runtime-apis module and replaces
// the accessor with the WebIDL-shaped data property (writable, configurable, not
// enumerable). Setting it first simply defines the data property.
//
// Sandbox: no eval/Function constructors (Swift disables them), no WebAssembly compiled
// from bytes, `process` is only `process.env`, and nothing of the host is reachable.

const {
  ArrayPrototypePush,
  EvalError,
  Error,
  FunctionPrototypeCall,
  ObjectDefineProperty,
  ObjectFreeze,
  ObjectGetOwnPropertyDescriptor,
  ObjectGetPrototypeOf,
  ObjectPrototypeIsPrototypeOf,
  ObjectSetPrototypeOf,
  PromiseReject,
  Proxy,
  String,
  SymbolToStringTag,
  globalThis,
} = core.primordials;
const { config } = core;

// name -> [module, export]. Entries whose module is not built yet are skipped.
const lazyGlobals = {
  __proto__: null,
  // DOM and HTML basics
  DOMException: ["dom_exception", "DOMException"],
  Event: ["event", "Event"],
  EventTarget: ["event", "EventTarget"],
  CustomEvent: ["event", "CustomEvent"],
  ErrorEvent: ["event", "ErrorEvent"],
  PromiseRejectionEvent: ["event", "PromiseRejectionEvent"],
  MessageEvent: ["event", "MessageEvent"],
  console: ["console", "console"],
  reportError: ["global_events", "reportError"],
  setTimeout: ["timers", "setTimeout"],
  setInterval: ["timers", "setInterval"],
  clearTimeout: ["timers", "clearTimeout"],
  clearInterval: ["timers", "clearInterval"],
  queueMicrotask: ["timers", "queueMicrotask"],
  AbortController: ["abort", "AbortController"],
  AbortSignal: ["abort", "AbortSignal"],
  structuredClone: ["structured_clone", "structuredClone"],
  atob: ["base64", "atob"],
  btoa: ["base64", "btoa"],
  MessageChannel: ["message_port", "MessageChannel"],
  MessagePort: ["message_port", "MessagePort"],
  // Encoding
  TextEncoder: ["encoding", "TextEncoder"],
  TextDecoder: ["encoding", "TextDecoder"],
  TextEncoderStream: ["text_streams", "TextEncoderStream"],
  TextDecoderStream: ["text_streams", "TextDecoderStream"],
  // URL
  URL: ["url", "URL"],
  URLSearchParams: ["url", "URLSearchParams"],
  URLPattern: ["url_pattern", "URLPattern"],
  // Timing
  performance: ["performance", "performance"],
  Performance: ["performance", "Performance"],
  PerformanceEntry: ["performance", "PerformanceEntry"],
  PerformanceMark: ["performance", "PerformanceMark"],
  PerformanceMeasure: ["performance", "PerformanceMeasure"],
  // Crypto
  crypto: ["crypto", "crypto"],
  Crypto: ["crypto", "Crypto"],
  CryptoKey: ["webcrypto", "CryptoKey"],
  SubtleCrypto: ["webcrypto", "SubtleCrypto"],
  // Streams
  ReadableStream: ["streams", "ReadableStream"],
  ReadableStreamDefaultReader: ["streams", "ReadableStreamDefaultReader"],
  ReadableStreamBYOBReader: ["streams", "ReadableStreamBYOBReader"],
  ReadableStreamBYOBRequest: ["streams", "ReadableStreamBYOBRequest"],
  ReadableByteStreamController: ["streams", "ReadableByteStreamController"],
  ReadableStreamDefaultController: ["streams", "ReadableStreamDefaultController"],
  TransformStream: ["streams", "TransformStream"],
  TransformStreamDefaultController: ["streams", "TransformStreamDefaultController"],
  WritableStream: ["streams", "WritableStream"],
  WritableStreamDefaultWriter: ["streams", "WritableStreamDefaultWriter"],
  WritableStreamDefaultController: ["streams", "WritableStreamDefaultController"],
  ByteLengthQueuingStrategy: ["streams", "ByteLengthQueuingStrategy"],
  CountQueuingStrategy: ["streams", "CountQueuingStrategy"],
  CompressionStream: ["compression", "CompressionStream"],
  DecompressionStream: ["compression", "DecompressionStream"],
  // Files and bodies
  Blob: ["blob", "Blob"],
  File: ["blob", "File"],
  FormData: ["formdata", "FormData"],
  Headers: ["headers", "Headers"],
  Request: ["request", "Request"],
  Response: ["response", "Response"],
  fetch: ["fetch", "fetch"],
};

function defineData(name, value, enumerable = false) {
  ObjectDefineProperty(globalThis, name, {
    __proto__: null, value, writable: true, enumerable, configurable: true,
  });
}

const installedLazy = [];
// The accessor functions of the lazy globals and stand-ins (marked native by
// 98_platform_functions.js).
const lazyAccessors = [];

// (The 70-odd Web API globals get their getter directly, without the resolve closure
// defineLazyValue takes: a realm boots with all of them.)
function defineLazy(name, module, exportName) {
  // Arrows, like the methods they were: named "get"/"set", not constructors.
  const get = () => {
    const value = core.require(module)[exportName];
    defineData(name, value, false);
    return value;
  };
  defineLazyAccessors(name, get, false);
}

/** A global accessor that becomes the data property `resolve()` returns on first read. */
function defineLazyValue(name, resolve, enumerable) {
  const get = () => {
    const value = resolve();
    defineData(name, value, enumerable);
    return value;
  };
  defineLazyAccessors(name, get, enumerable);
}

/** Puts `get` and a setter that defines the data property on the global, as a lazy global. */
function defineLazyAccessors(name, get, enumerable) {
  const set = (value) => {
    defineData(name, value, enumerable);
  };
  ObjectDefineProperty(globalThis, name, { __proto__: null, enumerable, configurable: true, get, set });
  ArrayPrototypePush(installedLazy, name);
  ArrayPrototypePush(lazyAccessors, get);
  ArrayPrototypePush(lazyAccessors, set);
}

// ---------------------------------------------------------------------------------------
// The global as an EventTarget, on first use.

function installGlobalEventTarget() {
  // addEventListener & co.: lazy globals resolving to EventTarget's methods, enumerable and
  // writable like the data properties they become.
  const methods = ["addEventListener", "removeEventListener", "dispatchEvent"];
  for (let i = 0; i < methods.length; i++) {
    const name = methods[i];
    defineLazyValue(name, () => core.require("event").EventTarget.prototype[name], true);
  }
  // onerror & co.: accessors (as the event module's are) that load the module, which
  // replaces them with its own, then forward to those.
  const handlers = ["onerror", "onunhandledrejection", "onrejectionhandled"];
  for (let i = 0; i < handlers.length; i++) {
    const name = handlers[i];
    const accessors = {
      get [name]() {
        core.require("event");
        return globalThis[name];
      },
      set [name](value) {
        core.require("event");
        globalThis[name] = value;
      },
    };
    const { get, set } = ObjectGetOwnPropertyDescriptor(accessors, name);
    ObjectDefineProperty(globalThis, name, { __proto__: null, enumerable: true, configurable: true, get, set });
    ArrayPrototypePush(lazyAccessors, get);
    ArrayPrototypePush(lazyAccessors, set);
  }
}

// ---------------------------------------------------------------------------------------
// Sandbox: WebAssembly may not be compiled from bytes (it is code generation).

function lockDownWebAssembly() {
  const wasm = globalThis.WebAssembly;
  if (wasm === undefined) return;
  const OriginalModule = wasm.Module;
  const originalInstantiate = wasm.instantiate;
  const refuse = (what) =>
    new EvalError(`${what}: compiling WebAssembly from bytes is disallowed in the edge runtime (code generation)`);
  const define = (name, value) =>
    ObjectDefineProperty(wasm, name, { __proto__: null, value, writable: true, enumerable: false, configurable: true });

  function Module(_bytes) {
    throw refuse("WebAssembly.Module()");
  }
  Module.prototype = OriginalModule.prototype;
  ObjectDefineProperty(OriginalModule.prototype, "constructor", {
    __proto__: null, value: Module, writable: true, enumerable: false, configurable: true,
  });
  define("Module", Module);
  define("compile", function compile(_bytes) {
    return PromiseReject(refuse("WebAssembly.compile()"));
  });
  define("compileStreaming", function compileStreaming(_source) {
    return PromiseReject(refuse("WebAssembly.compileStreaming()"));
  });
  define("instantiateStreaming", function instantiateStreaming(_source, _imports) {
    return PromiseReject(refuse("WebAssembly.instantiateStreaming()"));
  });
  define("instantiate", function instantiate(source, imports = undefined) {
    // Instantiating an already compiled Module is not code generation; bytes are.
    if (ObjectPrototypeIsPrototypeOf(OriginalModule.prototype, source)) {
      return FunctionPrototypeCall(originalInstantiate, wasm, source, imports);
    }
    return PromiseReject(refuse("WebAssembly.instantiate()"));
  });
}

// ---------------------------------------------------------------------------------------
// process: only process.env.

function makeProcess() {
  const env = { __proto__: null };
  const configured = config.env;
  for (const key in configured) env[key] = configured[key];
  ObjectSetPrototypeOf(env, core.primordials.Object.prototype);
  const target = { env };
  return new Proxy(target, {
    __proto__: null,
    get(t, key) {
      if (key === "env") return t.env;
      if (typeof key === "symbol") return undefined;
      throw new Error(`A Node.js API is used (process.${String(key)}) which is not supported in the edge runtime`);
    },
    set(t, key, value) {
      if (key === "env") {
        t.env = value;
        return true;
      }
      throw new Error(`A Node.js API is used (process.${String(key)}) which is not supported in the edge runtime`);
    },
  });
}

// ---------------------------------------------------------------------------------------

function install(eager) {
  lockDownWebAssembly();

  // JavaScriptCore's own console prints nowhere useful; ours replaces it (a lazy global
  // defined over it below: deleting a property of the global object first cost more).

  for (const name in lazyGlobals) {
    const module = lazyGlobals[name][0];
    const exportName = lazyGlobals[name][1];
    if (!core.hasModule(module)) continue;
    defineLazy(name, module, exportName);
  }

  // The global object is an EventTarget with onerror/onunhandledrejection/onrejectionhandled,
  // as own properties (04_event.js says why). The event module makes it one when it loads;
  // until then these stand-ins are in their place, so a realm whose code never touches
  // events does not load the module at boot.
  installGlobalEventTarget();
  void ObjectGetPrototypeOf;
  void ObjectSetPrototypeOf;
  void SymbolToStringTag;

  // self: [Replaceable] accessor returning the global.
  ObjectDefineProperty(globalThis, "self", {
    __proto__: null,
    enumerable: true,
    configurable: true,
    get() {
      return globalThis;
    },
    set(value) {
      defineData("self", value);
    },
  });

  if (core.hasModule("navigator")) defineLazy("navigator", "navigator", "navigator");
  if (core.hasModule("navigator")) defineLazy("Navigator", "navigator", "Navigator");
  if (config.location !== undefined && core.hasModule("location")) {
    defineLazy("location", "location", "location");
    defineLazy("WorkerLocation", "location", "WorkerLocation");
  }

  defineData("process", makeProcess());

  if (eager) {
    for (let i = 0; i < installedLazy.length; i++) void globalThis[installedLazy[i]];
  }

  // What this file put on the global, for 98_platform_functions.js to mark as native
  // without reading the descriptor of every ECMAScript global: the lazy globals' accessors,
  // and the other properties by name.
  return {
    __proto__: null,
    functions: lazyAccessors,
    names: ["self"],
  };
}

return ObjectFreeze({ __proto__: null, install, lazyGlobals });
