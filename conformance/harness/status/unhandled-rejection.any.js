// An unhandled rejection makes the harness status ERROR (deliberate, see ../expectations.json).
test(() => {}, "a passing test before the rejection");
Promise.reject(new RangeError("nobody catches this"));
