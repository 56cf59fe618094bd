// META: script=resources/server.js
// META: timeout=long
// Response bodies: framing, streaming, Content-Encoding, errors.
"use strict";

withServer((server) => {
  for (const path of ["chunked", "content-length"]) {
    promise_test(async (t) => {
      const response = await fetch(`${server}/${path}?n=300000`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      assert_equals(bytes.length, 300000);
      assert_true(isPattern(bytes), "the bytes are right");
    }, `a ${path} body of 300000 bytes`);
  }

  promise_test(async (t) => {
    const response = await fetch(`${server}/chunked?n=0`);
    assert_equals((await response.arrayBuffer()).byteLength, 0);
  }, "an empty chunked body");

  promise_test(async (t) => {
    const response = await fetch(`${server}/bytes?n=${8 * 1024 * 1024}`);
    const reader = response.body.getReader();
    let total = 0;
    let ok = true;
    while (true) {
      const { value, done } = await reader.read();
      if (done) break;
      assert_true(value instanceof Uint8Array, "chunks are Uint8Arrays");
      if (ok && !isPattern(value, total)) ok = false;
      total += value.byteLength;
    }
    assert_equals(total, 8 * 1024 * 1024);
    assert_true(ok, "every byte is right");
  }, "streaming 8 MB with a reader");

  promise_test(async (t) => {
    const response = await fetch(`${server}/bytes?n=100000`);
    const reader = response.body.getReader({ mode: "byob" });
    let total = 0;
    while (true) {
      const { value, done } = await reader.read(new Uint8Array(1000));
      if (done) break;
      assert_less_than_equal(value.byteLength, 1000);
      assert_true(isPattern(value, total));
      total += value.byteLength;
    }
    assert_equals(total, 100000);
  }, "the body is a byte stream: a BYOB reader works");

  promise_test(async (t) => {
    const response = await fetch(`${server}/drip?chunks=5&size=3&delay=20`);
    assert_equals(await response.text(), "x".repeat(15));
  }, "a slow (dripping) body is read to the end");

  for (const coding of ["gzip", "x-gzip", "deflate", "deflate-raw", "br"]) {
    promise_test(async (t) => {
      const response = await fetch(`${server}/encoded/${coding}?n=50000`);
      assert_equals(response.headers.get("content-encoding"), coding === "deflate-raw" ? "deflate" : coding,
        "Content-Encoding stays in the headers");
      const text = await response.text();
      assert_equals(text.length, 50000, "decoded length");
      assert_true(text.startsWith("0123456789abcdef"), "decoded text");
    }, `Content-Encoding ${coding} is decoded`);
  }

  promise_test(async (t) => {
    const response = await fetch(`${server}/encoded/identity?n=100`);
    assert_equals((await response.text()).length, 100);
  }, "Content-Encoding identity is left alone");

  for (const coding of ["gzip", "deflate", "br"]) {
    promise_test(async (t) => {
      const response = await fetch(`${server}/encoded/${coding}?n=50000&corrupt=1`);
      assert_equals(response.status, 200, "the head arrives");
      await promise_rejects_js(t, TypeError, response.arrayBuffer(), "the body errors");
    }, `a corrupt ${coding} body errors with a TypeError`);
  }

  promise_test(async (t) => {
    const response = await fetch(`${server}/encoded/gzip?n=100`, { method: "HEAD" });
    assert_equals(response.body, null);
  }, "HEAD of an encoded resource has no body");

  promise_test(async (t) => {
    const response = await fetch(`${server}/truncated?n=1000`);
    assert_equals(response.status, 200);
    await promise_rejects_js(t, TypeError, response.arrayBuffer(), "the body is cut short");
  }, "a body shorter than its Content-Length errors with a TypeError");

  promise_test(async (t) => {
    const response = await fetch(`${server}/bytes?n=1000000`);
    const reader = response.body.getReader();
    await reader.read();
    await reader.cancel();
    // The connection is still usable for the next requests.
    const echo = await (await fetch(`${server}/echo`)).json();
    assert_equals(echo.method, "GET");
  }, "cancelling a body mid-way");

  promise_test(async (t) => {
    const response = await fetch(`${server}/bytes?n=1000`);
    assert_false(response.bodyUsed);
    const body = response.body;
    assert_equals(response.body, body, "the same stream each time");
    await response.arrayBuffer();
    assert_true(response.bodyUsed);
    await promise_rejects_js(t, TypeError, response.text(), "a body is read once");
  }, "bodyUsed and reading twice");

  promise_test(async (t) => {
    const response = await fetch(`${server}/encoded/gzip?n=2000`);
    const blob = await response.blob();
    assert_equals(blob.size, 2000);
    assert_equals(blob.type, "text/plain");
  }, "blob() of a decoded body");
});
