// META: script=resources/server.js
// Network errors and unsupported schemes reject with TypeErrors.
"use strict";

for (const url of ["file:///etc/passwd", "ftp://example.com/", "about:blank", "javascript:alert(1)",
                   "ws://127.0.0.1/", "mailto:a@b.c", "blob:http://example.com/uuid", "chrome://settings"]) {
  promise_test(async (t) => {
    const error = await fetch(url).then(() => null, (e) => e);
    assert_true(error instanceof TypeError, `a TypeError, got ${error}`);
    const scheme = url.slice(0, url.indexOf(":") + 1);
    assert_true(error.message.includes(scheme), `the message names the scheme: ${error.message}`);
  }, `fetch("${url}") rejects with a TypeError naming its scheme`);
}

promise_test(async (t) => {
  await promise_rejects_js(t, TypeError, fetch("http://"));
  await promise_rejects_js(t, TypeError, fetch("http://exa mple.com/"));
  await promise_rejects_js(t, TypeError, fetch("http://user:pass@127.0.0.1:8/"), "credentials in the URL");
}, "invalid URLs reject with a TypeError");

// https://fetch.spec.whatwg.org/#bad-port
for (const port of [1, 7, 21, 22, 25, 110, 143, 587, 993, 2049, 4045, 5060, 6000, 6566, 6667, 6697, 10080]) {
  promise_test(async (t) => {
    const error = await fetch(`http://127.0.0.1:${port}/`).then(() => null, (e) => e);
    assert_true(error instanceof TypeError, `a TypeError, got ${error}`);
    assert_true(error.message.includes(`${port}`), error.message);
  }, `fetching bad port ${port} is a network error`);
}

withServer((server) => {
  promise_test(async (t) => {
    const port = await (await fetch(`${server}/closed-port`)).text();
    const error = await fetch(`http://127.0.0.1:${port}/`).then(() => null, (e) => e);
    assert_true(error instanceof TypeError, `a TypeError, got ${error}`);
    assert_equals(error.message, "fetch failed");
    assert_true(error.cause instanceof Error, "the cause is an Error");
    assert_equals(error.cause.code, "ECONNREFUSED");
    assert_true(/refused/.test(error.cause.message), error.cause.message);
  }, "a refused connection: TypeError('fetch failed') with the cause");

  promise_test(async (t) => {
    const response = await fetch(`${server}/redirect/302?to=${encodeURIComponent("http://127.0.0.1:25/")}`).then(() => null, (e) => e);
    assert_true(response instanceof TypeError, "a redirect to a bad port is blocked too");
  }, "a redirect to a bad port is a network error");

  promise_test(async (t) => {
    const error = await fetch(`${server}/close`).then(() => null, (e) => e);
    assert_true(error instanceof TypeError, `got ${error}`);
    assert_true(error.cause instanceof Error);
  }, "a connection closed without a response is a network error");

  promise_test(async (t) => {
    const body = new ReadableStream({
      start(c) {
        c.enqueue("not bytes");
        c.close();
      },
    });
    await promise_rejects_js(t, TypeError, fetch(`${server}/upload`, { method: "POST", body, duplex: "half" }));
  }, "a request body stream chunk that is not a Uint8Array is a TypeError");

  promise_test(async (t) => {
    const failure = new Error("source failed");
    const body = new ReadableStream({
      pull(c) {
        c.error(failure);
      },
    });
    const error = await fetch(`${server}/upload`, { method: "POST", body, duplex: "half" }).then(() => null, (e) => e);
    assert_true(error instanceof TypeError, `got ${error}`);
  }, "an erroring request body stream fails the fetch");
});
