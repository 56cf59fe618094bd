// Request constructor (https://fetch.spec.whatwg.org/#dom-request): URL parsing,
// RequestInit members, validation, defaults.
// The conformance runner gives each file a `location` (http://verge.test/<path>), the
// base of relative URLs.

const url = "https://example.com/path?query#fragment";

test(() => {
  assert_equals(Request.length, 1);
  assert_throws_js(TypeError, () => Request(url));
  assert_throws_js(TypeError, () => new Request());
}, "Request needs new and one argument");

test(() => {
  const request = new Request(url);
  assert_equals(request.method, "GET");
  assert_equals(request.url, url, "the URL keeps its fragment");
  assert_equals(request.destination, "");
  assert_equals(request.referrer, "about:client");
  assert_equals(request.referrerPolicy, "");
  assert_equals(request.mode, "cors");
  assert_equals(request.credentials, "same-origin");
  assert_equals(request.cache, "default");
  assert_equals(request.redirect, "follow");
  assert_equals(request.integrity, "");
  assert_false(request.keepalive);
  assert_false(request.isReloadNavigation);
  assert_false(request.isHistoryNavigation);
  assert_equals(request.duplex, "half");
  assert_true(request.headers instanceof Headers);
  assert_equals(request.body, null);
  assert_false(request.bodyUsed);
  assert_true(request.signal instanceof AbortSignal);
  assert_false(request.signal.aborted);
}, "Defaults of a Request made from a URL string");

test(() => {
  assert_equals(new Request("HTTPS://EXAMPLE.com:443/a/../b").url, "https://example.com/b");
  assert_equals(new Request("https://example.com").url, "https://example.com/");
  assert_equals(new Request({ toString: () => "https://example.com/x" }).url, "https://example.com/x");
}, "The URL is parsed and serialized");

test(() => {
  assert_equals(new Request("/relative?x").url, "http://verge.test/relative?x");
  const self = new Request("").url;
  assert_true(self.startsWith("http://verge.test/") && self.endsWith("/constructor.any.js"), `the empty URL is the base itself: ${self}`);
}, "Relative URLs resolve against the realm's base URL");

test(() => {
  assert_throws_js(TypeError, () => new Request("http://[::1"));
  assert_throws_js(TypeError, () => new Request("https://user:pass@example.com/"), "credentials");
  assert_throws_js(TypeError, () => new Request("https://user@example.com/"), "username only");
  assert_throws_js(TypeError, () => new Request("https://:pass@example.com/"), "password only");
}, "Invalid URLs and URLs with credentials throw a TypeError");

const methodCases = [
  ["get", "GET"], ["post", "POST"], ["put", "PUT"], ["delete", "DELETE"], ["head", "HEAD"], ["options", "OPTIONS"],
  ["Get", "GET"], ["patch", "patch"], ["PATCH", "PATCH"], ["custom", "custom"], ["MKCOL", "MKCOL"], ["!#$%&'*+-.^_`|~", "!#$%&'*+-.^_`|~"],
];
for (const [method, expected] of methodCases) {
  test(() => {
    assert_equals(new Request(url, { method }).method, expected);
  }, `Method ${method} is normalized to ${expected}`);
}

for (const method of ["CONNECT", "connect", "TRACE", "trace", "TRACK", "Track"]) {
  test(() => {
    assert_throws_js(TypeError, () => new Request(url, { method }));
  }, `Forbidden method ${method} throws`);
}

for (const method of ["", "a b", "a,b", "GET\n", "é", "(", "a/b"]) {
  test(() => {
    assert_throws_js(TypeError, () => new Request(url, { method }));
  }, `Invalid method ${JSON.stringify(method)} throws`);
}

test(() => {
  assert_throws_js(TypeError, () => new Request(url, { method: "\u0100" }), "not a ByteString");
}, "method is a ByteString");

const enumMembers = {
  mode: ["same-origin", "no-cors", "cors"],
  credentials: ["omit", "same-origin", "include"],
  cache: ["default", "no-store", "reload", "no-cache", "force-cache"],
  redirect: ["follow", "error", "manual"],
  referrerPolicy: ["", "no-referrer", "no-referrer-when-downgrade", "same-origin", "origin", "strict-origin",
    "origin-when-cross-origin", "strict-origin-when-cross-origin", "unsafe-url"],
};
for (const [member, values] of Object.entries(enumMembers)) {
  test(() => {
    for (const value of values) assert_equals(new Request(url, { [member]: value })[member], value, value);
    assert_throws_js(TypeError, () => new Request(url, { [member]: "invalid" }));
    assert_throws_js(TypeError, () => new Request(url, { [member]: value0Upper(values) }), "enums are case-sensitive");
  }, `RequestInit.${member} accepts its enum values only`);
}
function value0Upper(values) {
  return values[values.length - 1].toUpperCase() + "_";
}

