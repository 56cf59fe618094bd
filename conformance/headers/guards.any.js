// Headers guards: immutable, request, request-no-cors, response
// (https://fetch.spec.whatwg.org/#concept-headers-guard). Verge is a server runtime:
// forbidden request-header and response-header names are not filtered (DIVERGENCES.md).

test(() => {
  const h = Response.error().headers;
  assert_throws_js(TypeError, () => h.append("a", "b"));
  assert_throws_js(TypeError, () => h.set("a", "b"));
  assert_throws_js(TypeError, () => h.delete("a"));
  assert_equals(h.get("a"), null);
}, "Response.error() headers are immutable");

test(() => {
  const h = Response.redirect("https://example.com/next").headers;
  assert_equals(h.get("location"), "https://example.com/next");
  assert_throws_js(TypeError, () => h.set("location", "https://example.com/other"));
  assert_throws_js(TypeError, () => h.delete("location"));
  assert_throws_js(TypeError, () => h.append("x", "y"));
}, "Response.redirect() headers are immutable");

test(() => {
  const h = Response.error().headers;
  assert_throws_js(TypeError, () => h.append("bad name", "b"), "validation comes before the guard");
  assert_throws_js(TypeError, () => h.delete("bad name"));
}, "Invalid names throw on immutable headers too");

test(() => {
  const request = new Request("https://example.com/", { headers: { "Host": "evil.example", "Cookie": "a=1", "Content-Length": "3", "Connection": "close", "Sec-Fetch-Mode": "x", "Proxy-Authorization": "p" } });
  assert_equals(request.headers.get("host"), "evil.example");
  assert_equals(request.headers.get("cookie"), "a=1");
  assert_equals(request.headers.get("content-length"), "3");
  assert_equals(request.headers.get("connection"), "close");
  assert_equals(request.headers.get("sec-fetch-mode"), "x");
  assert_equals(request.headers.get("proxy-authorization"), "p");
  request.headers.set("Origin", "https://a.example");
  assert_equals(request.headers.get("origin"), "https://a.example");
}, "The request guard keeps every header name (server runtime, no forbidden names)");

test(() => {
  const response = new Response("x", { headers: [["Set-Cookie", "a=1"], ["Set-Cookie", "b=2"]] });
  assert_array_equals(response.headers.getSetCookie(), ["a=1", "b=2"]);
  response.headers.append("set-cookie2", "c");
  assert_equals(response.headers.get("set-cookie2"), "c");
}, "The response guard keeps Set-Cookie (server runtime)");

test(() => {
  const request = new Request("https://example.com/", {
    mode: "no-cors",
    headers: {
      "Accept": "text/html",
      "Accept-Language": "en-US,en;q=0.5",
      "Content-Language": "de",
      "Content-Type": "text/plain;charset=UTF-8",
      "X-Custom": "dropped",
      "Range": "bytes=0-10",
    },
  });
  const h = request.headers;
  assert_equals(h.get("accept"), "text/html");
  assert_equals(h.get("accept-language"), "en-US,en;q=0.5");
  assert_equals(h.get("content-language"), "de");
  assert_equals(h.get("content-type"), "text/plain;charset=UTF-8");
  assert_false(h.has("x-custom"), "not a no-CORS-safelisted name");
  assert_false(h.has("range"), "privileged no-CORS headers are removed");
}, "request-no-cors keeps only no-CORS-safelisted request-headers");

test(() => {
  const h = new Request("https://example.com/", { mode: "no-cors" }).headers;
  h.append("Content-Type", "application/json");
  assert_false(h.has("content-type"), "only form, multipart and text/plain types are safelisted");
  h.append("Content-Type", "multipart/form-data; boundary=x");
  assert_equals(h.get("content-type"), "multipart/form-data; boundary=x");
  h.append("Accept", "a".repeat(129));
  assert_false(h.has("accept"), "values longer than 128 bytes are not safelisted");
  h.append("Accept", "text/\u0001");
  assert_false(h.has("accept"), "CORS-unsafe bytes");
  h.append("Accept-Language", "en@");
  assert_false(h.has("accept-language"));
  h.set("X-Other", "x");
  assert_false(h.has("x-other"));
  h.append("Accept", "text/html");
  h.append("Accept", "a".repeat(125));
  assert_equals(h.get("accept"), "text/html", "the combined value must stay safelisted");
}, "request-no-cors checks the combined value of append");

test(() => {
  const h = new Request("https://example.com/", { mode: "no-cors", headers: { accept: "x" } }).headers;
  h.delete("x-not-safelisted");
  h.delete("accept");
  assert_false(h.has("accept"));
}, "request-no-cors delete of a safelisted name works");

test(() => {
  assert_throws_js(TypeError, () => new Request("https://example.com/", { mode: "no-cors", method: "PUT" }));
  assert_throws_js(TypeError, () => new Request("https://example.com/", { mode: "no-cors", method: "DELETE" }));
  for (const method of ["GET", "HEAD", "POST"]) {
    assert_equals(new Request("https://example.com/", { mode: "no-cors", method }).mode, "no-cors");
  }
}, "no-cors requests need a CORS-safelisted method");

test(() => {
  const request = new Request("https://example.com/", { headers: { a: "1" } });
  const clone = request.clone();
  clone.headers.set("a", "2");
  assert_equals(request.headers.get("a"), "1");
  const noCors = new Request("https://example.com/", { mode: "no-cors" }).clone();
  noCors.headers.set("x-y", "z");
  assert_false(noCors.headers.has("x-y"), "the clone keeps the guard");
}, "Cloned requests get their own header list with the same guard");

test(() => {
  const text = new Request("https://example.com/", { mode: "no-cors", method: "POST", body: "x" });
  assert_equals(text.headers.get("content-type"), "text/plain;charset=UTF-8");
  const json = new Request("https://example.com/", { mode: "no-cors", method: "POST", body: new Blob([], { type: "application/json" }) });
  assert_equals(json.headers.get("content-type"), null, "the body's type goes through the guard");
}, "The body's Content-Type is appended through the request-no-cors guard");
