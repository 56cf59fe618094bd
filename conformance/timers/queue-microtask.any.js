// queueMicrotask (https://html.spec.whatwg.org/#microtask-queuing).
setup({ allow_uncaught_exception: true });

test(() => {
  assert_equals(typeof queueMicrotask, "function");
  assert_equals(queueMicrotask.length, 1);
  assert_throws_js(TypeError, () => queueMicrotask());
  for (const value of [undefined, null, 0, "code", {}, { handleEvent() {} }]) {
    assert_throws_js(TypeError, () => queueMicrotask(value), String(value));
  }
}, "queueMicrotask takes a function");

async_test((t) => {
  let called = false;
  queueMicrotask(t.step_func_done(() => {
    called = true;
  }));
  assert_false(called);
}, "the callback runs later");

async_test((t) => {
  queueMicrotask(t.step_func_done(function () {
    assert_equals(arguments.length, 0);
  }), "extra", "arguments");
}, "the callback gets no arguments");

async_test((t) => {
  let receivedThis = null;
  queueMicrotask(function () {
    "use strict";
    receivedThis = this;
  });
  queueMicrotask(t.step_func_done(() => assert_equals(receivedThis, undefined)));
}, "the callback is called with an undefined this");

async_test((t) => {
  const order = [];
  Promise.resolve().then(() => order.push("a"));
  queueMicrotask(() => order.push("b"));
  Promise.reject().catch(() => order.push("c"));
  queueMicrotask(t.step_func_done(() => assert_array_equals(order, ["a", "b", "c"])));
}, "microtasks interleave with promise jobs in order");

async_test((t) => {
  const thrown = new Error("microtask error");
  let reported = null;
  const onError = (e) => {
    reported = e;
    e.preventDefault();
  };
  addEventListener("error", onError);
  queueMicrotask(() => { throw thrown; });
  let after = false;
  queueMicrotask(() => (after = true));
  setTimeout(t.step_func_done(() => {
    removeEventListener("error", onError);
    assert_equals(reported.error, thrown);
    assert_true(after);
  }), 0);
}, "an exception in a microtask is reported and the queue goes on");

async_test((t) => {
  const order = [];
  setTimeout(() => order.push("timeout"), 0);
  queueMicrotask(() => {
    order.push("micro 1");
    queueMicrotask(() => order.push("micro 2"));
  });
  setTimeout(t.step_func_done(() => assert_array_equals(order, ["micro 1", "micro 2", "timeout"])), 1);
}, "microtasks queued by microtasks run before the next task");
