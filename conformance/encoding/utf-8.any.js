// The UTF-8 decoder: maximal subparts, boundaries, end of queue, fatal mode.
// https://encoding.spec.whatwg.org/#utf-8-decoder

function decode(bytes, options) {
  return new TextDecoder("utf-8", options).decode(new Uint8Array(bytes));
}

const R = "\uFFFD";

test(() => {
  assert_equals(decode([0x00, 0x7F]), "\x00\x7F");
  assert_equals(decode([0xC2, 0x80]), "\x80");
  assert_equals(decode([0xDF, 0xBF]), "\u07FF");
  assert_equals(decode([0xE0, 0xA0, 0x80]), "\u0800");
  assert_equals(decode([0xED, 0x9F, 0xBF]), "\uD7FF");
  assert_equals(decode([0xEE, 0x80, 0x80]), "\uE000");
  assert_equals(decode([0xEF, 0xBF, 0xBF]), "\uFFFF");
  assert_equals(decode([0xF0, 0x90, 0x80, 0x80]), "\u{10000}");
  assert_equals(decode([0xF4, 0x8F, 0xBF, 0xBF]), "\u{10FFFF}");
}, "Boundaries of each sequence length");

const invalid = [
  // [bytes, expected, name]
  [[0x80], R, "lone continuation byte"],
  [[0xBF], R, "lone continuation byte 0xBF"],
  [[0xC0, 0x80], R + R, "overlong U+0000 (C0 is never valid)"],
  [[0xC1, 0xBF], R + R, "overlong U+007F (C1 is never valid)"],
  [[0xE0, 0x80, 0x80], R + R + R, "overlong 3-byte: E0 needs A0-BF next"],
  [[0xE0, 0x9F, 0xBF], R + R + R, "overlong U+07FF"],
  [[0xED, 0xA0, 0x80], R + R + R, "surrogate U+D800"],
  [[0xED, 0xBF, 0xBF], R + R + R, "surrogate U+DFFF"],
  [[0xF0, 0x80, 0x80, 0x80], R + R + R + R, "overlong 4-byte: F0 needs 90-BF next"],
  [[0xF0, 0x8F, 0xBF, 0xBF], R + R + R + R, "overlong U+FFFF"],
  [[0xF4, 0x90, 0x80, 0x80], R + R + R + R, "above U+10FFFF: F4 needs 80-8F next"],
  [[0xF5, 0x80, 0x80, 0x80], R + R + R + R, "F5 is never valid"],
  [[0xF8, 0x88, 0x80, 0x80, 0x80], R + R + R + R + R, "5-byte form"],
  [[0xFC, 0x84, 0x80, 0x80, 0x80, 0x80], R.repeat(6), "6-byte form"],
  [[0xFE], R, "FE"],
  [[0xFF], R, "FF"],
  [[0xE2, 0x82], R, "truncated 3-byte sequence at the end is one error"],
  [[0xF0, 0x9F, 0x92], R, "truncated 4-byte sequence at the end is one error"],
  [[0xF0, 0x9F, 0x92, 0x41], R + "A", "truncated sequence before ASCII: the ASCII byte is kept"],
  [[0xE2, 0x82, 0xE2, 0x82, 0xAC], R + "\u20AC", "truncated sequence before a valid one"],
  [[0xF0, 0x41, 0xF0], R + "A" + R, "lead, ASCII, lead"],
  [[0xF0, 0xC2, 0x80, 0x2A], R + "\x80*", "lead followed by a lead of a valid sequence"],
  [[0x61, 0xF1, 0x80, 0x80, 0xE1, 0x80, 0xC2, 0x62, 0x80, 0x63, 0x80, 0xBF, 0x64],
    "a" + R + R + R + "b" + R + "c" + R + R + "d", "Unicode's example of maximal subparts"],
];

for (const [bytes, expected, name] of invalid) {
  test(() => {
    assert_equals(decode(bytes), expected);
    assert_throws_js(TypeError, () => decode(bytes, { fatal: true }));
  }, `Invalid: ${name}`);
}

test(() => {
  try {
    decode([0xFF], { fatal: true });
    assert_unreached("should throw");
  } catch (e) {
    assert_true(e instanceof TypeError);
    assert_true(e.message.includes("decode") && e.message.includes("utf-8"), e.message);
  }
}, "The fatal TypeError names the operation and the encoding");

test(() => {
  // Every byte value after an ASCII prefix of every length, for the fast path's edges.
  for (let n = 0; n < 20; n++) {
    const prefix = "a".repeat(n);
    for (const [bytes, expected] of [[[0xC2, 0xA9], "\xA9"], [[0xE2, 0x82, 0xAC], "\u20AC"],
      [[0xF0, 0x9F, 0x98, 0x80], "\u{1F600}"], [[0xC2], R], [[0xE2, 0x82], R], [[0xF0, 0x9F, 0x98], R],
      [[0x80], R]]) {
      const input = new Uint8Array(n + bytes.length).fill(0x61);
      input.set(bytes, n);
      assert_equals(new TextDecoder().decode(input), prefix + expected, `${n} + ${bytes}`);
    }
  }
}, "Sequences after ASCII runs of every length");

test(() => {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const valid = new TextEncoder().encode("héllo wörld 日本 \u{1F600}".repeat(100));
  assert_equals(decoder.decode(valid), "héllo wörld 日本 \u{1F600}".repeat(100));
  const broken = new Uint8Array(valid);
  broken[broken.length - 1] = 0x41;
  assert_throws_js(TypeError, () => decoder.decode(broken));
  assert_equals(new TextDecoder().decode(broken).slice(-2), R + "A", "F0 9F 98 41: one error, then A");
}, "Fatal mode over long input");

test(() => {
  const big = new Uint8Array(1 << 20);
  for (let i = 0; i < big.length; i++) big[i] = 0x20 + (i % 90);
  const text = new TextDecoder().decode(big);
  assert_equals(text.length, big.length);
  assert_array_equals(new TextEncoder().encode(text), big);
}, "A megabyte of ASCII round-trips");
