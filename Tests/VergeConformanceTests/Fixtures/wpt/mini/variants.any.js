// META: variant=?first
// META: variant=?second
test(() => {
  assert_true(location.search === "?first" || location.search === "?second", "location.search is the variant");
  assert_true(location.pathname === "/mini/variants.any.js", "location.pathname is the test's path");
}, "each variant runs");
