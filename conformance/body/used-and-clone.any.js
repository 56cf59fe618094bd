// Disturbed and locked bodies ("unusable"), the body stream object, and clone() (tee)
// for Request and Response (https://fetch.spec.whatwg.org/#body-unusable,
// https://fetch.spec.whatwg.org/#concept-body-clone).

const makers = {
  Request: (body) => new Request("https://example.com/", { method: "POST", body, duplex: "half" }),
  Response: (body) => new Response(body),
};

function streamOf(...chunks) {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

for (const [kind, make] of Object.entries(makers)) {
  for (const method of ["arrayBuffer", "blob", "bytes", "formData", "json", "text"]) {
    promise_test(async (t) => {
      const object = make("a=1");
      object.headers.set("content-type", "application/x-www-form-urlencoded");
      await object[method]().catch(() => {});
      assert_true(object.bodyUsed);
      await promise_rejects_js(t, TypeError, object.text());
      await promise_rejects_js(t, TypeError, object[method]());
    }, `${kind}: a body consumed with ${method}() cannot be consumed again`);
  }

  promise_test(async (t) => {
    const object = make("abc");
    const reader = object.body.getReader();
    assert_false(object.bodyUsed, "locked is not used");
    await promise_rejects_js(t, TypeError, object.text(), "locked");
    assert_throws_js(TypeError, () => object.clone(), "clone of a locked body");
    const { value } = await reader.read();
    assert_true(object.bodyUsed, "read makes it disturbed");
    assert_equals(value.length, 3);
  }, `${kind}: a locked body cannot be consumed or cloned`);

  promise_test(async (t) => {
    const object = make("abc");
    const reader = object.body.getReader();
    await reader.read();
    reader.releaseLock();
    assert_true(object.bodyUsed);
    await promise_rejects_js(t, TypeError, object.text(), "disturbed");
  }, `${kind}: a disturbed, unlocked body cannot be consumed`);

  test(() => {
    const object = make("abc");
    const body = object.body;
    assert_true(body instanceof ReadableStream);
    assert_equals(object.body, body, "the same stream every time");
  }, `${kind}.body is one ReadableStream`);

  promise_test(async () => {
    const object = make("abc");
    await object.text();
    const body = object.body;
    assert_true(body instanceof ReadableStream, "still a stream");
    assert_true(body.locked, "locked by the consumption");
    assert_true(object.bodyUsed);
  }, `${kind}.body read after consumption is locked`);

  promise_test(async () => {
    const object = make("abc");
    const body = object.body;
    await object.text();
    assert_true(body.locked, "the consumed stream stays locked");
  }, `${kind}: consuming a touched body locks its stream`);

  promise_test(async () => {
    const stream = streamOf(new Uint8Array([1, 2]));
    const object = make(stream);
    assert_equals(object.body, stream, "a stream body is the stream itself");
  }, `${kind} with a stream body exposes that stream`);

  test(() => {
    const stream = streamOf();
    stream.getReader();
    assert_throws_js(TypeError, () => make(stream), "locked stream");
  }, `${kind} cannot be made from a locked stream`);

  promise_test(async () => {
    const stream = new ReadableStream({ pull(c) { c.enqueue(new Uint8Array([1])); } });
    const reader = stream.getReader();
    await reader.read();
    reader.releaseLock();
    assert_throws_js(TypeError, () => make(stream), "disturbed stream");
  }, `${kind} cannot be made from a disturbed stream`);

  promise_test(async () => {
    const original = make("clone me");
    const clone = original.clone();
    assert_not_equals(clone, original);
    assert_equals(await original.text(), "clone me");
    assert_false(clone.bodyUsed);
    assert_equals(await clone.text(), "clone me");
  }, `${kind}.clone() gives an independent body`);

  promise_test(async () => {
    const original = make(streamOf(new Uint8Array([1, 2]), new Uint8Array([3])));
    const before = original.body;
    const clone = original.clone();
    assert_not_equals(original.body, before, "the original gets a new (teed) stream");
    assert_not_equals(clone.body, original.body);
    assert_true(before.locked, "the original stream is locked by the tee");
    assert_array_equals(Array.from(await clone.bytes()), [1, 2, 3]);
    assert_array_equals(Array.from(await original.bytes()), [1, 2, 3]);
  }, `${kind}.clone() of a stream body tees it`);

  promise_test(async () => {
    const original = make("abc");
    const body = original.body;
    const clone = original.clone();
    assert_not_equals(original.body, body, "touching .body then clone() tees");
    assert_equals(await clone.text(), "abc");
    assert_equals(await original.text(), "abc");
  }, `${kind}.clone() after reading .body`);

  promise_test(async () => {
    const original = make(new Uint8Array([5, 6]));
    const clone = original.clone();
    const a = await original.bytes();
    a[0] = 0;
    assert_array_equals(Array.from(await clone.bytes()), [5, 6], "the clone's bytes are not shared with the original's result");
  }, `${kind}.clone() bodies do not share result buffers`);

  promise_test(async (t) => {
    const object = make("x");
    await object.text();
    assert_throws_js(TypeError, () => object.clone());
  }, `${kind}.clone() of a used body throws`);

  promise_test(async () => {
    const object = make("data");
    const clone = object.clone();
    const reader = clone.body.getReader();
    await reader.cancel();
    assert_equals(await object.text(), "data", "cancelling one branch leaves the other");
  }, `${kind}: cancelling a clone's body leaves the original`);
}

promise_test(async () => {
  const response = new Response("x", { status: 201, statusText: "Made", headers: { a: "1" } });
  const clone = response.clone();
  assert_equals(clone.status, 201);
  assert_equals(clone.statusText, "Made");
  assert_equals(clone.type, "default");
  assert_equals(clone.headers.get("a"), "1");
  assert_not_equals(clone.headers, response.headers);
  clone.headers.set("a", "2");
  assert_equals(response.headers.get("a"), "1");
}, "Response.clone() copies status, statusText, type and headers");

test(() => {
  const error = Response.error();
  const clone = error.clone();
  assert_equals(clone.type, "error");
  assert_throws_js(TypeError, () => clone.headers.set("a", "b"), "headers stay immutable");
}, "Response.clone() keeps the headers guard");
