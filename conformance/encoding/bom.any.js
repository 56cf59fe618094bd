// Byte order marks in TextDecoder: "serialize I/O queue" drops a leading U+FEFF for UTF-8 and
// UTF-16BE/LE unless ignoreBOM, once per stream ("BOM seen").
// https://encoding.spec.whatwg.org/#concept-td-serialize

const u = (...bytes) => new Uint8Array(bytes);
const boms = { "utf-8": [0xEF, 0xBB, 0xBF], "utf-16le": [0xFF, 0xFE], "utf-16be": [0xFE, 0xFF] };
const abc = { "utf-8": [0x61, 0x62, 0x63], "utf-16le": [0x61, 0, 0x62, 0, 0x63, 0], "utf-16be": [0, 0x61, 0, 0x62, 0, 0x63] };

for (const label of Object.keys(boms)) {
  test(() => {
    const bom = boms[label];
    assert_equals(new TextDecoder(label).decode(u(...bom, ...abc[label])), "abc", "BOM removed");
    assert_equals(new TextDecoder(label, { ignoreBOM: true }).decode(u(...bom, ...abc[label])), "\uFEFFabc",
      "ignoreBOM keeps it");
    assert_equals(new TextDecoder(label).decode(u(...bom, ...bom, ...abc[label])), "\uFEFFabc",
      "only the first is removed");
    assert_equals(new TextDecoder(label).decode(u(...abc[label], ...bom)), "abc\uFEFF", "not at the start: kept");
    assert_equals(new TextDecoder(label).decode(u(...bom)), "", "only a BOM");
  }, `${label}: a leading BOM is removed unless ignoreBOM`);

  test(() => {
    const bom = boms[label];
    const input = [...bom, ...abc[label]];
    for (let split = 0; split <= input.length; split++) {
      const decoder = new TextDecoder(label);
      const out = decoder.decode(u(...input.slice(0, split)), { stream: true }) + decoder.decode(u(...input.slice(split)));
      assert_equals(out, "abc", `split at ${split}`);
    }
    const decoder = new TextDecoder(label);
    assert_equals(decoder.decode(u(...abc[label]), { stream: true }), "abc");
    assert_equals(decoder.decode(u(...bom)), "\uFEFF", "a BOM after the first output is content");
    assert_equals(decoder.decode(u(...bom)), "", "each flushed decode() starts a new stream");
  }, `${label}: BOM removal across stream calls`);
}

test(() => {
  // Other encodings never remove U+FEFF, and BOMs do not select an encoding in TextDecoder.
  assert_equals(new TextDecoder("utf-16le").decode(u(0xFE, 0xFF, 0x41, 0x00)), "\uFFFEA",
    "a UTF-16BE BOM in UTF-16LE is U+FFFE");
  assert_equals(new TextDecoder("utf-8").decode(u(0xFF, 0xFE, 0x41)), "\uFFFD\uFFFDA", "no sniffing");
  assert_equals(new TextDecoder("windows-1252").decode(u(0xEF, 0xBB, 0xBF)), "\xEF\xBB\xBF");
  assert_equals(new TextDecoder("gb18030").decode(u(0x84, 0x31, 0x95, 0x33, 0x41)), "\uFEFFA",
    "gb18030's encoding of U+FEFF is content");
}, "Only UTF-8 and UTF-16BE/LE remove a BOM");

test(() => {
  const decoder = new TextDecoder();
  const check = (bytes, stream, expected) =>
    assert_equals(decoder.decode(u(...bytes), stream ? { stream: true } : {}), expected, `${bytes} ${stream}`);
  check([0xEF, 0xBB], true, "");
  check([0xBF], true, "");
  check([0xEF, 0xBB], true, "");
  check([0xBF], true, "\uFEFF");
  check([0x42], false, "B");
  check([0xEF], true, "");
  check([0xBB], true, "");
  check([0xBF], true, "");
  check([0xEF, 0xBB, 0xBF], true, "\uFEFF");
  check([0x41], false, "A");
  check([], true, "");
  check([0xEF, 0xBB], true, "");
  check([0xBF, 0x43], false, "C");
  check([0x00, 0x00], true, "\0\0");
  check([0x00], false, "\0");
  check([0xEF, 0xBB], true, "");
  check([0xBF], false, "");
}, "UTF-8: BOM seen is set by the first output, whatever it is");

test(() => {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  assert_throws_js(TypeError, () => decoder.decode(u(0xFF)));
  assert_equals(decoder.decode(u(0xEF, 0xBB, 0xBF)), "", "a throw does not count as output");
  assert_throws_js(TypeError, () => decoder.decode(u(0xEF, 0xBB, 0xBF, 0xFF)));
  assert_equals(decoder.decode(u(0xEF, 0xBB, 0xBF, 0x40)), "@");
  const utf16 = new TextDecoder("utf-16be", { fatal: true });
  assert_throws_js(TypeError, () => utf16.decode(u(0xFF)));
  assert_equals(utf16.decode(u(0xFE, 0xFF, 0xFE, 0xFF)), "\uFEFF");
}, "A fatal error does not set BOM seen");
