// allow_uncaught_exception: uncaught errors do not touch the harness status, so tests can
// check how they are reported.
setup({ allow_uncaught_exception: true });
async_test((t) => {
  addEventListener("error", t.step_func_done((event) => {
    assert_equals(event.error.message, "reported");
    assert_equals(event.message, "Uncaught Error: reported");
    event.preventDefault();
  }), { once: true });
  setTimeout(() => {
    throw new Error("reported");
  }, 0);
}, "the error event still fires");
