// How failing subtests are reported: FAIL with the exception's message, TIMEOUT from
// force_timeout(), PRECONDITION_FAILED from assert_implements_optional. The victims fail
// on purpose (expectations.json); the last test checks their statuses and messages.

const results = new Map();
add_result_callback((t) => results.set(t.name, { status: t.status, message: t.message }));

test(() => assert_equals(1, 2), "victim: a failing assert");
test(() => { throw new TypeError("not an assert"); }, "victim: an exception other than an AssertionError");
test(() => { throw "a string"; }, "victim: a thrown string");
async_test((t) => {
  setTimeout(t.unreached_func("the callback ran"), 0);
}, "victim: unreached_func");
async_test((t) => {
  t.step_wait_func(() => false, () => {}, "never true", 20, 5);
}, "victim: step_wait_func gives up");
async_test((t) => {
  t.force_timeout();
}, "victim: force_timeout");
test(() => {
  assert_implements_optional(false, "an optional feature");
}, "an unsupported optional feature is PRECONDITION_FAILED");
promise_test(async () => {
  assert_implements_optional(false, "optional in a promise test");
}, "PRECONDITION_FAILED from a promise test");
async_test((t) => {
  t.step(() => assert_true(false, "first"));
  t.step(() => assert_true(false, "second"));
  t.done();
}, "victim: only the first failure counts");

promise_test(async () => {
  await new Promise((resolve) => setTimeout(resolve, 50));
  const expected = [
    ["victim: a failing assert", 1, "assert_equals: expected 2 but got 1"],
    ["victim: an exception other than an AssertionError", 1, "not an assert"],
    ["victim: a thrown string", 1, "a string"],
    ["victim: unreached_func", 1, "assert_unreached: the callback ran Reached unreachable code"],
    ["victim: step_wait_func gives up", 1, "step_wait_func: never true Timed out waiting on condition"],
    ["victim: force_timeout", 2, "Test timed out"],
    ["an unsupported optional feature is PRECONDITION_FAILED", 4, "an optional feature"],
    ["PRECONDITION_FAILED from a promise test", 4, "optional in a promise test"],
    ["victim: only the first failure counts", 1, "assert_true: first expected true got false"],
  ];
  for (const [name, status, message] of expected) {
    const result = results.get(name);
    assert_not_equals(result, undefined, name);
    assert_equals(result.status, status, name);
    assert_equals(result.message, message, name);
  }
}, "subtest statuses and messages");
