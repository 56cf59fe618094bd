// EventTarget (https://dom.spec.whatwg.org/#interface-eventtarget).
setup({ allow_uncaught_exception: true });

test(() => {
  const target = new EventTarget();
  assert_true(target instanceof EventTarget);
  assert_class_string(target, "EventTarget");
  assert_throws_js(TypeError, () => EventTarget());
  class Sub extends EventTarget {}
  const sub = new Sub();
  let got = null;
  sub.addEventListener("x", (e) => (got = e.target));
  sub.dispatchEvent(new Event("x"));
  assert_equals(got, sub);
}, "EventTarget is constructible and subclassable");

test(() => {
  const target = new EventTarget();
  const order = [];
  target.addEventListener("x", () => order.push(1), true);
  target.addEventListener("x", () => order.push(2), false);
  target.addEventListener("x", () => order.push(3), true);
  target.addEventListener("x", () => order.push(4));
  target.dispatchEvent(new Event("x"));
  assert_array_equals(order, [1, 3, 2, 4]);
}, "capturing listeners run before the others at the target");

test(() => {
  const target = new EventTarget();
  let count = 0;
  const listener = () => count++;
  target.addEventListener("x", listener);
  target.addEventListener("x", listener);
  target.addEventListener("x", listener, false);
  target.addEventListener("x", listener, { capture: false, once: true, passive: true });
  target.dispatchEvent(new Event("x"));
  assert_equals(count, 1, "same callback, type and capture: added once");
  target.addEventListener("x", listener, true);
  target.dispatchEvent(new Event("x"));
  assert_equals(count, 3, "a capturing registration is a different listener");
  target.removeEventListener("x", listener, { capture: true });
  target.dispatchEvent(new Event("x"));
  assert_equals(count, 4);
  target.removeEventListener("x", listener);
  target.dispatchEvent(new Event("x"));
  assert_equals(count, 4);
}, "listeners are keyed by type, callback and capture");

test(() => {
  const target = new EventTarget();
  target.addEventListener("x", null);
  target.addEventListener("x", undefined);
  target.removeEventListener("x", null);
  assert_throws_js(TypeError, () => target.addEventListener("x", 5));
  assert_throws_js(TypeError, () => target.addEventListener("x", "f"));
  assert_throws_js(TypeError, () => target.addEventListener("x"));
  assert_throws_js(TypeError, () => target.removeEventListener("x"));
  assert_throws_js(TypeError, () => target.dispatchEvent());
  assert_throws_js(TypeError, () => target.dispatchEvent(null));
  assert_throws_js(TypeError, () => target.dispatchEvent({ type: "x" }));
  assert_equals(EventTarget.prototype.addEventListener.length, 2);
  assert_equals(EventTarget.prototype.removeEventListener.length, 2);
  assert_equals(EventTarget.prototype.dispatchEvent.length, 1);
}, "argument checks");

test(() => {
  const target = new EventTarget();
  let listenerThis = null;
  const listener = {
    handleEvent(event) {
      listenerThis = this;
      assert_equals(event.currentTarget, target);
    },
  };
  target.addEventListener("x", listener);
  target.dispatchEvent(new Event("x"));
  assert_equals(listenerThis, listener);
  let functionThis = null;
  target.addEventListener("y", function () { functionThis = this; });
  target.dispatchEvent(new Event("y"));
  assert_equals(functionThis, target, "a function listener is called with the target as this");
}, "listener this: the listener object, or the current target");

test(() => {
  const target = new EventTarget();
  let lookups = 0;
  target.addEventListener("x", { get handleEvent() { lookups++; return () => {}; } });
  assert_equals(lookups, 0);
  target.dispatchEvent(new Event("x"));
  target.dispatchEvent(new Event("x"));
  assert_equals(lookups, 2);
  let calls = 0;
  const fn = () => calls++;
  fn.handleEvent = () => assert_unreached("handleEvent of a function is not used");
  target.addEventListener("y", fn);
  target.dispatchEvent(new Event("y"));
  assert_equals(calls, 1);
}, "handleEvent is looked up at each dispatch, and never on functions");

async_test((t) => {
  const target = new EventTarget();
  const errors = [];
  const onError = (e) => {
    errors.push(e.error);
    e.preventDefault();
  };
  addEventListener("error", onError);
  target.addEventListener("x", { handleEvent: 42 });
  target.addEventListener("x", { handleEvent: null });
  const thrown = new Error("from getter");
  target.addEventListener("x", { get handleEvent() { throw thrown; } });
  const calls = [];
  target.addEventListener("x", () => { calls.push("after"); });
  assert_true(target.dispatchEvent(new Event("x")));
  removeEventListener("error", onError);
  t.step(() => {
    assert_equals(errors.length, 3);
    assert_true(errors[0] instanceof TypeError);
    assert_true(errors[1] instanceof TypeError);
    assert_equals(errors[2], thrown);
    assert_array_equals(calls, ["after"], "dispatch goes on");
  });
  t.done();
}, "a listener whose handleEvent is missing or throws is reported, and dispatch goes on");

