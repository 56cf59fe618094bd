// A promise_setup whose promise rejects is a harness ERROR; its promise tests do not run
// (deliberate, see ../expectations.json).
promise_setup(() => Promise.reject(new Error("setup rejected")));
promise_test(async () => {}, "a promise test after a rejected promise_setup");
