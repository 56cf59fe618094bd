// URLPattern (https://urlpattern.spec.whatwg.org/): construction (string and
// URLPatternInit), component canonicalization, pattern strings, test() and exec().

// [constructor arguments, expected component pattern strings (those listed),
//  [[test/exec arguments, expected groups per component (those listed) or null], ...]]
const cases = [
  [[{ pathname: "/books/:id" }], { protocol: "*", hostname: "*", port: "*", pathname: "/books/:id", search: "*", hash: "*" },
    [[[{ pathname: "/books/123" }], { pathname: { id: "123" } }],
     [[{ pathname: "/books/" }], null],
     [[{ pathname: "/books/1/2" }], null],
     [["https://example.com/books/x?y#z"], { pathname: { id: "x" }, search: { 0: "y" }, hash: { 0: "z" } }]]],
  [["https://example.com/:category/*"], { protocol: "https", username: "*", password: "*", hostname: "example.com", port: "", pathname: "/:category/*", search: "*", hash: "*" },
    [[["https://example.com/products/"], { pathname: { category: "products", 0: "" } }],
     [["https://example.com/blog/our-greatest-product-ever"], { pathname: { category: "blog", 0: "our-greatest-product-ever" } }],
     [["https://example.com/"], null],
     [["http://example.com/products/"], null],
     [["https://example.com:8443/blog/x"], null]]],
  [["http{s}?://{:subdomain.}?shop.example/products/:id([0-9]+)#reviews"],
    { protocol: "http{s}?", hostname: "{:subdomain.}?shop.example", port: "", pathname: "/products/:id([0-9]+)", search: "", hash: "reviews" },
    [[["https://shop.example/products/74205#reviews"], { hostname: { subdomain: undefined }, pathname: { id: "74205" } }],
     [["https://kathryn@voyager.shop.example/products/74656#reviews"], { hostname: { subdomain: "voyager" }, username: { 0: "kathryn" } }],
     [["http://insecure.shop.example/products/1701#reviews"], { pathname: { id: "1701" } }],
     [["https://shop.example/products/2000"], null],
     [["http://shop.example:8080/products/0#reviews"], null],
     [["https://nx.shop.example/products/01?speed=5#reviews"], null],
     [["https://shop.example/products/chair#reviews"], null]]],
  [["../admin/*", "https://discussion.example/forum/?page=2"],
    { protocol: "https", hostname: "discussion.example", port: "", pathname: "/admin/*", search: "*", hash: "*" },
    [[["https://discussion.example/admin/"], { pathname: { 0: "" } }],
     [["https://edd:librarian@discussion.example/admin/update?id=1"], { pathname: { 0: "update" } }],
     [["https://discussion.example/forum/admin/"], null],
     [["http://discussion.example:8080/admin/update?id=1"], null]]],
  // Modifiers.
  [[{ pathname: "/foo/:bar?" }], { pathname: "/foo/:bar?" },
    [[[{ pathname: "/foo" }], { pathname: { bar: undefined } }], [[{ pathname: "/foo/x" }], { pathname: { bar: "x" } }],
     [[{ pathname: "/foo/" }], null]]],
  [[{ pathname: "/foo/:bar+" }], { pathname: "/foo/:bar+" },
    [[[{ pathname: "/foo/a/b" }], { pathname: { bar: "a/b" } }], [[{ pathname: "/foo" }], null]]],
  [[{ pathname: "/foo/:bar*" }], { pathname: "/foo/:bar*" },
    [[[{ pathname: "/foo" }], { pathname: { bar: undefined } }], [[{ pathname: "/foo/a/b" }], { pathname: { bar: "a/b" } }]]],
  [[{ pathname: "/foo{/bar}?" }], { pathname: "/foo{/bar}?" },
    [[[{ pathname: "/foo" }], { pathname: {} }], [[{ pathname: "/foo/bar" }], { pathname: {} }], [[{ pathname: "/foo/baz" }], null]]],
  [[{ pathname: "/foo{/bar}*" }], { pathname: "/foo{/bar}*" },
    [[[{ pathname: "/foo/bar/bar" }], { pathname: {} }], [[{ pathname: "/foo/bar/baz" }], null]]],
  // Regexp groups, wildcards and their canonical pattern strings.
  [[{ pathname: "/foo/(.*)" }], { pathname: "/foo/*" }, [[[{ pathname: "/foo/a/b" }], { pathname: { 0: "a/b" } }]]],
  [[{ pathname: "/foo/([^\\/]+?)" }], { pathname: "/foo/([^\\/]+?)" }, [[[{ pathname: "/foo/bar" }], { pathname: { 0: "bar" } }]]],
  [[{ pathname: "/:year(\\d+)/:month(\\d+)" }], { pathname: "/:year(\\d+)/:month(\\d+)" },
    [[[{ pathname: "/2012/02" }], { pathname: { year: "2012", month: "02" } }], [[{ pathname: "/2012/feb" }], null]]],
  [[{ pathname: "(foo)(.*)" }], { pathname: "(foo)(.*)" }, [[[{ pathname: "foobarbaz" }], { pathname: { 0: "foo", 1: "barbaz" } }]]],
  [[{ pathname: "{:foo}(.*)" }], { pathname: "{:foo}(.*)" }, [[[{ pathname: "foobarbaz" }], { pathname: { foo: "f", 0: "oobarbaz" } }]]],
  [[{ pathname: ":foo\\bar" }], { pathname: "{:foo}bar" }, [[[{ pathname: "foobar" }], { pathname: { foo: "foo" } }]]],
  [[{ pathname: "*{}**?" }], { pathname: "*(.*)?" }, [[[{ pathname: "x" }], { pathname: { 0: "x", 1: undefined } }]]],
  [[{ pathname: "/([[a-z]--a])" }], { pathname: "/([[a-z]--a])" },
    [[[{ pathname: "/z" }], { pathname: { 0: "z" } }], [[{ pathname: "/a" }], null]]],
  // Canonicalization of fixed text through the URL parser.
  [[{ pathname: "/caf\u00E9" }], { pathname: "/caf%C3%A9" }, [[[{ pathname: "/caf\u00E9" }], { pathname: {} }]]],
  [[{ pathname: "/foo/../bar" }], { pathname: "/bar" }, [[[{ pathname: "/bar" }], { pathname: {} }]]],
  [[{ hostname: "caf\u00E9.com" }], { hostname: "xn--caf-dma.com" }, [[[{ hostname: "caf\u00E9.com" }], { hostname: {} }]]],
  [[{ hostname: "EXAMPLE.com" }], { hostname: "example.com" }, [[[{ hostname: "example.COM" }], { hostname: {} }]]],
  [[{ username: "caf\u00E9" }], { username: "caf%C3%A9" }, [[[{ username: "caf\u00E9" }], { username: {} }]]],
  [[{ search: "q=caf\u00E9" }], { search: "q=caf%C3%A9" }, [[[{ search: "?q=caf\u00E9" }], { search: {} }]]],
  [[{ hash: "a b" }], { hash: "a%20b" }, [[[{ hash: "#a b" }], { hash: {} }]]],
  [[{ protocol: "HTTPS:" }], { protocol: "https" }, [[["https://a/"], { protocol: {} }]]],
  [[{ protocol: "http", port: "80" }], { port: "" }, [[[{ protocol: "http", port: "80" }], { port: {} }]]],
  [[{ port: "8080" }], { port: "8080" }, [[[{ port: "8080" }], { port: {} }], [[{ port: "08080" }], { port: {} }]]],
  [[{ pathname: "var x = 1;", protocol: "javascript" }], { pathname: "var x = 1;" },
    [[["javascript:var x = 1;"], { pathname: {} }]]],
  [[{ pathname: "var x = 1;" }], { pathname: "var%20x%20=%201;" }, []],
  // IPv6 hostnames.
  [["http://[\\:\\:AB\\::num]/"], { hostname: "[\\:\\:ab\\::num]" }, [[["http://[::ab:1]/"], { hostname: { num: "1" } }]]],
  [[{ hostname: "[*\\:1]" }], { hostname: "[*\\:1]" }, [[[{ hostname: "[::ab:1]" }], { hostname: { 0: "::ab" } }]]],
  // Base URLs in URLPatternInit.
  [[{ pathname: "/foo/bar", baseURL: "https://example.com?query#hash" }],
    { protocol: "https", hostname: "example.com", port: "", pathname: "/foo/bar", search: "*", hash: "*" },
    [[["https://example.com/foo/bar?x#y"], { search: { 0: "x" } }], [["https://other.com/foo/bar"], null]]],
  [[{ pathname: "b", baseURL: "https://example.com/foo/" }], { pathname: "/foo/b" }, [[[{ pathname: "./b", baseURL: "https://example.com/foo/" }], { pathname: {} }]]],
  [[{ search: "foo", baseURL: "https://example.com/a/+/b" }], { pathname: "/a/\\+/b" }, []],
  // Constructor strings.
  [["https://example.com:8080/foo?bar#baz"], { protocol: "https", hostname: "example.com", port: "8080", pathname: "/foo", search: "bar", hash: "baz" }, []],
  [["https://example.com?foo"], { pathname: "/", search: "foo", hash: "*" }, []],
  [["https://example.com#foo"], { pathname: "/", search: "", hash: "foo" }, []],
  [["https://example.com/*\\?foo"], { pathname: "/*", search: "foo" }, [[["https://example.com/?foo"], { pathname: { 0: "" } }]]],
  [["https://example.com/:name?foo"], { pathname: "/:name?foo", search: "*" }, []],
  [["data\\:foobar"], { protocol: "data", hostname: "", port: "", pathname: "foobar" }, [[["data:foobar"], { pathname: {} }]]],
  [["https://foo\\:bar@example.com"], { username: "foo", password: "bar", pathname: "*" }, [[["https://foo:bar@example.com"], { username: {} }]]],
  [["https://:user::pass@example.com"], { username: ":user", password: ":pass" }, [[["https://a:b@example.com"], { username: { user: "a" }, password: { pass: "b" } }]]],
  [["?bar#baz", "https://example.com/foo"], { pathname: "/foo", search: "bar", hash: "baz" }, [[["?bar#baz", "https://example.com/foo"], { search: {} }]]],
  [["file:///foo/bar"], { protocol: "file", hostname: "", pathname: "/foo/bar" }, [[["file:///foo/bar"], { pathname: {} }]]],
  // ignoreCase.
  [[{ pathname: "/foo/bar" }, { ignoreCase: true }], { pathname: "/foo/bar" }, [[[{ pathname: "/FOO/BAR" }], { pathname: {} }]]],
  [["/foo?bar#baz", "https://example.com:8080", { ignoreCase: true }], { pathname: "/foo" },
    [[[{ pathname: "/FOO", search: "BAR", hash: "BAZ", baseURL: "https://example.com:8080" }], { pathname: {}, search: {}, hash: {} }]]],
  // Empty patterns.
  [[{}], { protocol: "*", pathname: "*" }, [[["https://example.com/"], { pathname: { 0: "/" } }], [[{}], { pathname: { 0: "" } }]]],
  [[], { hash: "*" }, [[[], { hash: { 0: "" } }]]],
];

