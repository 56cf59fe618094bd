// META: script=resources/helpers.js
// test(), async_test() and the Test methods, as testharness.js runs them.

const created = [];
add_test_state_callback((t) => {
  if (t.phase === t.phases.INITIAL) created.push(t.name);
});

test(() => assert_true(true));
test(() => assert_true(true));
test(() => { assert_true(true); });
test(function () {}, "a named function with a name argument");
test(function namedFunction() {});

test(() => {
  assert_array_equals(created.slice(0, 5), [
    "assert_true(true)", "assert_true(true) 1", "assert_true(true) 2",
    "a named function with a name argument", "Untitled",
  ]);
}, "unnamed one-line arrow functions are named after their body, then Untitled");

test(function (t) {
  assert_equals(this, t, "this is the test");
  assert_equals(typeof t.step, "function");
  assert_equals(t.name, "the function gets the Test as this and as its argument");
  assert_equals(t.status, t.TIMEOUT, "a running test is TIMEOUT until it has a result");
  assert_equals(t.phase, t.phases.STARTED);
}, "the function gets the Test as this and as its argument");

test((t) => {
  let ran = 0;
  const other = async_test("a completed test ignores later steps");
  other.done();
  other.step(() => { ran++; });
  assert_equals(ran, 0, "a step after done() does not run");
  assert_equals(other.status, other.PASS);
  assert_equals(other.phase, other.phases.COMPLETE);
  other.done();
  assert_equals(other.status, other.PASS, "done() twice is harmless");
}, "step() after done() does nothing");

test(() => {
  const t = async_test("step() returns what the function returns");
  assert_equals(t.step(() => 42), 42);
  const self_ = {};
  const [thisValue, a, b] = t.step(function (a, b) { return [this, a, b]; }, self_, 1, 2);
  assert_equals(thisValue, self_);
  assert_equals(a + b, 3);
  t.done();
}, "step() passes this and the arguments");

async_test((t) => {
  const f = t.step_func(function (a, b) {
    assert_equals(this, t, "this defaults to the test");
    assert_equals(a + b, 3);
    return "value";
  });
  assert_equals(f(1, 2), "value");
  const other = {};
  const g = t.step_func(function () { return this; }, other);
  assert_equals(g(), other, "an explicit this");
  t.step_timeout(function (x) {
    assert_equals(this, t, "step_timeout runs with the test as this");
    assert_equals(x, "arg");
    t.done();
  }, 1, "arg");
}, "step_func and step_timeout");

async_test((t) => {
  const done = t.step_func_done((x) => {
    assert_equals(x, 7);
  });
  setTimeout(() => done(7), 0);
}, "step_func_done runs the step then ends the test");

async_test((t) => {
  setTimeout(t.step_func_done(), 0);
}, "step_func_done without a function just ends the test");

const order = [];
async_test((t) => {
  t.add_cleanup(() => { order.push("first cleanup"); });
  t.add_cleanup(() => { order.push("second cleanup"); });
  order.push("body");
  setTimeout(t.step_func_done(() => order.push("done")), 0);
}, "add_cleanup functions run in order after the result");

async_test((t) => {
  setTimeout(t.step_func_done(() => {
    assert_array_equals(order, ["body", "done", "first cleanup", "second cleanup"]);
  }), 5);
}, "cleanups ran after the test's last step");

async_test((t) => {
  let n = 0;
  t.step_wait_func_done(() => ++n === 3, () => {
    assert_equals(n, 3);
  }, "waiting for n", 1000, 1);
}, "step_wait_func_done polls until the condition holds");

promise_test(async (t) => {
  let flag = false;
  setTimeout(() => { flag = true; }, 5);
  await t.step_wait(() => flag, "flag", 1000, 1);
  assert_true(flag);
}, "step_wait resolves once the condition holds");

test(() => {
  let seen = [];
  generate_tests((a, b) => { seen.push(a + b); }, [["generated 1", 1, 2], ["generated 2", 3, 4]]);
  assert_array_equals(seen, [3, 7]);
  assert_array_equals(created.slice(-2), ["generated 1", "generated 2"]);
}, "generate_tests makes one test per argument list");

async_test((t) => {
  const target = new EventTarget();
  on_event(target, "ping", t.step_func_done((e) => assert_equals(e.type, "ping")));
  target.dispatchEvent(new Event("ping"));
}, "on_event adds a listener");

async_test((t) => {
  step_timeout(function (a) {
    t.step(() => {
      assert_equals(a, "x");
      assert_equals(this, globalThis, "the global step_timeout calls with the global as this");
    });
    t.done();
  }, 1, "x");
}, "the global step_timeout");

test(() => {
  assert_equals(typeof GLOBAL.isWindow, "function");
  assert_false(GLOBAL.isWindow());
  assert_false(GLOBAL.isShadowRealm());
}, "GLOBAL describes the global scope");
