// META: script=resources/server.js
// HTTP-redirect fetch: follow, error, manual; method rewriting; header removal; limits.
"use strict";

function headerOf(echo, name) {
  const found = echo.headers.find(([n]) => n.toLowerCase() === name);
  return found ? found[1] : null;
}

withServer((server) => {
  const otherOrigin = server.replace("127.0.0.1", "localhost");

  for (const status of [301, 302, 303, 307, 308]) {
    promise_test(async (t) => {
      const response = await fetch(`${server}/redirect/${status}?to=/echo%3Fafter=1`);
      assert_equals(response.status, 200);
      assert_true(response.redirected, "redirected");
      assert_equals(response.url, `${server}/echo?after=1`, "url is the final URL");
      const echo = await response.json();
      assert_equals(echo.method, "GET");
      assert_equals(echo.url, "/echo?after=1");
    }, `GET follows a ${status} redirect`);

    promise_test(async (t) => {
      const response = await fetch(`${server}/redirect/${status}?to=/echo`, {
        method: "POST", body: "data", headers: { "content-type": "text/x-data", "content-language": "en", "x-keep": "1" },
      });
      const echo = await response.json();
      const rewritten = status === 301 || status === 302 || status === 303;
      assert_equals(echo.method, rewritten ? "GET" : "POST", "method");
      assert_equals(echo.body, rewritten ? "" : "data", "body");
      assert_equals(headerOf(echo, "content-type"), rewritten ? null : "text/x-data", "Content-Type");
      assert_equals(headerOf(echo, "content-language"), rewritten ? null : "en", "Content-Language");
      assert_equals(headerOf(echo, "x-keep"), "1", "other headers stay");
    }, `POST and a ${status} redirect`);

    promise_test(async (t) => {
      const echo = await (await fetch(`${server}/redirect/${status}?to=/echo`, { method: "PUT", body: "data" })).json();
      assert_equals(echo.method, status === 303 ? "GET" : "PUT");
      assert_equals(echo.body, status === 303 ? "" : "data");
    }, `PUT and a ${status} redirect (only 303 rewrites it)`);

    promise_test(async (t) => {
      const response = await fetch(`${server}/redirect/${status}?to=/echo`, { redirect: "manual" });
      assert_equals(response.status, status, "the redirect response itself");
      assert_equals(response.headers.get("location"), "/echo");
      assert_false(response.redirected);
      assert_equals(response.url, `${server}/redirect/${status}?to=/echo`);
      await response.text();
    }, `redirect: "manual" returns the ${status} response`);

    promise_test(async (t) => {
      await promise_rejects_js(t, TypeError, fetch(`${server}/redirect/${status}?to=/echo`, { redirect: "error" }));
    }, `redirect: "error" rejects on a ${status}`);
  }

  promise_test(async (t) => {
    const echo = await (await fetch(`${server}/redirect/303?to=/echo`, { method: "HEAD" }));
    assert_equals(echo.status, 200);
  }, "HEAD stays HEAD after a 303");

  promise_test(async (t) => {
    const response = await fetch(`${server}/redirect-chain/20`);
    assert_equals(response.status, 200);
    assert_true(response.redirected);
    assert_equals(response.url, `${server}/echo`);
  }, "20 redirects are followed");

  promise_test(async (t) => {
    await promise_rejects_js(t, TypeError, fetch(`${server}/redirect-chain/21`));
  }, "the 21st redirect is a network error");

  promise_test(async (t) => {
    await promise_rejects_js(t, TypeError, fetch(`${server}/redirect-loop`));
  }, "a redirect loop is a network error");

  promise_test(async (t) => {
    const response = await fetch(`${server}/redirect-chain/3?absolute=1`);
    assert_equals(response.url, `${server}/echo`);
  }, "absolute Location URLs");

  promise_test(async (t) => {
    const response = await fetch(`${server}/redirect/302?to=${encodeURIComponent(`${server}/echo`)}#frag`);
    assert_equals(response.url, `${server}/echo`);
    const manual = await fetch(`${server}/redirect/302?to=/echo#frag`, { redirect: "manual" });
    assert_equals(manual.headers.get("location"), "/echo");
  }, "the request's fragment is kept across redirects (not visible in response.url)");

  promise_test(async (t) => {
    const echo = await (await fetch(`${server}/redirect/302?to=/echo`, { headers: { authorization: "Bearer x" } })).json();
    assert_equals(headerOf(echo, "authorization"), "Bearer x");
  }, "Authorization is kept on a same-origin redirect");

  promise_test(async (t) => {
    const to = encodeURIComponent(`${otherOrigin}/echo`);
    const echo = await (await fetch(`${server}/redirect/302?to=${to}`, {
      headers: { authorization: "Bearer x", "x-other": "kept" },
    })).json();
    assert_equals(headerOf(echo, "authorization"), null, "Authorization is removed");
    assert_equals(headerOf(echo, "x-other"), "kept");
  }, "Authorization is dropped on a cross-origin redirect");

  promise_test(async (t) => {
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("stream"));
        controller.close();
      },
    });
    await promise_rejects_js(t, TypeError, fetch(`${server}/redirect/307?to=/echo`, { method: "POST", body, duplex: "half" }));
  }, "a 307 with a ReadableStream body is a network error (the body cannot be replayed)");

  promise_test(async (t) => {
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("stream"));
        controller.close();
      },
    });
    const echo = await (await fetch(`${server}/redirect/303?to=/echo`, { method: "POST", body, duplex: "half" })).json();
    assert_equals(echo.method, "GET");
    assert_equals(echo.bodyLength, 0);
  }, "a 303 with a ReadableStream body is followed with GET");

  promise_test(async (t) => {
    const echo = await (await fetch(`${server}/redirect/307?to=/echo`, { method: "POST", body: new Uint8Array([1, 2, 3]) })).json();
    assert_equals(echo.bodyLength, 3, "a byte body is sent again");
  }, "a 307 with a byte body sends it again");

  promise_test(async (t) => {
    const response = await fetch(`${server}/respond?status=302`);
    assert_equals(response.status, 302, "no Location: the response itself");
    assert_false(response.redirected);
  }, "a redirect status without Location is returned as is");

  promise_test(async (t) => {
    await promise_rejects_js(t, TypeError, fetch(`${server}/redirect/302?to=${encodeURIComponent("data:text/plain,hi")}`));
    await promise_rejects_js(t, TypeError, fetch(`${server}/redirect/302?to=${encodeURIComponent("file:///etc/passwd")}`));
  }, "redirects to non-HTTP(S) URLs are network errors");

  promise_test(async (t) => {
    await promise_rejects_js(t, TypeError, fetch(`${server}/redirect/302?to=${encodeURIComponent("http://[::1")}`));
  }, "an unparsable Location is a network error");

  promise_test(async (t) => {
    const response = await fetch(`${server}/redirect/302?to=/status/404`);
    assert_equals(response.status, 404);
    assert_true(response.redirected);
  }, "the final response's status is kept");
});
