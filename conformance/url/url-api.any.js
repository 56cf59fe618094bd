// The URL interface (https://url.spec.whatwg.org/#url-class): WebIDL shape, conversions,
// stringification, origins and the link to searchParams.

test(() => {
  assert_equals(typeof URL, "function");
  assert_equals(URL.length, 1);
  assert_equals(URL.name, "URL");
  assert_equals(URL.parse.length, 1);
  assert_equals(URL.canParse.length, 1);
  assert_equals(Object.prototype.toString.call(new URL("https://a/")), "[object URL]");
  const desc = Object.getOwnPropertyDescriptor(globalThis, "URL");
  assert_true(desc.writable && desc.configurable && !desc.enumerable, "global property attributes");
}, "URL interface object");

test(() => {
  const proto = URL.prototype;
  for (const name of ["href", "protocol", "username", "password", "host", "hostname", "port", "pathname", "search", "hash"]) {
    const desc = Object.getOwnPropertyDescriptor(proto, name);
    assert_equals(typeof desc.get, "function", name + " getter");
    assert_equals(typeof desc.set, "function", name + " setter");
    assert_true(desc.enumerable && desc.configurable, name + " attributes");
  }
  for (const name of ["origin", "searchParams"]) {
    const desc = Object.getOwnPropertyDescriptor(proto, name);
    assert_equals(typeof desc.get, "function", name + " getter");
    assert_equals(desc.set, undefined, name + " is read-only");
  }
  for (const name of ["toString", "toJSON"]) {
    const desc = Object.getOwnPropertyDescriptor(proto, name);
    assert_equals(typeof desc.value, "function", name);
    assert_true(desc.enumerable && desc.writable && desc.configurable, name + " attributes");
  }
  assert_true(Object.getOwnPropertyDescriptor(URL, "parse").enumerable, "parse is enumerable");
}, "URL.prototype members");

test(() => {
  assert_throws_js(TypeError, () => new URL());
  assert_throws_js(TypeError, () => URL());
  assert_throws_js(TypeError, () => URL.parse());
  assert_throws_js(TypeError, () => URL.canParse());
  assert_throws_js(TypeError, () => new URL(Symbol("x")));
  assert_throws_js(TypeError, () => new URL("relative"));
  assert_throws_js(TypeError, () => new URL("relative", "not a base"));
  assert_throws_js(TypeError, () => new URL("https://a/", "invalid base"), "an invalid base fails even for an absolute URL");
}, "URL constructor errors");

test(() => {
  const getter = Object.getOwnPropertyDescriptor(URL.prototype, "href").get;
  assert_throws_js(TypeError, () => getter.call({}));
  assert_throws_js(TypeError, () => URL.prototype.toString.call({}));
  assert_throws_js(TypeError, () => URL.prototype.toJSON.call(Object.create(URL.prototype)));
  const setter = Object.getOwnPropertyDescriptor(URL.prototype, "pathname").set;
  assert_throws_js(TypeError, () => setter.call({}, "/x"));
}, "brand checks");

test(() => {
  const url = new URL({ toString: () => "https://example.com/x" });
  assert_equals(url.href, "https://example.com/x");
  assert_equals(new URL("y", new URL("https://example.com/a/b")).href, "https://example.com/a/y", "a URL object as base");
  assert_equals(new URL("https://a/", undefined).href, "https://a/", "undefined base is no base");
  assert_throws_js(TypeError, () => new URL("x", null), "null base is the string 'null'");
}, "arguments are converted with ToString");

test(() => {
  assert_equals(new URL("https://a/\uD800").pathname, "/%EF%BF%BD");
  assert_equals(new URL("https://a/?\uDC00").search, "?%EF%BF%BD");
  assert_equals(new URL("https://a/#\uD83D").hash, "#%EF%BF%BD");
  assert_equals(new URL("https://a/\uD83D\uDE00").pathname, "/%F0%9F%98%80");
  const url = new URL("https://a/");
  url.pathname = "\uDFFF";
  assert_equals(url.pathname, "/%EF%BF%BD");
}, "USVString conversion replaces lone surrogates with U+FFFD");

test(() => {
  const url = new URL("https://user:pass@example.com:8080/p?q#h");
  assert_equals(String(url), url.href);
  assert_equals(`${url}`, "https://user:pass@example.com:8080/p?q#h");
  assert_equals(url.toJSON(), url.href);
  assert_equals(JSON.stringify({ url }), '{"url":"https://user:pass@example.com:8080/p?q#h"}');
}, "stringification and toJSON");

