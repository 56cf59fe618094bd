// Code generation from strings is disallowed (as in Vercel's Edge Runtime and Workers):
// eval and every Function constructor throw EvalError, however they are reached.
const message = "Code generation from strings disallowed for this context";

function expectEvalError(fn, label) {
  try {
    fn();
  } catch (e) {
    assert_equals(e.constructor, EvalError, label + ": an EvalError");
    assert_equals(e.message, message, label);
    return;
  }
  assert_unreached(label + " did not throw");
}

const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor;
const GeneratorFunction = Object.getPrototypeOf(function* () {}).constructor;
const AsyncGeneratorFunction = Object.getPrototypeOf(async function* () {}).constructor;

test(() => expectEvalError(() => eval("1 + 1"), "eval"), "eval throws EvalError");
test(() => expectEvalError(() => (0, eval)("1 + 1"), "indirect eval"), "indirect eval throws EvalError");
test(() => {
  expectEvalError(() => globalThis.eval("1"), "globalThis.eval");
  expectEvalError(() => self.eval("1"), "self.eval");
  expectEvalError(() => eval.call(null, "1"), "eval.call");
  expectEvalError(() => Reflect.apply(eval, undefined, ["1"]), "Reflect.apply(eval)");
  expectEvalError(() => eval.bind(null, "1")(), "a bound eval");
}, "eval through call, apply, bind and the global");
test(() => {
  // Non-string arguments are returned unchanged: no code is generated.
  assert_equals(eval(42), 42);
  const o = {};
  assert_equals(eval(o), o);
}, "eval of a non-string returns it (no code generation involved)");

test(() => expectEvalError(() => new Function("return 1"), "new Function"), "new Function throws EvalError");
test(() => expectEvalError(() => Function("return 1"), "Function()"), "Function() throws EvalError");
test(() => expectEvalError(() => new Function(), "new Function()"), "even an empty body is refused");
test(() => expectEvalError(() => (function () {}).constructor("return 1"), "constructor chain"),
  "Function reached through a function's constructor throws EvalError");
test(() => {
  expectEvalError(() => (() => {}).constructor("return 1"), "arrow function");
  expectEvalError(() => (class {}).constructor("return 1"), "class");
  expectEvalError(() => ({ m() {} }).m.constructor("return 1"), "method");
  expectEvalError(() => Function.prototype.constructor("return 1"), "Function.prototype.constructor");
  expectEvalError(() => Function.prototype.constructor.call(null, "return 1"), "Function.prototype.constructor.call");
  expectEvalError(() => Object.getPrototypeOf(Object).constructor("return 1"), "Object's prototype's constructor");
  expectEvalError(() => "".constructor.constructor("return 1"), "String's constructor's constructor");
  expectEvalError(() => [].map.constructor("return 1"), "a built-in method's constructor");
  expectEvalError(() => Math.max.constructor("return 1"), "Math.max's constructor");
}, "Function reached through constructor chains of arrows, classes, methods and built-ins");
test(() => {
  expectEvalError(() => URL.constructor("return 1"), "URL.constructor");
  expectEvalError(() => setTimeout.constructor("return 1"), "setTimeout.constructor");
  expectEvalError(() => EventTarget.prototype.addEventListener.constructor("return 1"), "addEventListener.constructor");
  expectEvalError(() => addEventListener.constructor("return 1"), "the global addEventListener's constructor");
  expectEvalError(() => URLSearchParams.prototype.append.constructor("return 1"), "URLSearchParams.prototype.append.constructor");
  expectEvalError(() => DOMException.constructor("return 1"), "DOMException.constructor");
}, "Function reached through Web API functions throws EvalError");
test(() => expectEvalError(() => AsyncFunction("return 1"), "AsyncFunction"), "AsyncFunction constructor throws EvalError");
test(() => expectEvalError(() => GeneratorFunction("yield 1"), "GeneratorFunction"), "GeneratorFunction constructor throws EvalError");
test(() => expectEvalError(() => AsyncGeneratorFunction("yield 1"), "AsyncGeneratorFunction"),
  "AsyncGeneratorFunction constructor throws EvalError");
test(() => {
  expectEvalError(() => new AsyncFunction("return 1"), "new AsyncFunction");
  expectEvalError(() => new GeneratorFunction("yield 1"), "new GeneratorFunction");
  expectEvalError(() => new AsyncGeneratorFunction("yield 1"), "new AsyncGeneratorFunction");
  expectEvalError(() => (async () => {}).constructor("return 1"), "async arrow's constructor");
}, "the other function constructors, with new and through instances");
test(() => expectEvalError(() => Reflect.construct(Function, ["return 1"]), "Reflect.construct"),
  "Reflect.construct(Function) throws EvalError");
test(() => {
  expectEvalError(() => Reflect.construct(Function, ["return 1"], Object), "Reflect.construct with another newTarget");
  expectEvalError(() => Reflect.construct(GeneratorFunction, ["yield 1"], Array), "Reflect.construct(GeneratorFunction, …, Array)");
  expectEvalError(() => Reflect.apply(Function, null, ["return 1"]), "Reflect.apply(Function)");
  expectEvalError(() => Function.apply(null, ["return 1"]), "Function.apply");
  expectEvalError(() => Function.call(null, "return 1"), "Function.call");
}, "Function through Reflect and Function.prototype.call/apply");
test(() => {
  expectEvalError(() => Function.bind(null, "return 1")(), "a bound Function called");
  expectEvalError(() => new (Function.bind(null, "return 1"))(), "a bound Function constructed");
  expectEvalError(() => new (AsyncFunction.bind(null))("return 1"), "a bound AsyncFunction constructed");
}, "bound function constructors throw EvalError");
test(() => {
  class Sub extends Function {}
  expectEvalError(() => new Sub("return 1"), "class extends Function");
  class SubGenerator extends GeneratorFunction {}
  expectEvalError(() => new SubGenerator("yield 1"), "class extends GeneratorFunction");
  const heritage = Object.getPrototypeOf(class {}).constructor;
  expectEvalError(() => heritage("return 1"), "the constructor of a class's [[Prototype]]");
  expectEvalError(() => Object.create(Function.prototype).constructor("return 1"),
    "an object whose prototype chain reaches Function.prototype");
}, "class heritage tricks throw EvalError");
test(() => {
  const proxy = new Proxy(Function, {});
  expectEvalError(() => proxy("return 1"), "a Proxy of Function called");
  expectEvalError(() => new proxy("return 1"), "a Proxy of Function constructed");
}, "a Proxy around Function throws EvalError");
test(() => {
  // A replaced Function.prototype.constructor does not re-enable anything either.
  const original = Function.prototype.constructor;
  try {
    Function.prototype.constructor = function () { return "replaced"; };
    assert_equals((function () {}).constructor(), "replaced");
    expectEvalError(() => original("return 1"), "the original constructor");
  } finally {
    Function.prototype.constructor = original;
  }
}, "replacing Function.prototype.constructor does not restore code generation");
test(() => {
  expectEvalError(() => new Function("a", "b", "return a + b"), "parameters and body");
  expectEvalError(() => new Function({ toString() { return "return 1"; } }), "an object with toString");
}, "every argument form is refused");
