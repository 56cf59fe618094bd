// FormData (https://xhr.spec.whatwg.org/#interface-formdata), the multipart/form-data
// encoding algorithm (https://html.spec.whatwg.org/#multipart-form-data) and parser
// (for Body.formData()), and the application/x-www-form-urlencoded parser and serializer
// (https://url.spec.whatwg.org/#application/x-www-form-urlencoded), used when the url
// module does not provide its own.

const {
  ArrayPrototypePush,
  ObjectFreeze,
  RegExpPrototypeExec,
  StringFromCharCode,
  StringPrototypeCharCodeAt,
  StringPrototypeCodePointAt,
  StringPrototypeReplace,
  StringPrototypeSlice,
  StringPrototypeToLowerCase,
  StringPrototypeToWellFormed,
  TypeError,
  TypedArrayPrototypeGetByteLength,
  TypedArrayPrototypeIndexOf,
  TypedArrayPrototypeSet,
  Uint8Array,
} = core.primordials;
const webidl = core.require("webidl");
const { converters } = webidl;
const blobModule = core.require("blob");
const mime = core.require("mime");
const { isBlob, isFile, fileFromBlob, makeBlob, makeFile, subview, utf8Encode } = blobModule;
const ops = core.ops;

// ---------------------------------------------------------------------------------------
// FormData

let entriesOf;
let isFormData;

/** https://xhr.spec.whatwg.org/#create-an-entry */
function createEntry(name, value, filename) {
  if (isBlob(value) && !isFile(value)) {
    value = fileFromBlob(value, "blob");
  }
  if (isFile(value) && filename !== undefined) {
    value = fileFromBlob(value, filename, blobModule.fileLastModified(value));
  }
  return [name, value];
}

function convertEntryArguments(args, length, prefix) {
  webidl.requiredArguments(length, 2, prefix);
  const name = converters.USVString(args[0], prefix, "Argument 1");
  // Overloads: (USVString name, USVString value) and (USVString name, Blob blobValue,
  // optional USVString filename). With three arguments only the second applies.
  if (length === 2 && !isBlob(args[1])) {
    return createEntry(name, converters.USVString(args[1], prefix, "Argument 2"), undefined);
  }
  if (!isBlob(args[1])) {
    throw new TypeError(`${prefix}: parameter 2 is not of type 'Blob'.`);
  }
  const filename = args[2] === undefined ? undefined : converters.USVString(args[2], prefix, "Argument 3");
  return createEntry(name, args[1], filename);
}

class FormData {
  #entries = [];

  constructor(form = undefined, submitter = null) {
    const prefix = "Failed to construct 'FormData'";
    if (form !== undefined) {
      // There is no DOM here, so nothing is an HTMLFormElement.
      throw new TypeError(`${prefix}: parameter 1 is not of type 'HTMLFormElement'.`);
    }
    void submitter;
  }

  static {
    entriesOf = (formData) => formData.#entries;
    isFormData = (value) => value !== null && typeof value === "object" && #entries in value;
  }

