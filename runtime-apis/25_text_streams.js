// TextEncoderStream and TextDecoderStream (https://encoding.spec.whatwg.org/#interface-textdecoderstream,
// #interface-textencoderstream): TransformStreams that run the UTF-8 encoder and the decoder of
// any encoding over their chunks. Encoding and decoding are the native ops TextEncoder and
// TextDecoder use (runtime-apis/14_encoding.js); the streams module provides "set up a
// TransformStream" (createTransformStream), "enqueue" and the streams' readable/writable.

const {
  ObjectFreeze,
  StringFromCharCode,
  StringPrototypeCharCodeAt,
  StringPrototypeSlice,
  TypeError,
  TypedArrayPrototypeGetLength,
  Uint8Array,
} = core.primordials;
const webidl = core.require("webidl");
const { converters } = webidl;
const encoding = core.require("encoding");
const streams = core.require("streams");
const ops = core.ops;

/** "Set up" a TransformStream with `transform(chunk, controller)` and `flush(controller)`. */
function createTransformStream(transform, flush) {
  return streams.createTransformStream(transform, flush);
}

function enqueue(controller, chunk) {
  streams.transformStreamDefaultControllerEnqueue(controller, chunk);
}

// ---------------------------------------------------------------------------------------
// TextDecoderStream

// Brand checks, defined in static blocks so that no static member is exposed.
let isTextDecoderStream;
let isTextEncoderStream;

class TextDecoderStream {
  #decoder;
  #transform;

  static {
    isTextDecoderStream = (value) => value !== null && typeof value === "object" && #decoder in value;
  }

  constructor(label = "utf-8", options = undefined) {
    const decoder = encoding.createDecoder(label, options, "Failed to construct 'TextDecoderStream'");
    this.#decoder = decoder;
    this.#transform = createTransformStream(
      (chunk, controller) => decodeAndEnqueue(decoder, chunk, controller),
      (controller) => flushAndEnqueue(decoder, controller),
    );
  }

  get encoding() {
    if (!isTextDecoderStream(this)) throw new TypeError("Illegal invocation");
    return this.#decoder.info.lowerName;
  }

  get fatal() {
    if (!isTextDecoderStream(this)) throw new TypeError("Illegal invocation");
    return this.#decoder.fatal;
  }

  get ignoreBOM() {
    if (!isTextDecoderStream(this)) throw new TypeError("Illegal invocation");
    return this.#decoder.ignoreBOM;
  }

  get readable() {
    if (!isTextDecoderStream(this)) throw new TypeError("Illegal invocation");
    return streams.transformStreamGetReadable(this.#transform);
  }

  get writable() {
    if (!isTextDecoderStream(this)) throw new TypeError("Illegal invocation");
    return streams.transformStreamGetWritable(this.#transform);
  }
}

webidl.configureInterface(TextDecoderStream);

/** "Decode and enqueue a chunk". */
function decodeAndEnqueue(decoder, chunk, controller) {
  const prefix = "Failed to write to 'TextDecoderStream'";
  const source = encoding.convertBufferSource(chunk, prefix, "The chunk");
  const output = decoder.decode(encoding.decodableBytes(source), false, prefix);
  if (output.length > 0) enqueue(controller, output);
}

/** "Flush and enqueue": end-of-queue. */
function flushAndEnqueue(decoder, controller) {
  const output = decoder.decode(undefined, true, "Failed to close 'TextDecoderStream'");
  if (output.length > 0) enqueue(controller, output);
}

// ---------------------------------------------------------------------------------------
// TextEncoderStream

const REPLACEMENT_CHARACTER_UTF8 = [0xEF, 0xBF, 0xBD];

class TextEncoderStream {
  // The "leading surrogate": a code unit, or -1 for null.
  #leadingSurrogate = -1;
  #transform;

  static {
    isTextEncoderStream = (value) => value !== null && typeof value === "object" && #transform in value;
  }

  constructor() {
    this.#transform = createTransformStream(
      (chunk, controller) => this.#encodeAndEnqueue(chunk, controller),
      (controller) => this.#encodeAndFlush(controller),
    );
  }

  get encoding() {
    if (!isTextEncoderStream(this)) throw new TypeError("Illegal invocation");
    return "utf-8";
  }

  get readable() {
    if (!isTextEncoderStream(this)) throw new TypeError("Illegal invocation");
    return streams.transformStreamGetReadable(this.#transform);
  }

  get writable() {
    if (!isTextEncoderStream(this)) throw new TypeError("Illegal invocation");
    return streams.transformStreamGetWritable(this.#transform);
  }

  /**
   * "Encode and enqueue a chunk": the chunk is a DOMString, so a surrogate pair split
   * between chunks is joined ("convert code unit to scalar value"); other lone surrogates
   * become U+FFFD (the native encoder does that for the rest of the chunk).
   */
  #encodeAndEnqueue(chunk, controller) {
    let text = converters.DOMString(chunk, "Failed to write to 'TextEncoderStream'", "The chunk");
    if (text.length === 0) return;
    let head = "";
    if (this.#leadingSurrogate !== -1) {
      const first = StringPrototypeCharCodeAt(text, 0);
      if (first >= 0xDC00 && first <= 0xDFFF) {
        head = StringFromCharCode(this.#leadingSurrogate, first);
        text = StringPrototypeSlice(text, 1);
      } else {
        head = "\uFFFD";  // the code unit is restored and read again below
      }
      this.#leadingSurrogate = -1;
    }
    if (text.length > 0) {
      const last = StringPrototypeCharCodeAt(text, text.length - 1);
      if (last >= 0xD800 && last <= 0xDBFF) {
        this.#leadingSurrogate = last;
        text = StringPrototypeSlice(text, 0, text.length - 1);
      }
    }
    const bytes = ops.utf8Encode(head === "" ? text : head + text);
    if (TypedArrayPrototypeGetLength(bytes) > 0) enqueue(controller, bytes);
  }

  /** "Encode and flush": a leading surrogate left at the end becomes U+FFFD. */
  #encodeAndFlush(controller) {
    if (this.#leadingSurrogate !== -1) {
      this.#leadingSurrogate = -1;
      const bytes = new Uint8Array(3);
      bytes[0] = REPLACEMENT_CHARACTER_UTF8[0];
      bytes[1] = REPLACEMENT_CHARACTER_UTF8[1];
      bytes[2] = REPLACEMENT_CHARACTER_UTF8[2];
      enqueue(controller, bytes);
    }
  }
}

webidl.configureInterface(TextEncoderStream);

return ObjectFreeze({
  __proto__: null,
  TextDecoderStream,
  TextEncoderStream,
});