const components = ["protocol", "username", "password", "hostname", "port", "pathname", "search", "hash"];

for (const [args, expectedComponents, matches] of cases) {
  test(() => {
    const pattern = new URLPattern(...args);
    for (const name in expectedComponents) assert_equals(pattern[name], expectedComponents[name], name);
    for (const [inputs, expected] of matches) {
      const label = JSON.stringify(inputs);
      assert_equals(pattern.test(...inputs), expected !== null, "test(" + label + ")");
      const result = pattern.exec(...inputs);
      if (expected === null) {
        assert_equals(result, null, "exec(" + label + ")");
        continue;
      }
      for (const name of components) {
        assert_equals(typeof result[name].input, "string", name + ".input");
        assert_equals(typeof result[name].groups, "object", name + ".groups");
      }
      for (const name in expected) {
        const groups = result[name].groups;
        assert_array_equals(Object.keys(groups).sort(), Object.keys(expected[name]).sort(), `exec(${label}).${name} group names`);
        for (const key in expected[name]) assert_equals(groups[key], expected[name][key], `exec(${label}).${name}.groups.${key}`);
      }
    }
  }, "URLPattern " + JSON.stringify(args));
}

const errors = [
  [{ pathname: "(caf\u00E9)" }],
  [{ pathname: "/:id/:id" }],
  [{ pathname: "/(\\m)" }],
  [{ pathname: "/foo(" }],
  [{ pathname: "/foo(?x)" }],
  [{ pathname: "/{foo" }],
  [{ pathname: "/foo\\" }],
  [{ pathname: "/:" }],
  [{ hostname: "bad hostname" }],
  [{ hostname: "[\\:\\:xY\\::num]" }],
  [{ protocol: "(caf\u00E9)" }],
  [{ port: "abc" }],
  [{ port: "65536" }],
  [{ pathname: "/foo", baseURL: "" }],
  [{ pathname: "/foo" }, "https://example.com"],
  ["/foo"],
  ["example.com/foo"],
  ["/foo", ""],
  ["data:foobar"],
  ["https://{sub{.}}example.com/foo"],
  ["(https://)example.com/foo"],
  ["/foo?bar#baz", { ignoreCase: true }, "https://example.com:8080"],
];
for (const args of errors) {
  test(() => {
    assert_throws_js(TypeError, () => new URLPattern(...args));
  }, "URLPattern throws TypeError for " + JSON.stringify(args));
}

