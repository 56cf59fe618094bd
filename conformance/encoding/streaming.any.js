// decode() with { stream: true }: state kept between calls, splits at every byte position,
// "do not flush", and what the I/O queue keeps after a fatal error.
// https://encoding.spec.whatwg.org/#dom-textdecoder-decode

const R = "\uFFFD";
const text = "\x00123ABCabc\x80\xFF\u0100\u1000\uFFFD\uD800\uDC00\uDBFF\uDFFF\u20AC\u{1F600}";

function encodeUTF16(string, bigEndian) {
  const bytes = [];
  for (let i = 0; i < string.length; i++) {
    const unit = string.charCodeAt(i);
    if (bigEndian) bytes.push(unit >> 8, unit & 0xFF); else bytes.push(unit & 0xFF, unit >> 8);
  }
  return bytes;
}

const encoded = {
  "utf-8": Array.from(new TextEncoder().encode(text)),
  "utf-16le": encodeUTF16(text, false),
  "utf-16be": encodeUTF16(text, true),
};

for (const label of Object.keys(encoded)) {
  for (let size = 1; size <= 7; size++) {
    test(() => {
      const bytes = encoded[label];
      const decoder = new TextDecoder(label);
      let out = "";
      for (let i = 0; i < bytes.length; i += size) {
        out += decoder.decode(new Uint8Array(bytes.slice(i, i + size)), { stream: true });
      }
      out += decoder.decode();
      assert_equals(out, text);
    }, `${label}: chunks of ${size} bytes`);
  }

  test(() => {
    const bytes = encoded[label];
    for (let a = 0; a <= bytes.length; a++) {
      for (let b = a; b <= bytes.length; b += 3) {
        const decoder = new TextDecoder(label, { fatal: true });
        const out = decoder.decode(new Uint8Array(bytes.slice(0, a)), { stream: true }) +
          decoder.decode(new Uint8Array(bytes.slice(a, b)), { stream: true }) +
          decoder.decode(new Uint8Array(bytes.slice(b)));
        assert_equals(out, text, `split at ${a} and ${b}`);
      }
    }
  }, `${label}: three pieces split anywhere (fatal mode)`);
}

test(() => {
  const decoder = new TextDecoder();
  const check = (bytes, stream, expected, note) =>
    assert_equals(decoder.decode(new Uint8Array(bytes), stream ? { stream: true } : undefined), expected, note);
  check([0xF0], true, "", "lead kept");
  check([], false, R, "flushed: one error");
  check([0xF0, 0x9F], true, "", "two bytes kept");
  check([0x41], true, R + "A", "ASCII ends the sequence; the ASCII byte is decoded");
  check([], false, "", "nothing left");
  check([0xE0, 0x80], true, R + R, "E0 80: two errors at once");
  check([0x80], false, R, "then a lone continuation byte");
  check([0xF0, 0x9F, 0x92], true, "", "three of four bytes: nothing yet");
  check([0xA9], false, "\u{1F4A9}", "the lead surrogate comes with the fourth byte");
  check([0xC1], true, R, "C1 is an error at once");
  check([0xF5], true, R, "F5 is an error at once");
  check([], false, "", "flush");
  check([0xF0], true, "", "lead");
  check([0xC2], true, R, "a new lead ends the old sequence");
  check([0x80], true, "\x80", "and completes itself");
  check([0x2A], false, "*", "");
}, "UTF-8 end of queue and errors across calls");

test(() => {
  const decoder = new TextDecoder("utf-16le", { fatal: true });
  assert_equals(decoder.decode(new Uint8Array([0x00]), { stream: true }), "");
  assert_equals(decoder.decode(new Uint8Array([0x00])), "\x00");
  decoder.decode(new Uint8Array([0x00, 0x00]), { stream: true });
  assert_throws_js(TypeError, () => decoder.decode(new Uint8Array([0x00])), "odd byte at the end");
  assert_equals(decoder.decode(new Uint8Array([0x00, 0x00])), "\x00", "a throw with flush resets the decoder");
  assert_equals(decoder.decode(new Uint8Array([0x00]), { stream: true }), "");
  assert_throws_js(TypeError, () => decoder.decode());
  assert_equals(decoder.decode(), "", "nothing left after the throw");
}, "UTF-16LE odd bytes in fatal mode, streaming");

test(() => {
  const u = (...bytes) => new Uint8Array(bytes);
  // UTF-16: a lead surrogate and a lead byte pending at the end are one error.
  assert_equals(new TextDecoder("utf-16le").decode(u(0x00, 0xD8, 0x00)), R);
  assert_equals(new TextDecoder("utf-16be").decode(u(0xD8, 0x00, 0x00)), R);
  assert_equals(new TextDecoder("utf-16le").decode(u(0x00, 0x00, 0x00)), "\x00" + R);
  assert_equals(new TextDecoder("utf-16le").decode(u(0x00, 0xD8, 0x41, 0x00)), R + "A", "lead surrogate, then A");
  assert_equals(new TextDecoder("utf-16le").decode(u(0x00, 0xDC, 0x41, 0x00)), R + "A", "lone trail surrogate");
  assert_equals(new TextDecoder("utf-16le").decode(u(0x00, 0xD8, 0x00, 0xD8, 0x00, 0xDC)), R + "\uD800\uDC00",
    "a lead surrogate after a lead surrogate starts a new pair");
  assert_equals(new TextDecoder("utf-16be").decode(u(0xDB, 0xFF, 0xDF, 0xFF)), "\u{10FFFF}");
}, "UTF-16 surrogates");

