// AddEventListenerOptions: once, passive, signal (https://dom.spec.whatwg.org/#dictdef-addeventlisteneroptions).

test(() => {
  const target = new EventTarget();
  let count = 0;
  target.addEventListener("x", () => count++, { once: true });
  target.dispatchEvent(new Event("x"));
  target.dispatchEvent(new Event("x"));
  assert_equals(count, 1);
}, "once: the listener runs one time");

test(() => {
  const target = new EventTarget();
  let count = 0;
  const listener = () => {
    count++;
    if (count === 1) target.dispatchEvent(new Event("x"));
  };
  target.addEventListener("x", listener, { once: true });
  target.dispatchEvent(new Event("x"));
  assert_equals(count, 1, "removed before it runs, so a nested dispatch does not reach it");
}, "once: removed before the call");

test(() => {
  const target = new EventTarget();
  const calls = [];
  const listener = () => calls.push("once");
  target.addEventListener("x", listener, { once: true });
  target.addEventListener("x", listener);
  target.dispatchEvent(new Event("x"));
  target.dispatchEvent(new Event("x"));
  assert_array_equals(calls, ["once"], "the second add was a duplicate, dropped");
  target.addEventListener("x", listener);
  target.dispatchEvent(new Event("x"));
  assert_array_equals(calls, ["once", "once"]);
}, "once listeners and duplicates");

test(() => {
  const order = [];
  const target = new EventTarget();
  target.addEventListener("x", null, {
    get capture() { order.push("capture"); return false; },
    get once() { order.push("once"); return false; },
    get passive() { order.push("passive"); return false; },
    get signal() { order.push("signal"); return undefined; },
    get other() { order.push("other"); return undefined; },
  });
  assert_array_equals(order, ["capture", "once", "passive", "signal"]);
  order.length = 0;
  target.removeEventListener("x", null, {
    get capture() { order.push("capture"); return false; },
    get passive() { order.push("passive"); return false; },
  });
  assert_array_equals(order, ["capture"], "removeEventListener reads only capture");
}, "options are read in order, even with a null callback");

function passiveResult(options) {
  const target = new EventTarget();
  let prevented = null;
  target.addEventListener("x", (e) => {
    e.preventDefault();
    prevented = e.defaultPrevented;
  }, options);
  const notCanceled = target.dispatchEvent(new Event("x", { cancelable: true }));
  assert_equals(notCanceled, !prevented);
  return prevented;
}

test(() => {
  assert_true(passiveResult(undefined));
  assert_true(passiveResult({}));
  assert_true(passiveResult({ passive: false }));
  assert_false(passiveResult({ passive: true }));
  assert_true(passiveResult({ passive: 0 }));
  assert_false(passiveResult({ passive: 1 }));
}, "passive listeners cannot cancel");

test(() => {
  const target = new EventTarget();
  target.addEventListener("x", (e) => { e.returnValue = false; }, { passive: true });
  target.addEventListener("x", (e) => assert_false(e.defaultPrevented));
  assert_true(target.dispatchEvent(new Event("x", { cancelable: true })));
  target.addEventListener("x", (e) => e.preventDefault());
  assert_false(target.dispatchEvent(new Event("x", { cancelable: true })), "a non-passive listener still can");
}, "passive applies to its own listener only");

test(() => {
  const target = new EventTarget();
  let count = 0;
  const listener = () => count++;
  target.addEventListener("x", listener, { passive: true });
  target.addEventListener("x", listener, { passive: false });
  target.dispatchEvent(new Event("x"));
  assert_equals(count, 1, "passive is not part of a listener's identity");
}, "passive and identity");

test(() => {
  const target = new EventTarget();
  const controller = new AbortController();
  let count = 0;
  const listener = () => count++;
  target.addEventListener("x", listener, { signal: controller.signal });
  target.dispatchEvent(new Event("x"));
  target.dispatchEvent(new Event("x"));
  assert_equals(count, 2);
  controller.abort();
  target.dispatchEvent(new Event("x"));
  assert_equals(count, 2, "abort removes the listener");
  target.addEventListener("x", listener, { signal: controller.signal });
  target.dispatchEvent(new Event("x"));
  assert_equals(count, 2, "an aborted signal adds nothing");
}, "signal removes the listener on abort");

