// Helpers for the harness self-tests: check that an assert fails, and how.

/** Runs `fn`, which must throw an AssertionError; returns its message. */
function failureOf(fn, label) {
  let error = null;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  if (error === null) throw new AssertionError((label || "") + ": the assert did not fail");
  if (!(error instanceof AssertionError)) {
    throw new AssertionError((label || "") + ": expected an AssertionError, got " + format_value(error));
  }
  return error.message;
}

/** `fn` must fail with exactly `message`. */
function assert_fails_with(fn, message, label) {
  assert_equals(failureOf(fn, label), message, label);
}

/** `fn` must fail with a message matching `pattern`. */
function assert_fails_matching(fn, pattern, label) {
  assert_regexp_match(failureOf(fn, label), pattern, label);
}

/** `fn` must not throw. */
function assert_passes(fn, label) {
  try {
    fn();
  } catch (e) {
    throw new AssertionError((label || "") + ": expected to pass, threw " + format_value(e) + (e && e.message ? " (" + e.message + ")" : ""));
  }
}

/** A promise settled with the status of the harness test named `name` once it has a result. */
function resultOf(name) {
  return new Promise((resolve) => {
    add_result_callback((t) => {
      if (t.name === name) resolve({ status: t.status, message: t.message });
    });
  });
}
