// META: script=resources/helpers.js
// Compression Streams: constructors, formats, interface shape.
"use strict";

for (const Ctor of [CompressionStream, DecompressionStream]) {
  const name = Ctor.name;

  for (const format of formats) {
    test(() => {
      const stream = new Ctor(format);
      assert_true(stream.readable instanceof ReadableStream, "readable is a ReadableStream");
      assert_true(stream.writable instanceof WritableStream, "writable is a WritableStream");
      assert_equals(stream.readable, stream.readable, "readable is the same object each time");
      assert_equals(stream.writable, stream.writable, "writable is the same object each time");
    }, `${name} accepts the format "${format}"`);
  }

  for (const bad of ["", "GZIP", "Gzip", "zlib", "deflate ", "br", "compress", "x-gzip", "zstd"]) {
    test(() => {
      assert_throws_js(TypeError, () => new Ctor(bad));
    }, `${name} rejects the format ${JSON.stringify(bad)} with a TypeError`);
  }

  test(() => {
    assert_throws_js(TypeError, () => new Ctor());
  }, `${name} without a format throws a TypeError`);

  test(() => {
    assert_throws_js(TypeError, () => new Ctor(undefined));
  }, `${name}(undefined) throws a TypeError (not a valid enum value)`);

  test(() => {
    const format = { toString() { return "gzip"; } };
    const stream = new Ctor(format);
    assert_true(stream.readable instanceof ReadableStream);
  }, `${name} converts its argument with ToString`);

  test(() => {
    assert_throws_js(TypeError, () => new Ctor(Symbol("gzip")));
  }, `${name} rejects a symbol format with a TypeError`);

  test(() => {
    assert_throws_js(TypeError, () => Ctor("gzip"));
  }, `${name} cannot be called without new`);

  test(() => {
    assert_equals(Ctor.length, 1, "length");
    assert_equals(Ctor.name, name, "name");
    assert_equals(Object.prototype.toString.call(new Ctor("gzip")), `[object ${name}]`);
    for (const key of ["readable", "writable"]) {
      const desc = Object.getOwnPropertyDescriptor(Ctor.prototype, key);
      assert_equals(typeof desc.get, "function", `${key} is a getter`);
      assert_equals(desc.set, undefined, `${key} has no setter`);
      assert_true(desc.enumerable, `${key} is enumerable`);
      assert_true(desc.configurable, `${key} is configurable`);
    }
    const tag = Object.getOwnPropertyDescriptor(Ctor.prototype, Symbol.toStringTag);
    assert_equals(tag.value, name);
    assert_false(tag.writable);
    assert_false(tag.enumerable);
    assert_true(tag.configurable);
  }, `${name} has the WebIDL interface shape`);

  test(() => {
    const readable = Object.getOwnPropertyDescriptor(Ctor.prototype, "readable").get;
    const writable = Object.getOwnPropertyDescriptor(Ctor.prototype, "writable").get;
    for (const thisValue of [undefined, null, {}, new TransformStream(), Ctor.prototype]) {
      assert_throws_js(TypeError, () => readable.call(thisValue), "readable");
      assert_throws_js(TypeError, () => writable.call(thisValue), "writable");
    }
    const other = Ctor === CompressionStream ? new DecompressionStream("gzip") : new CompressionStream("gzip");
    assert_throws_js(TypeError, () => readable.call(other), "readable on the other interface");
  }, `${name} getters check their receiver`);

  test(() => {
    const stream = new Ctor("deflate");
    const piped = new ReadableStream().pipeThrough(stream);
    assert_equals(piped, stream.readable, "pipeThrough returns the readable side");
  }, `${name} works with pipeThrough (GenericTransformStream)`);
}

test(() => {
  assert_equals(typeof globalThis.CompressionStream, "function");
  const desc = Object.getOwnPropertyDescriptor(globalThis, "CompressionStream");
  assert_true(desc.writable && desc.configurable && !desc.enumerable, "global property attributes");
}, "CompressionStream is exposed on the global object as WebIDL says");
