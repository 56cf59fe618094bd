// Cleanups of non-promise tests must return undefined (deliberate, see ../expectations.json).
test((t) => {
  t.add_cleanup(() => 1);
}, "a test whose cleanup returns a value");
