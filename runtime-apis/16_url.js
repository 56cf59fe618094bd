// URL and URLSearchParams (https://url.spec.whatwg.org/), with the basic URL parser, the
// host parser (domains through UTS #46 in ICU, IPv4, IPv6, opaque hosts), the URL
// serializer, origins and the application/x-www-form-urlencoded parser and serializer.
//
// A URL record keeps the spec's components, except that a non-opaque path is kept
// serialized ("/a/b" for « "a", "b" », "" for « ») rather than as a list: every path
// operation the spec needs (append, shorten, size, first segment) is a string operation,
// and the pathname getter then needs no work. Hosts are kept serialized too (the
// serialization of a host identifies it).
//
// Performance: the hot loops index strings with `s.charCodeAt(i)` and cut them with
// `s.slice(a, b)` directly instead of through the uncurried primordials, which
// JavaScriptCore does not inline (a primordial charCodeAt measured 30x slower than the
// method call here). Every string such a loop touches is a primitive produced by a
// WebIDL conversion or by this file; see conformance/url/DIVERGENCES.md.

const {
  ArrayPrototypePush,
  ArrayPrototypeSort,
  ArrayPrototypeSplice,
  ArrayPrototypeJoin,
  FunctionPrototypeCall,
  MathFloor,
  NumberPrototypeToString,
  ObjectDefineProperty,
  ObjectFreeze,
  ObjectGetOwnPropertyDescriptor,
  ReflectOwnKeys,
  String,
  StringFromCharCode,
  StringPrototypeToWellFormed,
  StringPrototypeSplit,
  SymbolIterator,
  TypeError,
  Uint8Array,
  globalThis,
} = core.primordials;
const webidl = core.require("webidl");
const { converters } = webidl;
const ops = core.ops;

const FAILURE = null;
const EOF = -1;

// ---------------------------------------------------------------------------------------
// Code point classes and percent-encode sets (https://url.spec.whatwg.org/#percent-encoded-bytes)

const C0_CONTROL_SET = 1;
const FRAGMENT_SET = 2;
const QUERY_SET = 4;
const SPECIAL_QUERY_SET = 8;
const PATH_SET = 16;
const USERINFO_SET = 32;
const COMPONENT_SET = 64;
const FORM_SET = 128;

// ENCODE[c] has the bit of every percent-encode set that contains ASCII code point c.
// (Every set contains every non-ASCII code point.)
const ENCODE = new Uint8Array(128);
{
  const add = (chars, bits) => {
    for (let i = 0; i < chars.length; i++) ENCODE[chars.charCodeAt(i)] |= bits;
  };
  const ALL = C0_CONTROL_SET | FRAGMENT_SET | QUERY_SET | SPECIAL_QUERY_SET | PATH_SET | USERINFO_SET | COMPONENT_SET | FORM_SET;
  for (let c = 0; c < 0x20; c++) ENCODE[c] |= ALL;
  ENCODE[0x7F] |= ALL;
  const FROM_FRAGMENT = FRAGMENT_SET;
  add(" \"<>`", FROM_FRAGMENT);
  const FROM_QUERY = QUERY_SET | SPECIAL_QUERY_SET | PATH_SET | USERINFO_SET | COMPONENT_SET | FORM_SET;
  add(" \"#<>", FROM_QUERY);
  add("'", SPECIAL_QUERY_SET);
  const FROM_PATH = PATH_SET | USERINFO_SET | COMPONENT_SET | FORM_SET;
  add("?^`{}", FROM_PATH);
  const FROM_USERINFO = USERINFO_SET | COMPONENT_SET | FORM_SET;
  add("/:;=@[\\]|", FROM_USERINFO);
  add("$%&+,", COMPONENT_SET | FORM_SET);
  add("!'()~", FORM_SET);
}

// Code point classes for the host parser and the parser's scans.
const FORBIDDEN_HOST = 1;
const FORBIDDEN_DOMAIN = 2;
const UPPER_ALPHA = 4;
const HOST_CLASS = new Uint8Array(128);
{
  const forbiddenHost = "\u0000\t\n\r #/:<>?@[\\]^|";
  for (let i = 0; i < forbiddenHost.length; i++) HOST_CLASS[forbiddenHost.charCodeAt(i)] |= FORBIDDEN_HOST | FORBIDDEN_DOMAIN;
  for (let c = 0; c < 0x20; c++) HOST_CLASS[c] |= FORBIDDEN_DOMAIN;
  HOST_CLASS[0x25] |= FORBIDDEN_DOMAIN;
  HOST_CLASS[0x7F] |= FORBIDDEN_DOMAIN;
  for (let c = 0x41; c <= 0x5A; c++) HOST_CLASS[c] |= UPPER_ALPHA;
}

// "%00" … "%FF", and the one-character strings of U+0000 … U+00FF.
// byte -> "%XX", and code unit below 256 -> its one-character string. Built when first
// needed: most URLs a realm parses need neither, and 512 strings were a tenth of the module.
let HEX;
let LATIN1;
function buildByteTables() {
  HEX = [];
  LATIN1 = [];
  const digits = "0123456789ABCDEF";
  for (let i = 0; i < 256; i++) {
    HEX[i] = "%" + digits[i >> 4] + digits[i & 15];
    LATIN1[i] = StringFromCharCode(i);
  }
}

const isASCIIDigit = (c) => c >= 0x30 && c <= 0x39;
const isASCIIAlpha = (c) => (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A;
const isASCIIHexDigit = (c) => isASCIIDigit(c) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66);
const hexValue = (c) => (c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x61 + 10);

/** UTF-8 percent-encodes input[start, end) with the percent-encode set `set`. */
function percentEncode(input, start, end, set) {
  let i = start;
  for (; i < end; i++) {
    const c = input.charCodeAt(i);
    if (c >= 0x80 || (ENCODE[c] & set) !== 0) break;
  }
  if (i === end) return start === 0 && end === input.length ? input : input.slice(start, end);
  if (HEX === undefined) buildByteTables();
  let output = input.slice(start, i);
  let runStart = i;
  for (; i < end; i++) {
    let c = input.charCodeAt(i);
    if (c < 0x80) {
      if ((ENCODE[c] & set) === 0) continue;
      if (runStart < i) output += input.slice(runStart, i);
      output += HEX[c];
      runStart = i + 1;
      continue;
    }
    if (runStart < i) output += input.slice(runStart, i);
    if (c < 0x800) {
      output += HEX[0xC0 | (c >> 6)] + HEX[0x80 | (c & 0x3F)];
    } else if (c >= 0xD800 && c <= 0xDFFF) {
      const next = i + 1 < end ? input.charCodeAt(i + 1) : 0;
      if (c <= 0xDBFF && next >= 0xDC00 && next <= 0xDFFF) {
        const cp = ((c - 0xD800) << 10) + (next - 0xDC00) + 0x10000;
        output += HEX[0xF0 | (cp >> 18)] + HEX[0x80 | ((cp >> 12) & 0x3F)] +
          HEX[0x80 | ((cp >> 6) & 0x3F)] + HEX[0x80 | (cp & 0x3F)];
        i++;
      } else {
        // A lone surrogate (never in a scalar value string): U+FFFD.
        output += "%EF%BF%BD";
      }
    } else {
      output += HEX[0xE0 | (c >> 12)] + HEX[0x80 | ((c >> 6) & 0x3F)] + HEX[0x80 | (c & 0x3F)];
    }
    runStart = i + 1;
  }
  if (runStart < end) output += input.slice(runStart, end);
  return output;
}

/** UTF-8 percent-encode a whole string with `set`. */
function utf8PercentEncodeString(input, set) {
  return percentEncode(input, 0, input.length, set);
}

/**
 * Percent-decodes a scalar value string and UTF-8 decodes the bytes without BOM
 * (https://url.spec.whatwg.org/#string-percent-decode), replacing invalid sequences
 * with U+FFFD. Code points that are not part of a percent-encoded byte encode to whole
 * UTF-8 sequences, so each run of percent-encoded bytes is decoded on its own.
 */
function percentDecodeToString(input) {
  const length = input.length;
  let i = input.indexOf("%");
  if (i === -1) return input;
  let output = "";
  let runStart = 0;
  const bytes = decodeScratch;
  while (i < length) {
    if (input.charCodeAt(i) !== 0x25 || !isPercentEncodedByte(input, i)) {
      i++;
      continue;
    }
    output += input.slice(runStart, i);
    bytes.length = 0;
    while (i < length && input.charCodeAt(i) === 0x25 && isPercentEncodedByte(input, i)) {
      bytes[bytes.length] = hexValue(input.charCodeAt(i + 1)) * 16 + hexValue(input.charCodeAt(i + 2));
      i += 3;
    }
    output += utf8DecodeBytes(bytes);
    runStart = i;
  }
  return output + input.slice(runStart);
}

// Reused by percentDecodeToString (which never re-enters itself).
const decodeScratch = [];

function isPercentEncodedByte(input, i) {
  return i + 2 < input.length && isASCIIHexDigit(input.charCodeAt(i + 1)) && isASCIIHexDigit(input.charCodeAt(i + 2));
}

/**
 * UTF-8 decode (https://encoding.spec.whatwg.org/#utf-8-decoder) of an array of bytes,
 * each maximal invalid subpart becoming U+FFFD. The BOM is kept.
 */
function utf8DecodeBytes(bytes) {
  if (LATIN1 === undefined) buildByteTables();
  let output = "";
  let codePoint = 0;
  let bytesSeen = 0;
  let bytesNeeded = 0;
  let lower = 0x80;
  let upper = 0xBF;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (bytesNeeded === 0) {
      if (byte <= 0x7F) {
        output += LATIN1[byte];
      } else if (byte >= 0xC2 && byte <= 0xDF) {
        bytesNeeded = 1;
        codePoint = byte & 0x1F;
      } else if (byte >= 0xE0 && byte <= 0xEF) {
        if (byte === 0xE0) lower = 0xA0;
        if (byte === 0xED) upper = 0x9F;
        bytesNeeded = 2;
        codePoint = byte & 0xF;
      } else if (byte >= 0xF0 && byte <= 0xF4) {
        if (byte === 0xF0) lower = 0x90;
        if (byte === 0xF4) upper = 0x8F;
        bytesNeeded = 3;
        codePoint = byte & 0x7;
      } else {
        output += "\uFFFD";
      }
      continue;
    }
    if (byte < lower || byte > upper) {
      codePoint = bytesNeeded = bytesSeen = 0;
      lower = 0x80;
      upper = 0xBF;
      output += "\uFFFD";
      i--; // reprocess this byte
      continue;
    }
    lower = 0x80;
    upper = 0xBF;
    codePoint = (codePoint << 6) | (byte & 0x3F);
    bytesSeen++;
    if (bytesSeen !== bytesNeeded) continue;
    output += codePointString(codePoint);
    codePoint = bytesNeeded = bytesSeen = 0;
  }
  if (bytesNeeded !== 0) output += "\uFFFD";
  return output;
}

