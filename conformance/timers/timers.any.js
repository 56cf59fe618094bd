// setTimeout, setInterval, clearTimeout, clearInterval (https://html.spec.whatwg.org/#timers).
setup({ allow_uncaught_exception: true });

test(() => {
  for (const name of ["setTimeout", "setInterval", "clearTimeout", "clearInterval", "queueMicrotask"]) {
    assert_equals(typeof globalThis[name], "function", name);
    const descriptor = Object.getOwnPropertyDescriptor(globalThis, name);
    assert_true(descriptor.writable && descriptor.configurable, name);
  }
  assert_equals(setTimeout.length, 1);
  assert_equals(setInterval.length, 1);
  assert_equals(clearTimeout.length, 0);
  assert_equals(clearInterval.length, 0);
  assert_throws_js(TypeError, () => setTimeout());
  assert_throws_js(TypeError, () => setInterval());
}, "timer functions exist with WebIDL lengths");

test(() => {
  const a = setTimeout(() => {}, 10);
  const b = setTimeout(() => {}, 10);
  const c = setInterval(() => {}, 10);
  assert_true(Number.isInteger(a) && a > 0);
  assert_not_equals(a, b);
  assert_not_equals(b, c);
  clearTimeout(a);
  clearTimeout(b);
  clearInterval(c);
  clearTimeout();
  clearTimeout(undefined);
  clearTimeout(123456789);
  clearTimeout("junk");
  clearTimeout({});
}, "ids are positive and distinct; clearing unknown ids is harmless");

async_test((t) => {
  let called = false;
  setTimeout(t.step_func(() => {
    called = true;
  }), 0);
  assert_false(called, "never synchronous");
  Promise.resolve().then(t.step_func(() => assert_false(called, "not before microtasks")));
  setTimeout(t.step_func_done(() => assert_true(called)), 0);
}, "setTimeout(f, 0) runs in a later task, in order");

async_test((t) => {
  // A timer waits for every timer started before it whose timeout is not longer.
  const order = [];
  setTimeout(() => order.push("0a"), 0);
  setTimeout(() => order.push("0b"));
  setTimeout(() => order.push("1a"), 1);
  setTimeout(() => order.push("1b"), 1);
  setTimeout(() => order.push(2), 2);
  setTimeout(() => order.push(3), 3);
  setTimeout(t.step_func_done(() => {
    assert_array_equals(order, ["0a", "0b", "1a", "1b", 2, 3]);
  }), 20);
}, "timers started earlier with no longer timeouts run first");

async_test((t) => {
  setTimeout(t.step_func_done(function (...args) {
    assert_array_equals(args, [1, "two", undefined]);
  }), 0, 1, "two", undefined);
}, "extra arguments are passed to the callback");

async_test((t) => {
  let receivedThis;
  setTimeout(function () {
    "use strict";
    receivedThis = this;
  });
  setTimeout(t.step_func_done(() => assert_equals(receivedThis, globalThis)), 1);
}, "callbacks are called with the global object as this");

async_test((t) => {
  let ran = false;
  const id = setTimeout(() => (ran = true), 0);
  clearTimeout(id);
  setTimeout(t.step_func_done(() => assert_false(ran)), 5);
}, "clearTimeout cancels");

async_test((t) => {
  let count = 0;
  const id = setInterval(t.step_func(() => {
    count++;
    if (count === 3) {
      clearTimeout(id);
      setTimeout(t.step_func_done(() => assert_equals(count, 3, "clearTimeout stops an interval")), 20);
    }
  }), 1);
}, "setInterval repeats until cleared, and clearTimeout clears it");

async_test((t) => {
  let count = 0;
  const id = setInterval(t.step_func(() => {
    count++;
    clearInterval(id);
  }), 0);
  setTimeout(t.step_func_done(() => assert_equals(count, 1)), 20);
}, "clearInterval from the callback stops it");

async_test((t) => {
  let count = 0;
  const id = setTimeout(t.step_func(() => {
    count++;
  }), 0);
  clearInterval(id);
  setTimeout(t.step_func_done(() => assert_equals(count, 0)), 10);
}, "clearInterval clears a timeout");

