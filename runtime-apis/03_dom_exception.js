// DOMException (https://webidl.spec.whatwg.org/#idl-DOMException).
// Instances are Error objects (they get a JS stack), but `name`, `message` and `code` are
// prototype accessors, as WebIDL requires. Serializable through structuredClone.

const {
  Error,
  ObjectDefineProperty,
  ObjectFreeze,
  ObjectPrototypeIsPrototypeOf,
  ObjectSetPrototypeOf,
  SymbolFor,
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

const ErrorCaptureStackTrace = core.primordials.ErrorCaptureStackTrace;

class DOMException {
  #message;
  #name;
  #code;

  constructor(message = "", options = "Error") {
    // A JS stack, as errors have (own, non-enumerable `stack`).
    if (typeof ErrorCaptureStackTrace === "function") {
      ErrorCaptureStackTrace(this, DOMException);
    } else {
      ObjectDefineProperty(this, "stack", {
        __proto__: null, value: new Error().stack, writable: true, enumerable: false, configurable: true,
      });
    }
    this.#message = webidl.converters.DOMString(message, "Failed to construct 'DOMException'", "Argument 1");
    // The second argument is the name (a DOMString), or an options dictionary with
    // `name` and `cause` (WebIDL's newer constructor).
    if (options !== null && typeof options === "object") {
      const name = options.name;
      this.#name = name === undefined ? "Error" : webidl.converters.DOMString(name, "Failed to construct 'DOMException'", "name");
      if ("cause" in options) {
        ObjectDefineProperty(this, "cause", { __proto__: null, value: options.cause, writable: true, enumerable: false, configurable: true });
      }
    } else {
      this.#name = webidl.converters.DOMString(options, "Failed to construct 'DOMException'", "Argument 2");
    }
    this.#code = nameToCode[this.#name] ?? 0;
  }

  static isInstance(value) {
    return value !== null && typeof value === "object" && #name in value;
  }

  get message() {
    webidl.assertBranded(this, DOMException.isInstance);
    return this.#message;
  }

  get name() {
    webidl.assertBranded(this, DOMException.isInstance);
    return this.#name;
  }

  get code() {
    webidl.assertBranded(this, DOMException.isInstance);
    return this.#code;
  }

  [SymbolFor("Verge.inspect")](inspect) {
    const stack = this.stack;
    const head = this.#message ? `${this.#name}: ${this.#message}` : this.#name;
    return stack ? `${head}\n${indentStack(stack)}` : head;
  }
}

function indentStack(stack) {
  let out = "";
  const lines = core.primordials.StringPrototypeSplit(stack, "\n");
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
void ObjectPrototypeIsPrototypeOf;

return ObjectFreeze({ __proto__: null, DOMException, nameToCode });
