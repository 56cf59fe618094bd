// format_value renders values as testharness.js does in assertion messages.

test(() => {
  assert_equals(format_value("abc"), '"abc"');
  assert_equals(format_value('a"b\\c'), '"a\\"b\\\\c"');
  assert_equals(format_value("\0\x01\b\t\n\v\f\r\x1f"), '"\\0\\x01\\b\\t\\n\\v\\f\\r\\x1f"');
  assert_equals(format_value("\ufffd\ufffe\uffff"), '"\\ufffd\\ufffe\\uffff"');
  assert_equals(format_value("é\u2028"), '"é\u2028"', "other characters are kept");
}, "strings are quoted with escapes for control characters and non-characters");

test(() => {
  assert_equals(format_value(0), "0");
  assert_equals(format_value(-0), "-0");
  assert_equals(format_value(NaN), "NaN");
  assert_equals(format_value(-Infinity), "-Infinity");
  assert_equals(format_value(1.5), "1.5");
  assert_equals(format_value(true), "true");
  assert_equals(format_value(undefined), "undefined");
  assert_equals(format_value(null), "null");
  assert_equals(format_value(10n), 'bigint "10"');
  assert_equals(format_value(Symbol("s")), 'symbol "Symbol(s)"');
}, "primitives");

test(() => {
  assert_equals(format_value([1, "a", [null]]), '[1, "a", [null]]');
  const cyclic = [1];
  cyclic.push(cyclic);
  assert_equals(format_value(cyclic), "[1, [...]]");
  assert_equals(format_value({}), 'object "[object Object]"');
  assert_equals(format_value(new TypeError("bad")), 'object "TypeError: bad"');
  assert_equals(format_value({ toString() { return "custom"; } }), 'object "custom"');
  assert_equals(format_value({ toString() { throw new Error("no"); } }),
    '[stringifying object threw Error: no with type object]');
  assert_equals(format_value(Object.create(null)),
    '[stringifying object threw TypeError: No default value with type object]');
  assert_equals(format_value(function f(a) { return a; }), 'function "function f(a) { return a; }"');
  assert_equals(format_value("x".repeat(2000)).length, 2002, "strings are not truncated");
}, "objects, arrays and functions");

test(() => {
  const long = { toString() { return "y".repeat(2000); } };
  const text = format_value(long);
  assert_equals(text, 'object "' + "y".repeat(997) + '..."', "object renderings are cut at 1000 characters");
}, "long object renderings are truncated");
