// META: script=resources/helpers.js
// Every assert passes when it should and fails, with testharness.js's message, when it should.

test(() => {
  assert_passes(() => assert_true(true));
  assert_fails_with(() => assert_true(1), "assert_true: expected true got 1");
  assert_fails_with(() => assert_true(false, "flag"), "assert_true: flag expected true got false");
  assert_passes(() => assert_false(false));
  assert_fails_with(() => assert_false(0), "assert_false: expected false got 0");
  assert_fails_with(() => assert_false(null, "d"), "assert_false: d expected false got null");
}, "assert_true and assert_false accept only the booleans");

test(() => {
  assert_passes(() => assert_equals(1, 1));
  assert_passes(() => assert_equals(NaN, NaN));
  assert_passes(() => assert_equals("a", "a"));
  const o = {};
  assert_passes(() => assert_equals(o, o));
  assert_fails_with(() => assert_equals(0, -0), "assert_equals: expected -0 but got 0");
  assert_fails_with(() => assert_equals(-0, 0, "zero"), "assert_equals: zero expected 0 but got -0");
  assert_fails_with(() => assert_equals("1", 1), 'assert_equals: expected (number) 1 but got (string) "1"');
  assert_fails_with(() => assert_equals({}, {}), 'assert_equals: expected object "[object Object]" but got object "[object Object]"');
  assert_fails_with(() => assert_equals(undefined, null), "assert_equals: expected (object) null but got (undefined) undefined");
  assert_passes(() => assert_not_equals(0, -0));
  assert_passes(() => assert_not_equals({}, {}));
  assert_fails_with(() => assert_not_equals(NaN, NaN), "assert_not_equals: got disallowed value NaN");
}, "assert_equals and assert_not_equals use SameValue");

test(() => {
  assert_passes(() => assert_in_array(2, [1, 2]));
  assert_fails_with(() => assert_in_array(3, [1, 2]), "assert_in_array: value 3 not in array [1, 2]");
  // indexOf semantics, as in testharness.js: NaN is never found.
  assert_fails_matching(() => assert_in_array(NaN, [NaN]), /not in array/);
}, "assert_in_array uses indexOf");

test(() => {
  assert_passes(() => assert_array_equals([1, "a", NaN], [1, "a", NaN]));
  assert_passes(() => assert_array_equals(new Uint8Array([1, 2]), [1, 2]));
  assert_passes(() => assert_array_equals({ length: 1, 0: "x" }, ["x"]));
  assert_fails_with(() => assert_array_equals(1, [1]), "assert_array_equals: value is 1, expected array");
  assert_fails_with(() => assert_array_equals([1], [1, 2]),
    "assert_array_equals: lengths differ, expected array [1, 2] length 2, got [1] length 1");
  assert_fails_with(() => assert_array_equals([1, 3], [1, 2], "arr"),
    "assert_array_equals: arr expected property 1 to be 2 but got 3 (expected array [1, 2] got [1, 3])");
  assert_fails_with(() => assert_array_equals([0], [-0]),
    "assert_array_equals: expected property 0 to be -0 but got 0 (expected array [-0] got [0])");
  // eslint-disable-next-line no-sparse-arrays
  assert_fails_with(() => assert_array_equals([, 1], [undefined, 1]),
    'assert_array_equals: expected property 0 to be "present" but was "missing" (expected array [undefined, 1] got [undefined, 1])');
  const long = Array.from({ length: 30 }, (_, i) => i);
  const other = long.slice();
  other[25] = -1;
  assert_fails_with(() => assert_array_equals(other, long),
    "assert_array_equals: expected property 25 to be 25 but got -1 (expected array […, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29] got […, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, -1, 26, 27, 28, 29])");
}, "assert_array_equals compares lengths, presence and values, and shortens long arrays");

