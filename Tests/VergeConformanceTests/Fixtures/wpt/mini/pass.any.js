// META: script=/common/helper.js
// META: script=resources/local.js
test(() => {
  assert_true(self.rootedHelperLoaded === true, "rooted META script ran");
  assert_true(self.localHelperLoaded === true, "relative META script ran");
}, "META scripts ran first");
async_test((t) => {
  setTimeout(t.step_func_done(() => assert_equals(1 + 1, 2)), 0);
}, "async test passes");
promise_test(async () => {
  await Promise.resolve();
  assert_equals("a", "a");
}, "promise test passes");
