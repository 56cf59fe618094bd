// TextEncoder and TextDecoder: defaults, round trips, IDL shape and brand checks.
// https://encoding.spec.whatwg.org/#api

test(() => {
  assert_equals(new TextEncoder().encoding, "utf-8");
  assert_equals(new TextDecoder().encoding, "utf-8");
  assert_equals(new TextDecoder(undefined).encoding, "utf-8", "undefined label is the default");
  assert_false(new TextDecoder().fatal);
  assert_false(new TextDecoder().ignoreBOM);
  assert_true(new TextDecoder("utf-8", { fatal: true }).fatal);
  assert_true(new TextDecoder("utf-8", { ignoreBOM: true }).ignoreBOM);
  assert_equals(typeof new TextDecoder().fatal, "boolean");
}, "Defaults of TextEncoder and TextDecoder");

test(() => {
  assert_array_equals(new TextEncoder().encode(), []);
  assert_array_equals(new TextEncoder().encode(undefined), []);
  assert_array_equals(new TextEncoder().encode(""), []);
  assert_array_equals(new TextEncoder().encode(null), [0x6E, 0x75, 0x6C, 0x6C], "null is converted to 'null'");
  assert_array_equals(new TextEncoder().encode(12), [0x31, 0x32]);
  assert_array_equals(new TextEncoder().encode({ toString() { return "A"; } }), [0x41]);
  assert_throws_js(TypeError, () => new TextEncoder().encode(Symbol("x")));
}, "encode() converts its argument to a USVString (default: the empty string)");

test(() => {
  assert_equals(new TextDecoder().decode(), "");
  assert_equals(new TextDecoder().decode(undefined), "");
  assert_equals(new TextDecoder().decode(new Uint8Array()), "");
  assert_equals(new TextDecoder().decode(new ArrayBuffer(0)), "");
  assert_throws_js(TypeError, () => new TextDecoder().decode(null));
  assert_throws_js(TypeError, () => new TextDecoder().decode([0x41]));
  assert_throws_js(TypeError, () => new TextDecoder().decode("A"));
  assert_throws_js(TypeError, () => new TextDecoder().decode({}));
}, "decode() takes nothing or a buffer source");

// z, cent, CJK water, G clef (non-BMP), private use (BMP), private use (non-BMP), U+FFFE.
const sample = "z\xA2\u6C34\uD834\uDD1E\uF8FF\uDBFF\uDFFD\uFFFE";
const sampleBytes = {
  "utf-8": [0x7A, 0xC2, 0xA2, 0xE6, 0xB0, 0xB4, 0xF0, 0x9D, 0x84, 0x9E, 0xEF, 0xA3, 0xBF, 0xF4, 0x8F, 0xBF, 0xBD,
    0xEF, 0xBF, 0xBE],
  "utf-16le": [0x7A, 0x00, 0xA2, 0x00, 0x34, 0x6C, 0x34, 0xD8, 0x1E, 0xDD, 0xFF, 0xF8, 0xFF, 0xDB, 0xFD, 0xDF, 0xFE,
    0xFF],
  "utf-16be": [0x00, 0x7A, 0x00, 0xA2, 0x6C, 0x34, 0xD8, 0x34, 0xDD, 0x1E, 0xF8, 0xFF, 0xDB, 0xFF, 0xDF, 0xFD, 0xFF,
    0xFE],
};

test(() => {
  assert_array_equals(new TextEncoder().encode(sample), sampleBytes["utf-8"]);
}, "encode() gives UTF-8");

for (const label of Object.keys(sampleBytes)) {
  test(() => {
    const bytes = new Uint8Array(sampleBytes[label]);
    assert_equals(new TextDecoder(label).decode(bytes), sample, "Uint8Array");
    assert_equals(new TextDecoder(label).decode(bytes.buffer), sample, "ArrayBuffer");
    assert_equals(new TextDecoder(label).decode(new DataView(bytes.buffer)), sample, "DataView");
  }, `decode() of a sample: ${label}`);
}

test(() => {
  assert_equals(new TextDecoder("utf-16").decode(new Uint8Array(sampleBytes["utf-16le"])), sample);
  assert_equals(new TextDecoder("utf-16").encoding, "utf-16le");
}, "'utf-16' is a label of UTF-16LE");

test(() => {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  let all = "";
  for (let cp = 0; cp <= 0x10FFFF; cp += (cp < 0x800 ? 1 : 0x3F)) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    all += String.fromCodePoint(cp);
  }
  assert_equals(decoder.decode(encoder.encode(all)), all);
}, "UTF-8 round trip over scalar values of every length");

test(() => {
  const encode = new TextEncoder().encode("abc");
  assert_true(encode instanceof Uint8Array);
  assert_equals(encode.byteOffset, 0);
  assert_equals(encode.buffer.byteLength, 3, "the buffer holds exactly the bytes");
  const a = new TextEncoder().encode("x");
  const b = new TextEncoder().encode("x");
  assert_not_equals(a, b, "a new object each time");
  assert_not_equals(a.buffer, b.buffer);
}, "encode() returns a new Uint8Array over its own ArrayBuffer");

function checkAttribute(proto, name) {
  const descriptor = Object.getOwnPropertyDescriptor(proto, name);
  assert_equals(typeof descriptor.get, "function", `${name} is an accessor`);
  assert_equals(descriptor.set, undefined, `${name} is read-only`);
  assert_true(descriptor.enumerable, `${name} is enumerable`);
  assert_true(descriptor.configurable, `${name} is configurable`);
  assert_throws_js(TypeError, () => descriptor.get.call({}), `${name} brand check`);
  assert_throws_js(TypeError, () => descriptor.get.call(undefined), `${name} brand check (undefined)`);
}

