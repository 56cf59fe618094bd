// new Request(request, init), bodies on requests, duplex, signals and clone()
// (https://fetch.spec.whatwg.org/#dom-request).

const url = "https://example.com/";

function stream(...chunks) {
  return new ReadableStream({
    start(c) {
      for (const chunk of chunks) c.enqueue(chunk);
      c.close();
    },
  });
}

test(() => {
  const input = new Request(url, {
    method: "PUT", headers: { a: "1" }, mode: "same-origin", credentials: "include", cache: "no-store",
    redirect: "manual", integrity: "sha256-x", keepalive: true, referrerPolicy: "origin", referrer: "",
  });
  const copy = new Request(input);
  assert_equals(copy.method, "PUT");
  assert_equals(copy.url, url);
  assert_equals(copy.headers.get("a"), "1");
  assert_not_equals(copy.headers, input.headers);
  assert_equals(copy.mode, "same-origin");
  assert_equals(copy.credentials, "include");
  assert_equals(copy.cache, "no-store");
  assert_equals(copy.redirect, "manual");
  assert_equals(copy.integrity, "sha256-x");
  assert_true(copy.keepalive);
  assert_equals(copy.referrerPolicy, "origin");
  assert_equals(copy.referrer, "");
  copy.headers.set("a", "2");
  assert_equals(input.headers.get("a"), "1", "header lists are copied");
}, "A Request made from a Request copies every member");

test(() => {
  const input = new Request(url, { referrerPolicy: "origin", referrer: "", method: "POST" });
  const copy = new Request(input, { method: "GET" });
  assert_equals(copy.referrer, "about:client", "a non-empty init resets the referrer");
  assert_equals(copy.referrerPolicy, "", "and the referrer policy");
  assert_equals(copy.method, "GET");
  const kept = new Request(input, {});
  assert_equals(kept.referrer, "", "an empty init keeps them");
  assert_equals(kept.referrerPolicy, "origin");
}, "A non-empty init resets referrer and referrer policy");

test(() => {
  const input = new Request(url, { headers: { a: "1", b: "2" } });
  const replaced = new Request(input, { headers: { c: "3" } });
  assert_false(replaced.headers.has("a"));
  assert_equals(replaced.headers.get("c"), "3");
  const kept = new Request(input, { method: "POST" });
  assert_equals(kept.headers.get("a"), "1");
}, "init.headers replaces the input's headers");

test(() => {
  const input = new Request(url, { mode: "no-cors", headers: { accept: "x" } });
  const copy = new Request(input, { headers: { "x-custom": "1", accept: "y" } });
  assert_false(copy.headers.has("x-custom"), "no-cors guard applies to init.headers");
  assert_equals(copy.headers.get("accept"), "y");
}, "Headers from init go through the no-cors guard of the copied mode");

promise_test(async () => {
  const input = new Request(url, { method: "POST", body: "payload" });
  const originalBody = input.body;
  const copy = new Request(input);
  assert_true(input.bodyUsed, "the input's body is taken");
  assert_equals(input.body, originalBody, "the input keeps its (now used) stream object");
  assert_true(originalBody.locked);
  assert_not_equals(copy.body, originalBody);
  assert_equals(await copy.text(), "payload");
}, "new Request(request) takes the input's body and disturbs it");

promise_test(async () => {
  const input = new Request(url, { method: "POST", body: "payload" });
  const copy = new Request(input);
  assert_true(input.bodyUsed);
  assert_equals(await copy.text(), "payload");
  const body = input.body;
  assert_true(body.locked, "even when .body was not read before");
}, "new Request(request) disturbs an untouched input body too");

promise_test(async () => {
  const input = new Request(url, { method: "POST", body: stream(new Uint8Array([1, 2])), duplex: "half" });
  const copy = new Request(input);
  assert_true(input.bodyUsed);
  assert_array_equals(Array.from(await copy.bytes()), [1, 2]);
}, "new Request(request) with a stream body");

promise_test(async () => {
  const input = new Request(url, { method: "POST", body: "old" });
  const copy = new Request(input, { body: "new" });
  assert_false(input.bodyUsed, "an init body leaves the input alone");
  assert_equals(await copy.text(), "new");
  assert_equals(await input.text(), "old");
}, "init.body overrides the input's body without using it");

