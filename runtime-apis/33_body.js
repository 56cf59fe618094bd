// The Body mixin (https://fetch.spec.whatwg.org/#body-mixin) and bodies
// (https://fetch.spec.whatwg.org/#concept-body): extracting a body from BodyInit,
// consuming it (arrayBuffer, blob, bytes, formData, json, text), cloning it, and the
// disturbed/locked ("unusable") rules. Also the helpers Request and Response share
// (URL parsing against the realm's base URL, abort signals).
//
// Fast path: a body whose source is a string, bytes or a Blob has no ReadableStream until
// `.body` is read. Consuming it reads the source directly; `.body` read afterwards is a
// closed, locked, disturbed stream, exactly what the spec's stream would be by then.

const {
  ArrayBufferIsView,
  ArrayBufferPrototypeGetByteLength,
  ArrayPrototypePush,
  DataViewPrototypeGetByteLength,
  JSONParse,
  ObjectDefineProperty,
  ObjectFreeze,
  ObjectGetOwnPropertyDescriptors,
  ObjectPrototypeIsPrototypeOf,
  PromisePrototypeThen,
  PromiseReject,
  PromiseResolve,
  PromiseWithResolvers,
  ReflectOwnKeys,
  StringPrototypeCharCodeAt,
  StringPrototypeSlice,
  TypeError,
  TypedArrayPrototypeGetBuffer,
  TypedArrayPrototypeGetByteLength,
  TypedArrayPrototypeGetByteOffset,
  TypedArrayPrototypeGetSymbolToStringTag,
  TypedArrayPrototypeSet,
  Uint8Array,
} = core.primordials;
const webidl = core.require("webidl");
const { converters } = webidl;
// The blob module (and through it structuredClone's registry) loads only when a body
// needs it: a Blob body, a stream made from a source, blobs(). A plain string or bytes
// Response never loads it.
let blobExports = null;
function blobs() {
  if (blobExports === null) blobExports = core.require("blob");
  return blobExports;
}
function isBlob(value) {
  if (blobExports === null && !isLoaded("blob")) return false;
  return blobs().isBlob(value);
}
let formDataExports = null;
function formData() {
  if (formDataExports === null) formDataExports = core.require("formdata");
  return formDataExports;
}
function isFormData(value) {
  if (formDataExports === null && !isLoaded("formdata")) return false;
  return formData().isFormData(value);
}
const mime = core.require("mime");
const ops = core.ops;

/** Whether module `name` is loaded (core.isLoaded), or conservatively true without it. */
function isLoaded(name) {
  if (typeof core.isLoaded === "function") return core.isLoaded(name);
  return hasModule(name);
}

const hasModule = core.hasModule;

// ---------------------------------------------------------------------------------------
// Streams (20_streams.js internals)

let streamsExports;
function streams() {
  if (streamsExports === undefined) {
    if (!hasModule("streams")) throw new TypeError("ReadableStream is not available in this runtime");
    streamsExports = core.require("streams");
  }
  return streamsExports;
}

function isReadableStream(value) {
  if (value === null || typeof value !== "object") return false;
  // A ReadableStream can only exist once the streams module is loaded.
  if (streamsExports === undefined && !isLoaded("streams")) return false;
  return streams().isReadableStream(value);
}

function isStreamDisturbed(stream) {
  return streams().isReadableStreamDisturbed(stream);
}

function isStreamLocked(stream) {
  return streams().isReadableStreamLocked(stream);
}

function isUint8Array(value) {
  return ArrayBufferIsView(value) && TypedArrayPrototypeGetSymbolToStringTag(value) === "Uint8Array";
}

/**
 * "Fully read" a stream: acquires a reader (kept: the stream stays locked, as the spec's
 * reader is never released) and reads every chunk, each of which must be a Uint8Array,
 * into one Uint8Array.
 */
