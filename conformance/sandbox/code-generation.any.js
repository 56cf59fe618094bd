// Code generation from strings is disallowed (as in Vercel's Edge Runtime and Workers).
const message = "Code generation from strings disallowed for this context";

function expectEvalError(fn, label) {
  try {
    fn();
  } catch (e) {
    assert_equals(e.constructor, EvalError, label);
    assert_equals(e.message, message, label);
    return;
  }
  assert_unreached(label + " did not throw");
}

test(() => expectEvalError(() => eval("1 + 1"), "eval"), "eval throws EvalError");
test(() => expectEvalError(() => (0, eval)("1 + 1"), "indirect eval"), "indirect eval throws EvalError");
test(() => expectEvalError(() => new Function("return 1"), "new Function"), "new Function throws EvalError");
test(() => expectEvalError(() => Function("return 1"), "Function()"), "Function() throws EvalError");
test(() => expectEvalError(() => (function () {}).constructor("return 1"), "constructor chain"),
  "Function reached through a function's constructor throws EvalError");
test(() => expectEvalError(() => Object.getPrototypeOf(async function () {}).constructor("return 1"), "AsyncFunction"),
  "AsyncFunction constructor throws EvalError");
test(() => expectEvalError(() => Object.getPrototypeOf(function* () {}).constructor("yield 1"), "GeneratorFunction"),
  "GeneratorFunction constructor throws EvalError");
test(() => expectEvalError(() => Object.getPrototypeOf(async function* () {}).constructor("yield 1"), "AsyncGeneratorFunction"),
  "AsyncGeneratorFunction constructor throws EvalError");
test(() => expectEvalError(() => Reflect.construct(Function, ["return 1"]), "Reflect.construct"),
  "Reflect.construct(Function) throws EvalError");
test(() => expectEvalError(() => Function.prototype.constructor.call(null, "return 1"), "prototype.constructor"),
  "Function.prototype.constructor throws EvalError");

const wasmBytes = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
test(() => {
  assert_throws_js(EvalError, () => new WebAssembly.Module(wasmBytes));
}, "new WebAssembly.Module(bytes) throws EvalError");
promise_test((t) => promise_rejects_js(t, EvalError, WebAssembly.compile(wasmBytes)),
  "WebAssembly.compile(bytes) rejects with EvalError");
promise_test((t) => promise_rejects_js(t, EvalError, WebAssembly.instantiate(wasmBytes)),
  "WebAssembly.instantiate(bytes) rejects with EvalError");
test(() => {
  assert_equals(typeof WebAssembly.validate, "function");
}, "WebAssembly.validate (no code generation) stays available");
promise_test(async (t) => {
  // JavaScriptCore's C API has no module loader: import() always rejects (docs/divergences.md).
  try {
    await import("data:text/javascript,export default 1");
  } catch (e) {
    assert_true(e instanceof Error, "rejects with an Error");
    assert_true(String(e.message).includes("Could not import the module"), e.message);
    return;
  }
  assert_unreached("import() resolved");
}, "dynamic import() is not available at run time");
