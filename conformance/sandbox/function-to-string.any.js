// Function.prototype.toString of Web API functions prints NativeFunction syntax, as for
// every built-in function object (WebIDL creates interface objects, operations and
// attribute accessors as built-in functions): the runtime's JavaScript source, its
// internals, is not printed.

const native = /^function ([\w$ .\[\]]*)\(\) \{\n {4}\[native code\]\n\}$/;

function assertNative(fn, label) {
  const text = Function.prototype.toString.call(fn);
  assert_regexp_match(text, native, label);
  return text.match(native)[1];
}

const webInterfaces = [
  "AbortController", "AbortSignal", "Blob", "ByteLengthQueuingStrategy", "CompressionStream", "CountQueuingStrategy",
  "Crypto", "CryptoKey", "CustomEvent", "DOMException", "DecompressionStream", "ErrorEvent", "Event", "EventTarget",
  "File", "FormData", "Headers", "MessageChannel", "MessageEvent", "MessagePort", "Performance", "PromiseRejectionEvent",
  "ReadableByteStreamController", "ReadableStream", "ReadableStreamBYOBReader", "ReadableStreamBYOBRequest",
  "ReadableStreamDefaultController", "ReadableStreamDefaultReader", "Request", "Response", "SubtleCrypto",
  "TextDecoder", "TextDecoderStream", "TextEncoder", "TextEncoderStream", "TransformStream",
  "TransformStreamDefaultController", "URL", "URLPattern", "URLSearchParams", "WritableStream",
  "WritableStreamDefaultController", "WritableStreamDefaultWriter", "Navigator", "WorkerLocation",
];
const webFunctions = ["atob", "btoa", "setTimeout", "clearTimeout", "setInterval", "clearInterval", "fetch",
  "queueMicrotask", "reportError", "structuredClone", "addEventListener", "removeEventListener", "dispatchEvent"];

test(() => {
  let checked = 0;
  for (const name of webInterfaces) {
    if (typeof globalThis[name] !== "function") continue;
    const ctor = globalThis[name];
    assert_equals(assertNative(ctor, name), name, name + " prints its name");
    for (const key of Reflect.ownKeys(ctor.prototype)) {
      const descriptor = Object.getOwnPropertyDescriptor(ctor.prototype, key);
      for (const fn of [descriptor.value, descriptor.get, descriptor.set]) {
        if (typeof fn === "function") {
          assertNative(fn, `${name}.prototype.${String(key)}`);
          checked++;
        }
      }
    }
    for (const key of Reflect.ownKeys(ctor)) {
      const descriptor = Object.getOwnPropertyDescriptor(ctor, key);
      if (typeof descriptor.value === "function") assertNative(descriptor.value, `${name}.${String(key)}`);
    }
  }
  assert_greater_than(checked, 20, "members checked");
}, "interface objects and their members print as native code");

test(() => {
  for (const name of webFunctions) {
    if (typeof globalThis[name] !== "function") continue;
    assert_equals(assertNative(globalThis[name], name), name, name);
  }
}, "the global functions print as native code");

test(() => {
  for (const name of Object.getOwnPropertyNames(globalThis)) {
    const descriptor = Object.getOwnPropertyDescriptor(globalThis, name);
    for (const fn of [descriptor.get, descriptor.set]) {
      if (typeof fn === "function") assertNative(fn, `the ${name} accessor of the global`);
    }
  }
}, "accessors of the global (lazy globals, self, event handlers) print as native code");

test(() => {
  if (typeof console === "object") {
    for (const key of Object.keys(console)) assertNative(console[key], "console." + key);
  }
  for (const key of Reflect.ownKeys(WebAssembly)) {
    if (typeof WebAssembly[key] === "function") assertNative(WebAssembly[key], "WebAssembly." + String(key));
  }
}, "namespace members print as native code");

test(() => {
  const toString = Function.prototype.toString;
  assert_equals(assertNative(toString, "toString"), "toString");
  assert_equals(toString.name, "toString");
  assert_equals(toString.length, 0);
  assert_false("prototype" in toString, "no prototype, like a built-in method");
  assert_throws_js(TypeError, () => new toString(), "not a constructor");
  const descriptor = Object.getOwnPropertyDescriptor(Function.prototype, "toString");
  assert_true(descriptor.writable && descriptor.configurable && !descriptor.enumerable);
  assert_throws_js(TypeError, () => toString.call({}), "non-functions still throw");
}, "Function.prototype.toString itself looks built-in");

test(() => {
  function user(a, b) { return a + b; }
  assert_equals(String(user), "function user(a, b) { return a + b; }");
  assert_equals(String(() => 1), "() => 1");
  assert_equals(String(class K { m() {} }), "class K { m() {} }");
  assert_equals(String(async function* g() {}), "async function* g() {}");
  assert_regexp_match(String(Math.max), native);
  assert_regexp_match(String(user.bind(null)), native);
}, "other functions print as before");

test(() => {
  // Web API functions are found at the first toString in the realm; ones loaded after it,
  // and user functions stored on Web API objects after it, are told apart as well.
  void String(Math.max);
  const original = Headers.prototype.get;
  function userGet(name) { return "user " + name; }
  Headers.prototype.get = userGet;
  try {
    assert_equals(String(Headers.prototype.get), "function userGet(name) { return \"user \" + name; }");
    assert_regexp_match(String(original), native);
    assert_equals(assertNative(Headers.prototype.has, "Headers.prototype.has"), "has");
  } finally {
    Headers.prototype.get = original;
  }
  assert_equals(assertNative(CompressionStream, "CompressionStream"), "CompressionStream");
}, "functions stored on Web API objects after the first toString print their source");