// A small direct-mapped cache of one-code-point strings, so that decoding does not call
// String.fromCharCode (an uncurried primordial, slow in JavaScriptCore) for each code point.
const CODE_POINT_CACHE_SIZE = 512;
const codePointCacheKeys = new Uint32Array(CODE_POINT_CACHE_SIZE);
// (A value is read only where its key matched, so only after it was written.)
const codePointCacheValues = [];

function codePointString(codePoint) {
  if (codePoint < 0x100) {
    if (LATIN1 === undefined) buildByteTables();
    return LATIN1[codePoint];
  }
  const slot = codePoint & (CODE_POINT_CACHE_SIZE - 1);
  if (codePointCacheKeys[slot] === codePoint) return codePointCacheValues[slot];
  const string = codePoint <= 0xFFFF
    ? StringFromCharCode(codePoint)
    : StringFromCharCode(0xD800 + ((codePoint - 0x10000) >> 10), 0xDC00 + ((codePoint - 0x10000) & 0x3FF));
  codePointCacheKeys[slot] = codePoint;
  codePointCacheValues[slot] = string;
  return string;
}

/** ASCII lowercase. */
function asciiLowercase(s) {
  const length = s.length;
  let i = 0;
  for (; i < length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5A) break;
  }
  if (i === length) return s;
  if (LATIN1 === undefined) buildByteTables();
  let output = s.slice(0, i);
  for (; i < length; i++) {
    const c = s.charCodeAt(i);
    output += c >= 0x41 && c <= 0x5A ? LATIN1[c + 0x20] : s[i];
  }
  return output;
}

/** USVString conversion: strings are scanned for lone surrogates without a built-in call. */
function toUSVString(value, prefix, context) {
  if (typeof value !== "string") return converters.USVString(value, prefix, context);
  const length = value.length;
  for (let i = 0; i < length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0xD800 || c > 0xDFFF) continue;
    if (c <= 0xDBFF && i + 1 < length && (value.charCodeAt(i + 1) & 0xFC00) === 0xDC00) {
      i++;
      continue;
    }
    return StringPrototypeToWellFormed(value);
  }
  return value;
}

// ---------------------------------------------------------------------------------------
// Schemes

function isSpecialScheme(scheme) {
  switch (scheme) {
    case "http": case "https": case "ws": case "wss": case "ftp": case "file":
      return true;
    default:
      return false;
  }
}

/** The default port of a scheme, or null. */
function defaultPort(scheme) {
  switch (scheme) {
    case "http": case "ws": return 80;
    case "https": case "wss": return 443;
    case "ftp": return 21;
    default: return null;
  }
}

// ---------------------------------------------------------------------------------------
// Hosts (https://url.spec.whatwg.org/#host-parsing)

/**
 * The host parser. Returns the host serialized (an IPv6 address with its brackets), or
 * null for failure.
 */
function parseHost(input, isOpaque) {
  const length = input.length;
  if (length > 0 && input.charCodeAt(0) === 0x5B) {
    if (input.charCodeAt(length - 1) !== 0x5D) return FAILURE;
    const address = parseIPv6(input.slice(1, length - 1));
    if (address === FAILURE) return FAILURE;
    return "[" + serializeIPv6(address) + "]";
  }
  if (isOpaque) return parseOpaqueHost(input);

  // Fast path: an ASCII domain without percent signs needs only lowercasing and checks.
  let flags = 0;
  let nonASCII = false;
  for (let i = 0; i < length; i++) {
    const c = input.charCodeAt(i);
    if (c >= 0x80) {
      nonASCII = true;
      break;
    }
    flags |= HOST_CLASS[c];
  }
  let asciiDomain;
  let domainIsASCII = true;
  if (!nonASCII && (flags & FORBIDDEN_DOMAIN) === 0) {
    asciiDomain = (flags & UPPER_ALPHA) !== 0 ? asciiLowercase(input) : input;
  } else {
    const domain = percentDecodeToString(input);
    asciiDomain = domainToASCII(domain);
    if (asciiDomain === FAILURE) return FAILURE;
    domainIsASCII = isASCII(domain);
  }
  if (endsInANumber(asciiDomain)) {
    void domainIsASCII; // IPv4-non-ASCII-input validation error
    const address = parseIPv4(asciiDomain);
    if (address === FAILURE) return FAILURE;
    return serializeIPv4(address);
  }
  return asciiDomain;
}

function isASCII(s) {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return false;
  return true;
}

// Results of UTS #46 processing for recently seen non-ASCII domains (null for failure): a
// server sees the same few hosts again and again, and each one costs a call into ICU.
const IDNA_CACHE_LIMIT = 256;
let idnaCache = { __proto__: null };
let idnaCacheSize = 0;

/**
 * The domain parser with beStrict false (https://url.spec.whatwg.org/#concept-domain-to-ascii):
 * an ASCII domain is lowercased; any other goes through UTS #46 ToASCII (ICU) with
 * CheckHyphens, UseSTD3ASCIIRules and VerifyDnsLength false, CheckBidi and CheckJoiners
 * true, nontransitional processing. Returns null for failure.
 */
function domainToASCII(domain) {
  let result;
  if (isASCII(domain)) {
    result = asciiLowercase(domain);
  } else {
    result = idnaCache[domain];
    if (result === undefined) {
      result = ops.domainToASCII(domain);
      if (idnaCacheSize >= IDNA_CACHE_LIMIT) {
        idnaCache = { __proto__: null };
        idnaCacheSize = 0;
      }
      idnaCache[domain] = result;
      idnaCacheSize++;
    }
    if (result === null) return FAILURE;
  }
  if (result === "") return FAILURE;
  for (let i = 0; i < result.length; i++) {
    const c = result.charCodeAt(i);
    if (c >= 0x80 || (HOST_CLASS[c] & FORBIDDEN_DOMAIN) !== 0) return FAILURE;
  }
  return result;
}

/** https://url.spec.whatwg.org/#ends-in-a-number-checker */
function endsInANumber(input) {
  let end = input.length;
  if (end > 0 && input.charCodeAt(end - 1) === 0x2E) end--;
  // Quick rejection: the last label of a number ends in a hex digit or an 'x'.
  if (end === 0) return false;
  const lastChar = input.charCodeAt(end - 1);
  if (!isASCIIHexDigit(lastChar) && (lastChar | 0x20) !== 0x78) return false;
  const start = input.lastIndexOf(".", end - 1) + 1;
  if (start === end) return false;
  let allDigits = true;
  for (let i = start; i < end; i++) {
    if (!isASCIIDigit(input.charCodeAt(i))) {
      allDigits = false;
      break;
    }
  }
  if (allDigits) return true;
  return parseIPv4Number(input.slice(start, end)) >= 0;
}

/**
 * The IPv4 number parser: the number, or -1 for failure. (The validation error flag is
 * not needed: validation errors are not reported.)
 */
function parseIPv4Number(input) {
  let length = input.length;
  if (length === 0) return -1;
  let start = 0;
  let radix = 10;
  if (length >= 2 && input.charCodeAt(0) === 0x30 && (input.charCodeAt(1) | 0x20) === 0x78) {
    start = 2;
    radix = 16;
  } else if (length >= 2 && input.charCodeAt(0) === 0x30) {
    start = 1;
    radix = 8;
  }
  if (start === length) return 0;
  let value = 0;
  for (let i = start; i < length; i++) {
    const c = input.charCodeAt(i);
    let digit;
    if (radix === 16) {
      if (!isASCIIHexDigit(c)) return -1;
      digit = hexValue(c);
    } else {
      if (c < 0x30 || c >= 0x30 + radix) return -1;
      digit = c - 0x30;
    }
    // Doubles lose precision past 2^53, but anything that large fails the range checks.
    value = value * radix + digit;
  }
  return value;
}

/** https://url.spec.whatwg.org/#concept-ipv4-parser: the address, or null. */
function parseIPv4(input) {
  const parts = StringPrototypeSplit(input, ".");
  if (parts[parts.length - 1] === "" && parts.length > 1) parts.length--;
  if (parts.length > 4) return FAILURE;
  const numbers = [];
  for (let i = 0; i < parts.length; i++) {
    const n = parseIPv4Number(parts[i]);
    if (n < 0) return FAILURE;
    ArrayPrototypePush(numbers, n);
  }
  const count = numbers.length;
  for (let i = 0; i < count - 1; i++) if (numbers[i] > 255) return FAILURE;
  if (numbers[count - 1] >= 256 ** (5 - count)) return FAILURE;
  let ipv4 = numbers[count - 1];
  for (let i = 0; i < count - 1; i++) ipv4 += numbers[i] * 256 ** (3 - i);
  return ipv4;
}

function serializeIPv4(address) {
  return ((address >>> 24) & 255) + "." + ((address >>> 16) & 255) + "." + ((address >>> 8) & 255) + "." + (address & 255);
}

/** https://url.spec.whatwg.org/#concept-ipv6-parser: eight pieces, or null. */
function parseIPv6(input) {
  const address = [0, 0, 0, 0, 0, 0, 0, 0];
  const length = input.length;
  let pieceIndex = 0;
  let compress = -1;
  let pointer = 0;
  const at = (i) => (i < length ? input.charCodeAt(i) : EOF);

  if (at(0) === 0x3A) {
    if (at(1) !== 0x3A) return FAILURE;
    pointer += 2;
    pieceIndex++;
    compress = pieceIndex;
  }
  while (at(pointer) !== EOF) {
    if (pieceIndex === 8) return FAILURE;
    if (at(pointer) === 0x3A) {
      if (compress !== -1) return FAILURE;
      pointer++;
      pieceIndex++;
      compress = pieceIndex;
      continue;
    }
    let value = 0;
    let digits = 0;
    while (digits < 4 && isASCIIHexDigit(at(pointer))) {
      value = value * 0x10 + hexValue(at(pointer));
      pointer++;
      digits++;
    }
    if (at(pointer) === 0x2E) {
      if (digits === 0) return FAILURE;
      pointer -= digits;
      if (pieceIndex > 6) return FAILURE;
      let numbersSeen = 0;
      while (at(pointer) !== EOF) {
        let ipv4Piece = -1;
        if (numbersSeen > 0) {
          if (at(pointer) === 0x2E && numbersSeen < 4) pointer++;
          else return FAILURE;
        }
        if (!isASCIIDigit(at(pointer))) return FAILURE;
        while (isASCIIDigit(at(pointer))) {
          const number = at(pointer) - 0x30;
          if (ipv4Piece === -1) ipv4Piece = number;
          else if (ipv4Piece === 0) return FAILURE;
          else ipv4Piece = ipv4Piece * 10 + number;
          if (ipv4Piece > 255) return FAILURE;
          pointer++;
        }
        address[pieceIndex] = address[pieceIndex] * 0x100 + ipv4Piece;
        numbersSeen++;
        if (numbersSeen === 2 || numbersSeen === 4) pieceIndex++;
      }
      if (numbersSeen !== 4) return FAILURE;
      break;
    } else if (at(pointer) === 0x3A) {
      pointer++;
      if (at(pointer) === EOF) return FAILURE;
    } else if (at(pointer) !== EOF) {
      return FAILURE;
    }
    address[pieceIndex] = value;
    pieceIndex++;
  }
  if (compress !== -1) {
    let swaps = pieceIndex - compress;
    pieceIndex = 7;
    while (pieceIndex !== 0 && swaps > 0) {
      const other = compress + swaps - 1;
      const temp = address[pieceIndex];
      address[pieceIndex] = address[other];
      address[other] = temp;
      pieceIndex--;
      swaps--;
    }
  } else if (pieceIndex !== 8) {
    return FAILURE;
  }
  return address;
}

