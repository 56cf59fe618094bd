// The legacy multi-byte decoders: index boundaries, special pointers, and each decoder's
// error handling (which bytes are restored to the queue after an error).
// https://encoding.spec.whatwg.org/#legacy-multi-byte-chinese-(simplified)-encodings and on.
// Expected code points come from the standard's indexes (indexes.json) and decoder steps.

const R = "\uFFFD";

// [label, bytes, expected, note]; expected containing U+FFFD means fatal mode must throw.
const cases = [
  // gb18030 and GBK share the gb18030 decoder.
  ["gb18030", [0x80], "\u20AC", "0x80 is the euro sign"],
  ["gb18030", [0x81, 0x40], "\u4E02", "first two-byte pointer"],
  ["gb18030", [0x81, 0x7E], "\u4E8A", "pointer 62, trail 0x7E"],
  ["gb18030", [0x81, 0x80], "\u4E90", "pointer 63, trail 0x80 (offset 0x41)"],
  ["gb18030", [0x81, 0xFE], "\u4FA2", "pointer 189"],
  ["gb18030", [0xFE, 0x40], "\uFA0C", "pointer 23750"],
  ["gb18030", [0xFE, 0xFE], "\uE4C5", "last two-byte pointer"],
  ["gb18030", [0xA3, 0xA0], "\u3000", "0xA3 0xA0 is U+3000, not U+E5E5"],
  ["gb18030", [0xA6, 0xD9], "\uFE10", "GB18030-2022 mapping"],
  ["gb18030", [0xFE, 0x59], "\u9FB4", "GB18030-2022 mapping"],
  ["gb18030", [0xA8, 0xBC], "\u1E3F", "index gb18030 pointer 7533"],
  ["gb18030", [0x81, 0x30, 0x81, 0x30], "\x80", "first four-byte pointer"],
  ["gb18030", [0x81, 0x30, 0x84, 0x36], "\xA5", "ranges pointer 36"],
  ["gb18030", [0x81, 0x35, 0xF4, 0x36], "\u1E3E", "ranges pointer 7456"],
  ["gb18030", [0x81, 0x35, 0xF4, 0x37], "\uE7C7", "pointer 7457 is U+E7C7"],
  ["gb18030", [0x81, 0x35, 0xF4, 0x38], "\u1E40", "ranges pointer 7458"],
  ["gb18030", [0x84, 0x31, 0xA4, 0x37], "\uFFFD", "pointer 39417 is a real U+FFFD"],
  ["gb18030", [0x84, 0x31, 0xA4, 0x39], "\uFFFF", "pointer 39419, the last BMP one"],
  ["gb18030", [0x84, 0x31, 0xA5, 0x30], R, "pointer 39420 has no code point"],
  ["gb18030", [0x8F, 0x39, 0xFE, 0x39], R, "pointer 188999 has no code point"],
  ["gb18030", [0x90, 0x30, 0x81, 0x30], "\u{10000}", "pointer 189000 is U+10000"],
  ["gb18030", [0xE3, 0x32, 0x9A, 0x35], "\u{10FFFF}", "pointer 1237575 is U+10FFFF"],
  ["gb18030", [0xE3, 0x32, 0x9A, 0x36], R, "pointer 1237576 has no code point"],
  ["gb18030", [0xFE, 0x39, 0xFE, 0x39], R, "the largest four-byte sequence"],
  ["gb18030", [0xFF], R, "0xFF is never valid"],
  ["gb18030", [0x81], R, "lead at the end"],
  ["gb18030", [0x81, 0x30], R, "two of four bytes at the end"],
  ["gb18030", [0x81, 0x30, 0x81], R, "three of four bytes at the end"],
  ["gb18030", [0x81, 0x20], R + " ", "an ASCII trail is restored"],
  ["gb18030", [0x81, 0x7F], R + "\x7F", "0x7F is not a trail byte, and is restored"],
  ["gb18030", [0x81, 0xFF], R, "a non-ASCII bad trail is not restored"],
  ["gb18030", [0x81, 0x30, 0x20], R + "0 ", "second and the byte are restored"],
  ["gb18030", [0x81, 0x30, 0xFF], R + "0" + R, "second and the byte are restored (0xFF errors again)"],
  ["gb18030", [0x81, 0x30, 0x81, 0x20], R + "0" + R + " ", "second, third and the byte are restored"],
  ["gb18030", [0x81, 0x30, 0x81, 0x41], R + "0\u4E04", "the restored third byte leads a new sequence"],
  ["gb18030", [0xA0, 0x30, 0x2B], R + "0+", "restored bytes are ASCII again"],
  ["gbk", [0x80], "\u20AC", "GBK decodes 0x80 like gb18030"],
  ["gbk", [0x81, 0x30, 0x81, 0x30], "\x80", "GBK decodes four-byte sequences"],
  ["gbk", [0xA3, 0xA0], "\u3000", "GBK uses index gb18030"],

  // Big5
  ["big5", [0x87, 0x40], "\u43F0", "pointer 942"],
  ["big5", [0x87, 0x45], "\u{27267}", "first plane-2 code point"],
  ["big5", [0xFE, 0xFD], "\u{2910D}", "last plane-2 code point"],
  ["big5", [0xA1, 0x40], "\u3000", "pointer 5024"],
  ["big5", [0xA1, 0x7E], "\uFE5A", "trail 0x7E"],
  ["big5", [0xA1, 0xA1], "\uFE5B", "trail 0xA1 (offset 0x62)"],
  ["big5", [0xF9, 0xFE], "\uFFED", "pointer 18996"],
  ["big5", [0xFE, 0x40], "\u9442", "pointer 19625"],
  ["big5", [0xFE, 0xFE], "\u79D4", "last pointer"],
  ["big5", [0x88, 0x62], "\u00CA\u0304", "pointer 1133: two code points"],
  ["big5", [0x88, 0x64], "\u00CA\u030C", "pointer 1135: two code points"],
  ["big5", [0x88, 0xA3], "\u00EA\u0304", "pointer 1164: two code points"],
  ["big5", [0x88, 0xA5], "\u00EA\u030C", "pointer 1166: two code points"],
  ["big5", [0x80], R, "0x80 is not a lead"],
  ["big5", [0xFF], R, "0xFF is not a lead"],
  ["big5", [0x81], R, "lead at the end"],
  ["big5", [0x81, 0x40], R + "@", "pointer 0 has no code point; the ASCII byte is restored"],
  ["big5", [0x83, 0x5C], R + "\\", "unmapped pointer with an ASCII trail"],
  ["big5", [0x81, 0x81], R, "0x81 is not a trail, and is not restored"],
  ["big5", [0x87, 0x87, 0x40], R + "@", "the bad trail is dropped, the next byte is ASCII"],
  ["big5", [0xA1, 0x7F], R + "\x7F", "0x7F is not a trail"],
  ["big5", [0xA1, 0x80], R, "0x80 is not a trail"],

  // EUC-JP
  ["euc-jp", [0xA1, 0xA1], "\u3000", "jis0208 pointer 0"],
  ["euc-jp", [0xA1, 0xFE], "\u25C7", "jis0208 pointer 93"],
  ["euc-jp", [0xB0, 0xA1], "\u4E9C", "jis0208 pointer 1410"],
  ["euc-jp", [0xAD, 0xA1], "\u2460", "NEC row 13"],
  ["euc-jp", [0xA1, 0xDD], "\uFF0D", "0xA1 0xDD is U+FF0D"],
  ["euc-jp", [0x5C, 0x7E], "\\~", "ASCII is ASCII"],
  ["euc-jp", [0x8E, 0xA1], "\uFF61", "half-width katakana first"],
  ["euc-jp", [0x8E, 0xDF], "\uFF9F", "half-width katakana last"],
  ["euc-jp", [0x8E, 0xE0], R, "0x8E then a non-katakana byte"],
  ["euc-jp", [0x8E, 0x41], R + "A", "0x8E then ASCII: restored"],
  ["euc-jp", [0x8E, 0x8E], R, "0x8E 0x8E"],
  ["euc-jp", [0x8F, 0xA2, 0xAF], "\u02D8", "jis0212 pointer 108 (its first)"],
  ["euc-jp", [0x8F, 0xB0, 0xA1], "\u4E02", "jis0212 pointer 1410"],
  ["euc-jp", [0x8F, 0xED, 0xE3], "\u9FA5", "jis0212 pointer 7210 (its last)"],
  ["euc-jp", [0x8F, 0xA1, 0xA1], R, "jis0212 pointer 0 has no code point"],
  ["euc-jp", [0x8F, 0xA2, 0x41], R + "A", "jis0212 lead then ASCII"],
  ["euc-jp", [0x8F, 0xA1], R, "jis0212 sequence cut at the end"],
  ["euc-jp", [0x8F, 0xA1, 0xA1, 0xA1, 0xA1], R + "\u3000", "the jis0212 flag is cleared after an error"],
  ["euc-jp", [0x80], R, "0x80"],
  ["euc-jp", [0xA0], R, "0xA0"],
  ["euc-jp", [0xFF], R, "0xFF"],
  ["euc-jp", [0xA1], R, "lead at the end"],
  ["euc-jp", [0x8D, 0x8D], R + R, "0x8D is not a lead"],

  // ISO-2022-JP
  ["iso-2022-jp", [0x41, 0x0A], "A\n", "ASCII"],
  ["iso-2022-jp", [0x1B, 0x28, 0x42, 0x41], "A", "ESC ( B"],
  ["iso-2022-jp", [0x1B, 0x28, 0x4A, 0x5C, 0x7E, 0x41], "\xA5\u203EA", "Roman: 0x5C and 0x7E"],
  ["iso-2022-jp", [0x1B, 0x28, 0x49, 0x21, 0x5F], "\uFF61\uFF9F", "katakana"],
  ["iso-2022-jp", [0x1B, 0x24, 0x40, 0x21, 0x21], "\u3000", "ESC $ @"],
  ["iso-2022-jp", [0x1B, 0x24, 0x42, 0x30, 0x30, 0x1B, 0x28, 0x42], "\u65ED", "ESC $ B, two bytes, ESC ( B"],
  ["iso-2022-jp", [0x1B, 0x24, 0x42, 0x21, 0x5D], "\uFF0D", "jis0208 0x21 0x5D is U+FF0D"],
  ["iso-2022-jp", [0x0E], R, "SO is an error"],
  ["iso-2022-jp", [0x0F], R, "SI is an error"],
  ["iso-2022-jp", [0x80], R, "non-ASCII byte"],
  ["iso-2022-jp", [0x1B], R, "ESC at the end"],
  ["iso-2022-jp", [0x1B, 0x28], R + "(", "ESC ( at the end: ( is restored"],
  ["iso-2022-jp", [0x1B, 0x24], R + "$", "ESC $ at the end: $ is restored"],
  ["iso-2022-jp", [0x1B, 0x28, 0x43], R + "(C", "unknown escape: both bytes are restored"],
  ["iso-2022-jp", [0x1B, 0x41], R + "A", "ESC then a byte that starts no escape: restored"],
  ["iso-2022-jp", [0x1B, 0x24, 0x40, 0x1B, 0x24], R + R, "two escapes in a row, the second cut"],
  ["iso-2022-jp", [0x1B, 0x28, 0x42, 0x1B, 0x28, 0x42], R, "an escape right after an escape is an error"],
  ["iso-2022-jp", [0x1B, 0x28, 0x4A, 0x5C, 0x1B, 0x28, 0x42, 0x1B, 0x28, 0x4A, 0x5C, 0x1B, 0x28, 0x42],
    "\xA5" + R + "\xA5", "two concatenated encoder outputs"],
  ["iso-2022-jp", [0x1B, 0x24, 0x42, 0x21], R, "trail byte missing at the end"],
  ["iso-2022-jp", [0x1B, 0x24, 0x42, 0x21, 0x0A], R, "bad trail byte: consumed"],
  ["iso-2022-jp", [0x1B, 0x24, 0x42, 0x21, 0x1B, 0x28, 0x42], R, "ESC as trail byte: error, then the escape"],
  ["iso-2022-jp", [0x1B, 0x24, 0x42, 0x0A], R, "a lead byte outside 0x21-0x7E"],
  ["iso-2022-jp", [0x1B, 0x24, 0x42, 0x22, 0x2F], R, "unmapped jis0208 pointer"],
  ["iso-2022-jp", [0x1B, 0x28, 0x49, 0x60], R, "katakana outside 0x21-0x5F"],
  ["iso-2022-jp", [0x2A, 0x1B], "*" + R, "ASCII then ESC at the end"],

  // Shift_JIS
  ["shift_jis", [0x81, 0x40], "\u3000", "pointer 0"],
  ["shift_jis", [0x9F, 0xFC], "\u6ECC", "last pointer of lead 0x9F"],
  ["shift_jis", [0xE0, 0x40], "\u6F3E", "first pointer of lead 0xE0 (offset 0xC1)"],
  ["shift_jis", [0xF0, 0x40], "\uE000", "pointer 8836: EUDC, private use"],
  ["shift_jis", [0xF9, 0xFC], "\uE757", "pointer 10715: last EUDC"],
  ["shift_jis", [0xFA, 0x40], "\u2170", "pointer 10716: IBM extension"],
  ["shift_jis", [0xFC, 0x4B], "\u9ED1", "pointer 11103: the last mapped"],
  ["shift_jis", [0xFC, 0x4C], R + "L", "pointer 11104 has no code point; ASCII trail restored"],
  ["shift_jis", [0x81, 0x7C], "\uFF0D", "0x81 0x7C is U+FF0D"],
  ["shift_jis", [0x80], "\x80", "0x80 is U+0080"],
  ["shift_jis", [0xA1], "\uFF61", "single-byte katakana first"],
  ["shift_jis", [0xDF], "\uFF9F", "single-byte katakana last"],
  ["shift_jis", [0x5C, 0x7E], "\\~", "ASCII is ASCII"],
  ["shift_jis", [0xA0], R, "0xA0"],
  ["shift_jis", [0xFD], R, "0xFD"],
  ["shift_jis", [0x81], R, "lead at the end"],
  ["shift_jis", [0x81, 0x3F], R + "?", "trail below 0x40: restored"],
  ["shift_jis", [0x81, 0x7F], R + "\x7F", "0x7F is not a trail"],
  ["shift_jis", [0x81, 0xFD, 0x41], R + "A", "trail above 0xFC: dropped"],
  ["shift_jis", [0x85, 0x85], R, "unmapped pointer with a non-ASCII trail"],

  // EUC-KR
  ["euc-kr", [0x81, 0x41], "\uAC02", "pointer 0"],
  ["euc-kr", [0x81, 0x5A], "\uAC34", "pointer 25"],
  ["euc-kr", [0x81, 0x5B], R + "[", "pointer 26 has no code point"],
  ["euc-kr", [0xA1, 0xA1], "\u3000", "KS X 1001 first"],
  ["euc-kr", [0xB0, 0xA1], "\uAC00", "pointer 9026"],
  ["euc-kr", [0xC8, 0xFE], "\uD79D", "pointer 13679"],
  ["euc-kr", [0xFD, 0xFE], "\u8A70", "pointer 23749"],
  ["euc-kr", [0xFE, 0xFE], R, "the last pointer has no code point"],
  ["euc-kr", [0x80], R, "0x80"],
  ["euc-kr", [0xFF], R, "0xFF"],
  ["euc-kr", [0x81], R, "lead at the end"],
  ["euc-kr", [0x81, 0x40], R + "@", "trail below 0x41: restored"],
  ["euc-kr", [0xAD, 0xAD], R, "unmapped pointer"],
  ["euc-kr", [0x41, 0xC7, 0x41], "A" + R + "A", "ASCII after a lead whose pointer is unmapped"],
];

