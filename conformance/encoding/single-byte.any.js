// The single-byte decoder over every byte of every single-byte encoding, and x-user-defined.
// https://encoding.spec.whatwg.org/#single-byte-decoder
// META: script=resources/encoding-data.js

const allBytes = new Uint8Array(256);
for (let i = 0; i < 256; i++) allBytes[i] = i;

for (const name of Object.keys(singleByteIndexes)) {
  const index = singleByteIndexes[name];

  test(() => {
    let expected = "";
    for (let i = 0; i < 0x80; i++) expected += String.fromCharCode(i);
    for (let i = 0; i < 0x80; i++) expected += index[i] === null ? "\uFFFD" : String.fromCodePoint(index[i]);
    assert_equals(new TextDecoder(name).decode(allBytes), expected);
  }, `${name}: every byte (replacement mode)`);

  test(() => {
    const fatal = new TextDecoder(name, { fatal: true });
    for (let i = 0; i < 256; i++) {
      const byte = new Uint8Array([0x41, i, 0x42]);
      const codePoint = i < 0x80 ? i : index[i - 0x80];
      if (codePoint === null) {
        assert_throws_js(TypeError, () => fatal.decode(byte), `byte 0x${i.toString(16)} has no code point`);
      } else {
        assert_equals(fatal.decode(byte), "A" + String.fromCodePoint(codePoint) + "B", `byte 0x${i.toString(16)}`);
      }
    }
  }, `${name}: fatal mode throws exactly for bytes without a code point`);

  test(() => {
    const decoder = new TextDecoder(name);
    let out = "";
    for (let i = 0; i < 256; i++) out += decoder.decode(allBytes.subarray(i, i + 1), { stream: true });
    out += decoder.decode();
    assert_equals(out, new TextDecoder(name).decode(allBytes));
  }, `${name}: streaming one byte at a time gives the same result`);
}

test(() => {
  const expected = [];
  for (let i = 0; i < 256; i++) expected.push(i < 0x80 ? i : 0xF780 + i - 0x80);
  const out = new TextDecoder("x-user-defined").decode(allBytes);
  assert_equals(out.length, 256);
  for (let i = 0; i < 256; i++) assert_equals(out.charCodeAt(i), expected[i], `byte ${i}`);
  assert_equals(new TextDecoder("x-user-defined", { fatal: true }).decode(allBytes), out, "no byte is an error");
}, "x-user-defined maps 0x80-0xFF to U+F780-U+F7FF");

test(() => {
  for (const label of ["windows-1252", "latin1", "ascii", "iso-8859-1", "us-ascii"]) {
    const decoder = new TextDecoder(label, { fatal: true });
    assert_equals(decoder.encoding, "windows-1252");
    assert_equals(decoder.decode(new Uint8Array([0x80, 0x81, 0x8D, 0x8F, 0x90, 0x9D, 0x9F])),
      "\u20AC\x81\x8D\x8F\x90\x9D\u0178", label);
  }
}, "latin1 and ascii are windows-1252, with C1 controls where it has no character");

test(() => {
  const a = new TextDecoder("iso-8859-8"), b = new TextDecoder("iso-8859-8-i");
  assert_equals(a.encoding, "iso-8859-8");
  assert_equals(b.encoding, "iso-8859-8-i");
  assert_equals(a.decode(allBytes), b.decode(allBytes));
}, "ISO-8859-8 and ISO-8859-8-I share their index but not their name");

test(() => {
  // ASCII bytes in a long run, then a byte above 0x7F, at every offset (fast paths).
  for (const label of ["windows-1252", "koi8-r", "x-user-defined", "ibm866"]) {
    const decoder = new TextDecoder(label);
    const reference = decoder.decode(new Uint8Array([0x80]));
    for (let n = 0; n < 40; n++) {
      const bytes = new Uint8Array(n + 1).fill(0x61);
      bytes[n] = 0x80;
      assert_equals(decoder.decode(bytes), "a".repeat(n) + reference, `${label}, offset ${n}`);
    }
  }
}, "A non-ASCII byte after an ASCII run is decoded at every offset");