test(() => {
  assert_passes(() => assert_array_approx_equals([1, 2], [1.05, 1.95], 0.1));
  assert_fails_with(() => assert_array_approx_equals([1], [1, 2], 0.1),
    "assert_array_approx_equals: lengths differ, expected 2 got 1");
  assert_fails_with(() => assert_array_approx_equals([1, "2"], [1, 2], 0.1),
    'assert_array_approx_equals: property 1, expected a number but got a "string"');
  assert_fails_with(() => assert_array_approx_equals([1, 3], [1, 2], 0.1),
    "assert_array_approx_equals: property 1, expected 2 +/- 0.1, expected 2 but got 3");
  assert_passes(() => assert_approx_equals(1.0001, 1, 0.001));
  assert_passes(() => assert_approx_equals(Infinity, Infinity, 1));
  assert_passes(() => assert_approx_equals(NaN, NaN, 1));
  assert_fails_with(() => assert_approx_equals(2, 1, 0.5), "assert_approx_equals: expected 1 +/- 0.5 but got 2");
  assert_fails_with(() => assert_approx_equals("1", 1, 0.5), 'assert_approx_equals: expected a number but got a "string"');
  assert_fails_with(() => assert_approx_equals(Infinity, -Infinity, 1), "assert_equals: expected -Infinity but got Infinity");
}, "assert_approx_equals and assert_array_approx_equals");

test(() => {
  assert_passes(() => assert_less_than(1, 2));
  assert_fails_with(() => assert_less_than(2, 2), "assert_less_than: expected a number less than 2 but got 2");
  assert_fails_with(() => assert_less_than(1n, 2), 'assert_less_than: expected a number but got a "bigint"');
  assert_passes(() => assert_greater_than(3, 2));
  assert_fails_with(() => assert_greater_than(2, 2), "assert_greater_than: expected a number greater than 2 but got 2");
  assert_passes(() => assert_less_than_equal(2, 2));
  assert_fails_with(() => assert_less_than_equal(3, 2), "assert_less_than_equal: expected a number less than or equal to 2 but got 3");
  assert_passes(() => assert_greater_than_equal(2, 2));
  assert_fails_with(() => assert_greater_than_equal(1, 2), "assert_greater_than_equal: expected a number greater than or equal to 2 but got 1");
  assert_passes(() => assert_between_exclusive(2, 1, 3));
  assert_fails_with(() => assert_between_exclusive(1, 1, 3), "assert_between_exclusive: expected a number greater than 1 and less than 3 but got 1");
  assert_passes(() => assert_between_inclusive(1, 1, 3));
  assert_fails_with(() => assert_between_inclusive(4, 1, 3, "x"),
    "assert_between_inclusive: x expected a number greater than or equal to 1 and less than or equal to 3 but got 4");
  assert_fails_with(() => assert_between_inclusive("2", 1, 3), 'assert_between_inclusive: expected a number but got a "string"');
  assert_fails_matching(() => assert_less_than(NaN, 1), /expected a number less than 1 but got NaN/);
}, "numeric comparisons need numbers");

test(() => {
  assert_passes(() => assert_regexp_match("abc", /b/));
  assert_fails_with(() => assert_regexp_match("abc", /d/), 'assert_regexp_match: expected object "/d/" but got "abc"');
  assert_passes(() => assert_not_regexp_match("abc", /d/));
  assert_fails_matching(() => assert_not_regexp_match("abc", /b/), /^assert_not_regexp_match: expected not/);
  assert_passes(() => assert_class_string(new Map(), "Map"));
  assert_passes(() => assert_class_string(null, "Null"));
  assert_fails_with(() => assert_class_string([], "Object"), 'assert_class_string: expected "[object Object]" but got "[object Array]"');
}, "assert_regexp_match and assert_class_string");

