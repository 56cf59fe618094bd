// META: script=resources/setter-cases.js
// The URL setters and the basic URL parser's state overrides
// (https://url.spec.whatwg.org/#urlutils-members).

const getters = ["href", "protocol", "username", "password", "host", "hostname", "port", "pathname", "search", "hash"];

for (const c of urlSetterCases) {
  test(() => {
    const url = new URL(c.href);
    if (c.threw) {
      assert_throws_js(TypeError, () => { url[c.attr] = c.value; });
    } else {
      url[c.attr] = c.value;
    }
    for (const name of getters) assert_equals(url[name], c.expected[name], name);
    // The result stays parseable to itself.
    assert_equals(new URL(url.href).href, url.href, "reparse");
  }, `Setting <${c.href}>.${c.attr} = ${JSON.stringify(c.value)}`);
}

test(() => {
  const url = new URL("https://example.com/path?a=1#f");
  url.search = "b=2";
  assert_equals(url.searchParams.get("b"), "2");
  url.hash = "";
  assert_equals(url.href, "https://example.com/path?b=2");
  url.search = "";
  assert_equals(url.href, "https://example.com/path");
  assert_equals(url.searchParams.size, 0);
}, "search and hash setters update href and searchParams");
