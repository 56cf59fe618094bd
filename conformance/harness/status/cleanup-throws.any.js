// A cleanup function that throws is a harness ERROR and no later test runs
// (deliberate, see ../expectations.json).
test((t) => {
  t.add_cleanup(() => {
    throw new Error("cleanup failed");
  });
}, "a test whose cleanup throws");
promise_test(async () => {}, "a promise test that no longer runs");