function checkOperation(proto, name, length) {
  const descriptor = Object.getOwnPropertyDescriptor(proto, name);
  assert_equals(typeof descriptor.value, "function", `${name} is a method`);
  assert_true(descriptor.writable && descriptor.enumerable && descriptor.configurable, `${name} attributes`);
  assert_equals(descriptor.value.length, length, `${name}.length`);
  assert_equals(descriptor.value.name, name, `${name}.name`);
}

test(() => {
  assert_equals(TextDecoder.length, 0);
  assert_equals(TextDecoder.name, "TextDecoder");
  assert_equals(Object.prototype.toString.call(new TextDecoder()), "[object TextDecoder]");
  for (const name of ["encoding", "fatal", "ignoreBOM"]) checkAttribute(TextDecoder.prototype, name);
  checkOperation(TextDecoder.prototype, "decode", 0);
  assert_throws_js(TypeError, () => TextDecoder.prototype.decode.call({}, new Uint8Array()));
  assert_throws_js(TypeError, () => TextDecoder(), "calling without new throws");
  assert_array_equals(Object.getOwnPropertyNames(TextDecoder).sort(), ["length", "name", "prototype"]);
  assert_array_equals(Object.getOwnPropertyNames(TextDecoder.prototype).sort(),
    ["constructor", "decode", "encoding", "fatal", "ignoreBOM"]);
  const global = Object.getOwnPropertyDescriptor(globalThis, "TextDecoder");
  assert_true(global.writable && global.configurable && !global.enumerable, "global property attributes");
}, "TextDecoder interface shape");

test(() => {
  assert_equals(TextEncoder.length, 0);
  assert_equals(TextEncoder.name, "TextEncoder");
  assert_equals(Object.prototype.toString.call(new TextEncoder()), "[object TextEncoder]");
  checkAttribute(TextEncoder.prototype, "encoding");
  checkOperation(TextEncoder.prototype, "encode", 0);
  checkOperation(TextEncoder.prototype, "encodeInto", 2);
  assert_throws_js(TypeError, () => TextEncoder.prototype.encode.call({}, "a"));
  assert_throws_js(TypeError, () => TextEncoder.prototype.encodeInto.call(new TextDecoder(), "a", new Uint8Array(1)));
  assert_throws_js(TypeError, () => TextEncoder(), "calling without new throws");
  assert_equals(new TextEncoder("utf-16").encoding, "utf-8", "TextEncoder takes no label");
  assert_array_equals(Object.getOwnPropertyNames(TextEncoder).sort(), ["length", "name", "prototype"]);
  assert_array_equals(Object.getOwnPropertyNames(TextEncoder.prototype).sort(),
    ["constructor", "encode", "encodeInto", "encoding"]);
}, "TextEncoder interface shape");

test(() => {
  class MyDecoder extends TextDecoder {}
  const decoder = new MyDecoder("latin1");
  assert_equals(decoder.encoding, "windows-1252");
  assert_equals(decoder.decode(new Uint8Array([0x80])), "\u20AC");
  class MyEncoder extends TextEncoder {}
  assert_array_equals(new MyEncoder().encode("A"), [0x41]);
}, "TextEncoder and TextDecoder can be subclassed");

test(() => {
  const order = [];
  const options = {
    get fatal() { order.push("fatal"); return 1; },
    get ignoreBOM() { order.push("ignoreBOM"); return ""; },
  };
  const decoder = new TextDecoder({ toString() { order.push("label"); return "utf-8"; } }, options);
  assert_array_equals(order, ["label", "fatal", "ignoreBOM"]);
  assert_true(decoder.fatal);
  assert_false(decoder.ignoreBOM);
}, "The constructor converts the label, then the options in member order");

test(() => {
  const order = [];
  assert_throws_js(RangeError, () => new TextDecoder("bogus", {
    get fatal() { order.push("fatal"); return false; },
  }));
  assert_array_equals(order, ["fatal"], "options are converted before the label is looked up");
  assert_throws_js(TypeError, () => new TextDecoder("utf-8", 5), "options must be an object");
}, "The constructor converts the options before rejecting a label");

test(() => {
  const decoder = new TextDecoder();
  assert_throws_js(TypeError, () => decoder.decode(new Uint8Array(), 5), "options must be an object");
  assert_equals(decoder.decode(new Uint8Array([0x41]), null), "A", "null options are the defaults");
  let reads = 0;
  decoder.decode(new Uint8Array([0xE2]), { get stream() { reads++; return "yes"; } });
  assert_equals(reads, 1);
  assert_equals(decoder.decode(new Uint8Array([0x82, 0xAC])), "\u20AC", "a truthy stream value streams");
}, "decode() options");

test(() => {
  const arr = new Uint8Array(100).fill(0x2A);
  if (typeof arr.buffer.transfer !== "function") return;
  const options = { get stream() { arr.buffer.transfer(0); return false; } };
  assert_equals(new TextDecoder().decode(arr, options), "");
  const ab = new Uint8Array([0x41]).buffer;
  assert_equals(new TextDecoder().decode(ab, { get stream() { ab.transfer(); return false; } }), "");
  const dv = new DataView(new Uint8Array([0x41]).buffer);
  assert_equals(new TextDecoder().decode(dv, { get stream() { dv.buffer.transfer(); return false; } }), "");
}, "decode() reads the bytes after converting the options (a buffer detached meanwhile is empty)");
