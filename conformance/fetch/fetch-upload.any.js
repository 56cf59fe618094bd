// META: script=resources/server.js
// META: timeout=long
// Streaming request bodies (duplex: "half").
"use strict";

withServer((server) => {
  promise_test(async (t) => {
    let sent = 0;
    const total = 4 * 1024 * 1024;
    const body = new ReadableStream({
      pull(controller) {
        if (sent >= total) {
          controller.close();
          return;
        }
        const chunk = new Uint8Array(64 * 1024);
        for (let i = 0; i < chunk.length; i++) chunk[i] = (sent + i) & 0xff;
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const result = await (await fetch(`${server}/upload`, { method: "POST", body, duplex: "half" })).json();
    assert_equals(result.bytes, total);
    assert_true(result.chunked, "sent with Transfer-Encoding: chunked");
    assert_equals(result.contentLength, null);
    // sum of (i & 0xff) over 4 MB: each 256-byte block sums to 32640.
    assert_equals(result.sum, (total / 256) * 32640 % 2 ** 32);
  }, "a 4 MB streaming upload");

  promise_test(async (t) => {
    const body = new ReadableStream({ start(c) { c.close(); } });
    const result = await (await fetch(`${server}/upload`, { method: "POST", body, duplex: "half" })).json();
    assert_equals(result.bytes, 0);
  }, "an empty stream body");

  promise_test(async (t) => {
    const encoder = new TextEncoder();
    const parts = ["a", "bc", "", "def"];
    const body = new ReadableStream({
      start(c) {
        for (const part of parts) c.enqueue(encoder.encode(part));
        c.close();
      },
    });
    const echo = await (await fetch(`${server}/echo`, { method: "PUT", body, duplex: "half" })).json();
    assert_equals(echo.body, "abcdef");
  }, "stream chunks arrive in order (empty chunks included)");

  promise_test(async (t) => {
    let pulls = 0;
    const body = new ReadableStream({
      async pull(controller) {
        pulls++;
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (pulls > 5) controller.close();
        else controller.enqueue(new Uint8Array([pulls]));
      },
    }, { highWaterMark: 0 });
    const result = await (await fetch(`${server}/upload`, { method: "POST", body, duplex: "half" })).json();
    assert_equals(result.bytes, 5);
    assert_equals(result.sum, 1 + 2 + 3 + 4 + 5);
  }, "a slow body source");

  test(() => {
    const body = new ReadableStream();
    assert_throws_js(TypeError, () => new Request(`${server}/upload`, { method: "POST", body }));
  }, "a stream body needs duplex: \"half\"");

  promise_test(async (t) => {
    const body = new ReadableStream();
    body.getReader();
    await promise_rejects_js(t, TypeError, fetch(`${server}/upload`, { method: "POST", body, duplex: "half" }));
  }, "a locked stream body is a TypeError");

  promise_test(async (t) => {
    const blob = new Blob([new Uint8Array(100000).fill(7)]);
    const result = await (await fetch(`${server}/upload`, { method: "POST", body: blob.stream(), duplex: "half" })).json();
    assert_equals(result.bytes, 100000);
    assert_equals(result.sum, 700000);
  }, "a Blob's stream as the body");

  promise_test(async (t) => {
    const source = await fetch(`${server}/bytes?n=500000`);
    const result = await (await fetch(`${server}/upload`, { method: "POST", body: source.body, duplex: "half" })).json();
    assert_equals(result.bytes, 500000);
  }, "a fetched response body piped into another fetch");
});