function hex(bytes) {
  return bytes.map((b) => b.toString(16).padStart(2, "0")).join(" ");
}

const byLabel = {};
for (const c of cases) (byLabel[c[0]] ??= []).push(c);

for (const label of Object.keys(byLabel)) {
  test(() => {
    for (const [, bytes, expected, note] of byLabel[label]) {
      assert_equals(new TextDecoder(label).decode(new Uint8Array(bytes)), expected, `${hex(bytes)}: ${note}`);
    }
  }, `${label}: decoding (replacement mode)`);

  test(() => {
    for (const [, bytes, expected, note] of byLabel[label]) {
      const fatal = new TextDecoder(label, { fatal: true });
      if (expected.includes(R) && !note.includes("real U+FFFD")) {
        assert_throws_js(TypeError, () => fatal.decode(new Uint8Array(bytes)), `${hex(bytes)}: ${note}`);
      } else {
        assert_equals(fatal.decode(new Uint8Array(bytes)), expected, `${hex(bytes)}: ${note}`);
      }
    }
  }, `${label}: fatal mode`);

  test(() => {
    // Every split of every case into two stream calls, and byte-at-a-time.
    for (const [, bytes, expected, note] of byLabel[label]) {
      for (let split = 0; split <= bytes.length; split++) {
        const decoder = new TextDecoder(label);
        const out = decoder.decode(new Uint8Array(bytes.slice(0, split)), { stream: true }) +
          decoder.decode(new Uint8Array(bytes.slice(split)));
        assert_equals(out, expected, `${hex(bytes)} split at ${split}: ${note}`);
      }
      const decoder = new TextDecoder(label);
      let out = "";
      for (const b of bytes) out += decoder.decode(new Uint8Array([b]), { stream: true });
      out += decoder.decode(new Uint8Array(0), { stream: true });
      out += decoder.decode();
      assert_equals(out, expected, `${hex(bytes)} byte by byte: ${note}`);
    }
  }, `${label}: streaming at every split gives the same result`);
}

