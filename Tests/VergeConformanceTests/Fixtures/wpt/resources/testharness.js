// Stand-in for web-platform-tests' resources/testharness.js, written for Verge's runner tests.
// It keeps what the runner's adapter relies on: the environment detection (a dedicated
// worker, recognized with `self instanceof DedicatedWorkerGlobalScope`, else an error as
// older harnesses throw), results posted to `self` and given to add_completion_callback
// (tests, status) with numeric statuses, waiting for done() in workers, and timeout().
(function (global_scope) {
  "use strict";
  if ("document" in global_scope) throw new Error("stand-in harness: no window environment");
  if (!("DedicatedWorkerGlobalScope" in global_scope && global_scope instanceof DedicatedWorkerGlobalScope)) {
    throw new Error("Unsupported test environment");
  }
  const port = global_scope;
  const PASS = 0, FAIL = 1, TIMEOUT = 2, NOTRUN = 3;
  const tests = {
    list: [], pending: 0, waitForFinish: true, complete: false, promiseTests: Promise.resolve(),
    status: { status: null, message: null, stack: null, OK: 0, ERROR: 1, TIMEOUT: 2 },
    completionCallbacks: [], stateCallbacks: [],
  };

  function AssertionError(message) {
    this.message = message;
  }
  AssertionError.prototype = Object.create(Error.prototype);

  function Test(name) {
    this.name = name;
    this.status = NOTRUN;
    this.message = null;
    this.stack = null;
    this.phase = 0;
    if (tests.complete) return;
    tests.list.push(this);
    tests.pending++;
    for (const callback of tests.stateCallbacks) callback(this);
  }
  Test.prototype.step = function (func, thisObj, ...args) {
    if (this.phase > 1) return undefined;
    this.phase = 1;
    this.status = TIMEOUT;
    this.message = "Test timed out";
    try {
      return func.apply(thisObj === undefined ? this : thisObj, args);
    } catch (e) {
      if (this.phase > 1) return undefined;
      this.status = FAIL;
      this.message = String(e && typeof e === "object" ? e.message : e);
      this.phase = 2;
      this.done();
      return undefined;
    }
  };
  Test.prototype.step_func = function (func) {
    const test = this;
    return function (...args) { return test.step(func, test, ...args); };
  };
  Test.prototype.step_func_done = function (func) {
    const test = this;
    return function (...args) {
      if (func) test.step(func, test, ...args);
      test.done();
    };
  };
  Test.prototype.done = function () {
    if (this.phase >= 3) return;
    if (this.phase <= 1) {
      this.status = PASS;
      this.message = null;
    }
    this.phase = 4;
    tests.pending--;
    maybeComplete();
  };

  function assert_equals(actual, expected, description) {
    if (!Object.is(actual, expected)) {
      throw new AssertionError("assert_equals: " + (description ? description + " " : "") +
        "expected " + String(expected) + " but got " + String(actual));
    }
  }
  function assert_true(actual, description) {
    if (actual !== true) throw new AssertionError("assert_true: " + (description ? description + " " : "") + "expected true got " + String(actual));
  }

  function test(func, name) {
    const t = new Test(name);
    t.step(func, t, t);
    if (t.phase === 1) t.done();
  }
  function async_test(func, name) {
    const t = new Test(name);
    t.step(func, t, t);
    return t;
  }
  function promise_test(func, name) {
    const t = new Test(name);
    tests.promiseTests = tests.promiseTests.then(() => new Promise((resolve) => {
      const promise = t.step(func, t, t);
      Promise.resolve(promise).then(() => t.done(), (e) => t.step(() => { throw e; })).then(resolve);
    }));
  }
  function maybeComplete() {
    if (!tests.complete && !tests.waitForFinish && tests.pending === 0 && tests.list.length > 0) complete();
  }
  function complete() {
    if (tests.complete) return;
    tests.complete = true;
    if (tests.status.status === null) tests.status.status = 0;
    for (const callback of tests.completionCallbacks) callback(tests.list, tests.status);
    port.postMessage({ type: "complete", tests: tests.list.length, status: tests.status.status });
  }
  function done() {
    tests.waitForFinish = false;
    if (tests.list.length === 0) {
      tests.status.status = 1;
      tests.status.message = "done() was called without first defining any tests";
      complete();
      return;
    }
    maybeComplete();
  }
  function timeout() {
    if (tests.status.status === null) tests.status.status = 2;
    for (const t of tests.list) t.phase = 4;
    complete();
  }
  addEventListener("error", (e) => {
    tests.status.status = 1;
    tests.status.message = e.message;
    done();
  });

  const exposed = {
    test, async_test, promise_test, assert_equals, assert_true, done, timeout, AssertionError,
    add_completion_callback(callback) { tests.completionCallbacks.push(callback); },
    add_test_state_callback(callback) { tests.stateCallbacks.push(callback); },
  };
  for (const name of Object.keys(exposed)) global_scope[name] = exposed[name];
})(self);
