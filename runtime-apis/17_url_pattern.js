// URLPattern (https://urlpattern.spec.whatwg.org/): the tokenizer, the pattern parser,
// regular expression and pattern string generation, the constructor string parser,
// URLPatternInit processing, component canonicalization through the URL parser, and
// matching. Matching uses the generated regular expressions ("v" flag), as the spec does.
//
// Strings are indexed in UTF-16 code units throughout; the tokenizer steps over surrogate
// pairs as single code points, so every substring the spec takes by code point positions
// is the same substring here.

const {
  ArrayPrototypePush,
  ObjectFreeze,
  RegExp,
  RegExpPrototypeExec,
  RegExpPrototypeTest,
  String,
  StringPrototypeCodePointAt,
  TypeError,
} = core.primordials;
const webidl = core.require("webidl");
const { converters } = webidl;
const urlModule = core.require("url");
const {
  basicURLParse,
  isSpecialScheme,
  defaultPort,
  utf8PercentEncodeString,
  USERINFO_SET,
  states,
} = urlModule;

// ---------------------------------------------------------------------------------------
// Tokens (https://urlpattern.spec.whatwg.org/#tokens)

const OPEN = 1;
const CLOSE = 2;
const REGEXP = 3;
const NAME = 4;
const CHAR = 5;
const ESCAPED_CHAR = 6;
const OTHER_MODIFIER = 7;
const ASTERISK = 8;
const END = 9;
const INVALID_CHAR = 10;

const ID_START = /^[$_\p{ID_Start}]$/u;
const ID_CONTINUE = /^[$\u200C\u200D\p{ID_Continue}]$/u;

function isValidNameCodePoint(codePoint, first) {
  const c = StringFromCodePointSafe(codePoint);
  return RegExpPrototypeTest(first ? ID_START : ID_CONTINUE, c);
}

function StringFromCodePointSafe(codePoint) {
  return core.primordials.StringFromCodePoint(codePoint);
}

function newToken(type, index, value) {
  return { type, index, value };
}

class Tokenizer {
  constructor(input, policy) {
    this.input = input;
    this.policy = policy; // "strict" or "lenient"
    this.tokens = [];
    this.index = 0;
    this.nextIndex = 0;
    this.codePoint = 0;
  }

  getNextCodePoint() {
    const codePoint = StringPrototypeCodePointAt(this.input, this.nextIndex);
    this.codePoint = codePoint;
    this.nextIndex += codePoint > 0xFFFF ? 2 : 1;
  }

  seekAndGetNextCodePoint(index) {
    this.nextIndex = index;
    this.getNextCodePoint();
  }

  addToken(type, nextPosition, valuePosition, valueLength) {
    ArrayPrototypePush(this.tokens, newToken(type, this.index, this.input.slice(valuePosition, valuePosition + valueLength)));
    this.index = nextPosition;
  }

  addTokenWithDefaultLength(type, nextPosition, valuePosition) {
    this.addToken(type, nextPosition, valuePosition, nextPosition - valuePosition);
  }

  addTokenWithDefaultPositionAndLength(type) {
    this.addTokenWithDefaultLength(type, this.nextIndex, this.index);
  }

  processTokenizingError(nextPosition, valuePosition) {
    if (this.policy === "strict") {
      throw new TypeError(`Invalid URL pattern '${this.input}': unexpected code point at position ${valuePosition}`);
    }
    this.addTokenWithDefaultLength(INVALID_CHAR, nextPosition, valuePosition);
  }
}

/** https://urlpattern.spec.whatwg.org/#tokenize */
function tokenize(input, policy) {
  const tokenizer = new Tokenizer(input, policy);
  const length = input.length;
  while (tokenizer.index < length) {
    tokenizer.seekAndGetNextCodePoint(tokenizer.index);
    const codePoint = tokenizer.codePoint;
    if (codePoint === 0x2A) {
      tokenizer.addTokenWithDefaultPositionAndLength(ASTERISK);
      continue;
    }
    if (codePoint === 0x2B || codePoint === 0x3F) {
      tokenizer.addTokenWithDefaultPositionAndLength(OTHER_MODIFIER);
      continue;
    }
    if (codePoint === 0x5C) {
      if (tokenizer.index === length - 1) {
        tokenizer.processTokenizingError(tokenizer.nextIndex, tokenizer.index);
        continue;
      }
      const escapedIndex = tokenizer.nextIndex;
      tokenizer.getNextCodePoint();
      tokenizer.addTokenWithDefaultLength(ESCAPED_CHAR, tokenizer.nextIndex, escapedIndex);
      continue;
    }
    if (codePoint === 0x7B) {
      tokenizer.addTokenWithDefaultPositionAndLength(OPEN);
      continue;
    }
    if (codePoint === 0x7D) {
      tokenizer.addTokenWithDefaultPositionAndLength(CLOSE);
      continue;
    }
    if (codePoint === 0x3A) {
      let namePosition = tokenizer.nextIndex;
      const nameStart = namePosition;
      while (namePosition < length) {
        tokenizer.seekAndGetNextCodePoint(namePosition);
        if (!isValidNameCodePoint(tokenizer.codePoint, namePosition === nameStart)) break;
        namePosition = tokenizer.nextIndex;
      }
      if (namePosition <= nameStart) {
        tokenizer.processTokenizingError(nameStart, tokenizer.index);
        continue;
      }
      tokenizer.addTokenWithDefaultLength(NAME, namePosition, nameStart);
      continue;
    }
    if (codePoint === 0x28) {
      let depth = 1;
      let regexpPosition = tokenizer.nextIndex;
      const regexpStart = regexpPosition;
      let error = false;
      while (regexpPosition < length) {
        tokenizer.seekAndGetNextCodePoint(regexpPosition);
        if (tokenizer.codePoint > 0x7F) {
          tokenizer.processTokenizingError(regexpStart, tokenizer.index);
          error = true;
          break;
        }
        if (regexpPosition === regexpStart && tokenizer.codePoint === 0x3F) {
          tokenizer.processTokenizingError(regexpStart, tokenizer.index);
          error = true;
          break;
        }
        if (tokenizer.codePoint === 0x5C) {
          if (regexpPosition === length - 1) {
            tokenizer.processTokenizingError(regexpStart, tokenizer.index);
            error = true;
            break;
          }
          tokenizer.getNextCodePoint();
          if (tokenizer.codePoint > 0x7F) {
            tokenizer.processTokenizingError(regexpStart, tokenizer.index);
            error = true;
            break;
          }
          regexpPosition = tokenizer.nextIndex;
          continue;
        }
        if (tokenizer.codePoint === 0x29) {
          depth--;
          if (depth === 0) {
            regexpPosition = tokenizer.nextIndex;
            break;
          }
        } else if (tokenizer.codePoint === 0x28) {
          depth++;
          if (regexpPosition === length - 1) {
            tokenizer.processTokenizingError(regexpStart, tokenizer.index);
            error = true;
            break;
          }
          const temporaryPosition = tokenizer.nextIndex;
          tokenizer.getNextCodePoint();
          if (tokenizer.codePoint !== 0x3F) {
            tokenizer.processTokenizingError(regexpStart, tokenizer.index);
            error = true;
            break;
          }
          tokenizer.nextIndex = temporaryPosition;
        }
        regexpPosition = tokenizer.nextIndex;
      }
      if (error) continue;
      if (depth !== 0) {
        tokenizer.processTokenizingError(regexpStart, tokenizer.index);
        continue;
      }
      const regexpLength = regexpPosition - regexpStart - 1;
      if (regexpLength === 0) {
        tokenizer.processTokenizingError(regexpStart, tokenizer.index);
        continue;
      }
      tokenizer.addToken(REGEXP, regexpPosition, regexpStart, regexpLength);
      continue;
    }
    tokenizer.addTokenWithDefaultPositionAndLength(CHAR);
  }
  tokenizer.addTokenWithDefaultLength(END, tokenizer.index, tokenizer.index);
  return tokenizer.tokens;
}

