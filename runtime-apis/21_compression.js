// Compression Streams (https://compression.spec.whatwg.org/): CompressionStream and
// DecompressionStream, TransformStreams whose work runs in zlib / brotli through the
// `compression*` ops (Sources/VergeEdge/Ops/CompressionOps.swift).
//
// Formats: "deflate" (RFC 1950), "deflate-raw" (RFC 1951), "gzip" (RFC 1952), and
// "brotli" (RFC 7932, added to the standard in 2025). Chunks must be BufferSources (not
// backed by a SharedArrayBuffer); each output buffer is enqueued as one Uint8Array.
// Decompression errors are TypeErrors: corrupt input, input that ends before the end of
// the compressed stream (at flush), and data after the end of the compressed stream
// (after the output decoded before it has been enqueued).

const {
  ArrayIsArray,
  ObjectFreeze,
  PromiseReject,
  PromiseResolve,
  SafeFinalizationRegistry,
  TypeError,
} = core.primordials;
const { ops } = core;
const webidl = core.require("webidl");
const streams = core.require("streams");

const formatConverter = webidl.createEnumConverter("CompressionFormat", [
  "deflate",
  "deflate-raw",
  "gzip",
  "brotli",
]);

// Frees the native context of a stream that was dropped without being closed or cancelled.
const contexts = new SafeFinalizationRegistry((id) => ops.compressionFree(id));

/**
 * The shared state of a (de)compression stream: its native context id, released once the
 * stream is flushed, errored or cancelled.
 */
class Codec {
  id;
  constructor(format, decompress) {
    this.id = ops.compressionCreate(format, decompress);
  }
  release() {
    if (this.id !== 0) {
      ops.compressionFree(this.id);
      this.id = 0;
    }
  }
}

const emptyBytes = new Uint8Array(0);

function chunkBytes(chunk, operation) {
  // "If chunk is not a BufferSource type, then throw a TypeError."
  const source = webidl.converters.BufferSource(chunk, `Failed to ${operation}`, "The chunk");
  try {
    return webidl.bufferSourceBytes(source);
  } catch {
    // A detached buffer holds no bytes ("get a copy of the bytes held by" gives none).
    return emptyBytes;
  }
}

function enqueueOutput(controller, output) {
  // "If buffer is empty, return." Otherwise enqueue it as one Uint8Array.
  if (output !== undefined && output.length !== 0) {
    streams.transformStreamDefaultControllerEnqueue(controller, output);
  }
}

/**
 * Builds the TransformStream of a CompressionStream / DecompressionStream.
 * Returns it. The native context is freed at flush, error or cancel, or when the stream
 * (which holds `codec` through its algorithms) is garbage collected.
 */
function setUpTransform(format, decompress) {
  const codec = new Codec(format, decompress);
  const operation = decompress ? "decompress" : "compress";
  const stream = streams.createTransformStream(
    // transformAlgorithm: compress/decompress and enqueue a chunk.
    (chunk, controller) => {
      try {
        if (codec.id === 0) throw new TypeError(`Failed to ${operation}: the stream is closed`);
        const bytes = chunkBytes(chunk, operation);
        const result = ops.compressionPush(codec.id, bytes);
        if (ArrayIsArray(result)) {
          // Output decoded before data that follows the end of the compressed stream:
          // enqueue it, then fail.
          enqueueOutput(controller, result[0]);
          codec.release();
          return PromiseReject(new TypeError(result[1]));
        }
        enqueueOutput(controller, result);
        return PromiseResolve(undefined);
      } catch (error) {
        codec.release();
        return PromiseReject(error);
      }
    },
    // flushAlgorithm: compress/decompress flush and enqueue.
    (controller) => {
      try {
        if (codec.id === 0) return PromiseResolve(undefined);
        const id = codec.id;
        codec.id = 0; // compressionFinish frees the context, even when it throws
        enqueueOutput(controller, ops.compressionFinish(id));
        return PromiseResolve(undefined);
      } catch (error) {
        return PromiseReject(error);
      }
    },
    // cancelAlgorithm: drop the context.
    () => {
      codec.release();
      return PromiseResolve(undefined);
    },
  );
  contexts.register(codec, codec.id);
  return stream;
}

let isCompressionStream;
let isDecompressionStream;

class CompressionStream {
  #transform;

  constructor(format) {
    const prefix = "Failed to construct 'CompressionStream'";
    webidl.requiredArguments(arguments.length, 1, prefix);
    format = formatConverter(format, prefix, "Argument 1");
    this.#transform = setUpTransform(format, false);
  }

  get readable() {
    webidl.assertBranded(this, isCompressionStream);
    return streams.transformStreamGetReadable(this.#transform);
  }

  get writable() {
    webidl.assertBranded(this, isCompressionStream);
    return streams.transformStreamGetWritable(this.#transform);
  }

  static {
    isCompressionStream = (value) => value !== null && typeof value === "object" && #transform in value;
  }
}

class DecompressionStream {
  #transform;

  constructor(format) {
    const prefix = "Failed to construct 'DecompressionStream'";
    webidl.requiredArguments(arguments.length, 1, prefix);
    format = formatConverter(format, prefix, "Argument 1");
    this.#transform = setUpTransform(format, true);
  }

  get readable() {
    webidl.assertBranded(this, isDecompressionStream);
    return streams.transformStreamGetReadable(this.#transform);
  }

  get writable() {
    webidl.assertBranded(this, isDecompressionStream);
    return streams.transformStreamGetWritable(this.#transform);
  }

  static {
    isDecompressionStream = (value) => value !== null && typeof value === "object" && #transform in value;
  }
}

webidl.configureInterface(CompressionStream);
webidl.configureInterface(DecompressionStream);

/**
 * Decompresses all of `bytes` (a Uint8Array) in `format` synchronously: used by tests and
 * by fetch for data held in memory.
 */
function decompressBytes(format, bytes) {
  const id = ops.compressionCreate(format, true);
  try {
    const result = ops.compressionPush(id, bytes);
    if (ArrayIsArray(result)) throw new TypeError(result[1]);
    const tail = ops.compressionFinish(id);
    return { head: result, tail };
  } finally {
    ops.compressionFree(id);
  }
}

return ObjectFreeze({
  __proto__: null,
  CompressionStream,
  DecompressionStream,
  isCompressionStream,
  isDecompressionStream,
  decompressBytes,
});