function readAllBytes(stream) {
  const s = streams();
  let reader;
  try {
    reader = s.acquireReadableStreamDefaultReader(stream);
  } catch (error) {
    return PromiseReject(error);
  }
  const { promise, resolve, reject } = PromiseWithResolvers();
  const chunks = [];
  let total = 0;
  let inRead = false;
  let again = false;
  const onChunk = (chunk) => {
    if (!isUint8Array(chunk)) {
      reject(new TypeError("The body stream produced a chunk that is not a Uint8Array"));
      return;
    }
    ArrayPrototypePush(chunks, chunk);
    total += TypedArrayPrototypeGetByteLength(chunk);
    if (inRead) again = true;
    else pump();
  };
  const onClose = () => {
    // A byte stream's chunks are views on buffers it took over (enqueue transfers them):
    // a single one can be used as is. A default stream's chunks may still be held (and
    // changed) by whoever enqueued them, so they are copied.
    if (chunks.length === 1 && s.isReadableByteStream(stream)) {
      resolve(chunks[0]);
      return;
    }
    const result = new Uint8Array(total);
    let offset = 0;
    for (let i = 0; i < chunks.length; i++) {
      TypedArrayPrototypeSet(result, chunks[i], offset);
      offset += TypedArrayPrototypeGetByteLength(chunks[i]);
    }
    resolve(result);
  };
  const pump = () => {
    do {
      again = false;
      inRead = true;
      s.readableStreamDefaultReaderReadWith(reader, onChunk, onClose, reject);
      inRead = false;
    } while (again);
  };
  pump();
  return promise;
}

// ---------------------------------------------------------------------------------------
// URLSearchParams (16_url.js)

let urlExports;
function url() {
  if (urlExports === undefined) urlExports = hasModule("url") ? core.require("url") : null;
  return urlExports;
}

function isURLSearchParams(value) {
  if (value === null || typeof value !== "object") return false;
  if (urlExports === undefined && !isLoaded("url")) return false;
  const u = url();
  if (u === null) return false;
  if (typeof u.isURLSearchParams === "function") return u.isURLSearchParams(value);
  return ObjectPrototypeIsPrototypeOf(u.URLSearchParams.prototype, value);
}

function serializeURLSearchParams(params) {
  const u = url();
  if (typeof u.serializeURLSearchParams === "function") return u.serializeURLSearchParams(params);
  return core.primordials.FunctionPrototypeCall(u.URLSearchParams.prototype.toString, params);
}

// ---------------------------------------------------------------------------------------
// Bodies

/**
 * A body: `stream` (a ReadableStream, or null until needed), `source` (a string, a
 * Uint8Array, a Blob, or null for stream bodies), `length` (bytes or null).
 * `used` marks a fast-path consumption or transfer while `stream` is still null.
 */
class InnerBody {
  stream = null;
  source = null;
  length = null;
  used = false;
  // True when another body (a clone) may share `source`'s bytes.
  shared = false;
}

function bodyFromStream(stream) {
  const body = new InnerBody();
  body.stream = stream;
  return body;
}

function bodyFromSource(source, length = null) {
  const body = new InnerBody();
  body.source = source;
  body.length = length;
  return body;
}

/** The bytes of a source; a copy unless `mayShare` allows an internal array. */
function sourceBytes(source, mayShare) {
  if (typeof source === "string") return ops.utf8Encode(source);
  if (isBlob(source)) return mayShare ? blobs().blobBytesShared(source) : blobs().blobBytesCopy(source);
  if (mayShare) return source;
  const copy = new Uint8Array(TypedArrayPrototypeGetByteLength(source));
  TypedArrayPrototypeSet(copy, source);
  return copy;
}

/** The body's stream, created from its source on first use. */
function bodyStream(body) {
  if (body.stream !== null) return body.stream;
  let stream;
  if (body.used) {
    // Consumed or transferred through the fast path: the stream the spec would have by
    // now is closed, locked by a reader and disturbed.
    stream = blobs().partsStream([]);
    const s = streams();
    const reader = s.acquireReadableStreamDefaultReader(stream);
    PromisePrototypeThen(s.readableStreamDefaultReaderRead(reader), undefined, () => {});
  } else if (isBlob(body.source)) {
    stream = blobs().blobStream(body.source);
  } else {
    const bytes = typeof body.source === "string" ? ops.utf8Encode(body.source) : body.source;
    stream = blobs().partsStream(TypedArrayPrototypeGetByteLength(bytes) === 0 ? [] : [bytes]);
  }
  body.stream = stream;
  return stream;
}

