// Errors at the global scope (HTML "report an exception" and unhandled rejections), as the
// WinterTC Minimum Common API asks: `error` (ErrorEvent) and `unhandledrejection`
// (PromiseRejectionEvent) are fired at the global; reportError() reports like an uncaught
// exception. `rejectionhandled` is not fired (docs/divergences.md).
setup({ allow_uncaught_exception: true });

test(() => {
  const error = new TypeError("reported");
  const events = [];
  const listener = (event) => {
    events.push(event);
    event.preventDefault();
  };
  addEventListener("error", listener);
  try {
    reportError(error);
  } finally {
    removeEventListener("error", listener);
  }
  assert_equals(events.length, 1, "one event, fired synchronously");
  const event = events[0];
  assert_true(event instanceof ErrorEvent, "an ErrorEvent");
  assert_equals(event.type, "error");
  assert_equals(event.error, error);
  assert_equals(event.message, "Uncaught TypeError: reported");
  assert_true(event.cancelable, "cancelable");
  assert_false(event.bubbles);
  assert_true(event.isTrusted, "trusted");
  assert_equals(typeof event.filename, "string");
  assert_equals(typeof event.lineno, "number");
  assert_equals(typeof event.colno, "number");
}, "reportError fires an ErrorEvent at the global, synchronously");

test(() => {
  const values = [];
  const listener = (event) => {
    values.push(event.error);
    event.preventDefault();
  };
  addEventListener("error", listener);
  try {
    reportError(1);
    reportError(null);
    reportError(undefined);
  } finally {
    removeEventListener("error", listener);
  }
  assert_array_equals(values, [1, null, undefined]);
}, "reportError reports any value");

test(() => {
  assert_throws_js(TypeError, () => reportError());
  assert_equals(reportError.length, 1);
}, "reportError needs an argument");

test(() => {
  let args;
  onerror = function (...received) {
    args = received;
    return true;
  };
  try {
    const error = new RangeError("via onerror");
    reportError(error);
    assert_equals(args.length, 5, "(message, source, lineno, colno, error)");
    assert_equals(args[0], "Uncaught RangeError: via onerror");
    assert_equals(args[4], error);
  } finally {
    onerror = null;
  }
}, "onerror is called with five arguments and returning true cancels");

async_test((t) => {
  const rejected = Promise.reject(new Error("nobody handles this"));
  const listener = t.step_func_done((event) => {
    removeEventListener("unhandledrejection", listener);
    assert_true(event instanceof PromiseRejectionEvent, "a PromiseRejectionEvent");
    assert_equals(event.promise, rejected);
    assert_equals(event.reason.message, "nobody handles this");
    assert_true(event.cancelable);
    event.preventDefault();
  });
  addEventListener("unhandledrejection", listener);
}, "unhandledrejection is fired for a rejection left unhandled");

async_test((t) => {
  onunhandledrejection = t.step_func((event) => {
    if (event.reason !== "via the handler attribute") return;
    onunhandledrejection = null;
    event.preventDefault();
    t.done();
  });
  Promise.reject("via the handler attribute");
}, "onunhandledrejection is called");

async_test((t) => {
  let unhandled = 0;
  const listener = (event) => {
    if (event.reason === "handled in time") unhandled++;
  };
  addEventListener("unhandledrejection", listener);
  const p = Promise.reject("handled in time");
  p.catch(() => {});
  t.step_timeout(() => {
    removeEventListener("unhandledrejection", listener);
    assert_equals(unhandled, 0);
    t.done();
  }, 10);
}, "a rejection handled in the same task is not reported");

async_test((t) => {
  // HTML fires rejectionhandled when a promise reported as unhandled gets a handler later.
  const p = Promise.reject("handled late");
  const onUnhandled = t.step_func((event) => {
    if (event.reason !== "handled late") return;
    event.preventDefault();
    removeEventListener("unhandledrejection", onUnhandled);
    setTimeout(() => p.catch(() => {}), 0);
  });
  addEventListener("unhandledrejection", onUnhandled);
  addEventListener("rejectionhandled", t.step_func_done((event) => {
    assert_equals(event.promise, p);
  }));
  t.step_timeout(() => assert_unreached("rejectionhandled was not fired"), 100);
}, "rejectionhandled is fired when a reported rejection gets a handler");