/** https://url.spec.whatwg.org/#concept-ipv6-serializer (without the brackets). */
function serializeIPv6(address) {
  // Find the first longest run of two or more zero pieces.
  let compress = -1;
  let longest = 1;
  let foundIndex = -1;
  let foundSize = 0;
  for (let i = 0; i < 8; i++) {
    if (address[i] !== 0) {
      if (foundSize > longest) {
        compress = foundIndex;
        longest = foundSize;
      }
      foundIndex = -1;
      foundSize = 0;
    } else {
      if (foundIndex === -1) foundIndex = i;
      foundSize++;
    }
  }
  if (foundSize > longest) compress = foundIndex;

  let output = "";
  let ignore0 = false;
  for (let i = 0; i < 8; i++) {
    if (ignore0 && address[i] === 0) continue;
    ignore0 = false;
    if (compress === i) {
      output += i === 0 ? "::" : ":";
      ignore0 = true;
      continue;
    }
    output += NumberPrototypeToString(address[i], 16);
    if (i !== 7) output += ":";
  }
  return output;
}

/** https://url.spec.whatwg.org/#concept-opaque-host-parser */
function parseOpaqueHost(input) {
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (c < 0x80 && (HOST_CLASS[c] & FORBIDDEN_HOST) !== 0) return FAILURE;
  }
  return utf8PercentEncodeString(input, C0_CONTROL_SET);
}

// ---------------------------------------------------------------------------------------
// URL records

class URLRecord {
  constructor() {
    this.scheme = "";
    this.username = "";
    this.password = "";
    /** null, or the serialized host ("" is the empty host). */
    this.host = null;
    /** null or an integer 0–65535. */
    this.port = null;
    /** The path serialized: an opaque path as is, a list as "/" + segments joined by "/". */
    this.path = "";
    this.opaque = false;
    this.query = null;
    this.fragment = null;
  }
}

function cloneRecord(url) {
  const copy = new URLRecord();
  copy.scheme = url.scheme;
  copy.username = url.username;
  copy.password = url.password;
  copy.host = url.host;
  copy.port = url.port;
  copy.path = url.path;
  copy.opaque = url.opaque;
  copy.query = url.query;
  copy.fragment = url.fragment;
  return copy;
}

const includesCredentials = (url) => url.username !== "" || url.password !== "";
const cannotHaveUsernamePasswordPort = (url) => url.host === null || url.host === "" || url.scheme === "file";

/** Whether path (serialized) is « a normalized Windows drive letter ». */
function isSingleNormalizedDriveLetter(path) {
  return path.length === 3 && path.charCodeAt(0) === 0x2F && isASCIIAlpha(path.charCodeAt(1)) && path.charCodeAt(2) === 0x3A;
}

/** https://url.spec.whatwg.org/#shorten-a-urls-path */
function shortenPath(url) {
  const path = url.path;
  if (url.scheme === "file" && isSingleNormalizedDriveLetter(path)) return;
  const slash = path.lastIndexOf("/");
  if (slash !== -1) url.path = path.slice(0, slash);
}

function isWindowsDriveLetter(s) {
  if (s.length !== 2 || !isASCIIAlpha(s.charCodeAt(0))) return false;
  const c = s.charCodeAt(1);
  return c === 0x3A || c === 0x7C;
}

/** https://url.spec.whatwg.org/#start-with-a-windows-drive-letter, for input from `start`. */
function startsWithWindowsDriveLetter(input, start) {
  const remaining = input.length - start;
  if (remaining < 2 || !isASCIIAlpha(input.charCodeAt(start))) return false;
  const second = input.charCodeAt(start + 1);
  if (second !== 0x3A && second !== 0x7C) return false;
  if (remaining === 2) return true;
  const third = input.charCodeAt(start + 2);
  return third === 0x2F || third === 0x5C || third === 0x3F || third === 0x23;
}

function isSingleDot(s) {
  switch (s.length) {
    case 1: return s === ".";
    case 3: return s === "%2e" || s === "%2E";
    default: return false;
  }
}

function isDoubleDot(s) {
  switch (s.length) {
    case 2: return s === "..";
    case 4: {
      const lower = asciiLowercase(s);
      return lower === ".%2e" || lower === "%2e.";
    }
    case 6: return asciiLowercase(s) === "%2e%2e";
    default: return false;
  }
}

function trimControlAndSpace(input) {
  let start = 0;
  let end = input.length;
  while (start < end && input.charCodeAt(start) <= 0x20) start++;
  while (end > start && input.charCodeAt(end - 1) <= 0x20) end--;
  return start === 0 && end === input.length ? input : input.slice(start, end);
}

function removeTabAndNewline(input) {
  const length = input.length;
  let i = 0;
  for (; i < length; i++) {
    const c = input.charCodeAt(i);
    if (c === 0x09 || c === 0x0A || c === 0x0D) break;
  }
  if (i === length) return input;
  let output = input.slice(0, i);
  for (; i < length; i++) {
    const c = input.charCodeAt(i);
    if (c !== 0x09 && c !== 0x0A && c !== 0x0D) output += input[i];
  }
  return output;
}

// ---------------------------------------------------------------------------------------
// Fast path for the common URL shapes

// The results of scanSimpleURL(), kept in module variables so that a scan allocates nothing.
let simpleScheme = ""; // the scheme (a constant string)
let simpleSchemeEnd = 0; // index of the ':' after the scheme
let simpleUsername = ""; // the username (never needing percent-encoding here)
let simplePassword = "";
let simpleHostStart = 0; // start of the host in the input
let simpleHost = ""; // the host, when it differs from the input's (IPv4 normalized); else ""
let simpleHostEnd = 0; // end of the host in the input
let simplePort = null; // the port, null when absent or the default
let simpleAuthorityEnd = 0; // end of the host and port
let simplePathEnd = 0; // end of the path ("" when == simpleAuthorityEnd)
let simpleQueryStart = -1; // index after '?', or -1
let simpleQueryEnd = 0;
let simpleQueryEncode = false; // whether the query needs percent-encoding
let simpleFragmentStart = -1; // index after '#', or -1
let simpleFragmentEncode = false;
let simpleCanonical = false; // whether the input is exactly the URL's serialization

/** The special scheme other than "file" that input[0, end) is, as a constant, or "". */
function simpleSchemeOf(input, end) {
  const c0 = input.charCodeAt(0);
  switch (end) {
    case 2:
      return c0 === 0x77 && input.charCodeAt(1) === 0x73 ? "ws" : "";
    case 3:
      if (c0 === 0x77) return input.charCodeAt(1) === 0x73 && input.charCodeAt(2) === 0x73 ? "wss" : "";
      return c0 === 0x66 && input.charCodeAt(1) === 0x74 && input.charCodeAt(2) === 0x70 ? "ftp" : "";
    case 4:
      return c0 === 0x68 && input.charCodeAt(1) === 0x74 && input.charCodeAt(2) === 0x74 && input.charCodeAt(3) === 0x70 ? "http" : "";
    case 5:
      return c0 === 0x68 && input.charCodeAt(1) === 0x74 && input.charCodeAt(2) === 0x74 && input.charCodeAt(3) === 0x70 &&
        input.charCodeAt(4) === 0x73 ? "https" : "";
    default:
      return "";
  }
}

/**
 * Scans the most common absolute URL shape in one pass:
 * "scheme://host[:port][/path][?query][#fragment]" with scheme http, https, ws, wss or
 * ftp in lowercase, a host of lowercase letters, digits, '-', '.' and '_' (possibly a
 * dotted IPv4 address), no credentials, and a path that needs no percent-encoding and has
 * no dot segments. Returns false when the input has any other shape (the full parser then
 * decides); otherwise fills the simple* variables with what the basic URL parser would
 * produce. Works on any string: a lone surrogate can only reach the query or fragment
 * here, where percent-encoding it gives U+FFFD's bytes, as converting to a scalar value
 * string first would.
 */
