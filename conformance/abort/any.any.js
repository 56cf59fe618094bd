// AbortSignal.any() and dependent signals (https://dom.spec.whatwg.org/#dom-abortsignal-any).

test(() => {
  const signal = AbortSignal.any([]);
  assert_true(signal instanceof AbortSignal);
  assert_false(signal.aborted);
  assert_equals(signal.reason, undefined);
}, "an empty list gives a signal that never aborts");

test(() => {
  const controller = new AbortController();
  const combined = AbortSignal.any([controller.signal]);
  assert_not_equals(combined, controller.signal);
  let target = null;
  combined.onabort = (event) => {
    target = event.target;
  };
  controller.abort("why");
  assert_true(combined.aborted);
  assert_equals(combined.reason, "why");
  assert_equals(target, combined);
}, "a combined signal follows its one source");

test(() => {
  for (let which = 0; which < 3; which++) {
    const controllers = [new AbortController(), new AbortController(), new AbortController()];
    const combined = AbortSignal.any(controllers.map((c) => c.signal));
    let fired = 0;
    combined.addEventListener("abort", () => fired++);
    controllers[which].abort();
    assert_equals(fired, 1);
    assert_equals(combined.reason.name, "AbortError");
    for (let other = 0; other < 3; other++) {
      if (other !== which) controllers[other].abort();
    }
    assert_equals(fired, 1, "aborting other sources later does nothing");
  }
}, "any of several sources aborts the combined signal, once");

test(() => {
  const a = new AbortController();
  const b = new AbortController();
  const c = new AbortController();
  b.abort("b first");
  c.abort("c second");
  const combined = AbortSignal.any([a.signal, b.signal, c.signal]);
  assert_true(combined.aborted);
  assert_equals(combined.reason, "b first");
}, "an already aborted source gives an aborted signal with the first reason");

test(() => {
  const a = new AbortController();
  const combined = AbortSignal.any([a.signal, a.signal, a.signal]);
  let fired = 0;
  combined.onabort = () => fired++;
  a.abort("once");
  assert_equals(fired, 1);
  assert_equals(combined.reason, "once");
}, "the same signal may be passed more than once");

test(() => {
  for (let which = 0; which < 3; which++) {
    const controllers = [new AbortController(), new AbortController(), new AbortController()];
    const inner = AbortSignal.any([controllers[0].signal, controllers[1].signal]);
    const outer = AbortSignal.any([inner, controllers[2].signal]);
    let fired = false;
    outer.onabort = () => (fired = true);
    controllers[which].abort();
    assert_true(fired, "source " + which);
    assert_true(outer.aborted);
  }
}, "combined signals compose");

test(() => {
  const controller = new AbortController();
  let combined = AbortSignal.any([controller.signal]);
  for (let i = 0; i < 10; i++) combined = AbortSignal.any([combined]);
  let fired = false;
  combined.onabort = () => (fired = true);
  controller.abort("deep");
  assert_true(fired);
  assert_equals(combined.reason, "deep");
}, "chains of combined signals follow the original source");

test(() => {
  const controller = new AbortController();
  const signals = [controller.signal];
  signals.push(AbortSignal.any([controller.signal]));
  signals.push(AbortSignal.any([controller.signal]));
  signals.push(AbortSignal.any([signals[0]]));
  signals.push(AbortSignal.any([signals[1]]));
  let order = "";
  signals.forEach((signal, i) => signal.addEventListener("abort", () => (order += i)));
  controller.abort();
  assert_equals(order, "01234");
}, "the source fires first, then its dependents in creation order");

test(() => {
  const controller = new AbortController();
  const first = AbortSignal.any([controller.signal]);
  const second = AbortSignal.any([controller.signal]);
  const seen = [];
  controller.signal.addEventListener("abort", () => {
    seen.push(first.aborted, second.aborted, String(first.reason));
  });
  controller.abort("r");
  assert_array_equals(seen, [true, true, "r"], "dependents are aborted before the source's event");
}, "dependent signals are marked aborted before any abort event fires");

test(() => {
  const controller = new AbortController();
  const combined = AbortSignal.any([controller.signal]);
  let combinedFired = 0;
  combined.onabort = () => combinedFired++;
  controller.signal.addEventListener("abort", () => {
    assert_true(combined.aborted);
  });
  controller.abort();
  assert_equals(combinedFired, 1);
}, "a dependent's event fires after the source's");

async_test((t) => {
  const controller = new AbortController();
  const combined = AbortSignal.any([controller.signal, AbortSignal.timeout(5)]);
  combined.onabort = t.step_func_done(() => {
    assert_equals(combined.reason.name, "TimeoutError");
  });
}, "a timeout source aborts the combined signal");

test(() => {
  assert_throws_js(TypeError, () => AbortSignal.any());
  assert_throws_js(TypeError, () => AbortSignal.any(null));
  assert_throws_js(TypeError, () => AbortSignal.any({}));
  assert_throws_js(TypeError, () => AbortSignal.any([new AbortController().signal, {}]));
  assert_throws_js(TypeError, () => AbortSignal.any([new EventTarget()]));
  const set = new Set([new AbortController().signal]);
  assert_false(AbortSignal.any(set).aborted, "any iterable works");
}, "AbortSignal.any() takes a sequence of AbortSignals");

test(() => {
  const controller = new AbortController();
  const combined = AbortSignal.any([controller.signal]);
  const listener = () => {};
  combined.addEventListener("abort", listener);
  combined.removeEventListener("abort", listener);
  controller.abort();
  assert_true(combined.aborted, "removing listeners does not unlink the signal");
}, "a combined signal stays linked when its listeners go");
