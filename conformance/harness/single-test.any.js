// single_test: the file is one test named after the default test name; asserts may run
// outside of test functions; done() ends it.
setup({ single_test: true });
assert_true(true);
setTimeout(() => {
  assert_equals(2 + 2, 4);
  done();
}, 0);