function scanSimpleURL(input) {
  const length = input.length;
  if (length < 4 || input.charCodeAt(length - 1) <= 0x20) return false;
  let c = input.charCodeAt(0);
  if (c < 0x61 || c > 0x7A) return false;
  let p = 1;
  for (; p < length; p++) {
    c = input.charCodeAt(p);
    if (!((c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c === 0x2B || c === 0x2D || c === 0x2E)) break;
  }
  if (c !== 0x3A || p + 2 >= length) return false;
  const scheme = simpleSchemeOf(input, p);
  if (scheme === "" || input.charCodeAt(p + 1) !== 0x2F || input.charCodeAt(p + 2) !== 0x2F) return false;
  let canonical = true;
  simpleScheme = scheme;
  simpleSchemeEnd = p;
  p += 3;
  let hostStart = p;
  simpleUsername = "";
  simplePassword = "";
  let digitsAndDots = true;
  for (let credentials = false; ;) {
    for (; p < length; p++) {
      c = input.charCodeAt(p);
      if ((c >= 0x61 && c <= 0x7A) || c === 0x2D || c === 0x5F) {
        digitsAndDots = false;
        continue;
      }
      if ((c >= 0x30 && c <= 0x39) || c === 0x2E) continue;
      break;
    }
    if (p >= length || credentials) break;
    c = input.charCodeAt(p);
    if (c !== 0x40 && c !== 0x3A) break;
    // Credentials end at an '@' before the end of the authority.
    let at = -1;
    for (let i = p; i < length; i++) {
      const d = input.charCodeAt(i);
      if (d === 0x2F || d === 0x3F || d === 0x23 || d === 0x5C) break;
      if (d === 0x40) {
        if (at !== -1) return false;
        at = i;
      }
    }
    if (at === -1) break;
    if (!scanSimpleCredentials(input, hostStart, at)) return false;
    if (simpleUsername === "" && simplePassword === "") canonical = false; // "@" is dropped
    credentials = true;
    hostStart = at + 1;
    p = hostStart;
    digitsAndDots = true;
  }
  if (p === hostStart) return false;
  simpleHostStart = hostStart;
  simpleHost = "";
  simpleHostEnd = p;
  // Ends in a number: the last label (before a trailing dot) is digits or 0x-hex.
  const last = input.charCodeAt(p - 1);
  if ((last >= 0x30 && last <= 0x39) || last === 0x2E || last === 0x78 || (last >= 0x61 && last <= 0x66)) {
    if (digitsAndDots && isCanonicalIPv4(input, hostStart, p)) {
      // Already the IPv4 serializer's output.
    } else {
      const host = input.slice(hostStart, p);
      if (endsInANumber(host)) {
        const address = parseIPv4(host);
        if (address === FAILURE) return false;
        simpleHost = serializeIPv4(address);
        if (simpleHost === host) simpleHost = "";
        else canonical = false;
      }
    }
  }
  simplePort = null;
  if (p < length && input.charCodeAt(p) === 0x3A) {
    p++;
    const portStart = p;
    let value = 0;
    for (; p < length; p++) {
      c = input.charCodeAt(p);
      if (c < 0x30 || c > 0x39) break;
      value = value * 10 + (c - 0x30);
      if (value > 65535) return false;
    }
    if (p === portStart || value === defaultPort(scheme)) {
      canonical = false;
    } else {
      simplePort = value;
      if (input.charCodeAt(portStart) === 0x30 && p - portStart > 1) canonical = false;
    }
  }
  simpleAuthorityEnd = p;
  if (p < length) {
    c = input.charCodeAt(p);
    if (c !== 0x2F && c !== 0x3F && c !== 0x23) return false;
  }
  // Path: segments of code points outside the path percent-encode set, none a dot segment.
  if (p < length && input.charCodeAt(p) === 0x2F) {
    let segmentStart = p + 1;
    for (p++; ; p++) {
      c = p < length ? input.charCodeAt(p) : EOF;
      if (c === 0x2F || c === 0x3F || c === 0x23 || c === EOF) {
        const segmentLength = p - segmentStart;
        if (segmentLength > 0 && segmentLength <= 6) {
          const first = input.charCodeAt(segmentStart);
          if ((first === 0x2E || first === 0x25) && (segmentLength <= 2 || first === 0x25 || input.charCodeAt(segmentStart + 1) === 0x25)) {
            const segment = input.slice(segmentStart, p);
            if (isSingleDot(segment) || isDoubleDot(segment)) return false;
          }
        }
        if (c !== 0x2F) break;
        segmentStart = p + 1;
        continue;
      }
      if (c >= 0x80 || c === 0x5C || (ENCODE[c] & PATH_SET) !== 0) return false;
    }
  } else {
    canonical = false; // the path « "" » serializes as "/"
  }
  simplePathEnd = p;
  simpleQueryStart = -1;
  simpleFragmentStart = -1;
  simpleQueryEncode = false;
  simpleFragmentEncode = false;
  if (p < length && input.charCodeAt(p) === 0x3F) {
    p++;
    let end = input.indexOf("#", p);
    if (end === -1) end = length;
    const needs = scanForEncoding(input, p, end, SPECIAL_QUERY_SET);
    if (needs < 0) return false;
    if (needs > 0) {
      simpleQueryEncode = true;
      canonical = false;
    }
    simpleQueryStart = p;
    simpleQueryEnd = end;
    p = end;
  }
  if (p < length) {
    const needs = scanForEncoding(input, p + 1, length, FRAGMENT_SET);
    if (needs < 0) return false;
    if (needs > 0) {
      simpleFragmentEncode = true;
      canonical = false;
    }
    simpleFragmentStart = p + 1;
  }
  simpleCanonical = canonical;
  return true;
}

/**
 * Credentials in input[start, end) (end at an '@') that need no percent-encoding: sets
 * simpleUsername and simplePassword and returns true, or returns false.
 */
function scanSimpleCredentials(input, start, end) {
  let colon = -1;
  for (let i = start; i < end; i++) {
    const c = input.charCodeAt(i);
    if (c === 0x3A && colon === -1) {
      colon = i;
      continue;
    }
    if (c >= 0x80 || (ENCODE[c] & USERINFO_SET) !== 0 || c === 0x5C) return false;
  }
  if (colon === -1) {
    simpleUsername = input.slice(start, end);
    simplePassword = "";
  } else {
    simpleUsername = input.slice(start, colon);
    simplePassword = input.slice(colon + 1, end);
    if (simplePassword === "") return false; // "user:@host" serializes without the ':'
  }
  return true;
}

/** Whether input[start, end) is four dot-separated decimal numbers 0–255 without leading zeros. */
function isCanonicalIPv4(input, start, end) {
  let parts = 0;
  let i = start;
  while (i < end) {
    const partStart = i;
    let value = 0;
    while (i < end) {
      const c = input.charCodeAt(i);
      if (c < 0x30 || c > 0x39) break;
      value = value * 10 + (c - 0x30);
      i++;
    }
    const digits = i - partStart;
    if (digits === 0 || digits > 3 || value > 255 || (digits > 1 && input.charCodeAt(partStart) === 0x30)) return false;
    parts++;
    if (i === end) break;
    if (input.charCodeAt(i) !== 0x2E || parts === 4) return false;
    i++;
    if (i === end) return false; // trailing dot
  }
  return parts === 4;
}

/** The URL record of the last successful scanSimpleURL(input). */
function recordFromScan(input) {
  const url = new URLRecord();
  url.scheme = simpleScheme;
  url.username = simpleUsername;
  url.password = simplePassword;
  url.host = simpleHost !== "" ? simpleHost : input.slice(simpleHostStart, simpleHostEnd);
  url.port = simplePort;
  url.path = simplePathEnd > simpleAuthorityEnd ? input.slice(simpleAuthorityEnd, simplePathEnd) : "/";
  if (simpleQueryStart !== -1) {
    url.query = simpleQueryEncode
      ? percentEncode(input, simpleQueryStart, simpleQueryEnd, SPECIAL_QUERY_SET)
      : input.slice(simpleQueryStart, simpleQueryEnd);
  }
  if (simpleFragmentStart !== -1) {
    url.fragment = simpleFragmentEncode
      ? percentEncode(input, simpleFragmentStart, input.length, FRAGMENT_SET)
      : input.slice(simpleFragmentStart);
  }
  return url;
}

/**
 * A URL whose serialization is `href` itself, with the offsets of its components: what the
 * URL constructor keeps for the common inputs instead of a URL record, so that parsing
 * allocates almost nothing. Components are cut out of `href` when read; anything that
 * modifies the URL first expands it to a URL record.
 */
class CompactURL {
  constructor(href) {
    this.href = href;
    this.scheme = simpleScheme;
    this.username = simpleUsername;
    this.password = simplePassword;
    this.port = simplePort;
    this.opaque = false;
    this.hostStart = simpleHostStart;
    this.hostEnd = simpleHostEnd;
    this.authorityEnd = simpleAuthorityEnd;
    this.pathEnd = simplePathEnd;
    this.queryStart = simpleQueryStart;
    this.fragmentStart = simpleFragmentStart;
  }

  // The URL record's fields, read from href.
  get host() {
    return this.href.slice(this.hostStart, this.hostEnd);
  }

  get path() {
    return this.href.slice(this.authorityEnd, this.pathEnd);
  }

  get query() {
    if (this.queryStart === -1) return null;
    return this.href.slice(this.queryStart, this.fragmentStart === -1 ? this.href.length : this.fragmentStart - 1);
  }

  get fragment() {
    return this.fragmentStart === -1 ? null : this.href.slice(this.fragmentStart);
  }

  toRecord() {
    const url = new URLRecord();
    url.scheme = this.scheme;
    url.username = this.username;
    url.password = this.password;
    url.host = this.host;
    url.port = this.port;
    url.path = this.path;
    url.query = this.query;
    url.fragment = this.fragment;
    return url;
  }
}

/**
 * The fast path for "?query", "#fragment" and path-relative inputs ("a/b", "../c") against a
 * special base other than file: a URL record, or undefined for any other shape.
 */
function parseSimpleRelativeURL(input, base) {
  const length = input.length;
  let c = input.charCodeAt(0);
  // An input that starts with a scheme is not relative.
  if ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A) {
    for (let i = 1; i < length; i++) {
      const d = input.charCodeAt(i);
      if (d === 0x3A) return undefined;
      if (!((d | 0x20) >= 0x61 && (d | 0x20) <= 0x7A) && !(d >= 0x30 && d <= 0x39) && d !== 0x2B && d !== 0x2D && d !== 0x2E) break;
    }
  }
  const url = new URLRecord();
  url.scheme = base.scheme;
  url.username = base.username;
  url.password = base.password;
  url.host = base.host;
  url.port = base.port;
  url.path = base.path;
  let p = 0;
  if (c === 0x23) {
    url.query = base.query;
  } else if (c !== 0x3F) {
    // Path state over the input's segments, starting from the base path without its last segment.
    shortenPath(url);
    let segmentStart = 0;
    for (;; p++) {
      c = p < length ? input.charCodeAt(p) : EOF;
      if (c === 0x2F || c === 0x3F || c === 0x23 || c === EOF) {
        const segment = input.slice(segmentStart, p);
        const slash = c === 0x2F;
        if (isDoubleDot(segment)) {
          shortenPath(url);
          if (!slash) url.path += "/";
        } else if (isSingleDot(segment)) {
          if (!slash) url.path += "/";
        } else {
          url.path += "/" + segment;
        }
        if (!slash) break;
        segmentStart = p + 1;
        continue;
      }
      if (c >= 0x80 || c === 0x5C || (ENCODE[c] & PATH_SET) !== 0) return undefined;
    }
  }
  if (p < length && input.charCodeAt(p) === 0x3F) {
    p++;
    let end = input.indexOf("#", p);
    if (end === -1) end = length;
    const query = encodeWithoutTabs(input, p, end, SPECIAL_QUERY_SET);
    if (query === undefined) return undefined;
    url.query = query;
    p = end;
  }
  if (p < length) {
    const fragment = encodeWithoutTabs(input, p + 1, length, FRAGMENT_SET);
    if (fragment === undefined) return undefined;
    url.fragment = fragment;
  }
  return url;
}

/**
 * The URL constructor's parse: a CompactURL when the input is a simple URL already in its
 * serialized form, else a URL record, or null for failure. `url` and `base` need not be
 * scalar value strings yet.
 */
function parseForURLObject(url, base) {
  let parsedBase = null;
  if (base !== undefined) {
    parsedBase = scanSimpleURL(base) ? recordFromScan(base) : basicURLParse(toUSVString(base));
    if (parsedBase === FAILURE) return FAILURE;
  }
  if (scanSimpleURL(url)) return simpleCanonical ? new CompactURL(url) : recordFromScan(url);
  const simple = parseSimpleURL(url, parsedBase);
  if (simple !== undefined) return simple;
  return basicURLParse(toUSVString(url), parsedBase);
}

/**
 * The fast path of the basic URL parser without state override: the record for the
 * common shapes (scanSimpleURL(), or "/path…" against a special base), or undefined.
 */
