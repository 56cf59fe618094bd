// Event handler IDL attributes (https://html.spec.whatwg.org/#event-handler-attributes),
// with AbortSignal's onabort and the global's onerror.
setup({ allow_uncaught_exception: true });

test(() => {
  const signal = new AbortController().signal;
  assert_equals(signal.onabort, null);
  const fn = () => {};
  signal.onabort = fn;
  assert_equals(signal.onabort, fn);
  const object = { handleEvent() {} };
  signal.onabort = object;
  assert_equals(signal.onabort, object, "objects are kept");
  for (const value of [1, "string", true, undefined]) {
    signal.onabort = value;
    assert_equals(signal.onabort, null, String(value));
  }
}, "handlers keep callables and objects, other values become null");

test(() => {
  const controller = new AbortController();
  let handleEventCalled = false;
  controller.signal.onabort = { handleEvent() { handleEventCalled = true; } };
  controller.abort();
  assert_false(handleEventCalled, "a non-callable handler does nothing");
}, "a non-callable object as handler is not called");

test(() => {
  const controller = new AbortController();
  let receivedThis = null;
  let receivedEvent = null;
  controller.signal.onabort = function (event) {
    receivedThis = this;
    receivedEvent = event;
  };
  controller.abort();
  assert_equals(receivedThis, controller.signal);
  assert_equals(receivedEvent.type, "abort");
}, "handlers are called with the target as this and the event");

test(() => {
  const target = new AbortController().signal;
  const event = new Event("abort", { cancelable: true });
  target.onabort = () => false;
  assert_false(target.dispatchEvent(event));
  assert_true(event.defaultPrevented, "returning false cancels");
  const second = new Event("abort", { cancelable: true });
  target.onabort = () => 0;
  assert_true(target.dispatchEvent(second), "only false cancels");
  const third = new Event("abort", { cancelable: true });
  target.onabort = () => true;
  assert_true(target.dispatchEvent(third), "true does not cancel a normal handler");
}, "a handler returning false cancels the event");

async_test((t) => {
  const previous = globalThis.onerror;
  const thrown = new TypeError("boom");
  let args = null;
  globalThis.onerror = function (...received) {
    args = received;
    return true;
  };
  const target = new EventTarget();
  target.addEventListener("x", () => { throw thrown; });
  target.dispatchEvent(new Event("x"));
  globalThis.onerror = previous;
  t.step(() => {
    assert_equals(args.length, 5, "onerror gets five arguments");
    assert_true(args[0].includes("boom"), "message");
    assert_equals(typeof args[1], "string", "filename");
    assert_equals(typeof args[2], "number", "lineno");
    assert_equals(typeof args[3], "number", "colno");
    assert_equals(args[4], thrown, "error");
  });
  t.done();
}, "the global onerror gets (message, source, lineno, colno, error)");

async_test((t) => {
  let errorSeen = null;
  const listener = (e) => {
    errorSeen = e;
  };
  addEventListener("error", listener);
  const previous = globalThis.onerror;
  globalThis.onerror = () => true;
  const target = new EventTarget();
  target.addEventListener("x", () => { throw new Error("canceled by onerror"); });
  target.dispatchEvent(new Event("x"));
  globalThis.onerror = previous;
  removeEventListener("error", listener);
  t.step(() => {
    assert_true(errorSeen.defaultPrevented, "onerror returning true cancels the error event");
  });
  t.done();
}, "onerror returning true cancels");

test(() => {
  const descriptor = Object.getOwnPropertyDescriptor(AbortSignal.prototype, "onabort");
  assert_equals(typeof descriptor.get, "function");
  assert_equals(typeof descriptor.set, "function");
  assert_throws_js(TypeError, () => descriptor.get.call({}));
  assert_throws_js(TypeError, () => descriptor.set.call({}, () => {}));
  const globalDescriptor = Object.getOwnPropertyDescriptor(globalThis, "onerror");
  assert_true(globalDescriptor !== undefined, "onerror exists on the global");
}, "handler attributes are accessors that check their receiver");
