// Blob and File (https://w3c.github.io/FileAPI/).
//
// A Blob's bytes are a list of Uint8Array parts that nothing outside this module can
// reach: bytes from a string are freshly encoded, bytes from a BufferSource are copied
// once, and a Blob built from (or sliced from) other Blobs shares their parts (slices are
// views on the same memory). Every read hands out a copy.

const {
  ArrayBufferIsView,
  ArrayBufferPrototypeGetByteLength,
  DataViewPrototypeGetByteLength,
  TypedArrayPrototypeGetSymbolToStringTag,
  ArrayPrototypePush,
  DateNow,
  MathMax,
  MathMin,
  ObjectFreeze,
  PromiseReject,
  PromiseResolve,
  RegExpPrototypeExec,
  StringPrototypeCharCodeAt,
  StringPrototypeReplace,
  StringPrototypeToLowerCase,
  Symbol,
  TypeError,
  TypedArrayPrototypeGetBuffer,
  TypedArrayPrototypeGetByteLength,
  TypedArrayPrototypeGetByteOffset,
  TypedArrayPrototypeSet,
  Uint8Array,
} = core.primordials;
const webidl = core.require("webidl");
const { converters } = webidl;
const ops = core.ops;

const kInternal = Symbol("blob internal");

// ---------------------------------------------------------------------------------------
// Byte helpers

/** A copy of the bytes a BufferSource holds (https://webidl.spec.whatwg.org/#dfn-get-buffer-source-copy). */
function copyBufferSourceBytes(source) {
  // A detached buffer (or a view on one) holds no bytes; views on it cannot be created.
  const length = ArrayBufferIsView(source)
    ? (TypedArrayPrototypeGetSymbolToStringTag(source) !== undefined
      ? TypedArrayPrototypeGetByteLength(source) : DataViewPrototypeGetByteLength(source))
    : ArrayBufferPrototypeGetByteLength(source);
  const copy = new Uint8Array(length);
  if (length > 0) TypedArrayPrototypeSet(copy, webidl.bufferSourceBytes(source));
  return copy;
}

/** A view on `length` bytes of `part` from `offset`, sharing its memory. */
function subview(part, offset, length) {
  return new Uint8Array(TypedArrayPrototypeGetBuffer(part), TypedArrayPrototypeGetByteOffset(part) + offset, length);
}

/** One Uint8Array with the bytes of `parts` (a fresh copy unless `mayShare` and one part). */
function concatParts(parts, size, mayShare = false) {
  if (mayShare && parts.length === 1) return parts[0];
  const result = new Uint8Array(size);
  let offset = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    TypedArrayPrototypeSet(result, part, offset);
    offset += TypedArrayPrototypeGetByteLength(part);
  }
  return result;
}

function utf8Encode(string) {
  return ops.utf8Encode(string);
}

function utf8DecodeWithBOMStrip(bytes) {
  return ops.utf8Decode(bytes, false, false);
}

const nonPrintableASCII = /[^\u0020-\u007E]/;

/** The type rule of the Blob constructor and slice(): printable ASCII, lowercased, else "". */
function normalizeType(type) {
  if (RegExpPrototypeExec(nonPrintableASCII, type) !== null) return "";
  return StringPrototypeToLowerCase(type);
}

// "native" line endings on Linux are LF: CRLF and CR become LF.
const lineEndingRE = /\r\n?/g;
function convertLineEndingsToNative(s) {
  for (let i = 0; i < s.length; i++) {
    if (StringPrototypeCharCodeAt(s, i) === 0x0d) return StringPrototypeReplace(s, lineEndingRE, "\n");
  }
  return s;
}

// ---------------------------------------------------------------------------------------
// Blob

let blobParts;
let blobSize;
let blobType;
let isBlob;
let makeBlob;

const convertEndingType = webidl.createEnumConverter("EndingType", ["transparent", "native"]);
const blobPropertyBagMembers = [
  { key: "endings", converter: convertEndingType, defaultValue: "transparent" },
  { key: "type", converter: converters.DOMString, defaultValue: "" },
];
const convertBlobPropertyBag = webidl.createDictionaryConverter("BlobPropertyBag", blobPropertyBagMembers);
const convertFilePropertyBag = webidl.createDictionaryConverter("FilePropertyBag", blobPropertyBagMembers, [
  { key: "lastModified", converter: converters["long long"] },
]);

