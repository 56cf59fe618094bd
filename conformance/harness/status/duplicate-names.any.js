// Subtest names identify results: duplicates make the harness status ERROR
// (deliberate, see ../expectations.json).
test(() => {}, "same name");
test(() => {}, "same name");
test(() => {}, "another name");