async_test((t) => {
  const start = performance.now();
  setTimeout(t.step_func_done(() => {
    assert_less_than(performance.now() - start, 1000, "a negative timeout means 0");
  }), -100);
}, "negative timeouts run at once");

async_test((t) => {
  const start = performance.now();
  const ids = [];
  // 2^32 + 5 converts to 5 (a WebIDL long wraps), and 2^31 to a negative number, so 0.
  ids.push(setTimeout(t.step_func(() => {
    assert_less_than(performance.now() - start, 1000);
  }), 2 ** 32 + 5));
  setTimeout(t.step_func(() => {
    assert_less_than(performance.now() - start, 1000);
  }), 2 ** 31);
  setTimeout(t.step_func_done(), 50);
}, "timeouts are converted as WebIDL long");

async_test((t) => {
  const long = setTimeout(t.unreached_func("a 2^31 - 1 ms timer does not fire now"), 2 ** 31 - 1);
  setTimeout(t.step_func_done(() => clearTimeout(long)), 20);
}, "the largest timeout waits");

async_test((t) => {
  let calls = 0;
  setTimeout(t.step_func(() => {
    calls++;
  }), "10");
  setTimeout(t.step_func_done(() => assert_equals(calls, 1, "a numeric string timeout works")), 30);
}, "the timeout is converted with ToNumber");

async_test((t) => {
  const reported = [];
  const onError = (e) => {
    reported.push(e.error);
    e.preventDefault();
  };
  addEventListener("error", onError);
  const thrown = new Error("from timer");
  setTimeout(() => { throw thrown; }, 0);
  let next = false;
  setTimeout(() => (next = true), 0);
  setTimeout(t.step_func_done(() => {
    removeEventListener("error", onError);
    assert_in_array(thrown, reported, "the exception is reported");
    assert_true(next, "later timers still run");
  }), 5);
}, "exceptions in timer callbacks are reported");

async_test((t) => {
  const reported = [];
  const onError = (e) => {
    reported.push(e.error);
    e.preventDefault();
  };
  addEventListener("error", onError);
  setTimeout("globalThis.stringTimerRan = true", 0);
  setTimeout(t.step_func_done(() => {
    removeEventListener("error", onError);
    assert_equals(globalThis.stringTimerRan, undefined, "strings are not compiled");
    assert_true(reported.some((e) => e instanceof EvalError), "the refusal is reported");
  }), 5);
}, "string handlers are refused: code generation from strings is disallowed");

async_test((t) => {
  let converted = 0;
  const id = setTimeout({ toString() { converted++; return "1"; } }, 0);
  clearTimeout(id);
  assert_equals(converted, 1, "a non-callable handler is converted to a string at once");
  t.done();
}, "non-callable handlers are converted to strings");

async_test((t) => {
  const order = [];
  setTimeout(() => {
    order.push("task 1");
    Promise.resolve().then(() => order.push("microtask 1"));
  }, 0);
  setTimeout(() => {
    order.push("task 2");
  }, 0);
  setTimeout(t.step_func_done(() => {
    assert_array_equals(order, ["task 1", "microtask 1", "task 2"]);
  }), 5);
}, "microtasks run after each timer task");

async_test((t) => {
  let depth = 0;
  let last = performance.now();
  const delays = [];
  function nest() {
    const now = performance.now();
    delays.push(now - last);
    last = now;
    if (++depth < 10) setTimeout(nest, 0);
    else t.step(() => {
      // From the sixth nested level on, 0 ms timers are clamped to 4 ms.
      for (let i = 6; i < delays.length; i++) assert_greater_than_equal(delays[i], 3.9, "level " + i);
      t.done();
    });
  }
  setTimeout(nest, 0);
}, "deeply nested timers are clamped to 4 ms");

async_test((t) => {
  let level = 0;
  function nest() {
    if (++level < 8) {
      setTimeout(nest, 0);
      return;
    }
    // Deep in the nesting, a timer set from a microtask still belongs to this task, but a
    // timer set from a later, unrelated task starts again at level 0.
    Promise.resolve().then(() => {
      setTimeout(() => {}, 0);
    });
    t.done();
  }
  setTimeout(nest, 0);
}, "nested timers with microtasks keep running");