/** Converts one BlobPart: (BufferSource or Blob or USVString). BufferSources are kept. */
function convertBlobPart(V, prefix, context) {
  if (webidl.type(V) === "Object") {
    if (isBlob(V)) return V;
    if (ArrayBufferIsView(V) || webidl.isArrayBufferBranded(V)) {
      return converters.BufferSource(V, prefix, context);
    }
  }
  return converters.USVString(V, prefix, context);
}
const convertBlobParts = webidl.createSequenceConverter(convertBlobPart);

/**
 * https://w3c.github.io/FileAPI/#process-blob-parts: the parts of a new Blob and its size.
 * Adjacent strings are encoded together.
 */
function processBlobParts(parts, endings) {
  const result = [];
  let size = 0;
  let pending = "";
  const flush = () => {
    if (pending === "") return;
    const bytes = utf8Encode(pending);
    pending = "";
    ArrayPrototypePush(result, bytes);
    size += TypedArrayPrototypeGetByteLength(bytes);
  };
  for (let i = 0; i < parts.length; i++) {
    const element = parts[i];
    if (typeof element === "string") {
      pending += endings === "native" ? convertLineEndingsToNative(element) : element;
    } else if (isBlob(element)) {
      flush();
      const inner = blobParts(element);
      for (let j = 0; j < inner.length; j++) {
        const part = inner[j];
        ArrayPrototypePush(result, part);
        size += TypedArrayPrototypeGetByteLength(part);
      }
    } else {
      flush();
      const bytes = copyBufferSourceBytes(element);
      const length = TypedArrayPrototypeGetByteLength(bytes);
      if (length > 0) {
        ArrayPrototypePush(result, bytes);
        size += length;
      }
    }
  }
  flush();
  return { parts: result, size };
}

class Blob {
  #parts;
  #size;
  #type;

  constructor(blobParts = undefined, options = undefined) {
    if (blobParts === kInternal) {
      // Internal construction: (kInternal, parts, size, type).
      this.#parts = arguments[1];
      this.#size = arguments[2];
      this.#type = arguments[3];
      return;
    }
    const prefix = "Failed to construct 'Blob'";
    const parts = blobParts === undefined ? [] : convertBlobParts(blobParts, prefix, "Argument 1");
    const bag = convertBlobPropertyBag(options, prefix, "Argument 2");
    const processed = processBlobParts(parts, bag.endings);
    this.#parts = processed.parts;
    this.#size = processed.size;
    this.#type = normalizeType(bag.type);
  }

  static {
    blobParts = (blob) => blob.#parts;
    blobSize = (blob) => blob.#size;
    blobType = (blob) => blob.#type;
    isBlob = (value) => value !== null && typeof value === "object" && #parts in value;
    makeBlob = (parts, size, type) => new Blob(kInternal, parts, size, type);
  }

  get size() {
    webidl.assertBranded(this, isBlob);
    return this.#size;
  }

  get type() {
    webidl.assertBranded(this, isBlob);
    return this.#type;
  }

