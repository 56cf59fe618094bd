// Headers (https://fetch.spec.whatwg.org/#headers-class).
//
// The header list is a flat array `[name, value, name, value, …]` with lowercased names
// (names are case-insensitive and every way JS can observe them lowercases them). The
// "sort and combine" view used by iteration is computed lazily and cached until the next
// mutation, so a request's Headers costs one array until someone iterates it.
//
// Guards: "none", "request", "request-no-cors", "response", "immutable". This is a server
// runtime, not a browser: forbidden request-header names and forbidden response-header
// names (Set-Cookie…) are not filtered (conformance/headers/DIVERGENCES.md). The
// "request-no-cors" guard keeps its CORS-safelisting rules.

const {
  ArrayIsArray,
  ObjectDefineProperty,
  ObjectSetPrototypeOf,
  SymbolToStringTag,
  ArrayPrototypePush,
  FunctionPrototypeToString,
  ArrayPrototypeSort,
  FunctionPrototypeCall,
  ObjectFreeze,
  ObjectGetOwnPropertyDescriptor,
  ObjectGetPrototypeOf,
  ReflectOwnKeys,
  RegExpPrototypeExec,
  StringPrototypeCharCodeAt,
  StringPrototypeSlice,
  StringPrototypeToLowerCase,
  SymbolIterator,
  TypeError,
} = core.primordials;
const webidl = core.require("webidl");
const { converters } = webidl;
const mime = core.require("mime");

// ---------------------------------------------------------------------------------------
// Validation and normalization

const tokenRE = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// A normalized value may not contain NUL, LF or CR (leading/trailing whitespace is
// already removed by normalization).
const invalidValueRE = /[\0\n\r]/;

function isValidName(name) {
  return RegExpPrototypeExec(tokenRE, name) !== null;
}

function isValidValue(value) {
  return RegExpPrototypeExec(invalidValueRE, value) === null;
}

