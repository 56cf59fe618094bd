// Tests that never finish: when the sandbox goes idle (or the file runs out of time) the
// started ones are TIMEOUT, the ones never started NOTRUN, and the harness TIMEOUT
// (deliberate, see ../expectations.json).
test(() => {}, "a passing test");
async_test(() => {}, "an async test that never calls done()");
promise_test(() => new Promise(() => {}), "a promise test whose promise never settles");
promise_test(async () => {}, "a promise test queued behind it");
