// explicit_timeout: the file decides when time is up by calling timeout(); the unfinished
// tests are then TIMEOUT and the harness TIMEOUT (deliberate, see ../expectations.json).
setup({ explicit_timeout: true });
test(() => {}, "a passing test");
async_test(() => {}, "an async test still waiting");
setTimeout(() => timeout(), 10);
// Keeps the sandbox busy past the timeout() call, so that the runner does not end the file first.
setTimeout(() => {}, 50);
