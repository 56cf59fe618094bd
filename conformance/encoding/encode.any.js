// TextEncoder.encode() and encodeInto(): UTF-8, lone surrogates, small destinations.
// https://encoding.spec.whatwg.org/#interface-textencoder

test(() => {
  const encoder = new TextEncoder();
  const cases = [
    ["\uD800", [0xEF, 0xBF, 0xBD], "lone lead surrogate"],
    ["\uDC00", [0xEF, 0xBF, 0xBD], "lone trail surrogate"],
    ["\uDC00\uD800", [0xEF, 0xBF, 0xBD, 0xEF, 0xBF, 0xBD], "reversed pair"],
    ["a\uD800b", [0x61, 0xEF, 0xBF, 0xBD, 0x62], "lead surrogate between letters"],
    ["\uD800\uD800\uDC00", [0xEF, 0xBF, 0xBD, 0xF0, 0x90, 0x80, 0x80], "lead, then a pair"],
    ["\uD834\uDD1E", [0xF0, 0x9D, 0x84, 0x9E], "a pair"],
    ["\uDBFF\uDFFF", [0xF4, 0x8F, 0xBF, 0xBF], "U+10FFFF"],
    ["\x7F\x80\u07FF\u0800\uFFFF", [0x7F, 0xC2, 0x80, 0xDF, 0xBF, 0xE0, 0xA0, 0x80, 0xEF, 0xBF, 0xBF], "boundaries"],
  ];
  for (const [input, bytes, name] of cases) assert_array_equals(encoder.encode(input), bytes, name);
}, "encode(): lone surrogates become U+FFFD");

test(() => {
  const long = "x".repeat(1000) + "\uD800" + "é".repeat(1000) + "\uDFFF";
  const bytes = new TextEncoder().encode(long);
  assert_equals(bytes.length, 1000 + 3 + 2000 + 3);
  assert_equals(new TextDecoder().decode(bytes), "x".repeat(1000) + "\uFFFD" + "é".repeat(1000) + "\uFFFD");
}, "encode() over a long string with lone surrogates");

const encodeIntoCases = [
  // [input, destination length, read, written bytes]
  ["Hi", 0, 0, []],
  ["A", 10, 1, [0x41]],
  ["\u{1D306}", 4, 2, [0xF0, 0x9D, 0x8C, 0x86]],
  ["\u{1D306}A", 3, 0, []],
  ["\uD834A\uDF06A¥Hi", 10, 5, [0xEF, 0xBF, 0xBD, 0x41, 0xEF, 0xBF, 0xBD, 0x41, 0xC2, 0xA5]],
  ["A\uDF06", 4, 2, [0x41, 0xEF, 0xBF, 0xBD]],
  ["¥¥", 4, 2, [0xC2, 0xA5, 0xC2, 0xA5]],
  ["¥¥", 3, 1, [0xC2, 0xA5]],
  ["€", 2, 0, []],
  ["a€", 3, 1, [0x61]],
  ["\uD800", 2, 0, [], "a lone surrogate needs three bytes"],
  ["\uD800", 3, 1, [0xEF, 0xBF, 0xBD]],
  ["\u{1F600}\u{1F600}", 7, 2, [0xF0, 0x9F, 0x98, 0x80]],
];

for (const [input, length, read, written, note] of encodeIntoCases) {
  for (const offset of [0, 4]) {
    for (const filler of [0, 0x80, 0xAA]) {
      test(() => {
        const buffer = new ArrayBuffer(length + offset + 4);
        const full = new Uint8Array(buffer).fill(filler);
        const view = new Uint8Array(buffer, offset, length);
        const result = new TextEncoder().encodeInto(input, view);
        assert_equals(Object.getPrototypeOf(result), Object.prototype);
        assert_array_equals(Object.keys(result), ["read", "written"]);
        assert_equals(result.read, read, "read");
        assert_equals(result.written, written.length, "written");
        for (let i = 0; i < full.length; i++) {
          const expected = i >= offset && i < offset + written.length ? written[i - offset] : filler;
          assert_equals(full[i], expected, `byte ${i}`);
        }
      }, `encodeInto(${JSON.stringify(input)}) into ${length} bytes at offset ${offset}, filler ${filler}` +
        (note ? ` (${note})` : ""));
    }
  }
}

test(() => {
  const encoder = new TextEncoder();
  for (const make of [(b) => new DataView(b), (b) => new Int8Array(b), (b) => new Uint8ClampedArray(b),
    (b) => new Uint16Array(b), (b) => new Int32Array(b), (b) => new Float64Array(b), (b) => new BigInt64Array(b), (b) => b]) {
    const destination = make(new ArrayBuffer(8));
    assert_throws_js(TypeError, () => encoder.encodeInto("a", destination), Object.prototype.toString.call(destination));
  }
  assert_throws_js(TypeError, () => encoder.encodeInto("a", [0, 0]));
  assert_throws_js(TypeError, () => encoder.encodeInto("a"), "two arguments are required");
  assert_throws_js(TypeError, () => encoder.encodeInto(), "two arguments are required");
}, "encodeInto() needs a Uint8Array destination");

test(() => {
  const encoder = new TextEncoder();
  const destination = new Uint8Array(8);
  const result = encoder.encodeInto(12, destination);
  assert_equals(result.read, 2);
  assert_array_equals(destination.subarray(0, 2), [0x31, 0x32]);
  assert_throws_js(TypeError, () => encoder.encodeInto(Symbol(), destination));
  const order = [];
  assert_throws_js(TypeError, () => encoder.encodeInto({ toString() { order.push("source"); return "x"; } }, 5));
  assert_array_equals(order, ["source"], "the source is converted before the destination is checked");
}, "encodeInto() converts the source to a string first");

test(() => {
  const buffer = new ArrayBuffer(10);
  const view = new Uint8Array(buffer);
  if (typeof buffer.transfer !== "function") return;
  buffer.transfer();
  const result = new TextEncoder().encodeInto("test", view);
  assert_equals(result.read, 0);
  assert_equals(result.written, 0);
}, "encodeInto() a detached destination writes nothing");

test(() => {
  const input = "héllo wörld, 日本語, \u{1F600}! ".repeat(50);
  const expected = new TextEncoder().encode(input);
  for (let size = 0; size <= 80; size++) {
    const destination = new Uint8Array(size);
    const { read, written } = new TextEncoder().encodeInto(input, destination);
    assert_array_equals(destination.subarray(0, written), expected.subarray(0, written), `size ${size}`);
    assert_array_equals(new TextEncoder().encode(input.slice(0, read)), expected.subarray(0, written),
      `read ${read} matches written ${written}`);
    assert_true(written + 4 > size || read === input.length, "stops only when the next character does not fit");
  }
}, "encodeInto() writes only whole characters");

test(() => {
  let string = "";
  for (let i = 0; i < 200; i++) string += String.fromCharCode(0xD800 + (i % 3 === 0 ? 0x400 : 0) + i);
  const bytes = new TextEncoder().encode(string);
  assert_equals(new TextDecoder().decode(bytes), string.toWellFormed());
}, "encode() agrees with String.prototype.toWellFormed");
