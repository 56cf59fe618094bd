// Verge's implementation of the testharness.js API (the web-platform-tests harness), written
// for the edge sandbox from the harness's documented behaviour
// (https://web-platform-tests.org/writing-tests/testharness-api.html). `verge conformance`
// loads it before each test file of our suite; results are written to the console as one
// line: "\u001eVERGE-TESTHARNESS <json>". (`verge conformance --wpt` runs a checkout's own
// resources/testharness.js instead.)
//
// The harness behaves like testharness.js in a window whose `load` event is the end of the
// test file (the runner's "sync done" signal):
//   - tests: test, async_test, promise_test (serial), promise_setup, setup (explicit_done,
//     allow_uncaught_exception, single_test, explicit_timeout, timeout_multiplier), done,
//     single_test, generate_tests, timeout, step_timeout, on_event;
//   - Test: step, step_func, step_func_done, unreached_func, step_timeout, step_wait_func,
//     step_wait_func_done, step_wait, add_cleanup (thenables for promise tests), done,
//     timeout, force_timeout;
//   - asserts: the assert_* family, assert_throws_js/dom/exactly, promise_rejects_js/dom/exactly,
//     assert_any, assert_implements(_optional), format_value, AssertionError,
//     OptionalFeatureUnsupportedError, EventWatcher;
//   - callbacks: add_start_callback, add_test_state_callback, add_result_callback,
//     add_completion_callback (called with (tests, harness_status, asserts));
//   - helpers: fetch_json(url).
// Statuses: subtests PASS, FAIL, TIMEOUT, NOTRUN, PRECONDITION_FAILED; the harness OK,
// ERROR, TIMEOUT, PRECONDITION_FAILED. Uncaught exceptions and unhandled rejections make
// the harness status ERROR (or fail the test in single_test mode), as in testharness.js.
(function (global) {
  "use strict";

  const MARKER = "\u001eVERGE-TESTHARNESS ";

  // Built-ins captured before any test runs: tests may replace them.
  const log = console.log.bind(console);
  const ObjectCreate = Object.create;
  const ObjectDefineProperty = Object.defineProperty;
  const ObjectGetPrototypeOf = Object.getPrototypeOf;
  const ObjectKeys = Object.keys;
  const ReflectSet = Reflect.set;
  const ObjectPrototypeToString = Object.prototype.toString;
  const hasOwn = Function.prototype.call.bind(Object.prototype.hasOwnProperty);
  const ArrayIsArray = Array.isArray;
  const JSONStringify = JSON.stringify;
  const MathAbs = Math.abs;
  const MathCeil = Math.ceil;
  const MathFloor = Math.floor;
  const MathMin = Math.min;
  const MathMax = Math.max;
  const NumberIsFinite = isFinite;
  const String_ = String;
  const StringFromCharCode = String.fromCharCode;
  const RegExp_ = RegExp;
  const Error_ = Error;
  const Promise_ = Promise;
  const PromiseResolve = Promise.resolve.bind(Promise);
  const setTimeoutRef = setTimeout;
  const clearTimeoutRef = clearTimeout;
  const addEventListenerRef = globalThis.addEventListener;
  const call = Function.prototype.call.bind(Function.prototype.call);
  const apply = Function.prototype.call.bind(Function.prototype.apply);
  const bind = Function.prototype.call.bind(Function.prototype.bind);
  const FunctionPrototypeToString = Function.prototype.call.bind(Function.prototype.toString);
  const ArrayPrototypeSlice = Function.prototype.call.bind(Array.prototype.slice);
  const PromisePrototypeThen = Function.prototype.call.bind(Promise.prototype.then);
  const then = (promise, onFulfilled, onRejected) => PromisePrototypeThen(promise, onFulfilled, onRejected);
  const catch_ = (promise, onRejected) => PromisePrototypeThen(promise, undefined, onRejected);

  const settings = { debug: false };

  // ---------------------------------------------------------------------------------
  // Small helpers (no array methods tests could have replaced)

  function forEach(array, callback) {
    for (let i = 0; i < array.length; i++) {
      if (hasOwn(array, i)) callback(array[i], i, array);
    }
  }

  function map(array, callback) {
    const out = [];
    out.length = array.length;
    for (let i = 0; i < array.length; i++) {
      if (hasOwn(array, i)) out[i] = callback(array[i], i, array);
    }
    return out;
  }

  function filter(array, callback) {
    const out = [];
    for (let i = 0; i < array.length; i++) {
      if (hasOwn(array, i) && callback(array[i], i, array)) out[out.length] = array[i];
    }
    return out;
  }

  function indexOf(array, value) {
    for (let i = 0; i < array.length; i++) if (array[i] === value) return i;
    return -1;
  }

  function join(array, separator) {
    let out = "";
    for (let i = 0; i < array.length; i++) out += (i ? separator : "") + array[i];
    return out;
  }

  function merge(a, b) {
    const out = {};
    for (const p in a) out[p] = a[p];
    for (const p in b) out[p] = b[p];
    return out;
  }

  /** Calls `iteratee(value, done)` for each value, then `finish` once all called done. */
  function allAsync(values, iteratee, finish) {
    let remaining = values.length;
    if (remaining === 0) finish();
    forEach(values, (value) => {
      let invoked = false;
      iteratee(value, () => {
        if (invoked) return;
        invoked = true;
        remaining -= 1;
        if (remaining === 0) finish();
      });
    });
  }

  function expose(value, name) {
    ObjectDefineProperty(global, name, { value, writable: true, configurable: true, enumerable: false });
  }

  function isThenable(value) {
    return !!value && (typeof value === "object" || typeof value === "function") && typeof value.then === "function";
  }

  // ---------------------------------------------------------------------------------
  // Errors

  /** Replaces lone surrogates with "U+XXXX" so results survive UTF-8 transports. */
  function sanitizeUnpairedSurrogates(text) {
    let out = "";
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
        const next = text.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) {
          out += text[i] + text[i + 1];
          i++;
          continue;
        }
      }
      if (code >= 0xd800 && code <= 0xdfff) out += "U+" + code.toString(16);
      else out += text[i];
    }
    return out;
  }

  /** The current stack without the harness's own frames. */
  function getStack() {
    const stack = new Error_().stack;
    if (!stack) return "(Stack trace unavailable)";
    const lines = stack.split("\n");
    let i = 0;
    while (i < lines.length && !/testharness\.js:\d+/.test(lines[i])) i++;
    while (i < lines.length && /testharness\.js:\d+/.test(lines[i])) i++;
    if (i >= lines.length) return stack;
    return join(lines.slice(i), "\n");
  }

  /** The exception a failing assert throws. */
  function AssertionError(message) {
    if (typeof message === "string") message = sanitizeUnpairedSurrogates(message);
    this.message = message;
    this.stack = getStack();
  }
  AssertionError.prototype = ObjectCreate(Error_.prototype);
  ObjectDefineProperty(AssertionError.prototype, "constructor", { value: AssertionError, writable: true, configurable: true });
  ObjectDefineProperty(AssertionError.prototype, "name", { value: "AssertionError", writable: true, configurable: true });

  /** Thrown by assert_implements_optional: the subtest is PRECONDITION_FAILED. */
  function OptionalFeatureUnsupportedError(message) {
    AssertionError.call(this, message);
  }
  OptionalFeatureUnsupportedError.prototype = ObjectCreate(AssertionError.prototype);
  ObjectDefineProperty(OptionalFeatureUnsupportedError.prototype, "constructor", { value: OptionalFeatureUnsupportedError, writable: true, configurable: true });
  ObjectDefineProperty(OptionalFeatureUnsupportedError.prototype, "name", { value: "OptionalFeatureUnsupportedError", writable: true, configurable: true });

  function assert(expectedTrue, functionName, description, error, substitutions) {
    if (expectedTrue !== true) {
      throw new AssertionError(makeMessage(functionName, description, error, substitutions));
    }
  }

  /** "fn: description message", with each ${name} replaced by format_value(substitutions[name]). */
  function makeMessage(functionName, description, error, substitutions) {
    const formatted = {};
    for (const p in substitutions) {
      if (hasOwn(substitutions, p)) formatted[p] = format_value(substitutions[p]);
    }
    const template = (error === undefined ? "" : String_(error));
    const body = template.replace(/\$\{([^ }]*)\}/g, (_, name) => String_(formatted[name]));
    return functionName + ": " + (description ? description + " " : "") + body;
  }

  // ---------------------------------------------------------------------------------
  // format_value

  const replacements = {
    0: "0", 1: "x01", 2: "x02", 3: "x03", 4: "x04", 5: "x05", 6: "x06", 7: "x07",
    8: "b", 9: "t", 10: "n", 11: "v", 12: "f", 13: "r", 14: "x0e", 15: "x0f",
    16: "x10", 17: "x11", 18: "x12", 19: "x13", 20: "x14", 21: "x15", 22: "x16", 23: "x17",
    24: "x18", 25: "x19", 26: "x1a", 27: "x1b", 28: "x1c", 29: "x1d", 30: "x1e", 31: "x1f",
    0xfffd: "ufffd", 0xfffe: "ufffe", 0xffff: "uffff",
  };

  function truncate(s, length) {
    return s.length > length ? s.substring(0, length - 3) + "..." : s;
  }

  /** A readable rendering of any value, as testharness.js prints values in messages. */
  function format_value(val, seen) {
    if (!seen) seen = [];
    if (typeof val === "object" && val !== null) {
      if (indexOf(seen, val) >= 0) return "[...]";
      seen[seen.length] = val;
    }
    if (ArrayIsArray(val)) {
      let output = "[";
      if (val.beginEllipsis !== undefined) output += "…, ";
      output += join(map(val, (x) => format_value(x, seen)), ", ");
      if (val.endEllipsis !== undefined) output += ", …";
      return output + "]";
    }
    switch (typeof val) {
      case "string": {
        let out = "";
        for (let i = 0; i < val.length; i++) {
          const code = val.charCodeAt(i);
          if (code === 0x5c) out += "\\\\";
          else if (code === 0x22) out += "\\\"";
          else if (hasOwn(replacements, code)) out += "\\" + replacements[code];
          else out += val[i];
        }
        return '"' + out + '"';
      }
      case "boolean":
      case "undefined":
        return String_(val);
      case "number":
        if (val === 0 && 1 / val === -Infinity) return "-0";
        return String_(val);
      case "object":
        if (val === null) return "null";
      // falls through
      default:
        try {
          return typeof val + ' "' + truncate(String_(val), 1000) + '"';
        } catch (e) {
          return "[stringifying object threw " + String_(e) + " with type " + String_(typeof e) + "]";
        }
    }
  }

  // ---------------------------------------------------------------------------------
  // Asserts

  function same_value(x, y) {
    if (y !== y) return x !== x;
    if (x === 0 && y === 0) return 1 / x === 1 / y;
    return x === y;
  }

  function assert_true(actual, description) {
    assert(actual === true, "assert_true", description, "expected true got ${actual}", { actual });
  }

  function assert_false(actual, description) {
    assert(actual === false, "assert_false", description, "expected false got ${actual}", { actual });
  }

  function assert_equals(actual, expected, description) {
    if (typeof actual !== typeof expected) {
      assert(false, "assert_equals", description,
        "expected (" + typeof expected + ") ${expected} but got (" + typeof actual + ") ${actual}", { expected, actual });
      return;
    }
    assert(same_value(actual, expected), "assert_equals", description, "expected ${expected} but got ${actual}", { expected, actual });
  }

  function assert_not_equals(actual, expected, description) {
    assert(!same_value(actual, expected), "assert_not_equals", description, "got disallowed value ${actual}", { actual });
  }

  function assert_in_array(actual, expected, description) {
    assert(expected.indexOf(actual) !== -1, "assert_in_array", description, "value ${actual} not in array ${expected}", { actual, expected });
  }

  function assert_object_equals(actual, expected, description) {
    assert(typeof actual === "object" && actual !== null, "assert_object_equals", description,
      "value is ${actual}, expected object", { actual });
    function checkEqual(a, e, stack) {
      stack[stack.length] = a;
      for (const p in a) {
        assert(hasOwn(e, p), "assert_object_equals", description, "unexpected property ${p}", { p });
        if (typeof a[p] === "object" && a[p] !== null) {
          if (indexOf(stack, a[p]) === -1) checkEqual(a[p], e[p], stack);
        } else {
          assert(same_value(a[p], e[p]), "assert_object_equals", description,
            "property ${p} expected ${expected} got ${actual}", { p, expected: e[p], actual: a[p] });
        }
      }
      for (const p in e) {
        assert(hasOwn(a, p), "assert_object_equals", description, "expected property ${p} missing", { p });
      }
      stack.length -= 1;
    }
    checkEqual(actual, expected, []);
  }

  function shortenArray(array, offset = 0) {
    const maxLength = 20;
    if (array.length < maxLength + 2) return array;
    const afterOffset = MathFloor(maxLength / 2);
    let upper = MathMin(afterOffset + offset, array.length);
    const lower = MathMax(upper - maxLength, 0);
    if (lower === 0) upper = maxLength;
    const output = ArrayPrototypeSlice(array, lower, upper);
    if (lower > 0) output.beginEllipsis = true;
    if (upper < array.length) output.endEllipsis = true;
    return output;
  }

  function assert_array_equals(actual, expected, description) {
    assert(typeof actual === "object" && actual !== null && "length" in actual, "assert_array_equals", description,
      "value is ${actual}, expected array", { actual });
    assert(actual.length === expected.length, "assert_array_equals", description,
      "lengths differ, expected array ${expected} length ${expectedLength}, got ${actual} length ${actualLength}",
      { expected: shortenArray(expected, expected.length - 1), expectedLength: expected.length,
        actual: shortenArray(actual, actual.length - 1), actualLength: actual.length });
    for (let i = 0; i < actual.length; i++) {
      assert(hasOwn(actual, i) === hasOwn(expected, i), "assert_array_equals", description,
        "expected property ${i} to be ${expected} but was ${actual} (expected array ${arrayExpected} got ${arrayActual})",
        { i, expected: hasOwn(expected, i) ? "present" : "missing", actual: hasOwn(actual, i) ? "present" : "missing",
          arrayExpected: shortenArray(expected, i), arrayActual: shortenArray(actual, i) });
      assert(same_value(expected[i], actual[i]), "assert_array_equals", description,
        "expected property ${i} to be ${expected} but got ${actual} (expected array ${arrayExpected} got ${arrayActual})",
        { i, expected: expected[i], actual: actual[i],
          arrayExpected: shortenArray(expected, i), arrayActual: shortenArray(actual, i) });
    }
  }

  function assert_array_approx_equals(actual, expected, epsilon, description) {
    assert(actual.length === expected.length, "assert_array_approx_equals", description,
      "lengths differ, expected ${expected} got ${actual}", { expected: expected.length, actual: actual.length });
    for (let i = 0; i < actual.length; i++) {
      assert(hasOwn(actual, i) === hasOwn(expected, i), "assert_array_approx_equals", description,
        "property ${i}, property expected to be ${expected} but was ${actual}",
        { i, expected: hasOwn(expected, i) ? "present" : "missing", actual: hasOwn(actual, i) ? "present" : "missing" });
      assert(typeof actual[i] === "number", "assert_array_approx_equals", description,
        "property ${i}, expected a number but got a ${type_actual}", { i, type_actual: typeof actual[i] });
      assert(MathAbs(actual[i] - expected[i]) <= epsilon, "assert_array_approx_equals", description,
        "property ${i}, expected ${expected} +/- ${epsilon}, expected ${expected} but got ${actual}",
        { i, expected: expected[i], actual: actual[i], epsilon });
    }
  }

  function assert_approx_equals(actual, expected, epsilon, description) {
    assert(typeof actual === "number", "assert_approx_equals", description,
      "expected a number but got a ${type_actual}", { type_actual: typeof actual });
    // The epsilon test does not work for NaN and infinities; those must be equal.
    if (NumberIsFinite(actual) || NumberIsFinite(expected)) {
      assert(MathAbs(actual - expected) <= epsilon, "assert_approx_equals", description,
        "expected ${expected} +/- ${epsilon} but got ${actual}", { expected, actual, epsilon });
    } else {
      assert_equals(actual, expected);
    }
  }

  function numberComparison(name, holds, relation) {
    return function (actual, expected, description) {
      assert(typeof actual === "number", name, description, "expected a number but got a ${type_actual}", { type_actual: typeof actual });
      assert(holds(actual, expected), name, description,
        "expected a number " + relation + " ${expected} but got ${actual}", { expected, actual });
    };
  }
  const assert_less_than = numberComparison("assert_less_than", (a, e) => a < e, "less than");
  const assert_greater_than = numberComparison("assert_greater_than", (a, e) => a > e, "greater than");
  const assert_less_than_equal = numberComparison("assert_less_than_equal", (a, e) => a <= e, "less than or equal to");
  const assert_greater_than_equal = numberComparison("assert_greater_than_equal", (a, e) => a >= e, "greater than or equal to");

  function assert_between_exclusive(actual, lower, upper, description) {
    assert(typeof actual === "number", "assert_between_exclusive", description,
      "expected a number but got a ${type_actual}", { type_actual: typeof actual });
    assert(actual > lower && actual < upper, "assert_between_exclusive", description,
      "expected a number greater than ${lower} and less than ${upper} but got ${actual}", { lower, upper, actual });
  }

  function assert_between_inclusive(actual, lower, upper, description) {
    assert(typeof actual === "number", "assert_between_inclusive", description,
      "expected a number but got a ${type_actual}", { type_actual: typeof actual });
    assert(actual >= lower && actual <= upper, "assert_between_inclusive", description,
      "expected a number greater than or equal to ${lower} and less than or equal to ${upper} but got ${actual}",
      { lower, upper, actual });
  }

  function assert_regexp_match(actual, expected, description) {
    assert(expected.test(actual), "assert_regexp_match", description, "expected ${expected} but got ${actual}", { expected, actual });
  }

  function assert_not_regexp_match(actual, expected, description) {
    assert(!expected.test(actual), "assert_not_regexp_match", description, "expected not ${expected} but got ${actual}", { expected, actual });
  }

  function assert_class_string(object, class_string, description) {
    const actual = call(ObjectPrototypeToString, object);
    const expected = "[object " + class_string + "]";
    assert(same_value(actual, expected), "assert_class_string", description, "expected ${expected} but got ${actual}", { expected, actual });
  }

  function assert_own_property(object, property_name, description) {
    assert(object.hasOwnProperty(property_name), "assert_own_property", description,
      "expected property ${p} missing", { p: property_name });
  }

  function assert_not_own_property(object, property_name, description) {
    assert(!object.hasOwnProperty(property_name), "assert_not_own_property", description,
      "unexpected property ${p} is found on object", { p: property_name });
  }

  function inherits(name) {
    return function (object, property_name, description) {
      assert((typeof object === "object" && object !== null) || typeof object === "function", name, description,
        "provided value is not an object");
      assert("hasOwnProperty" in object, name, description, "provided value is an object but has no hasOwnProperty method");
      assert(!object.hasOwnProperty(property_name), name, description,
        "property ${p} found on object expected in prototype chain", { p: property_name });
      assert(property_name in object, name, description, "property ${p} not found in prototype chain", { p: property_name });
    };
  }
  const assert_inherits = inherits("assert_inherits");
  const assert_idl_attribute = inherits("assert_idl_attribute");

  function assert_readonly(object, property_name, description) {
    const initial = object[property_name];
    // Assignments as in sloppy-mode code (testharness.js is not strict): a read-only
    // property ignores the write instead of throwing.
    try {
      // May have side effects (PutForwards); tests are better off checking the descriptor.
      ReflectSet(object, property_name, initial + "a");
      assert(same_value(object[property_name], initial), "assert_readonly", description,
        "changing property ${p} succeeded", { p: property_name });
    } finally {
      ReflectSet(object, property_name, initial);
    }
  }

  function assert_throws_js_impl(constructor, func, description, assertionType) {
    try {
      call(func, global);
      assert(false, assertionType, description, "${func} did not throw", { func });
    } catch (e) {
      if (e instanceof AssertionError) throw e;
      assert(typeof e === "object", assertionType, description,
        "${func} threw ${e} with type ${type}, not an object", { func, e, type: typeof e });
      assert(e !== null, assertionType, description, "${func} threw null, not an object", { func });
      assert(typeof constructor === "function", assertionType, description,
        "${constructor} is not a constructor", { constructor });
      let obj = constructor;
      while (obj) {
        if (typeof obj === "function" && obj.name === "Error") break;
        obj = ObjectGetPrototypeOf(obj);
      }
      assert(obj != null, assertionType, description, "${constructor} is not an Error subtype", { constructor });
      assert(e.constructor === constructor && e.name === constructor.name, assertionType, description,
        "${func} threw ${actual} (${actual_name}) expected instance of ${expected} (${expected_name})",
        { func, actual: e, actual_name: e.name, expected: constructor, expected_name: constructor.name });
    }
  }

  function assert_throws_js(constructor, func, description) {
    assert_throws_js_impl(constructor, func, description, "assert_throws_js");
  }

  // WebIDL's error names table: name → legacy code (0: no legacy code).
  const nameCodes = {
    IndexSizeError: 1, HierarchyRequestError: 3, WrongDocumentError: 4, InvalidCharacterError: 5,
    NoModificationAllowedError: 7, NotFoundError: 8, NotSupportedError: 9, InUseAttributeError: 10,
    InvalidStateError: 11, SyntaxError: 12, InvalidModificationError: 13, NamespaceError: 14,
    InvalidAccessError: 15, TypeMismatchError: 17, SecurityError: 18, NetworkError: 19, AbortError: 20,
    URLMismatchError: 21, QuotaExceededError: 22, TimeoutError: 23, InvalidNodeTypeError: 24, DataCloneError: 25,
    EncodingError: 0, NotReadableError: 0, UnknownError: 0, ConstraintError: 0, DataError: 0,
    TransactionInactiveError: 0, ReadOnlyError: 0, VersionError: 0, OperationError: 0, NotAllowedError: 0,
    OptOutError: 0,
  };
  const codeNames = {};
  for (const name in nameCodes) if (nameCodes[name] > 0) codeNames[nameCodes[name]] = name;
  const constantNames = {
    INDEX_SIZE_ERR: "IndexSizeError", HIERARCHY_REQUEST_ERR: "HierarchyRequestError",
    WRONG_DOCUMENT_ERR: "WrongDocumentError", INVALID_CHARACTER_ERR: "InvalidCharacterError",
    NO_MODIFICATION_ALLOWED_ERR: "NoModificationAllowedError", NOT_FOUND_ERR: "NotFoundError",
    NOT_SUPPORTED_ERR: "NotSupportedError", INUSE_ATTRIBUTE_ERR: "InUseAttributeError",
    INVALID_STATE_ERR: "InvalidStateError", SYNTAX_ERR: "SyntaxError",
    INVALID_MODIFICATION_ERR: "InvalidModificationError", NAMESPACE_ERR: "NamespaceError",
    INVALID_ACCESS_ERR: "InvalidAccessError", TYPE_MISMATCH_ERR: "TypeMismatchError",
    SECURITY_ERR: "SecurityError", NETWORK_ERR: "NetworkError", ABORT_ERR: "AbortError",
    URL_MISMATCH_ERR: "URLMismatchError", QUOTA_EXCEEDED_ERR: "QuotaExceededError",
    TIMEOUT_ERR: "TimeoutError", INVALID_NODE_TYPE_ERR: "InvalidNodeTypeError", DATA_CLONE_ERR: "DataCloneError",
  };

  function assert_throws_dom_impl(type, func, description, assertionType, constructor) {
    try {
      call(func, global);
      assert(false, assertionType, description, "${func} did not throw", { func });
    } catch (e) {
      if (e instanceof AssertionError) throw e;
      assert(typeof e === "object", assertionType, description,
        "${func} threw ${e} with type ${type}, not an object", { func, e, type: typeof e });
      assert(e !== null, assertionType, description, "${func} threw null, not an object", { func });
      assert(typeof type === "number" || typeof type === "string", assertionType, description,
        "${type} is not a number or string", { type });
      const required = {};
      let name;
      if (typeof type === "number") {
        if (type === 0) throw new AssertionError("Test bug: ambiguous DOMException code 0 passed to " + assertionType + "()");
        if (!hasOwn(codeNames, type)) {
          throw new AssertionError('Test bug: unrecognized DOMException code "' + type + '" passed to ' + assertionType + "()");
        }
        name = codeNames[type];
        required.code = type;
      } else {
        name = hasOwn(constantNames, type) ? constantNames[type] : type;
        if (!hasOwn(nameCodes, name)) {
          throw new AssertionError('Test bug: unrecognized DOMException code name or name "' + type + '" passed to ' + assertionType + "()");
        }
        required.code = nameCodes[name];
      }
      if (required.code === 0 || ("name" in e && e.name !== e.name.toUpperCase() && e.name !== "DOMException")) {
        // New-style exceptions are identified by name too.
        required.name = name;
      }
      for (const prop in required) {
        assert(prop in e && e[prop] == required[prop], assertionType, description,
          "${func} threw ${e} that is not a DOMException " + type + ": property ${prop} is equal to ${actual}, expected ${expected}",
          { func, e, prop, actual: e[prop], expected: required[prop] });
      }
      // Last, so that the more informative checks above run first.
      assert(e.constructor === constructor, assertionType, description,
        "${func} threw an exception from the wrong global", { func });
    }
  }

  function assert_throws_dom(type, funcOrConstructor, descriptionOrFunc, maybeDescription) {
    let constructor, func, description;
    if (funcOrConstructor && funcOrConstructor.name === "DOMException") {
      constructor = funcOrConstructor;
      func = descriptionOrFunc;
      description = maybeDescription;
    } else {
      constructor = global.DOMException;
      func = funcOrConstructor;
      description = descriptionOrFunc;
      assert(maybeDescription === undefined, "assert_throws_dom", undefined,
        "Too many args passed to no-constructor version of assert_throws_dom");
    }
    assert_throws_dom_impl(type, func, description, "assert_throws_dom", constructor);
  }

  function assert_throws_exactly_impl(exception, func, description, assertionType) {
    try {
      call(func, global);
      assert(false, assertionType, description, "${func} did not throw", { func });
    } catch (e) {
      if (e instanceof AssertionError) throw e;
      assert(same_value(e, exception), assertionType, description,
        "${func} threw ${e} but we expected it to throw ${exception}", { func, e, exception });
    }
  }

  function assert_throws_exactly(exception, func, description) {
    assert_throws_exactly_impl(exception, func, description, "assert_throws_exactly");
  }

  function assert_unreached(description) {
    assert(false, "assert_unreached", description, "Reached unreachable code");
  }

  function assert_any(assert_func, actual, expected_array, ...args) {
    const errors = [];
    let passed = false;
    forEach(expected_array, (expected) => {
      try {
        apply(assert_func, global, [actual, expected, ...args]);
        passed = true;
      } catch (e) {
        errors[errors.length] = e.message;
      }
    });
    if (!passed) throw new AssertionError(join(errors, "\n\n"));
  }

  function assert_implements(condition, description) {
    assert(!!condition, "assert_implements", description);
  }

  function assert_implements_optional(condition, description) {
    if (!condition) throw new OptionalFeatureUnsupportedError(description);
  }

  // Removed from testharness.js in 2020 in favour of assert_implements_optional; kept for old tests.
  function assert_precondition(condition, description) {
    assert_implements_optional(condition, description);
  }

  // ---------------------------------------------------------------------------------
  // Promise asserts

  /** A promise of this realm that settles like `promise` (which may come from elsewhere). */
  function bringPromiseToCurrentRealm(promise) {
    return new Promise_(bind(promise.then, promise));
  }

  function promise_rejects_js(test, constructor, promise, description) {
    return catch_(then(bringPromiseToCurrentRealm(promise), test.unreached_func("Should have rejected: " + description)), (e) => {
        assert_throws_js_impl(constructor, () => { throw e; }, description, "promise_rejects_js");
    });
  }

  function promise_rejects_dom(test, type, promiseOrConstructor, descriptionOrPromise, maybeDescription) {
    let constructor, promise, description;
    if (typeof promiseOrConstructor === "function" && promiseOrConstructor.name === "DOMException") {
      constructor = promiseOrConstructor;
      promise = descriptionOrPromise;
      description = maybeDescription;
    } else {
      constructor = global.DOMException;
      promise = promiseOrConstructor;
      description = descriptionOrPromise;
      assert(maybeDescription === undefined, "promise_rejects_dom", undefined,
        "Too many args passed to no-constructor version of promise_rejects_dom");
    }
    return catch_(then(bringPromiseToCurrentRealm(promise), test.unreached_func("Should have rejected: " + description)), (e) => {
        assert_throws_dom_impl(type, () => { throw e; }, description, "promise_rejects_dom", constructor);
    });
  }

  function promise_rejects_exactly(test, exception, promise, description) {
    return catch_(then(bringPromiseToCurrentRealm(promise), test.unreached_func("Should have rejected: " + description)), (e) => {
        assert_throws_exactly_impl(exception, () => { throw e; }, description, "promise_rejects_exactly");
    });
  }

  // ---------------------------------------------------------------------------------
  // Test

  const statuses = { PASS: 0, FAIL: 1, TIMEOUT: 2, NOTRUN: 3, PRECONDITION_FAILED: 4 };
  const statusNames = ["PASS", "FAIL", "TIMEOUT", "NOTRUN", "PRECONDITION_FAILED"];
  const phases = { INITIAL: 0, STARTED: 1, HAS_RESULT: 2, CLEANING: 3, COMPLETE: 4 };

  /** One subtest; made by test(), async_test() or promise_test(). */
  function Test(name, properties) {
    if (tests.file_is_test && tests.tests.length) throw new Error_("Tried to create a test with file_is_test");
    this.name = name;
    this.phase = (tests.is_aborted || tests.phase === tests.phases.COMPLETE) ? phases.COMPLETE : phases.INITIAL;
    this.status = statuses.NOTRUN;
    this.timeout_id = null;
    this.index = null;
    this.properties = properties || {};
    this.timeout_length = null; // no per-test timeout (the file has one)
    this.message = null;
    this.stack = null;
    this.steps = [];
    this._is_promise_test = false;
    this.cleanup_callbacks = [];
    this._user_defined_cleanup_count = 0;
    this._done_callbacks = [];
    // Tests made after the harness completed cannot be reported.
    if (tests.phase === tests.phases.COMPLETE) return;
    tests.push(this);
  }
  Test.statuses = statuses;
  Test.prototype = merge({}, statuses);
  Test.prototype.constructor = Test;
  Test.prototype.phases = phases;
  Test.prototype.status_formats = { 0: "Pass", 1: "Fail", 2: "Timeout", 3: "Not Run", 4: "Optional Feature Unsupported" };

  Test.prototype.format_status = function () {
    return this.status_formats[this.status];
  };

  Test.prototype.structured_clone = function () {
    return {
      name: String_(this.name), properties: merge({}, this.properties), phases: merge({}, phases),
      status: this.status, message: this.message, stack: this.stack, index: this.index, phase: this.phase,
      PASS: 0, FAIL: 1, TIMEOUT: 2, NOTRUN: 3, PRECONDITION_FAILED: 4,
    };
  };

  /** Runs `func` as a step: an exception fails the test (PRECONDITION_FAILED for optional features). */
  Test.prototype.step = function (func, this_obj, ...args) {
    if (this.phase > phases.STARTED) return undefined;
    this.phase = phases.STARTED;
    // Unless a result arrives, a harness timeout reports this test as timed out.
    this.set_status(statuses.TIMEOUT, "Test timed out");
    tests.started = true;
    tests.current_test = this;
    tests.notify_test_state(this);
    this.steps[this.steps.length] = func;
    if (arguments.length === 1) this_obj = this;
    try {
      return apply(func, this_obj, args);
    } catch (e) {
      if (this.phase >= phases.HAS_RESULT) return undefined;
      const status = e instanceof OptionalFeatureUnsupportedError ? statuses.PRECONDITION_FAILED : statuses.FAIL;
      const message = String_((typeof e === "object" && e !== null) ? e.message : e);
      const stack = e && e.stack ? e.stack : null;
      this.set_status(status, message, stack);
      this.phase = phases.HAS_RESULT;
      this.done();
      return undefined;
    } finally {
      tests.current_test = null;
    }
  };

  Test.prototype.step_func = function (func, this_obj) {
    const test = this;
    if (arguments.length === 1) this_obj = test;
    return function (...args) {
      return apply(test.step, test, [func, this_obj, ...args]);
    };
  };

  Test.prototype.step_func_done = function (func, this_obj) {
    const test = this;
    if (arguments.length === 1) this_obj = test;
    return function (...args) {
      if (func) apply(test.step, test, [func, this_obj, ...args]);
      test.done();
    };
  };

  Test.prototype.unreached_func = function (description) {
    return this.step_func(function () {
      assert_unreached(description);
    });
  };

  Test.prototype.step_timeout = function (func, timeout, ...args) {
    const test = this;
    return setTimeoutRef(this.step_func(function () {
      return apply(func, test, args);
    }), timeout * tests.timeout_multiplier);
  };

  /** Polls `cond` every `interval` ms; calls `func` once true; fails after `timeout` ms. */
  Test.prototype.step_wait_func = function (cond, func, description, timeout = 3000, interval = 100) {
    const full = timeout * tests.timeout_multiplier;
    let remaining = MathCeil(full / interval);
    const test = this;
    const waitForInner = test.step_func(() => {
      if (cond()) {
        func();
      } else {
        if (remaining === 0) {
          assert(false, "step_wait_func", description, "Timed out waiting on condition");
        }
        remaining--;
        setTimeoutRef(waitForInner, interval);
      }
    });
    waitForInner();
  };

  Test.prototype.step_wait_func_done = function (cond, func, description, timeout = 3000, interval = 100) {
    this.step_wait_func(cond, () => {
      if (func) func();
      this.done();
    }, description, timeout, interval);
  };

  Test.prototype.step_wait = function (cond, description, timeout = 3000, interval = 100) {
    return new Promise_((resolve) => {
      this.step_wait_func(cond, resolve, description, timeout, interval);
    });
  };

  Test.prototype._add_cleanup = function (callback) {
    this.cleanup_callbacks[this.cleanup_callbacks.length] = callback;
  };

  /** Runs `callback` once the result is known. Promise tests may return a thenable to wait for. */
  Test.prototype.add_cleanup = function (callback) {
    this._user_defined_cleanup_count += 1;
    this._add_cleanup(callback);
  };

  Test.prototype.set_status = function (status, message, stack) {
    this.status = status;
    this.message = message;
    this.stack = stack ? stack : null;
  };

  Test.prototype.timeout = function () {
    this.timeout_id = null;
    this.set_status(statuses.TIMEOUT, "Test timed out");
    this.phase = phases.HAS_RESULT;
    this.done();
  };

  Test.prototype.force_timeout = function () {
    return this.timeout();
  };

  /** Marks the test complete (PASS unless a result was recorded) and runs its cleanups. */
  Test.prototype.done = function () {
    if (this.phase >= phases.CLEANING) return;
    if (this.phase <= phases.STARTED) this.set_status(statuses.PASS, null);
    if (this.timeout_id !== null) clearTimeoutRef(this.timeout_id);
    this.cleanup();
  };

  function addTestDoneCallback(test, callback) {
    if (test.phase === phases.COMPLETE) {
      callback();
      return;
    }
    test._done_callbacks[test._done_callbacks.length] = callback;
  }

  Test.prototype.cleanup = function () {
    const errors = [];
    let badValueCount = 0;
    const test = this;
    const onError = (e) => {
      errors[errors.length] = e;
      // A failed cleanup leaves the global in an unknown state: run no more tests.
      tests.abort();
    };
    const results = [];
    this.phase = phases.CLEANING;
    forEach(this.cleanup_callbacks, (callback) => {
      let result;
      try {
        result = callback();
      } catch (e) {
        onError(e);
        return;
      }
      if (!isValidCleanupResult(test, result)) {
        badValueCount += 1;
        tests.abort();
      }
      results[results.length] = result;
    });
    if (!this._is_promise_test) {
      cleanupDone(test, errors, badValueCount);
    } else {
      allAsync(results, (result, done) => {
        if (isThenable(result)) {
          // A thenable of any kind: call its own then(), as testharness.js does.
          then(PromiseResolve(result.then(null, onError)), done, done);
        } else {
          done();
        }
      }, () => cleanupDone(test, errors, badValueCount));
    }
  };

  function isValidCleanupResult(test, result) {
    if (result === undefined) return true;
    if (test._is_promise_test) return isThenable(result);
    return false;
  }

  function cleanupDone(test, errors, badValueCount) {
    if (errors.length || badValueCount) {
      const total = test._user_defined_cleanup_count;
      tests.status.status = tests.status.ERROR;
      tests.status.stack = null;
      tests.status.message = "Test named '" + test.name + "' specified " + total +
        " 'cleanup' function" + (total > 1 ? "s" : "");
      if (errors.length) {
        tests.status.message += ", and " + errors.length + " failed";
        tests.status.stack = (typeof errors[0] === "object" && errors[0] !== null && hasOwn(errors[0], "stack"))
          ? errors[0].stack : null;
      }
      if (badValueCount) {
        tests.status.message += ", and " + badValueCount + " returned a " +
          (test._is_promise_test ? "non-thenable" : "non-undefined") + " value";
      }
      tests.status.message += ".";
    }
    test.phase = phases.COMPLETE;
    tests.result(test);
    const callbacks = test._done_callbacks;
    test._done_callbacks = [];
    forEach(callbacks, (callback) => callback());
  }

  // ---------------------------------------------------------------------------------
  // The harness status and the set of tests

  const harnessStatuses = { OK: 0, ERROR: 1, TIMEOUT: 2, PRECONDITION_FAILED: 3 };
  const harnessStatusNames = ["OK", "ERROR", "TIMEOUT", "PRECONDITION_FAILED"];

  function TestsStatus() {
    this.status = null;
    this.message = null;
    this.stack = null;
  }
  TestsStatus.statuses = harnessStatuses;
  TestsStatus.prototype = merge({}, harnessStatuses);
  TestsStatus.prototype.constructor = TestsStatus;
  TestsStatus.prototype.formats = { 0: "OK", 1: "Error", 2: "Timeout", 3: "Optional Feature Unsupported" };
  TestsStatus.prototype.format_status = function () {
    return this.formats[this.status];
  };
  TestsStatus.prototype.structured_clone = function () {
    return merge({ status: this.status, message: this.message ? String_(this.message) : this.message, stack: this.stack },
      harnessStatuses);
  };

  // The environment: "loaded" once the runner says the file (and its META scripts) ran.
  const environment = {
    all_loaded: false,
    name_counter: 0,
    on_loaded: [],
    next_default_test_name() {
      const suffix = this.name_counter > 0 ? " " + this.name_counter : "";
      this.name_counter++;
      return "Untitled" + suffix;
    },
    add_on_loaded_callback(callback) {
      if (this.all_loaded) callback();
      else this.on_loaded[this.on_loaded.length] = callback;
    },
    loaded() {
      if (this.all_loaded) return;
      this.all_loaded = true;
      const callbacks = this.on_loaded;
      this.on_loaded = [];
      forEach(callbacks, (callback) => callback());
    },
  };

  const testsPhases = { INITIAL: 0, SETUP: 1, HAVE_TESTS: 2, HAVE_RESULTS: 3, COMPLETE: 4 };

  function Tests() {
    this.tests = [];
    this.num_pending = 0;
    this.phases = testsPhases;
    this.phase = testsPhases.INITIAL;
    this.properties = {};
    this.wait_for_finish = false;
    this.processing_callbacks = false;
    this.allow_uncaught_exception = false;
    this.file_is_test = false;
    this.promise_tests = null;
    this.promise_setup_called = false;
    this.timeout_multiplier = 1;
    this.timeout_length = null; // the runner times the file out
    this.start_callbacks = [];
    this.test_state_callbacks = [];
    this.test_done_callbacks = [];
    this.all_done_callbacks = [];
    this.current_test = null;
    this.asserts_run = [];
    this.is_aborted = false;
    this.status = new TestsStatus();
    environment.add_on_loaded_callback(() => {
      if (this.all_done()) this.complete();
    });
  }

  Tests.prototype.setup = function (func, properties) {
    if (this.phase >= testsPhases.HAVE_RESULTS) return;
    if (this.phase < testsPhases.SETUP) this.phase = testsPhases.SETUP;
    this.properties = properties;
    for (const p in properties) {
      if (!hasOwn(properties, p)) continue;
      const value = properties[p];
      if (p === "allow_uncaught_exception") {
        this.allow_uncaught_exception = value;
      } else if (p === "explicit_done" && value) {
        this.wait_for_finish = true;
      } else if (p === "explicit_timeout" && value) {
        this.timeout_length = null;
      } else if (p === "single_test" && value) {
        this.set_file_is_test();
      } else if (p === "timeout_multiplier") {
        this.timeout_multiplier = value;
      } else if (p === "debug") {
        settings.debug = value;
      }
    }
    if (func) {
      try {
        func();
      } catch (e) {
        this.status.status = e instanceof OptionalFeatureUnsupportedError ? harnessStatuses.PRECONDITION_FAILED : harnessStatuses.ERROR;
        this.status.message = String_(e);
        this.status.stack = e && e.stack ? e.stack : null;
        this.complete();
      }
    }
  };

  Tests.prototype.set_file_is_test = function () {
    if (this.tests.length > 0) throw new Error_("Tried to set file as test after creating a test");
    this.wait_for_finish = true;
    this.file_is_test = true;
    this.current_test = async_test();
  };

  Tests.prototype.set_status = function (status, message, stack) {
    this.status.status = status;
    this.status.message = message;
    this.status.stack = stack ? stack : null;
  };

  /** The harness timed out: unfinished tests keep TIMEOUT (started) or NOTRUN. */
  Tests.prototype.timeout = function (message) {
    let inCleanup = null;
    if (this.status.status === null) {
      forEach(this.tests, (test) => {
        if (test.phase === phases.CLEANING) inCleanup = test;
        test.phase = phases.COMPLETE;
      });
      if (inCleanup) {
        this.status.status = harnessStatuses.ERROR;
        this.status.message = 'Timeout while running cleanup for test named "' + inCleanup.name + '".';
        this.status.stack = null;
      } else {
        this.status.status = harnessStatuses.TIMEOUT;
        if (message) this.status.message = message;
      }
    }
    this.complete();
  };

  Tests.prototype.end_wait = function () {
    this.wait_for_finish = false;
    if (this.all_done()) this.complete();
  };

  Tests.prototype.push = function (test) {
    if (this.phase < testsPhases.HAVE_TESTS) this.start();
    this.num_pending++;
    this.tests[this.tests.length] = test;
    test.index = this.tests.length;
    this.notify_test_state(test);
  };

  Tests.prototype.notify_test_state = function (test) {
    forEach(this.test_state_callbacks, (callback) => callback(test, this));
  };

  Tests.prototype.all_done = function () {
    return this.tests.length > 0 && environment.all_loaded &&
      (this.num_pending === 0 || this.is_aborted) && !this.wait_for_finish && !this.processing_callbacks;
  };

  Tests.prototype.start = function () {
    this.phase = testsPhases.HAVE_TESTS;
    forEach(this.start_callbacks, (callback) => callback(this.properties));
  };

  Tests.prototype.result = function (test) {
    if (this.phase <= testsPhases.HAVE_RESULTS) this.phase = testsPhases.HAVE_RESULTS;
    this.num_pending--;
    this.processing_callbacks = true;
    forEach(this.test_done_callbacks, (callback) => callback(test, this));
    this.processing_callbacks = false;
    if (this.all_done()) this.complete();
  };

  Tests.prototype.complete = function () {
    if (this.phase === testsPhases.COMPLETE) return;
    const allComplete = () => {
      this.phase = testsPhases.COMPLETE;
      this.notify_complete();
    };
    const incomplete = filter(this.tests, (test) => test.phase < phases.COMPLETE);
    // Completion is signalled synchronously when nothing is left to clean up.
    if (incomplete.length === 0) {
      allComplete();
      return;
    }
    allAsync(incomplete, (test, testDone) => {
      if (test.phase === phases.INITIAL) {
        test.phase = phases.COMPLETE;
        testDone();
      } else {
        addTestDoneCallback(test, testDone);
        test.cleanup();
      }
    }, allComplete);
  };

  /** An unrecoverable harness error: tests not started yet will not run. */
  Tests.prototype.abort = function () {
    this.status.status = harnessStatuses.ERROR;
    this.is_aborted = true;
    forEach(this.tests, (test) => {
      if (test.phase === phases.INITIAL) test.phase = phases.COMPLETE;
    });
  };

  Tests.prototype.find_duplicates = function () {
    const names = ObjectCreate(null);
    const duplicates = [];
    forEach(this.tests, (test) => {
      if (test.name in names && indexOf(duplicates, test.name) === -1) duplicates[duplicates.length] = test.name;
      names[test.name] = true;
    });
    return duplicates;
  };

  Tests.prototype.notify_complete = function () {
    if (this.status.status === null) {
      forEach(this.tests, (test) => {
        test.name = sanitizeUnpairedSurrogates(String_(test.name));
      });
      // Names identify subtests (expectations are keyed by them): they must be unique.
      const duplicates = this.find_duplicates();
      if (duplicates.length) {
        this.status.status = harnessStatuses.ERROR;
        this.status.message = duplicates.length + " duplicate test name" + (duplicates.length > 1 ? "s" : "") +
          ': "' + join(duplicates, '", "') + '"';
      } else {
        this.status.status = harnessStatuses.OK;
      }
    }
    forEach(this.all_done_callbacks, (callback) => {
      try {
        callback(this.tests, this.status, this.asserts_run);
      } catch (e) {
        // A failing completion callback must not keep the report from being written.
      }
    });
    report(this);
  };

  const tests = new Tests();

  /** Writes the results for the runner. */
  function report(all) {
    const results = map(all.tests, (t) => ({
      name: String_(t.name),
      status: statusNames[t.status],
      message: t.message === null || t.message === undefined ? null : String_(t.message),
      stack: t.stack ? String_(t.stack) : null,
    }));
    log(MARKER + JSONStringify({
      status: harnessStatusNames[all.status.status],
      message: all.status.message === null || all.status.message === undefined ? null : String_(all.status.message),
      stack: all.status.stack ? String_(all.status.stack) : null,
      tests: results,
    }));
  }

  // ---------------------------------------------------------------------------------
  // The API

  const seenFunctionNames = ObjectCreate(null);

  /** The name of an unnamed test: the body of a one-line arrow function, else "Untitled N". */
  function getTestName(func, name) {
    if (name) return name;
    if (func) {
      let source = "";
      try {
        source = FunctionPrototypeToString(func);
      } catch (e) {
        source = "";
      }
      const arrow = source.match(/^\(\)\s*=>\s*(?:{(.*)}\s*|(.*))$/);
      if (arrow !== null && !/[\u000A\u000D\u2028\u2029]/.test(source)) {
        let trimmed = (arrow[1] !== undefined ? arrow[1] : arrow[2]).trim();
        trimmed = trimmed.replace(/^([^;]*)(;\s*)+$/, "$1");
        if (trimmed) {
          let result = trimmed;
          if (seenFunctionNames[trimmed]) result += " " + seenFunctionNames[trimmed];
          else seenFunctionNames[trimmed] = 0;
          seenFunctionNames[trimmed] += 1;
          return result;
        }
      }
    }
    return environment.next_default_test_name();
  }

  function returnedValueMessage(value, name, fn) {
    let message = 'Test named "' + name + '" passed a function to `' + fn + "` that returned a value.";
    try {
      if (isThenable(value)) message += " Consider using `promise_test` instead when using Promises or async/await.";
    } catch (e) {
      // A throwing `then` getter: keep the basic message.
    }
    return message;
  }

  /** A synchronous test: runs `func` now; passes unless it throws. */
  function test(func, name, properties) {
    if (tests.promise_setup_called) {
      tests.status.status = harnessStatuses.ERROR;
      tests.status.message = "`test` invoked after `promise_setup`";
      tests.complete();
    }
    const testName = getTestName(func, name);
    const testObj = new Test(testName, properties);
    const value = testObj.step(func, testObj, testObj);
    if (value !== undefined) {
      tests.status.status = harnessStatuses.ERROR;
      tests.status.message = returnedValueMessage(value, testName, "test");
    }
    if (testObj.phase === phases.STARTED) testObj.done();
  }

  /** An asynchronous test: complete it with t.done(), t.step_func_done(), … */
  function async_test(func, name, properties) {
    if (tests.promise_setup_called) {
      tests.status.status = harnessStatuses.ERROR;
      tests.status.message = "`async_test` invoked after `promise_setup`";
      tests.complete();
    }
    if (typeof func !== "function") {
      properties = name;
      name = func;
      func = null;
    }
    const testName = getTestName(func, name);
    const testObj = new Test(testName, properties);
    if (func) {
      const value = testObj.step(func, testObj, testObj);
      if (value !== undefined) {
        tests.set_status(harnessStatuses.ERROR, returnedValueMessage(value, testName, "async_test"));
        tests.complete();
      }
    }
    return testObj;
  }

  /** A test whose body returns a promise; promise tests run one after another. */
  function promise_test(func, name, properties) {
    if (typeof func !== "function") {
      properties = name;
      name = func;
      func = null;
    }
    const testName = getTestName(func, name);
    const testObj = new Test(testName, properties);
    testObj._is_promise_test = true;
    if (!tests.promise_tests) tests.promise_tests = PromiseResolve();
    tests.promise_tests = then(tests.promise_tests, () => new Promise_((resolve) => {
      const promise = testObj.step(func, testObj, testObj);
      testObj.step(() => {
        assert(!!promise, "promise_test", null, "test body must return a 'thenable' object (received ${value})", { value: promise });
        assert(typeof promise.then === "function", "promise_test", null,
          "test body must return a 'thenable' object (received an object with no `then` method)", null);
      });
      // Registered before the promise settles: a failing step ends the test even if it never does.
      addTestDoneCallback(testObj, resolve);
      let settled;
      try {
        settled = PromiseResolve(promise);
      } catch (e) {
        // A thenable whose `then` getter throws.
        settled = Promise_.reject(e);
      }
      then(catch_(settled, testObj.step_func((value) => {
        if (value instanceof AssertionError) throw value;
        assert(false, "promise_test", null, "Unhandled rejection with value: ${value}", { value });
      })), () => {
        testObj.done();
      });
    }));
  }

  /** Runs `func` (returning a promise) before any promise_test runs. */
  function promise_setup(func, properties = {}) {
    if (typeof func !== "function") {
      tests.set_status(harnessStatuses.ERROR, "promise_test invoked without a function");
      tests.complete();
      return;
    }
    tests.promise_setup_called = true;
    if (!tests.promise_tests) tests.promise_tests = PromiseResolve();
    tests.promise_tests = catch_(then(tests.promise_tests, () => {
      tests.setup(null, properties);
      const result = func();
      if (!isThenable(result)) throw "Non-thenable returned by function passed to `promise_setup`";
      return result;
    }), (e) => {
      tests.set_status(harnessStatuses.ERROR, String_(e), e && e.stack);
      tests.complete();
    });
  }

  function setup(func_or_properties, maybe_properties) {
    let func = null;
    let properties = {};
    if (arguments.length === 2) {
      func = func_or_properties;
      properties = maybe_properties;
    } else if (func_or_properties instanceof Function) {
      func = func_or_properties;
    } else {
      properties = func_or_properties;
    }
    tests.setup(func, properties);
  }

  /** The file is one test: asserts may run at top level; call done() to finish. */
  function single_test() {
    tests.set_file_is_test();
  }

  /** Ends an explicit_done (or single_test) file. */
  function done() {
    if (tests.tests.length === 0) {
      // Called after an uncaught exception, the harness status already says more.
      if (tests.status.status === null) {
        tests.status.status = harnessStatuses.ERROR;
        tests.status.message = "done() was called without first defining any tests";
      }
      tests.complete();
      return;
    }
    if (tests.file_is_test) tests.tests[0].done();
    tests.end_wait();
  }

  function generate_tests(func, args, properties) {
    forEach(args, (x, i) => {
      const name = x[0];
      test(function () {
        apply(func, this, ArrayPrototypeSlice(x, 1));
      }, name, ArrayIsArray(properties) ? properties[i] : properties);
    });
  }

  function on_event(object, event, callback) {
    object.addEventListener(event, callback, false);
  }

  function step_timeout(func, timeout, ...args) {
    // testharness.js is sloppy-mode code: a plain call gets the global as `this`.
    const outerThis = this === undefined ? global : this;
    return setTimeoutRef(() => {
      apply(func, outerThis, args);
    }, timeout * tests.timeout_multiplier);
  }

  /** Times the tests out now (files with explicit_timeout call it). */
  function timeout() {
    if (tests.timeout_length === null) tests.timeout();
  }

  function add_start_callback(callback) {
    tests.start_callbacks[tests.start_callbacks.length] = callback;
  }
  function add_test_state_callback(callback) {
    tests.test_state_callbacks[tests.test_state_callbacks.length] = callback;
  }
  function add_result_callback(callback) {
    tests.test_done_callbacks[tests.test_done_callbacks.length] = callback;
  }
  function add_completion_callback(callback) {
    tests.all_done_callbacks[tests.all_done_callbacks.length] = callback;
  }

  /** fetch(url) parsed as JSON; rejects with the HTTP status when it is not ok. */
  function fetch_json(url) {
    if (typeof global.fetch !== "function") {
      return Promise_.reject(new TypeError("fetch_json: fetch() is not available in this sandbox"));
    }
    return then(global.fetch(url), (response) => {
      if (!response.ok) throw new Error_("fetch_json: " + url + " answered " + response.status);
      return response.json();
    });
  }

  // ---------------------------------------------------------------------------------
  // EventWatcher

  /** Resolves promises as the expected events arrive in order; any other event fails the test. */
  function EventWatcher(test, watchedNode, eventTypes, timeoutPromise) {
    if (typeof eventTypes === "string") eventTypes = [eventTypes];
    let waitingFor = null;
    // null unless recording every event ({ record: "all" }).
    let recordedEvents = null;
    const eventHandler = test.step_func((evt) => {
      assert_true(!!waitingFor, "Not expecting event, but got " + evt.type + " event");
      assert_equals(evt.type, waitingFor.types[0], "Expected " + waitingFor.types[0] + " event, but got " + evt.type + " event instead");
      if (ArrayIsArray(recordedEvents)) recordedEvents[recordedEvents.length] = evt;
      if (waitingFor.types.length > 1) {
        waitingFor.types.shift();
        return;
      }
      // Cleared before resolving: the resolve handlers may call wait_for() again.
      const resolveFunc = waitingFor.resolve;
      waitingFor = null;
      const result = recordedEvents || evt;
      recordedEvents = null;
      resolveFunc(result);
    });
    for (let i = 0; i < eventTypes.length; i++) watchedNode.addEventListener(eventTypes[i], eventHandler, false);

    this.wait_for = function (types, options) {
      if (waitingFor) return Promise_.reject("Already waiting for an event or events");
      if (typeof types === "string") types = [types];
      if (options && options.record && options.record === "all") recordedEvents = [];
      return new Promise_((resolve, reject) => {
        const timeoutStep = test.step_func(() => {
          // Ignore a timeout after the events arrived or during a later wait_for.
          if (!waitingFor || waitingFor.resolve !== resolve) return;
          assert_true(waitingFor.types.length === 0, "Timed out waiting for " + join(waitingFor.types, ", "));
          const result = recordedEvents;
          recordedEvents = null;
          const resolveFunc = waitingFor.resolve;
          waitingFor = null;
          resolveFunc(result);
        });
        if (timeoutPromise) then(timeoutPromise(), timeoutStep);
        waitingFor = { types, resolve, reject };
      });
    };

    function stop_watching() {
      for (let i = 0; i < eventTypes.length; i++) watchedNode.removeEventListener(eventTypes[i], eventHandler, false);
    }
    this.stop_watching = stop_watching;
    test._add_cleanup(stop_watching);
    return this;
  }

  // ---------------------------------------------------------------------------------
  // Uncaught exceptions and unhandled rejections

  function errorHandler(error, message, stack) {
    const optionalUnsupported = error instanceof OptionalFeatureUnsupportedError;
    if (tests.file_is_test) {
      const t = tests.tests[0];
      if (t.phase >= phases.HAS_RESULT) return;
      t.set_status(optionalUnsupported ? statuses.PRECONDITION_FAILED : statuses.FAIL, message, stack);
      t.phase = phases.HAS_RESULT;
    } else if (!tests.allow_uncaught_exception) {
      tests.status.status = optionalUnsupported ? harnessStatuses.PRECONDITION_FAILED : harnessStatuses.ERROR;
      tests.status.message = message;
      tests.status.stack = stack;
    }
    // With allow_uncaught_exception, tests may go on to check how the error was reported.
    if (!tests.allow_uncaught_exception) done();
  }

  if (typeof addEventListenerRef === "function") {
    call(addEventListenerRef, global, "error", (e) => {
      let stack;
      if (e.error && e.error.stack) stack = e.error.stack;
      else stack = e.filename + ":" + e.lineno + ":" + e.colno;
      errorHandler(e.error, e.message, stack);
    }, false);
    call(addEventListenerRef, global, "unhandledrejection", (e) => {
      const message = e.reason && e.reason.message ? "Unhandled rejection: " + e.reason.message : "Unhandled rejection";
      const stack = e.reason && e.reason.stack ? e.reason.stack : undefined;
      errorHandler(e.reason, message, stack);
    }, false);
  }

  // ---------------------------------------------------------------------------------
  // Globals

  const exported = {
    test, async_test, promise_test, promise_setup, setup, done, single_test, generate_tests, on_event,
    step_timeout, timeout, format_value, fetch_json, EventWatcher, AssertionError, OptionalFeatureUnsupportedError,
    add_start_callback, add_test_state_callback, add_result_callback, add_completion_callback,
    assert_true, assert_false, assert_equals, assert_not_equals, assert_in_array, assert_object_equals,
    assert_array_equals, assert_array_approx_equals, assert_approx_equals, assert_less_than, assert_greater_than,
    assert_less_than_equal, assert_greater_than_equal, assert_between_exclusive, assert_between_inclusive,
    assert_regexp_match, assert_not_regexp_match, assert_class_string, assert_own_property, assert_not_own_property,
    assert_inherits, assert_idl_attribute, assert_readonly, assert_throws_js, assert_throws_dom,
    assert_throws_exactly, assert_unreached, assert_any, assert_implements, assert_implements_optional,
    assert_precondition, promise_rejects_js, promise_rejects_dom, promise_rejects_exactly,
  };
  for (const key of ObjectKeys(exported)) expose(exported[key], key);
  if (global.GLOBAL === undefined) {
    expose({
      isWindow() { return false; },
      isWorker() { return false; },
      isShadowRealm() { return false; },
    }, "GLOBAL");
  }

  // For the runner only.
  ObjectDefineProperty(global, "__vergeHarness", {
    value: Object.freeze({
      /** The file and its META scripts ran (the "load" event of a window). */
      syncDone() {
        environment.loaded();
      },
      /** The sandbox went idle or the file ran out of time: report what there is. */
      forceComplete(reason) {
        if (tests.phase === testsPhases.COMPLETE) return;
        environment.all_loaded = true;
        if (tests.tests.length === 0 && tests.status.status === null) {
          tests.set_status(harnessStatuses.ERROR, "no tests were defined (" + reason + ")");
          tests.complete();
          return;
        }
        const unfinished = filter(tests.tests, (t) => t.phase < phases.HAS_RESULT).length;
        if (unfinished === 0 && tests.wait_for_finish) {
          tests.timeout("done() was never called (" + reason + ")");
        } else {
          tests.timeout(unfinished + " unfinished test" + (unfinished === 1 ? "" : "s") + " (" + reason + ")");
        }
        if (tests.phase !== testsPhases.COMPLETE) {
          // A cleanup that never settles: report anyway.
          forEach(tests.tests, (t) => {
            t.phase = phases.COMPLETE;
          });
          tests.phase = testsPhases.COMPLETE;
          if (tests.status.status === null) tests.set_status(harnessStatuses.TIMEOUT, reason);
          tests.notify_complete();
        }
      },
    }),
    writable: false,
    configurable: true,
    enumerable: false,
  });
})(globalThis);
