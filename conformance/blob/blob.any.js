// Blob constructor, size, type, text/arrayBuffer/bytes (https://w3c.github.io/FileAPI/#blob-section).

async function bytesOf(blob) {
  return Array.from(new Uint8Array(await blob.arrayBuffer()));
}

test(() => {
  assert_equals(Blob.length, 0);
  assert_throws_js(TypeError, () => Blob());
  const blob = new Blob();
  assert_equals(blob.size, 0);
  assert_equals(blob.type, "");
  assert_equals(String(blob), "[object Blob]");
  assert_equals(new Blob(undefined).size, 0);
  assert_equals(new Blob([], undefined).size, 0);
}, "An empty Blob");

// Labels, not String(value): subtest names must be unique and the same on every run.
for (const [label, value] of [["null", null], ["true", true], ["0", 0], ["1.5", 1.5], ['"string"', "string"],
  ["a Date", new Date()], ["/re/", /re/], ["{}", {}], ['{ 0: "a", length: 1 }', { 0: "a", length: 1 }]]) {
  test(() => {
    assert_throws_js(TypeError, () => new Blob(value));
  }, `blobParts ${label} is not a sequence`);
}

promise_test(async () => {
  const blob = new Blob(["a", new Uint8Array([0x62]), new Blob(["c"]), new Uint16Array([0x6564]).buffer, new DataView(new Uint8Array([0x66]).buffer)]);
  assert_equals(blob.size, 6);
  assert_equals(await blob.text(), "abcdef");
}, "Parts may be strings, typed arrays, Blobs, ArrayBuffers and DataViews");

promise_test(async () => {
  const blob = new Blob([null, undefined, 1, true, { toString: () => "x" }, ["a", "b"], {}]);
  assert_equals(await blob.text(), "nullundefined1truexa,b[object Object]");
}, "Other parts are converted with ToString");

promise_test(async () => {
  const iterable = { *[Symbol.iterator]() { yield "ab"; yield "cd"; } };
  assert_equals(await new Blob(iterable).text(), "abcd");
  assert_equals(await new Blob(new String("xyz")).text(), "xyz");
  assert_equals(await new Blob(new Set(["s"])).text(), "s");
}, "blobParts is any iterable");

test(() => {
  const log = [];
  const error = new Error("stop");
  const parts = {
    get [Symbol.iterator]() {
      log.push("@@iterator");
      return Array.prototype[Symbol.iterator];
    },
    get length() {
      log.push("length");
      return 3;
    },
    get 0() {
      log.push("0");
      return { toString() { log.push("0 toString"); return "a"; } };
    },
    get 1() {
      log.push("1");
      throw error;
    },
    get 2() {
      log.push("2");
      return "c";
    },
  };
  assert_throws_exactly(error, () => new Blob(parts, { get type() { log.push("type"); return ""; } }));
  assert_array_equals(log, ["@@iterator", "length", "0", "0 toString", "length", "1"]);
}, "Parts are read and converted in order, before the options, until one throws");

test(() => {
  const log = [];
  new Blob([], {
    get type() { log.push("type"); return "t"; },
    get endings() { log.push("endings"); return "native"; },
  });
  assert_array_equals(log, ["endings", "type"]);
}, "Options are read in lexicographic order");

promise_test(async () => {
  const bytes = new Uint8Array([1, 2, 3]);
  const blob = new Blob([bytes, bytes.buffer]);
  bytes[0] = 9;
  assert_array_equals(await bytesOf(blob), [1, 2, 3, 1, 2, 3]);
}, "BufferSource parts are copied at construction");

promise_test(async () => {
  const buffer = new ArrayBuffer(8);
  const view = new Uint8Array(buffer, 2, 3);
  view.set([7, 8, 9]);
  assert_array_equals(await bytesOf(new Blob([view])), [7, 8, 9]);
  assert_array_equals(await bytesOf(new Blob([new Uint16Array(buffer, 2, 1)])), [7, 8]);
}, "Only the bytes a view covers are used");

test(() => {
  const { buffer } = new Uint8Array(4);
  const detached = structuredClone(buffer, { transfer: [buffer] }) && buffer;
  assert_equals(new Blob([detached]).size, 0);
}, "A detached ArrayBuffer part contributes no bytes");

promise_test(async () => {
  assert_equals(await new Blob(["\ud800"]).text(), "\ufffd");
  assert_array_equals(await bytesOf(new Blob(["\udc00a"])), [0xef, 0xbf, 0xbd, 0x61]);
  assert_array_equals(await bytesOf(new Blob(["\u{1F600}"])), [0xf0, 0x9f, 0x98, 0x80]);
}, "Strings are USVStrings encoded as UTF-8 (lone surrogates become U+FFFD)");