test(() => {
  assert_throws_js(TypeError, () => { new URL("https://a/").href = "not a url"; });
  const url = new URL("https://a/?x=1");
  const params = url.searchParams;
  url.href = "https://b/?y=2";
  assert_equals(url.searchParams, params, "searchParams is the same object");
  assert_equals(params.get("y"), "2");
  assert_equals(params.has("x"), false);
}, "href setter");

const origins = [
  ["https://example.com/", "https://example.com"],
  ["https://example.com:443/", "https://example.com"],
  ["https://example.com:8443/", "https://example.com:8443"],
  ["http://EXAMPLE.com:80/", "http://example.com"],
  ["ws://a:81/", "ws://a:81"],
  ["wss://a/", "wss://a"],
  ["ftp://a:21/x", "ftp://a"],
  ["http://[::1]:8080/", "http://[::1]:8080"],
  ["http://0x7f.1/", "http://127.0.0.1"],
  ["https://fa\u00DF.de/", "https://xn--fa-hia.de"],
  ["file:///C:/x", "null"],
  ["data:text/plain,x", "null"],
  ["about:blank", "null"],
  ["sc://host/", "null"],
  ["javascript:1", "null"],
  ["blob:https://example.com:8443/uuid", "https://example.com:8443"],
  ["blob:http://a/b", "http://a"],
  ["blob:ftp://a/b", "null"],
  ["blob:ws://a/b", "null"],
  ["blob:file:///x", "null"],
  ["blob:blob:https://a/b", "null"],
  ["blob:not a url", "null"],
  ["blob:", "null"],
];
for (const [input, origin] of origins) {
  test(() => {
    assert_equals(new URL(input).origin, origin);
  }, `origin of <${input}>`);
}

test(() => {
  const url = new URL("https://example.com/?a=1&b=2");
  const params = url.searchParams;
  assert_equals(url.searchParams, params, "[SameObject]");
  params.append("c", "x y");
  assert_equals(url.search, "?a=1&b=2&c=x+y");
  params.delete("a");
  assert_equals(url.href, "https://example.com/?b=2&c=x+y");
  params.delete("b");
  params.delete("c");
  assert_equals(url.href, "https://example.com/", "an empty list removes the query");
  url.search = "?z=%20";
  assert_equals(params.get("z"), " ");
  url.search = "";
  assert_equals(params.size, 0);
}, "searchParams and the URL update each other");

test(() => {
  const url = new URL("https://example.com/?a=b ~");
  assert_equals(url.href, "https://example.com/?a=b%20~");
  url.searchParams.sort();
  assert_equals(url.href, "https://example.com/?a=b+%7E");
}, "searchParams serializes with the form encoding");

test(() => {
  const url = new URL("sc:opaque?query#frag");
  url.searchParams.delete("query");
  assert_equals(url.href, "sc:opaque#frag");
  const spaced = new URL("sc:a b ?q");
  spaced.searchParams.delete("q");
  assert_equals(spaced.href, "sc:a b%20");
}, "removing the query of a URL with an opaque path");

test(() => {
  const a = URL.parse("https://a/");
  const b = URL.parse("https://a/");
  assert_not_equals(a, b, "a new object each time");
  assert_true(a instanceof URL);
  class Sub extends URL {}
  const sub = new Sub("https://x/");
  assert_true(sub instanceof Sub);
  assert_equals(sub.href, "https://x/");
  assert_equals(Object.getPrototypeOf(Sub.parse("https://x/")), URL.prototype, "parse always creates a URL");
}, "URL.parse and subclassing");

test(() => {
  const url = new URL("https://example.com/a");
  url.pathname = "b c";
  url.hash = "h";
  url.port = "8080";
  url.username = "u";
  assert_equals(url.href, "https://u@example.com:8080/b%20c#h");
  url.port = "443";
  assert_equals(url.host, "example.com");
  url.protocol = "http";
  assert_equals(url.href, "http://u@example.com/b%20c#h");
}, "setters compose");

test(() => {
  // A very long input is handled without recursion or quadratic behaviour.
  const long = "https://example.com/" + "a/".repeat(50000) + "?" + "q".repeat(100000);
  const url = new URL(long);
  assert_equals(url.pathname.length, 1 + 100000);
  assert_equals(url.search.length, 100001);
  const dots = new URL("https://example.com/" + "../".repeat(20000) + "x");
  assert_equals(dots.pathname, "/x");
}, "long inputs");

test(() => {
  const url = new URL("https://a/b");
  for (const name of ["href", "protocol", "username", "password", "host", "hostname", "port", "pathname", "search", "hash"]) {
    const setter = Object.getOwnPropertyDescriptor(URL.prototype, name).set;
    assert_equals(setter.length, 1, name + " setter length");
    assert_throws_js(TypeError, () => setter.call(url), name + " setter without an argument");
  }
  assert_equals(url.href, "https://a/b");
}, "attribute setters require their argument");
