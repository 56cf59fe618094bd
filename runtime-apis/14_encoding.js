// The Encoding Standard's API (https://encoding.spec.whatwg.org/#api): TextEncoder and
// TextDecoder, for every encoding and label of the standard.
//
// The work is native: UTF-8 encoding (ops.utf8Encode, ops.utf8EncodeInto) and every decoder
// (ops.decode) run in C (Sources/CVergeNative/utf8.c, decoders.c) over tables generated from
// the standard's indexes.json by scripts/gen-encoding-tables. A decoder's state lives in a
// 32-byte Uint8Array that C updates in place, so streaming (`stream: true`) keeps its state
// between calls with no native object to manage. This file implements the IDL layer and the
// parts of "decode" around the decoder: the I/O queue (bytes left queued after a fatal error),
// "do not flush", and BOM handling in "serialize I/O queue".
//
// Exports for other modules: TextEncoder, TextDecoder, plus `getEncoding(label)`,
// `encodingName(encoding)`, and `Decoder` (a streaming decoder: used by TextDecoderStream).

const {
  ArrayBufferIsView,
  ArrayBufferPrototypeGetResizable,
  DataViewPrototypeGetBuffer,
  DataViewPrototypeGetByteLength,
  DataViewPrototypeGetByteOffset,
  FunctionPrototypeCall,
  ObjectFreeze,
  ObjectGetOwnPropertyDescriptor,
  ObjectGetPrototypeOf,
  RangeError,
  SafeMap,
  StringFromCharCode,
  StringPrototypeCharCodeAt,
  StringPrototypeSlice,
  StringPrototypeToLowerCase,
  TypeError,
  TypedArrayPrototypeFill,
  TypedArrayPrototypeGetBuffer,
  TypedArrayPrototypeGetByteLength,
  TypedArrayPrototypeGetByteOffset,
  TypedArrayPrototypeGetLength,
  TypedArrayPrototypeGetSymbolToStringTag,
  TypedArrayPrototypeSet,
  Uint8Array,
} = core.primordials;
const webidl = core.require("webidl");
const { converters } = webidl;
const ops = core.ops;

// Bytes of a decoder's state (VERGE_DECODER_STATE_SIZE in CVergeNative.h), and the byte that
// each decode sets to 0 when it leaves the decoder idle (VERGE_DECODER_BUSY_BYTE).
const DECODER_STATE_SIZE = 32;
const DECODER_BUSY_BYTE = 31;

// ---------------------------------------------------------------------------------------
// Encodings (https://encoding.spec.whatwg.org/#names-and-labels)

/** Encoding id -> { id, name, lowerName, unicode (UTF-8 or UTF-16BE/LE), replacement }. */
const encodings = { __proto__: null };

function encodingInfo(id) {
  let info = encodings[id];
  if (info === undefined) {
    const name = ops.encodingName(id);
    info = {
      __proto__: null,
      id,
      name,
      // The names are ASCII, so this is "ASCII lowercase".
      lowerName: StringPrototypeToLowerCase(name),
      unicode: name === "UTF-8" || name === "UTF-16BE" || name === "UTF-16LE",
      replacement: name === "replacement",
    };
    encodings[id] = info;
  }
  return info;
}

const UTF_8 = ops.encodingForLabel("utf-8");
const UTF_8_INFO = encodingInfo(UTF_8);

// Label -> encoding id, for labels seen so far (results never change). Bounded, since labels
// come from user code.
const labelCache = new SafeMap();
const LABEL_CACHE_LIMIT = 256;

/**
 * "Get an encoding": the encoding id for `label` (leading and trailing ASCII whitespace
 * removed, ASCII case-insensitive), or -1 for failure.
 */
function getEncoding(label) {
  if (label === "utf-8") return UTF_8;
  // A SafeMap's methods are its own copies: calling them directly is safe (and fast).
  let id = labelCache.get(label);
  if (id === undefined) {
    id = ops.encodingForLabel(label);
    if (labelCache.size < LABEL_CACHE_LIMIT) labelCache.set(label, id);
  }
  return id;
}

