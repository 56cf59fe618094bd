// MIME types (https://mimesniff.spec.whatwg.org/#understanding-mime-types) and the Fetch
// Standard's header-value helpers built on them: "parse a MIME type", "serialize a MIME
// type", "collect an HTTP quoted string", "get, decode, and split" a header value and
// "extract a MIME type" from a header list.
//
// Used by Body (blob() type, formData()), FormData's multipart parser, and fetch's data:
// URLs. Strings here are isomorphic-decoded byte strings (each char one byte), as header
// values are.

const {
  ArrayPrototypePush,
  ObjectFreeze,
  SafeMap,
  MapPrototypeGet,
  MapPrototypeHas,
  MapPrototypeSet,
  RegExpPrototypeExec,
  StringPrototypeCharCodeAt,
  StringPrototypeSlice,
  StringPrototypeToLowerCase,
} = core.primordials;

// HTTP token code points: !#$%&'*+-.^_`|~ digits and ASCII letters.
const tokenRE = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// HTTP quoted-string token code points: TAB, U+0020-U+007E, U+0080-U+00FF.
const quotedStringTokenRE = /^[\t\u0020-\u007E\u0080-\u00FF]*$/;

function isToken(s) {
  return RegExpPrototypeExec(tokenRE, s) !== null;
}

function isHTTPWhitespace(c) {
  return c === 0x09 || c === 0x0a || c === 0x0d || c === 0x20;
}

function isHTTPTabOrSpace(c) {
  return c === 0x09 || c === 0x20;
}

/** Removes leading and trailing HTTP whitespace (TAB, LF, CR, SPACE). */
function trimHTTPWhitespace(s) {
  let start = 0;
  let end = s.length;
  while (start < end && isHTTPWhitespace(StringPrototypeCharCodeAt(s, start))) start++;
  while (end > start && isHTTPWhitespace(StringPrototypeCharCodeAt(s, end - 1))) end--;
  return start === 0 && end === s.length ? s : StringPrototypeSlice(s, start, end);
}

/** Removes leading and trailing HTTP tab or space. */
function trimHTTPTabOrSpace(s) {
  let start = 0;
  let end = s.length;
  while (start < end && isHTTPTabOrSpace(StringPrototypeCharCodeAt(s, start))) start++;
  while (end > start && isHTTPTabOrSpace(StringPrototypeCharCodeAt(s, end - 1))) end--;
  return start === 0 && end === s.length ? s : StringPrototypeSlice(s, start, end);
}

/**
 * Collect an HTTP quoted string (https://fetch.spec.whatwg.org/#collect-an-http-quoted-string).
 * `state.position` points at the opening quote and is advanced past the string. Returns the
 * extracted value when `extractValue`, else the raw text including quotes.
 */
function collectHTTPQuotedString(input, state, extractValue) {
  const positionStart = state.position;
  let value = "";
  state.position++; // the opening quote
  while (true) {
    const start = state.position;
    while (state.position < input.length) {
      const c = StringPrototypeCharCodeAt(input, state.position);
      if (c === 0x22 || c === 0x5c) break;
      state.position++;
    }
    value += StringPrototypeSlice(input, start, state.position);
    if (state.position >= input.length) break;
    const quoteOrBackslash = StringPrototypeCharCodeAt(input, state.position);
    state.position++;
    if (quoteOrBackslash === 0x5c) {
      if (state.position >= input.length) {
        value += "\\";
        break;
      }
      value += input[state.position];
      state.position++;
    } else {
      break;
    }
  }
  if (extractValue) return value;
  return StringPrototypeSlice(input, positionStart, state.position);
}

/**
 * A parsed MIME type: `{ type, subtype, parameters: SafeMap }` (all lowercase except
 * parameter values). Returns null on failure.
 */
function parseMimeType(input) {
  input = trimHTTPWhitespace(input);
  const length = input.length;
  let position = 0;
  while (position < length && StringPrototypeCharCodeAt(input, position) !== 0x2f) position++;
  const type = StringPrototypeSlice(input, 0, position);
  if (type === "" || !isToken(type)) return null;
  if (position >= length) return null;
  position++; // "/"
  const subtypeStart = position;
  while (position < length && StringPrototypeCharCodeAt(input, position) !== 0x3b) position++;
  let subtype = StringPrototypeSlice(input, subtypeStart, position);
  subtype = trimTrailingHTTPWhitespace(subtype);
  if (subtype === "" || !isToken(subtype)) return null;
  const mimeType = {
    type: StringPrototypeToLowerCase(type),
    subtype: StringPrototypeToLowerCase(subtype),
    parameters: new SafeMap(),
    // Parameter names in insertion order (Map iterators are user-patchable).
    parameterNames: [],
  };
  while (position < length) {
    position++; // ";"
    while (position < length && isHTTPWhitespace(StringPrototypeCharCodeAt(input, position))) position++;
    const nameStart = position;
    while (position < length) {
      const c = StringPrototypeCharCodeAt(input, position);
      if (c === 0x3b || c === 0x3d) break;
      position++;
    }
    const parameterName = StringPrototypeToLowerCase(StringPrototypeSlice(input, nameStart, position));
    if (position < length) {
      if (StringPrototypeCharCodeAt(input, position) === 0x3b) continue;
      position++; // "="
    }
    if (position >= length) break;
    let parameterValue;
    if (StringPrototypeCharCodeAt(input, position) === 0x22) {
      const state = { position };
      parameterValue = collectHTTPQuotedString(input, state, true);
      position = state.position;
      while (position < length && StringPrototypeCharCodeAt(input, position) !== 0x3b) position++;
    } else {
      const valueStart = position;
      while (position < length && StringPrototypeCharCodeAt(input, position) !== 0x3b) position++;
      parameterValue = trimTrailingHTTPWhitespace(StringPrototypeSlice(input, valueStart, position));
      if (parameterValue === "") continue;
    }
    if (
      parameterName !== "" &&
      isToken(parameterName) &&
      RegExpPrototypeExec(quotedStringTokenRE, parameterValue) !== null &&
      !MapPrototypeHas(mimeType.parameters, parameterName)
    ) {
      setParameter(mimeType, parameterName, parameterValue);
    }
  }
  return mimeType;
}