function isDisturbed(body) {
  if (body.stream === null) return body.used;
  return isStreamDisturbed(body.stream);
}

function isLocked(body) {
  if (body.stream === null) return body.used;
  return isStreamLocked(body.stream);
}

/** https://fetch.spec.whatwg.org/#body-unusable */
function isUnusable(body) {
  return body !== null && (isDisturbed(body) || isLocked(body));
}

/**
 * Fully reads `body`: a promise of its bytes as a Uint8Array owned by the caller, or of
 * a string when `asText` and the source is a string (the fast path for text()/json()).
 */
function fullyRead(body, asText = false) {
  if (body.stream === null) {
    body.used = true;
    const source = body.source;
    if (asText && typeof source === "string") return PromiseResolve(source);
    return PromiseResolve(sourceBytes(source, !body.shared && !isBlob(source)));
  }
  return readAllBytes(body.stream);
}

/** Clones a body (https://fetch.spec.whatwg.org/#concept-body-clone). */
function cloneBody(body) {
  const clone = new InnerBody();
  clone.source = body.source;
  clone.length = body.length;
  if (body.stream === null) {
    body.shared = true;
    clone.shared = true;
    return clone;
  }
  const branches = streams().readableStreamTee(body.stream, true);
  body.stream = branches[0];
  clone.stream = branches[1];
  return clone;
}

/**
 * Moves `body` into a new body and leaves the old one disturbed and locked (the effect of
 * the spec's "create a proxy": new Request(input) takes input's body).
 */
function transferBody(body) {
  if (body.stream === null) {
    const moved = new InnerBody();
    moved.source = body.source;
    moved.length = body.length;
    moved.shared = body.shared;
    body.used = true;
    return moved;
  }
  const s = streams();
  const source = body.stream;
  const reader = s.acquireReadableStreamDefaultReader(source);
  // The first read starts now, as a pipe's would: the input is disturbed at once.
  let pending = s.readableStreamDefaultReaderRead(reader);
  PromisePrototypeThen(pending, undefined, () => {});
  const stream = blobs().newByteStream(
    (output) => {
      const read = pending ?? s.readableStreamDefaultReaderRead(reader);
      pending = null;
      return PromisePrototypeThen(read, (result) => {
        if (result.done) {
          blobs().byteStreamClose(output);
          return;
        }
        const chunk = result.value;
        if (!isUint8Array(chunk)) {
          const error = new TypeError("A body stream chunk is not a Uint8Array");
          blobs().byteStreamError(output, error);
          s.readableStreamCancel(source, error);
          return;
        }
        // A byte stream takes ownership of enqueued buffers: enqueue a copy.
        const length = TypedArrayPrototypeGetByteLength(chunk);
        if (length === 0) return;
        const copy = new Uint8Array(length);
        TypedArrayPrototypeSet(copy, chunk);
        blobs().byteStreamEnqueue(output, copy);
      }, (error) => {
        blobs().byteStreamError(output, error);
      });
    },
    (reason) => s.readableStreamCancel(source, reason),
  );
  const moved = bodyFromStream(stream);
  moved.source = body.source;
  moved.length = body.length;
  return moved;
}

/** A copy of the bytes a BufferSource holds (none for a detached buffer). */
function copyBufferSourceBytes(source) {
  const length = ArrayBufferIsView(source)
    ? (TypedArrayPrototypeGetSymbolToStringTag(source) !== undefined
      ? TypedArrayPrototypeGetByteLength(source) : DataViewPrototypeGetByteLength(source))
    : ArrayBufferPrototypeGetByteLength(source);
  const copy = new Uint8Array(length);
  if (length > 0) TypedArrayPrototypeSet(copy, webidl.bufferSourceBytes(source));
  return copy;
}