/** The name of encoding `id` ("UTF-8", "Shift_JIS", ...). */
function encodingName(id) {
  return encodingInfo(id).name;
}

// ---------------------------------------------------------------------------------------
// Buffers

/**
 * What ops.decode reads for an AllowSharedBufferSource: typed arrays and (shared) array
 * buffers as they are; a DataView as a Uint8Array over the same bytes. A detached or
 * out-of-bounds view has no bytes ("get a copy of the bytes held by the buffer source"
 * gives an empty sequence).
 */
function decodableBytes(source) {
  if (ArrayBufferIsView(source) && TypedArrayPrototypeGetSymbolToStringTag(source) === undefined) {
    try {
      return new Uint8Array(DataViewPrototypeGetBuffer(source), DataViewPrototypeGetByteOffset(source),
        DataViewPrototypeGetByteLength(source));
    } catch {
      return undefined;
    }
  }
  return source;
}

/** A Uint8Array over the bytes of a typed array or (shared) array buffer, from `start`. */
function uint8View(bytes, start) {
  if (bytes === undefined) return new Uint8Array(0);
  if (ArrayBufferIsView(bytes)) {
    const length = TypedArrayPrototypeGetByteLength(bytes);
    if (start >= length) return new Uint8Array(0);
    return new Uint8Array(TypedArrayPrototypeGetBuffer(bytes), TypedArrayPrototypeGetByteOffset(bytes) + start,
      length - start);
  }
  try {
    const view = new Uint8Array(bytes);
    return start >= TypedArrayPrototypeGetLength(view) ? new Uint8Array(0) : new Uint8Array(bytes, start);
  } catch {
    return new Uint8Array(0);  // detached
  }
}

// JavaScriptCore here has no SharedArrayBuffer global, but shared WebAssembly memories are
// SharedArrayBuffers; their prototype's byteLength getter is the brand check. Found on first need.
let sharedArrayBufferByteLength;
let sharedArrayBufferPrototype = null;

function isSharedArrayBuffer(value) {
  if (sharedArrayBufferByteLength === undefined) {
    sharedArrayBufferByteLength = null;
    try {
      let prototype = core.primordials.SharedArrayBuffer?.prototype;
      if (prototype === undefined) {
        const memory = new globalThis.WebAssembly.Memory({ shared: true, initial: 0, maximum: 0 });
        prototype = ObjectGetPrototypeOf(memory.buffer);
      }
      sharedArrayBufferByteLength = ObjectGetOwnPropertyDescriptor(prototype, "byteLength").get;
      sharedArrayBufferPrototype = prototype;
    } catch {
      // No shared memory: nothing is a SharedArrayBuffer.
    }
  }
  if (typeof sharedArrayBufferByteLength !== "function") return false;
  try {
    FunctionPrototypeCall(sharedArrayBufferByteLength, value);
    return true;
  } catch {
    return false;
  }
}

/**
 * AllowSharedBufferSource: an ArrayBuffer, a SharedArrayBuffer, or a view on either.
 * Resizable buffers are accepted, as the web-platform-tests (and browsers) expect.
 */
function convertBufferSource(value, prefix, context) {
  if (ArrayBufferIsView(value) || webidl.isArrayBufferBranded(value) || isSharedArrayBuffer(value)) return value;
  throw new TypeError(`${prefix}: ${context} is not an ArrayBuffer, a SharedArrayBuffer or an ArrayBuffer view.`);
}

/** Whether an ArrayBuffer or SharedArrayBuffer is resizable (growable). */
function isResizable(buffer) {
  try {
    return ArrayBufferPrototypeGetResizable(buffer);
  } catch {
    // A SharedArrayBuffer: growable ones are resizable too.
    return sharedArrayBufferGrowable(buffer);
  }
}

let sharedArrayBufferGrowableGetter;