/** Sets a parameter, keeping insertion order. */
function setParameter(mimeType, name, value) {
  if (!MapPrototypeHas(mimeType.parameters, name)) ArrayPrototypePush(mimeType.parameterNames, name);
  MapPrototypeSet(mimeType.parameters, name, value);
}

function trimTrailingHTTPWhitespace(s) {
  let end = s.length;
  while (end > 0 && isHTTPWhitespace(StringPrototypeCharCodeAt(s, end - 1))) end--;
  return end === s.length ? s : StringPrototypeSlice(s, 0, end);
}

function essence(mimeType) {
  return `${mimeType.type}/${mimeType.subtype}`;
}

/** Serialize a MIME type (https://mimesniff.spec.whatwg.org/#serialize-a-mime-type). */
function serializeMimeType(mimeType) {
  let serialization = essence(mimeType);
  const names = mimeType.parameterNames;
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    const value = MapPrototypeGet(mimeType.parameters, name);
    serialization += `;${name}=`;
    if (value === "" || !isToken(value)) {
      let escaped = "";
      for (let i = 0; i < value.length; i++) {
        const c = value[i];
        if (c === '"' || c === "\\") escaped += "\\";
        escaped += c;
      }
      serialization += `"${escaped}"`;
    } else {
      serialization += value;
    }
  }
  return serialization;
}

/**
 * "Get, decode, and split" a header value already combined from the header list
 * (https://fetch.spec.whatwg.org/#concept-header-list-get-decode-split). `value` is the
 * combined value or null; returns null or a list of strings.
 */
function getDecodeSplit(value) {
  if (value === null) return null;
  const input = value;
  const values = [];
  let temporaryValue = "";
  const state = { position: 0 };
  while (true) {
    const start = state.position;
    while (state.position < input.length) {
      const c = StringPrototypeCharCodeAt(input, state.position);
      if (c === 0x22 || c === 0x2c) break;
      state.position++;
    }
    temporaryValue += StringPrototypeSlice(input, start, state.position);
    if (state.position < input.length) {
      if (StringPrototypeCharCodeAt(input, state.position) === 0x22) {
        temporaryValue += collectHTTPQuotedString(input, state, false);
        if (state.position < input.length) continue;
      } else {
        state.position++; // ","
      }
    }
    ArrayPrototypePush(values, trimHTTPTabOrSpace(temporaryValue));
    temporaryValue = "";
    if (state.position >= input.length) return values;
  }
}

/**
 * Extract a MIME type (https://fetch.spec.whatwg.org/#concept-header-extract-mime-type)
 * from the combined Content-Type value (or null). Returns a MIME type record or null.
 */
function extractMimeType(contentTypeValue) {
  let charset = null;
  let currentEssence = null;
  let mimeType = null;
  const values = getDecodeSplit(contentTypeValue);
  if (values === null) return null;
  for (let i = 0; i < values.length; i++) {
    const temporaryMimeType = parseMimeType(values[i]);
    if (temporaryMimeType === null || essence(temporaryMimeType) === "*/*") continue;
    mimeType = temporaryMimeType;
    const mimeEssence = essence(mimeType);
    if (mimeEssence !== currentEssence) {
      charset = null;
      const parameterCharset = MapPrototypeGet(mimeType.parameters, "charset");
      if (parameterCharset !== undefined) charset = parameterCharset;
      currentEssence = mimeEssence;
    } else if (!MapPrototypeHas(mimeType.parameters, "charset") && charset !== null) {
      setParameter(mimeType, "charset", charset);
    }
  }
  return mimeType;
}

return ObjectFreeze({
  __proto__: null,
  collectHTTPQuotedString,
  essence,
  extractMimeType,
  getDecodeSplit,
  isHTTPWhitespace,
  isToken,
  parseMimeType,
  serializeMimeType,
  setParameter,
  trimHTTPTabOrSpace,
  trimHTTPWhitespace,
});
