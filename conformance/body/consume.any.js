// The Body mixin (https://fetch.spec.whatwg.org/#body-mixin): extracting bodies from every
// BodyInit type, consuming them with each method, and the MIME type of blob().

const makers = {
  Request: (body, init = {}) => new Request("https://example.com/", { method: "POST", body, duplex: "half", ...init }),
  Response: (body, init = {}) => new Response(body, init),
};

function streamOf(...chunks) {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

const utf8 = (s) => Uint8Array.from(unescape(encodeURIComponent(s)), (c) => c.charCodeAt(0));

for (const [kind, make] of Object.entries(makers)) {
  const sources = [
    ["a string", () => make("héllo"), "héllo", "text/plain;charset=UTF-8"],
    ["a Uint8Array", () => make(utf8("héllo")), "héllo", null],
    ["an ArrayBuffer", () => make(utf8("héllo").buffer), "héllo", null],
    ["a DataView", () => { const b = utf8("xhéllox"); return make(new DataView(b.buffer, 1, b.length - 2)); }, "héllo", null],
    ["a Blob", () => make(new Blob(["héllo"], { type: "text/x" })), "héllo", "text/x"],
    ["an untyped Blob", () => make(new Blob(["héllo"])), "héllo", null],
    ["a ReadableStream", () => make(streamOf(utf8("hé"), utf8("llo"))), "héllo", null],
    ["an empty string", () => make(""), "", "text/plain;charset=UTF-8"],
  ];
  for (const [description, create, text, contentType] of sources) {
    promise_test(async () => {
      const object = create();
      assert_equals(object.headers.get("content-type"), contentType, "Content-Type");
      assert_false(object.bodyUsed);
      assert_equals(await object.text(), text);
      assert_true(object.bodyUsed);
    }, `${kind} from ${description}: text()`);

    promise_test(async () => {
      const buffer = await create().arrayBuffer();
      assert_true(buffer instanceof ArrayBuffer);
      assert_array_equals(Array.from(new Uint8Array(buffer)), Array.from(utf8(text)));
    }, `${kind} from ${description}: arrayBuffer()`);

    promise_test(async () => {
      const bytes = await create().bytes();
      assert_true(bytes instanceof Uint8Array);
      assert_array_equals(Array.from(bytes), Array.from(utf8(text)));
    }, `${kind} from ${description}: bytes()`);

    promise_test(async () => {
      const blob = await create().blob();
      assert_true(blob instanceof Blob);
      assert_equals(blob.type, contentType === null ? "" : contentType, "the serialized MIME type (parameter values keep their case)");
      assert_equals(await blob.text(), text);
    }, `${kind} from ${description}: blob()`);
  }

  promise_test(async () => {
    const object = kind === "Request" ? new Request("https://example.com/") : new Response();
    assert_equals(object.body, null);
    assert_false(object.bodyUsed);
    assert_equals(await object.text(), "");
    assert_equals((await object.arrayBuffer()).byteLength, 0);
    assert_equals((await object.bytes()).length, 0);
    assert_equals((await object.blob()).size, 0);
    assert_false(object.bodyUsed, "a null body is never used");
  }, `${kind} without body consumes as empty, repeatedly`);

  promise_test(async (t) => {
    const object = kind === "Request" ? new Request("https://example.com/") : new Response();
    await promise_rejects_js(t, SyntaxError, object.json());
  }, `${kind} without body: json() rejects with SyntaxError`);

  promise_test(async () => {
    assert_equals(await make('{"a":[1,2,{"b":null}]}').json().then((v) => JSON.stringify(v)), '{"a":[1,2,{"b":null}]}');
    assert_equals(await make("\ufeff42").json(), 42, "a leading BOM is removed");
    assert_equals(await make(new Uint8Array([0xef, 0xbb, 0xbf, 0x22, 0x78, 0x22])).json(), "x");
  }, `${kind}.json() parses UTF-8 JSON`);

  promise_test(async (t) => {
    await promise_rejects_js(t, SyntaxError, make("{not json").json());
    await promise_rejects_js(t, SyntaxError, make("\ufeff\ufeff1").json(), "only one BOM is removed");
  }, `${kind}.json() rejects invalid JSON with SyntaxError`);

  promise_test(async () => {
    assert_equals(await make("\ufeffabc").text(), "abc");
    assert_equals(await make(new Uint8Array([0xef, 0xbb, 0xbf, 0x61])).text(), "a");
    assert_equals(await make(new Uint8Array([0x61, 0xff, 0xc3])).text(), "a\ufffd\ufffd");
    assert_equals(await make("\ud800").text(), "\ufffd", "the body string is a USVString");
  }, `${kind}.text() decodes UTF-8, removes a BOM, replaces errors`);

  promise_test(async () => {
    const object = make("abc", { headers: { "Content-Type": "text/html" } });
    assert_equals(object.headers.get("content-type"), "text/html", "an explicit Content-Type wins");
    object.headers.set("Content-Type", "Application/JSON; Charset=\"utf-8\"");
    const blob = await object.blob();
    assert_equals(blob.type, "application/json;charset=utf-8", "the MIME type is read when consumed, parsed and serialized");
  }, `${kind}.blob() takes its type from the Content-Type header at consumption`);

  const mimeCases = [
    [["text/plain"], "text/plain"],
    [["text/plain;charset=gbk", "text/plain"], "text/plain;charset=gbk"],
    [["text/html;charset=gbk", "text/plain"], "text/plain"],
    [["text/plain;charset=gbk", "text/plain;charset=utf-8"], "text/plain;charset=utf-8"],
    [["text/plain", "*/*"], "text/plain"],
    [["text/plain, bogus"], "text/plain"],
    [["bogus"], ""],
    [["text/plain;x=\"a,b\""], "text/plain;x=\"a,b\""],
    [[""], ""],
  ];
  for (const [values, expected] of mimeCases) {
    promise_test(async () => {
      const object = make(new Uint8Array([1]));
      for (const value of values) object.headers.append("Content-Type", value);
      assert_equals((await object.blob()).type, expected);
    }, `${kind}.blob() type from Content-Type ${JSON.stringify(values)} is ${JSON.stringify(expected)}`);
  }

  promise_test(async () => {
    const buffer = new Uint8Array([1, 2, 3]);
    const object = make(buffer);
    buffer[0] = 9;
    assert_array_equals(Array.from(await object.bytes()), [1, 2, 3]);
  }, `${kind} copies a BufferSource body at construction`);

  promise_test(async () => {
    const object = make(new Blob(["x"]), { headers: { "Content-Type": "a/b" } });
    assert_equals(object.headers.get("content-type"), "a/b");
  }, `${kind}: the Blob type does not replace an explicit Content-Type`);

  promise_test(async (t) => {
    const object = make(streamOf("not bytes"));
    await promise_rejects_js(t, TypeError, object.text());
    const object2 = make(streamOf(new Uint16Array([1])));
    await promise_rejects_js(t, TypeError, object2.arrayBuffer());
  }, `${kind} rejects when the stream produces something other than Uint8Array chunks`);

  promise_test(async (t) => {
    const error = new Error("stream failure");
    const stream = new ReadableStream({ start(c) { c.enqueue(new Uint8Array([1])); c.error(error); } });
    await promise_rejects_exactly(t, error, make(stream).text());
  }, `${kind} rejects with the stream's error`);

  promise_test(async (t) => {
    const Class = kind === "Request" ? Request : Response;
    for (const method of ["arrayBuffer", "blob", "bytes", "formData", "json", "text"]) {
      await promise_rejects_js(t, TypeError, Class.prototype[method].call({}), method);
    }
    assert_throws_js(TypeError, () => Object.getOwnPropertyDescriptor(Class.prototype, "body").get.call({}));
    assert_throws_js(TypeError, () => Object.getOwnPropertyDescriptor(Class.prototype, "bodyUsed").get.call({}));
}, `${kind} body members are brand checked`);
}

promise_test(async () => {
  const fd = new FormData();
  fd.append("k", "v");
  const response = new Response(fd);
  const type = response.headers.get("content-type");
  assert_true(type.startsWith("multipart/form-data; boundary="));
  const text = await response.text();
  assert_true(text.includes('Content-Disposition: form-data; name="k"\r\n\r\nv\r\n'));
}, "A FormData body is multipart/form-data with its boundary in the Content-Type");

test(() => {
  for (const Class of [Request, Response]) {
    for (const name of ["body", "bodyUsed", "arrayBuffer", "blob", "bytes", "formData", "json", "text"]) {
      const descriptor = Object.getOwnPropertyDescriptor(Class.prototype, name);
      assert_not_equals(descriptor, undefined, `${Class.name}.${name}`);
      assert_true(descriptor.enumerable, `${Class.name}.${name} enumerable`);
      if (name === "body" || name === "bodyUsed") {
        assert_equals(descriptor.set, undefined);
      } else {
        assert_equals(descriptor.value.length, 0);
      }
    }
  }
}, "Body members are enumerable attributes and methods on both prototypes");

promise_test(async () => {
  const chunk = new Uint8Array([1, 2, 3]);
  const response = new Response(new ReadableStream({ start(c) { c.enqueue(chunk); c.close(); } }));
  const buffer = await response.arrayBuffer();
  assert_not_equals(buffer, chunk.buffer, "a new ArrayBuffer");
  chunk[0] = 9;
  assert_equals(new Uint8Array(buffer)[0], 1, "not aliased with the enqueued chunk");
}, "Consuming a stream body copies the chunks into a new buffer");
