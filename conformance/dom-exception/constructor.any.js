// DOMException (https://webidl.spec.whatwg.org/#idl-DOMException).

function assertNotOwn(exception) {
  for (const key of ["name", "message", "code", "cause"]) {
    assert_false(Object.prototype.hasOwnProperty.call(exception, key), key + " is inherited");
  }
}

test(() => {
  const e = new DOMException();
  assert_equals(e.name, "Error");
  assert_equals(e.message, "");
  assert_equals(e.code, 0);
  assert_equals(e.cause, undefined);
  assertNotOwn(e);
}, "new DOMException()");

test(() => {
  assert_equals(new DOMException(undefined).message, "");
  assert_equals(new DOMException(null).message, "null");
  assert_equals(new DOMException(5).message, "5");
  assert_equals(new DOMException("m", undefined).name, "Error");
  assert_equals(new DOMException("m", null).name, "Error", "null is an empty options dictionary");
  assert_throws_js(TypeError, () => new DOMException(Symbol()));
  assert_throws_js(TypeError, () => new DOMException("m", Symbol()));
  assert_throws_js(TypeError, () => DOMException());
}, "argument conversion");

test(() => {
  const e = new DOMException("bar", "NotSupportedError");
  assert_equals(e.name, "NotSupportedError");
  assert_equals(e.message, "bar");
  assert_equals(e.code, DOMException.NOT_SUPPORTED_ERR);
  assertNotOwn(e);
  const custom = new DOMException("bar", "foo");
  assert_equals(custom.name, "foo");
  assert_equals(custom.code, 0);
}, "a name as second argument");

test(() => {
  const e = new DOMException("bar", { name: "NotSupportedError", cause: "why" });
  assert_equals(e.name, "NotSupportedError");
  assert_equals(e.code, 9);
  assert_equals(e.cause, "why");
  assertNotOwn(e);
  assert_equals(new DOMException("bar", {}).name, "Error");
  assert_equals(new DOMException("bar", { cause: 0 }).cause, 0);
  const order = [];
  new DOMException("m", {
    get name() { order.push("name"); return "X"; },
    get cause() { order.push("cause"); return 1; },
  });
  assert_array_equals(order, ["cause", "name"], "members are read in order");
}, "an options dictionary as second argument");

test(() => {
  const table = {
    IndexSizeError: 1, HierarchyRequestError: 3, WrongDocumentError: 4, InvalidCharacterError: 5,
    NoModificationAllowedError: 7, NotFoundError: 8, NotSupportedError: 9, InUseAttributeError: 10,
    InvalidStateError: 11, SyntaxError: 12, InvalidModificationError: 13, NamespaceError: 14,
    InvalidAccessError: 15, TypeMismatchError: 17, SecurityError: 18, NetworkError: 19, AbortError: 20,
    URLMismatchError: 21, QuotaExceededError: 22, TimeoutError: 23, InvalidNodeTypeError: 24,
    DataCloneError: 25, DOMStringSizeError: 0, NoDataAllowedError: 0, ValidationError: 0,
    EncodingError: 0, NotReadableError: 0, UnknownError: 0, ConstraintError: 0, DataError: 0,
    OperationError: 0, NotAllowedError: 0,
  };
  for (const [name, code] of Object.entries(table)) {
    const e = new DOMException("msg", name);
    assert_equals(e.code, code, name);
  }
}, "legacy codes follow the error names table");

test(() => {
  assert_equals(Object.getPrototypeOf(DOMException.prototype), Error.prototype);
  assert_equals(Object.getPrototypeOf(DOMException), Function.prototype);
  const e = new DOMException("m", "n");
  assert_true(e instanceof Error);
  assert_true(Error.isError(e), "has [[ErrorData]]");
  assert_equals(Object.prototype.toString.call(e), "[object DOMException]");
  assert_equals(String(e), "n: m", "Error.prototype.toString");
  assert_false(DOMException.prototype.hasOwnProperty("toString"));
  assert_throws_js(TypeError, () => DOMException.prototype.toString());
  assert_equals(typeof e.stack, typeof new Error().stack);
}, "DOMException objects are errors");

test(() => {
  for (const name of ["name", "message", "code", "cause"]) {
    const descriptor = Object.getOwnPropertyDescriptor(DOMException.prototype, name);
    assert_equals(typeof descriptor.get, "function", name);
    assert_equals(descriptor.set, undefined, name);
    assert_true(descriptor.enumerable, name);
    assert_true(descriptor.configurable, name);
    assert_throws_js(TypeError, () => descriptor.get.call({}), name);
    assert_throws_js(TypeError, () => descriptor.get.call(new Error()), name);
  }
}, "accessors check their receiver");

test(() => {
  const e = new DOMException("message", "InvalidCharacterError");
  Object.defineProperty(e, "name", { value: "WrongDocumentError" });
  assert_equals(e.code, 5);
  Object.defineProperty(e, "message", { value: "new message" });
  assert_equals(String(e), "WrongDocumentError: new message");
}, "code is fixed at construction");

test(() => {
  class MyException extends DOMException {
    constructor() {
      super("sub", "SyntaxError");
      this.extra = 1;
    }
  }
  const e = new MyException();
  assert_true(e instanceof MyException);
  assert_true(e instanceof DOMException);
  assert_equals(e.name, "SyntaxError");
  assert_equals(e.code, 12);
  assert_equals(e.extra, 1);
}, "DOMException can be subclassed");

test(() => {
  const constants = {
    INDEX_SIZE_ERR: 1, DOMSTRING_SIZE_ERR: 2, HIERARCHY_REQUEST_ERR: 3, WRONG_DOCUMENT_ERR: 4,
    INVALID_CHARACTER_ERR: 5, NO_DATA_ALLOWED_ERR: 6, NO_MODIFICATION_ALLOWED_ERR: 7, NOT_FOUND_ERR: 8,
    NOT_SUPPORTED_ERR: 9, INUSE_ATTRIBUTE_ERR: 10, INVALID_STATE_ERR: 11, SYNTAX_ERR: 12,
    INVALID_MODIFICATION_ERR: 13, NAMESPACE_ERR: 14, INVALID_ACCESS_ERR: 15, VALIDATION_ERR: 16,
    TYPE_MISMATCH_ERR: 17, SECURITY_ERR: 18, NETWORK_ERR: 19, ABORT_ERR: 20, URL_MISMATCH_ERR: 21,
    QUOTA_EXCEEDED_ERR: 22, TIMEOUT_ERR: 23, INVALID_NODE_TYPE_ERR: 24, DATA_CLONE_ERR: 25,
  };
  for (const [name, value] of Object.entries(constants)) {
    assert_equals(DOMException[name], value, name);
    assert_equals(DOMException.prototype[name], value, name);
    const descriptor = Object.getOwnPropertyDescriptor(DOMException, name);
    assert_false(descriptor.writable, name);
    assert_true(descriptor.enumerable, name);
    assert_false(descriptor.configurable, name);
  }
  assert_equals(DOMException.length, 0);
  assert_equals(DOMException.name, "DOMException");
}, "constants and interface object");
