// An uncaught exception makes the harness status ERROR with the error event's message
// (deliberate: listed in ../expectations.json). Tests keep their own results.
test(() => {}, "a passing test before the error");
async_test((t) => {
  setTimeout(t.step_func_done(), 10);
}, "an async test still running when the error happens");
setTimeout(() => {
  throw new Error("boom");
}, 0);