// ---------------------------------------------------------------------------------------
// Extracting a body (https://fetch.spec.whatwg.org/#concept-bodyinit-extract)

/**
 * Converts a BodyInit value: (ReadableStream or Blob or BufferSource or FormData or
 * URLSearchParams or USVString). Returns a tagged value.
 */
function convertBodyInit(value, prefix, context) {
  // The union's member types are disjoint, so the order of these checks is not
  // observable; the cheap ones come first (the url and streams modules load lazily).
  if (value !== null && typeof value === "object") {
    if (isBlob(value)) return value;
    if (core.primordials.ArrayBufferIsView(value) || webidl.isArrayBufferBranded(value)) {
      return converters.BufferSource(value, prefix, context);
    }
    if (isFormData(value)) return value;
    if (isURLSearchParams(value)) return value;
    if (isReadableStream(value)) return value;
  }
  return converters.USVString(value, prefix, context);
}

/**
 * https://fetch.spec.whatwg.org/#concept-bodyinit-extract: `{ body, type }` for a
 * converted BodyInit. Throws TypeError for a used/locked stream (and with keepalive).
 */
function extractBody(object, keepalive = false) {
  if (typeof object === "string") {
    return { body: bodyFromSource(object), type: "text/plain;charset=UTF-8" };
  }
  if (isBlob(object)) {
    const type = blobs().blobType(object);
    return { body: bodyFromSource(object, blobs().blobSize(object)), type: type === "" ? null : type };
  }
  if (isFormData(object)) {
    const { blob, boundary } = formData().serializeMultipart(formData().entriesOf(object));
    return {
      body: bodyFromSource(blob, blobs().blobSize(blob)),
      type: `multipart/form-data; boundary=${boundary}`,
    };
  }
  if (isURLSearchParams(object)) {
    return {
      body: bodyFromSource(serializeURLSearchParams(object)),
      type: "application/x-www-form-urlencoded;charset=UTF-8",
    };
  }
  if (isReadableStream(object)) {
    if (keepalive) throw new TypeError("A keepalive request cannot have a ReadableStream body");
    if (isStreamDisturbed(object) || isStreamLocked(object)) {
      throw new TypeError("The ReadableStream body is already disturbed or locked");
    }
    return { body: bodyFromStream(object), type: null };
  }
  // BufferSource: a copy of its bytes.
  const bytes = copyBufferSourceBytes(object);
  return { body: bodyFromSource(bytes, TypedArrayPrototypeGetByteLength(bytes)), type: null };
}

// ---------------------------------------------------------------------------------------
// Consuming (https://fetch.spec.whatwg.org/#concept-body-consume-body)

function stripBOM(s) {
  return s.length > 0 && StringPrototypeCharCodeAt(s, 0) === 0xfeff ? StringPrototypeSlice(s, 1) : s;
}

function decodeText(result) {
  if (typeof result === "string") return stripBOM(result);
  return ops.utf8Decode(result, false, false);
}

/** An ArrayBuffer with the bytes of `bytes` (its own buffer when it covers it exactly). */
function toArrayBuffer(bytes) {
  const buffer = TypedArrayPrototypeGetBuffer(bytes);
  if (TypedArrayPrototypeGetByteOffset(bytes) === 0 &&
      ArrayBufferPrototypeGetByteLength(buffer) === TypedArrayPrototypeGetByteLength(bytes)) {
    return buffer;
  }
  const copy = new Uint8Array(TypedArrayPrototypeGetByteLength(bytes));
  TypedArrayPrototypeSet(copy, bytes);
  return TypedArrayPrototypeGetBuffer(copy);
}

function toBytes(bytes) {
  const buffer = TypedArrayPrototypeGetBuffer(bytes);
  if (TypedArrayPrototypeGetByteOffset(bytes) === 0 &&
      ArrayBufferPrototypeGetByteLength(buffer) === TypedArrayPrototypeGetByteLength(bytes)) {
    return bytes;
  }
  return new Uint8Array(toArrayBuffer(bytes));
}

