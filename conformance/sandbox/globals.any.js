// The edge sandbox exposes ECMAScript built-ins, the WinterTC Web APIs and process.env —
// nothing else. This list fails when an unexpected global appears.
const ecmascript = [
  "AggregateError", "Array", "ArrayBuffer", "Atomics", "BigInt", "BigInt64Array", "BigUint64Array",
  "Boolean", "DataView", "Date", "Error", "EvalError", "FinalizationRegistry", "Float16Array", "Float32Array",
  "Float64Array", "Function", "Infinity", "Int16Array", "Int32Array", "Int8Array", "Intl", "Iterator", "JSON",
  "Map", "Math", "NaN", "Number", "Object", "Promise", "Proxy", "RangeError", "ReferenceError", "Reflect",
  "RegExp", "Set", "String", "Symbol", "SyntaxError", "TypeError", "URIError", "Uint16Array", "Uint32Array",
  "Uint8Array", "Uint8ClampedArray", "WeakMap", "WeakRef", "WeakSet", "WebAssembly", "decodeURI",
  "decodeURIComponent", "encodeURI", "encodeURIComponent", "escape", "eval", "globalThis", "isFinite",
  "isNaN", "parseFloat", "parseInt", "undefined", "unescape",
];
const web = [
  "AbortController", "AbortSignal", "Blob", "ByteLengthQueuingStrategy", "CompressionStream",
  "CountQueuingStrategy", "Crypto", "CryptoKey", "CustomEvent", "DOMException", "DecompressionStream",
  "ErrorEvent", "Event", "EventTarget", "File", "FormData", "Headers", "MessageChannel", "MessageEvent",
  "MessagePort", "Performance", "PerformanceEntry", "PerformanceMark", "PerformanceMeasure",
  "PromiseRejectionEvent", "ReadableByteStreamController", "ReadableStream", "ReadableStreamBYOBReader",
  "ReadableStreamBYOBRequest", "ReadableStreamDefaultController", "ReadableStreamDefaultReader", "Request",
  "Response", "SubtleCrypto", "TextDecoder", "TextDecoderStream", "TextEncoder", "TextEncoderStream",
  "TransformStream", "TransformStreamDefaultController", "URL", "URLPattern", "URLSearchParams",
  "WritableStream", "WritableStreamDefaultController", "WritableStreamDefaultWriter", "addEventListener",
  "atob", "btoa", "clearInterval", "clearTimeout", "console", "crypto", "dispatchEvent", "fetch",
  "navigator", "Navigator", "onerror", "onrejectionhandled", "onunhandledrejection", "performance", "process",
  "queueMicrotask", "removeEventListener", "reportError", "self", "setInterval", "setTimeout",
  "structuredClone", "location", "WorkerLocation",
];
// Globals the test harness itself defines (conformance/resources/testharness.js).
const harness = new Set(Object.getOwnPropertyNames(globalThis).filter((name) =>
  /^(assert_|promise_rejects_|add_)/.test(name) || [
    "test", "async_test", "promise_test", "promise_setup", "setup", "done", "single_test", "generate_tests",
    "on_event", "step_timeout", "timeout", "format_value", "fetch_json", "EventWatcher", "AssertionError",
    "OptionalFeatureUnsupportedError", "GLOBAL", "__vergeHarness",
  ].includes(name)));

test(() => {
  const allowed = new Set([...ecmascript, ...web]);
  const unexpected = Object.getOwnPropertyNames(globalThis).filter((name) => !allowed.has(name) && !harness.has(name));
  assert_array_equals(unexpected, [], "globals outside the allow-list");
}, "the global object has no name outside the allow-list");

test(() => {
  for (const name of ["require", "module", "exports", "Buffer", "setImmediate", "clearImmediate", "global",
    "Deno", "Bun", "ShadowRealm", "print", "load", "readline", "__dirname", "__filename"]) {
    assert_false(name in globalThis, name);
  }
}, "Node, Deno and shell host globals are absent");

test(() => {
  assert_equals(self, globalThis);
  assert_equals(typeof process, "object");
  assert_equals(typeof process.env, "object");
}, "self is the global; process is an object with env");