function isHTTPWhitespace(c) {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** Normalize a header value: strip leading and trailing HTTP whitespace. */
function normalizeValue(value) {
  const length = value.length;
  if (length === 0) return value;
  if (!isHTTPWhitespace(StringPrototypeCharCodeAt(value, 0)) &&
      !isHTTPWhitespace(StringPrototypeCharCodeAt(value, length - 1))) {
    return value;
  }
  let start = 0;
  let end = length;
  while (start < end && isHTTPWhitespace(StringPrototypeCharCodeAt(value, start))) start++;
  while (end > start && isHTTPWhitespace(StringPrototypeCharCodeAt(value, end - 1))) end--;
  return StringPrototypeSlice(value, start, end);
}

function invalidName(prefix, name) {
  return new TypeError(`${prefix}: Invalid header name: '${name}'`);
}

function invalidValue(prefix, name, value) {
  return new TypeError(`${prefix}: Invalid value for header '${name}': '${value}'`);
}

function lowercase(name) {
  // Names are validated tokens (ASCII), so this is an ASCII lowercase.
  return RegExpPrototypeExec(lowerTokenRE, name) !== null ? name : StringPrototypeToLowerCase(name);
}

// The common case in one regular expression each: an already-lowercase token name, and a
// value of bytes other than NUL, LF, CR (a valid ByteString that stays valid whatever
// normalization strips). Anything else takes the step-by-step path.
const lowerTokenRE = /^[!#$%&'*+\-.^_`|~0-9a-z]+$/;
const plainValueRE = /^[\x01-\x09\x0b\x0c\x0e-\xff]*$/;

// A token; the lookahead captures its first uppercase letter, if any.
const tokenCaseRE = /^(?=[^A-Z]*([A-Z])|)[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** The lowercased name if `name` (a ByteString) is a valid header name, else null. */
function validLowerName(name) {
  const match = RegExpPrototypeExec(tokenCaseRE, name);
  if (match === null) return null;
  return match[1] === undefined ? name : StringPrototypeToLowerCase(name);
}

/**
 * The only argument of get/has/delete: ByteString conversion, then validation and
 * lowercasing (nothing else is converted in between, so doing both here is unobservable).
 */
function nameArgument(V, prefix) {
  if (typeof V === "string" && RegExpPrototypeExec(lowerTokenRE, V) !== null) return V;
  const name = toByteString(V, prefix, "Argument 1");
  const lower = validLowerName(name);
  if (lower === null) throw invalidName(prefix, name);
  return lower;
}

/** ByteString conversion of a name argument that is validated later (a token is one). */
function nameByteString(V, prefix) {
  if (typeof V === "string" && RegExpPrototypeExec(tokenRE, V) !== null) return V;
  return toByteString(V, prefix, "Argument 1");
}

// ---------------------------------------------------------------------------------------
// CORS safelisting (only the "request-no-cors" guard uses it)

function isCORSUnsafeRequestHeaderByte(c) {
  return (c < 0x20 && c !== 0x09) || c === 0x22 || c === 0x28 || c === 0x29 || c === 0x3a ||
    c === 0x3c || c === 0x3e || c === 0x3f || c === 0x40 || c === 0x5b || c === 0x5c ||
    c === 0x5d || c === 0x7b || c === 0x7d || c === 0x7f;
}

function hasCORSUnsafeByte(value) {
  for (let i = 0; i < value.length; i++) {
    if (isCORSUnsafeRequestHeaderByte(StringPrototypeCharCodeAt(value, i))) return true;
  }
  return false;
}

const languageRE = /^[0-9A-Za-z *,\-.;=]*$/;

/** https://fetch.spec.whatwg.org/#cors-safelisted-request-header */
function isCORSSafelistedRequestHeader(name, value) {
  if (value.length > 128) return false;
  switch (name) {
    case "accept":
      return !hasCORSUnsafeByte(value);
    case "accept-language":
    case "content-language":
      return RegExpPrototypeExec(languageRE, value) !== null;
    case "content-type": {
      if (hasCORSUnsafeByte(value)) return false;
      const parsed = mime.parseMimeType(value);
      if (parsed === null) return false;
      const essence = mime.essence(parsed);
      return essence === "application/x-www-form-urlencoded" || essence === "multipart/form-data" ||
        essence === "text/plain";
    }
    case "range":
      return isSimpleRangeHeaderValue(value);
    default:
      return false;
  }
}

/** https://fetch.spec.whatwg.org/#simple-range-header-value */
function isSimpleRangeHeaderValue(value) {
  if (StringPrototypeSlice(value, 0, 6) !== "bytes=") return false;
  let position = 6;
  const digitsFrom = (start) => {
    let p = start;
    while (p < value.length) {
      const c = StringPrototypeCharCodeAt(value, p);
      if (c < 0x30 || c > 0x39) break;
      p++;
    }
    return p;
  };
  const startEnd = digitsFrom(position);
  const rangeStart = startEnd > position ? +StringPrototypeSlice(value, position, startEnd) : null;
  position = startEnd;
  if (StringPrototypeCharCodeAt(value, position) !== 0x2d) return false;
  position++;
  const endEnd = digitsFrom(position);
  const rangeEnd = endEnd > position ? +StringPrototypeSlice(value, position, endEnd) : null;
  position = endEnd;
  if (position < value.length) return false;
  if (rangeEnd === null && rangeStart === null) return false;
  if (rangeStart !== null && rangeEnd !== null && rangeStart > rangeEnd) return false;
  // A suffix range ("bytes=-5") is not simple.
  if (rangeStart === null) return false;
  return true;
}

function isNoCORSSafelistedRequestHeaderName(name) {
  return name === "accept" || name === "accept-language" || name === "content-language" ||
    name === "content-type";
}

function isPrivilegedNoCORSRequestHeaderName(name) {
  return name === "range";
}

function isNoCORSSafelistedRequestHeader(name, value) {
  if (!isNoCORSSafelistedRequestHeaderName(name)) return false;
  return isCORSSafelistedRequestHeader(name, value);
}

// ---------------------------------------------------------------------------------------
// Header list operations on the flat array (names lowercased)

function listGet(list, name) {
  let result = null;
  for (let i = 0; i < list.length; i += 2) {
    if (list[i] === name) result = result === null ? list[i + 1] : `${result}, ${list[i + 1]}`;
  }
  return result;
}

function listContains(list, name) {
  for (let i = 0; i < list.length; i += 2) if (list[i] === name) return true;
  return false;
}

function listDelete(list, name) {
  let write = 0;
  for (let read = 0; read < list.length; read += 2) {
    if (list[read] === name) continue;
    if (write !== read) {
      list[write] = list[read];
      list[write + 1] = list[read + 1];
    }
    write += 2;
  }
  list.length = write;
}

function listSet(list, name, value) {
  let found = -1;
  for (let i = 0; i < list.length; i += 2) {
    if (list[i] === name) {
      found = i;
      break;
    }
  }
  if (found === -1) {
    ArrayPrototypePush(list, name, value);
    return;
  }
  list[found + 1] = value;
  let write = found + 2;
  for (let read = found + 2; read < list.length; read += 2) {
    if (list[read] === name) continue;
    if (write !== read) {
      list[write] = list[read];
      list[write + 1] = list[read + 1];
    }
    write += 2;
  }
  list.length = write;
}

/**
 * https://fetch.spec.whatwg.org/#concept-header-list-sort-and-combine, as a flat
 * [name, value, …] list: entries ordered by name (ties keep list order), values of one name
 * combined with ", " except set-cookie's. Short lists (the usual case) use an insertion
 * sort of entry indices, long ones the built-in sort.
 */
function sortAndCombine(list) {
  const count = list.length >> 1;
  const order = [];
  if (count <= 64) {
    for (let i = 0; i < count; i++) {
      const name = list[i * 2];
      let j = i;
      while (j > 0 && list[order[j - 1] * 2] > name) {
        order[j] = order[j - 1];
        j--;
      }
      order[j] = i;
    }
  } else {
    for (let i = 0; i < count; i++) order[i] = i;
    ArrayPrototypeSort(order, (a, b) => {
      const x = list[a * 2];
      const y = list[b * 2];
      return x < y ? -1 : x > y ? 1 : a - b;
    });
  }
  const headers = [];
  let k = 0;
  while (k < count) {
    const name = list[order[k] * 2];
    if (name === "set-cookie") {
      while (k < count && list[order[k] * 2] === name) {
        headers[headers.length] = name;
        headers[headers.length] = list[order[k] * 2 + 1];
        k++;
      }
      continue;
    }
    let value = list[order[k] * 2 + 1];
    k++;
    while (k < count && list[order[k] * 2] === name) {
      value = `${value}, ${list[order[k] * 2 + 1]}`;
      k++;
    }
    headers[headers.length] = name;
    headers[headers.length] = value;
  }
  return headers;
}

// ---------------------------------------------------------------------------------------
// Headers

let getList;
let setList;
let getGuard;
let setGuard;
let invalidate;
let isHeaders;
let sortedList;

class Headers {
  #list;
  #guard;
  #sorted = null;

  constructor(init = undefined) {
    const prefix = "Failed to construct 'Headers'";
    this.#list = [];
    this.#guard = "none";
    if (init !== undefined) {
      const converted = convertHeadersInit(init, prefix, "Argument 1");
      fillFromPairs(this, converted, prefix);
    }
  }

  static {
    getList = (headers) => headers.#list;
    setList = (headers, list) => {
      headers.#list = list;
      headers.#sorted = null;
    };
    getGuard = (headers) => headers.#guard;
    setGuard = (headers, guard) => {
      headers.#guard = guard;
    };
    invalidate = (headers) => {
      headers.#sorted = null;
    };
    isHeaders = (value) => value !== null && typeof value === "object" && #list in value;
    sortedList = (headers) => {
      if (headers.#sorted === null) headers.#sorted = sortAndCombine(headers.#list);
      return headers.#sorted;
    };
  }


  append(name, value) {
    if (!isHeaders(this)) throw new TypeError("Illegal invocation");
    const prefix = "Failed to execute 'append' on 'Headers'";
    if (arguments.length < 2) webidl.requiredArguments(arguments.length, 2, prefix);
    name = nameByteString(name, prefix);
    if (typeof value !== "string" || RegExpPrototypeExec(plainValueRE, value) === null) {
      value = toByteString(value, prefix, "Argument 2");
    }
    appendHeader(this, name, value, prefix);
  }

  delete(name) {
    if (!isHeaders(this)) throw new TypeError("Illegal invocation");
    const prefix = "Failed to execute 'delete' on 'Headers'";
    if (arguments.length < 1) webidl.requiredArguments(arguments.length, 1, prefix);
    name = nameArgument(name, prefix);
    if (this.#guard === "immutable") throw new TypeError(`${prefix}: Headers are immutable`);
    if (this.#guard === "request-no-cors" && !isNoCORSSafelistedRequestHeaderName(name) &&
        !isPrivilegedNoCORSRequestHeaderName(name)) {
      return;
    }
    if (!listContains(this.#list, name)) return;
    listDelete(this.#list, name);
    this.#sorted = null;
    if (this.#guard === "request-no-cors") removePrivilegedNoCORSHeaders(this.#list);
  }

  get(name) {
    if (!isHeaders(this)) throw new TypeError("Illegal invocation");
    if (arguments.length < 1) webidl.requiredArguments(arguments.length, 1, "Failed to execute 'get' on 'Headers'");
    return listGet(this.#list, nameArgument(name, "Failed to execute 'get' on 'Headers'"));
  }

  getSetCookie() {
    webidl.assertBranded(this, isHeaders);
    const list = this.#list;
    const values = [];
    for (let i = 0; i < list.length; i += 2) {
      if (list[i] === "set-cookie") ArrayPrototypePush(values, list[i + 1]);
    }
    return values;
  }

  has(name) {
    if (!isHeaders(this)) throw new TypeError("Illegal invocation");
    if (arguments.length < 1) webidl.requiredArguments(arguments.length, 1, "Failed to execute 'has' on 'Headers'");
    return listContains(this.#list, nameArgument(name, "Failed to execute 'has' on 'Headers'"));
  }

  set(name, value) {
    if (!isHeaders(this)) throw new TypeError("Illegal invocation");
    const prefix = "Failed to execute 'set' on 'Headers'";
    if (arguments.length < 2) webidl.requiredArguments(arguments.length, 2, prefix);
    name = nameByteString(name, prefix);
    const plain = typeof value === "string" && RegExpPrototypeExec(plainValueRE, value) !== null;
    if (!plain) value = toByteString(value, prefix, "Argument 2");
    value = normalizeValue(value);
    const lower = validLowerName(name);
    if (lower === null) throw invalidName(prefix, name);
    if (!plain && !isValidValue(value)) throw invalidValue(prefix, name, value);
    if (this.#guard === "immutable") throw new TypeError(`${prefix}: Headers are immutable`);
    name = lower;
    if (this.#guard === "request-no-cors" && !isNoCORSSafelistedRequestHeader(name, value)) return;
    listSet(this.#list, name, value);
    this.#sorted = null;
    if (this.#guard === "request-no-cors") removePrivilegedNoCORSHeaders(this.#list);
  }
}

/** https://fetch.spec.whatwg.org/#concept-headers-append */
function appendHeader(headers, name, value, prefix) {
  const plain = RegExpPrototypeExec(plainValueRE, value) !== null;
  value = normalizeValue(value);
  const lower = validLowerName(name);
  if (lower === null) throw invalidName(prefix, name);
  if (!plain && !isValidValue(value)) throw invalidValue(prefix, name, value);
  const guard = getGuard(headers);
  if (guard === "immutable") throw new TypeError(`${prefix}: Headers are immutable`);
  name = lower;
  const list = getList(headers);
  if (guard === "request-no-cors") {
    const existing = listGet(list, name);
    const temporaryValue = existing === null ? value : `${existing}, ${value}`;
    if (!isNoCORSSafelistedRequestHeader(name, temporaryValue)) return;
  }
  list[list.length] = name;
  list[list.length] = value;
  invalidate(headers);
  if (guard === "request-no-cors") removePrivilegedNoCORSHeaders(list);
}

function removePrivilegedNoCORSHeaders(list) {
  if (listContains(list, "range")) listDelete(list, "range");
}

// HeadersInit = (sequence<sequence<ByteString>> or record<ByteString, ByteString>).
// Converted to a list of [name, value] pairs (the record keeps its key order exactly).
function convertHeadersInit(init, prefix, context) {
  if (webidl.type(init) !== "Object") {
    throw webidl.makeException(TypeError,
      "The provided value is not of type '(record<ByteString, ByteString> or sequence<sequence<ByteString>>)'.",
      prefix, context);
  }
  // Fast path: another Headers whose iteration is untouched (unobservable).
  if (isHeaders(init) && init[SymbolIterator] === originalEntries && iteratorPrototype.next === originalNext) {
    const sorted = sortedList(init);
    const result = [];
    for (let i = 0; i < sorted.length; i += 2) result[result.length] = [sorted[i], sorted[i + 1]];
    return result;
  }
  const method = init[SymbolIterator];
  if (method !== undefined && method !== null) {
    if (typeof method !== "function") {
      throw webidl.makeException(TypeError, "can not be converted to sequence.", prefix, context);
    }
    return sequenceOfPairs(init, method, prefix, context);
  }
  // record<ByteString, ByteString>
  const result = [];
  const keys = ReflectOwnKeys(init);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const desc = ObjectGetOwnPropertyDescriptor(init, key);
    if (desc === undefined || !desc.enumerable) continue;
    const typedKey = toByteString(key, prefix, context);
    const value = toByteString(init[key], prefix, context);
    let replaced = false;
    for (let j = 0; j < result.length; j++) {
      if (result[j][0] === typedKey) {
        result[j][1] = value;
        replaced = true;
        break;
      }
    }
    if (!replaced) ArrayPrototypePush(result, [typedKey, value]);
  }
  return result;
}

// sequence<T> from V and its @@iterator method, converting each element with `convert`.
function iterateSequence(V, method, convert, prefix, context) {
  const iterator = FunctionPrototypeCall(method, V);
  if (webidl.type(iterator) !== "Object") throw notSequence(prefix, context);
  const next = iterator.next;
  const result = [];
  while (true) {
    const step = FunctionPrototypeCall(next, iterator);
    if (webidl.type(step) !== "Object") throw notSequence(prefix, context);
    if (step.done) break;
    ArrayPrototypePush(result, convert(step.value, prefix, context, result.length));
  }
  return result;
}

function notSequence(prefix, context) {
  return webidl.makeException(TypeError, "can not be converted to sequence.", prefix, context);
}

function convertByteStringElement(V, prefix, context, index) {
  return toByteString(V, prefix, context, index);
}

function convertPairElement(V, prefix, context, index) {
  if (webidl.type(V) !== "Object") throw notSequence(prefix, `${context}, index ${index}`);
  const method = V[SymbolIterator];
  if (typeof method !== "function") throw notSequence(prefix, `${context}, index ${index}`);
  return iterateSequence(V, method, convertByteStringElement, prefix, context);
}

// Array iteration is observable (a replaced Array.prototype[@@iterator] or
// %ArrayIteratorPrototype%.next runs user code), so the index loops below are used only
// while both are the original built-ins. An index loop that reads `length` before each
// element performs exactly the [[Get]]s the built-in array iterator performs.
const ArrayPrototype = core.primordials.Array.prototype;
const ArrayIteratorPrototype = core.primordials.ArrayIteratorPrototype;
const arrayIteratorMethod = ArrayPrototype[SymbolIterator];
const arrayIteratorNext = ArrayIteratorPrototype.next;
const nativeCodeRE = /\{\s*\[native code\]\s*\}\s*$/;
function isNative(fn) {
  return typeof fn === "function" && RegExpPrototypeExec(nativeCodeRE, FunctionPrototypeToString(fn)) !== null;
}
// Captured when this module loads (possibly after user code ran): only trusted when both
// are native functions, i.e. not replaced by script.
const arrayIterationCaptured = isNative(arrayIteratorMethod) && isNative(arrayIteratorNext);

function isPristineArray(value, method) {
  return arrayIterationCaptured && method === arrayIteratorMethod && ArrayIsArray(value) &&
    ArrayIteratorPrototype.next === arrayIteratorNext;
}

// sequence<sequence<ByteString>> from V and its already-fetched @@iterator method.
function sequenceOfPairs(init, method, prefix, context) {
  if (!isPristineArray(init, method)) return iterateSequence(init, method, convertPairElement, prefix, context);
  const result = [];
  for (let i = 0; i < init.length; i++) {
    const pair = init[i];
    let pairMethod;
    if (pair !== null && typeof pair === "object" && isPristineArray(pair, pairMethod = pair[SymbolIterator])) {
      const converted = [];
      for (let j = 0; j < pair.length; j++) {
        const item = pair[j];
        converted[j] = typeof item === "string" && RegExpPrototypeExec(j === 0 ? tokenRE : plainValueRE, item) !== null
          ? item
          : toByteString(item, prefix, context, j);
      }
      result[i] = converted;
    } else if (pairMethod !== undefined) {
      if (typeof pairMethod !== "function") throw notSequence(prefix, `${context}, index ${i}`);
      result[i] = iterateSequence(pair, pairMethod, convertByteStringElement, prefix, context);
    } else {
      result[i] = convertPairElement(pair, prefix, context, i);
    }
  }
  return result;
}

const nonLatin1RE = /[^\0-\xFF]/;

/** ByteString conversion; the error context is only built on failure. */
function toByteString(V, prefix, context, index = undefined) {
  if (typeof V !== "string") V = converters.DOMString(V, prefix, context);
  if (RegExpPrototypeExec(nonLatin1RE, V) !== null) {
    throw webidl.makeException(TypeError, "is not a valid ByteString", prefix,
      index === undefined ? context : `${context}, index ${index}`);
  }
  return V;
}

/** https://fetch.spec.whatwg.org/#concept-headers-fill, from converted pairs. */
function fillFromPairs(headers, pairs, prefix) {
  for (let i = 0; i < pairs.length; i++) {
    const pair = pairs[i];
    if (pair.length !== 2) {
      throw new TypeError(`${prefix}: Invalid header: a header pair must have exactly two items (name and value), got ${pair.length}`);
    }
    appendHeader(headers, pair[0], pair[1], prefix);
  }
}

// ---------------------------------------------------------------------------------------
// Iteration (https://webidl.spec.whatwg.org/#idl-iterable): the value pairs to iterate over
// are the sorted-and-combined list, read again at every step. Written out here rather than
// with webidl.mixinPairIterable so that steps read the flat cached list without building
// pair arrays.

let isHeadersIterator;

class HeadersIterator {
  #target;
  #kind;
  #index = 0;

  constructor(target, kind) {
    this.#target = target;
    this.#kind = kind;
  }

  static {
    isHeadersIterator = (value) => value !== null && typeof value === "object" && #target in value;
  }

  next() {
    if (!isHeadersIterator(this)) throw new TypeError("Illegal invocation");
    const sorted = sortedList(this.#target);
    const index = this.#index;
    if (index * 2 >= sorted.length) return { value: undefined, done: true };
    this.#index = index + 1;
    const name = sorted[index * 2];
    const value = sorted[index * 2 + 1];
    switch (this.#kind) {
      case 0: return { value: [name, value], done: false };
      case 1: return { value: name, done: false };
      default: return { value, done: false };
    }
  }
}

{
  const prototype = HeadersIterator.prototype;
  delete prototype.constructor;
  ObjectSetPrototypeOf(prototype, core.primordials.IteratorPrototype);
  ObjectDefineProperty(prototype, "next", { __proto__: null, enumerable: true });
  ObjectDefineProperty(prototype, SymbolToStringTag, {
    __proto__: null, value: "Headers Iterator", writable: false, enumerable: false, configurable: true,
  });
}

const iterationMethods = {
  entries() {
    if (!isHeaders(this)) throw new TypeError("Illegal invocation");
    return new HeadersIterator(this, 0);
  },
  keys() {
    if (!isHeaders(this)) throw new TypeError("Illegal invocation");
    return new HeadersIterator(this, 1);
  },
  values() {
    if (!isHeaders(this)) throw new TypeError("Illegal invocation");
    return new HeadersIterator(this, 2);
  },
  forEach(callback, thisArg = undefined) {
    if (!isHeaders(this)) throw new TypeError("Illegal invocation");
    const prefix = "Failed to execute 'forEach' on 'Headers'";
    webidl.requiredArguments(arguments.length, 1, prefix);
    callback = converters.Function(callback, prefix, "Argument 1");
    // The list is read again after each call: changes made by the callback are seen.
    for (let i = 0; i * 2 < sortedList(this).length; i++) {
      const sorted = sortedList(this);
      FunctionPrototypeCall(callback, thisArg, sorted[i * 2 + 1], sorted[i * 2], this);
    }
  },
};
{
  const names = ["entries", "keys", "values", "forEach"];
  for (let i = 0; i < names.length; i++) {
    ObjectDefineProperty(Headers.prototype, names[i], {
      __proto__: null, value: iterationMethods[names[i]], writable: true, enumerable: true, configurable: true,
    });
  }
  webidl.setLength(iterationMethods.forEach, 1);
  ObjectDefineProperty(Headers.prototype, SymbolIterator, {
    __proto__: null, value: iterationMethods.entries, writable: true, enumerable: false, configurable: true,
  });
}
webidl.configureInterface(Headers);
webidl.setLength(Headers.prototype.append, 2);
webidl.setLength(Headers.prototype.set, 2);

const originalEntries = Headers.prototype.entries;
const iteratorPrototype = ObjectGetPrototypeOf(FunctionPrototypeCall(originalEntries, new Headers()));
const originalNext = iteratorPrototype.next;

// ---------------------------------------------------------------------------------------
// Internals for Request, Response, fetch and the HTTP server

/** A Headers object with `guard` over `list` (a flat array; adopted, not copied). */
function headersFromList(list, guard) {
  const headers = new Headers();
  setList(headers, list);
  setGuard(headers, guard);
  return headers;
}

/**
 * Lowercases the names of a flat [name, value, …] array from the host in place and
 * returns it. The host has already validated names and values.
 */
function adoptHostList(list) {
  for (let i = 0; i < list.length; i += 2) {
    const name = list[i];
    list[i] = lowercase(name);
  }
  return list;
}

/** Fill `headers` from a HeadersInit value (Request/Response init). */
function fillHeaders(headers, init, prefix, context = "headers") {
  const pairs = convertHeadersInit(init, prefix, context);
  fillFromPairs(headers, pairs, prefix);
}

/** Appends every header of `source`'s list to `target` (through the guard). */
function appendAll(target, source, prefix) {
  const list = getList(source);
  for (let i = 0; i < list.length; i += 2) appendHeader(target, list[i], list[i + 1], prefix);
}

function copyList(headers) {
  const list = getList(headers);
  const copy = [];
  for (let i = 0; i < list.length; i++) copy[i] = list[i];
  return copy;
}

/** The combined value of `name` (lowercase) or null. */
function getHeader(headers, name) {
  return listGet(getList(headers), name);
}

function hasHeader(headers, name) {
  return listContains(getList(headers), name);
}

/** Appends without guard checks (internal use: already-valid lowercase name and value). */
function appendHeaderUnchecked(headers, name, value) {
  ArrayPrototypePush(getList(headers), name, value);
  invalidate(headers);
}

function setHeaderUnchecked(headers, name, value) {
  listSet(getList(headers), name, value);
  invalidate(headers);
}

function deleteHeaderUnchecked(headers, name) {
  listDelete(getList(headers), name);
  invalidate(headers);
}

return ObjectFreeze({
  __proto__: null,
  Headers,
  adoptHostList,
  appendAll,
  appendHeader,
  appendHeaderUnchecked,
  convertHeadersInit,
  copyList,
  deleteHeaderUnchecked,
  fillFromPairs,
  fillHeaders,
  getGuard,
  getHeader,
  getList,
  hasHeader,
  headersFromList,
  isHeaders,
  isValidName,
  isValidValue,
  normalizeValue,
  setGuard,
  setHeaderUnchecked,
  setList,
  sortedList,
});
