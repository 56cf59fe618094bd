// META: variant=?first
// META: variant=?second
test(() => {
  if (typeof location === "object") {
    assert_true(location.search === "?first" || location.search === "?second", "location.search is the variant");
  }
}, "each variant runs");
