test(() => assert_equals(1, 2, "deliberately"), "a failing subtest");
test(() => {}, "a passing subtest");