// ---------------------------------------------------------------------------------------
// Parts and options (https://urlpattern.spec.whatwg.org/#parts)

const FIXED_TEXT = "fixed-text";
const REGEXP_PART = "regexp";
const SEGMENT_WILDCARD = "segment-wildcard";
const FULL_WILDCARD = "full-wildcard";

const MODIFIER_NONE = "none";
const MODIFIER_OPTIONAL = "optional";
const MODIFIER_ZERO_OR_MORE = "zero-or-more";
const MODIFIER_ONE_OR_MORE = "one-or-more";

function makeOptions(delimiter, prefix, ignoreCase = false) {
  return { delimiter, prefix, ignoreCase };
}
const DEFAULT_OPTIONS = makeOptions("", "");
const HOSTNAME_OPTIONS = makeOptions(".", "");
const PATHNAME_OPTIONS = makeOptions("/", "/");

const FULL_WILDCARD_REGEXP_VALUE = ".*";

/** https://urlpattern.spec.whatwg.org/#escape-a-regexp-string */
function escapeRegexpString(input) {
  let result = "";
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    switch (c) {
      case ".": case "+": case "*": case "?": case "^": case "$": case "{": case "}":
      case "(": case ")": case "[": case "]": case "|": case "/": case "\\":
        result += "\\";
        break;
      default:
        break;
    }
    result += c;
  }
  return result;
}

/** https://urlpattern.spec.whatwg.org/#escape-a-pattern-string */
function escapePatternString(input) {
  let result = "";
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    switch (c) {
      case "+": case "*": case "?": case ":": case "{": case "}": case "(": case ")": case "\\":
        result += "\\";
        break;
      default:
        break;
    }
    result += c;
  }
  return result;
}

function generateSegmentWildcardRegexp(options) {
  return "[^" + escapeRegexpString(options.delimiter) + "]+?";
}

function modifierToString(modifier) {
  switch (modifier) {
    case MODIFIER_ZERO_OR_MORE: return "*";
    case MODIFIER_OPTIONAL: return "?";
    case MODIFIER_ONE_OR_MORE: return "+";
    default: return "";
  }
}

// ---------------------------------------------------------------------------------------
// Parsing pattern strings (https://urlpattern.spec.whatwg.org/#parsing)

class PatternParser {
  constructor(encodingCallback, segmentWildcardRegexp) {
    this.tokens = [];
    this.encodingCallback = encodingCallback;
    this.segmentWildcardRegexp = segmentWildcardRegexp;
    this.parts = [];
    this.pendingFixedValue = "";
    this.index = 0;
    this.nextNumericName = 0;
  }

  tryConsumeToken(type) {
    const next = this.tokens[this.index];
    if (next.type !== type) return null;
    this.index++;
    return next;
  }

  tryConsumeModifierToken() {
    const token = this.tryConsumeToken(OTHER_MODIFIER);
    if (token !== null) return token;
    return this.tryConsumeToken(ASTERISK);
  }

  tryConsumeRegexpOrWildcardToken(nameToken) {
    let token = this.tryConsumeToken(REGEXP);
    if (nameToken === null && token === null) token = this.tryConsumeToken(ASTERISK);
    return token;
  }

  consumeRequiredToken(type) {
    const result = this.tryConsumeToken(type);
    if (result === null) {
      const token = this.tokens[this.index];
      throw new TypeError(`Invalid URL pattern: unexpected '${token.value}' at position ${token.index}`);
    }
    return result;
  }

  consumeText() {
    let result = "";
    for (;;) {
      let token = this.tryConsumeToken(CHAR);
      if (token === null) token = this.tryConsumeToken(ESCAPED_CHAR);
      if (token === null) break;
      result += token.value;
    }
    return result;
  }

  maybeAddPartFromPendingFixedValue() {
    if (this.pendingFixedValue === "") return;
    const encodedValue = this.encodingCallback(this.pendingFixedValue);
    this.pendingFixedValue = "";
    ArrayPrototypePush(this.parts, newPart(FIXED_TEXT, encodedValue, MODIFIER_NONE, "", "", ""));
  }

  isDuplicateName(name) {
    for (let i = 0; i < this.parts.length; i++) if (this.parts[i].name === name) return true;
    return false;
  }

  addPart(prefix, nameToken, regexpOrWildcardToken, suffix, modifierToken) {
    let modifier = MODIFIER_NONE;
    if (modifierToken !== null) {
      if (modifierToken.value === "?") modifier = MODIFIER_OPTIONAL;
      else if (modifierToken.value === "*") modifier = MODIFIER_ZERO_OR_MORE;
      else if (modifierToken.value === "+") modifier = MODIFIER_ONE_OR_MORE;
    }
    if (nameToken === null && regexpOrWildcardToken === null && modifier === MODIFIER_NONE) {
      this.pendingFixedValue += prefix;
      return;
    }
    this.maybeAddPartFromPendingFixedValue();
    if (nameToken === null && regexpOrWildcardToken === null) {
      if (prefix === "") return;
      const encodedValue = this.encodingCallback(prefix);
      ArrayPrototypePush(this.parts, newPart(FIXED_TEXT, encodedValue, modifier, "", "", ""));
      return;
    }
    let regexpValue;
    if (regexpOrWildcardToken === null) regexpValue = this.segmentWildcardRegexp;
    else if (regexpOrWildcardToken.type === ASTERISK) regexpValue = FULL_WILDCARD_REGEXP_VALUE;
    else regexpValue = regexpOrWildcardToken.value;
    let type = REGEXP_PART;
    if (regexpValue === this.segmentWildcardRegexp) {
      type = SEGMENT_WILDCARD;
      regexpValue = "";
    } else if (regexpValue === FULL_WILDCARD_REGEXP_VALUE) {
      type = FULL_WILDCARD;
      regexpValue = "";
    }
    let name = "";
    if (nameToken !== null) {
      name = nameToken.value;
    } else if (regexpOrWildcardToken !== null) {
      name = "" + this.nextNumericName;
      this.nextNumericName++;
    }
    if (this.isDuplicateName(name)) throw new TypeError(`Invalid URL pattern: duplicate group name '${name}'`);
    const encodedPrefix = this.encodingCallback(prefix);
    const encodedSuffix = this.encodingCallback(suffix);
    ArrayPrototypePush(this.parts, newPart(type, regexpValue, modifier, name, encodedPrefix, encodedSuffix));
  }
}