test(() => {
  assert_throws_js(TypeError, () => new Request(url, { mode: "navigate" }));
  assert_throws_js(TypeError, () => new Request(url, { cache: "only-if-cached" }));
  assert_throws_js(TypeError, () => new Request(url, { cache: "only-if-cached", mode: "cors" }));
  assert_equals(new Request(url, { cache: "only-if-cached", mode: "same-origin" }).cache, "only-if-cached");
  assert_throws_js(TypeError, () => new Request(url, { priority: "urgent" }));
  for (const priority of ["high", "low", "auto"]) new Request(url, { priority });
  assert_throws_js(TypeError, () => new Request(url, { duplex: "full" }));
}, "mode 'navigate', 'only-if-cached' without same-origin, and invalid priority/duplex throw");

test(() => {
  assert_equals(new Request(url, { integrity: "sha256-abc" }).integrity, "sha256-abc");
  assert_true(new Request(url, { keepalive: true }).keepalive);
  assert_true(new Request(url, { keepalive: 1 }).keepalive, "boolean conversion");
}, "integrity and keepalive");

test(() => {
  assert_equals(new Request(url, { window: null }).url, url);
  assert_equals(new Request(url, { window: undefined }).url, url);
  assert_throws_js(TypeError, () => new Request(url, { window: {} }));
  assert_throws_js(TypeError, () => new Request(url, { window: 0 }));
}, "window may only be null");

test(() => {
  assert_equals(new Request(url, { referrer: "" }).referrer, "", "no-referrer");
  assert_equals(new Request(url, { referrer: "about:client" }).referrer, "about:client");
  assert_equals(new Request(url, { referrer: "/ref" }).referrer, "http://verge.test/ref", "same origin: kept");
  assert_equals(new Request(url, { referrer: "http://verge.test/a?b#c" }).referrer, "http://verge.test/a?b#c");
  assert_equals(new Request(url, { referrer: "https://other.example/" }).referrer, "about:client", "cross-origin: client");
  assert_throws_js(TypeError, () => new Request(url, { referrer: "http://[" }));
}, "referrer is parsed against the base URL and limited to the realm's origin");

test(() => {
  const log = [];
  const init = {};
  for (const key of ["body", "cache", "credentials", "duplex", "headers", "integrity", "keepalive", "method", "mode",
    "priority", "redirect", "referrer", "referrerPolicy", "signal", "window"]) {
    Object.defineProperty(init, key, { get() { log.push(key); return undefined; } });
  }
  new Request(url, init);
  assert_array_equals(log, ["body", "cache", "credentials", "duplex", "headers", "integrity", "keepalive", "method", "mode",
    "priority", "redirect", "referrer", "referrerPolicy", "signal", "window"]);
}, "RequestInit members are read in lexicographic order");

test(() => {
  const error = new Error("input");
  assert_throws_exactly(error, () => new Request({ toString() { throw error; } }, { get method() { throw new Error("later"); } }));
}, "input converts before init");

test(() => {
  for (const init of [null, undefined, {}]) assert_equals(new Request(url, init).method, "GET");
  assert_throws_js(TypeError, () => new Request(url, 1));
  assert_throws_js(TypeError, () => new Request(url, "x"));
}, "init must be a dictionary");

test(() => {
  assert_throws_js(TypeError, () => new Request(url, { signal: {} }));
  assert_throws_js(TypeError, () => new Request(url, { signal: new AbortController() }));
  assert_equals(new Request(url, { signal: null }).signal.aborted, false);
}, "signal must be an AbortSignal or null");

test(() => {
  const members = ["method", "url", "headers", "destination", "referrer", "referrerPolicy", "mode", "credentials",
    "cache", "redirect", "integrity", "keepalive", "isReloadNavigation", "isHistoryNavigation", "signal", "duplex",
    "body", "bodyUsed"];
  for (const name of members) {
    const descriptor = Object.getOwnPropertyDescriptor(Request.prototype, name);
    assert_equals(typeof descriptor.get, "function", name);
    assert_equals(descriptor.set, undefined, name);
    assert_true(descriptor.enumerable, name);
    assert_throws_js(TypeError, () => descriptor.get.call({}), `${name} brand check`);
  }
  assert_throws_js(TypeError, () => Request.prototype.clone.call({}));
  assert_equals(String(new Request(url)), "[object Request]");
}, "Request attributes are read-only, enumerable and brand checked");

test(() => {
  const request = new Request(url, { headers: [["X-A", "1"]] });
  assert_equals(request.headers, request.headers, "the same Headers object");
  request.url = "https://changed.example/";
  assert_equals(request.url, url, "attributes are read-only");
}, "headers is one object; attributes ignore assignment");
