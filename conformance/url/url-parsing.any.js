// META: script=resources/parsing-cases.js
// The basic URL parser through new URL(), URL.parse() and URL.canParse()
// (https://url.spec.whatwg.org/#concept-basic-url-parser, #dom-url-url, #dom-url-parse).

const components = ["href", "origin", "protocol", "username", "password", "host", "hostname", "port", "pathname", "search", "hash"];

function describe(c) {
  return `<${c.input}>` + (c.base === null ? " without base" : ` against <${c.base}>`);
}

for (const c of urlParsingCases) {
  const make = () => (c.base === null ? new URL(c.input) : new URL(c.input, c.base));
  test(() => {
    if (c.failure) {
      assert_throws_js(TypeError, make);
      return;
    }
    const url = make();
    for (const name of components) assert_equals(url[name], c[name], name);
  }, "Parsing " + describe(c));

  test(() => {
    const args = c.base === null ? [c.input] : [c.input, c.base];
    assert_equals(URL.canParse(...args), !c.failure, "canParse");
    const parsed = URL.parse(...args);
    if (c.failure) {
      assert_equals(parsed, null, "parse");
    } else {
      assert_true(parsed instanceof URL, "parse returns a URL");
      assert_equals(parsed.href, c.href, "parse href");
    }
  }, "URL.canParse and URL.parse " + describe(c));

  if (!c.failure) {
    test(() => {
      // Idempotence: parsing the serialization gives the same URL.
      const again = new URL(c.href);
      for (const name of components) assert_equals(again[name], c[name], name);
    }, "Reparsing the serialization of " + describe(c));
  }
}