function newPart(type, value, modifier, name, prefix, suffix) {
  return { type, value, modifier, name, prefix, suffix };
}

/** https://urlpattern.spec.whatwg.org/#parse-a-pattern-string */
function parsePatternString(input, options, encodingCallback) {
  const parser = new PatternParser(encodingCallback, generateSegmentWildcardRegexp(options));
  parser.tokens = tokenize(input, "strict");
  while (parser.index < parser.tokens.length) {
    const charToken = parser.tryConsumeToken(CHAR);
    let nameToken = parser.tryConsumeToken(NAME);
    let regexpOrWildcardToken = parser.tryConsumeRegexpOrWildcardToken(nameToken);
    if (nameToken !== null || regexpOrWildcardToken !== null) {
      let prefix = charToken !== null ? charToken.value : "";
      if (prefix !== "" && prefix !== options.prefix) {
        parser.pendingFixedValue += prefix;
        prefix = "";
      }
      parser.maybeAddPartFromPendingFixedValue();
      const modifierToken = parser.tryConsumeModifierToken();
      parser.addPart(prefix, nameToken, regexpOrWildcardToken, "", modifierToken);
      continue;
    }
    let fixedToken = charToken;
    if (fixedToken === null) fixedToken = parser.tryConsumeToken(ESCAPED_CHAR);
    if (fixedToken !== null) {
      parser.pendingFixedValue += fixedToken.value;
      continue;
    }
    const openToken = parser.tryConsumeToken(OPEN);
    if (openToken !== null) {
      const prefix = parser.consumeText();
      nameToken = parser.tryConsumeToken(NAME);
      regexpOrWildcardToken = parser.tryConsumeRegexpOrWildcardToken(nameToken);
      const suffix = parser.consumeText();
      parser.consumeRequiredToken(CLOSE);
      const modifierToken = parser.tryConsumeModifierToken();
      parser.addPart(prefix, nameToken, regexpOrWildcardToken, suffix, modifierToken);
      continue;
    }
    parser.maybeAddPartFromPendingFixedValue();
    parser.consumeRequiredToken(END);
  }
  return parser.parts;
}

// ---------------------------------------------------------------------------------------
// Part lists to regular expressions and pattern strings

/** https://urlpattern.spec.whatwg.org/#generate-a-regular-expression-and-name-list */
function generateRegularExpressionAndNameList(parts, options) {
  let result = "^";
  const nameList = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part.type === FIXED_TEXT) {
      if (part.modifier === MODIFIER_NONE) {
        result += escapeRegexpString(part.value);
      } else {
        result += "(?:" + escapeRegexpString(part.value) + ")" + modifierToString(part.modifier);
      }
      continue;
    }
    ArrayPrototypePush(nameList, part.name);
    let regexpValue = part.value;
    if (part.type === SEGMENT_WILDCARD) regexpValue = generateSegmentWildcardRegexp(options);
    else if (part.type === FULL_WILDCARD) regexpValue = FULL_WILDCARD_REGEXP_VALUE;
    if (part.prefix === "" && part.suffix === "") {
      if (part.modifier === MODIFIER_NONE || part.modifier === MODIFIER_OPTIONAL) {
        result += "(" + regexpValue + ")" + modifierToString(part.modifier);
      } else {
        result += "((?:" + regexpValue + ")" + modifierToString(part.modifier) + ")";
      }
      continue;
    }
    if (part.modifier === MODIFIER_NONE || part.modifier === MODIFIER_OPTIONAL) {
      result += "(?:" + escapeRegexpString(part.prefix) + "(" + regexpValue + ")" +
        escapeRegexpString(part.suffix) + ")" + modifierToString(part.modifier);
      continue;
    }
    result += "(?:" + escapeRegexpString(part.prefix) + "((?:" + regexpValue + ")(?:" +
      escapeRegexpString(part.suffix) + escapeRegexpString(part.prefix) + "(?:" + regexpValue + "))*)" +
      escapeRegexpString(part.suffix) + ")";
    if (part.modifier === MODIFIER_ZERO_OR_MORE) result += "?";
  }
  result += "$";
  return { regexp: result, names: nameList };
}

function firstCodePoint(s) {
  return StringPrototypeCodePointAt(s, 0);
}

function isASCIIDigitChar(s) {
  const c = s.charCodeAt(0);
  return c >= 0x30 && c <= 0x39;
}

/** https://urlpattern.spec.whatwg.org/#generate-a-pattern-string */
function generatePatternString(parts, options) {
  let result = "";
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index];
    const previousPart = index > 0 ? parts[index - 1] : null;
    const nextPart = index < parts.length - 1 ? parts[index + 1] : null;
    if (part.type === FIXED_TEXT) {
      if (part.modifier === MODIFIER_NONE) {
        result += escapePatternString(part.value);
        continue;
      }
      result += "{" + escapePatternString(part.value) + "}" + modifierToString(part.modifier);
      continue;
    }
    const customName = !isASCIIDigitChar(part.name);
    let needsGrouping = part.suffix !== "" || (part.prefix !== "" && part.prefix !== options.prefix);
    if (!needsGrouping && customName && part.type === SEGMENT_WILDCARD && part.modifier === MODIFIER_NONE &&
        nextPart !== null && nextPart.prefix === "" && nextPart.suffix === "") {
      if (nextPart.type === FIXED_TEXT) {
        needsGrouping = isValidNameCodePoint(firstCodePoint(nextPart.value), false);
      } else {
        needsGrouping = isASCIIDigitChar(nextPart.name);
      }
    }
    if (!needsGrouping && part.prefix === "" && previousPart !== null && previousPart.type === FIXED_TEXT &&
        previousPart.value !== "" && previousPart.value[previousPart.value.length - 1] === options.prefix) {
      needsGrouping = true;
    }
    if (needsGrouping) result += "{";
    result += escapePatternString(part.prefix);
    if (customName) result += ":" + part.name;
    if (part.type === REGEXP_PART) {
      result += "(" + part.value + ")";
    } else if (part.type === SEGMENT_WILDCARD && !customName) {
      result += "(" + generateSegmentWildcardRegexp(options) + ")";
    } else if (part.type === FULL_WILDCARD) {
      if (!customName && (previousPart === null || previousPart.type === FIXED_TEXT ||
          previousPart.modifier !== MODIFIER_NONE || needsGrouping || part.prefix !== "")) {
        result += "*";
      } else {
        result += "(" + FULL_WILDCARD_REGEXP_VALUE + ")";
      }
    }
    if (part.type === SEGMENT_WILDCARD && customName && part.suffix !== "" &&
        isValidNameCodePoint(firstCodePoint(part.suffix), false)) {
      result += "\\";
    }
    result += escapePatternString(part.suffix);
    if (needsGrouping) result += "}";
    result += modifierToString(part.modifier);
  }
  return result;
}

