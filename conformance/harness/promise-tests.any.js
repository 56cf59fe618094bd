// META: script=resources/helpers.js
// promise_test, promise_setup and the promise_rejects_* asserts.

const events = [];

promise_setup(async () => {
  events.push("setup start");
  await new Promise((resolve) => setTimeout(resolve, 5));
  events.push("setup end");
});

promise_test(async (t) => {
  events.push("first start");
  assert_array_equals(events, ["setup start", "setup end", "first start"], "promise_setup ran first");
  t.add_cleanup(async () => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    events.push("first async cleanup done");
  });
  await new Promise((resolve) => setTimeout(resolve, 5));
  events.push("first end");
}, "promise tests wait for promise_setup");

promise_test(async () => {
  assert_array_equals(events.slice(2), ["first start", "first end", "first async cleanup done"]);
}, "promise tests run one at a time, after the previous test's async cleanups");

promise_test((t) => {
  return new Promise((resolve) => t.step_timeout(resolve, 1));
}, "a promise test passes when its promise fulfills");

promise_test(() => ({ then(resolve) { resolve(); } }), "any thenable will do");

promise_test(async (t) => {
  await promise_rejects_js(t, TypeError, Promise.reject(new TypeError("t")));
  await promise_rejects_dom(t, "AbortError", Promise.reject(new DOMException("a", "AbortError")));
  await promise_rejects_dom(t, "AbortError", DOMException, Promise.reject(new DOMException("a", "AbortError")));
  const value = { reason: 1 };
  await promise_rejects_exactly(t, value, Promise.reject(value));
}, "promise_rejects_* pass on the expected rejection");

promise_test(async (t) => {
  const outcome = (p) => p.then(() => "fulfilled", (e) => (e instanceof AssertionError ? e.message : "other: " + e));
  assert_regexp_match(await outcome(promise_rejects_js(t, TypeError, Promise.reject(new RangeError("r")))),
    /^promise_rejects_js: function "\(\) => \{ throw e; \}" threw object "RangeError: r" \("RangeError"\) expected instance of/);
  assert_regexp_match(await outcome(promise_rejects_dom(t, "AbortError", Promise.reject(new DOMException("s", "SyntaxError")))),
    /^promise_rejects_dom: .*that is not a DOMException AbortError: property "code" is equal to 12, expected 20$/);
  assert_equals(await outcome(promise_rejects_exactly(t, 1, Promise.reject(2))),
    'promise_rejects_exactly: function "() => { throw e; }" threw 2 but we expected it to throw 1');
}, "promise_rejects_* reject with an AssertionError on the wrong rejection");

// Victims: deliberately failing tests (conformance/harness/expectations.json), checked below.
promise_test((t) => promise_rejects_js(t, TypeError, Promise.resolve(1), "resolved"),
  "victim: promise_rejects_js on a fulfilled promise fails the test");
promise_test(() => Promise.reject(new Error("plain error")), "victim: a rejection that is not an AssertionError");
promise_test(() => 5, "victim: a body that returns a non-thenable");
promise_test(() => {}, "victim: a body that returns nothing");
promise_test(async () => { assert_equals(1, 2, "inside"); }, "victim: a failing assert in an async body");

promise_test(async () => {
  const expected = {
    "victim: promise_rejects_js on a fulfilled promise fails the test": [1, "assert_unreached: Should have rejected: resolved Reached unreachable code"],
    "victim: a rejection that is not an AssertionError": [1, 'promise_test: Unhandled rejection with value: object "Error: plain error"'],
    "victim: a body that returns a non-thenable": [1, "promise_test: test body must return a 'thenable' object (received an object with no `then` method)"],
    "victim: a body that returns nothing": [1, "promise_test: test body must return a 'thenable' object (received undefined)"],
    "victim: a failing assert in an async body": [1, "assert_equals: inside expected 2 but got 1"],
  };
  for (const [name, [status, message]] of Object.entries(expected)) {
    const result = recorded.get(name);
    assert_not_equals(result, undefined, name + " has a result");
    assert_equals(result.status, status, name);
    assert_equals(result.message, message, name);
  }
}, "failing promise tests fail with testharness.js's messages");

const recorded = new Map();
add_result_callback((t) => recorded.set(t.name, { status: t.status, message: t.message }));

promise_test(async (t) => {
  let cleaned = false;
  t.add_cleanup(() => { cleaned = true; });
  await Promise.resolve();
  return cleaned;
}, "cleanups of a promise test run after its promise settles");

promise_test(async () => {
  assert_true(recorded.has("cleanups of a promise test run after its promise settles"));
}, "result callbacks see every finished test");