function parseSimpleURL(input, base) {
  if (scanSimpleURL(input)) return recordFromScan(input);
  const length = input.length;
  if (length === 0 || base === null || base.host === null || base.scheme === "file" ||
      !isSpecialScheme(base.scheme) || input.charCodeAt(length - 1) <= 0x20 || input.charCodeAt(0) <= 0x20) {
    return undefined;
  }
  if (input.charCodeAt(0) !== 0x2F) return parseSimpleRelativeURL(input, base);
  if (length > 1) {
    const d = input.charCodeAt(1);
    if (d === 0x2F || d === 0x5C) return undefined;
  }
  // A path-absolute URL: base's scheme, credentials, host and port, input's path on.
  let p = 0;
  let c;
  let segmentStart = 1;
  for (p = 1; ; p++) {
    c = p < length ? input.charCodeAt(p) : EOF;
    if (c === 0x2F || c === 0x3F || c === 0x23 || c === EOF) {
      const segmentLength = p - segmentStart;
      if (segmentLength > 0 && segmentLength <= 6) {
        const first = input.charCodeAt(segmentStart);
        if (first === 0x2E || first === 0x25) {
          const segment = input.slice(segmentStart, p);
          if (isSingleDot(segment) || isDoubleDot(segment)) return undefined;
        }
      }
      if (c !== 0x2F) break;
      segmentStart = p + 1;
      continue;
    }
    if (c >= 0x80 || c === 0x5C || (ENCODE[c] & PATH_SET) !== 0) return undefined;
  }
  const url = new URLRecord();
  url.scheme = base.scheme;
  url.username = base.username;
  url.password = base.password;
  url.host = base.host;
  url.port = base.port;
  url.path = input.slice(0, p);
  if (p < length && input.charCodeAt(p) === 0x3F) {
    p++;
    let end = input.indexOf("#", p);
    if (end === -1) end = length;
    const query = encodeWithoutTabs(input, p, end, SPECIAL_QUERY_SET);
    if (query === undefined) return undefined;
    url.query = query;
    p = end;
  }
  if (p < length) {
    const fragment = encodeWithoutTabs(input, p + 1, length, FRAGMENT_SET);
    if (fragment === undefined) return undefined;
    url.fragment = fragment;
  }
  return url;
}

/**
 * Scans input[start, end) for code points in `set`: -1 when it holds a tab or newline (the
 * full parser removes those), 1 when something needs percent-encoding, else 0.
 */
function scanForEncoding(input, start, end, set) {
  let result = 0;
  for (let i = start; i < end; i++) {
    const c = input.charCodeAt(i);
    if (c >= 0x80) {
      result = 1;
    } else if ((ENCODE[c] & set) !== 0) {
      if (c === 0x09 || c === 0x0A || c === 0x0D) return -1;
      result = 1;
    }
  }
  return result;
}

/** percentEncode(), or undefined when input[start, end) holds a tab or newline. */
function encodeWithoutTabs(input, start, end, set) {
  let needsEncoding = false;
  for (let i = start; i < end; i++) {
    const c = input.charCodeAt(i);
    if (c >= 0x80) {
      needsEncoding = true;
    } else if ((ENCODE[c] & set) !== 0) {
      if (c === 0x09 || c === 0x0A || c === 0x0D) return undefined;
      needsEncoding = true;
    }
  }
  return needsEncoding ? percentEncode(input, start, end, set) : input.slice(start, end);
}

// ---------------------------------------------------------------------------------------
// The basic URL parser (https://url.spec.whatwg.org/#concept-basic-url-parser)

const SCHEME_START = 1;
const SCHEME = 2;
const NO_SCHEME = 3;
const SPECIAL_RELATIVE_OR_AUTHORITY = 4;
const PATH_OR_AUTHORITY = 5;
const RELATIVE = 6;
const RELATIVE_SLASH = 7;
const SPECIAL_AUTHORITY_SLASHES = 8;
const SPECIAL_AUTHORITY_IGNORE_SLASHES = 9;
const AUTHORITY = 10;
const HOST = 11;
const HOSTNAME = 12;
const PORT = 13;
const FILE = 14;
const FILE_SLASH = 15;
const FILE_HOST = 16;
const PATH_START = 17;
const PATH = 18;
const OPAQUE_PATH = 19;
const QUERY = 20;
const FRAGMENT = 21;

/**
 * The basic URL parser. Without `url`, returns a new URL record or null (failure). With
 * `url` and `stateOverride`, modifies `url` and returns `url`, or null for failure (the
 * record may have been partly modified, as in the spec). States consume runs of code
 * points at once where the spec appends one code point at a time; the results are the
 * spec's.
 */
