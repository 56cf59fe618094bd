// single_test: the file is one test, and asserts at the top level decide it (deliberate
// failure, see ../expectations.json).
setup({ single_test: true });
assert_equals(1, 1);
setTimeout(() => {
  assert_equals("late", "expected", "a failing assert in a later task");
}, 0);
setTimeout(done, 5);