test(() => {
  // After a fatal error in a `stream` call, the bytes after the error stay in the queue.
  const decoder = new TextDecoder("utf-8", { fatal: true });
  assert_throws_js(TypeError, () => decoder.decode(new Uint8Array([0x41, 0xFF, 0x42]), { stream: true }));
  assert_equals(decoder.decode(new Uint8Array([0x43])), "BC", "0x42 was still queued");
  assert_throws_js(TypeError, () => decoder.decode(new Uint8Array([0xE2, 0x41]), { stream: true }));
  assert_equals(decoder.decode(), "A", "the byte after a broken sequence was restored");
  assert_throws_js(TypeError, () => decoder.decode(new Uint8Array([0xC0]), { stream: true }));
  assert_throws_js(TypeError, () => decoder.decode(new Uint8Array([0xFF]), { stream: true }));
  assert_equals(decoder.decode(), "");
}, "UTF-8 fatal errors while streaming keep the rest of the queue");

test(() => {
  // ISO-2022-JP keeps its state (here: the Roman or katakana mode) after a fatal error.
  let decoder = new TextDecoder("iso-2022-jp", { fatal: true });
  assert_equals(decoder.decode(new Uint8Array([0x7E])), "~");
  assert_throws_js(TypeError, () => decoder.decode(new Uint8Array([0x1B, 0x28, 0x4A, 0xFF]), { stream: true }));
  assert_equals(decoder.decode(new Uint8Array([0x7E])), "\u203E", "still Roman");
  decoder = new TextDecoder("iso-2022-jp", { fatal: true });
  assert_throws_js(TypeError, () => decoder.decode(new Uint8Array([0x1B, 0x28, 0x49, 0xFF]), { stream: true }));
  assert_equals(decoder.decode(new Uint8Array([0x42])), "\uFF82", "still katakana");
  assert_equals(decoder.decode(new Uint8Array([0x42])), "B", "a flush resets the decoder");
}, "ISO-2022-JP fatal errors while streaming keep the decoder's state");

test(() => {
  // gb18030: the bytes restored by an error come from earlier calls.
  const decoder = new TextDecoder("gb18030");
  assert_equals(decoder.decode(new Uint8Array([0x81]), { stream: true }), "");
  assert_equals(decoder.decode(new Uint8Array([0x30]), { stream: true }), "");
  assert_equals(decoder.decode(new Uint8Array([0x81]), { stream: true }), "");
  assert_equals(decoder.decode(new Uint8Array([0x41]), { stream: true }), R + "0\u4E04");
  assert_equals(decoder.decode(), "");
  const fatal = new TextDecoder("gb18030", { fatal: true });
  assert_equals(fatal.decode(new Uint8Array([0x81, 0x30]), { stream: true }), "");
  assert_throws_js(TypeError, () => fatal.decode(new Uint8Array([0x81, 0x41, 0x31]), { stream: true }));
  assert_equals(fatal.decode(new Uint8Array([0x32])), "0\u4E0412", "restored bytes, then the rest of the queue");
}, "gb18030 restores bytes from earlier calls");

test(() => {
  // An empty chunk in the middle of a sequence changes nothing.
  for (const [label, bytes, expected] of [["gbk", [0x81, 0x82], "\u4E97"], ["big5", [0xFE, 0x40], "\u9442"],
    ["shift_jis", [0x81, 0x87], "\u221E"], ["euc-kr", [0x81, 0x41], "\uAC02"], ["euc-jp", [0xB0, 0xB0], "\u65ED"],
    ["utf-8", [0xE2, 0x82, 0xAC], "\u20AC"], ["utf-16le", [0xAC, 0x20], "\u20AC"]]) {
    const decoder = new TextDecoder(label);
    const out = decoder.decode(new Uint8Array(bytes.slice(0, 1)), { stream: true }) +
      decoder.decode(new Uint8Array(), { stream: true }) +
      decoder.decode(new Uint8Array(bytes.slice(1)), { stream: true }) + decoder.decode();
    assert_equals(out, expected, label);
  }
}, "Empty chunks keep the state");

test(() => {
  const decoder = new TextDecoder();
  assert_equals(decoder.decode(new Uint8Array([0xC9]), { stream: true }), "");
  assert_equals(decoder.decode(undefined, {}), R, "undefined input with default options flushes");
  assert_equals(decoder.decode(new Uint8Array([0xC9]), { stream: true }), "");
  assert_equals(decoder.decode(undefined, { stream: true }), "", "undefined input while streaming");
  assert_equals(decoder.decode(new Uint8Array([0xA9])), "\u0269", "C9 A9 completes");
}, "decode(undefined, options)");

test(() => {
  // The input is copied: changing the buffer after a streaming call changes nothing.
  const a = new Uint8Array([0xEF, 0xBB]);
  const b = new Uint8Array([0xBF, 0x40]);
  const decoder = new TextDecoder();
  assert_equals(decoder.decode(a, { stream: true }), "");
  a[0] = 0x01;
  a[1] = 0x02;
  assert_equals(decoder.decode(b), "@", "the BOM was split and removed");
}, "Bytes passed while streaming are not read again");