for (const label of ["gbk", "gb18030", "big5", "euc-jp", "shift_jis", "euc-kr", "iso-2022-jp"]) {
  test(() => {
    for (const fatal of [false, true]) {
      const decoder = new TextDecoder(label, { fatal });
      for (const b of [0x00, 0x1A, 0x1C, 0x41, 0x7F]) {
        assert_equals(decoder.decode(new Uint8Array([b])), String.fromCharCode(b), `byte ${b}`);
      }
    }
  }, `${label}: ASCII bytes decode to themselves`);
}

test(() => {
  const gbk = new TextDecoder("gbk"), gb18030 = new TextDecoder("gb18030");
  for (let lead = 0x80; lead <= 0xFF; lead += 3) {
    for (let trail = 0x00; trail <= 0xFF; trail += 5) {
      const bytes = new Uint8Array([lead, trail, 0x31, lead, 0x35]);
      assert_equals(gbk.decode(bytes), gb18030.decode(bytes), hex([...bytes]));
    }
  }
}, "GBK's decoder is gb18030's decoder");

test(() => {
  // A run of every two-byte sequence with lead 0xA1 decodes the same in one piece and in
  // pieces of every size (state crosses every chunk boundary).
  for (const label of ["gbk", "big5", "euc-jp", "shift_jis", "euc-kr"]) {
    const bytes = [];
    for (let trail = 0x40; trail <= 0xFE; trail++) bytes.push(0xA1, trail, 0x41);
    const input = new Uint8Array(bytes);
    const whole = new TextDecoder(label).decode(input);
    for (const size of [1, 2, 3, 5, 7]) {
      const decoder = new TextDecoder(label);
      let out = "";
      for (let i = 0; i < input.length; i += size) out += decoder.decode(input.subarray(i, i + size), { stream: true });
      out += decoder.decode();
      assert_equals(out, whole, `${label}, chunks of ${size}`);
    }
  }
}, "Legacy decoders keep their state across chunks");
