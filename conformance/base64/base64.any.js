// atob and btoa (https://html.spec.whatwg.org/#atob, https://infra.spec.whatwg.org/#forgiving-base64).

test(() => {
  assert_equals(btoa(""), "");
  assert_equals(btoa("f"), "Zg==");
  assert_equals(btoa("fo"), "Zm8=");
  assert_equals(btoa("foo"), "Zm9v");
  assert_equals(btoa("foob"), "Zm9vYg==");
  assert_equals(btoa("\u00ff\u00fe\u0000"), "//4A");
  assert_equals(btoa("\u00fb\u00ef\u00be"), "++++");
  let all = "";
  for (let i = 0; i < 256; i++) all += String.fromCharCode(i);
  assert_equals(atob(btoa(all)), all);
}, "btoa encodes Latin-1 strings");

test(() => {
  assert_throws_dom("InvalidCharacterError", () => btoa("\u0100"));
  assert_throws_dom("InvalidCharacterError", () => btoa("abc\u2603"));
  assert_throws_dom("InvalidCharacterError", () => btoa("\uD800"));
  assert_throws_js(TypeError, () => btoa());
  assert_throws_js(TypeError, () => btoa(Symbol()));
  assert_equals(btoa(undefined), "dW5kZWZpbmVk");
  assert_equals(btoa(null), "bnVsbA==");
  assert_equals(btoa(7), "Nw==");
  assert_equals(btoa({ toString() { return "x"; } }), "eA==");
}, "btoa rejects code points above U+00FF and converts its argument to a string");

test(() => {
  assert_equals(atob(""), "");
  assert_equals(atob("Zg=="), "f");
  assert_equals(atob("Zg"), "f", "padding is optional");
  assert_equals(atob("Zm8"), "fo");
  assert_equals(atob("Zm9v"), "foo");
  assert_equals(atob(" Zm 9v\t\n\f\r"), "foo", "ASCII whitespace is ignored");
  assert_equals(atob("Zg= ="), "f", "even between padding characters");
  assert_equals(atob("//4A"), "\u00ff\u00fe\u0000");
  assert_equals(atob("ZZ=="), "e", "leftover bits need not be zero");
  assert_equals(atob(null), "\u009e\u00e9e");
  assert_equals(atob(12), "\u00d7");
}, "atob decodes forgiving base64");

test(() => {
  const invalid = ["Zg=", "Zg===", "=", "==", "Z", "ZZZZZ", "Zm9v=", "Zm=9v", "Zm9v\u00a0", "Zm9v\u000b",
    "ab-c", "ab_c", "ab.c", "abc\u0100", "a===", "=Zm9", undefined, "\uD800aaa", "Zg==Zg==", "Zm9vYg=="+ "="];
  for (const input of invalid) {
    assert_throws_dom("InvalidCharacterError", () => atob(input), JSON.stringify(input));
  }
  assert_throws_js(TypeError, () => atob());
}, "atob rejects what forgiving base64 does not allow");

test(() => {
  let bytes = "";
  for (let i = 0; i < 1 << 20; i++) bytes += String.fromCharCode((i * 7) & 255);
  const encoded = btoa(bytes);
  assert_equals(encoded.length, Math.ceil(bytes.length / 3) * 4);
  assert_equals(atob(encoded), bytes);
}, "a megabyte round-trips");

test(() => {
  assert_equals(atob.length, 1);
  assert_equals(btoa.length, 1);
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, "atob");
  assert_true(descriptor.writable && descriptor.configurable);
}, "function shapes");
