// META: script=resources/server.js
// fetch() against the loopback server: methods, headers, bodies, response fields.
"use strict";

withServer((server) => {
  promise_test(async (t) => {
    const response = await fetch(`${server}/echo?x=1`);
    assert_true(response instanceof Response);
    assert_equals(response.status, 200);
    assert_equals(response.statusText, "OK");
    assert_true(response.ok);
    assert_equals(response.type, "basic");
    assert_equals(response.url, `${server}/echo?x=1`);
    assert_false(response.redirected);
    assert_equals(response.headers.get("content-type"), "application/json");
    const echo = await response.json();
    assert_equals(echo.method, "GET");
    assert_equals(echo.url, "/echo?x=1");
    assert_equals(echo.bodyLength, 0);
  }, "GET returns a Response with status, headers, url and body");

  promise_test(async (t) => {
    const echo = await (await fetch(`${server}/echo`)).json();
    const headers = Object.fromEntries(echo.headers.map(([n, v]) => [n.toLowerCase(), v]));
    assert_equals(headers["accept"], "*/*", "Accept defaults to */*");
    assert_equals(headers["user-agent"], navigator.userAgent, "User-Agent is the navigator's");
    assert_equals(headers["accept-encoding"], "gzip, deflate, br", "Accept-Encoding");
    assert_equals(headers["host"], server.replace("http://", ""), "Host");
  }, "default request headers: Accept, User-Agent, Accept-Encoding, Host");

  promise_test(async (t) => {
    const echo = await (await fetch(`${server}/echo`, {
      headers: { accept: "text/plain", "user-agent": "custom/1", "x-custom": "a, b", "accept-encoding": "identity" },
    })).json();
    const headers = Object.fromEntries(echo.headers.map(([n, v]) => [n.toLowerCase(), v]));
    assert_equals(headers["accept"], "text/plain");
    assert_equals(headers["user-agent"], "custom/1");
    assert_equals(headers["x-custom"], "a, b");
    assert_equals(headers["accept-encoding"], "identity");
  }, "request headers given by the caller win over the defaults");

  promise_test(async (t) => {
    const echo = await (await fetch(`${server}/echo`, { headers: { range: "bytes=0-1" } })).json();
    const headers = Object.fromEntries(echo.headers.map(([n, v]) => [n.toLowerCase(), v]));
    assert_equals(headers["accept-encoding"], "identity");
  }, "a Range request asks for Accept-Encoding: identity");

  for (const method of ["POST", "PUT", "PATCH", "DELETE", "OPTIONS", "PROPFIND"]) {
    promise_test(async (t) => {
      const echo = await (await fetch(`${server}/echo`, { method, body: "payload" })).json();
      assert_equals(echo.method, method);
      assert_equals(echo.body, "payload");
      assert_equals(echo.bodyLength, 7);
      const headers = Object.fromEntries(echo.headers.map(([n, v]) => [n.toLowerCase(), v]));
      assert_equals(headers["content-type"], "text/plain;charset=UTF-8");
      assert_equals(headers["content-length"], "7");
    }, `${method} with a string body`);
  }

  promise_test(async (t) => {
    const echo = await (await fetch(`${server}/echo`, { method: "post", body: "x" })).json();
    assert_equals(echo.method, "POST", "post is normalized");
  }, "method names are normalized");

  promise_test(async (t) => {
    const bytes = new Uint8Array(256);
    for (let i = 0; i < 256; i++) bytes[i] = i;
    const result = await (await fetch(`${server}/upload`, { method: "POST", body: bytes })).json();
    assert_equals(result.bytes, 256);
    assert_equals(result.sum, 255 * 128);
    assert_equals(result.contentLength, "256");
    assert_false(result.chunked);
  }, "a Uint8Array body is sent with Content-Length");

  promise_test(async (t) => {
    const params = new URLSearchParams({ a: "1", b: "two words" });
    const echo = await (await fetch(`${server}/echo`, { method: "POST", body: params })).json();
    assert_equals(echo.body, "a=1&b=two+words");
    const headers = Object.fromEntries(echo.headers.map(([n, v]) => [n.toLowerCase(), v]));
    assert_equals(headers["content-type"], "application/x-www-form-urlencoded;charset=UTF-8");
  }, "a URLSearchParams body");

  promise_test(async (t) => {
    const echo = await (await fetch(`${server}/echo`, { method: "POST", body: new Blob(["blob"], { type: "x/y" }) })).json();
    assert_equals(echo.body, "blob");
    const headers = Object.fromEntries(echo.headers.map(([n, v]) => [n.toLowerCase(), v]));
    assert_equals(headers["content-type"], "x/y");
  }, "a Blob body");

  promise_test(async (t) => {
    const form = new FormData();
    form.append("field", "value");
    form.append("file", new Blob(["content"], { type: "text/x-test" }), "name.txt");
    const echo = await (await fetch(`${server}/echo`, { method: "POST", body: form })).json();
    const contentType = echo.headers.find(([n]) => n.toLowerCase() === "content-type")[1];
    const match = /^multipart\/form-data; ?boundary=(.+)$/.exec(contentType);
    assert_not_equals(match, null, contentType);
    assert_true(echo.body.includes(`--${match[1]}`), "the boundary delimits the parts");
    assert_true(echo.body.includes('name="field"') && echo.body.includes("value"), "the field");
    assert_true(echo.body.includes('filename="name.txt"') && echo.body.includes("content"), "the file");
    const parsed = await new Response(echo.body, { headers: { "content-type": contentType } }).formData();
    assert_equals(parsed.get("field"), "value");
    assert_equals(await parsed.get("file").text(), "content");
  }, "a FormData body is sent as multipart/form-data");

  promise_test(async (t) => {
    const echo = await (await fetch(`${server}/echo`, { method: "POST" })).json();
    const headers = Object.fromEntries(echo.headers.map(([n, v]) => [n.toLowerCase(), v]));
    assert_equals(headers["content-length"], "0", "POST without a body sends Content-Length: 0");
  }, "POST without a body");

  promise_test(async (t) => {
    const request = new Request(`${server}/echo`, { method: "POST", body: "from a request", headers: { "x-r": "1" } });
    const echo = await (await fetch(request)).json();
    assert_equals(echo.body, "from a request");
    assert_true(echo.headers.some(([n, v]) => n.toLowerCase() === "x-r" && v === "1"));
    assert_true(request.bodyUsed, "the request's body is used");
    await promise_rejects_js(t, TypeError, fetch(request), "a used request cannot be fetched again");
  }, "fetch(Request) sends the request and uses its body");

  for (const status of [200, 201, 202, 203, 206, 299, 400, 404, 418, 500, 503, 599]) {
    promise_test(async (t) => {
      const response = await fetch(`${server}/status/${status}`);
      assert_equals(response.status, status);
      assert_equals(response.ok, status >= 200 && status < 300);
      assert_equals(await response.text(), `status ${status}`);
    }, `status ${status}`);
  }

  for (const status of [204, 205, 304]) {
    promise_test(async (t) => {
      const response = await fetch(`${server}/status/${status}`);
      assert_equals(response.status, status);
      assert_equals(response.body, null, "null body status");
      assert_equals(await response.text(), "");
    }, `status ${status} has a null body`);
  }

  promise_test(async (t) => {
    const response = await fetch(`${server}/status/404`);
    assert_equals(response.statusText, "Not Found");
  }, "statusText is the reason phrase");

  promise_test(async (t) => {
    const response = await fetch(`${server}/status/299?reason=Custom%20Reason`);
    assert_equals(response.statusText, "Custom Reason");
  }, "a custom reason phrase is the statusText");

  promise_test(async (t) => {
    const response = await fetch(`${server}/content-length?n=1000`, { method: "HEAD" });
    assert_equals(response.status, 200);
    assert_equals(response.headers.get("content-length"), "1000");
    assert_equals(response.body, null);
    assert_equals(await response.text(), "");
  }, "HEAD has a null body and the headers of GET");

  promise_test(async (t) => {
    const response = await fetch(`${server}/set-cookie?n=3`);
    assert_array_equals(response.headers.getSetCookie(), ["c0=v0; Path=/", "c1=v1; Path=/", "c2=v2; Path=/"]);
  }, "several Set-Cookie headers are kept apart");

  promise_test(async (t) => {
    const response = await fetch(`${server}/large-headers?size=30000&count=2`);
    assert_equals(response.headers.get("x-large-0").length, 30000);
    assert_equals(response.headers.get("x-large-1").length, 30000);
    await response.text();
  }, "large response headers (2 × 30 KB)");

  promise_test(async (t) => {
    const big = "v".repeat(20000);
    const echo = await (await fetch(`${server}/echo`, { headers: { "x-big": big } })).json();
    assert_true(echo.headers.some(([n, v]) => n === "x-big" && v === big));
  }, "a large request header (20 KB)");

  promise_test(async (t) => {
    const response = await fetch(`${server}/respond?h=x-a:1&h=X-B:%20two%20&body=hi`);
    assert_equals(response.headers.get("x-a"), "1");
    assert_equals(response.headers.get("x-b"), "two", "values are trimmed");
    assert_equals(await response.text(), "hi");
  }, "response headers as the server sent them");

  promise_test(async (t) => {
    const response = await fetch(`${server}/echo`);
    assert_throws_js(TypeError, () => response.headers.set("x", "y"), "the headers are immutable");
  }, "fetched response headers are immutable");

  promise_test(async (t) => {
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => fetch(`${server}/echo?i=${i}`)));
    const bodies = await Promise.all(responses.map((r) => r.json()));
    bodies.forEach((echo, i) => assert_equals(echo.url, `/echo?i=${i}`));
  }, "20 concurrent fetches");

  promise_test(async (t) => {
    const response = await fetch(`${server}/echo#fragment`);
    assert_equals(response.url, `${server}/echo`, "the fragment is not part of response.url");
    const echo = await response.json();
    assert_equals(echo.url, "/echo", "the fragment is not sent");
  }, "fragments are neither sent nor kept in response.url");

  promise_test(async (t) => {
    const url = new URL(`${server}/echo`);
    const echo = await (await fetch(url)).json();
    assert_equals(echo.path, "/echo");
  }, "fetch accepts a URL object");

  promise_test(async (t) => {
    const response = await fetch(`${server}/echo`);
    const clone = response.clone();
    const [a, b] = await Promise.all([response.text(), clone.text()]);
    assert_equals(a, b);
  }, "a fetched response can be cloned");

  promise_test(async (t) => {
    await promise_rejects_js(t, TypeError, fetch(`${server}/echo`, { method: "GET", body: "x" }));
    await promise_rejects_js(t, TypeError, fetch(`${server}/echo`, { method: "TRACE" }));
    await promise_rejects_js(t, TypeError, fetch(`${server}/echo`, { headers: { "bad name": "x" } }));
  }, "errors of the Request constructor reject the promise");

  promise_test(async (t) => {
    await promise_rejects_js(t, TypeError, fetch());
  }, "fetch() without arguments rejects with a TypeError");

  test(() => {
    assert_equals(fetch.length, 1);
    assert_equals(fetch.name, "fetch");
    assert_throws_js(TypeError, () => new fetch(`${server}/echo`));
    const desc = Object.getOwnPropertyDescriptor(globalThis, "fetch");
    assert_true(desc.writable, "writable");
    assert_true(desc.configurable, "configurable");
  }, "fetch is a WebIDL operation");

  promise_test(async (t) => {
    const p = fetch(`${server}/echo`);
    assert_true(p instanceof Promise);
    (await p).body.cancel();
  }, "fetch returns a Promise");
});