promise_test(async (t) => {
  const input = new Request(url, { method: "POST", body: "x" });
  await input.text();
  assert_throws_js(TypeError, () => new Request(input));
  new Request(input, { body: "fresh" });
  const locked = new Request(url, { method: "POST", body: "x" });
  locked.body.getReader();
  assert_throws_js(TypeError, () => new Request(locked));
}, "A used or locked input body throws unless init.body replaces it");

test(() => {
  for (const method of ["GET", "HEAD", "get", "head"]) {
    assert_throws_js(TypeError, () => new Request(url, { method, body: "x" }), method);
    new Request(url, { method, body: null });
  }
  const post = new Request(url, { method: "POST", body: "x" });
  assert_throws_js(TypeError, () => new Request(post, { method: "GET" }), "the input body counts");
}, "GET and HEAD requests cannot have a body");

test(() => {
  const body = new ReadableStream();
  assert_throws_js(TypeError, () => new Request(url, { method: "POST", body }), "duplex is required");
  const request = new Request(url, { method: "POST", body, duplex: "half" });
  assert_equals(request.body, body);
  new Request(url, { method: "POST", body: "text" });
  new Request(url, { method: "POST", body: new Blob([]) });
  assert_throws_js(TypeError, () => new Request(url, { method: "POST", body: new ReadableStream(), duplex: "half", mode: "no-cors" }));
  new Request(request);
}, "A stream body needs duplex 'half' and a cors or same-origin mode");

test(() => {
  assert_throws_js(TypeError, () => new Request(url, { method: "POST", body: new ReadableStream(), duplex: "half", keepalive: true }));
  new Request(url, { method: "POST", body: "x", keepalive: true });
}, "keepalive requests cannot have a stream body");

test(() => {
  const request = new Request(url, { method: "POST", body: "x", headers: { "Content-Type": "a/b" } });
  assert_equals(request.headers.get("content-type"), "a/b");
  const implicit = new Request(url, { method: "POST", body: new Blob([], { type: "c/d" }) });
  assert_equals(implicit.headers.get("content-type"), "c/d");
}, "The body's type becomes Content-Type unless one is given");

test(() => {
  const controller = new AbortController();
  const request = new Request(url, { signal: controller.signal });
  assert_not_equals(request.signal, controller.signal, "a new signal that follows");
  assert_false(request.signal.aborted);
  controller.abort("reason");
  assert_true(request.signal.aborted);
  assert_equals(request.signal.reason, "reason");
}, "request.signal follows init.signal");

test(() => {
  const signal = AbortSignal.abort("early");
  const request = new Request(url, { signal });
  assert_true(request.signal.aborted);
  assert_equals(request.signal.reason, "early");
}, "An aborted init.signal gives an aborted request.signal");

test(() => {
  const controller = new AbortController();
  const input = new Request(url, { signal: controller.signal });
  const copy = new Request(input);
  const clone = input.clone();
  const withNull = new Request(input, { signal: null });
  let events = 0;
  copy.signal.onabort = () => events++;
  controller.abort();
  assert_true(copy.signal.aborted, "new Request(request) follows the input's signal");
  assert_true(clone.signal.aborted, "clone() follows the signal");
  assert_equals(events, 1);
  assert_true(withNull.signal.aborted === false || withNull.signal.aborted === true);
}, "Copies and clones follow the input's signal");

promise_test(async () => {
  const request = new Request(url, { method: "POST", body: "data", headers: { a: "1" } });
  const clone = request.clone();
  assert_equals(clone.method, "POST");
  assert_equals(clone.url, url);
  assert_equals(clone.headers.get("a"), "1");
  assert_not_equals(clone.headers, request.headers);
  assert_equals(await clone.text(), "data");
  assert_equals(await request.text(), "data");
}, "clone() copies the request and tees the body");

test(() => {
  const request = new Request(url);
  request.headers.set("x", "1");
  const clone = request.clone();
  clone.headers.set("x", "2");
  assert_equals(request.headers.get("x"), "1");
}, "Cloned headers are independent");
