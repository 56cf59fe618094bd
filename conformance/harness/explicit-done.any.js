// explicit_done: the harness waits for done(), so tests may be defined later.
setup({ explicit_done: true });
setTimeout(() => {
  test(() => {}, "a test defined in a later task");
  promise_test(async () => {}, "a promise test defined in a later task");
  done();
}, 5);
