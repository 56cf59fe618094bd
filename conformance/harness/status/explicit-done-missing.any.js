// With explicit_done, the harness waits for done(): never calling it is a harness TIMEOUT
// (deliberate, see ../expectations.json).
setup({ explicit_done: true });
test(() => {}, "a passing test");