function sharedArrayBufferGrowable(buffer) {
  if (sharedArrayBufferGrowableGetter === undefined) {
    sharedArrayBufferGrowableGetter = null;
    isSharedArrayBuffer(buffer);  // finds the prototype
    if (sharedArrayBufferPrototype !== null) {
      sharedArrayBufferGrowableGetter = ObjectGetOwnPropertyDescriptor(sharedArrayBufferPrototype, "growable")?.get ?? null;
    }
  }
  if (sharedArrayBufferGrowableGetter === null) return false;
  try {
    return FunctionPrototypeCall(sharedArrayBufferGrowableGetter, buffer);
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------
// Small inputs in JavaScript: for a few dozen bytes or characters, a call into native code
// costs more than the work, so well-formed UTF-8 (and any string) below this size is
// converted here. Errors and cut sequences always go to the native decoder.
const SMALL = 64;

/**
 * The string of bytes[start...length) of a small Uint8Array of well-formed, complete UTF-8,
 * or undefined for anything else (an error, or a sequence cut by the end), which the native
 * decoder handles.
 */
function smallUTF8String(bytes, start, length) {
  let string = "";
  let i = start;
  while (i < length) {
    const b = bytes[i];
    if (b < 0x80) {
      string += StringFromCharCode(b);
      i++;
    } else if (b >= 0xC2 && b <= 0xDF) {
      if (i + 1 >= length) return undefined;
      const b1 = bytes[i + 1];
      if ((b1 & 0xC0) !== 0x80) return undefined;
      string += StringFromCharCode(((b & 0x1F) << 6) | (b1 & 0x3F));
      i += 2;
    } else if (b >= 0xE0 && b <= 0xEF) {
      if (i + 2 >= length) return undefined;
      const b1 = bytes[i + 1], b2 = bytes[i + 2];
      if (b1 < (b === 0xE0 ? 0xA0 : 0x80) || b1 > (b === 0xED ? 0x9F : 0xBF) || (b2 & 0xC0) !== 0x80) return undefined;
      string += StringFromCharCode(((b & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F));
      i += 3;
    } else if (b >= 0xF0 && b <= 0xF4) {
      if (i + 3 >= length) return undefined;
      const b1 = bytes[i + 1], b2 = bytes[i + 2], b3 = bytes[i + 3];
      if (b1 < (b === 0xF0 ? 0x90 : 0x80) || b1 > (b === 0xF4 ? 0x8F : 0xBF) || (b2 & 0xC0) !== 0x80 ||
          (b3 & 0xC0) !== 0x80) {
        return undefined;
      }
      const cp = (((b & 0x07) << 18) | ((b1 & 0x3F) << 12) | ((b2 & 0x3F) << 6) | (b3 & 0x3F)) - 0x10000;
      string += StringFromCharCode(0xD800 + (cp >> 10), 0xDC00 + (cp & 0x3FF));
      i += 4;
    } else {
      return undefined;
    }
  }
  return string;
}

// ASCII character -> its code. Reading `string[i]` and looking it up here is several times
// faster in JavaScriptCore than an uncurried charCodeAt, and user code can change neither.
const asciiCodes = { __proto__: null };
for (let code = 0; code < 0x80; code++) asciiCodes[StringFromCharCode(code)] = code;

/**
 * The UTF-8 encoder over the code units of `string` (lone surrogates become U+FFFD) into
 * `bytes` from index 0, stopping before a code point that does not fit in `room` bytes.
 * Sets `result.read` (code units) and `result.written` (bytes), and returns `result`.
 */
function encodeUTF8Into(string, bytes, room, result) {
  const length = string.length;
  let read = 0, written = 0;
  // ASCII first.
  while (read < length && written < room) {
    const code = asciiCodes[string[read]];
    if (code === undefined) break;
    bytes[written++] = code;
    read++;
  }
  while (read < length) {
    let cp = StringPrototypeCharCodeAt(string, read);
    let units = 1;
    if (cp >= 0xD800 && cp <= 0xDFFF) {
      const next = read + 1 < length ? StringPrototypeCharCodeAt(string, read + 1) : 0;
      if (cp <= 0xDBFF && next >= 0xDC00 && next <= 0xDFFF) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (next - 0xDC00);
        units = 2;
      } else {
        cp = 0xFFFD;
      }
    }
    if (cp < 0x80) {
      if (written >= room) break;
      bytes[written++] = cp;
    } else if (cp < 0x800) {
      if (written + 2 > room) break;
      bytes[written++] = 0xC0 | (cp >> 6);
      bytes[written++] = 0x80 | (cp & 0x3F);
    } else if (cp < 0x10000) {
      if (written + 3 > room) break;
      bytes[written++] = 0xE0 | (cp >> 12);
      bytes[written++] = 0x80 | ((cp >> 6) & 0x3F);
      bytes[written++] = 0x80 | (cp & 0x3F);
    } else {
      if (written + 4 > room) break;
      bytes[written++] = 0xF0 | (cp >> 18);
      bytes[written++] = 0x80 | ((cp >> 12) & 0x3F);
      bytes[written++] = 0x80 | ((cp >> 6) & 0x3F);
      bytes[written++] = 0x80 | (cp & 0x3F);
    }
    read += units;
  }
  result.read = read;
  result.written = written;
  return result;
}

/** The UTF-8 bytes of a small string, in a new Uint8Array of exactly their length. */
function smallUTF8Bytes(string) {
  const length = string.length;
  let bytes = new Uint8Array(length);
  let i = 0;
  for (; i < length; i++) {
    const code = asciiCodes[string[i]];
    if (code === undefined) break;
    bytes[i] = code;
  }
  if (i === length) return bytes;
  // Not all ASCII: measure, then encode.
  let size = i;
  for (; i < length; i++) {
    const unit = StringPrototypeCharCodeAt(string, i);
    if (unit < 0x80) {
      size += 1;
    } else if (unit < 0x800) {
      size += 2;
    } else if (unit >= 0xD800 && unit <= 0xDBFF && i + 1 < length) {
      const next = StringPrototypeCharCodeAt(string, i + 1);
      if (next >= 0xDC00 && next <= 0xDFFF) {
        size += 4;
        i++;
      } else {
        size += 3;
      }
    } else {
      size += 3;  // other BMP code points, and lone surrogates (U+FFFD)
    }
  }
  bytes = new Uint8Array(size);
  encodeUTF8Into(string, bytes, size, { read: 0, written: 0 });
  return bytes;
}

// ---------------------------------------------------------------------------------------
// Decoder: a streaming decoder with the state of TextDecoderCommon (encoding, decoder,
// I/O queue, ignore BOM, BOM seen, error mode). Module-private; TextDecoder and
// TextDecoderStream own one each.

// State for one-shot decodes that start from a fresh decoder and flush: the decoder's
// state is dropped when the call returns, so one scratch array serves every such call.
const scratchState = new Uint8Array(DECODER_STATE_SIZE);

class Decoder {
  constructor(info, fatal, ignoreBOM) {
    this.info = info;
    this.fatal = fatal;
    this.ignoreBOM = ignoreBOM;
    // Strip a leading U+FEFF in "serialize I/O queue"?
    this.stripBOM = info.unicode && !ignoreBOM;
    this.utf8 = info.id === UTF_8;
    this.bomSeen = false;
    // null while the decoder is in its initial state and nothing is queued.
    this.state = null;
    // Bytes still in the I/O queue after a fatal error in a `stream` call.
    this.queued = null;
  }

  /** A new instance of the encoding's decoder with an empty I/O queue. */
  reset() {
    if (this.state !== null) TypedArrayPrototypeFill(this.state, 0);
    this.queued = null;
    this.bomSeen = false;
  }

  /**
   * Pushes `bytes` (what decodableBytes returned, or undefined for none) to the I/O queue
   * and decodes it; with `flush`, end-of-queue follows. Returns the serialized output, or
   * throws a TypeError (fatal error mode) naming `prefix`.
   */
  decode(bytes, flush, prefix) {
    if (this.utf8 && this.queued === null && (this.state === null || this.state[DECODER_BUSY_BYTE] === 0) &&
        TypedArrayPrototypeGetSymbolToStringTag(bytes) === "Uint8Array") {
      // An idle UTF-8 decoder stays idle over complete, well-formed sequences.
      const length = TypedArrayPrototypeGetLength(bytes);
      if (length <= SMALL) {
        const output = smallUTF8String(bytes, 0, length);
        if (output !== undefined) return this.serialize(output);
      }
    }
    let input = bytes;
    if (this.queued !== null) {
      const more = uint8View(bytes, 0);
      const queuedLength = TypedArrayPrototypeGetLength(this.queued);
      input = new Uint8Array(queuedLength + TypedArrayPrototypeGetLength(more));
      TypedArrayPrototypeSet(input, this.queued, 0);
      TypedArrayPrototypeSet(input, more, queuedLength);
      this.queued = null;
    }
    let state = this.state;
    if (state === null) {
      if (flush) {
        state = scratchState;
        TypedArrayPrototypeFill(state, 0);
      } else {
        state = this.state = new Uint8Array(DECODER_STATE_SIZE);
      }
    }
    const result = ops.decode(this.info.id, input, state, this.fatal, flush);
    if (typeof result === "number") {
      // A fatal error after reading `result` bytes. What was not read stays in the I/O
      // queue: a later `stream` call decodes it first (a flush starts over anyway).
      if (!flush) this.queued = new Uint8Array(uint8View(input, result));  // a copy
      throw new TypeError(`${prefix}: The encoded data was not valid for encoding ${this.info.lowerName}.`);
    }
    return this.serialize(result);
  }

  /** "Serialize I/O queue": BOM handling for UTF-8 and UTF-16BE/LE. */
  serialize(output) {
    if (this.stripBOM && !this.bomSeen && output.length > 0) {
      this.bomSeen = true;
      if (output[0] === "\uFEFF") return StringPrototypeSlice(output, 1);
    }
    return output;
  }
}

// ---------------------------------------------------------------------------------------
// TextDecoder (https://encoding.spec.whatwg.org/#interface-textdecoder)

const convertTextDecoderOptions = webidl.createDictionaryConverter("TextDecoderOptions", [
  { key: "fatal", converter: converters.boolean, defaultValue: false },
  { key: "ignoreBOM", converter: converters.boolean, defaultValue: false },
]);

const convertTextDecodeOptions = webidl.createDictionaryConverter("TextDecodeOptions", [
  { key: "stream", converter: converters.boolean, defaultValue: false },
]);

/** TextDecodeOptions["stream"], converting `options` as the dictionary (inlined: decode() is hot). */
function convertStream(options, prefix) {
  if (options === undefined || options === null) return false;
  if (typeof options === "object" || typeof options === "function") return !!options.stream;
  return convertTextDecodeOptions(options, prefix, "Argument 2").stream;  // throws the TypeError
}

/**
 * The shared constructor steps of TextDecoder and TextDecoderStream: converts the
 * arguments and returns a Decoder, or throws a RangeError for an unknown label or a label
 * of the replacement encoding.
 */
function createDecoder(label, options, prefix) {
  if (typeof label !== "string") label = converters.DOMString(label, prefix, "Argument 1");
  let fatal = false, ignoreBOM = false;
  if (options !== undefined) {
    options = convertTextDecoderOptions(options, prefix, "Argument 2");
    fatal = options.fatal;
    ignoreBOM = options.ignoreBOM;
  }
  const id = getEncoding(label);
  const info = id === UTF_8 ? UTF_8_INFO : id < 0 ? undefined : encodingInfo(id);
  if (info === undefined || info.replacement) {
    throw new RangeError(`${prefix}: The encoding label provided ('${label}') is invalid.`);
  }
  return new Decoder(info, fatal, ignoreBOM);
}

// Brand checks, defined in static blocks so that no static member is exposed.
let isTextDecoder;
let isTextEncoder;

class TextDecoder {
  #decoder;
  #doNotFlush = false;

  static {
    isTextDecoder = (value) => value !== null && typeof value === "object" && #decoder in value;
  }

  constructor(label = "utf-8", options = undefined) {
    this.#decoder = createDecoder(label, options, "Failed to construct 'TextDecoder'");
  }

  get encoding() {
    if (!isTextDecoder(this)) throw new TypeError("Illegal invocation");
    return this.#decoder.info.lowerName;
  }

  get fatal() {
    if (!isTextDecoder(this)) throw new TypeError("Illegal invocation");
    return this.#decoder.fatal;
  }

  get ignoreBOM() {
    if (!isTextDecoder(this)) throw new TypeError("Illegal invocation");
    return this.#decoder.ignoreBOM;
  }

  decode(input = undefined, options = undefined) {
    if (!isTextDecoder(this)) throw new TypeError("Illegal invocation");
    const decoder = this.#decoder;
    // Fast path: a one-shot decode of a small Uint8Array of well-formed UTF-8 needs neither
    // the decoder's state (the next call starts over, since `stream` is false) nor native code.
    if (options === undefined && !this.#doNotFlush && decoder.utf8 &&
        TypedArrayPrototypeGetSymbolToStringTag(input) === "Uint8Array") {
      const length = TypedArrayPrototypeGetLength(input);
      if (length <= SMALL) {
        // A leading BOM (EF BB BF) is skipped unless ignoreBOM.
        const start = decoder.stripBOM && input[0] === 0xEF && input[1] === 0xBB && input[2] === 0xBF ? 3 : 0;
        const output = smallUTF8String(input, start, length);
        if (output !== undefined) return output;
      }
    }
    const prefix = "Failed to execute 'decode' on 'TextDecoder'";
    if (input !== undefined) input = convertBufferSource(input, prefix, "Argument 1");
    const stream = convertStream(options, prefix);
    if (!this.#doNotFlush) decoder.reset();
    this.#doNotFlush = stream;
    // The bytes are read now, after the options conversion (which may have detached them).
    return decoder.decode(input === undefined ? undefined : decodableBytes(input), !stream, prefix);
  }
}

webidl.configureInterface(TextDecoder);

// ---------------------------------------------------------------------------------------
// TextEncoder (https://encoding.spec.whatwg.org/#interface-textencoder)

/** USVString conversion: lone surrogates become U+FFFD natively, in the UTF-8 encoder. */
function convertSource(value, prefix, context) {
  return typeof value === "string" ? value : converters.DOMString(value, prefix, context);
}

class TextEncoder {
  #brand = true;

  static {
    isTextEncoder = (value) => value !== null && typeof value === "object" && #brand in value;
  }

  constructor() {}

  get encoding() {
    if (!isTextEncoder(this)) throw new TypeError("Illegal invocation");
    return "utf-8";
  }

  encode(input = "") {
    if (!isTextEncoder(this)) throw new TypeError("Illegal invocation");
    input = convertSource(input, "Failed to execute 'encode' on 'TextEncoder'", "Argument 1");
    return input.length <= SMALL ? smallUTF8Bytes(input) : ops.utf8Encode(input);
  }

  encodeInto(source, destination) {
    if (!isTextEncoder(this)) throw new TypeError("Illegal invocation");
    const prefix = "Failed to execute 'encodeInto' on 'TextEncoder'";
    webidl.requiredArguments(arguments.length, 2, prefix);
    source = convertSource(source, prefix, "Argument 1");
    if (TypedArrayPrototypeGetSymbolToStringTag(destination) !== "Uint8Array" ||
        isResizable(TypedArrayPrototypeGetBuffer(destination))) {
      // Not a Uint8Array, or a view on a resizable buffer: the converter says which.
      converters.Uint8Array(destination, prefix, "Argument 2", { __proto__: null, allowShared: true });
    }
    if (source.length <= SMALL) {
      return encodeUTF8Into(source, destination, TypedArrayPrototypeGetLength(destination), { read: 0, written: 0 });
    }
    const result = ops.utf8EncodeInto(source, destination);
    return { read: result[0], written: result[1] };
  }
}

webidl.configureInterface(TextEncoder);

return ObjectFreeze({
  __proto__: null,
  Decoder,
  TextDecoder,
  TextEncoder,
  createDecoder,
  decodableBytes,
  convertBufferSource,
  encodingName,
  getEncoding,
});
