// WebAssembly may not be compiled from bytes in the edge runtime (it is code generation):
// every entry point that compiles bytes fails with an EvalError; the rest of the
// WebAssembly namespace (validate, Memory, Table, Global, the error classes) stays.

// (module (func (export "answer") (result i32) i32.const 42))
const bytes = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f,
  0x03, 0x02, 0x01, 0x00, 0x07, 0x0a, 0x01, 0x06, 0x61, 0x6e, 0x73, 0x77, 0x65, 0x72, 0x00,
  0x00, 0x0a, 0x06, 0x01, 0x04, 0x00, 0x41, 0x2a, 0x0b,
]);

function assertRefused(e, what) {
  assert_equals(e.constructor, EvalError, what + ": an EvalError");
  assert_true(e.message.startsWith(what + ": compiling WebAssembly from bytes is disallowed"), e.message);
}

test(() => {
  assert_true(WebAssembly.validate(bytes), "the module is valid");
  assert_false(WebAssembly.validate(new Uint8Array([1, 2, 3])));
}, "WebAssembly.validate works (it generates no code)");

test(() => {
  for (const make of [
    () => new WebAssembly.Module(bytes),
    () => new WebAssembly.Module(bytes.buffer),
    () => Reflect.construct(WebAssembly.Module, [bytes]),
    () => WebAssembly.Module(bytes),
  ]) {
    let error;
    try {
      make();
    } catch (e) {
      error = e;
    }
    assert_not_equals(error, undefined, "threw");
    assertRefused(error, "WebAssembly.Module()");
  }
}, "new WebAssembly.Module(bytes) throws EvalError");

promise_test(async () => {
  for (const source of [bytes, bytes.buffer, new DataView(bytes.buffer)]) {
    const error = await WebAssembly.compile(source).then(() => null, (e) => e);
    assertRefused(error, "WebAssembly.compile()");
  }
}, "WebAssembly.compile(bytes) rejects with EvalError");

promise_test(async () => {
  const error = await WebAssembly.instantiate(bytes, {}).then(() => null, (e) => e);
  assertRefused(error, "WebAssembly.instantiate()");
}, "WebAssembly.instantiate(bytes) rejects with EvalError");

promise_test(async () => {
  const sources = [bytes, Promise.resolve(bytes)];
  if (typeof Response === "function") {
    sources.push(new Response(bytes, { headers: { "Content-Type": "application/wasm" } }));
  }
  for (const source of sources) {
    assertRefused(await WebAssembly.compileStreaming(source).then(() => null, (e) => e), "WebAssembly.compileStreaming()");
    assertRefused(await WebAssembly.instantiateStreaming(source).then(() => null, (e) => e), "WebAssembly.instantiateStreaming()");
  }
}, "WebAssembly.compileStreaming and instantiateStreaming reject with EvalError");

test(() => {
  // The original Module constructor is not reachable through the prototype.
  assert_equals(WebAssembly.Module.prototype.constructor, WebAssembly.Module);
  const error = (() => {
    try {
      new WebAssembly.Module.prototype.constructor(bytes);
    } catch (e) {
      return e;
    }
    return null;
  })();
  assertRefused(error, "WebAssembly.Module()");
  assert_equals(Object.getPrototypeOf(WebAssembly.Module.prototype), Object.prototype);
}, "the original Module constructor is not reachable through Module.prototype.constructor");

test(() => {
  const memory = new WebAssembly.Memory({ initial: 1 });
  assert_equals(memory.buffer.byteLength, 65536);
  const table = new WebAssembly.Table({ initial: 1, element: "anyfunc" });
  assert_equals(table.length, 1);
  const global = new WebAssembly.Global({ value: "i32", mutable: true }, 7);
  assert_equals(global.value, 7);
  assert_equals(typeof WebAssembly.CompileError, "function");
  assert_equals(typeof WebAssembly.LinkError, "function");
  assert_equals(typeof WebAssembly.RuntimeError, "function");
}, "Memory, Table, Global and the error classes work");

test(() => {
  assert_throws_js(TypeError, () => new WebAssembly.Instance({}), "Instance needs a real Module");
}, "WebAssembly.Instance cannot be made without a compiled Module");
