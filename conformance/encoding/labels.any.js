// "Get an encoding": every label of every encoding, ASCII whitespace, ASCII case-insensitivity,
// and what is not a label. https://encoding.spec.whatwg.org/#names-and-labels
// META: script=resources/encoding-data.js

const asciiWhitespace = [" ", "\t", "\n", "\f", "\r"];

for (const section of encodingsTable) {
  for (const encoding of section.encodings) {
    if (encoding.name === "replacement") continue;
    test(() => {
      const expected = encoding.name.toLowerCase();
      for (const label of encoding.labels) {
        assert_equals(new TextDecoder(label).encoding, expected, label);
        assert_equals(new TextDecoder(label.toUpperCase()).encoding, expected, `${label} upper case`);
        const mixed = label.replace(/[a-z]/g, (c, i) => (i % 2 ? c.toUpperCase() : c));
        assert_equals(new TextDecoder(mixed).encoding, expected, `${mixed}`);
        for (const ws of asciiWhitespace) {
          assert_equals(new TextDecoder(ws + label).encoding, expected, `leading ${JSON.stringify(ws)}`);
          assert_equals(new TextDecoder(label + ws).encoding, expected, `trailing ${JSON.stringify(ws)}`);
          assert_equals(new TextDecoder(ws + ws + label + ws + ws).encoding, expected, "both sides");
        }
      }
    }, `Labels of ${encoding.name}`);
  }
}

test(() => {
  const replacement = encodingsTable.flatMap((s) => s.encodings).find((e) => e.name === "replacement");
  assert_true(replacement.labels.length > 0);
  for (const label of replacement.labels) {
    assert_throws_js(RangeError, () => new TextDecoder(label), label);
    assert_throws_js(RangeError, () => new TextDecoder(" " + label.toUpperCase()), label);
  }
}, "Labels of the replacement encoding are rejected");

test(() => {
  const labels = encodingsTable.flatMap((s) => s.encodings.flatMap((e) => e.labels));
  // Not ASCII whitespace: NUL, vertical tab, no-break space, line/paragraph separators.
  for (const label of labels) {
    for (const ws of ["\u0000", "\u000B", "\u00A0", "\u2028", "\u2029", "\uFEFF"]) {
      assert_throws_js(RangeError, () => new TextDecoder(ws + label), `${JSON.stringify(ws)} + ${label}`);
      assert_throws_js(RangeError, () => new TextDecoder(label + ws), `${label} + ${JSON.stringify(ws)}`);
    }
  }
}, "Whitespace other than ASCII whitespace is part of the label");

test(() => {
  // U+212A KELVIN SIGN lowercases to "k" under Unicode rules, but labels match ASCII only.
  for (const label of ["\u212Aoi8-r", "\u212Aoi8-u", "euc-\u212Ar", "\u0130so-8859-2", "utf-8\u0131"]) {
    assert_throws_js(RangeError, () => new TextDecoder(label), label);
  }
}, "Labels match ASCII case-insensitively, not Unicode case-insensitively");

test(() => {
  const bogus = ["", " ", "\t\n", "invalid-invalidLabel", "utf-7", "unicode-1-1-utf-7", "utf-32", "utf-32le",
    "utf-32be", "x-mac-japanese", "iso-8859-1 ", "iso-8859-1\u0000", "utf-8-", "utf8 8", "iso88599x", "cp1252a",
    "ebcdic-us", "ibm037", "cp037", "hz", "iso-2022-jp-2", "x-user-defined2", "latin1!", "big5 hkscs"];
  for (const label of bogus) {
    if (label === "iso-8859-1 ") {
      assert_equals(new TextDecoder(label).encoding, "windows-1252", "sanity: trailing space is trimmed");
      continue;
    }
    assert_throws_js(RangeError, () => new TextDecoder(label), JSON.stringify(label));
  }
}, "Strings that are not labels are rejected with RangeError");

test(() => {
  assert_equals(new TextDecoder({ toString: () => " Latin1 " }).encoding, "windows-1252");
  assert_equals(new TextDecoder(["utf-16be"]).encoding, "utf-16be");
  assert_throws_js(TypeError, () => new TextDecoder(Symbol()), "a symbol is not a DOMString");
  assert_throws_js(RangeError, () => new TextDecoder(null), "null becomes 'null'");
}, "The label is converted to a DOMString");

test(() => {
  try {
    new TextDecoder("no-such-encoding");
    assert_unreached("should throw");
  } catch (e) {
    assert_true(e instanceof RangeError);
    assert_true(e.message.includes("TextDecoder"), "the message names the operation: " + e.message);
    assert_true(e.message.includes("no-such-encoding"), "the message names the label: " + e.message);
  }
}, "The RangeError names the operation and the label");

test(() => {
  const names = encodingsTable.flatMap((s) => s.encodings).map((e) => e.name).filter((n) => n !== "replacement");
  for (const name of names) assert_equals(new TextDecoder(name).encoding, name.toLowerCase(), name);
}, "Every encoding name is a label of its encoding; encoding is the name lowercased");
