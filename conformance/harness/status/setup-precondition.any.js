// assert_implements_optional failing in setup() is a harness PRECONDITION_FAILED
// (deliberate, see ../expectations.json).
setup(() => {
  assert_implements_optional(false, "an optional feature the whole file needs");
});
test(() => {}, "a test after the precondition failed");