function emptyBytes() {
  return new Uint8Array(0);
}

/**
 * Installs the Body mixin on `Class.prototype`. `access(self)` returns
 * `{ body, contentType }` for a branded object (body an InnerBody or null, contentType
 * the combined Content-Type value or null) and throws "Illegal invocation" otherwise.
 */
function mixinBody(Class, name, isInstance, getBody, getContentType) {
  const consume = (self, method, convert, asText = false) => {
    if (!isInstance(self)) return PromiseReject(new TypeError("Illegal invocation"));
    const body = getBody(self);
    if (body !== null && isUnusable(body)) {
      return PromiseReject(new TypeError(`Failed to execute '${method}' on '${name}': body stream already read`));
    }
    const read = body === null ? PromiseResolve(asText ? "" : emptyBytes()) : fullyRead(body, asText);
    return PromisePrototypeThen(read, (result) => convert(self, result));
  };

  const methods = {
    get body() {
      webidl.assertBranded(this, isInstance);
      const body = getBody(this);
      return body === null ? null : bodyStream(body);
    },
    get bodyUsed() {
      webidl.assertBranded(this, isInstance);
      const body = getBody(this);
      return body !== null && isDisturbed(body);
    },
    arrayBuffer() {
      return consume(this, "arrayBuffer", (_, bytes) => toArrayBuffer(bytes));
    },
    blob() {
      return consume(this, "blob", (self, bytes) => {
        const mimeType = mime.extractMimeType(getContentType(self));
        const type = mimeType === null ? "" : mime.serializeMimeType(mimeType);
        return blobs().blobFromBytes(toBytes(bytes), type);
      });
    },
    bytes() {
      return consume(this, "bytes", (_, bytes) => toBytes(bytes));
    },
    formData() {
      return consume(this, "formData", (self, bytes) => {
        const mimeType = mime.extractMimeType(getContentType(self));
        const essence = mimeType === null ? null : mime.essence(mimeType);
        if (essence === "multipart/form-data") {
          const boundary = core.primordials.MapPrototypeGet(mimeType.parameters, "boundary");
          if (boundary === undefined) {
            throw new TypeError(`Failed to execute 'formData' on '${name}': the multipart/form-data Content-Type has no boundary`);
          }
          return formData().formDataFromEntries(formData().parseMultipart(bytes, boundary));
        }
        if (essence === "application/x-www-form-urlencoded") {
          return formData().formDataFromEntries(formData().parseUrlencodedBytes(bytes));
        }
        throw new TypeError(`Failed to execute 'formData' on '${name}': the Content-Type is neither multipart/form-data nor application/x-www-form-urlencoded`);
      });
    },
    json() {
      return consume(this, "json", (_, result) => JSONParse(decodeText(result)), true);
    },
    text() {
      return consume(this, "text", (_, result) => decodeText(result), true);
    },
  };
  const descriptors = ObjectGetOwnPropertyDescriptors(methods);
  const keys = ReflectOwnKeys(descriptors);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const descriptor = descriptors[key];
    descriptor.enumerable = true;
    ObjectDefineProperty(Class.prototype, key, descriptor);
  }
}

// ---------------------------------------------------------------------------------------
// Host conversion

/**
 * Hands a body to the host (HTTP server, fetch): `null`, a string, a Uint8Array (not to
 * be modified; read before JS runs again) or a ReadableStream. Marks the body used.
 * Throws a TypeError when the body was already used or is locked.
 */
function bodyToHost(body, allowString) {
  if (body === null) return null;
  if (isUnusable(body)) throw new TypeError("The body has already been used or is locked");
  const source = body.source;
  if (body.stream !== null) {
    if (source === null) return body.stream;
    // `.body` was read but nothing consumed it: the stream would only replay the source.
    // Lock and disturb it (as the host reading it would) and hand over the source.
    const s = streams();
    const reader = s.acquireReadableStreamDefaultReader(body.stream);
    PromisePrototypeThen(s.readableStreamCancel(body.stream, undefined), undefined, () => {});
    void reader;
  } else {
    body.used = true;
  }
  if (typeof source === "string") return allowString ? source : ops.utf8Encode(source);
  if (isBlob(source)) return blobs().blobBytesShared(source);
  return source;
}