test(() => {
  const parent = { inherited: 1 };
  const child = Object.create(parent);
  child.own = 2;
  assert_passes(() => assert_own_property(child, "own"));
  assert_fails_with(() => assert_own_property(child, "inherited"), 'assert_own_property: expected property "inherited" missing');
  assert_passes(() => assert_not_own_property(child, "inherited"));
  assert_fails_with(() => assert_not_own_property(child, "own"), 'assert_not_own_property: unexpected property "own" is found on object');
  assert_passes(() => assert_inherits(child, "inherited"));
  assert_fails_with(() => assert_inherits(child, "own"), 'assert_inherits: property "own" found on object expected in prototype chain');
  assert_fails_with(() => assert_inherits(child, "absent"), 'assert_inherits: property "absent" not found in prototype chain');
  assert_fails_with(() => assert_inherits(1, "x"), "assert_inherits: provided value is not an object");
  assert_fails_with(() => assert_inherits(Object.create(null), "x"),
    "assert_inherits: provided value is an object but has no hasOwnProperty method");
  assert_passes(() => assert_idl_attribute(new URL("http://a/"), "href"));
  assert_fails_with(() => assert_idl_attribute(child, "own"), 'assert_idl_attribute: property "own" found on object expected in prototype chain');
}, "property asserts");

test(() => {
  const frozen = Object.freeze({ x: 1 });
  assert_passes(() => assert_readonly(frozen, "x"));
  const writable = { x: 1 };
  assert_fails_with(() => assert_readonly(writable, "x"), 'assert_readonly: changing property "x" succeeded');
  assert_equals(writable.x, 1, "the initial value is restored");
}, "assert_readonly tries a write and restores the value");

test(() => {
  assert_passes(() => assert_throws_js(TypeError, () => null.x));
  assert_passes(() => assert_throws_js(RangeError, () => new Array(-1)));
  assert_fails_with(() => assert_throws_js(TypeError, function f() {}), 'assert_throws_js: function "function f() {}" did not throw');
  assert_fails_with(() => assert_throws_js(TypeError, function f() { throw new RangeError("r"); }),
    'assert_throws_js: function "function f() { throw new RangeError("r"); }" threw object "RangeError: r" ("RangeError") expected instance of function "function TypeError() {\n    [native code]\n}" ("TypeError")');
  assert_fails_matching(() => assert_throws_js(TypeError, () => { throw "str"; }), /threw "str" with type "string", not an object/);
  assert_fails_matching(() => assert_throws_js(TypeError, () => { throw null; }), /threw null, not an object/);
  assert_fails_matching(() => assert_throws_js(Object, () => { throw new TypeError(); }), /is not an Error subtype/);
  assert_fails_matching(() => assert_throws_js("TypeError", () => { throw new TypeError(); }), /"TypeError" is not a constructor/);
  // A subclass instance is not the class: the constructor must match exactly.
  class MyError extends TypeError {}
  assert_fails_matching(() => assert_throws_js(TypeError, () => { throw new MyError(); }), /expected instance of/);
  assert_passes(() => assert_throws_js(MyError, () => { const e = new MyError(); e.name = "MyError"; throw e; }));
  // An AssertionError thrown by the function passes through unchanged.
  assert_fails_with(() => assert_throws_js(TypeError, () => assert_true(false, "inner")), "assert_true: inner expected true got false");
}, "assert_throws_js checks the constructor and name exactly");

test(() => {
  assert_passes(() => assert_throws_exactly(42, () => { throw 42; }));
  const error = new Error("e");
  assert_passes(() => assert_throws_exactly(error, () => { throw error; }));
  assert_fails_with(() => assert_throws_exactly(42, function f() { throw 43; }),
    'assert_throws_exactly: function "function f() { throw 43; }" threw 43 but we expected it to throw 42');
  assert_fails_with(() => assert_throws_exactly(42, function f() {}), 'assert_throws_exactly: function "function f() {}" did not throw');
  assert_fails_with(() => assert_throws_exactly(new Error("e"), () => { throw error; }),
    'assert_throws_exactly: function "() => { throw error; }" threw object "Error: e" but we expected it to throw object "Error: e"');
}, "assert_throws_exactly uses SameValue on the thrown value");

