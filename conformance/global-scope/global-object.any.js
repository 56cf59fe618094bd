// The global object: self and globalThis, and the global as an EventTarget (WinterTC
// Minimum Common API; HTML's WorkerGlobalScope where it applies).

test(() => {
  assert_equals(self, globalThis);
  assert_equals(globalThis.globalThis, globalThis);
  assert_equals(typeof self, "object");
}, "self and globalThis are the global object");

test(() => {
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, "self");
  assert_equals(typeof descriptor.get, "function", "an accessor");
  assert_true(descriptor.enumerable);
  assert_true(descriptor.configurable);
  self = 5;
  assert_equals(globalThis.self, 5, "[Replaceable]: assigning replaces it");
  Object.defineProperty(globalThis, "self", descriptor);
  assert_equals(self, globalThis);
}, "self is a [Replaceable] accessor");

test(() => {
  for (const name of ["addEventListener", "removeEventListener", "dispatchEvent"]) {
    assert_equals(typeof globalThis[name], "function", name);
    assert_equals(globalThis[name], EventTarget.prototype[name], name + " is EventTarget's");
  }
}, "the global has EventTarget's methods");

async_test((t) => {
  const listener = t.step_func_done((event) => {
    assert_equals(event.type, "custom-global-event");
    assert_equals(event.target, globalThis);
    assert_equals(event.currentTarget, globalThis);
    removeEventListener("custom-global-event", listener);
  });
  addEventListener("custom-global-event", listener);
  assert_true(dispatchEvent(new Event("custom-global-event")));
}, "events can be dispatched at the global");

test(() => {
  let calls = 0;
  const listener = () => calls++;
  addEventListener("x-remove", listener);
  removeEventListener("x-remove", listener);
  dispatchEvent(new Event("x-remove"));
  assert_equals(calls, 0);
}, "removeEventListener on the global");

test(() => {
  for (const name of ["onerror", "onunhandledrejection", "onrejectionhandled"]) {
    assert_equals(globalThis[name], null, name + " is null at first");
    const handler = () => {};
    globalThis[name] = handler;
    assert_equals(globalThis[name], handler, name + " keeps a function");
    globalThis[name] = 5;
    assert_equals(globalThis[name], null, name + " turns non-objects into null");
    globalThis[name] = null;
  }
}, "the global's event handler attributes");

test(() => {
  assert_equals(typeof queueMicrotask, "function");
  assert_equals(typeof structuredClone, "function");
  assert_equals(typeof reportError, "function");
  for (const name of ["setTimeout", "clearTimeout", "setInterval", "clearInterval"]) {
    assert_equals(typeof globalThis[name], "function", name);
  }
}, "the global functions exist");
