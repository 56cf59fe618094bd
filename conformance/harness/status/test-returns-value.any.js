// A test() function that returns a value is a harness ERROR suggesting promise_test
// (deliberate, see ../expectations.json).
test(() => Promise.resolve(), "a test() body returning a promise");