// ---------------------------------------------------------------------------------------
// Canonicalization (https://urlpattern.spec.whatwg.org/#canon-encoding-callbacks)

function invalidComponent(kind, value) {
  return new TypeError(`Invalid URL pattern: '${value}' is not a valid ${kind}`);
}

function createDummyURL() {
  return basicURLParse("https://dummy.invalid/");
}

function canonicalizeProtocol(value) {
  if (value === "") return value;
  const parseResult = basicURLParse(value + "://dummy.invalid/");
  if (parseResult === null) throw invalidComponent("protocol", value);
  return parseResult.scheme;
}

function canonicalizeUsername(value) {
  if (value === "") return value;
  return utf8PercentEncodeString(value, USERINFO_SET);
}

function canonicalizePassword(value) {
  if (value === "") return value;
  return utf8PercentEncodeString(value, USERINFO_SET);
}

function canonicalizeHostname(value) {
  if (value === "") return value;
  const dummyURL = createDummyURL();
  if (basicURLParse(value, null, dummyURL, states.HOSTNAME) === null) throw invalidComponent("hostname", value);
  return dummyURL.host ?? "";
}

function canonicalizeIPv6Hostname(value) {
  let result = "";
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    const isHex = (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66);
    if (!isHex && c !== 0x5B && c !== 0x5D && c !== 0x3A) throw invalidComponent("IPv6 hostname", value);
    result += c >= 0x41 && c <= 0x5A ? String.fromCharCode(c + 0x20) : value[i];
  }
  return result;
}

function canonicalizePort(portValue, protocolValue = undefined) {
  if (portValue === "") return portValue;
  const dummyURL = createDummyURL();
  dummyURL.scheme = protocolValue !== undefined ? protocolValue : "";
  if (basicURLParse(portValue, null, dummyURL, states.PORT) === null) throw invalidComponent("port", portValue);
  return dummyURL.port === null ? "" : "" + dummyURL.port;
}

function canonicalizePathname(value) {
  if (value === "") return value;
  const leadingSlash = value.charCodeAt(0) === 0x2F;
  const modifiedValue = (leadingSlash ? "" : "/-") + value;
  const dummyURL = createDummyURL();
  dummyURL.path = "";
  basicURLParse(modifiedValue, null, dummyURL, states.PATH_START);
  let result = dummyURL.path;
  if (!leadingSlash) result = result.slice(2);
  return result;
}

function canonicalizeOpaquePathname(value) {
  if (value === "") return value;
  const dummyURL = createDummyURL();
  dummyURL.path = "";
  dummyURL.opaque = true;
  if (basicURLParse(value, null, dummyURL, states.OPAQUE_PATH) === null) throw invalidComponent("pathname", value);
  return dummyURL.path;
}

function canonicalizeSearch(value) {
  if (value === "") return value;
  const dummyURL = createDummyURL();
  dummyURL.query = "";
  basicURLParse(value, null, dummyURL, states.QUERY);
  return dummyURL.query;
}

function canonicalizeHash(value) {
  if (value === "") return value;
  const dummyURL = createDummyURL();
  dummyURL.fragment = "";
  basicURLParse(value, null, dummyURL, states.FRAGMENT);
  return dummyURL.fragment;
}

// ---------------------------------------------------------------------------------------
// Components (https://urlpattern.spec.whatwg.org/#compile-a-component)

class Component {
  constructor(patternString, regularExpression, groupNameList, hasRegexpGroups) {
    this.patternString = patternString;
    this.regularExpression = regularExpression;
    this.groupNameList = groupNameList;
    this.hasRegexpGroups = hasRegexpGroups;
  }
}

function compileComponent(input, encodingCallback, options) {
  const parts = parsePatternString(input, options, encodingCallback);
  const generated = generateRegularExpressionAndNameList(parts, options);
  const flags = options.ignoreCase ? "vi" : "v";
  let regularExpression;
  try {
    regularExpression = new RegExp(generated.regexp, flags);
  } catch (error) {
    throw new TypeError(`Invalid URL pattern '${input}': the regular expression is invalid (${error?.message})`);
  }
  const patternString = generatePatternString(parts, options);
  let hasRegexpGroups = false;
  for (let i = 0; i < parts.length; i++) if (parts[i].type === REGEXP_PART) hasRegexpGroups = true;
  return new Component(patternString, regularExpression, generated.names, hasRegexpGroups);
}

const SPECIAL_SCHEMES = ["ftp", "file", "http", "https", "ws", "wss"];

function protocolComponentMatchesSpecialScheme(component) {
  for (let i = 0; i < SPECIAL_SCHEMES.length; i++) {
    if (RegExpPrototypeExec(component.regularExpression, SPECIAL_SCHEMES[i]) !== null) return true;
  }
  return false;
}

function hostnamePatternIsIPv6Address(input) {
  if (input.length < 2) return false;
  const c0 = input.charCodeAt(0);
  const c1 = input.charCodeAt(1);
  if (c0 === 0x5B) return true;
  if (c0 === 0x7B && c1 === 0x5B) return true;
  if (c0 === 0x5C && c1 === 0x5B) return true;
  return false;
}

// ---------------------------------------------------------------------------------------
// Constructor string parsing (https://urlpattern.spec.whatwg.org/#constructor-string-parsing)

const S_INIT = "init";
const S_PROTOCOL = "protocol";
const S_AUTHORITY = "authority";
const S_USERNAME = "username";
const S_PASSWORD = "password";
const S_HOSTNAME = "hostname";
const S_PORT = "port";
const S_PATHNAME = "pathname";
const S_SEARCH = "search";
const S_HASH = "hash";
const S_DONE = "done";