async_test((t) => {
  const target = new EventTarget();
  const thrown = new Error("listener error");
  let reported = null;
  const onError = (e) => {
    reported = e;
    e.preventDefault();
  };
  addEventListener("error", onError);
  const calls = [];
  target.addEventListener("x", () => { calls.push(1); throw thrown; });
  target.addEventListener("x", () => calls.push(2));
  assert_true(target.dispatchEvent(new Event("x")), "exceptions do not propagate");
  removeEventListener("error", onError);
  t.step(() => {
    assert_array_equals(calls, [1, 2]);
    assert_true(reported instanceof ErrorEvent);
    assert_equals(reported.error, thrown);
    assert_true(reported.isTrusted);
    assert_true(reported.cancelable);
    assert_true(reported.message.includes("listener error"));
  });
  t.done();
}, "listener exceptions are reported at the global, not thrown");

test(() => {
  const target = new EventTarget();
  const calls = [];
  const second = () => calls.push("second");
  target.addEventListener("x", () => {
    calls.push("first");
    target.removeEventListener("x", second);
  });
  target.addEventListener("x", second);
  target.dispatchEvent(new Event("x"));
  assert_array_equals(calls, ["first"], "a listener removed during dispatch is not called");
}, "removing a later listener during dispatch");

test(() => {
  const target = new EventTarget();
  const calls = [];
  target.addEventListener("x", () => {
    calls.push("first");
    target.addEventListener("x", () => calls.push("added"));
  });
  target.dispatchEvent(new Event("x"));
  assert_array_equals(calls, ["first"], "a listener added during dispatch waits for the next one");
  calls.length = 0;
  target.dispatchEvent(new Event("x"));
  assert_array_equals(calls, ["first", "added", "first"].slice(0, 2));
}, "adding a listener during dispatch");

test(() => {
  const target = new EventTarget();
  const calls = [];
  const listener = () => {
    calls.push("a");
    target.removeEventListener("x", listener);
    target.addEventListener("x", listener);
  };
  target.addEventListener("x", listener);
  target.addEventListener("x", () => calls.push("b"));
  target.dispatchEvent(new Event("x"));
  assert_array_equals(calls, ["a", "b"], "re-added listener is a new registration");
  calls.length = 0;
  target.dispatchEvent(new Event("x"));
  assert_array_equals(calls, ["b", "a"]);
}, "removing and re-adding a listener moves it to the end");

test(() => {
  const target = new EventTarget();
  const event = new Event("x");
  let inner = null;
  target.addEventListener("x", () => {
    try {
      target.dispatchEvent(event);
    } catch (e) {
      inner = e;
    }
  });
  target.dispatchEvent(event);
  assert_true(inner instanceof DOMException);
  assert_equals(inner.name, "InvalidStateError");
  assert_equals(inner.code, DOMException.INVALID_STATE_ERR);
  const other = new EventTarget();
  let fromOther = null;
  target.addEventListener("y", (e) => {
    try {
      other.dispatchEvent(e);
    } catch (error) {
      fromOther = error.name;
    }
  });
  target.dispatchEvent(new Event("y"));
  assert_equals(fromOther, "InvalidStateError");
}, "dispatching an event that is being dispatched throws InvalidStateError");

test(() => {
  const target = new EventTarget();
  let depth = 0;
  let max = 0;
  target.addEventListener("x", () => {
    depth++;
    max = Math.max(max, depth);
    if (depth < 3) target.dispatchEvent(new Event("x"));
    depth--;
  });
  target.dispatchEvent(new Event("x"));
  assert_equals(max, 3);
}, "nested dispatch of new events works");

test(() => {
  const target = new EventTarget();
  const calls = [];
  target.addEventListener("x", () => calls.push("lower"));
  target.dispatchEvent(new Event("X"));
  assert_array_equals(calls, [], "types are case-sensitive");
  target.addEventListener(null, () => calls.push("null"));
  target.dispatchEvent(new Event("null"));
  assert_array_equals(calls, ["null"], "types are converted to strings");
}, "event types");

test(() => {
  const add = EventTarget.prototype.addEventListener;
  assert_throws_js(TypeError, () => add.call({}, "x", () => {}));
  assert_throws_js(TypeError, () => add.call(new Event("x"), "x", () => {}));
  const dispatch = EventTarget.prototype.dispatchEvent;
  assert_throws_js(TypeError, () => dispatch.call({}, new Event("x")));
}, "EventTarget methods check their receiver");

test(() => {
  let seen = null;
  const listener = (e) => (seen = e);
  addEventListener("custom-global", listener);
  assert_true(dispatchEvent(new Event("custom-global")));
  assert_equals(seen.target, globalThis);
  removeEventListener("custom-global", listener);
  seen = null;
  globalThis.dispatchEvent(new Event("custom-global"));
  assert_equals(seen, null);
}, "the global object is an EventTarget");
