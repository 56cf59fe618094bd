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
  DataViewPrototypeGetBuffer,
  DataViewPrototypeGetByteLength,
  DataViewPrototypeGetByteOffset,
  ObjectFreeze,
  RangeError,
  SafeMap,
  MapPrototypeGet,
  MapPrototypeSet,
  StringPrototypeCharCodeAt,
  StringPrototypeSlice,
  StringPrototypeToLowerCase,
  TypeError,
  TypedArrayPrototypeFill,
  TypedArrayPrototypeGetBuffer,
  TypedArrayPrototypeGetByteLength,
  TypedArrayPrototypeGetByteOffset,
  TypedArrayPrototypeGetSymbolToStringTag,
  TypedArrayPrototypeSet,
  TypedArrayPrototypeSlice,
  Uint8Array,
} = core.primordials;
const webidl = core.require("webidl");
const { converters } = webidl;
const ops = core.ops;

// Bytes of a decoder's state (VERGE_DECODER_STATE_SIZE in CVergeNative.h).
const DECODER_STATE_SIZE = 32;

// ---------------------------------------------------------------------------------------
// Encodings (https://encoding.spec.whatwg.org/#names-and-labels)

/** Encoding id -> { id, name, lowerName, unicode (UTF-8 or UTF-16BE/LE), replacement }. */
const encodings = new SafeMap();

function encodingInfo(id) {
  let info = MapPrototypeGet(encodings, id);
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
    MapPrototypeSet(encodings, id, info);
  }
  return info;
}

const UTF_8 = ops.encodingForLabel("utf-8");

// Label -> encoding id, for the labels seen so far (labels are few; results never change).
const labelCache = new SafeMap();

/**
 * "Get an encoding": the encoding id for `label` (leading and trailing ASCII whitespace
 * removed, ASCII case-insensitive), or -1 for failure.
 */
function getEncoding(label) {
  if (label === "utf-8") return UTF_8;
  let id = MapPrototypeGet(labelCache, label);
  if (id === undefined) {
    id = ops.encodingForLabel(label);
    if (label.length <= 64) MapPrototypeSet(labelCache, label, id);
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
    return start >= view.length ? new Uint8Array(0) : new Uint8Array(bytes, start);
  } catch {
    return new Uint8Array(0);  // detached
  }
}

/**
 * AllowSharedBufferSource: an ArrayBuffer, a SharedArrayBuffer, or a view on either.
 * Resizable buffers are accepted, as the web-platform-tests (and browsers) expect.
 */
function convertBufferSource(value, prefix, context) {
  if (ArrayBufferIsView(value)) return value;
  return converters.AllowSharedBufferSource(value, prefix, context, { __proto__: null, allowResizable: true });
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
    let input = bytes;
    if (this.queued !== null) {
      const more = uint8View(bytes, 0);
      input = new Uint8Array(this.queued.length + more.length);
      TypedArrayPrototypeSet(input, this.queued, 0);
      TypedArrayPrototypeSet(input, more, this.queued.length);
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
      if (!flush) this.queued = TypedArrayPrototypeSlice(uint8View(input, result));
      throw new TypeError(`${prefix}: The encoded data was not valid for encoding ${this.info.lowerName}.`);
    }
    return this.serialize(result);
  }

  /** "Serialize I/O queue": BOM handling for UTF-8 and UTF-16BE/LE. */
  serialize(output) {
    if (this.stripBOM && !this.bomSeen && output.length > 0) {
      this.bomSeen = true;
      if (StringPrototypeCharCodeAt(output, 0) === 0xFEFF) return StringPrototypeSlice(output, 1);
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

/**
 * The shared constructor steps of TextDecoder and TextDecoderStream: converts the
 * arguments and returns a Decoder, or throws a RangeError for an unknown label or a label
 * of the replacement encoding.
 */
function createDecoder(label, options, prefix) {
  label = converters.DOMString(label, prefix, "Argument 1");
  options = convertTextDecoderOptions(options, prefix, "Argument 2");
  const id = getEncoding(label);
  if (id < 0 || encodingInfo(id).replacement) {
    throw new RangeError(`${prefix}: The encoding label provided ('${label}') is invalid.`);
  }
  return new Decoder(encodingInfo(id), options.fatal, options.ignoreBOM);
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
    const prefix = "Failed to execute 'decode' on 'TextDecoder'";
    if (input !== undefined) input = convertBufferSource(input, prefix, "Argument 1");
    const stream = options === undefined ? false : convertTextDecodeOptions(options, prefix, "Argument 2").stream;
    const decoder = this.#decoder;
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
    return ops.utf8Encode(convertSource(input, "Failed to execute 'encode' on 'TextEncoder'", "Argument 1"));
  }

  encodeInto(source, destination) {
    if (!isTextEncoder(this)) throw new TypeError("Illegal invocation");
    const prefix = "Failed to execute 'encodeInto' on 'TextEncoder'";
    webidl.requiredArguments(arguments.length, 2, prefix);
    source = convertSource(source, prefix, "Argument 1");
    destination = converters.Uint8Array(destination, prefix, "Argument 2", { __proto__: null, allowShared: true });
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
