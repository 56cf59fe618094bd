// setTimeout("code") and setInterval("code"): HTML compiles the string when the timer
// fires; code generation is disallowed, so the compile step fails and is reported as an
// EvalError through the global error event (as under a CSP without 'unsafe-eval').
setup({ allow_uncaught_exception: true });

const message = "Code generation from strings disallowed for this context";
globalThis.ranFromString = false;

async_test((t) => {
  const listener = t.step_func((event) => {
    assert_true(event instanceof ErrorEvent, "an ErrorEvent");
    assert_equals(event.error.constructor, EvalError);
    assert_equals(event.error.message, message);
    assert_equals(event.message, "Uncaught EvalError: " + message);
    event.preventDefault();
    removeEventListener("error", listener);
    setTimeout(t.step_func_done(() => {
      assert_false(globalThis.ranFromString, "the string was not run");
    }), 0);
  });
  addEventListener("error", listener);
  const id = setTimeout("globalThis.ranFromString = true", 0);
  assert_true(Number.isInteger(id) && id > 0, "a timer id is returned");
}, "setTimeout with a string reports an EvalError when the timer fires");

async_test((t) => {
  let count = 0;
  let id;
  const listener = t.step_func((event) => {
    assert_equals(event.error.constructor, EvalError);
    event.preventDefault();
    if (++count === 2) {
      clearInterval(id);
      removeEventListener("error", listener);
      t.step_timeout(() => {
        assert_equals(count, 2, "cleared");
        assert_false(globalThis.ranFromString);
        t.done();
      }, 20);
    }
  });
  // Registered after the first test's listener is gone: events go to this one only.
  setTimeout(() => {
    addEventListener("error", listener);
    id = setInterval("globalThis.ranFromString = true", 1);
  }, 10);
}, "setInterval with a string reports an EvalError each time it fires");

test(() => {
  // The handler is converted to a string at once (HTML's TimerHandler conversion).
  let converted = 0;
  const id = setTimeout({ toString() { converted++; return "1"; } }, 100000);
  clearTimeout(id);
  assert_equals(converted, 1);
}, "a non-function handler is converted to a string when the timer is set");