function basicURLParse(input, base = null, url = undefined, stateOverride = 0) {
  if (url === undefined) {
    const simple = parseSimpleURL(input, base);
    if (simple !== undefined) return simple;
    url = new URLRecord();
    input = trimControlAndSpace(input);
  }
  input = removeTabAndNewline(input);
  const length = input.length;
  let state = stateOverride || SCHEME_START;
  let special = isSpecialScheme(url.scheme);
  let buffer = ""; // carries a Windows drive letter from the file host state to the path state
  let schemeStart = 0;

  for (let pointer = 0; ; pointer++) {
    const c = pointer < length ? input.charCodeAt(pointer) : EOF;
    switch (state) {
      case SCHEME_START:
        if (isASCIIAlpha(c)) {
          schemeStart = pointer;
          state = SCHEME;
        } else if (!stateOverride) {
          state = NO_SCHEME;
          pointer--;
        } else {
          return FAILURE;
        }
        break;

      case SCHEME: {
        let p = pointer;
        let ch = c;
        while (isASCIIAlpha(ch) || isASCIIDigit(ch) || ch === 0x2B || ch === 0x2D || ch === 0x2E) {
          p++;
          ch = p < length ? input.charCodeAt(p) : EOF;
        }
        if (ch === 0x3A) {
          const scheme = asciiLowercase(input.slice(schemeStart, p));
          const schemeIsSpecial = isSpecialScheme(scheme);
          if (stateOverride) {
            if (special !== schemeIsSpecial) return url;
            if ((includesCredentials(url) || url.port !== null) && scheme === "file") return url;
            if (url.scheme === "file" && url.host === "") return url;
          }
          url.scheme = scheme;
          special = schemeIsSpecial;
          if (stateOverride) {
            if (url.port === defaultPort(scheme)) url.port = null;
            return url;
          }
          pointer = p;
          if (scheme === "file") {
            state = FILE;
          } else if (special && base !== null && base.scheme === scheme) {
            state = SPECIAL_RELATIVE_OR_AUTHORITY;
          } else if (special) {
            state = SPECIAL_AUTHORITY_SLASHES;
          } else if (p + 1 < length && input.charCodeAt(p + 1) === 0x2F) {
            state = PATH_OR_AUTHORITY;
            pointer++;
          } else {
            url.path = "";
            url.opaque = true;
            state = OPAQUE_PATH;
          }
        } else if (!stateOverride) {
          state = NO_SCHEME;
          pointer = -1; // start over
        } else {
          return FAILURE;
        }
        break;
      }

      case NO_SCHEME:
        if (base === null || (base.opaque && c !== 0x23)) return FAILURE;
        if (base.opaque && c === 0x23) {
          url.scheme = base.scheme;
          special = isSpecialScheme(url.scheme);
          url.path = base.path;
          url.opaque = true;
          url.query = base.query;
          url.fragment = "";
          state = FRAGMENT;
        } else if (base.scheme !== "file") {
          state = RELATIVE;
          pointer--;
        } else {
          state = FILE;
          pointer--;
        }
        break;

      case SPECIAL_RELATIVE_OR_AUTHORITY:
        if (c === 0x2F && pointer + 1 < length && input.charCodeAt(pointer + 1) === 0x2F) {
          state = SPECIAL_AUTHORITY_IGNORE_SLASHES;
          pointer++;
        } else {
          state = RELATIVE;
          pointer--;
        }
        break;

      case PATH_OR_AUTHORITY:
        if (c === 0x2F) {
          state = AUTHORITY;
        } else {
          state = PATH;
          pointer--;
        }
        break;

      case RELATIVE:
        url.scheme = base.scheme;
        special = isSpecialScheme(url.scheme);
        if (c === 0x2F || (special && c === 0x5C)) {
          state = RELATIVE_SLASH;
        } else {
          url.username = base.username;
          url.password = base.password;
          url.host = base.host;
          url.port = base.port;
          url.path = base.path;
          url.opaque = base.opaque;
          url.query = base.query;
          if (c === 0x3F) {
            url.query = "";
            state = QUERY;
          } else if (c === 0x23) {
            url.fragment = "";
            state = FRAGMENT;
          } else if (c !== EOF) {
            url.query = null;
            shortenPath(url);
            state = PATH;
            pointer--;
          }
        }
        break;

      case RELATIVE_SLASH:
        if (special && (c === 0x2F || c === 0x5C)) {
          state = SPECIAL_AUTHORITY_IGNORE_SLASHES;
        } else if (c === 0x2F) {
          state = AUTHORITY;
        } else {
          url.username = base.username;
          url.password = base.password;
          url.host = base.host;
          url.port = base.port;
          state = PATH;
          pointer--;
        }
        break;

      case SPECIAL_AUTHORITY_SLASHES:
        state = SPECIAL_AUTHORITY_IGNORE_SLASHES;
        if (c === 0x2F && pointer + 1 < length && input.charCodeAt(pointer + 1) === 0x2F) pointer++;
        else pointer--;
        break;

      case SPECIAL_AUTHORITY_IGNORE_SLASHES:
        if (c !== 0x2F && c !== 0x5C) {
          state = AUTHORITY;
          pointer--;
        }
        break;

      case AUTHORITY: {
        // The authority runs to the first '/', '?', '#' (or '\' if special); the last '@'
        // in it ends the credentials. Earlier '@'s are percent-encoded in them and the
        // first ':' separates username from password.
        let p = pointer;
        let lastAt = -1;
        for (; p < length; p++) {
          const ch = input.charCodeAt(p);
          if (ch === 0x40) lastAt = p;
          else if (ch === 0x2F || ch === 0x3F || ch === 0x23 || (special && ch === 0x5C)) break;
        }
        if (lastAt !== -1) {
          let colon = input.indexOf(":", pointer);
          if (colon === -1 || colon > lastAt) colon = lastAt;
          url.username += percentEncode(input, pointer, colon, USERINFO_SET);
          if (colon < lastAt) url.password += percentEncode(input, colon + 1, lastAt, USERINFO_SET);
          if (lastAt + 1 === p) return FAILURE; // host-missing
          pointer = lastAt;
        } else {
          pointer--;
        }
        state = HOST;
        break;
      }

      case HOST:
      case HOSTNAME: {
        if (stateOverride && url.scheme === "file") {
          pointer--;
          state = FILE_HOST;
          break;
        }
        let p = pointer;
        let ch = c;
        let insideBrackets = false;
        for (;;) {
          if (ch === EOF || ch === 0x2F || ch === 0x3F || ch === 0x23 || (special && ch === 0x5C)) break;
          if (ch === 0x3A && !insideBrackets) break;
          if (ch === 0x5B) insideBrackets = true;
          else if (ch === 0x5D) insideBrackets = false;
          p++;
          ch = p < length ? input.charCodeAt(p) : EOF;
        }
        const hostInput = input.slice(pointer, p);
        if (ch === 0x3A) {
          if (hostInput === "") return FAILURE; // host-missing
          if (stateOverride === HOSTNAME) return FAILURE;
          const host = parseHost(hostInput, !special);
          if (host === FAILURE) return FAILURE;
          url.host = host;
          state = PORT;
          pointer = p;
        } else {
          if (special && hostInput === "") return FAILURE; // host-missing
          if (stateOverride && hostInput === "" && (includesCredentials(url) || url.port !== null)) return FAILURE;
          const host = parseHost(hostInput, !special);
          if (host === FAILURE) return FAILURE;
          url.host = host;
          state = PATH_START;
          pointer = p - 1;
          if (stateOverride) return url;
        }
        break;
      }

      case PORT: {
        let p = pointer;
        let ch = c;
        let port = 0;
        while (isASCIIDigit(ch)) {
          port = port * 10 + (ch - 0x30);
          if (port > 65535) port = 65536; // out of range; keep the number bounded
          p++;
          ch = p < length ? input.charCodeAt(p) : EOF;
        }
        if (ch === EOF || ch === 0x2F || ch === 0x3F || ch === 0x23 || (special && ch === 0x5C) || stateOverride) {
          if (p !== pointer) {
            if (port > 65535) return FAILURE; // port-out-of-range
            url.port = port === defaultPort(url.scheme) ? null : port;
            if (stateOverride) return url;
          }
          if (stateOverride) return FAILURE;
          state = PATH_START;
          pointer = p - 1;
        } else {
          return FAILURE; // port-invalid
        }
        break;
      }

      case FILE:
        url.scheme = "file";
        special = true;
        url.host = "";
        if (c === 0x2F || c === 0x5C) {
          state = FILE_SLASH;
        } else if (base !== null && base.scheme === "file") {
          url.host = base.host;
          url.path = base.path;
          url.opaque = false;
          url.query = base.query;
          if (c === 0x3F) {
            url.query = "";
            state = QUERY;
          } else if (c === 0x23) {
            url.fragment = "";
            state = FRAGMENT;
          } else if (c !== EOF) {
            url.query = null;
            if (!startsWithWindowsDriveLetter(input, pointer)) shortenPath(url);
            else url.path = "";
            state = PATH;
            pointer--;
          }
        } else {
          state = PATH;
          pointer--;
        }
        break;

      case FILE_SLASH:
        if (c === 0x2F || c === 0x5C) {
          state = FILE_HOST;
        } else {
          if (base !== null && base.scheme === "file") {
            url.host = base.host;
            if (!startsWithWindowsDriveLetter(input, pointer) && base.path.length >= 3 &&
                base.path.charCodeAt(0) === 0x2F && isASCIIAlpha(base.path.charCodeAt(1)) &&
                base.path.charCodeAt(2) === 0x3A && (base.path.length === 3 || base.path.charCodeAt(3) === 0x2F)) {
              url.path += base.path.slice(0, 3);
            }
          }
          state = PATH;
          pointer--;
        }
        break;

      case FILE_HOST: {
        let p = pointer;
        for (; p < length; p++) {
          const ch = input.charCodeAt(p);
          if (ch === 0x2F || ch === 0x5C || ch === 0x3F || ch === 0x23) break;
        }
        const hostInput = input.slice(pointer, p);
        pointer = p - 1;
        if (!stateOverride && isWindowsDriveLetter(hostInput)) {
          // file-invalid-Windows-drive-letter-host: the buffer becomes the first segment.
          buffer = hostInput;
          state = PATH;
        } else if (hostInput === "") {
          url.host = "";
          if (stateOverride) return url;
          state = PATH_START;
        } else {
          let host = parseHost(hostInput, !special);
          if (host === FAILURE) return FAILURE;
          if (host === "localhost") host = "";
          url.host = host;
          if (stateOverride) return url;
          state = PATH_START;
        }
        break;
      }

      case PATH_START:
        if (special) {
          state = PATH;
          if (c !== 0x2F && c !== 0x5C) pointer--;
        } else if (!stateOverride && c === 0x3F) {
          url.query = "";
          state = QUERY;
        } else if (!stateOverride && c === 0x23) {
          url.fragment = "";
          state = FRAGMENT;
        } else if (c !== EOF) {
          state = PATH;
          if (c !== 0x2F) pointer--;
        } else if (stateOverride && url.host === null) {
          url.path += "/";
        }
        break;

      case PATH: {
        // One segment: up to '/', '\' (special), or '?'/'#' (no state override).
        let p = pointer;
        let ch = c;
        let needsEncoding = false;
        for (;;) {
          if (ch === EOF || ch === 0x2F || (special && ch === 0x5C) || (!stateOverride && (ch === 0x3F || ch === 0x23))) break;
          if (ch >= 0x80 || (ENCODE[ch] & PATH_SET) !== 0) needsEncoding = true;
          p++;
          ch = p < length ? input.charCodeAt(p) : EOF;
        }
        let segment = needsEncoding ? percentEncode(input, pointer, p, PATH_SET) : input.slice(pointer, p);
        if (buffer !== "") {
          segment = buffer + segment;
          buffer = "";
        }
        pointer = p;
        const slash = ch === 0x2F || (special && ch === 0x5C);
        if (isDoubleDot(segment)) {
          shortenPath(url);
          if (!slash) url.path += "/";
        } else if (isSingleDot(segment)) {
          if (!slash) url.path += "/";
        } else {
          if (url.scheme === "file" && url.path === "" && isWindowsDriveLetter(segment)) {
            segment = segment[0] + ":";
          }
          url.path += "/" + segment;
        }
        if (ch === 0x3F) {
          url.query = "";
          state = QUERY;
        } else if (ch === 0x23) {
          url.fragment = "";
          state = FRAGMENT;
        }
        break;
      }

      case OPAQUE_PATH: {
        let p = pointer;
        let ch = c;
        while (ch !== EOF && ch !== 0x3F && ch !== 0x23) {
          p++;
          ch = p < length ? input.charCodeAt(p) : EOF;
        }
        let segment = percentEncode(input, pointer, p, C0_CONTROL_SET);
        // A space right before '?' or '#' is encoded so that it survives a later removal
        // of the query and fragment.
        if (ch !== EOF && p > pointer && input.charCodeAt(p - 1) === 0x20) {
          segment = segment.slice(0, segment.length - 1) + "%20";
        }
        url.path += segment;
        pointer = p;
        if (ch === 0x3F) {
          url.query = "";
          state = QUERY;
        } else if (ch === 0x23) {
          url.fragment = "";
          state = FRAGMENT;
        }
        break;
      }

      case QUERY: {
        let p = length;
        if (!stateOverride) {
          p = input.indexOf("#", pointer);
          if (p === -1) p = length;
        }
        url.query += percentEncode(input, pointer, p, special ? SPECIAL_QUERY_SET : QUERY_SET);
        pointer = p;
        if (p < length) {
          url.fragment = "";
          state = FRAGMENT;
        }
        break;
      }

      case FRAGMENT:
        url.fragment += percentEncode(input, pointer, length, FRAGMENT_SET);
        pointer = length;
        break;

      default:
        throw new TypeError("URL parser: unknown state");
    }
    if (pointer >= length) break;
  }
  return url;
}

/** https://url.spec.whatwg.org/#concept-url-serializer */
function serializeURL(url, excludeFragment = false) {
  let output = url.scheme + ":";
  if (url.host !== null) {
    output += "//";
    if (url.username !== "" || url.password !== "") {
      output += url.username;
      if (url.password !== "") output += ":" + url.password;
      output += "@";
    }
    output += url.host;
    if (url.port !== null) output += ":" + url.port;
  } else if (!url.opaque && url.path.length > 1 && url.path.charCodeAt(1) === 0x2F) {
    output += "/.";
  }
  output += url.path;
  if (url.query !== null) output += "?" + url.query;
  if (!excludeFragment && url.fragment !== null) output += "#" + url.fragment;
  return output;
}

/** The serialization of a URL's origin (https://url.spec.whatwg.org/#concept-url-origin). */
function serializeOrigin(url) {
  switch (url.scheme) {
    case "blob": {
      const pathURL = basicURLParse(url.path);
      if (pathURL !== FAILURE && (pathURL.scheme === "http" || pathURL.scheme === "https")) {
        return serializeOrigin(pathURL);
      }
      return "null";
    }
    case "ftp":
    case "http":
    case "https":
    case "ws":
    case "wss":
      return url.scheme + "://" + url.host + (url.port !== null ? ":" + url.port : "");
    default:
      return "null";
  }
}

/** The API URL parser: a URL record or null. `base` is a string or undefined. */
function apiURLParse(url, base) {
  let parsedBase = null;
  if (base !== undefined) {
    parsedBase = basicURLParse(base);
    if (parsedBase === FAILURE) return FAILURE;
  }
  return basicURLParse(url, parsedBase);
}

// ---------------------------------------------------------------------------------------
// application/x-www-form-urlencoded (https://url.spec.whatwg.org/#concept-urlencoded)

const HAS_PLUS = 1;
const HAS_PERCENT = 2;

/**
 * Decodes one name or value, input[start, end): '+' is a space, then percent-decoding and
 * UTF-8 decoding. `flags` says whether the range holds a '+' or a '%'.
 */
function decodeFormComponent(input, start, end, flags) {
  if (flags === 0) return input.slice(start, end);
  let s;
  if ((flags & HAS_PLUS) !== 0) {
    s = "";
    let runStart = start;
    for (let i = start; i < end; i++) {
      if (input.charCodeAt(i) === 0x2B) {
        s += input.slice(runStart, i) + " ";
        runStart = i + 1;
      }
    }
    s += input.slice(runStart, end);
  } else {
    s = input.slice(start, end);
  }
  return (flags & HAS_PERCENT) !== 0 ? percentDecodeToString(s) : s;
}

/**
 * The urlencoded string parser (https://url.spec.whatwg.org/#concept-urlencoded-string-parser):
 * a list of [name, value] pairs. `input` is a scalar value string, unless
 * `stopAtSurrogates`: then the result is null when the input holds any surrogate (the caller
 * converts the input and parses again). One pass over the input.
 */
function parseURLEncoded(input, stopAtSurrogates = false) {
  const output = [];
  const length = input.length;
  let start = 0;
  while (start < length) {
    let equals = -1;
    let nameFlags = 0;
    let valueFlags = 0;
    let i = start;
    for (; i < length; i++) {
      const c = input.charCodeAt(i);
      if (c > 0x3D) {
        if (c >= 0xD800 && c <= 0xDFFF && stopAtSurrogates) return null;
        continue;
      }
      if (c === 0x26) break;
      if (c === 0x3D) {
        if (equals === -1) equals = i;
      } else if (c === 0x2B || c === 0x25) {
        const flag = c === 0x2B ? HAS_PLUS : HAS_PERCENT;
        if (equals === -1) nameFlags |= flag;
        else valueFlags |= flag;
      }
    }
    if (i > start) {
      if (equals === -1) {
        output[output.length] = [decodeFormComponent(input, start, i, nameFlags), ""];
      } else {
        output[output.length] = [decodeFormComponent(input, start, equals, nameFlags),
          decodeFormComponent(input, equals + 1, i, valueFlags)];
      }
    }
    start = i + 1;
  }
  return output;
}

