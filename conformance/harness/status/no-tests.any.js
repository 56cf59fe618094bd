// A file that defines no tests is a harness ERROR (deliberate, see ../expectations.json).
const nothing = 0;