class ConstructorStringParser {
  constructor(input) {
    this.input = input;
    this.tokens = tokenize(input, "lenient");
    this.result = { __proto__: null };
    this.componentStart = 0;
    this.tokenIndex = 0;
    this.tokenIncrement = 1;
    this.groupDepth = 0;
    this.hostnameIPv6BracketDepth = 0;
    this.protocolMatchesSpecialScheme = false;
    this.state = S_INIT;
  }

  changeState(newState, skip) {
    const state = this.state;
    const result = this.result;
    if (state !== S_INIT && state !== S_AUTHORITY && state !== S_DONE) {
      result[state] = this.makeComponentString();
    }
    if (state !== S_INIT && newState !== S_DONE) {
      if ((state === S_PROTOCOL || state === S_AUTHORITY || state === S_USERNAME || state === S_PASSWORD) &&
          (newState === S_PORT || newState === S_PATHNAME || newState === S_SEARCH || newState === S_HASH) &&
          result.hostname === undefined) {
        result.hostname = "";
      }
      if ((state === S_PROTOCOL || state === S_AUTHORITY || state === S_USERNAME || state === S_PASSWORD ||
           state === S_HOSTNAME || state === S_PORT) &&
          (newState === S_SEARCH || newState === S_HASH) && result.pathname === undefined) {
        result.pathname = this.protocolMatchesSpecialScheme ? "/" : "";
      }
      if ((state === S_PROTOCOL || state === S_AUTHORITY || state === S_USERNAME || state === S_PASSWORD ||
           state === S_HOSTNAME || state === S_PORT || state === S_PATHNAME) &&
          newState === S_HASH && result.search === undefined) {
        result.search = "";
      }
    }
    this.state = newState;
    this.tokenIndex += skip;
    this.componentStart = this.tokenIndex;
    this.tokenIncrement = 0;
  }

  rewind() {
    this.tokenIndex = this.componentStart;
    this.tokenIncrement = 0;
  }

  rewindAndSetState(state) {
    this.rewind();
    this.state = state;
  }

  getSafeToken(index) {
    if (index < this.tokens.length) return this.tokens[index];
    return this.tokens[this.tokens.length - 1];
  }

  isNonSpecialPatternChar(index, value) {
    const token = this.getSafeToken(index);
    if (token.value !== value) return false;
    return token.type === CHAR || token.type === ESCAPED_CHAR || token.type === INVALID_CHAR;
  }

  isProtocolSuffix() {
    return this.isNonSpecialPatternChar(this.tokenIndex, ":");
  }

  nextIsAuthoritySlashes() {
    return this.isNonSpecialPatternChar(this.tokenIndex + 1, "/") && this.isNonSpecialPatternChar(this.tokenIndex + 2, "/");
  }

  isIdentityTerminator() {
    return this.isNonSpecialPatternChar(this.tokenIndex, "@");
  }

  isPasswordPrefix() {
    return this.isNonSpecialPatternChar(this.tokenIndex, ":");
  }

  isPortPrefix() {
    return this.isNonSpecialPatternChar(this.tokenIndex, ":");
  }

  isPathnameStart() {
    return this.isNonSpecialPatternChar(this.tokenIndex, "/");
  }

  isSearchPrefix() {
    if (this.isNonSpecialPatternChar(this.tokenIndex, "?")) return true;
    if (this.tokens[this.tokenIndex].value !== "?") return false;
    const previousIndex = this.tokenIndex - 1;
    if (previousIndex < 0) return true;
    const previousToken = this.getSafeToken(previousIndex);
    const type = previousToken.type;
    return !(type === NAME || type === REGEXP || type === CLOSE || type === ASTERISK);
  }

  isHashPrefix() {
    return this.isNonSpecialPatternChar(this.tokenIndex, "#");
  }

  isGroupOpen() {
    return this.tokens[this.tokenIndex].type === OPEN;
  }

  isGroupClose() {
    return this.tokens[this.tokenIndex].type === CLOSE;
  }

  isIPv6Open() {
    return this.isNonSpecialPatternChar(this.tokenIndex, "[");
  }

  isIPv6Close() {
    return this.isNonSpecialPatternChar(this.tokenIndex, "]");
  }

  makeComponentString() {
    const token = this.tokens[this.tokenIndex];
    const componentStartToken = this.getSafeToken(this.componentStart);
    return this.input.slice(componentStartToken.index, token.index);
  }

  computeProtocolMatchesSpecialScheme() {
    const protocolString = this.makeComponentString();
    const protocolComponent = compileComponent(protocolString, canonicalizeProtocol, DEFAULT_OPTIONS);
    if (protocolComponentMatchesSpecialScheme(protocolComponent)) this.protocolMatchesSpecialScheme = true;
  }
}

/** https://urlpattern.spec.whatwg.org/#parse-a-constructor-string */
function parseConstructorString(input) {
  const parser = new ConstructorStringParser(input);
  const tokens = parser.tokens;
  while (parser.tokenIndex < tokens.length) {
    parser.tokenIncrement = 1;
    if (tokens[parser.tokenIndex].type === END) {
      if (parser.state === S_INIT) {
        parser.rewind();
        if (parser.isHashPrefix()) {
          parser.changeState(S_HASH, 1);
        } else if (parser.isSearchPrefix()) {
          parser.changeState(S_SEARCH, 1);
        } else {
          parser.changeState(S_PATHNAME, 0);
        }
        parser.tokenIndex += parser.tokenIncrement;
        continue;
      }
      if (parser.state === S_AUTHORITY) {
        parser.rewindAndSetState(S_HOSTNAME);
        parser.tokenIndex += parser.tokenIncrement;
        continue;
      }
      parser.changeState(S_DONE, 0);
      break;
    }
    if (parser.isGroupOpen()) {
      parser.groupDepth++;
      parser.tokenIndex += parser.tokenIncrement;
      continue;
    }
    if (parser.groupDepth > 0) {
      if (parser.isGroupClose()) {
        parser.groupDepth--;
      } else {
        parser.tokenIndex += parser.tokenIncrement;
        continue;
      }
    }
    switch (parser.state) {
      case S_INIT:
        if (parser.isProtocolSuffix()) parser.rewindAndSetState(S_PROTOCOL);
        break;
      case S_PROTOCOL:
        if (parser.isProtocolSuffix()) {
          parser.computeProtocolMatchesSpecialScheme();
          let nextState = S_PATHNAME;
          let skip = 1;
          if (parser.nextIsAuthoritySlashes()) {
            nextState = S_AUTHORITY;
            skip = 3;
          } else if (parser.protocolMatchesSpecialScheme) {
            nextState = S_AUTHORITY;
          }
          parser.changeState(nextState, skip);
        }
        break;
      case S_AUTHORITY:
        if (parser.isIdentityTerminator()) {
          parser.rewindAndSetState(S_USERNAME);
        } else if (parser.isPathnameStart() || parser.isSearchPrefix() || parser.isHashPrefix()) {
          parser.rewindAndSetState(S_HOSTNAME);
        }
        break;
      case S_USERNAME:
        if (parser.isPasswordPrefix()) parser.changeState(S_PASSWORD, 1);
        else if (parser.isIdentityTerminator()) parser.changeState(S_HOSTNAME, 1);
        break;
      case S_PASSWORD:
        if (parser.isIdentityTerminator()) parser.changeState(S_HOSTNAME, 1);
        break;
      case S_HOSTNAME:
        if (parser.isIPv6Open()) parser.hostnameIPv6BracketDepth++;
        else if (parser.isIPv6Close()) parser.hostnameIPv6BracketDepth--;
        else if (parser.isPortPrefix() && parser.hostnameIPv6BracketDepth === 0) parser.changeState(S_PORT, 1);
        else if (parser.isPathnameStart()) parser.changeState(S_PATHNAME, 0);
        else if (parser.isSearchPrefix()) parser.changeState(S_SEARCH, 1);
        else if (parser.isHashPrefix()) parser.changeState(S_HASH, 1);
        break;
      case S_PORT:
        if (parser.isPathnameStart()) parser.changeState(S_PATHNAME, 0);
        else if (parser.isSearchPrefix()) parser.changeState(S_SEARCH, 1);
        else if (parser.isHashPrefix()) parser.changeState(S_HASH, 1);
        break;
      case S_PATHNAME:
        if (parser.isSearchPrefix()) parser.changeState(S_SEARCH, 1);
        else if (parser.isHashPrefix()) parser.changeState(S_HASH, 1);
        break;
      case S_SEARCH:
        if (parser.isHashPrefix()) parser.changeState(S_HASH, 1);
        break;
      case S_HASH:
        break;
      default:
        throw new TypeError("URLPattern: constructor string parser reached an unexpected state");
    }
    parser.tokenIndex += parser.tokenIncrement;
  }
  const result = parser.result;
  if (result.hostname !== undefined && result.port === undefined) result.port = "";
  return result;
}