test(() => {
  assert_passes(() => assert_throws_dom("SyntaxError", () => { throw new DOMException("m", "SyntaxError"); }));
  assert_passes(() => assert_throws_dom("SYNTAX_ERR", () => { throw new DOMException("m", "SyntaxError"); }));
  assert_passes(() => assert_throws_dom(12, () => { throw new DOMException("m", "SyntaxError"); }));
  assert_passes(() => assert_throws_dom("DataError", () => { throw new DOMException("m", "DataError"); }));
  assert_passes(() => assert_throws_dom("AbortError", DOMException, () => { throw new DOMException("m", "AbortError"); }, "with constructor"));
  assert_fails_with(() => assert_throws_dom("AbortError", function f() {}), 'assert_throws_dom: function "function f() {}" did not throw');
  assert_fails_matching(() => assert_throws_dom("AbortError", () => { throw new DOMException("m", "SyntaxError"); }),
    /that is not a DOMException AbortError: property "code" is equal to 12, expected 20$/);
  assert_fails_matching(() => assert_throws_dom("DataError", () => { throw new DOMException("m", "OperationError"); }),
    /that is not a DOMException DataError: property "name" is equal to "OperationError", expected "DataError"$/);
  assert_fails_matching(() => assert_throws_dom("SyntaxError", () => { throw new SyntaxError("js"); }),
    /that is not a DOMException SyntaxError: property "code" is equal to undefined, expected 12$/);
  assert_fails_matching(() => assert_throws_dom("AbortError", () => { throw 1; }), /with type "number", not an object/);
  const foreign = { code: 20, name: "AbortError" };
  assert_fails_matching(() => assert_throws_dom("AbortError", () => { throw foreign; }), /threw an exception from the wrong global$/);
  assert_fails_with(() => assert_throws_dom("NoSuchError", () => { throw new DOMException("m"); }),
    'Test bug: unrecognized DOMException code name or name "NoSuchError" passed to assert_throws_dom()');
  assert_fails_with(() => assert_throws_dom(0, () => { throw new DOMException("m"); }),
    "Test bug: ambiguous DOMException code 0 passed to assert_throws_dom()");
  assert_fails_with(() => assert_throws_dom(99, () => { throw new DOMException("m"); }),
    'Test bug: unrecognized DOMException code "99" passed to assert_throws_dom()');
  assert_fails_matching(() => assert_throws_dom("AbortError", () => {}, "description", "extra"), /Too many args/);
}, "assert_throws_dom checks the name, the legacy code and the global");

test(() => {
  assert_fails_with(() => assert_unreached("here"), "assert_unreached: here Reached unreachable code");
  assert_fails_with(() => assert_unreached(), "assert_unreached: Reached unreachable code");
}, "assert_unreached always fails");

test(() => {
  assert_passes(() => assert_any(assert_equals, 2, [1, 2, 3]));
  assert_fails_with(() => assert_any(assert_equals, 4, [1, 2]),
    "assert_equals: expected 1 but got 4\n\nassert_equals: expected 2 but got 4");
}, "assert_any passes when one expected value passes");

test(() => {
  assert_passes(() => assert_implements(1));
  assert_fails_matching(() => assert_implements(0, "Feature"), /^assert_implements: Feature/);
  assert_passes(() => assert_implements_optional(true));
  let error;
  try {
    assert_implements_optional(false, "optional thing");
  } catch (e) {
    error = e;
  }
  assert_true(error instanceof OptionalFeatureUnsupportedError, "an OptionalFeatureUnsupportedError");
  assert_true(error instanceof AssertionError, "which is an AssertionError");
  assert_equals(error.message, "optional thing");
}, "assert_implements fails; assert_implements_optional throws OptionalFeatureUnsupportedError");

test(() => {
  const e = new AssertionError("m");
  assert_true(e instanceof Error, "AssertionError inherits from Error");
  assert_equals(e.message, "m");
  assert_equals(typeof e.stack, "string");
  assert_equals(new AssertionError("a\uD800b").message, "aU+d800b", "lone surrogates are sanitized");
}, "AssertionError");
