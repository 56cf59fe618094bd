// AbortController and AbortSignal basics (https://dom.spec.whatwg.org/#interface-abortcontroller).

test(() => {
  const controller = new AbortController();
  const signal = controller.signal;
  assert_true(signal instanceof AbortSignal);
  assert_true(signal instanceof EventTarget);
  assert_false(signal.aborted);
  assert_equals(signal.reason, undefined);
  assert_equals(controller.signal, signal, "signal is the same object every time");
  controller.abort();
  assert_equals(controller.signal, signal, "still the same object after abort");
}, "a new controller has a live, non-aborted signal");

test(() => {
  const controller = new AbortController();
  const order = [];
  controller.signal.addEventListener("abort", (event) => {
    order.push("listener");
    assert_equals(event.type, "abort");
    assert_equals(event.target, controller.signal);
    assert_equals(event.currentTarget, controller.signal);
    assert_false(event.bubbles);
    assert_false(event.cancelable);
    assert_true(event.isTrusted);
    assert_true(controller.signal.aborted, "aborted is set before the event fires");
  });
  order.push("before");
  controller.abort();
  order.push("after");
  assert_array_equals(order, ["before", "listener", "after"]);
}, "abort() fires a trusted abort event synchronously");

test(() => {
  const controller = new AbortController();
  let count = 0;
  controller.signal.onabort = () => count++;
  controller.abort();
  controller.abort();
  controller.abort("other");
  assert_equals(count, 1);
  assert_equals(controller.signal.reason.name, "AbortError");
}, "abort() a second time does nothing and keeps the first reason");

test(() => {
  const controller = new AbortController();
  controller.abort();
  const reason = controller.signal.reason;
  assert_true(reason instanceof DOMException);
  assert_equals(reason.name, "AbortError");
  assert_equals(reason.code, DOMException.ABORT_ERR);
}, "the default reason is an AbortError DOMException");

test(() => {
  const values = ["a string", 0, null, false, { an: "object" }, new Error("e"), Symbol("s")];
  for (const value of values) {
    const controller = new AbortController();
    controller.abort(value);
    assert_true(controller.signal.aborted);
    assert_equals(controller.signal.reason, value, String(typeof value));
  }
}, "abort(reason) keeps any reason except undefined");

test(() => {
  const controller = new AbortController();
  controller.abort(undefined);
  assert_equals(controller.signal.reason.name, "AbortError");
}, "abort(undefined) uses the default reason");

test(() => {
  const controller = new AbortController();
  controller.signal.throwIfAborted();
  const reason = new Error("stop");
  controller.abort(reason);
  assert_throws_exactly(reason, () => controller.signal.throwIfAborted());
  const plain = new AbortController();
  plain.abort("text");
  assert_throws_exactly("text", () => plain.signal.throwIfAborted());
}, "throwIfAborted() throws the reason only once aborted");

test(() => {
  const signal = AbortSignal.abort();
  assert_true(signal.aborted);
  assert_equals(signal.reason.name, "AbortError");
  const reason = { custom: true };
  assert_equals(AbortSignal.abort(reason).reason, reason);
  assert_not_equals(AbortSignal.abort(), AbortSignal.abort(), "a new signal each time");
}, "AbortSignal.abort() returns an aborted signal");

test(() => {
  const controller = new AbortController();
  controller.abort();
  controller.signal.onabort = () => assert_unreached("no event after the fact");
  controller.signal.addEventListener("abort", () => assert_unreached("no event after the fact"));
}, "listeners added after abort are never called");

test(() => {
  assert_throws_js(TypeError, () => new AbortSignal());
  assert_throws_js(TypeError, () => AbortSignal());
  assert_throws_js(TypeError, () => AbortController());
}, "AbortSignal is not constructible; both need new");

test(() => {
  const signalGetter = Object.getOwnPropertyDescriptor(AbortController.prototype, "signal").get;
  const abort = AbortController.prototype.abort;
  const bad = [null, undefined, 0, NaN, true, "AbortController", {}, Object.create(AbortController.prototype), new EventTarget()];
  for (const value of bad) {
    assert_throws_js(TypeError, () => signalGetter.call(value));
    assert_throws_js(TypeError, () => abort.call(value));
  }
}, "AbortController methods check their receiver");

test(() => {
  const aborted = Object.getOwnPropertyDescriptor(AbortSignal.prototype, "aborted").get;
  const reason = Object.getOwnPropertyDescriptor(AbortSignal.prototype, "reason").get;
  const throwIfAborted = AbortSignal.prototype.throwIfAborted;
  const bad = [null, undefined, 0, NaN, true, "AbortSignal", {}, Object.create(AbortSignal.prototype), new EventTarget()];
  for (const value of bad) {
    assert_throws_js(TypeError, () => aborted.call(value));
    assert_throws_js(TypeError, () => reason.call(value));
    assert_throws_js(TypeError, () => throwIfAborted.call(value));
  }
}, "AbortSignal members check their receiver");

test(() => {
  assert_equals(AbortController.length, 0);
  assert_equals(AbortController.prototype.abort.length, 0);
  assert_equals(AbortSignal.abort.length, 0);
  assert_equals(AbortSignal.timeout.length, 1);
  assert_equals(AbortSignal.any.length, 1);
  assert_equals(Object.getPrototypeOf(AbortSignal.prototype), EventTarget.prototype);
  assert_equals(Object.getPrototypeOf(AbortSignal), EventTarget);
  assert_class_string(new AbortController(), "AbortController");
  assert_class_string(new AbortController().signal, "AbortSignal");
  for (const name of ["aborted", "reason", "onabort"]) {
    const desc = Object.getOwnPropertyDescriptor(AbortSignal.prototype, name);
    assert_true(desc.enumerable, name + " is enumerable");
    assert_true(desc.configurable, name + " is configurable");
  }
  for (const name of ["abort", "timeout", "any"]) {
    const desc = Object.getOwnPropertyDescriptor(AbortSignal, name);
    assert_true(desc.enumerable && desc.writable && desc.configurable, name);
  }
  const desc = Object.getOwnPropertyDescriptor(globalThis, "AbortController");
  assert_false(desc.enumerable);
  assert_true(desc.writable);
  assert_true(desc.configurable);
}, "interface shape follows WebIDL");

test(() => {
  const controller = new AbortController();
  const calls = [];
  const first = () => calls.push("first");
  const second = () => calls.push("second");
  controller.signal.onabort = first;
  controller.signal.addEventListener("abort", () => calls.push("listener"));
  controller.signal.onabort = second;
  controller.abort();
  assert_array_equals(calls, ["second", "listener"], "the handler keeps its first position");
}, "onabort keeps its registration position when replaced");

test(() => {
  const controller = new AbortController();
  const calls = [];
  controller.signal.onabort = () => calls.push("handler");
  controller.signal.addEventListener("abort", () => calls.push("listener"));
  controller.signal.onabort = null;
  assert_equals(controller.signal.onabort, null);
  controller.signal.onabort = () => calls.push("handler again");
  controller.abort();
  assert_array_equals(calls, ["listener", "handler again"], "setting null removes the listener");
}, "setting onabort to null and back moves the handler to the end");

test(() => {
  const controller = new AbortController();
  const reasons = [];
  controller.signal.addEventListener("abort", () => {
    reasons.push(controller.signal.reason);
    controller.abort("nested");
  });
  controller.abort("outer");
  assert_array_equals(reasons, ["outer"]);
  assert_equals(controller.signal.reason, "outer");
}, "abort() from inside an abort listener does nothing");