  slice(start = undefined, end = undefined, contentType = undefined) {
    webidl.assertBranded(this, isBlob);
    const prefix = "Failed to execute 'slice' on 'Blob'";
    if (start !== undefined) start = converters["long long"](start, prefix, "Argument 1", { clamp: true });
    if (end !== undefined) end = converters["long long"](end, prefix, "Argument 2", { clamp: true });
    if (contentType !== undefined) contentType = converters.DOMString(contentType, prefix, "Argument 3");
    const size = this.#size;
    let relativeStart;
    if (start === undefined) relativeStart = 0;
    else if (start < 0) relativeStart = MathMax(size + start, 0);
    else relativeStart = MathMin(start, size);
    let relativeEnd;
    if (end === undefined) relativeEnd = size;
    else if (end < 0) relativeEnd = MathMax(size + end, 0);
    else relativeEnd = MathMin(end, size);
    const relativeContentType = contentType === undefined ? "" : normalizeType(contentType);
    const span = MathMax(relativeEnd - relativeStart, 0);
    return makeBlob(sliceParts(this.#parts, relativeStart, span), span, relativeContentType);
  }

  stream() {
    webidl.assertBranded(this, isBlob);
    return blobStream(this);
  }

  text() {
    if (!isBlob(this)) return PromiseReject(new TypeError("Illegal invocation"));
    return PromiseResolve(utf8DecodeWithBOMStrip(concatParts(this.#parts, this.#size, true)));
  }

  arrayBuffer() {
    if (!isBlob(this)) return PromiseReject(new TypeError("Illegal invocation"));
    return PromiseResolve(TypedArrayPrototypeGetBuffer(concatParts(this.#parts, this.#size)));
  }

  bytes() {
    if (!isBlob(this)) return PromiseReject(new TypeError("Illegal invocation"));
    return PromiseResolve(concatParts(this.#parts, this.#size));
  }
}

/** Views covering [start, start + span) of `parts` (no copy). */
function sliceParts(parts, start, span) {
  const result = [];
  if (span === 0) return result;
  let position = 0;
  let remaining = span;
  for (let i = 0; i < parts.length && remaining > 0; i++) {
    const part = parts[i];
    const length = TypedArrayPrototypeGetByteLength(part);
    if (position + length <= start) {
      position += length;
      continue;
    }
    const offset = start > position ? start - position : 0;
    const take = MathMin(length - offset, remaining);
    ArrayPrototypePush(result, offset === 0 && take === length ? part : subview(part, offset, take));
    remaining -= take;
    position += length;
  }
  return result;
}

webidl.configureInterface(Blob);
webidl.setLength(Blob, 0);

// ---------------------------------------------------------------------------------------
// File

let isFile;
let makeFile;
let fileName;
let fileLastModified;

class File extends Blob {
  #name;
  #lastModified;

  constructor(fileBits, fileName, options = undefined) {
    if (fileBits === kInternal) {
      // Internal construction: (kInternal, parts, size, type, name, lastModified).
      super(kInternal, arguments[1], arguments[2], arguments[3]);
      this.#name = arguments[4];
      this.#lastModified = arguments[5];
      return;
    }
    const prefix = "Failed to construct 'File'";
    webidl.requiredArguments(arguments.length, 2, prefix);
    const parts = convertBlobParts(fileBits, prefix, "Argument 1");
    const name = converters.USVString(fileName, prefix, "Argument 2");
    const bag = convertFilePropertyBag(options, prefix, "Argument 3");
    const processed = processBlobParts(parts, bag.endings);
    super(kInternal, processed.parts, processed.size, normalizeType(bag.type));
    this.#name = name;
    this.#lastModified = bag.lastModified !== undefined ? bag.lastModified : DateNow();
  }

  static {
    isFile = (value) => value !== null && typeof value === "object" && #name in value;
    fileName = (file) => file.#name;
    fileLastModified = (file) => file.#lastModified;
    makeFile = (parts, size, type, name, lastModified) => new File(kInternal, parts, size, type, name, lastModified);
  }

  get name() {
    webidl.assertBranded(this, isFile);
    return this.#name;
  }

  get lastModified() {
    webidl.assertBranded(this, isFile);
    return this.#lastModified;
  }
}

webidl.configureInterface(File);
webidl.setLength(File, 2);

// ---------------------------------------------------------------------------------------
// Streams

const CHUNK_SIZE = 65536;

// The streams module's internals ("set up with byte reading support", "enqueue",
// "close", "error" for other specifications), never the user-patchable methods.
let streams = null;
function streamsModule() {
  if (streams === null) streams = core.require("streams");
  return streams;
}

/**
 * A new byte ReadableStream (high water mark 0: pulled only on demand) whose
 * `pull(stream)` enqueues, closes or errors it through the functions below, and whose
 * `cancel(reason)` is called on cancellation.
 */
function newByteStream(pull, cancel = undefined) {
  const s = streamsModule();
  let stream = null;
  stream = s.createReadableByteStream(undefined, () => pull(stream), cancel);
  return stream;
}

function byteStreamEnqueue(stream, chunk) {
  streamsModule().readableStreamEnqueue(stream, chunk);
}

/** Closes the stream, answering a pending BYOB read with zero bytes. */
function byteStreamClose(stream) {
  streamsModule().readableStreamClose(stream);
}

function byteStreamError(stream, error) {
  streamsModule().readableStreamError(stream, error);
}

/**
 * A byte ReadableStream over `parts`, enqueuing copies of at most 64 KiB per pull
 * (https://w3c.github.io/FileAPI/#blob-get-stream).
 */
function partsStream(parts) {
  let index = 0;
  let offset = 0;
  return newByteStream((stream) => {
    while (index < parts.length && TypedArrayPrototypeGetByteLength(parts[index]) === offset) {
      index++;
      offset = 0;
    }
    if (index >= parts.length) {
      byteStreamClose(stream);
      return;
    }
    const part = parts[index];
    const length = MathMin(TypedArrayPrototypeGetByteLength(part) - offset, CHUNK_SIZE);
    const chunk = new Uint8Array(length);
    TypedArrayPrototypeSet(chunk, subview(part, offset, length));
    offset += length;
    byteStreamEnqueue(stream, chunk);
  });
}

function blobStream(blob) {
  return partsStream(blobParts(blob));
}

// ---------------------------------------------------------------------------------------
// structuredClone: Blob and File are serializable (https://w3c.github.io/FileAPI/#blob-section).
// The serialized form holds one compact copy of the bytes (a slice of a large Blob must not
// drag its whole buffer through serialization).

function registerSerializers() {
  if (!core.hasModule("structured_clone")) return;
  const clone = core.require("structured_clone");
  if (typeof clone.registerSerializable !== "function") return;
  clone.registerSerializable({
    name: "File",
    isInstance: (value) => isFile(value),
    serialize: (value) => [blobBytesCopy(value), blobType(value), fileName(value), fileLastModified(value)],
    deserialize: (data) => {
      const bytes = data[0];
      const size = TypedArrayPrototypeGetByteLength(bytes);
      return makeFile(size === 0 ? [] : [bytes], size, data[1], data[2], data[3]);
    },
  });
  clone.registerSerializable({
    name: "Blob",
    isInstance: (value) => isBlob(value) && !isFile(value),
    serialize: (value) => [blobBytesCopy(value), blobType(value)],
    deserialize: (data) => blobFromBytes(data[0], data[1]),
  });
}
registerSerializers();

// ---------------------------------------------------------------------------------------
// Internals for FormData, Body, Request, Response

/** A Blob over `bytes` (adopted: the caller gives up the array). */
function blobFromBytes(bytes, type = "") {
  const size = TypedArrayPrototypeGetByteLength(bytes);
  return makeBlob(size === 0 ? [] : [bytes], size, type);
}

/** A File over the bytes of `blob` named `name`, with `blob`'s type. */
function fileFromBlob(blob, name, lastModified = DateNow()) {
  return makeFile(blobParts(blob), blobSize(blob), blobType(blob), name, lastModified);
}

/** The bytes of a Blob as one Uint8Array the caller must not modify or hand out. */
function blobBytesShared(blob) {
  const parts = blobParts(blob);
  let size = 0;
  for (let i = 0; i < parts.length; i++) size += TypedArrayPrototypeGetByteLength(parts[i]);
  if (parts.length === 0) return new Uint8Array(0);
  return concatParts(parts, size, true);
}

/** A fresh copy of the bytes of a Blob. */
function blobBytesCopy(blob) {
  const parts = blobParts(blob);
  let size = 0;
  for (let i = 0; i < parts.length; i++) size += TypedArrayPrototypeGetByteLength(parts[i]);
  return concatParts(parts, size, false);
}

return ObjectFreeze({
  __proto__: null,
  Blob,
  File,
  blobBytesCopy,
  blobBytesShared,
  blobFromBytes,
  blobParts,
  blobSize,
  blobStream,
  blobType,
  byteStreamClose,
  byteStreamEnqueue,
  byteStreamError,
  concatParts,
  copyBufferSourceBytes,
  fileFromBlob,
  fileLastModified,
  fileName,
  isBlob,
  isFile,
  makeBlob,
  makeFile,
  newByteStream,
  partsStream,
  subview,
  utf8DecodeWithBOMStrip,
  utf8Encode,
});