promise_test(async () => {
  const input = "a\r\nb\rc\nd\n\re";
  assert_equals(await new Blob([input]).text(), input, "transparent is the default");
  assert_equals(await new Blob([input], { endings: "transparent" }).text(), input);
  assert_equals(await new Blob([input], { endings: "native" }).text(), "a\nb\nc\nd\n\ne");
  const bytes = new Uint8Array([0x0d, 0x0a]);
  assert_array_equals(await bytesOf(new Blob([bytes], { endings: "native" })), [0x0d, 0x0a], "only strings are converted");
  assert_throws_js(TypeError, () => new Blob([], { endings: "invalid" }));
  assert_throws_js(TypeError, () => new Blob([], { endings: "Native" }));
}, "endings: 'native' converts CRLF and CR to LF in strings");

const typeCases = [
  ["", ""], ["text/plain", "text/plain"], ["TEXT/PLAIN", "text/plain"], ["Text/Plain;Charset=UTF-8", "text/plain;charset=utf-8"],
  ["a", "a"], [" image/gif ", " image/gif "], ["\timage/gif", ""], ["image/gif\u007f", ""], ["\u00e5", ""],
  ["image/gif\0", ""], ["\u0130mage/gif", ""], ["nonparsable", "nonparsable"], ["~!@#$%^&*()", "~!@#$%^&*()"],
];
for (const [type, expected] of typeCases) {
  test(() => {
    assert_equals(new Blob([], { type }).type, expected);
  }, `type ${JSON.stringify(type)} becomes ${JSON.stringify(expected)}`);
}

test(() => {
  for (const options of [null, undefined, {}, /re/, () => {}, [], { unknown: 1 }]) {
    const blob = new Blob(["x"], options);
    assert_equals(blob.type, "");
    assert_equals(blob.size, 1);
  }
  for (const options of [1, true, "abc", Symbol()]) {
    assert_throws_js(TypeError, () => new Blob([], options));
  }
}, "Options must be a dictionary (object, null or undefined)");

promise_test(async () => {
  const blob = new Blob(["\ufeffhello"]);
  assert_equals(await blob.text(), "hello", "UTF-8 decode removes one BOM");
  assert_equals(await new Blob(["\ufeff\ufeffx"]).text(), "\ufeffx");
  assert_equals(await new Blob([new Uint8Array([0xff, 0x61, 0xc3])]).text(), "\ufffda\ufffd");
}, "text() decodes UTF-8 with BOM removal and replacement");

promise_test(async () => {
  const blob = new Blob(["abc"]);
  const a = await blob.arrayBuffer();
  const b = await blob.arrayBuffer();
  assert_true(a instanceof ArrayBuffer);
  assert_not_equals(a, b);
  new Uint8Array(a)[0] = 0;
  assert_equals(await blob.text(), "abc", "the blob is not affected");
  const bytes = await blob.bytes();
  assert_true(bytes instanceof Uint8Array);
  assert_array_equals(bytes, [97, 98, 99]);
  assert_equals(bytes.byteOffset, 0);
  assert_equals(bytes.buffer.byteLength, 3);
}, "arrayBuffer() and bytes() return fresh copies");

promise_test(async () => {
  const inner = new Blob(["inner"]);
  const outer = new Blob([inner, " ", inner]);
  assert_equals(outer.size, 11);
  assert_equals(await outer.text(), "inner inner");
  assert_equals(new Blob([new Blob([], { type: "a/b" })]).type, "", "types are not inherited");
}, "Blob parts are included by content");

promise_test(async (t) => {
  for (const name of ["text", "arrayBuffer", "bytes"]) {
    await promise_rejects_js(t, TypeError, Blob.prototype[name].call({}), name);
  }
  assert_throws_js(TypeError, () => Blob.prototype.slice.call({}));
  assert_throws_js(TypeError, () => Blob.prototype.stream.call({}));
  assert_throws_js(TypeError, () => Object.getOwnPropertyDescriptor(Blob.prototype, "size").get.call({}));
  assert_throws_js(TypeError, () => Object.getOwnPropertyDescriptor(Blob.prototype, "type").get.call({}));
}, "Members are brand checked (promise methods reject)");

test(() => {
  for (const name of ["size", "type", "slice", "stream", "text", "arrayBuffer", "bytes"]) {
    const descriptor = Object.getOwnPropertyDescriptor(Blob.prototype, name);
    assert_true(descriptor.enumerable, name);
  }
  assert_equals(Blob.prototype.slice.length, 0);
  assert_equals(Blob.prototype[Symbol.toStringTag], "Blob");
}, "Blob.prototype members follow WebIDL");

promise_test(async () => {
  const large = new Uint8Array(3 * 65536 + 17);
  for (let i = 0; i < large.length; i++) large[i] = i & 255;
  const blob = new Blob([large, "tail"]);
  const bytes = await blob.bytes();
  assert_equals(bytes.length, large.length + 4);
  let same = true;
  for (let i = 0; i < large.length; i++) if (bytes[i] !== (i & 255)) same = false;
  assert_true(same);
}, "Large blobs round trip");