// ---------------------------------------------------------------------------------------
// Shared by Request and Response: URLs and abort signals

let urlParser = null;

/**
 * Parses `input` against `base` (a string or undefined). Returns
 * `{ href, hasCredentials, scheme, hostname, port, pathname }`-like data from the url
 * module, or null on failure.
 */
function parseURL(input, base) {
  const u = url();
  if (u === null) throw new TypeError("URL parsing is not available in this runtime");
  if (urlParser === null) {
    if (typeof u.parseURL === "function" && typeof u.serializeURL === "function") {
      // The url module's internals: parseURL returns a URL record or null.
      urlParser = (input, base) => {
        const record = u.parseURL(input, base);
        if (record === null || record === undefined) return null;
        return {
          href: u.serializeURL(record),
          username: record.username,
          password: record.password,
          protocol: `${record.scheme}:`,
          pathname: record.path,
          get origin() {
            return u.serializeOrigin(record);
          },
        };
      };
    } else {
      const URL = u.URL;
      const call = core.primordials.FunctionPrototypeCall;
      const getter = (name) => ObjectGetOwnPropertyDescriptors(URL.prototype)[name].get;
      const hrefGetter = getter("href");
      const usernameGetter = getter("username");
      const passwordGetter = getter("password");
      const protocolGetter = getter("protocol");
      const pathnameGetter = getter("pathname");
      const originGetter = getter("origin");
      urlParser = (input, base) => {
        let parsed;
        try {
          parsed = base === undefined ? new URL(input) : new URL(input, base);
        } catch {
          return null;
        }
        return {
          href: call(hrefGetter, parsed),
          username: call(usernameGetter, parsed),
          password: call(passwordGetter, parsed),
          protocol: call(protocolGetter, parsed),
          pathname: call(pathnameGetter, parsed),
          origin: call(originGetter, parsed),
        };
      };
    }
  }
  return urlParser(input, base);
}

/** The realm's API base URL (`--location`), or undefined. */
function baseURL() {
  return core.config.location ?? undefined;
}

let abortExports;
function abort() {
  if (abortExports === undefined) abortExports = hasModule("abort") ? core.require("abort") : null;
  return abortExports;
}

function isAbortSignal(value) {
  if (value === null || typeof value !== "object") return false;
  const a = abort();
  if (a === null) return false;
  if (typeof a.isAbortSignal === "function") return a.isAbortSignal(value);
  if (typeof a.AbortSignal.isInstance === "function") return a.AbortSignal.isInstance(value);
  return ObjectPrototypeIsPrototypeOf(a.AbortSignal.prototype, value);
}

/**
 * A new AbortSignal that follows `parent` (https://dom.spec.whatwg.org/#create-a-dependent-abort-signal),
 * or a new never-aborted signal when `parent` is null.
 */
function createDependentSignal(parent) {
  const a = abort();
  if (a === null) return null;
  if (parent === null) {
    if (typeof a.newAbortSignal === "function") return a.newAbortSignal();
    return new a.AbortController().signal;
  }
  if (typeof a.createDependentAbortSignal === "function") return a.createDependentAbortSignal([parent]);
  return a.AbortSignal.any([parent]);
}


return ObjectFreeze({
  __proto__: null,
  baseURL,
  bodyFromSource,
  bodyFromStream,
  bodyStream,
  bodyToHost,
  cloneBody,
  convertBodyInit,
  createDependentSignal,
  extractBody,
  fullyRead,
  isAbortSignal,
  isDisturbed,
  isLocked,
  isReadableStream,
  isUnusable,
  mixinBody,
  parseURL,
  transferBody,
});