test(() => {
  const pattern = new URLPattern({ pathname: "/foo/bar" });
  assert_throws_js(TypeError, () => pattern.test({ pathname: "/foo/bar" }, "https://example.com"));
  assert_throws_js(TypeError, () => pattern.exec({ pathname: "/foo/bar" }, "https://example.com"));
  assert_false(pattern.test("foo", "data:data-urls-cannot-be-base-urls"));
  assert_equals(pattern.exec("not a url"), null);
  assert_equals(pattern.exec({ pathname: "/foo/bar", baseURL: "not a url" }), null, "an invalid baseURL in the input does not match");
}, "test() and exec() input errors");

test(() => {
  const result = new URLPattern({ pathname: "/x/:id" }).exec("/x/1", "https://example.com/");
  assert_array_equals(result.inputs, ["/x/1", "https://example.com/"]);
  const init = { pathname: "/x/2" };
  const result2 = new URLPattern({ pathname: "/x/:id" }).exec(init);
  assert_equals(result2.inputs.length, 1);
  assert_equals(result2.inputs[0].pathname, "/x/2");
}, "exec() result inputs");

test(() => {
  assert_false(new URLPattern({ pathname: "/:id" }).hasRegExpGroups);
  assert_false(new URLPattern({ pathname: "/*" }).hasRegExpGroups);
  assert_true(new URLPattern({ pathname: "/:id(\\d+)" }).hasRegExpGroups);
  assert_true(new URLPattern({ protocol: "(https|http)" }).hasRegExpGroups);
  assert_false(new URLPattern({ pathname: "/(.*)" }).hasRegExpGroups, "(.*) is a full wildcard");
}, "hasRegExpGroups");

test(() => {
  assert_equals(URLPattern.length, 0);
  assert_equals(Object.prototype.toString.call(new URLPattern()), "[object URLPattern]");
  for (const name of components.concat(["hasRegExpGroups"])) {
    const desc = Object.getOwnPropertyDescriptor(URLPattern.prototype, name);
    assert_equals(typeof desc.get, "function", name);
    assert_equals(desc.set, undefined, name + " is read-only");
    assert_true(desc.enumerable, name + " is enumerable");
  }
  assert_throws_js(TypeError, () => URLPattern());
  assert_throws_js(TypeError, () => URLPattern.prototype.test.call({}));
  assert_throws_js(TypeError, () => Object.getOwnPropertyDescriptor(URLPattern.prototype, "pathname").get.call({}));
  assert_throws_js(TypeError, () => new URLPattern(1, 2, 3), "an invalid base URL");
  assert_equals(new URLPattern("https://a/*", undefined).pathname, "/*", "an undefined second argument is the options");
  assert_equals(new URLPattern({ pathname: "/a" }, null).pathname, "/a", "a null second argument is the options");
}, "URLPattern interface and overloads");