/** Percent-encodes a name or value with the urlencoded set, spaces as '+'. */
function encodeFormComponent(input) {
  const length = input.length;
  let i = 0;
  for (; i < length; i++) {
    const c = input.charCodeAt(i);
    if (c >= 0x80 || (ENCODE[c] & FORM_SET) !== 0) break;
  }
  if (i === length) return input;
  let output = input.slice(0, i);
  let runStart = i;
  for (; i < length; i++) {
    const c = input.charCodeAt(i);
    if (c === 0x20) {
      output += input.slice(runStart, i) + "+";
      runStart = i + 1;
    } else if (c >= 0x80 || (ENCODE[c] & FORM_SET) !== 0) {
      // Encode the run of characters that need it in one go.
      let j = i + 1;
      while (j < length) {
        const d = input.charCodeAt(j);
        if (d === 0x20 || (d < 0x80 && (ENCODE[d] & FORM_SET) === 0)) break;
        j++;
      }
      output += input.slice(runStart, i) + percentEncode(input, i, j, FORM_SET);
      runStart = j;
      i = j - 1;
    }
  }
  return output + input.slice(runStart);
}

/** The urlencoded serializer over a list of [name, value] pairs. */
function serializeURLEncoded(list) {
  let output = "";
  for (let i = 0; i < list.length; i++) {
    const pair = list[i];
    if (i !== 0) output += "&";
    output += encodeFormComponent(pair[0]) + "=" + encodeFormComponent(pair[1]);
  }
  return output;
}

// ---------------------------------------------------------------------------------------
// URLSearchParams (https://url.spec.whatwg.org/#interface-urlsearchparams)

// Cross-class access to private state, set in the classes' static blocks.
let setURLQuery; // (urlObject, query | null) => void
let newLinkedSearchParams; // (urlObject, query string) => URLSearchParams
let setSearchParamsList; // (params, list) => void
let searchParamsList; // (params) => list
let isSearchParams; // (value) => boolean
let isURL; // (value) => boolean
let recordOfURL; // (urlObject) => URL record
let urlFromRecord; // (record) => URL object

/** Converts the URLSearchParams init union (sequence, record or USVString). */
function convertSearchParamsInit(init, prefix) {
  if (init === undefined) return "";
  if (webidl.type(init) === "Object") {
    const method = init[SymbolIterator];
    if (method !== undefined && method !== null) {
      if (typeof method !== "function") throw new TypeError(`${prefix}: Argument 1 is not iterable.`);
      // sequence<sequence<USVString>>
      const pairs = [];
      const outer = iterateToArray(init, method, prefix, "Argument 1");
      for (let i = 0; i < outer.length; i++) {
        const inner = outer[i];
        if (webidl.type(inner) !== "Object") {
          throw new TypeError(`${prefix}: Argument 1, index ${i} can not be converted to a sequence.`);
        }
        const innerMethod = inner[SymbolIterator];
        if (typeof innerMethod !== "function") {
          throw new TypeError(`${prefix}: Argument 1, index ${i} can not be converted to a sequence.`);
        }
        const values = iterateToArray(inner, innerMethod, prefix, `Argument 1, index ${i}`);
        const converted = [];
        for (let j = 0; j < values.length; j++) {
          ArrayPrototypePush(converted, toUSVString(values[j], prefix, `Argument 1, index ${i}, index ${j}`));
        }
        if (converted.length !== 2) {
          throw new TypeError(`${prefix}: Argument 1, index ${i} has ${converted.length} items, but a name-value pair needs exactly 2.`);
        }
        ArrayPrototypePush(pairs, converted);
      }
      return pairs;
    }
    // record<USVString, USVString>
    const pairs = [];
    const keys = ReflectOwnKeys(init);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (typeof key === "symbol") continue;
      const desc = ObjectGetOwnPropertyDescriptor(init, key);
      if (desc === undefined || !desc.enumerable) continue;
      const name = toUSVString(key, prefix, "Argument 1");
      const value = toUSVString(init[key], prefix, `Argument 1['${key}']`);
      // A key that converts to an existing name replaces its value in place.
      let found = false;
      for (let j = 0; j < pairs.length; j++) {
        if (pairs[j][0] === name) {
          pairs[j][1] = value;
          found = true;
          break;
        }
      }
      if (!found) ArrayPrototypePush(pairs, [name, value]);
    }
    return pairs;
  }
  return toUSVString(init, prefix, "Argument 1");
}

function iterateToArray(iterable, method, prefix, context) {
  const iterator = FunctionPrototypeCall(method, iterable);
  if (webidl.type(iterator) !== "Object") throw new TypeError(`${prefix}: ${context} is not iterable.`);
  const next = iterator.next;
  const values = [];
  for (;;) {
    const result = FunctionPrototypeCall(next, iterator);
    if (webidl.type(result) !== "Object") throw new TypeError(`${prefix}: ${context}: iterator result is not an object.`);
    if (result.done) break;
    ArrayPrototypePush(values, result.value);
  }
  return values;
}

function compareNames(a, b) {
  // Code unit order: JavaScript's string comparison.
  const x = a[0];
  const y = b[0];
  return x < y ? -1 : x > y ? 1 : 0;
}

class URLSearchParams {
  #list;
  #url = null;

  constructor(init = undefined) {
    const prefix = "Failed to construct 'URLSearchParams'";
    if (typeof init === "string") {
      // Strings (the common case) skip the union conversion; parseURLEncoded asks for a
      // scalar value string only when it meets a surrogate.
      if (init.length > 0 && init.charCodeAt(0) === 0x3F) init = init.slice(1);
      let list = init === "" ? [] : parseURLEncoded(init, true);
      if (list === null) list = parseURLEncoded(StringPrototypeToWellFormed(init), false);
      this.#list = list;
      return;
    }
    init = convertSearchParamsInit(init, prefix);
    if (typeof init === "string") {
      if (init.length > 0 && init.charCodeAt(0) === 0x3F) init = init.slice(1);
      this.#list = init === "" ? [] : parseURLEncoded(init);
    } else {
      this.#list = init;
    }
  }

  static {
    isSearchParams = (value) => value !== null && typeof value === "object" && #list in value;
    newLinkedSearchParams = (urlObject, query) => {
      const params = new URLSearchParams();
      params.#list = query === "" ? [] : parseURLEncoded(query);
      params.#url = urlObject;
      return params;
    };
    setSearchParamsList = (params, list) => {
      params.#list = list;
    };
    searchParamsList = (params) => params.#list;
  }

