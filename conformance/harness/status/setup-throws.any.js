// An exception in setup() is a harness ERROR (deliberate, see ../expectations.json).
setup(() => {
  throw new Error("setup failed");
});
test(() => {}, "a test after a failed setup");
