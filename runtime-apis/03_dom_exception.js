// DOMException (https://webidl.spec.whatwg.org/#idl-DOMException).
//
// Instances are real Error objects (made by the Error constructor with DOMException's
// prototype, so they have [[ErrorData]]: a JS stack, and Error.isError() is true), while
// `name`, `message`, `code` and `cause` are brand-checked prototype accessors, as WebIDL
// requires. DOMException.prototype inherits from Error.prototype; the interface object
// itself from Function.prototype. Serializable through structuredClone (registered in
// 09_structured_clone.js).

const {
  Error,
  ObjectDefineProperty,
  ObjectFreeze,
  ObjectGetOwnPropertyDescriptor,
  ObjectSetPrototypeOf,
  ReflectConstruct,
  SafeWeakMap,
  StringPrototypeIncludes,
  StringPrototypeIndexOf,
  StringPrototypeSlice,
  StringPrototypeSplit,
  SymbolFor,
  TypeError,
  WeakMapPrototypeGet,
  WeakMapPrototypeHas,
  WeakMapPrototypeSet,
} = core.primordials;
const webidl = core.require("webidl");

// Legacy code for each name (https://webidl.spec.whatwg.org/#dfn-error-names-table).
const nameToCode = {
  __proto__: null,
  IndexSizeError: 1,
  HierarchyRequestError: 3,
  WrongDocumentError: 4,
  InvalidCharacterError: 5,
  NoModificationAllowedError: 7,
  NotFoundError: 8,
  NotSupportedError: 9,
  InUseAttributeError: 10,
  InvalidStateError: 11,
  SyntaxError: 12,
  InvalidModificationError: 13,
  NamespaceError: 14,
  InvalidAccessError: 15,
  TypeMismatchError: 17,
  SecurityError: 18,
  NetworkError: 19,
  AbortError: 20,
  URLMismatchError: 21,
  QuotaExceededError: 22,
  TimeoutError: 23,
  InvalidNodeTypeError: 24,
  DataCloneError: 25,
};

// exception -> { message, name, code, cause }
const states = new SafeWeakMap();

function stateOf(value) {
  const state = (value !== null && typeof value === "object") ? WeakMapPrototypeGet(states, value) : undefined;
  if (state === undefined) throw new TypeError("Illegal invocation");
  return state;
}

const prefix = "Failed to construct 'DOMException'";

class DOMException {
  constructor(message = "", options = "Error") {
    message = webidl.converters.DOMString(message, prefix, "Argument 1");
    // (DOMString or DOMExceptionOptions): null, undefined and objects are the dictionary
    // { any cause; DOMString name = "Error"; }, read in member order.
    let name = "Error";
    let cause;
    let hasCause = false;
    if (options === null || typeof options === "object" || typeof options === "function") {
      if (options !== null) {
        cause = options.cause;
        hasCause = cause !== undefined;
        const nameValue = options.name;
        if (nameValue !== undefined) name = webidl.converters.DOMString(nameValue, prefix, "'name' of 'DOMExceptionOptions'");
      }
    } else {
      name = webidl.converters.DOMString(options, prefix, "Argument 2");
    }
    // An Error object (with [[ErrorData]] and a stack) whose prototype is new.target's.
    const exception = ReflectConstruct(Error, [], new.target);
    trimStack(exception);
    WeakMapPrototypeSet(states, exception, {
      message,
      name,
      code: nameToCode[name] ?? 0,
      cause: hasCause ? cause : undefined,
    });
    return exception;
  }

  static isInstance(value) {
    return value !== null && typeof value === "object" && WeakMapPrototypeHas(states, value);
  }

  get message() {
    return stateOf(this).message;
  }

  get name() {
    return stateOf(this).name;
  }

  get code() {
    return stateOf(this).code;
  }

  get cause() {
    return stateOf(this).cause;
  }

  [SymbolFor("Verge.inspect")](inspect) {
    const state = stateOf(this);
    const stack = this.stack;
    const head = state.message ? `${state.name}: ${state.message}` : state.name;
    return typeof stack === "string" && stack ? `${head}\n${indentStack(stack)}` : head;
  }
}

/** Drops the frames of this constructor (Reflect.construct, runtime-apis) from the stack. */
function trimStack(exception) {
  const descriptor = ObjectGetOwnPropertyDescriptor(exception, "stack");
  if (descriptor === undefined || typeof descriptor.value !== "string") return;
  const stack = descriptor.value;
  let start = 0;
  while (start < stack.length) {
    let end = StringPrototypeIndexOf(stack, "\n", start);
    if (end === -1) end = stack.length;
    const line = StringPrototypeSlice(stack, start, end);
    if (line !== "construct@[native code]" && !StringPrototypeIncludes(line, "verge:runtime-apis/")) break;
    start = end + 1;
  }
  if (start > 0 && start < stack.length) {
    ObjectDefineProperty(exception, "stack", {
      __proto__: null,
      value: StringPrototypeSlice(stack, start),
      writable: descriptor.writable,
      enumerable: descriptor.enumerable,
      configurable: descriptor.configurable,
    });
  }
}

function indentStack(stack) {
  const { formatStack } = core.require("console");
  if (typeof formatStack === "function") return formatStack(stack);
  let out = "";
  const lines = StringPrototypeSplit(stack, "\n");
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] === "") continue;
    out += (out ? "\n" : "") + "    at " + lines[i];
  }
  return out;
}

webidl.configureInterface(DOMException, {
  constants: {
    INDEX_SIZE_ERR: 1,
    DOMSTRING_SIZE_ERR: 2,
    HIERARCHY_REQUEST_ERR: 3,
    WRONG_DOCUMENT_ERR: 4,
    INVALID_CHARACTER_ERR: 5,
    NO_DATA_ALLOWED_ERR: 6,
    NO_MODIFICATION_ALLOWED_ERR: 7,
    NOT_FOUND_ERR: 8,
    NOT_SUPPORTED_ERR: 9,
    INUSE_ATTRIBUTE_ERR: 10,
    INVALID_STATE_ERR: 11,
    SYNTAX_ERR: 12,
    INVALID_MODIFICATION_ERR: 13,
    NAMESPACE_ERR: 14,
    INVALID_ACCESS_ERR: 15,
    VALIDATION_ERR: 16,
    TYPE_MISMATCH_ERR: 17,
    SECURITY_ERR: 18,
    NETWORK_ERR: 19,
    ABORT_ERR: 20,
    URL_MISMATCH_ERR: 21,
    QUOTA_EXCEEDED_ERR: 22,
    TIMEOUT_ERR: 23,
    INVALID_NODE_TYPE_ERR: 24,
    DATA_CLONE_ERR: 25,
  },
});
// The prototype object inherits from Error.prototype
// (https://webidl.spec.whatwg.org/#es-DOMException-specialness); the interface object
// itself inherits from Function.prototype, as a class without `extends` does.
ObjectSetPrototypeOf(DOMException.prototype, Error.prototype);
webidl.setLength(DOMException, 0);

return ObjectFreeze({ __proto__: null, DOMException, nameToCode });