// ---------------------------------------------------------------------------------------
// URLPatternInit processing (https://urlpattern.spec.whatwg.org/#canon-processing-for-init)

const COMPONENT_NAMES = ["protocol", "username", "password", "hostname", "port", "pathname", "search", "hash"];

function processBaseURLString(input, type) {
  if (type !== "pattern") return input;
  return escapePatternString(input);
}

function isAbsolutePathname(input, type) {
  if (input === "") return false;
  if (input[0] === "/") return true;
  if (type === "url") return false;
  if (input.length < 2) return false;
  if (input[0] === "\\" && input[1] === "/") return true;
  if (input[0] === "{" && input[1] === "/") return true;
  return false;
}

function processProtocolForInit(value, type) {
  const strippedValue = value.length > 0 && value[value.length - 1] === ":" ? value.slice(0, -1) : value;
  if (type === "pattern") return strippedValue;
  return canonicalizeProtocol(strippedValue);
}

function processUsernameForInit(value, type) {
  return type === "pattern" ? value : canonicalizeUsername(value);
}

function processPasswordForInit(value, type) {
  return type === "pattern" ? value : canonicalizePassword(value);
}

function processHostnameForInit(value, type) {
  return type === "pattern" ? value : canonicalizeHostname(value);
}

function processPortForInit(portValue, protocolValue, type) {
  return type === "pattern" ? portValue : canonicalizePort(portValue, protocolValue);
}

function processPathnameForInit(pathnameValue, protocolValue, type) {
  if (type === "pattern") return pathnameValue;
  if (isSpecialScheme(protocolValue) || protocolValue === "") return canonicalizePathname(pathnameValue);
  return canonicalizeOpaquePathname(pathnameValue);
}

function processSearchForInit(value, type) {
  const strippedValue = value.length > 0 && value[0] === "?" ? value.slice(1) : value;
  return type === "pattern" ? strippedValue : canonicalizeSearch(strippedValue);
}

function processHashForInit(value, type) {
  const strippedValue = value.length > 0 && value[0] === "#" ? value.slice(1) : value;
  return type === "pattern" ? strippedValue : canonicalizeHash(strippedValue);
}

/**
 * https://urlpattern.spec.whatwg.org/#process-a-urlpatterninit. `init` is a null-prototype
 * object whose absent members are undefined; so is the result.
 */
function processURLPatternInit(init, type, protocol, username, password, hostname, port, pathname, search, hash) {
  const result = { __proto__: null };
  if (protocol !== null) result.protocol = protocol;
  if (username !== null) result.username = username;
  if (password !== null) result.password = password;
  if (hostname !== null) result.hostname = hostname;
  if (port !== null) result.port = port;
  if (pathname !== null) result.pathname = pathname;
  if (search !== null) result.search = search;
  if (hash !== null) result.hash = hash;
  let baseURL = null;
  const has = (key) => init[key] !== undefined;
  if (has("baseURL")) {
    baseURL = basicURLParse(init.baseURL);
    if (baseURL === null) throw new TypeError(`Invalid base URL '${init.baseURL}'`);
    if (!has("protocol")) result.protocol = processBaseURLString(baseURL.scheme, type);
    if (type !== "pattern" && !has("protocol") && !has("hostname") && !has("port") && !has("username")) {
      result.username = processBaseURLString(baseURL.username, type);
    }
    if (type !== "pattern" && !has("protocol") && !has("hostname") && !has("port") && !has("username") && !has("password")) {
      result.password = processBaseURLString(baseURL.password, type);
    }
    if (!has("protocol") && !has("hostname")) {
      result.hostname = processBaseURLString(baseURL.host ?? "", type);
    }
    if (!has("protocol") && !has("hostname") && !has("port")) {
      result.port = baseURL.port === null ? "" : "" + baseURL.port;
    }
    if (!has("protocol") && !has("hostname") && !has("port") && !has("pathname")) {
      result.pathname = processBaseURLString(baseURL.path, type);
    }
    if (!has("protocol") && !has("hostname") && !has("port") && !has("pathname") && !has("search")) {
      result.search = processBaseURLString(baseURL.query ?? "", type);
    }
    if (!has("protocol") && !has("hostname") && !has("port") && !has("pathname") && !has("search") && !has("hash")) {
      result.hash = processBaseURLString(baseURL.fragment ?? "", type);
    }
  }
  if (has("protocol")) result.protocol = processProtocolForInit(init.protocol, type);
  if (has("username")) result.username = processUsernameForInit(init.username, type);
  if (has("password")) result.password = processPasswordForInit(init.password, type);
  if (has("hostname")) result.hostname = processHostnameForInit(init.hostname, type);
  const resultProtocolString = result.protocol !== undefined ? result.protocol : "";
  if (has("port")) result.port = processPortForInit(init.port, resultProtocolString, type);
  if (has("pathname")) {
    result.pathname = init.pathname;
    if (baseURL !== null && !baseURL.opaque && !isAbsolutePathname(result.pathname, type)) {
      const baseURLPath = processBaseURLString(baseURL.path, type);
      const slashIndex = baseURLPath.lastIndexOf("/");
      if (slashIndex !== -1) {
        result.pathname = baseURLPath.slice(0, slashIndex + 1) + result.pathname;
      }
    }
    result.pathname = processPathnameForInit(result.pathname, resultProtocolString, type);
  }
  if (has("search")) result.search = processSearchForInit(init.search, type);
  if (has("hash")) result.hash = processHashForInit(init.hash, type);
  return result;
}

