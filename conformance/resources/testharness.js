// Verge's implementation of the testharness.js API (the web-platform-tests harness), written
// for the edge sandbox. `verge conformance` loads it before each test file. Results are
// written to the console as one line: "\u001eVERGE-TESTHARNESS <json>".
//
// Supported: test, async_test, promise_test, setup, done, promise_setup, the Test methods
// (step, step_func, step_func_done, unreached_func, step_timeout, step_wait, add_cleanup,
// done, force_timeout), EventWatcher, add_completion_callback, add_result_callback,
// format_value, and the assert_* / promise_rejects_* family.
(function (global) {
  "use strict";

  const MARKER = "\u001eVERGE-TESTHARNESS ";
  const PASS = 0, FAIL = 1, TIMEOUT = 2, NOTRUN = 3, PRECONDITION_FAILED = 4;
  const statusNames = ["PASS", "FAIL", "TIMEOUT", "NOTRUN", "PRECONDITION_FAILED"];
  // Captured before tests run: tests may replace built-ins.
  const log = console.log.bind(console);
  const ObjectIs = Object.is;
  const JSONStringify = JSON.stringify;
  const PromiseResolve = Promise.resolve.bind(Promise);
  const then = Function.prototype.call.bind(Promise.prototype.then);
  const setTimeoutRef = setTimeout;
  const clearTimeoutRef = clearTimeout;
  const nativeToString = Object.prototype.toString;

  // ---------------------------------------------------------------------------------
  // Errors

  class AssertionError extends Error {
    constructor(message) {
      super(message);
      this.name = "AssertionError";
    }
  }

  class OptionalFeatureUnsupportedError extends AssertionError {
    constructor(message) {
      super(message);
      this.name = "OptionalFeatureUnsupportedError";
    }
  }

  function assert(condition, fnName, description, message, substitutions) {
    if (condition) return;
    throw new AssertionError(makeMessage(fnName, description, message, substitutions));
  }

  function makeMessage(fnName, description, message, substitutions) {
    const substituted = message.replace(/\$\{([^}]+)\}/g, (_, name) =>
      Object.prototype.hasOwnProperty.call(substitutions, name) ? format_value(substitutions[name]) : "${" + name + "}");
    return `${fnName}: ${description ? description + " " : ""}${substituted}`;
  }

  // ---------------------------------------------------------------------------------
  // format_value (as testharness.js formats values in messages)

  function format_value(val, seen) {
    if (!seen) seen = [];
    if (typeof val === "object" && val !== null) {
      if (seen.indexOf(val) >= 0) return "[...]";
      seen.push(val);
    }
    if (Array.isArray(val)) {
      const items = val.map((x) => format_value(x, seen));
      return "[" + items.join(", ") + "]";
    }
    switch (typeof val) {
      case "string": {
        let out = '"';
        for (const ch of val) {
          const code = ch.codePointAt(0);
          if (ch === '"') out += '\\"';
          else if (ch === "\\") out += "\\\\";
          else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) out += "\\u" + code.toString(16).padStart(4, "0");
          else if (code >= 0xd800 && code <= 0xdfff) out += "\\u" + code.toString(16).padStart(4, "0");
          else out += ch;
        }
        return out + '"';
      }
      case "boolean":
      case "undefined":
        return String(val);
      case "number":
        return ObjectIs(val, -0) ? "-0" : String(val);
      case "bigint":
        return String(val) + "n";
      case "symbol":
        return val.toString();
      case "function":
        return "function \"" + (val.name || "") + "\"";
      case "object": {
        if (val === null) return "null";
        try {
          if (val instanceof Error || nativeToString.call(val) === "[object Error]") {
            return `object "${String(val)}"`;
          }
          if (typeof DOMException === "function" && val instanceof DOMException) {
            return `object "${val.name}: ${val.message}"`;
          }
          return "object \"" + String(val) + "\"";
        } catch (e) {
          return "[object " + typeof val + "]";
        }
      }
    }
    return String(val);
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
      assert(false, "assert_equals", description, "expected (" + typeof expected + ") ${expected} but got (" + typeof actual + ") ${actual}", { expected, actual });
    }
    assert(same_value(actual, expected), "assert_equals", description, "expected ${expected} but got ${actual}", { expected, actual });
  }
  function assert_not_equals(actual, expected, description) {
    assert(!same_value(actual, expected), "assert_not_equals", description, "got disallowed value ${actual}", { actual });
  }
  function assert_in_array(actual, expected, description) {
    assert(expected.indexOf(actual) !== -1, "assert_in_array", description, "value ${actual} not in array ${expected}", { actual, expected });
  }
  function assert_array_equals(actual, expected, description) {
    assert(typeof actual === "object" && actual !== null && "length" in actual, "assert_array_equals", description, "value is ${actual}, expected array", { actual });
    assert(actual.length === expected.length, "assert_array_equals", description,
      "lengths differ, expected array ${expected} length ${expectedLength}, got ${actual} length ${actualLength}",
      { expected, expectedLength: expected.length, actual, actualLength: actual.length });
    for (let i = 0; i < actual.length; i++) {
      assert(actual.hasOwnProperty(i) === expected.hasOwnProperty(i), "assert_array_equals", description,
        "expected property ${i} to be ${expected} but was ${actual} (expected array ${arrayExpected} got ${arrayActual})",
        { i, expected: expected.hasOwnProperty(i) ? "present" : "missing", actual: actual.hasOwnProperty(i) ? "present" : "missing", arrayExpected: expected, arrayActual: actual });
      assert(same_value(expected[i], actual[i]), "assert_array_equals", description,
        "expected property ${i} to be ${expected} but got ${actual} (expected array ${arrayExpected} got ${arrayActual})",
        { i, expected: expected[i], actual: actual[i], arrayExpected: expected, arrayActual: actual });
    }
  }
  function assert_array_approx_equals(actual, expected, epsilon, description) {
    assert(actual.length === expected.length, "assert_array_approx_equals", description, "lengths differ, expected ${expected} got ${actual}", { expected: expected.length, actual: actual.length });
    for (let i = 0; i < actual.length; i++) {
      assert(typeof actual[i] === "number" && Math.abs(actual[i] - expected[i]) <= epsilon, "assert_array_approx_equals", description,
        "expected ${expected} +/- ${epsilon} at index ${i} but got ${actual}", { expected: expected[i], actual: actual[i], epsilon, i });
    }
  }
  function assert_object_equals(actual, expected, description) {
    assert(typeof actual === "object" && actual !== null, "assert_object_equals", description, "value is ${actual}, expected object", { actual });
    const check = (a, e, path, stack) => {
      stack.push(a);
      for (const p in a) {
        assert(e.hasOwnProperty(p), "assert_object_equals", description, "unexpected property ${p}", { p: path.concat(p).join(".") });
        if (typeof a[p] === "object" && a[p] !== null) {
          if (stack.indexOf(a[p]) === -1) check(a[p], e[p], path.concat(p), stack);
        } else {
          assert(same_value(a[p], e[p]), "assert_object_equals", description, "property ${p} expected ${expected} got ${actual}", { p: path.concat(p).join("."), expected: e[p], actual: a[p] });
        }
      }
      for (const p in e) {
        assert(a.hasOwnProperty(p), "assert_object_equals", description, "expected property ${p} missing", { p: path.concat(p).join(".") });
      }
      stack.pop();
    };
    check(actual, expected, [], []);
  }
  function assert_approx_equals(actual, expected, epsilon, description) {
    assert(typeof actual === typeof expected, "assert_approx_equals", description, "expected a ${type_expected} but got a ${type_actual}", { type_expected: typeof expected, type_actual: typeof actual });
    if (isFinite(actual) || isFinite(expected)) {
      assert(Math.abs(actual - expected) <= epsilon, "assert_approx_equals", description, "expected ${expected} +/- ${epsilon} but got ${actual}", { expected, actual, epsilon });
    } else {
      assert_equals(actual, expected);
    }
  }
  function compare(name, op, symbol) {
    return function (actual, expected, description) {
      assert(typeof actual === "number" || typeof actual === "bigint", name, description, "expected a number but got a ${type_actual}", { type_actual: typeof actual });
      assert(op(actual, expected), name, description, "expected a number " + symbol + " ${expected} but got ${actual}", { expected, actual });
    };
  }
  const assert_less_than = compare("assert_less_than", (a, e) => a < e, "less than");
  const assert_greater_than = compare("assert_greater_than", (a, e) => a > e, "greater than");
  const assert_less_than_equal = compare("assert_less_than_equal", (a, e) => a <= e, "less than or equal to");
  const assert_greater_than_equal = compare("assert_greater_than_equal", (a, e) => a >= e, "greater than or equal to");
  function assert_between_exclusive(actual, lower, upper, description) {
    assert(typeof actual === "number" && lower < actual && actual < upper, "assert_between_exclusive", description,
      "expected a number greater than ${lower} and less than ${upper} but got ${actual}", { lower, upper, actual });
  }
  function assert_between_inclusive(actual, lower, upper, description) {
    assert(typeof actual === "number" && lower <= actual && actual <= upper, "assert_between_inclusive", description,
      "expected a number greater than or equal to ${lower} and less than or equal to ${upper} but got ${actual}", { lower, upper, actual });
  }
  function assert_regexp_match(actual, expected, description) {
    assert(expected.test(actual), "assert_regexp_match", description, "expected ${expected} but got ${actual}", { expected, actual });
  }
  function assert_not_regexp_match(actual, expected, description) {
    assert(!expected.test(actual), "assert_not_regexp_match", description, "expected not ${expected} but got ${actual}", { expected, actual });
  }
  function assert_class_string(object, class_string, description) {
    const actual = nativeToString.call(object);
    const expected = "[object " + class_string + "]";
    assert(same_value(actual, expected), "assert_class_string", description, "expected ${expected} but got ${actual}", { expected, actual });
  }
  function assert_own_property(object, property_name, description) {
    assert(Object.prototype.hasOwnProperty.call(object, property_name), "assert_own_property", description, "expected property ${p} missing", { p: property_name });
  }
  function assert_not_own_property(object, property_name, description) {
    assert(!Object.prototype.hasOwnProperty.call(object, property_name), "assert_not_own_property", description, "unexpected property ${p} is found on object", { p: property_name });
  }
  function assert_inherits(object, property_name, description) {
    assert(typeof object === "object" || typeof object === "function", "assert_inherits", description, "provided value is not an object");
    assert("hasOwnProperty" in object, "assert_inherits", description, "provided value is an object but has no hasOwnProperty method");
    assert(!object.hasOwnProperty(property_name), "assert_inherits", description, "property ${p} found on object expected in prototype chain", { p: property_name });
    assert(property_name in object, "assert_inherits", description, "property ${p} not found in prototype chain", { p: property_name });
  }
  const assert_idl_attribute = assert_inherits;
  function assert_readonly(object, property_name, description) {
    const initial = object[property_name];
    try {
      object[property_name] = initial + "a";
      assert(same_value(object[property_name], initial), "assert_readonly", description, "changing property ${p} succeeded", { p: property_name });
    } finally {
      try { object[property_name] = initial; } catch (e) { /* read-only indeed */ }
    }
  }
  function assert_unreached(description) {
    assert(false, "assert_unreached", description, "Reached unreachable code");
  }
  function assert_implements(condition, description) {
    assert(!!condition, "assert_implements", description, "");
  }
  function assert_implements_optional(condition, description) {
    if (!condition) throw new OptionalFeatureUnsupportedError(description);
  }
  function assert_precondition(condition, description) {
    assert_implements_optional(condition, description);
  }

  function assert_throws_js_impl(constructor, func, description, fnName) {
    try {
      func.call(this);
      assert(false, fnName, description, "${func} did not throw", { func });
    } catch (e) {
      if (e instanceof AssertionError) throw e;
      assert(typeof e === "object" || typeof e === "function", fnName, description, "${func} threw ${e} with type ${type}, not an object", { func, e, type: typeof e });
      assert(e !== null, fnName, description, "${func} threw null, not an object", { func });
      assert(e.constructor === constructor && e.name === constructor.name, fnName, description,
        "${func} threw ${actual} (${actual_name}) expected instance of ${expected} (${expected_name})",
        { func, actual: e, actual_name: e.name, expected: constructor, expected_name: constructor.name });
    }
  }
  function assert_throws_js(constructor, func, description) {
    assert_throws_js_impl(constructor, func, description, "assert_throws_js");
  }

  const codeNames = {
    IndexSizeError: 1, HierarchyRequestError: 3, WrongDocumentError: 4, InvalidCharacterError: 5,
    NoModificationAllowedError: 7, NotFoundError: 8, NotSupportedError: 9, InUseAttributeError: 10,
    InvalidStateError: 11, SyntaxError: 12, InvalidModificationError: 13, NamespaceError: 14,
    InvalidAccessError: 15, TypeMismatchError: 17, SecurityError: 18, NetworkError: 19, AbortError: 20,
    URLMismatchError: 21, QuotaExceededError: 22, TimeoutError: 23, InvalidNodeTypeError: 24, DataCloneError: 25,
    EncodingError: 0, NotReadableError: 0, UnknownError: 0, ConstraintError: 0, DataError: 0,
    TransactionInactiveError: 0, ReadOnlyError: 0, VersionError: 0, OperationError: 0, NotAllowedError: 0,
    OptOutError: 0,
  };
  const legacyCodes = {
    INDEX_SIZE_ERR: "IndexSizeError", HIERARCHY_REQUEST_ERR: "HierarchyRequestError", WRONG_DOCUMENT_ERR: "WrongDocumentError",
    INVALID_CHARACTER_ERR: "InvalidCharacterError", NO_MODIFICATION_ALLOWED_ERR: "NoModificationAllowedError",
    NOT_FOUND_ERR: "NotFoundError", NOT_SUPPORTED_ERR: "NotSupportedError", INUSE_ATTRIBUTE_ERR: "InUseAttributeError",
    INVALID_STATE_ERR: "InvalidStateError", SYNTAX_ERR: "SyntaxError", INVALID_MODIFICATION_ERR: "InvalidModificationError",
    NAMESPACE_ERR: "NamespaceError", INVALID_ACCESS_ERR: "InvalidAccessError", TYPE_MISMATCH_ERR: "TypeMismatchError",
    SECURITY_ERR: "SecurityError", NETWORK_ERR: "NetworkError", ABORT_ERR: "AbortError", URL_MISMATCH_ERR: "URLMismatchError",
    QUOTA_EXCEEDED_ERR: "QuotaExceededError", TIMEOUT_ERR: "TimeoutError", INVALID_NODE_TYPE_ERR: "InvalidNodeTypeError",
    DATA_CLONE_ERR: "DataCloneError",
  };

  function assert_throws_dom_impl(type, funcOrConstructor, descriptionOrFunc, maybeDescription, fnName) {
    let constructor, func, description;
    if (typeof descriptionOrFunc === "function") {
      constructor = funcOrConstructor;
      func = descriptionOrFunc;
      description = maybeDescription;
    } else {
      constructor = typeof DOMException === "function" ? DOMException : undefined;
      func = funcOrConstructor;
      description = descriptionOrFunc;
    }
    let name = type;
    if (typeof type === "number") {
      name = Object.keys(codeNames).find((n) => codeNames[n] === type);
    } else if (type in legacyCodes) {
      name = legacyCodes[type];
    }
    assert(name in codeNames, fnName, description, "unknown DOMException name ${type}", { type });
    try {
      func.call(this);
      assert(false, fnName, description, "${func} did not throw", { func });
    } catch (e) {
      if (e instanceof AssertionError) throw e;
      assert(typeof e === "object" && e !== null, fnName, description, "${func} threw ${e}, not an object", { func, e });
      assert(e.name === name, fnName, description, "${func} threw ${actual} that is not a DOMException " + name + ": property name is ${actual_name}", { func, actual: e, actual_name: e.name });
      assert(e.code === codeNames[name], fnName, description, "${func} threw ${actual} with code ${actual_code}, expected ${expected}", { func, actual: e, actual_code: e.code, expected: codeNames[name] });
      if (constructor) {
        assert(e.constructor === constructor, fnName, description, "${func} threw an exception from the wrong global", { func });
      }
    }
  }
  function assert_throws_dom(type, funcOrConstructor, descriptionOrFunc, maybeDescription) {
    assert_throws_dom_impl(type, funcOrConstructor, descriptionOrFunc, maybeDescription, "assert_throws_dom");
  }
  function assert_throws_exactly(exception, func, description) {
    try {
      func.call(this);
      assert(false, "assert_throws_exactly", description, "${func} did not throw", { func });
    } catch (e) {
      if (e instanceof AssertionError) throw e;
      assert(same_value(e, exception), "assert_throws_exactly", description, "${func} threw ${e} but we expected it to throw ${exception}", { func, e, exception });
    }
  }

  function promise_rejects_js(test, constructor, promise, description) {
    return then(promise, test.unreached_func("Should have rejected: " + description), (e) => {
      assert_throws_js_impl(constructor, () => { throw e; }, description, "promise_rejects_js");
    });
  }
  function promise_rejects_dom(test, type, promiseOrConstructor, descriptionOrPromise, maybeDescription) {
    let constructor, promise, description;
    if (typeof promiseOrConstructor === "function" && !(promiseOrConstructor instanceof Promise)) {
      constructor = promiseOrConstructor;
      promise = descriptionOrPromise;
      description = maybeDescription;
    } else {
      promise = promiseOrConstructor;
      description = descriptionOrPromise;
    }
    return then(promise, test.unreached_func("Should have rejected: " + description), (e) => {
      if (constructor) assert_throws_dom_impl(type, constructor, () => { throw e; }, description, "promise_rejects_dom");
      else assert_throws_dom_impl(type, () => { throw e; }, description, undefined, "promise_rejects_dom");
    });
  }
  function promise_rejects_exactly(test, exception, promise, description) {
    return then(promise, test.unreached_func("Should have rejected: " + description), (e) => {
      assert_throws_exactly(exception, () => { throw e; }, description);
    });
  }

  // ---------------------------------------------------------------------------------
  // Tests

  const tests = [];
  const resultCallbacks = [];
  const completionCallbacks = [];
  const harness = {
    explicitDone: false,
    allowUncaught: false,
    status: 0, // 0 OK, 1 ERROR, 2 TIMEOUT, 3 PRECONDITION_FAILED
    message: null,
    stack: null,
    completed: false,
    syncDone: false,
    doneCalled: false,
  };
  let promiseQueue = PromiseResolve();
  let promiseSetupDone = PromiseResolve();
  let currentTest = null;

  class Test {
    constructor(name, properties) {
      this.name = name;
      this.properties = properties || {};
      this.status = NOTRUN;
      this.phase = 0; // 0 initial, 1 started, 2 has result, 3 complete
      this.message = null;
      this.stack = null;
      this.cleanups = [];
      this.timers = [];
      this._done = false;
      tests.push(this);
    }

    step(func, thisObj, ...args) {
      if (this.phase > 1) return undefined;
      this.phase = 1;
      const previous = currentTest;
      currentTest = this;
      try {
        return func.apply(thisObj === undefined ? this : thisObj, args);
      } catch (e) {
        this.fail(e);
        return undefined;
      } finally {
        currentTest = previous;
      }
    }

    step_func(func, thisObj) {
      const test = this;
      return function (...args) {
        return test.step(func, thisObj === undefined ? this : thisObj, ...args);
      };
    }

    step_func_done(func, thisObj) {
      const test = this;
      return function (...args) {
        if (func) test.step(func, thisObj === undefined ? this : thisObj, ...args);
        test.done();
      };
    }

    unreached_func(description) {
      return this.step_func(() => assert_unreached(description));
    }

    step_timeout(func, timeout, ...args) {
      const test = this;
      const id = setTimeoutRef(() => test.step(func, test, ...args), timeout);
      this.timers.push(id);
      return id;
    }

    step_wait_func(cond, func, description, timeout = 3000, interval = 100) {
      const start = Date.now();
      const test = this;
      const check = () => {
        if (test.phase > 1) return;
        if (cond()) return func();
        if (Date.now() - start > timeout) {
          test.step(() => assert_unreached(description || "step_wait timed out"));
          return undefined;
        }
        test.step_timeout(check, interval);
        return undefined;
      };
      test.step_timeout(check, 0);
    }

    step_wait_func_done(cond, func, description, timeout, interval) {
      this.step_wait_func(cond, () => {
        if (func) func();
        this.done();
      }, description, timeout, interval);
    }

    step_wait(cond, description, timeout = 3000, interval = 100) {
      return new Promise((resolve) => this.step_wait_func(cond, resolve, description, timeout, interval));
    }

    add_cleanup(fn) {
      this.cleanups.push(fn);
    }

    fail(e) {
      if (this.phase >= 2) return;
      if (e instanceof OptionalFeatureUnsupportedError) {
        this.status = PRECONDITION_FAILED;
      } else {
        this.status = FAIL;
      }
      this.message = e && typeof e === "object" && "message" in e ? String(e.message) : String(e);
      if (!(e instanceof AssertionError) && e && e.name) this.message = e.name + ": " + this.message;
      this.stack = e && e.stack ? String(e.stack) : null;
      this.phase = 2;
      this.done();
    }

    force_timeout() {
      this.status = TIMEOUT;
      this.message = "Test timed out";
      this.phase = 2;
      this.done();
    }

    done() {
      if (this._done) return;
      if (this.phase < 2) {
        this.status = PASS;
        this.phase = 2;
      }
      this._done = true;
      for (const id of this.timers) clearTimeoutRef(id);
      this.timers = [];
      const cleanups = this.cleanups;
      this.cleanups = [];
      let cleanupResults = [];
      for (const fn of cleanups) {
        try {
          const r = fn();
          if (r && typeof r.then === "function") cleanupResults.push(r);
        } catch (e) {
          harnessError("Cleanup function threw: " + e);
        }
      }
      const finish = () => {
        this.phase = 3;
        for (const cb of resultCallbacks) cb(this);
        maybeComplete();
      };
      if (cleanupResults.length) then(Promise.all(cleanupResults), finish, finish);
      else finish();
    }
  }

  function nameFor(func, name) {
    if (name) return name;
    if (func && func.name) return func.name;
    return "Untitled" + (tests.length ? " " + (tests.length + 1) : "");
  }

  function test(func, name, properties) {
    const t = new Test(nameFor(func, name), properties);
    t.step(func, t, t);
    if (t.phase < 2) t.done();
    else if (!t._done) t.done();
    return t;
  }

  function async_test(func, name, properties) {
    if (typeof func !== "function") {
      properties = name;
      name = func;
      func = null;
    }
    const t = new Test(nameFor(func, name), properties);
    if (func) t.step(func, t, t);
    return t;
  }

  function promise_test(func, name, properties) {
    const t = new Test(nameFor(func, name), properties);
    t.phase = 0;
    promiseQueue = then(then(promiseQueue, () => promiseSetupDone), () => new Promise((resolve) => {
      let result;
      t.phase = 1;
      try {
        result = func.call(t, t);
      } catch (e) {
        t.fail(e);
        resolve();
        return;
      }
      if (!result || typeof result.then !== "function") {
        t.fail(new AssertionError("promise_test: test body must return a 'thenable' object (received " + format_value(result) + ")"));
        resolve();
        return;
      }
      then(PromiseResolve(result), () => {
        t.done();
        resolve();
      }, (e) => {
        t.fail(e);
        resolve();
      });
    }), () => {});
    return t;
  }

  function promise_setup(func, properties) {
    if (properties) setup(properties);
    promiseSetupDone = then(promiseQueue, () => func());
    then(promiseSetupDone, undefined, (e) => harnessError("promise_setup failed: " + e));
  }

  function setup(funcOrProperties, maybeProperties) {
    let func = null, properties = {};
    if (typeof funcOrProperties === "function") {
      func = funcOrProperties;
      properties = maybeProperties || {};
    } else {
      properties = funcOrProperties || {};
    }
    if (properties.explicit_done) harness.explicitDone = true;
    if (properties.allow_uncaught_exception) harness.allowUncaught = true;
    if (func) {
      try {
        func();
      } catch (e) {
        harnessError("setup failed: " + e, e);
      }
    }
  }

  function done() {
    harness.doneCalled = true;
    maybeComplete();
  }

  function harnessError(message, error) {
    if (harness.status !== 0) return;
    harness.status = 1;
    harness.message = message;
    harness.stack = error && error.stack ? String(error.stack) : null;
  }

  function maybeComplete() {
    if (harness.completed || !harness.syncDone) return;
    if (harness.explicitDone && !harness.doneCalled) return;
    for (const t of tests) if (t.phase < 3) return;
    complete();
  }

  function complete() {
    if (harness.completed) return;
    harness.completed = true;
    const results = tests.map((t) => ({
      name: String(t.name),
      status: statusNames[t.status],
      message: t.message,
      stack: t.stack,
    }));
    for (const cb of completionCallbacks) {
      try { cb(tests, harness); } catch (e) { /* ignore */ }
    }
    log(MARKER + JSONStringify({
      status: ["OK", "ERROR", "TIMEOUT", "PRECONDITION_FAILED"][harness.status],
      message: harness.message,
      stack: harness.stack,
      tests: results,
    }));
  }

  // Called by the runner when the sandbox went idle or the file timed out.
  function forceComplete(reason) {
    if (harness.completed) return;
    let anyIncomplete = false;
    for (const t of tests) {
      if (t.phase < 2) {
        anyIncomplete = true;
        t.status = t.phase === 0 ? NOTRUN : TIMEOUT;
        t.message = t.phase === 0 ? "Test did not run" : "Test timed out (" + reason + ")";
        t.phase = 3;
      } else if (t.phase < 3) {
        t.phase = 3;
      }
    }
    if (harness.explicitDone && !harness.doneCalled && !anyIncomplete && harness.status === 0) {
      // done() was never called although every test finished: report as the harness would.
      harness.status = 2;
      harness.message = "done() was not called";
    } else if (anyIncomplete && harness.status === 0) {
      harness.status = 2;
      harness.message = reason;
    }
    complete();
  }

  addEventListener("error", (event) => {
    if (harness.allowUncaught) return;
    const error = event.error;
    if (currentTest && currentTest.phase < 2) {
      currentTest.fail(error);
    } else {
      harnessError("Uncaught exception: " + (error && error.message ? error.name + ": " + error.message : String(error)), error);
    }
    event.preventDefault();
  });
  addEventListener("unhandledrejection", (event) => {
    if (harness.allowUncaught) return;
    const reason = event.reason;
    harnessError("Unhandled rejection: " + (reason && reason.message ? reason.name + ": " + reason.message : String(reason)), reason);
    event.preventDefault();
  });

  // ---------------------------------------------------------------------------------
  // EventWatcher

  class EventWatcher {
    constructor(test, watchedNode, eventTypes, timeoutPromise) {
      if (typeof eventTypes === "string") eventTypes = [eventTypes];
      let waitingFor = null;
      let recordedEvents = null;
      const eventHandler = test.step_func((evt) => {
        assert_true(!!waitingFor, "Not expecting event, but got " + evt.type + " event");
        assert_equals(evt.type, waitingFor.types[0], "Expected " + waitingFor.types[0] + " event, but got " + evt.type + " event instead");
        if (Array.isArray(recordedEvents)) recordedEvents.push(evt);
        if (waitingFor.types.length > 1) {
          waitingFor.types.shift();
          return;
        }
        const resolveFunc = waitingFor.resolve;
        waitingFor = null;
        const result = recordedEvents || evt;
        recordedEvents = null;
        resolveFunc(result);
      });
      for (const type of eventTypes) watchedNode.addEventListener(type, eventHandler, false);
      this.wait_for = (types, options) => {
        if (waitingFor) return Promise.reject("Already waiting for an event or events");
        if (typeof types === "string") types = [types];
        if (options && options.record && options.record === "all") recordedEvents = [];
        return new Promise((resolve, reject) => {
          const timeout = test.step_func(() => {
            if (waitingFor && waitingFor.resolve === resolve) {
              waitingFor = null;
              reject(new Error("Timed out waiting for " + types.join(", ")));
            }
          });
          if (timeoutPromise) then(timeoutPromise(), timeout);
          waitingFor = { types: types.slice(), resolve, reject };
        });
      };
      this.stop_watching = () => {
        for (const type of eventTypes) watchedNode.removeEventListener(type, eventHandler, false);
      };
      test.add_cleanup(() => this.stop_watching());
    }
  }

  function add_result_callback(fn) { resultCallbacks.push(fn); }
  function add_completion_callback(fn) { completionCallbacks.push(fn); }
  function add_start_callback() {}
  function step_timeout(func, timeout, ...args) {
    return setTimeoutRef(() => func(...args), timeout);
  }

  const exported = {
    test, async_test, promise_test, promise_setup, setup, done, step_timeout, format_value,
    add_result_callback, add_completion_callback, add_start_callback, EventWatcher,
    assert_true, assert_false, assert_equals, assert_not_equals, assert_in_array, assert_array_equals,
    assert_array_approx_equals, assert_object_equals, assert_approx_equals, assert_less_than,
    assert_greater_than, assert_less_than_equal, assert_greater_than_equal, assert_between_exclusive,
    assert_between_inclusive, assert_regexp_match, assert_not_regexp_match, assert_class_string,
    assert_own_property, assert_not_own_property, assert_inherits, assert_idl_attribute, assert_readonly,
    assert_unreached, assert_implements, assert_implements_optional, assert_precondition,
    assert_throws_js, assert_throws_dom, assert_throws_exactly, promise_rejects_js, promise_rejects_dom,
    promise_rejects_exactly,
    GLOBAL: {
      isWindow: () => false,
      isWorker: () => false,
      isShadowRealm: () => false,
    },
  };
  for (const key of Object.keys(exported)) {
    Object.defineProperty(global, key, { value: exported[key], writable: true, configurable: true, enumerable: false });
  }
  // For the runner only.
  Object.defineProperty(global, "__vergeHarness", {
    value: Object.freeze({
      syncDone() {
        harness.syncDone = true;
        maybeComplete();
      },
      forceComplete,
      error: harnessError,
    }),
    writable: false,
    configurable: true,
    enumerable: false,
  });
})(globalThis);
