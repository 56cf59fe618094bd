// META: script=resources/server.js
// AbortSignal cancels fetch() at every stage, with the signal's reason.
"use strict";

withServer((server) => {
  promise_test(async (t) => {
    const controller = new AbortController();
    controller.abort();
    await promise_rejects_dom(t, "AbortError", fetch(`${server}/echo`, { signal: controller.signal }));
  }, "an already aborted signal rejects with an AbortError");

  promise_test(async (t) => {
    const controller = new AbortController();
    const reason = new Error("my reason");
    controller.abort(reason);
    const error = await fetch(`${server}/echo`, { signal: controller.signal }).then(
      () => null, (e) => e);
    assert_equals(error, reason, "the signal's reason");
  }, "an already aborted signal rejects with its reason");

  promise_test(async (t) => {
    const controller = new AbortController();
    const reason = { custom: true };
    const p = fetch(`${server}/stall-head`, { signal: controller.signal });
    setTimeout(() => controller.abort(reason), 50);
    const error = await p.then(() => null, (e) => e);
    assert_equals(error, reason);
  }, "aborting while waiting for the response head");

  promise_test(async (t) => {
    const controller = new AbortController();
    const response = await fetch(`${server}/stall?after=10`, { signal: controller.signal });
    const reader = response.body.getReader();
    const first = await reader.read();
    assert_equals(first.value.byteLength, 10);
    const pending = reader.read();
    controller.abort();
    await promise_rejects_dom(t, "AbortError", pending, "the pending read rejects");
    await promise_rejects_dom(t, "AbortError", reader.closed, "the body is errored");
  }, "aborting mid-body errors the body stream with the reason");

  promise_test(async (t) => {
    const controller = new AbortController();
    const response = await fetch(`${server}/stall?after=5`, { signal: controller.signal });
    const text = response.text();
    setTimeout(() => controller.abort(new TypeError("stop")), 30);
    await promise_rejects_js(t, TypeError, text);
  }, "aborting while text() waits rejects text()");

  promise_test(async (t) => {
    const controller = new AbortController();
    const response = await fetch(`${server}/bytes?n=100`, { signal: controller.signal });
    const bytes = await response.arrayBuffer();
    controller.abort();
    assert_equals(bytes.byteLength, 100, "a finished body is unaffected");
  }, "aborting after the body was read does nothing");

  promise_test(async (t) => {
    const p = fetch(`${server}/stall-head`, { signal: AbortSignal.timeout(50) });
    await promise_rejects_dom(t, "TimeoutError", p);
  }, "AbortSignal.timeout rejects with a TimeoutError");

  promise_test(async (t) => {
    const response = await fetch(`${server}/stall?after=1`, { signal: AbortSignal.timeout(100) });
    await promise_rejects_dom(t, "TimeoutError", response.arrayBuffer());
  }, "AbortSignal.timeout during the body");

  promise_test(async (t) => {
    const controller = new AbortController();
    const request = new Request(`${server}/stall-head`, { signal: controller.signal });
    const p = fetch(request);
    controller.abort();
    await promise_rejects_dom(t, "AbortError", p);
  }, "the signal of a Request passed to fetch()");

  promise_test(async (t) => {
    const outer = new AbortController();
    const request = new Request(`${server}/stall-head`, { signal: outer.signal });
    const inner = new AbortController();
    const p = fetch(request, { signal: inner.signal });
    inner.abort();
    await promise_rejects_dom(t, "AbortError", p, "init.signal replaces the request's signal");
  }, "init.signal wins over the Request's signal");

  promise_test(async (t) => {
    const controller = new AbortController();
    let cancelledWith;
    const body = new ReadableStream({
      pull(c) {
        c.enqueue(new Uint8Array(10));
        return new Promise(() => {}); // stall the upload
      },
      cancel(reason) {
        cancelledWith = reason;
      },
    });
    const p = fetch(`${server}/upload`, { method: "POST", body, duplex: "half", signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const reason = new Error("abort upload");
    controller.abort(reason);
    const error = await p.then(() => null, (e) => e);
    assert_equals(error, reason);
    assert_equals(cancelledWith, reason, "the request body stream is cancelled with the reason");
  }, "aborting during a streaming upload cancels the body stream");

  promise_test(async (t) => {
    const controller = new AbortController();
    const responses = await Promise.all([1, 2, 3].map(() => fetch(`${server}/stall?after=1`, { signal: controller.signal })));
    controller.abort();
    for (const response of responses) await promise_rejects_dom(t, "AbortError", response.text());
  }, "one signal aborts several fetches");
});
