// META: title=A title from META
// META: timeout=long
test(() => {
  assert_equals(self.META_TITLE, "A title from META");
}, "META title is META_TITLE");
