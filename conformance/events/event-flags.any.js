// Event flags: cancelation, propagation, initEvent (https://dom.spec.whatwg.org/#interface-event).

test(() => {
  const event = new Event("x", { cancelable: true });
  assert_false(event.defaultPrevented);
  event.preventDefault();
  assert_true(event.defaultPrevented, "outside dispatch too");
  assert_false(event.returnValue);
  const notCancelable = new Event("x");
  notCancelable.preventDefault();
  assert_false(notCancelable.defaultPrevented);
  notCancelable.returnValue = false;
  assert_true(notCancelable.returnValue);
}, "preventDefault() only cancels cancelable events");

test(() => {
  const event = new Event("x", { cancelable: true });
  event.returnValue = true;
  assert_false(event.defaultPrevented);
  event.returnValue = false;
  assert_true(event.defaultPrevented);
  event.returnValue = true;
  assert_true(event.defaultPrevented, "returnValue cannot undo cancelation");
}, "returnValue = false cancels, true does not undo");

test(() => {
  const target = new EventTarget();
  const event = new Event("x", { cancelable: true });
  target.addEventListener("x", (e) => e.preventDefault());
  assert_false(target.dispatchEvent(event));
  assert_true(event.defaultPrevented, "defaultPrevented stays true after dispatch");
  assert_false(target.dispatchEvent(event), "and on a second dispatch");
}, "dispatchEvent() returns false for a canceled event");

test(() => {
  const event = new Event("x");
  assert_false(event.cancelBubble);
  event.cancelBubble = true;
  assert_true(event.cancelBubble);
  event.cancelBubble = false;
  assert_true(event.cancelBubble, "setting false does nothing");
  const other = new Event("x");
  other.stopPropagation();
  assert_true(other.cancelBubble);
  const third = new Event("x");
  third.stopImmediatePropagation();
  assert_true(third.cancelBubble);
}, "cancelBubble reflects the stop propagation flag");

test(() => {
  const target = new EventTarget();
  let called = false;
  target.addEventListener("x", () => (called = true));
  const event = new Event("x");
  event.cancelBubble = true;
  target.dispatchEvent(event);
  assert_false(called, "a stopped event reaches no listener");
  assert_false(event.cancelBubble, "the flag is cleared after dispatch");
  target.dispatchEvent(event);
  assert_true(called, "a second dispatch works");
}, "stopping before dispatch skips every listener");

test(() => {
  const target = new EventTarget();
  const calls = [];
  target.addEventListener("x", () => calls.push(1));
  target.addEventListener("x", (e) => { calls.push(2); e.stopImmediatePropagation(); });
  target.addEventListener("x", () => calls.push(3));
  target.dispatchEvent(new Event("x"));
  assert_array_equals(calls, [1, 2]);
  calls.length = 0;
  target.dispatchEvent(new Event("x"));
  assert_array_equals(calls, [1, 2]);
}, "stopImmediatePropagation() skips the remaining listeners");

test(() => {
  const target = new EventTarget();
  const calls = [];
  target.addEventListener("x", (e) => { calls.push("capture"); e.stopPropagation(); }, true);
  target.addEventListener("x", () => calls.push("bubble"));
  target.dispatchEvent(new Event("x"));
  assert_array_equals(calls, ["capture"]);
}, "stopPropagation() in a capturing listener at the target skips the others");

test(() => {
  const event = new Event("x", { bubbles: true, cancelable: true });
  event.preventDefault();
  event.stopPropagation();
  event.initEvent("y", false, true);
  assert_equals(event.type, "y");
  assert_false(event.bubbles);
  assert_true(event.cancelable);
  assert_false(event.defaultPrevented, "initEvent clears canceled");
  assert_false(event.cancelBubble, "initEvent clears stop propagation");
  event.initEvent("z");
  assert_false(event.cancelable, "defaults to false");
  assert_throws_js(TypeError, () => event.initEvent());
  assert_equals(Event.prototype.initEvent.length, 1);
}, "initEvent() reinitializes an event");

test(() => {
  const target = new EventTarget();
  const event = new Event("x", { cancelable: true });
  target.addEventListener("x", (e) => {
    e.initEvent("changed", true, false);
    assert_equals(e.type, "x", "initEvent is ignored while dispatching");
    assert_true(e.cancelable);
  });
  target.dispatchEvent(event);
  assert_equals(event.type, "x");
  const thrown = { name: "thrown" };
  let checked = false;
  target.addEventListener("y", (e) => {
    assert_throws_exactly(thrown, () => e.initEvent({ toString() { throw thrown; } }), "arguments are converted first");
    checked = true;
  });
  target.dispatchEvent(new Event("y"));
  assert_true(checked);
}, "initEvent() while dispatching does nothing");

test(() => {
  const target = new EventTarget();
  const event = new Event("x");
  let trustedInside = null;
  target.addEventListener("x", (e) => (trustedInside = e.isTrusted));
  target.dispatchEvent(event);
  assert_false(trustedInside);
  assert_equals(event.target, target, "target stays after dispatch");
  assert_equals(event.currentTarget, null);
  assert_equals(event.eventPhase, Event.NONE);
}, "dispatchEvent() leaves target set and clears currentTarget and phase");

test(() => {
  const target = new EventTarget();
  target.addEventListener("x", (e) => {
    assert_equals(e.eventPhase, Event.AT_TARGET);
    assert_equals(e.currentTarget, target);
    assert_array_equals(e.composedPath(), [target]);
  });
  target.addEventListener("x", (e) => assert_equals(e.eventPhase, Event.AT_TARGET), true);
  target.dispatchEvent(new Event("x", { bubbles: true }));
}, "listeners run AT_TARGET with the target as currentTarget");