  append(name, value, filename = undefined) {
    webidl.assertBranded(this, isFormData);
    const entry = convertEntryArguments(arguments, arguments.length, "Failed to execute 'append' on 'FormData'");
    ArrayPrototypePush(this.#entries, entry);
  }

  delete(name) {
    webidl.assertBranded(this, isFormData);
    const prefix = "Failed to execute 'delete' on 'FormData'";
    webidl.requiredArguments(arguments.length, 1, prefix);
    name = converters.USVString(name, prefix, "Argument 1");
    const entries = this.#entries;
    let write = 0;
    for (let read = 0; read < entries.length; read++) {
      if (entries[read][0] !== name) entries[write++] = entries[read];
    }
    entries.length = write;
  }

  get(name) {
    webidl.assertBranded(this, isFormData);
    const prefix = "Failed to execute 'get' on 'FormData'";
    webidl.requiredArguments(arguments.length, 1, prefix);
    name = converters.USVString(name, prefix, "Argument 1");
    const entries = this.#entries;
    for (let i = 0; i < entries.length; i++) if (entries[i][0] === name) return entries[i][1];
    return null;
  }

  getAll(name) {
    webidl.assertBranded(this, isFormData);
    const prefix = "Failed to execute 'getAll' on 'FormData'";
    webidl.requiredArguments(arguments.length, 1, prefix);
    name = converters.USVString(name, prefix, "Argument 1");
    const entries = this.#entries;
    const values = [];
    for (let i = 0; i < entries.length; i++) if (entries[i][0] === name) ArrayPrototypePush(values, entries[i][1]);
    return values;
  }

  has(name) {
    webidl.assertBranded(this, isFormData);
    const prefix = "Failed to execute 'has' on 'FormData'";
    webidl.requiredArguments(arguments.length, 1, prefix);
    name = converters.USVString(name, prefix, "Argument 1");
    const entries = this.#entries;
    for (let i = 0; i < entries.length; i++) if (entries[i][0] === name) return true;
    return false;
  }

  set(name, value, filename = undefined) {
    webidl.assertBranded(this, isFormData);
    const entry = convertEntryArguments(arguments, arguments.length, "Failed to execute 'set' on 'FormData'");
    const entries = this.#entries;
    const key = entry[0];
    let found = -1;
    for (let i = 0; i < entries.length; i++) {
      if (entries[i][0] === key) {
        found = i;
        break;
      }
    }
    if (found === -1) {
      ArrayPrototypePush(entries, entry);
      return;
    }
    entries[found] = entry;
    let write = found + 1;
    for (let read = found + 1; read < entries.length; read++) {
      if (entries[read][0] !== key) entries[write++] = entries[read];
    }
    entries.length = write;
  }
}

webidl.mixinPairIterable("FormData", FormData, (formData) => entriesOf(formData), isFormData);
webidl.configureInterface(FormData);
webidl.setLength(FormData, 0);
webidl.setLength(FormData.prototype.append, 2);
webidl.setLength(FormData.prototype.set, 2);

/** A FormData holding `entries` ([name, string | File] pairs, adopted). */
function formDataFromEntries(entries) {
  const formData = new FormData();
  const own = entriesOf(formData);
  for (let i = 0; i < entries.length; i++) ArrayPrototypePush(own, entries[i]);
  return formData;
}

// ---------------------------------------------------------------------------------------
// multipart/form-data encoding (https://html.spec.whatwg.org/#multipart/form-data-encoding-algorithm)

const BOUNDARY_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A boundary of 44 bytes: "----VergeFormBoundary" and 22 random alphanumerics. */
function generateBoundary() {
  const random = new Uint8Array(22);
  ops.randomFill(random);
  let boundary = "----VergeFormBoundary";
  for (let i = 0; i < random.length; i++) boundary += BOUNDARY_ALPHABET[random[i] % 62];
  return boundary;
}

// Lone CR and lone LF become CRLF.
const lineBreakRE = /\r\n|\r|\n/g;
function normalizeLineBreaks(s) {
  for (let i = 0; i < s.length; i++) {
    const c = StringPrototypeCharCodeAt(s, i);
    if (c === 0x0a || c === 0x0d) return StringPrototypeReplace(s, lineBreakRE, "\r\n");
  }
  return s;
}

const escapeRE = /[\n\r"]/g;
function escapeName(s) {
  for (let i = 0; i < s.length; i++) {
    const c = StringPrototypeCharCodeAt(s, i);
    if (c === 0x0a || c === 0x0d || c === 0x22) {
      return StringPrototypeReplace(s, escapeRE, (ch) => (ch === "\n" ? "%0A" : ch === "\r" ? "%0D" : "%22"));
    }
  }
  return s;
}

/**
 * Serializes a snapshot of `entries` as multipart/form-data. Returns
 * `{ blob, boundary }`: a Blob whose parts are the encoded text and the files' own bytes.
 */
function serializeMultipart(entries, boundary = generateBoundary()) {
  const parts = [];
  let size = 0;
  let text = "";
  const flushText = () => {
    if (text === "") return;
    const bytes = utf8Encode(text);
    text = "";
    ArrayPrototypePush(parts, bytes);
    size += TypedArrayPrototypeGetByteLength(bytes);
  };
  for (let i = 0; i < entries.length; i++) {
    const name = entries[i][0];
    const value = entries[i][1];
    text += `--${boundary}\r\nContent-Disposition: form-data; name="${escapeName(normalizeLineBreaks(name))}"`;
    if (typeof value === "string") {
      text += `\r\n\r\n${normalizeLineBreaks(value)}\r\n`;
    } else {
      const blobType = blobModule.blobType(value);
      const type = blobType === "" ? "application/octet-stream" : blobType;
      text += `; filename="${escapeName(blobModule.fileName(value))}"\r\nContent-Type: ${type}\r\n\r\n`;
      flushText();
      const fileParts = blobModule.blobParts(value);
      for (let j = 0; j < fileParts.length; j++) {
        ArrayPrototypePush(parts, fileParts[j]);
        size += TypedArrayPrototypeGetByteLength(fileParts[j]);
      }
      text += "\r\n";
    }
  }
  text += `--${boundary}--\r\n`;
  flushText();
  return { blob: makeBlob(parts, size, ""), boundary };
}

// ---------------------------------------------------------------------------------------
// multipart/form-data parsing (for Body.formData())

function parseFailure(why) {
  return new TypeError(`Failed to parse the body as multipart/form-data: ${why}`);
}

function isTabOrSpace(c) {
  return c === 0x20 || c === 0x09;
}

function matchesAt(bytes, position, pattern) {
  if (position + pattern.length > bytes.length) return false;
  for (let i = 0; i < pattern.length; i++) if (bytes[position + i] !== pattern[i]) return false;
  return true;
}

/** Index of `pattern` in `bytes` at or after `from`, or -1. */
function indexOfBytes(bytes, pattern, from) {
  const first = pattern[0];
  const last = bytes.length - pattern.length;
  let position = from;
  while (position <= last) {
    const found = TypedArrayPrototypeIndexOf(bytes, first, position);
    if (found === -1 || found > last) return -1;
    if (matchesAt(bytes, found, pattern)) return found;
    position = found + 1;
  }
  return -1;
}

function isomorphicDecode(bytes, start, end) {
  let s = "";
  for (let i = start; i < end; i++) s += StringFromCharCode(bytes[i]);
  return s;
}

function utf8DecodeRange(bytes, start, end) {
  if (start >= end) return "";
  return ops.utf8Decode(subview(bytes, start, end - start), false, true);
}

const tokenRE = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * Parses a Content-Disposition value: `form-data` followed by `; name=value` parameters
 * (quoted values end at the next quote; backslashes are not escapes, as the serializer
 * does not produce them). Returns a map of lowercased parameter names, or null.
 */
function parseContentDisposition(value) {
  let position = 0;
  const length = value.length;
  while (position < length && StringPrototypeCharCodeAt(value, position) !== 0x3b) position++;
  const type = mime.trimHTTPTabOrSpace(StringPrototypeSlice(value, 0, position));
  if (StringPrototypeToLowerCase(type) !== "form-data") return null;
  const parameters = { __proto__: null };
  while (position < length) {
    position++; // ";"
    while (position < length && isTabOrSpace(StringPrototypeCharCodeAt(value, position))) position++;
    const nameStart = position;
    while (position < length) {
      const c = StringPrototypeCharCodeAt(value, position);
      if (c === 0x3d || c === 0x3b) break;
      position++;
    }
    const parameterName = StringPrototypeToLowerCase(mime.trimHTTPTabOrSpace(StringPrototypeSlice(value, nameStart, position)));
    if (position >= length || StringPrototypeCharCodeAt(value, position) === 0x3b) {
      if (parameterName === "") continue;
      return null; // a parameter without "="
    }
    position++; // "="
    while (position < length && isTabOrSpace(StringPrototypeCharCodeAt(value, position))) position++;
    let parameterValue;
    if (position < length && StringPrototypeCharCodeAt(value, position) === 0x22) {
      position++;
      const valueStart = position;
      while (position < length && StringPrototypeCharCodeAt(value, position) !== 0x22) position++;
      if (position >= length) return null; // unterminated quoted string
      parameterValue = StringPrototypeSlice(value, valueStart, position);
      position++;
      while (position < length && isTabOrSpace(StringPrototypeCharCodeAt(value, position))) position++;
      if (position < length && StringPrototypeCharCodeAt(value, position) !== 0x3b) return null;
    } else {
      const valueStart = position;
      while (position < length && StringPrototypeCharCodeAt(value, position) !== 0x3b) position++;
      parameterValue = mime.trimHTTPTabOrSpace(StringPrototypeSlice(value, valueStart, position));
    }
    if (!(parameterName in parameters)) parameters[parameterName] = parameterValue;
  }
  return parameters;
}

/**
 * Parses `bytes` (a Uint8Array the caller gives up) as multipart/form-data with `boundary`
 * (a string, UTF-8 encoded for matching). Returns a list of entries or throws a TypeError.
 */
function parseMultipart(bytes, boundary) {
  if (boundary === "") throw parseFailure("the boundary parameter is empty");
  const boundaryBytes = utf8Encode(boundary);
  const delimiter = new Uint8Array(boundaryBytes.length + 2);
  delimiter[0] = 0x2d;
  delimiter[1] = 0x2d;
  TypedArrayPrototypeSet(delimiter, boundaryBytes, 2);
  // "\r\n--boundary": what ends a part's content.
  const partEnd = new Uint8Array(delimiter.length + 2);
  partEnd[0] = 0x0d;
  partEnd[1] = 0x0a;
  TypedArrayPrototypeSet(partEnd, delimiter, 2);

  const length = bytes.length;
  if (!matchesAt(bytes, 0, delimiter)) throw parseFailure("the body does not start with the boundary delimiter");
  let position = delimiter.length;
  const entries = [];
  while (true) {
    // After a delimiter: "--" closes; else transport padding and CRLF start a part.
    if (position + 1 < length && bytes[position] === 0x2d && bytes[position + 1] === 0x2d) {
      position += 2;
      while (position < length && isTabOrSpace(bytes[position])) position++;
      if (position < length && !(bytes[position] === 0x0d && position + 1 < length && bytes[position + 1] === 0x0a)) {
        throw parseFailure("unexpected bytes after the close delimiter");
      }
      return entries;
    }
    while (position < length && isTabOrSpace(bytes[position])) position++;
    if (!(position + 1 < length && bytes[position] === 0x0d && bytes[position + 1] === 0x0a)) {
      throw parseFailure("a boundary delimiter is not followed by CRLF");
    }
    position += 2;

    // Header fields.
    let disposition = null;
    let contentType = null;
    let headerCount = 0;
    while (true) {
      let lineEnd = position;
      while (lineEnd < length && bytes[lineEnd] !== 0x0d && bytes[lineEnd] !== 0x0a) lineEnd++;
      if (lineEnd + 1 >= length || bytes[lineEnd] !== 0x0d || bytes[lineEnd + 1] !== 0x0a) {
        throw parseFailure("a part's header line does not end with CRLF");
      }
      if (lineEnd === position) {
        position += 2;
        break;
      }
      let nameStart = position;
      while (nameStart < lineEnd && isTabOrSpace(bytes[nameStart])) nameStart++;
      let colon = nameStart;
      while (colon < lineEnd && bytes[colon] !== 0x3a) colon++;
      if (colon >= lineEnd) throw parseFailure("a part's header line has no colon");
      let nameEnd = colon;
      while (nameEnd > nameStart && isTabOrSpace(bytes[nameEnd - 1])) nameEnd--;
      const headerName = isomorphicDecode(bytes, nameStart, nameEnd);
      if (headerName === "" || RegExpPrototypeExec(tokenRE, headerName) === null) {
        throw parseFailure(`invalid header name '${headerName}'`);
      }
      let valueStart = colon + 1;
      let valueEnd = lineEnd;
      while (valueStart < valueEnd && isTabOrSpace(bytes[valueStart])) valueStart++;
      while (valueEnd > valueStart && isTabOrSpace(bytes[valueEnd - 1])) valueEnd--;
      for (let i = valueStart; i < valueEnd; i++) {
        if (bytes[i] === 0) throw parseFailure("a header value contains NUL");
      }
      const lowerName = StringPrototypeToLowerCase(headerName);
      if (lowerName === "content-disposition") {
        disposition = utf8DecodeRange(bytes, valueStart, valueEnd);
      } else if (lowerName === "content-type") {
        const value = isomorphicDecode(bytes, valueStart, valueEnd);
        contentType = contentType === null ? value : `${contentType}, ${value}`;
      }
      headerCount++;
      position = lineEnd + 2;
    }
    if (headerCount === 0) throw parseFailure("a part has no header fields");
    if (disposition === null) throw parseFailure("a part has no Content-Disposition header");
    const parameters = parseContentDisposition(disposition);
    if (parameters === null || !("name" in parameters)) {
      throw parseFailure(`invalid Content-Disposition '${disposition}'`);
    }

    // Content, up to CRLF and the next delimiter.
    const contentEnd = indexOfBytes(bytes, partEnd, position);
    if (contentEnd === -1) throw parseFailure("no closing boundary delimiter");
    const name = parameters.name;
    if ("filename" in parameters) {
      let type = "text/plain";
      if (contentType !== null) {
        const parsed = mime.extractMimeType(contentType);
        type = parsed === null ? "" : mime.serializeMimeType(parsed);
      }
      const size = contentEnd - position;
      const content = size === 0 ? [] : [subview(bytes, position, size)];
      ArrayPrototypePush(entries, [name, makeFile(content, size, type, parameters.filename, 0)]);
    } else {
      ArrayPrototypePush(entries, [name, utf8DecodeRange(bytes, position, contentEnd)]);
    }
    position = contentEnd + partEnd.length;
  }
}

// ---------------------------------------------------------------------------------------
// application/x-www-form-urlencoded

function hexValue(c) {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/** Replaces "+" by space and percent-decodes bytes[start, end), then UTF-8 decodes (no BOM strip). */
function decodeFormComponent(bytes, start, end) {
  let plain = true;
  for (let i = start; i < end; i++) {
    const c = bytes[i];
    if (c === 0x25 || c === 0x2b) {
      plain = false;
      break;
    }
  }
  if (plain) return utf8DecodeRange(bytes, start, end);
  const output = new Uint8Array(end - start);
  let written = 0;
  for (let i = start; i < end; i++) {
    const c = bytes[i];
    if (c === 0x2b) {
      output[written++] = 0x20;
    } else if (c === 0x25 && i + 2 < end && hexValue(bytes[i + 1]) !== -1 && hexValue(bytes[i + 2]) !== -1) {
      output[written++] = hexValue(bytes[i + 1]) * 16 + hexValue(bytes[i + 2]);
      i += 2;
    } else {
      output[written++] = c;
    }
  }
  return utf8DecodeRange(output, 0, written);
}

/** https://url.spec.whatwg.org/#concept-urlencoded-parser over bytes: [name, value] pairs. */
function parseUrlencodedBytes(bytes) {
  const output = [];
  const length = bytes.length;
  let start = 0;
  while (start <= length) {
    let end = TypedArrayPrototypeIndexOf(bytes, 0x26, start);
    if (end === -1) end = length;
    if (end > start) {
      let equals = start;
      while (equals < end && bytes[equals] !== 0x3d) equals++;
      const name = decodeFormComponent(bytes, start, equals);
      const value = equals < end ? decodeFormComponent(bytes, equals + 1, end) : "";
      ArrayPrototypePush(output, [name, value]);
    }
    start = end + 1;
  }
  return output;
}

const HEX = "0123456789ABCDEF";

function isUrlencodedSafe(c) {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) ||
    c === 0x2a || c === 0x2d || c === 0x2e || c === 0x5f;
}

function percentEncodeByte(b) {
  return "%" + HEX[b >> 4] + HEX[b & 15];
}

/** UTF-8 percent-encodes `s` with the application/x-www-form-urlencoded set, space as "+". */
function encodeFormComponent(s) {
  s = StringPrototypeToWellFormed(s);
  let out = "";
  let runStart = 0;
  for (let i = 0; i < s.length; i++) {
    const c = StringPrototypeCharCodeAt(s, i);
    if (isUrlencodedSafe(c)) continue;
    out += StringPrototypeSlice(s, runStart, i);
    if (c === 0x20) {
      out += "+";
    } else if (c < 0x80) {
      out += percentEncodeByte(c);
    } else {
      const cp = StringPrototypeCodePointAt(s, i);
      if (cp > 0xffff) i++;
      if (cp < 0x800) {
        out += percentEncodeByte(0xc0 | (cp >> 6)) + percentEncodeByte(0x80 | (cp & 63));
      } else if (cp < 0x10000) {
        out += percentEncodeByte(0xe0 | (cp >> 12)) + percentEncodeByte(0x80 | ((cp >> 6) & 63)) +
          percentEncodeByte(0x80 | (cp & 63));
      } else {
        out += percentEncodeByte(0xf0 | (cp >> 18)) + percentEncodeByte(0x80 | ((cp >> 12) & 63)) +
          percentEncodeByte(0x80 | ((cp >> 6) & 63)) + percentEncodeByte(0x80 | (cp & 63));
      }
    }
    runStart = i + 1;
  }
  if (runStart === 0) return s;
  return out + StringPrototypeSlice(s, runStart);
}

/** https://url.spec.whatwg.org/#concept-urlencoded-serializer over [name, value] pairs. */
function serializeUrlencoded(pairs) {
  let output = "";
  for (let i = 0; i < pairs.length; i++) {
    if (i > 0) output += "&";
    output += `${encodeFormComponent(pairs[i][0])}=${encodeFormComponent(pairs[i][1])}`;
  }
  return output;
}

return ObjectFreeze({
  __proto__: null,
  FormData,
  entriesOf,
  formDataFromEntries,
  generateBoundary,
  isFormData,
  parseMultipart,
  parseUrlencodedBytes,
  serializeMultipart,
  serializeUrlencoded,
});
