// AbortSignal.timeout() (https://dom.spec.whatwg.org/#dom-abortsignal-timeout).

async_test((t) => {
  const signal = AbortSignal.timeout(5);
  assert_false(signal.aborted);
  signal.onabort = t.step_func_done((event) => {
    assert_true(signal.aborted);
    assert_true(event.isTrusted);
    assert_true(signal.reason instanceof DOMException);
    assert_equals(signal.reason.name, "TimeoutError");
    assert_equals(signal.reason.code, DOMException.TIMEOUT_ERR);
  });
}, "AbortSignal.timeout() aborts with a TimeoutError");

async_test((t) => {
  const signal = AbortSignal.timeout(0);
  assert_false(signal.aborted, "never aborted synchronously");
  queueMicrotask(t.step_func(() => assert_false(signal.aborted, "not in a microtask either")));
  signal.onabort = t.step_func_done(() => assert_true(signal.aborted));
}, "AbortSignal.timeout(0) aborts in a later task");

async_test((t) => {
  const start = performance.now();
  const signal = AbortSignal.timeout(30);
  signal.onabort = t.step_func_done(() => {
    assert_greater_than_equal(performance.now() - start, 29, "waited about the timeout");
  });
}, "AbortSignal.timeout() waits for the timeout");

async_test((t) => {
  const signal = AbortSignal.timeout(5);
  const id = setTimeout(() => {}, 5);
  clearTimeout(id);
  for (let i = 0; i < 50; i++) clearTimeout(i);
  signal.onabort = t.step_func_done();
}, "clearTimeout cannot cancel AbortSignal.timeout()");

test(() => {
  assert_throws_js(TypeError, () => AbortSignal.timeout());
  assert_throws_js(TypeError, () => AbortSignal.timeout(-1));
  assert_throws_js(TypeError, () => AbortSignal.timeout(NaN));
  assert_throws_js(TypeError, () => AbortSignal.timeout(Infinity));
  assert_throws_js(TypeError, () => AbortSignal.timeout(2 ** 53));
  assert_throws_js(TypeError, () => AbortSignal.timeout(1n));
  assert_throws_js(TypeError, () => AbortSignal.timeout("x"));
  const long = AbortSignal.timeout(2 ** 53 - 1);
  assert_false(long.aborted);
  AbortSignal.timeout(1.9);
  AbortSignal.timeout("10");
  AbortSignal.timeout(-0.5);
}, "AbortSignal.timeout() takes an [EnforceRange] unsigned long long");