test(() => {
  const target = new EventTarget();
  const controller = new AbortController();
  let count = 0;
  const listener = () => count++;
  target.addEventListener("x", listener, { signal: controller.signal, once: true, capture: true });
  target.addEventListener("y", listener, { signal: controller.signal });
  controller.abort();
  target.dispatchEvent(new Event("x"));
  target.dispatchEvent(new Event("y"));
  assert_equals(count, 0);
}, "one signal removes several listeners, with once and capture");

test(() => {
  const target = new EventTarget();
  const controller = new AbortController();
  let count = 0;
  target.addEventListener("x", () => controller.abort(), { signal: controller.signal });
  target.addEventListener("x", () => count++, { signal: controller.signal });
  target.dispatchEvent(new Event("x"));
  assert_equals(count, 0, "aborting in a listener removes later ones before they run");
  const other = new EventTarget();
  const second = new AbortController();
  other.addEventListener("x", () => {
    other.addEventListener("x", () => count++, { signal: second.signal });
    second.abort();
  });
  other.dispatchEvent(new Event("x"));
  other.dispatchEvent(new Event("x"));
  assert_equals(count, 0);
}, "aborting during dispatch");

test(() => {
  const target = new EventTarget();
  const controller = new AbortController();
  let count = 0;
  const handler = () => count++;
  target.addEventListener("x", handler, { signal: controller.signal });
  target.removeEventListener("x", handler);
  target.dispatchEvent(new Event("x"));
  assert_equals(count, 0);
  controller.abort();
}, "removeEventListener still works with a signal");

test(() => {
  const target = new EventTarget();
  assert_throws_js(TypeError, () => target.addEventListener("x", () => {}, { signal: null }));
  assert_throws_js(TypeError, () => target.addEventListener("x", null, { signal: null }));
  assert_throws_js(TypeError, () => target.addEventListener("x", () => {}, { signal: {} }));
  assert_throws_js(TypeError, () => target.addEventListener("x", () => {}, { signal: new EventTarget() }));
  target.addEventListener("x", () => {}, { signal: undefined });
}, "signal must be an AbortSignal");

test(() => {
  const target = new EventTarget();
  const controller = new AbortController();
  let runs = 0;
  target.addEventListener("foo", () => {
    target.addEventListener("foo", () => {
      runs++;
      if (runs > 5) controller.abort();
      target.dispatchEvent(new Event("foo"));
    }, { signal: controller.signal });
    target.dispatchEvent(new Event("foo"));
  }, { once: true });
  target.dispatchEvent(new Event("foo"));
  assert_equals(runs, 6);
}, "aborting from a nested listener ends the recursion");

test(() => {
  const target = new EventTarget();
  let count = 0;
  const listener = () => count++;
  target.addEventListener("x", listener, 1);
  target.removeEventListener("x", listener, "yes");
  target.dispatchEvent(new Event("x"));
  assert_equals(count, 0, "non-boolean primitives convert to capture = ToBoolean");
}, "boolean options convert");

test(() => {
  const target = new EventTarget();
  let count = 0;
  function handler() {
    count++;
    if (count === 1) target.addEventListener("x", handler, { once: true });
    if (count <= 2) target.dispatchEvent(new Event("x"));
  }
  target.addEventListener("x", handler, { once: true });
  target.dispatchEvent(new Event("x"));
  assert_equals(count, 2, "a once listener re-added from itself runs once per registration");
}, "once: re-adding from inside the listener");

test(() => {
  const target = new EventTarget();
  let count = 0;
  for (let i = 0; i < 4; i++) {
    target.addEventListener("x", (e) => {
      count++;
      e.stopImmediatePropagation();
    }, { once: true });
  }
  for (let i = 0; i < 4; i++) target.dispatchEvent(new Event("x"));
  assert_equals(count, 4, "each dispatch consumes one once listener");
}, "once listeners with stopImmediatePropagation");