// ---------------------------------------------------------------------------------------
// URL patterns (https://urlpattern.spec.whatwg.org/#url-pattern-struct)

/** https://urlpattern.spec.whatwg.org/#url-pattern-create: the eight components. */
function createURLPattern(input, baseURL, options) {
  let init;
  if (typeof input === "string") {
    init = parseConstructorString(input);
    if (baseURL === null && init.protocol === undefined) {
      throw new TypeError(`Invalid URL pattern '${input}': a relative pattern needs a base URL`);
    }
    if (baseURL !== null) init.baseURL = baseURL;
  } else {
    if (baseURL !== null) throw new TypeError("A base URL is only allowed with a pattern string, not with a URLPatternInit");
    init = input;
  }
  const processedInit = processURLPatternInit(init, "pattern", null, null, null, null, null, null, null, null);
  for (let i = 0; i < COMPONENT_NAMES.length; i++) {
    const name = COMPONENT_NAMES[i];
    if (processedInit[name] === undefined) processedInit[name] = "*";
  }
  if (isSpecialScheme(processedInit.protocol) && processedInit.port === "" + defaultPort(processedInit.protocol)) {
    processedInit.port = "";
  }
  const pattern = { __proto__: null };
  pattern.protocol = compileComponent(processedInit.protocol, canonicalizeProtocol, DEFAULT_OPTIONS);
  pattern.username = compileComponent(processedInit.username, canonicalizeUsername, DEFAULT_OPTIONS);
  pattern.password = compileComponent(processedInit.password, canonicalizePassword, DEFAULT_OPTIONS);
  if (hostnamePatternIsIPv6Address(processedInit.hostname)) {
    pattern.hostname = compileComponent(processedInit.hostname, canonicalizeIPv6Hostname, HOSTNAME_OPTIONS);
  } else {
    pattern.hostname = compileComponent(processedInit.hostname, canonicalizeHostname, HOSTNAME_OPTIONS);
  }
  pattern.port = compileComponent(processedInit.port, canonicalizePort, DEFAULT_OPTIONS);
  const ignoreCase = options.ignoreCase;
  const compileOptions = makeOptions(DEFAULT_OPTIONS.delimiter, DEFAULT_OPTIONS.prefix, ignoreCase);
  if (protocolComponentMatchesSpecialScheme(pattern.protocol)) {
    const pathCompileOptions = makeOptions(PATHNAME_OPTIONS.delimiter, PATHNAME_OPTIONS.prefix, ignoreCase);
    pattern.pathname = compileComponent(processedInit.pathname, canonicalizePathname, pathCompileOptions);
  } else {
    pattern.pathname = compileComponent(processedInit.pathname, canonicalizeOpaquePathname, compileOptions);
  }
  pattern.search = compileComponent(processedInit.search, canonicalizeSearch, compileOptions);
  pattern.hash = compileComponent(processedInit.hash, canonicalizeHash, compileOptions);
  return pattern;
}

function createComponentMatchResult(component, input, execResult) {
  const groups = {};
  const names = component.groupNameList;
  for (let index = 1; index <= names.length; index++) {
    defineDataProperty(groups, names[index - 1], execResult[index]);
  }
  const result = {};
  defineDataProperty(result, "input", input);
  defineDataProperty(result, "groups", groups);
  return result;
}

function defineDataProperty(object, key, value) {
  core.primordials.ObjectDefineProperty(object, key, {
    __proto__: null, value, writable: true, enumerable: true, configurable: true,
  });
}

/** The URLPatternInit dictionary as an ECMAScript object (members that are present). */
function initToObject(init) {
  const object = {};
  const keys = ["baseURL", "hash", "hostname", "password", "pathname", "port", "protocol", "search", "username"];
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (init[key] !== undefined) defineDataProperty(object, key, init[key]);
  }
  return object;
}

/**
 * https://urlpattern.spec.whatwg.org/#url-pattern-match. `input` is a string or a converted
 * URLPatternInit; `baseURLString` a string or undefined. Returns the result or null.
 */
function matchURLPattern(urlPattern, input, baseURLString) {
  let protocol = "";
  let username = "";
  let password = "";
  let hostname = "";
  let port = "";
  let pathname = "";
  let search = "";
  let hash = "";
  const inputs = [];
  ArrayPrototypePush(inputs, typeof input === "string" ? input : initToObject(input));
  if (typeof input !== "string") {
    if (baseURLString !== undefined) {
      throw new TypeError("Failed to execute on 'URLPattern': a base URL is only allowed with a URL string, not with a URLPatternInit");
    }
    let applyResult;
    try {
      applyResult = processURLPatternInit(input, "url", protocol, username, password, hostname, port, pathname, search, hash);
    } catch {
      return null;
    }
    protocol = applyResult.protocol;
    username = applyResult.username;
    password = applyResult.password;
    hostname = applyResult.hostname;
    port = applyResult.port;
    pathname = applyResult.pathname;
    search = applyResult.search;
    hash = applyResult.hash;
  } else {
    let baseURL = null;
    if (baseURLString !== undefined) {
      baseURL = basicURLParse(baseURLString);
      if (baseURL === null) return null;
      ArrayPrototypePush(inputs, baseURLString);
    }
    const url = basicURLParse(input, baseURL);
    if (url === null) return null;
    protocol = url.scheme;
    username = url.username;
    password = url.password;
    hostname = url.host ?? "";
    port = url.port === null ? "" : "" + url.port;
    pathname = url.path;
    search = url.query ?? "";
    hash = url.fragment ?? "";
  }
  const protocolExecResult = RegExpPrototypeExec(urlPattern.protocol.regularExpression, protocol);
  if (protocolExecResult === null) return null;
  const usernameExecResult = RegExpPrototypeExec(urlPattern.username.regularExpression, username);
  if (usernameExecResult === null) return null;
  const passwordExecResult = RegExpPrototypeExec(urlPattern.password.regularExpression, password);
  if (passwordExecResult === null) return null;
  const hostnameExecResult = RegExpPrototypeExec(urlPattern.hostname.regularExpression, hostname);
  if (hostnameExecResult === null) return null;
  const portExecResult = RegExpPrototypeExec(urlPattern.port.regularExpression, port);
  if (portExecResult === null) return null;
  const pathnameExecResult = RegExpPrototypeExec(urlPattern.pathname.regularExpression, pathname);
  if (pathnameExecResult === null) return null;
  const searchExecResult = RegExpPrototypeExec(urlPattern.search.regularExpression, search);
  if (searchExecResult === null) return null;
  const hashExecResult = RegExpPrototypeExec(urlPattern.hash.regularExpression, hash);
  if (hashExecResult === null) return null;
  const result = {};
  defineDataProperty(result, "hash", createComponentMatchResult(urlPattern.hash, hash, hashExecResult));
  defineDataProperty(result, "hostname", createComponentMatchResult(urlPattern.hostname, hostname, hostnameExecResult));
  defineDataProperty(result, "inputs", inputs);
  defineDataProperty(result, "password", createComponentMatchResult(urlPattern.password, password, passwordExecResult));
  defineDataProperty(result, "pathname", createComponentMatchResult(urlPattern.pathname, pathname, pathnameExecResult));
  defineDataProperty(result, "port", createComponentMatchResult(urlPattern.port, port, portExecResult));
  defineDataProperty(result, "protocol", createComponentMatchResult(urlPattern.protocol, protocol, protocolExecResult));
  defineDataProperty(result, "search", createComponentMatchResult(urlPattern.search, search, searchExecResult));
  defineDataProperty(result, "username", createComponentMatchResult(urlPattern.username, username, usernameExecResult));
  return result;
}

