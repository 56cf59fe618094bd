// application/x-www-form-urlencoded parsing and serializing
// (https://url.spec.whatwg.org/#concept-urlencoded-parser, #concept-urlencoded-serializer).

const parsing = [
  ["", []],
  ["a", [["a", ""]]],
  ["a=", [["a", ""]]],
  ["=b", [["", "b"]]],
  ["=", [["", ""]]],
  ["&&&", []],
  ["a=b=c", [["a", "b=c"]]],
  ["a&b&a", [["a", ""], ["b", ""], ["a", ""]]],
  ["a+b=c+d", [["a b", "c d"]]],
  ["a%2Bb=%2b", [["a+b", "+"]]],
  ["%20=%25", [[" ", "%"]]],
  ["%=%zz&%4=%4G", [["%", "%zz"], ["%4", "%4G"]]],
  ["%C3%A9=%e2%82%AC", [["\u00E9", "\u20AC"]]],
  ["\u00E9=\uD83D\uDE00", [["\u00E9", "\uD83D\uDE00"]]],
  ["a=%FF", [["a", "\uFFFD"]]],
  ["a=%C3", [["a", "\uFFFD"]]],
  ["a=%C3%28", [["a", "\uFFFD("]]],
  ["a=%E2%82", [["a", "\uFFFD"]]],
  ["a=%F0%9F%98", [["a", "\uFFFD"]]],
  ["a=%ED%A0%80", [["a", "\uFFFD\uFFFD\uFFFD"]]],
  ["a=%C0%80", [["a", "\uFFFD\uFFFD"]]],
  ["a=%EF%BB%BFx", [["a", "\uFEFFx"]]],
  ["%EF%BB%BFa=1", [["\uFEFFa", "1"]]],
  ["a=%C3\u00E9", [["a", "\uFFFD\u00E9"]]],
  ["a=%00", [["a", "\u0000"]]],
  ["a=b;c=d", [["a", "b;c=d"]]],
  ["?a=b", [["?a", "b"]]],
];

for (const [input, expected] of parsing) {
  test(() => {
    const params = new URLSearchParams(input.startsWith("?") ? "?" + input : input);
    const pairs = [...params];
    assert_equals(pairs.length, expected.length, "number of pairs");
    for (let i = 0; i < expected.length; i++) {
      assert_equals(pairs[i][0], expected[i][0], `name ${i}`);
      assert_equals(pairs[i][1], expected[i][1], `value ${i}`);
    }
  }, `parsing ${JSON.stringify(input)}`);
}

const serializing = [
  [[["a", "b"]], "a=b"],
  [[["a b", "c d"]], "a+b=c+d"],
  [[["*-._", "*-._"]], "*-._=*-._"],
  [[["!'()~", "!'()~"]], "%21%27%28%29%7E=%21%27%28%29%7E"],
  [[["+&=%#?/", ""]], "%2B%26%3D%25%23%3F%2F="],
  [[["\u00E9", "\u20AC"]], "%C3%A9=%E2%82%AC"],
  [[["\uD83D\uDE00", ""]], "%F0%9F%98%80="],
  [[["\u0000\n\r\t", "\u007F"]], "%00%0A%0D%09=%7F"],
  [[["", ""]], "="],
  [[["a", ""], ["", "b"]], "a=&=b"],
  [[["AZaz09", "\"<>`{}|\\^[]"]], "AZaz09=%22%3C%3E%60%7B%7D%7C%5C%5E%5B%5D"],
  [[["$,:;@", ""]], "%24%2C%3A%3B%40="],
];

for (const [pairs, expected] of serializing) {
  test(() => {
    assert_equals(new URLSearchParams(pairs).toString(), expected);
  }, `serializing ${JSON.stringify(pairs)}`);
}

test(() => {
  let all = "";
  for (let c = 0; c < 0x80; c++) all += String.fromCharCode(c);
  const serialized = new URLSearchParams([[all, all]]).toString();
  const roundTrip = new URLSearchParams(serialized);
  assert_equals(roundTrip.get(all), all, "every ASCII code point survives a round trip");
  assert_equals(roundTrip.size, 1);
}, "round trip of every ASCII code point");