  #update() {
    if (this.#url === null) return;
    const serialized = serializeURLEncoded(this.#list);
    setURLQuery(this.#url, serialized === "" ? null : serialized);
  }

  get size() {
    assertSearchParams(this);
    return this.#list.length;
  }

  append(name, value) {
    assertSearchParams(this);
    const prefix = "Failed to execute 'append' on 'URLSearchParams'";
    webidl.requiredArguments(arguments.length, 2, prefix);
    name = toUSVString(name, prefix, "Argument 1");
    value = toUSVString(value, prefix, "Argument 2");
    const list = this.#list;
    list[list.length] = [name, value];
    this.#update();
  }

  delete(name, value = undefined) {
    assertSearchParams(this);
    const prefix = "Failed to execute 'delete' on 'URLSearchParams'";
    webidl.requiredArguments(arguments.length, 1, prefix);
    name = toUSVString(name, prefix, "Argument 1");
    if (value !== undefined) value = toUSVString(value, prefix, "Argument 2");
    const list = this.#list;
    let kept = 0;
    for (let i = 0; i < list.length; i++) {
      const pair = list[i];
      if (pair[0] === name && (value === undefined || pair[1] === value)) continue;
      list[kept++] = pair;
    }
    list.length = kept;
    this.#update();
  }

  get(name) {
    assertSearchParams(this);
    const prefix = "Failed to execute 'get' on 'URLSearchParams'";
    webidl.requiredArguments(arguments.length, 1, prefix);
    name = toUSVString(name, prefix, "Argument 1");
    const list = this.#list;
    for (let i = 0; i < list.length; i++) if (list[i][0] === name) return list[i][1];
    return null;
  }

  getAll(name) {
    assertSearchParams(this);
    const prefix = "Failed to execute 'getAll' on 'URLSearchParams'";
    webidl.requiredArguments(arguments.length, 1, prefix);
    name = toUSVString(name, prefix, "Argument 1");
    const values = [];
    const list = this.#list;
    for (let i = 0; i < list.length; i++) if (list[i][0] === name) values[values.length] = list[i][1];
    return values;
  }

  has(name, value = undefined) {
    assertSearchParams(this);
    const prefix = "Failed to execute 'has' on 'URLSearchParams'";
    webidl.requiredArguments(arguments.length, 1, prefix);
    name = toUSVString(name, prefix, "Argument 1");
    if (value !== undefined) value = toUSVString(value, prefix, "Argument 2");
    const list = this.#list;
    for (let i = 0; i < list.length; i++) {
      if (list[i][0] === name && (value === undefined || list[i][1] === value)) return true;
    }
    return false;
  }

  set(name, value) {
    assertSearchParams(this);
    const prefix = "Failed to execute 'set' on 'URLSearchParams'";
    webidl.requiredArguments(arguments.length, 2, prefix);
    name = toUSVString(name, prefix, "Argument 1");
    value = toUSVString(value, prefix, "Argument 2");
    const list = this.#list;
    let found = false;
    let kept = 0;
    for (let i = 0; i < list.length; i++) {
      const pair = list[i];
      if (pair[0] === name) {
        if (found) continue;
        found = true;
        pair[1] = value;
      }
      list[kept++] = pair;
    }
    list.length = kept;
    if (!found) list[list.length] = [name, value];
    this.#update();
  }

  sort() {
    assertSearchParams(this);
    // Array.prototype.sort is stable.
    ArrayPrototypeSort(this.#list, compareNames);
    this.#update();
  }

  toString() {
    assertSearchParams(this);
    return serializeURLEncoded(this.#list);
  }
}

function assertSearchParams(self) {
  if (!isSearchParams(self)) throw new TypeError("Illegal invocation");
}

webidl.configureInterface(URLSearchParams);
webidl.mixinPairIterable("URLSearchParams", URLSearchParams, (self) => searchParamsList(self), (value) => isSearchParams(value));

// ---------------------------------------------------------------------------------------
// URL (https://url.spec.whatwg.org/#url-class)

const urlPrefix = "Failed to construct 'URL'";
// Passed to the constructor by URL.parse() (never reachable from user code): the new
// object takes `pendingRecord` instead of parsing.
const FROM_RECORD = { __proto__: null };
let pendingRecord = null;

const setterPrefix = (name) => `Failed to set the '${name}' property on 'URL'`;

class URL {
  /** The URL record. */
  #url;
  /** The query object, created on first use of searchParams. */
  #query = null;
  /** The href, cached until the record changes. */
  #href = undefined;

  constructor(url, base = undefined) {
    if (url === FROM_RECORD) {
      this.#url = pendingRecord;
      pendingRecord = null;
      return;
    }
    if (arguments.length < 1) webidl.requiredArguments(arguments.length, 1, urlPrefix);
    if (typeof url !== "string") url = converters.USVString(url, urlPrefix, "Argument 1");
    if (base !== undefined && typeof base !== "string") base = converters.USVString(base, urlPrefix, "Argument 2");
    const parsed = parseForURLObject(url, base);
    if (parsed === FAILURE) {
      throw new TypeError(base === undefined
        ? `${urlPrefix}: Invalid URL '${url}'`
        : `${urlPrefix}: Invalid URL '${url}' with base '${base}'`);
    }
    this.#url = parsed;
  }

  static {
    isURL = (value) => value !== null && typeof value === "object" && #url in value;
    recordOfURL = (object) => object.#rec();
    setURLQuery = (urlObject, query) => {
      urlObject.#rec().query = query;
      urlObject.#href = undefined;
    };
    urlFromRecord = (record) => {
      pendingRecord = record;
      return new URL(FROM_RECORD);
    };
  }

  static parse(url, base = undefined) {
    const prefix = "Failed to execute 'parse' on 'URL'";
    webidl.requiredArguments(arguments.length, 1, prefix);
    if (typeof url !== "string") url = converters.USVString(url, prefix, "Argument 1");
    if (base !== undefined && typeof base !== "string") base = converters.USVString(base, prefix, "Argument 2");
    const parsed = parseForURLObject(url, base);
    if (parsed === FAILURE) return null;
    return urlFromRecord(parsed);
  }

  static canParse(url, base = undefined) {
    const prefix = "Failed to execute 'canParse' on 'URL'";
    webidl.requiredArguments(arguments.length, 1, prefix);
    if (typeof url !== "string") url = converters.USVString(url, prefix, "Argument 1");
    if (base !== undefined && typeof base !== "string") base = converters.USVString(base, prefix, "Argument 2");
    if (base === undefined && scanSimpleURL(url)) return true;
    return parseForURLObject(url, base) !== FAILURE;
  }

  /** The URL record (expanding a CompactURL first). */
  #rec() {
    let url = this.#url;
    if (url instanceof CompactURL) {
      url = url.toRecord();
      this.#url = url;
    }
    return url;
  }

  #serialize() {
    let href = this.#href;
    if (href === undefined) {
      const url = this.#url;
      href = url instanceof CompactURL ? url.href : serializeURL(url);
      this.#href = href;
    }
    return href;
  }

  get href() {
    assertURL(this);
    return this.#serialize();
  }

  set href(value) {
    assertURL(this);
    if (arguments.length === 0) throw new TypeError(`${setterPrefix("href")}: 1 argument required, but only 0 present.`);
    value = toUSVString(value, setterPrefix("href"), "The provided value");
    const parsed = basicURLParse(value);
    if (parsed === FAILURE) throw new TypeError(`${setterPrefix("href")}: Invalid URL '${value}'`);
    this.#url = parsed;
    this.#href = undefined;
    if (this.#query !== null) {
      setSearchParamsList(this.#query, parsed.query === null || parsed.query === "" ? [] : parseURLEncoded(parsed.query));
    }
  }

  toString() {
    assertURL(this);
    return this.#serialize();
  }

  toJSON() {
    assertURL(this);
    return this.#serialize();
  }

  get origin() {
    assertURL(this);
    return serializeOrigin(this.#url);
  }

  get protocol() {
    assertURL(this);
    return this.#url.scheme + ":";
  }

  set protocol(value) {
    assertURL(this);
    if (arguments.length === 0) throw new TypeError(`${setterPrefix("protocol")}: 1 argument required, but only 0 present.`);
    value = toUSVString(value, setterPrefix("protocol"), "The provided value");
    basicURLParse(value + ":", null, this.#rec(), SCHEME_START);
    this.#href = undefined;
  }

  get username() {
    assertURL(this);
    return this.#url.username;
  }

  set username(value) {
    assertURL(this);
    if (arguments.length === 0) throw new TypeError(`${setterPrefix("username")}: 1 argument required, but only 0 present.`);
    value = toUSVString(value, setterPrefix("username"), "The provided value");
    const url = this.#rec();
    if (cannotHaveUsernamePasswordPort(url)) return;
    url.username = utf8PercentEncodeString(value, USERINFO_SET);
    this.#href = undefined;
  }

  get password() {
    assertURL(this);
    return this.#url.password;
  }

  set password(value) {
    assertURL(this);
    if (arguments.length === 0) throw new TypeError(`${setterPrefix("password")}: 1 argument required, but only 0 present.`);
    value = toUSVString(value, setterPrefix("password"), "The provided value");
    const url = this.#rec();
    if (cannotHaveUsernamePasswordPort(url)) return;
    url.password = utf8PercentEncodeString(value, USERINFO_SET);
    this.#href = undefined;
  }

  get host() {
    assertURL(this);
    const url = this.#url;
    if (url.host === null) return "";
    if (url.port === null) return url.host;
    return url.host + ":" + url.port;
  }

  set host(value) {
    assertURL(this);
    if (arguments.length === 0) throw new TypeError(`${setterPrefix("host")}: 1 argument required, but only 0 present.`);
    value = toUSVString(value, setterPrefix("host"), "The provided value");
    const url = this.#rec();
    if (url.opaque) return;
    basicURLParse(value, null, url, HOST);
    this.#href = undefined;
  }

  get hostname() {
    assertURL(this);
    return this.#url.host ?? "";
  }

  set hostname(value) {
    assertURL(this);
    if (arguments.length === 0) throw new TypeError(`${setterPrefix("hostname")}: 1 argument required, but only 0 present.`);
    value = toUSVString(value, setterPrefix("hostname"), "The provided value");
    const url = this.#rec();
    if (url.opaque) return;
    basicURLParse(value, null, url, HOSTNAME);
    this.#href = undefined;
  }

  get port() {
    assertURL(this);
    const port = this.#url.port;
    return port === null ? "" : "" + port;
  }

  set port(value) {
    assertURL(this);
    if (arguments.length === 0) throw new TypeError(`${setterPrefix("port")}: 1 argument required, but only 0 present.`);
    value = toUSVString(value, setterPrefix("port"), "The provided value");
    const url = this.#rec();
    if (cannotHaveUsernamePasswordPort(url)) return;
    if (value === "") url.port = null;
    else basicURLParse(value, null, url, PORT);
    this.#href = undefined;
  }

  get pathname() {
    assertURL(this);
    return this.#url.path;
  }

  set pathname(value) {
    assertURL(this);
    if (arguments.length === 0) throw new TypeError(`${setterPrefix("pathname")}: 1 argument required, but only 0 present.`);
    value = toUSVString(value, setterPrefix("pathname"), "The provided value");
    const url = this.#rec();
    if (url.opaque) return;
    url.path = "";
    basicURLParse(value, null, url, PATH_START);
    this.#href = undefined;
  }

  get search() {
    assertURL(this);
    const query = this.#url.query;
    return query === null || query === "" ? "" : "?" + query;
  }

  set search(value) {
    assertURL(this);
    if (arguments.length === 0) throw new TypeError(`${setterPrefix("search")}: 1 argument required, but only 0 present.`);
    value = toUSVString(value, setterPrefix("search"), "The provided value");
    const url = this.#rec();
    this.#href = undefined;
    if (value === "") {
      url.query = null;
      if (this.#query !== null) setSearchParamsList(this.#query, []);
      return;
    }
    const input = value.charCodeAt(0) === 0x3F ? value.slice(1) : value;
    url.query = "";
    basicURLParse(input, null, url, QUERY);
    if (this.#query !== null) setSearchParamsList(this.#query, parseURLEncoded(input));
  }

  get searchParams() {
    assertURL(this);
    let query = this.#query;
    if (query === null) {
      query = newLinkedSearchParams(this, this.#url.query ?? "");
      this.#query = query;
    }
    return query;
  }

  get hash() {
    assertURL(this);
    const fragment = this.#url.fragment;
    return fragment === null || fragment === "" ? "" : "#" + fragment;
  }

  set hash(value) {
    assertURL(this);
    if (arguments.length === 0) throw new TypeError(`${setterPrefix("hash")}: 1 argument required, but only 0 present.`);
    value = toUSVString(value, setterPrefix("hash"), "The provided value");
    const url = this.#rec();
    this.#href = undefined;
    if (value === "") {
      url.fragment = null;
      return;
    }
    const input = value.charCodeAt(0) === 0x23 ? value.slice(1) : value;
    url.fragment = "";
    basicURLParse(input, null, url, FRAGMENT);
  }
}

function assertURL(self) {
  if (!isURL(self)) throw new TypeError("Illegal invocation");
}

webidl.configureInterface(URL);

// ---------------------------------------------------------------------------------------
// Helpers for other modules (fetch, URLPattern, location)

/** Parses `input` against an optional base string; returns the record or null. */
function parseURL(input, base = undefined) {
  return apiURLParse(input, base);
}

/** The URL record of a URL object, or undefined for anything else (for other modules). */
function urlRecordOf(object) {
  return isURL(object) ? recordOfURL(object) : undefined;
}

return ObjectFreeze({
  __proto__: null,
  URL,
  URLSearchParams,
  URLRecord,
  isURL: (value) => isURL(value),
  isURLSearchParams: (value) => isSearchParams(value),
  // The application/x-www-form-urlencoded serialization of a URLSearchParams (Body uses it).
  serializeURLSearchParams: (params) => serializeURLEncoded(searchParamsList(params)),
  urlFromRecord: (record) => urlFromRecord(record),
  // parsing and serializing
  basicURLParse,
  parseURL,
  serializeURL,
  serializeOrigin,
  urlRecordOf,
  cloneRecord,
  parseHost,
  serializeIPv4,
  serializeIPv6,
  isSpecialScheme,
  defaultPort,
  // percent-encoding
  percentEncode,
  utf8PercentEncodeString,
  percentDecodeToString,
  utf8DecodeBytes,
  C0_CONTROL_SET,
  FRAGMENT_SET,
  QUERY_SET,
  SPECIAL_QUERY_SET,
  PATH_SET,
  USERINFO_SET,
  COMPONENT_SET,
  FORM_SET,
  // urlencoded
  parseURLEncoded,
  serializeURLEncoded,
  // parser states, for state overrides
  states: ObjectFreeze({
    __proto__: null,
    SCHEME_START, SCHEME, NO_SCHEME, SPECIAL_RELATIVE_OR_AUTHORITY, PATH_OR_AUTHORITY, RELATIVE,
    RELATIVE_SLASH, SPECIAL_AUTHORITY_SLASHES, SPECIAL_AUTHORITY_IGNORE_SLASHES, AUTHORITY, HOST,
    HOSTNAME, PORT, FILE, FILE_SLASH, FILE_HOST, PATH_START, PATH, OPAQUE_PATH, QUERY, FRAGMENT,
  }),
});
