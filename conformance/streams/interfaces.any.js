// The WebIDL shape of the stream interfaces: constructors, non-constructible interfaces,
// brand checks on every member, enumerable members, lengths, @@toStringTag.
"use strict";

const interfaces = {
  ReadableStream: { ctor: true, length: 0, statics: { from: 1 },
    members: { locked: "getter", cancel: 0, getReader: 0, pipeThrough: 1, pipeTo: 1, tee: 0, values: 0 } },
  ReadableStreamDefaultReader: { ctor: true, length: 1, members: { closed: "getter", cancel: 0, read: 0, releaseLock: 0 } },
  ReadableStreamBYOBReader: { ctor: true, length: 1, members: { closed: "getter", cancel: 0, read: 1, releaseLock: 0 } },
  ReadableStreamDefaultController: { ctor: false, members: { desiredSize: "getter", close: 0, enqueue: 0, error: 0 } },
  ReadableByteStreamController: { ctor: false,
    members: { byobRequest: "getter", desiredSize: "getter", close: 0, enqueue: 1, error: 0 } },
  ReadableStreamBYOBRequest: { ctor: false, members: { view: "getter", respond: 1, respondWithNewView: 1 } },
  WritableStream: { ctor: true, length: 0, members: { locked: "getter", abort: 0, close: 0, getWriter: 0 } },
  WritableStreamDefaultWriter: { ctor: true, length: 1,
    members: { closed: "getter", desiredSize: "getter", ready: "getter", abort: 0, close: 0, releaseLock: 0, write: 0 } },
  WritableStreamDefaultController: { ctor: false, members: { signal: "getter", error: 0 } },
  TransformStream: { ctor: true, length: 0, members: { readable: "getter", writable: "getter" } },
  TransformStreamDefaultController: { ctor: false,
    members: { desiredSize: "getter", enqueue: 0, error: 0, terminate: 0 } },
};

const promiseMembers = new Set(["ReadableStream.cancel", "ReadableStream.pipeTo",
  "ReadableStreamDefaultReader.closed", "ReadableStreamDefaultReader.cancel", "ReadableStreamDefaultReader.read",
  "ReadableStreamBYOBReader.closed", "ReadableStreamBYOBReader.cancel", "ReadableStreamBYOBReader.read",
  "WritableStream.abort", "WritableStream.close", "WritableStreamDefaultWriter.closed",
  "WritableStreamDefaultWriter.ready", "WritableStreamDefaultWriter.abort", "WritableStreamDefaultWriter.close",
  "WritableStreamDefaultWriter.write"]);

for (const [name, info] of Object.entries(interfaces)) {
  const I = globalThis[name];

  test(() => {
    const d = Object.getOwnPropertyDescriptor(globalThis, name);
    assert_true(d.writable && d.configurable && !d.enumerable, "global property attributes");
    assert_equals(typeof I, "function");
    assert_equals(I.name, name);
    assert_equals(I.length, info.ctor ? info.length : 0);
    assert_equals(I.prototype.constructor, I);
    assert_equals(Object.prototype.toString.call(Object.create(I.prototype)), `[object ${name}]`);
    const tag = Object.getOwnPropertyDescriptor(I.prototype, Symbol.toStringTag);
    assert_true(!tag.writable && !tag.enumerable && tag.configurable);
    assert_throws_js(TypeError, () => I(), "calling without new throws");
    if (!info.ctor) assert_throws_js(TypeError, () => new I(), "Illegal constructor");
  }, `${name}: interface object`);

  test(() => {
    for (const [member, kind] of Object.entries(info.members)) {
      const d = Object.getOwnPropertyDescriptor(I.prototype, member);
      assert_not_equals(d, undefined, member + " exists");
      assert_true(d.enumerable, member + " is enumerable");
      assert_true(d.configurable, member + " is configurable");
      if (kind === "getter") {
        assert_equals(typeof d.get, "function", member + " is an accessor");
        assert_equals(d.set, undefined, member + " is readonly");
        assert_equals(d.get.name, "get " + member);
      } else {
        assert_true(d.writable, member + " is writable");
        assert_equals(typeof d.value, "function");
        assert_equals(d.value.length, kind, member + ".length");
        assert_equals(d.value.name, member);
      }
    }
    for (const [member, length] of Object.entries(info.statics || {})) {
      const d = Object.getOwnPropertyDescriptor(I, member);
      assert_true(d.enumerable && d.writable && d.configurable, "static " + member);
      assert_equals(d.value.length, length);
    }
  }, `${name}: members`);

  promise_test(async (t) => {
    for (const [member, kind] of Object.entries(info.members)) {
      const d = Object.getOwnPropertyDescriptor(I.prototype, member);
      const call = kind === "getter" ? (self) => d.get.call(self) : (self) => d.value.call(self, new Uint8Array(1));
      for (const bad of [undefined, null, {}, Object.create(I.prototype), 1]) {
        if (promiseMembers.has(`${name}.${member}`)) {
          await promise_rejects_js(t, TypeError, call(bad), `${member} on a wrong receiver rejects`);
        } else {
          assert_throws_js(TypeError, () => call(bad), `${member} on a wrong receiver throws`);
        }
      }
    }
  }, `${name}: brand checks`);
}

test(() => {
  assert_throws_js(TypeError, () => ReadableStream.prototype.getReader.call(new WritableStream()));
  assert_throws_js(TypeError, () => WritableStream.prototype.getWriter.call(new ReadableStream()));
  assert_throws_js(TypeError, () => Object.getOwnPropertyDescriptor(TransformStream.prototype, "readable").get.call(new ReadableStream()));
}, "brand checks distinguish the stream types");

promise_test(async () => {
  let controller;
  new ReadableStream({ start(c) { controller = c; } });
  assert_array_equals(Object.getOwnPropertyNames(controller), [], "controllers have no own properties");
  assert_true(Object.isExtensible(controller));
  const rs = new ReadableStream();
  assert_array_equals(Object.getOwnPropertyNames(rs), []);
  assert_array_equals(Object.getOwnPropertyNames(rs.getReader()), []);
}, "instances have no own properties");