function hasRegexpGroups(urlPattern) {
  for (let i = 0; i < COMPONENT_NAMES.length; i++) {
    if (urlPattern[COMPONENT_NAMES[i]].hasRegexpGroups) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------
// WebIDL conversions

// URLPatternInit members in lexicographic order (the order WebIDL reads them).
const INIT_MEMBERS = ["baseURL", "hash", "hostname", "password", "pathname", "port", "protocol", "search", "username"];

function convertURLPatternInit(value, prefix, context) {
  const type = webidl.type(value);
  if (type !== "Undefined" && type !== "Null" && type !== "Object") {
    throw new TypeError(`${prefix}: ${context} can not be converted to a dictionary`);
  }
  const init = { __proto__: null };
  if (type !== "Object") return init;
  for (let i = 0; i < INIT_MEMBERS.length; i++) {
    const key = INIT_MEMBERS[i];
    const member = value[key];
    if (member !== undefined) init[key] = converters.USVString(member, prefix, `'${key}' of 'URLPatternInit' (${context})`);
  }
  return init;
}

/** (USVString or URLPatternInit): a string or a converted init. */
function convertURLPatternInput(value, prefix, context) {
  if (value === undefined || value === null || webidl.type(value) === "Object") {
    return convertURLPatternInit(value, prefix, context);
  }
  return converters.USVString(value, prefix, context);
}

function convertURLPatternOptions(value, prefix, context) {
  const type = webidl.type(value);
  if (type !== "Undefined" && type !== "Null" && type !== "Object") {
    throw new TypeError(`${prefix}: ${context} can not be converted to a dictionary`);
  }
  let ignoreCase = false;
  if (type === "Object") {
    const member = value.ignoreCase;
    if (member !== undefined) ignoreCase = converters.boolean(member);
  }
  return { ignoreCase };
}

// ---------------------------------------------------------------------------------------
// URLPattern (https://urlpattern.spec.whatwg.org/#urlpattern-class)

let isURLPattern;

class URLPattern {
  #pattern;

  constructor(input = undefined, baseURL = undefined, options = undefined) {
    const prefix = "Failed to construct 'URLPattern'";
    let base = null;
    let optionsValue;
    // Overloads: (input, baseURL, options) and (input, options). With two arguments the
    // second is the options dictionary when it is undefined, null or an object.
    if (arguments.length >= 3 || (arguments.length === 2 && baseURL !== undefined && baseURL !== null && webidl.type(baseURL) !== "Object")) {
      input = convertURLPatternInput(input, prefix, "Argument 1");
      base = converters.USVString(baseURL, prefix, "Argument 2");
      optionsValue = convertURLPatternOptions(options, prefix, "Argument 3");
    } else {
      input = convertURLPatternInput(input, prefix, "Argument 1");
      optionsValue = convertURLPatternOptions(baseURL, prefix, "Argument 2");
    }
    this.#pattern = createURLPattern(input, base, optionsValue);
  }

  static {
    isURLPattern = (value) => value !== null && typeof value === "object" && #pattern in value;
  }

  #component(name) {
    return this.#pattern[name].patternString;
  }

  test(input = undefined, baseURL = undefined) {
    assertURLPattern(this);
    const prefix = "Failed to execute 'test' on 'URLPattern'";
    input = convertURLPatternInput(input, prefix, "Argument 1");
    if (baseURL !== undefined) baseURL = converters.USVString(baseURL, prefix, "Argument 2");
    return matchURLPattern(this.#pattern, input, baseURL) !== null;
  }

  exec(input = undefined, baseURL = undefined) {
    assertURLPattern(this);
    const prefix = "Failed to execute 'exec' on 'URLPattern'";
    input = convertURLPatternInput(input, prefix, "Argument 1");
    if (baseURL !== undefined) baseURL = converters.USVString(baseURL, prefix, "Argument 2");
    return matchURLPattern(this.#pattern, input, baseURL);
  }

  get protocol() {
    assertURLPattern(this);
    return this.#component("protocol");
  }

  get username() {
    assertURLPattern(this);
    return this.#component("username");
  }

  get password() {
    assertURLPattern(this);
    return this.#component("password");
  }

  get hostname() {
    assertURLPattern(this);
    return this.#component("hostname");
  }

  get port() {
    assertURLPattern(this);
    return this.#component("port");
  }

  get pathname() {
    assertURLPattern(this);
    return this.#component("pathname");
  }

  get search() {
    assertURLPattern(this);
    return this.#component("search");
  }

  get hash() {
    assertURLPattern(this);
    return this.#component("hash");
  }

  get hasRegExpGroups() {
    assertURLPattern(this);
    return hasRegexpGroups(this.#pattern);
  }
}

function assertURLPattern(self) {
  if (!isURLPattern(self)) throw new TypeError("Illegal invocation");
}

webidl.configureInterface(URLPattern);

return ObjectFreeze({
  __proto__: null,
  URLPattern,
  // For tests and other modules.
  tokenize,
  parsePatternString,
  parseConstructorString,
});
