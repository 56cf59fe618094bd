// The WHATWG Streams Standard (https://streams.spec.whatwg.org/): ReadableStream (default
// and byte sources, default and BYOB readers, tee, pipes, async iteration, from()),
// WritableStream, TransformStream, the queuing strategies, and the internal abstract
// operations other modules (bodies, fetch, compression, text streams, the HTTP server) use.
//
// Structure. Every public object (ReadableStream, a reader, a controller, …) holds one
// private field pointing to an internal record that carries the spec's internal slots
// ([[state]], [[queue]], …). The abstract operations below work on those records, named
// as in the spec; public objects are created lazily for records that user code never sees
// (the controllers of internally created streams, the readers of pipes and tees). The
// exported internals at the end take and return public objects.
//
// Promises are created with the Promise constructor captured at startup, reacted to with
// the captured Promise.prototype.then, and never through user-replaceable methods; reads
// done by pipes, tees and other modules go through read requests (callbacks), so they never
// look up `then` on a result object.

const {
  ArrayBuffer,
  ArrayBufferIsView,
  ArrayBufferPrototypeGetByteLength,
  ArrayBufferPrototypeGetDetached,
  ArrayBufferPrototypeGetResizable,
  ArrayBufferPrototypeSlice,
  ArrayBufferPrototypeTransfer,
  ArrayPrototypePush,
  ArrayPrototypeSlice,
  DataView,
  DataViewPrototypeGetBuffer,
  DataViewPrototypeGetByteLength,
  DataViewPrototypeGetByteOffset,
  ReflectApply,
  MathMin,
  MathTrunc,
  NumberIsNaN,
  ObjectCreate,
  ObjectDefineProperty,
  ObjectFreeze,
  ObjectGetPrototypeOf,
  ObjectPrototypeIsPrototypeOf,
  ObjectSetPrototypeOf,
  Promise,
  PromisePrototypeThen,
  PromiseReject,
  PromiseResolve,
  PromiseWithResolvers,
  RangeError,
  SymbolAsyncIterator,
  SymbolIterator,
  SymbolToStringTag,
  TypeError,
  TypedArrayPrototypeGetBuffer,
  TypedArrayPrototypeGetByteLength,
  TypedArrayPrototypeGetByteOffset,
  TypedArrayPrototypeGetLength,
  TypedArrayPrototypeGetSymbolToStringTag,
  TypedArrayPrototypeSet,
  TypedArrayPrototypeSlice,
  Uint8Array,
  Int8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
  AsyncIteratorPrototype,
} = core.primordials;

const webidl = core.require("webidl");
const { converters } = webidl;

// ---------------------------------------------------------------------------------------
// Promise helpers (WebIDL "a new promise", "resolve", "upon fulfillment", …)

const noop = () => {};
const resolvedPromise = PromiseResolve(undefined);

/** A promise with its resolve/reject functions and whether it is still pending. */
class Deferred {
  constructor() {
    const capability = PromiseWithResolvers();
    this.pending = true;
    this.resolveFn = capability.resolve;
    this.rejectFn = capability.reject;
    this.promise = capability.promise;
  }
  resolve(value) {
    if (!this.pending) return;
    this.pending = false;
    this.resolveFn(value);
  }
  reject(reason) {
    if (!this.pending) return;
    this.pending = false;
    this.rejectFn(reason);
  }
}

/** A Deferred that is already settled: its promise is resolved with `value`. */
function resolvedDeferred(value) {
  const d = new Deferred();
  d.resolve(value);
  return d;
}

/** A Deferred already rejected with `reason`, marked as handled. */
function rejectedHandledDeferred(reason) {
  const d = new Deferred();
  d.reject(reason);
  setPromiseIsHandledToTrue(d.promise);
  return d;
}

function promiseResolvedWith(value) {
  const capability = PromiseWithResolvers();
  capability.resolve(value);
  return capability.promise;
}

function promiseRejectedWith(reason) {
  const capability = PromiseWithResolvers();
  capability.reject(reason);
  return capability.promise;
}

/** "Upon fulfillment/rejection": reactions that never throw; no derived rejection escapes. */
function uponPromise(promise, onFulfilled, onRejected) {
  PromisePrototypeThen(promise, onFulfilled, onRejected === undefined ? noop : onRejected);
}

function uponFulfillment(promise, onFulfilled) {
  PromisePrototypeThen(promise, onFulfilled, noop);
}

function uponRejection(promise, onRejected) {
  PromisePrototypeThen(promise, undefined, onRejected);
}

/** "The result of reacting to promise": a derived promise. */
function transformPromiseWith(promise, onFulfilled, onRejected) {
  return PromisePrototypeThen(promise, onFulfilled, onRejected);
}

function setPromiseIsHandledToTrue(promise) {
  PromisePrototypeThen(promise, undefined, noop);
}

/** Runs `fn` in a microtask (reaction jobs on a fulfilled promise are queued at once). */
function queueMicrotask(fn) {
  PromisePrototypeThen(resolvedPromise, fn);
}

/**
 * Invokes a WebIDL callback whose return type is a promise: exceptions become a rejected
 * promise and the return value is resolved into a new promise.
 */
function invokePromiseCallback(fn, thisArg, arg0, arg1, argc) {
  try {
    let result;
    if (argc === 0) result = ReflectApply(fn, thisArg, []);
    else if (argc === 1) result = ReflectApply(fn, thisArg, [arg0]);
    else result = ReflectApply(fn, thisArg, [arg0, arg1]);
    // The promise of an algorithm is only ever reacted to, never handed to user code, so
    // one shared fulfilled promise can stand for every "promise resolved with undefined".
    if (result === undefined) return resolvedPromise;
    return promiseResolvedWith(result);
  } catch (e) {
    return promiseRejectedWith(e);
  }
}

// ---------------------------------------------------------------------------------------
// Queues

/** A FIFO list with O(1) shift (array plus head index, compacted now and then). */
class List {
  constructor() {
    this.items = [];
    this.head = 0;
  }
  get size() {
    return this.items.length - this.head;
  }
  isEmpty() {
    return this.items.length === this.head;
  }
  push(item) {
    // An indexed store (as fast as it gets in JavaScriptCore, unlike a call through an
    // uncurried primordial); same [[Set]] semantics as Array.prototype.push.
    const items = this.items;
    items[items.length] = item;
  }
  peek() {
    return this.items[this.head];
  }
  shift() {
    const items = this.items;
    const item = items[this.head];
    items[this.head] = undefined;
    this.head++;
    if (this.head === items.length) {
      items.length = 0;
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > items.length) {
      this.items = ArrayPrototypeSlice(items, this.head);
      this.head = 0;
    }
    return item;
  }
  /** Removes and returns every item, leaving the list empty. */
  takeAll() {
    const items = this.head === 0 ? this.items : ArrayPrototypeSlice(this.items, this.head);
    this.items = [];
    this.head = 0;
    return items;
  }
  clear() {
    this.items = [];
    this.head = 0;
  }
}

// Queue-with-sizes (https://streams.spec.whatwg.org/#queue-with-sizes): the container
// (a controller) has `queue` (a List of value, size, value, size, …) and `queueTotalSize`.

function isNonNegativeNumber(v) {
  if (typeof v !== "number") return false;
  if (NumberIsNaN(v)) return false;
  if (v < 0) return false;
  return true;
}

function dequeueValue(container) {
  const queue = container.queue;
  const value = queue.shift();
  const size = queue.shift();
  container.queueTotalSize -= size;
  if (container.queueTotalSize < 0) container.queueTotalSize = 0;
  return value;
}

function enqueueValueWithSize(container, value, size) {
  if (!isNonNegativeNumber(size)) {
    throw new RangeError("The size of a chunk must be a finite, non-negative number");
  }
  if (size === Infinity) {
    throw new RangeError("The size of a chunk must be a finite, non-negative number");
  }
  container.queue.push(value);
  container.queue.push(size);
  container.queueTotalSize += size;
}

function peekQueueValue(container) {
  return container.queue.peek();
}

function resetQueue(container) {
  container.queue = new List();
  container.queueTotalSize = 0;
}

// ---------------------------------------------------------------------------------------
// Array buffers

function isDetachedBuffer(buffer) {
  return ArrayBufferPrototypeGetDetached(buffer);
}

/**
 * TransferArrayBuffer: detaches `buffer` and returns a new ArrayBuffer with its bytes.
 * Throws a TypeError for buffers that cannot be detached (WebAssembly.Memory buffers).
 */
function transferArrayBuffer(buffer) {
  return ArrayBufferPrototypeTransfer(buffer);
}

function typedArrayName(view) {
  return TypedArrayPrototypeGetSymbolToStringTag(view);
}

function viewBuffer(view) {
  return typedArrayName(view) !== undefined ? TypedArrayPrototypeGetBuffer(view) : DataViewPrototypeGetBuffer(view);
}

function viewByteOffset(view) {
  return typedArrayName(view) !== undefined ? TypedArrayPrototypeGetByteOffset(view) : DataViewPrototypeGetByteOffset(view);
}

function viewByteLength(view) {
  return typedArrayName(view) !== undefined ? TypedArrayPrototypeGetByteLength(view) : DataViewPrototypeGetByteLength(view);
}

const typedArrayTable = {
  __proto__: null,
  Int8Array: [Int8Array, 1],
  Uint8Array: [Uint8Array, 1],
  Uint8ClampedArray: [Uint8ClampedArray, 1],
  Int16Array: [Int16Array, 2],
  Uint16Array: [Uint16Array, 2],
  Int32Array: [Int32Array, 4],
  Uint32Array: [Uint32Array, 4],
  Float32Array: [Float32Array, 4],
  Float64Array: [Float64Array, 8],
  BigInt64Array: [BigInt64Array, 8],
  BigUint64Array: [BigUint64Array, 8],
};
if (typeof core.primordials.Float16Array === "function") {
  typedArrayTable.Float16Array = [core.primordials.Float16Array, 2];
}

/** CopyDataBlockBytes between two ArrayBuffers. */
function copyDataBlockBytes(toBuffer, toIndex, fromBuffer, fromIndex, count) {
  TypedArrayPrototypeSet(new Uint8Array(toBuffer, toIndex, count), new Uint8Array(fromBuffer, fromIndex, count));
}

/** CloneArrayBuffer(srcBuffer, srcByteOffset, srcLength): a new ArrayBuffer with a copy. */
function cloneArrayBuffer(buffer, byteOffset, byteLength) {
  return ArrayBufferPrototypeSlice(buffer, byteOffset, byteOffset + byteLength);
}

/** CloneAsUint8Array(O). */
function cloneAsUint8Array(view) {
  const info = viewInfo(view);
  const buffer = cloneArrayBuffer(info.buffer, info.byteOffset, info.byteLength);
  return new Uint8Array(buffer);
}

/** StructuredClone for tee's cloneForBranch2 (bytes are copied; other values via structuredClone). */
function structuredCloneChunk(chunk) {
  if (ArrayBufferIsView(chunk)) {
    const name = typedArrayName(chunk);
    if (name !== undefined) {
      const buffer = cloneArrayBuffer(TypedArrayPrototypeGetBuffer(chunk), TypedArrayPrototypeGetByteOffset(chunk),
        TypedArrayPrototypeGetByteLength(chunk));
      return new typedArrayTable[name][0](buffer);
    }
    const buffer = cloneArrayBuffer(DataViewPrototypeGetBuffer(chunk), DataViewPrototypeGetByteOffset(chunk),
      DataViewPrototypeGetByteLength(chunk));
    return new DataView(buffer);
  }
  const clone = structuredCloneFunction();
  if (clone === null) {
    if (chunk === null || (typeof chunk !== "object" && typeof chunk !== "function")) return chunk;
    throw new TypeError("structuredClone is not available to clone this chunk");
  }
  return clone(chunk);
}

let structuredCloneImpl;
function structuredCloneFunction() {
  if (structuredCloneImpl === undefined) {
    structuredCloneImpl = null;
    if (moduleAvailable("structured_clone")) {
      const mod = core.require("structured_clone");
      if (typeof mod.structuredClone === "function") structuredCloneImpl = mod.structuredClone;
    }
  }
  return structuredCloneImpl;
}

const moduleAvailable = core.hasModule;

// ---------------------------------------------------------------------------------------
// AbortSignal (from the `abort` module)

let abortModule;
function abort() {
  if (abortModule === undefined) abortModule = moduleAvailable("abort") ? core.require("abort") : null;
  return abortModule;
}

function isAbortSignal(value) {
  const mod = abort();
  return mod !== null && mod.AbortSignal.isInstance(value);
}

// ---------------------------------------------------------------------------------------
// Errors and WebIDL plumbing

const kInternal = ObjectFreeze({ __proto__: null });

function illegalInvocation(prefix) {
  return new TypeError(`${prefix}: Illegal invocation`);
}

function requiredArguments(length, required, prefix) {
  webidl.requiredArguments(length, required, prefix);
}

const convertQueuingStrategy = webidl.createDictionaryConverter("QueuingStrategy", [
  { key: "highWaterMark", converter: converters["unrestricted double"] },
  { key: "size", converter: converters.Function },
]);

const convertQueuingStrategyInit = webidl.createDictionaryConverter("QueuingStrategyInit", [
  { key: "highWaterMark", converter: converters["unrestricted double"], required: true },
]);

const convertReadableStreamType = webidl.createEnumConverter("ReadableStreamType", ["bytes"]);

const convertUnderlyingSource = webidl.createDictionaryConverter("UnderlyingSource", [
  { key: "autoAllocateChunkSize", converter: (v, p, c) => converters["unsigned long long"](v, p, c, { enforceRange: true }) },
  { key: "cancel", converter: converters.Function },
  { key: "pull", converter: converters.Function },
  { key: "start", converter: converters.Function },
  { key: "type", converter: convertReadableStreamType },
]);

const convertUnderlyingSink = webidl.createDictionaryConverter("UnderlyingSink", [
  { key: "abort", converter: converters.Function },
  { key: "close", converter: converters.Function },
  { key: "start", converter: converters.Function },
  { key: "type", converter: converters.any },
  { key: "write", converter: converters.Function },
]);

const convertTransformer = webidl.createDictionaryConverter("Transformer", [
  { key: "cancel", converter: converters.Function },
  { key: "flush", converter: converters.Function },
  { key: "readableType", converter: converters.any },
  { key: "start", converter: converters.Function },
  { key: "transform", converter: converters.Function },
  { key: "writableType", converter: converters.any },
]);

const convertReaderMode = webidl.createEnumConverter("ReadableStreamReaderMode", ["byob"]);

const convertGetReaderOptions = webidl.createDictionaryConverter("ReadableStreamGetReaderOptions", [
  { key: "mode", converter: convertReaderMode },
]);

const convertIteratorOptions = webidl.createDictionaryConverter("ReadableStreamIteratorOptions", [
  { key: "preventCancel", converter: converters.boolean, defaultValue: false },
]);

const convertBYOBReadOptions = webidl.createDictionaryConverter("ReadableStreamBYOBReaderReadOptions", [
  { key: "min", converter: (v, p, c) => converters["unsigned long long"](v, p, c, { enforceRange: true }), defaultValue: 1 },
]);

const enforceRange = ObjectFreeze({ __proto__: null, enforceRange: true });

function convertAbortSignal(value, prefix, context) {
  if (!isAbortSignal(value)) throw new TypeError(`${prefix}: ${context} is not of type 'AbortSignal'.`);
  return value;
}

const convertStreamPipeOptions = webidl.createDictionaryConverter("StreamPipeOptions", [
  { key: "preventAbort", converter: converters.boolean, defaultValue: false },
  { key: "preventCancel", converter: converters.boolean, defaultValue: false },
  { key: "preventClose", converter: converters.boolean, defaultValue: false },
  { key: "signal", converter: convertAbortSignal },
]);

function convertObjectOrUndefined(value, prefix, context) {
  if (value === undefined) return undefined;
  if (value === null || (typeof value !== "object" && typeof value !== "function")) {
    throw new TypeError(`${prefix}: ${context} is not an object.`);
  }
  return value;
}

/**
 * The WebIDL ArrayBufferView conversion, returning what the stream algorithms need about
 * the view (its [[TypedArrayName]] is read once: that getter is slow in JavaScriptCore).
 */
class ViewInfo {
  constructor(view, name, buffer, byteOffset, byteLength) {
    this.view = view;
    this.name = name; // undefined for a DataView
    this.buffer = buffer;
    this.byteOffset = byteOffset;
    this.byteLength = byteLength;
  }
}

function viewInfo(view) {
  const name = TypedArrayPrototypeGetSymbolToStringTag(view);
  if (name !== undefined) {
    return new ViewInfo(view, name, TypedArrayPrototypeGetBuffer(view), TypedArrayPrototypeGetByteOffset(view),
      TypedArrayPrototypeGetByteLength(view));
  }
  return new ViewInfo(view, undefined, DataViewPrototypeGetBuffer(view), DataViewPrototypeGetByteOffset(view),
    DataViewPrototypeGetByteLength(view));
}

function convertArrayBufferView(value, prefix, context) {
  if (!ArrayBufferIsView(value)) throw new TypeError(`${prefix}: ${context} is not an ArrayBuffer view.`);
  const info = viewInfo(value);
  if (webidl.isSharedArrayBuffer(info.buffer)) {
    throw new TypeError(`${prefix}: ${context} is a view on a SharedArrayBuffer, which is not allowed here.`);
  }
  if (isResizableBuffer(info.buffer)) {
    throw new TypeError(`${prefix}: ${context} is a view on a resizable ArrayBuffer, which is not allowed here.`);
  }
  return info;
}

function isResizableBuffer(buffer) {
  try {
    return ArrayBufferPrototypeGetResizable(buffer);
  } catch {
    return false;
  }
}

// Queuing strategy helpers (https://streams.spec.whatwg.org/#qs-abstract-ops)

function extractHighWaterMark(strategy, defaultHWM) {
  if (strategy.highWaterMark === undefined) return defaultHWM;
  const highWaterMark = strategy.highWaterMark;
  if (NumberIsNaN(highWaterMark) || highWaterMark < 0) {
    throw new RangeError("The highWaterMark of a queuing strategy must be a non-negative number");
  }
  return highWaterMark;
}

const sizeOne = () => 1;

function extractSizeAlgorithm(strategy) {
  const size = strategy.size;
  if (size === undefined) return sizeOne;
  return (chunk) => converters["unrestricted double"](ReflectApply(size, undefined, [chunk]));
}

// =======================================================================================
// Internal records

/** A ReadableStream's internal slots. */
class RSRecord {
  constructor() {
    // InitializeReadableStream
    this.state = "readable";
    this.reader = undefined;
    this.storedError = undefined;
    this.disturbed = false;
    this.controller = undefined;
    this.object = undefined;
  }
}

/** ReadableStreamDefaultController's internal slots and [[CancelSteps]]/[[PullSteps]]/[[ReleaseSteps]]. */
class RSDefaultControllerRecord {
  constructor() {
    this.isByteController = false;
    this.stream = undefined;
    this.queue = undefined;
    this.queueTotalSize = 0;
    this.started = false;
    this.closeRequested = false;
    this.pullAgain = false;
    this.pulling = false;
    this.strategySizeAlgorithm = undefined;
    this.strategyHWM = 0;
    this.pullAlgorithm = undefined;
    this.cancelAlgorithm = undefined;
    this.object = undefined;
    // The reactions to a pull promise, made once rather than per pull.
    this.onPullFulfilled = () => {
      this.pulling = false;
      if (this.pullAgain) {
        this.pullAgain = false;
        readableStreamDefaultControllerCallPullIfNeeded(this);
      }
    };
    this.onPullRejected = (e) => {
      readableStreamDefaultControllerError(this, e);
    };
  }

  cancelSteps(reason) {
    resetQueue(this);
    const result = this.cancelAlgorithm(reason);
    readableStreamDefaultControllerClearAlgorithms(this);
    return result;
  }

  pullSteps(readRequest) {
    const stream = this.stream;
    if (!this.queue.isEmpty()) {
      const chunk = dequeueValue(this);
      if (this.closeRequested && this.queue.isEmpty()) {
        readableStreamDefaultControllerClearAlgorithms(this);
        readableStreamClose(stream);
      } else {
        readableStreamDefaultControllerCallPullIfNeeded(this);
      }
      readRequest.chunkSteps(chunk);
    } else {
      readableStreamAddReadRequest(stream, readRequest);
      readableStreamDefaultControllerCallPullIfNeeded(this);
    }
  }

  releaseSteps() {}
}

/** ReadableByteStreamController's internal slots. */
class RBSControllerRecord {
  constructor() {
    this.isByteController = true;
    this.stream = undefined;
    this.autoAllocateChunkSize = undefined;
    this.byobRequest = null;
    this.cancelAlgorithm = undefined;
    this.closeRequested = false;
    this.pullAgain = false;
    this.pullAlgorithm = undefined;
    this.pulling = false;
    this.pendingPullIntos = new List();
    this.queue = new List();
    this.queueTotalSize = 0;
    this.started = false;
    this.strategyHWM = 0;
    this.object = undefined;
    this.onPullFulfilled = () => {
      this.pulling = false;
      if (this.pullAgain) {
        this.pullAgain = false;
        readableByteStreamControllerCallPullIfNeeded(this);
      }
    };
    this.onPullRejected = (e) => {
      readableByteStreamControllerError(this, e);
    };
  }

  cancelSteps(reason) {
    readableByteStreamControllerClearPendingPullIntos(this);
    this.queue = new List();
    this.queueTotalSize = 0;
    const result = this.cancelAlgorithm(reason);
    readableByteStreamControllerClearAlgorithms(this);
    return result;
  }

  pullSteps(readRequest) {
    const stream = this.stream;
    if (this.queueTotalSize > 0) {
      readableByteStreamControllerFillReadRequestFromQueue(this, readRequest);
      return;
    }
    const autoAllocateChunkSize = this.autoAllocateChunkSize;
    if (autoAllocateChunkSize !== undefined) {
      let buffer;
      try {
        buffer = new ArrayBuffer(autoAllocateChunkSize);
      } catch (e) {
        readRequest.errorSteps(e);
        return;
      }
      this.pendingPullIntos.push(new PullIntoDescriptor(buffer, autoAllocateChunkSize, 0, autoAllocateChunkSize, 0, 1, 1,
        Uint8Array, "default"));
    }
    readableStreamAddReadRequest(stream, readRequest);
    readableByteStreamControllerCallPullIfNeeded(this);
  }

  releaseSteps() {
    if (!this.pendingPullIntos.isEmpty()) {
      const firstPendingPullInto = this.pendingPullIntos.peek();
      firstPendingPullInto.readerType = "none";
      this.pendingPullIntos = new List();
      this.pendingPullIntos.push(firstPendingPullInto);
    }
  }
}

class PullIntoDescriptor {
  constructor(buffer, bufferByteLength, byteOffset, byteLength, bytesFilled, minimumFill, elementSize, viewConstructor,
    readerType) {
    this.buffer = buffer;
    this.bufferByteLength = bufferByteLength;
    this.byteOffset = byteOffset;
    this.byteLength = byteLength;
    this.bytesFilled = bytesFilled;
    this.minimumFill = minimumFill;
    this.elementSize = elementSize;
    this.viewConstructor = viewConstructor;
    this.readerType = readerType;
    // Whether user code may hold `buffer` (a BYOB request view was created on it). A
    // buffer no script can reach need not be detached by TransferArrayBuffer: nobody could
    // observe the detachment, and JavaScriptCore's transfer costs an allocation.
    this.bufferExposed = false;
  }
}

/** TransferArrayBuffer of a pull-into descriptor's buffer (skipped when unobservable). */
function transferDescriptorBuffer(descriptor) {
  if (!descriptor.bufferExposed) return descriptor.buffer;
  descriptor.bufferExposed = false;
  return transferArrayBuffer(descriptor.buffer);
}

class ByteQueueEntry {
  constructor(buffer, byteOffset, byteLength) {
    this.buffer = buffer;
    this.byteOffset = byteOffset;
    this.byteLength = byteLength;
  }
}

class BYOBRequestRecord {
  constructor(controller, view) {
    this.controller = controller;
    this.view = view;
    this.object = undefined;
  }
}

class DefaultReaderRecord {
  constructor() {
    this.isBYOB = false;
    this.stream = undefined;
    this.closedPromise = undefined;
    this.readRequests = new List();
    this.object = undefined;
  }
}

class BYOBReaderRecord {
  constructor() {
    this.isBYOB = true;
    this.stream = undefined;
    this.closedPromise = undefined;
    this.readIntoRequests = new List();
    this.object = undefined;
  }
}

/** A read request settling a promise with a { value, done } object (reader.read()). */
class PromiseReadRequest {
  constructor() {
    const capability = PromiseWithResolvers();
    this.resolve = capability.resolve;
    this.reject = capability.reject;
    this.promise = capability.promise;
  }
  chunkSteps(chunk) {
    this.resolve({ value: chunk, done: false });
  }
  closeSteps(chunk) {
    this.resolve({ value: chunk, done: true });
  }
  errorSteps(e) {
    this.reject(e);
  }
}

/** A read request calling three functions. */
class CallbackReadRequest {
  constructor(chunkSteps, closeSteps, errorSteps) {
    this.onChunk = chunkSteps;
    this.onClose = closeSteps;
    this.onError = errorSteps;
  }
  chunkSteps(chunk) {
    const f = this.onChunk;
    f(chunk);
  }
  closeSteps(chunk) {
    const f = this.onClose;
    f(chunk);
  }
  errorSteps(e) {
    const f = this.onError;
    f(e);
  }
}

// =======================================================================================
// ReadableStream abstract operations (https://streams.spec.whatwg.org/#rs-abstract-ops)

function acquireReadableStreamBYOBReader(stream) {
  const reader = new BYOBReaderRecord();
  setUpReadableStreamBYOBReader(reader, stream);
  return reader;
}

function acquireReadableStreamDefaultReader(stream) {
  const reader = new DefaultReaderRecord();
  setUpReadableStreamDefaultReader(reader, stream);
  return reader;
}

function createReadableStream(startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark = 1, sizeAlgorithm = sizeOne) {
  const stream = new RSRecord();
  const controller = new RSDefaultControllerRecord();
  setUpReadableStreamDefaultController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark,
    sizeAlgorithm);
  return stream;
}

function createReadableByteStream(startAlgorithm, pullAlgorithm, cancelAlgorithm) {
  const stream = new RSRecord();
  const controller = new RBSControllerRecord();
  setUpReadableByteStreamController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, 0, undefined);
  return stream;
}

function isReadableStreamLocked(stream) {
  return stream.reader !== undefined;
}

function readableStreamFromIterable(asyncIterable) {
  let stream;
  const iteratorRecord = getAsyncIterator(asyncIterable);
  const startAlgorithm = noop;
  const pullAlgorithm = () => {
    let nextResult;
    try {
      nextResult = ReflectApply(iteratorRecord.nextMethod, iteratorRecord.iterator, []);
    } catch (e) {
      return promiseRejectedWith(e);
    }
    const nextPromise = promiseResolvedWith(nextResult);
    return transformPromiseWith(nextPromise, (iterResult) => {
      if (iterResult === null || (typeof iterResult !== "object" && typeof iterResult !== "function")) {
        throw new TypeError("ReadableStream.from: the iterator's next() result is not an object");
      }
      const done = !!iterResult.done;
      if (done) {
        readableStreamDefaultControllerClose(stream.controller);
      } else {
        const value = iterResult.value;
        readableStreamDefaultControllerEnqueue(stream.controller, value);
      }
    });
  };
  const cancelAlgorithm = (reason) => {
    const iterator = iteratorRecord.iterator;
    let returnMethod;
    try {
      returnMethod = iterator.return;
      if (returnMethod !== undefined && returnMethod !== null && typeof returnMethod !== "function") {
        throw new TypeError("ReadableStream.from: the iterator's return property is not a function");
      }
    } catch (e) {
      return promiseRejectedWith(e);
    }
    if (returnMethod === undefined || returnMethod === null) return promiseResolvedWith(undefined);
    let returnResult;
    try {
      returnResult = ReflectApply(returnMethod, iterator, [reason]);
    } catch (e) {
      return promiseRejectedWith(e);
    }
    const returnPromise = promiseResolvedWith(returnResult);
    return transformPromiseWith(returnPromise, (iterResult) => {
      if (iterResult === null || (typeof iterResult !== "object" && typeof iterResult !== "function")) {
        throw new TypeError("ReadableStream.from: the iterator's return() result is not an object");
      }
      return undefined;
    });
  };
  stream = createReadableStream(startAlgorithm, pullAlgorithm, cancelAlgorithm, 0);
  return stream;
}

/** GetIterator(obj, async), with CreateAsyncFromSyncIterator for sync iterables. */
function getAsyncIterator(obj) {
  let method = obj == null ? undefined : obj[SymbolAsyncIterator];
  if (method === null) method = undefined;
  if (method === undefined) {
    let syncMethod = obj == null ? undefined : obj[SymbolIterator];
    if (syncMethod === null) syncMethod = undefined;
    if (syncMethod === undefined) {
      throw new TypeError("ReadableStream.from: the argument is neither an async iterable nor an iterable");
    }
    if (typeof syncMethod !== "function") throw new TypeError("ReadableStream.from: @@iterator is not a function");
    const syncIterator = ReflectApply(syncMethod, obj, []);
    if (syncIterator === null || (typeof syncIterator !== "object" && typeof syncIterator !== "function")) {
      throw new TypeError("ReadableStream.from: @@iterator did not return an object");
    }
    const syncNext = syncIterator.next;
    return createAsyncFromSyncIterator(syncIterator, syncNext);
  }
  if (typeof method !== "function") throw new TypeError("ReadableStream.from: @@asyncIterator is not a function");
  const iterator = ReflectApply(method, obj, []);
  if (iterator === null || (typeof iterator !== "object" && typeof iterator !== "function")) {
    throw new TypeError("ReadableStream.from: @@asyncIterator did not return an object");
  }
  return { __proto__: null, iterator, nextMethod: iterator.next };
}

/** CreateAsyncFromSyncIterator (ECMAScript %AsyncFromSyncIteratorPrototype%), as a record. */
function createAsyncFromSyncIterator(syncIterator, syncNext) {
  const closeSync = () => {
    try {
      const ret = syncIterator.return;
      if (ret !== undefined && ret !== null) ReflectApply(ret, syncIterator, []);
    } catch {
      // IteratorClose with a throw completion keeps the original error.
    }
  };
  const continuation = (result, closeOnRejection) => {
    if (result === null || (typeof result !== "object" && typeof result !== "function")) {
      throw new TypeError("The iterator's result is not an object");
    }
    const done = !!result.done;
    const value = result.value;
    let valueWrapper;
    try {
      valueWrapper = promiseResolve(value);
    } catch (e) {
      if (!done && closeOnRejection) closeSync();
      throw e;
    }
    return transformPromiseWith(valueWrapper, (v) => ({ value: v, done }), (e) => {
      if (!done && closeOnRejection) closeSync();
      throw e;
    });
  };
  const asyncIterator = {
    __proto__: null,
    next(value) {
      let result;
      try {
        result = ReflectApply(syncNext, syncIterator, [value]);
        return continuation(result, true);
      } catch (e) {
        return promiseRejectedWith(e);
      }
    },
    return(value) {
      let returnMethod;
      try {
        returnMethod = syncIterator.return;
      } catch (e) {
        return promiseRejectedWith(e);
      }
      if (returnMethod === undefined || returnMethod === null) {
        return promiseResolvedWith({ value, done: true });
      }
      try {
        const result = ReflectApply(returnMethod, syncIterator, [value]);
        if (result === null || (typeof result !== "object" && typeof result !== "function")) {
          throw new TypeError("The iterator's return() result is not an object");
        }
        return continuation(result, false);
      } catch (e) {
        return promiseRejectedWith(e);
      }
    },
  };
  return { __proto__: null, iterator: asyncIterator, nextMethod: asyncIterator.next };
}

const PromisePrototype = Promise.prototype;

/** ECMAScript PromiseResolve(%Promise%, x): a native promise of this realm is returned as is. */
function promiseResolve(value) {
  if (value !== null && typeof value === "object" && ObjectPrototypeIsPrototypeOf(PromisePrototype, value)) {
    if (value.constructor === Promise) return value;
  }
  return promiseResolvedWith(value);
}

function readableStreamPipeTo(source, dest, preventClose, preventAbort, preventCancel, signal) {
  const reader = acquireReadableStreamDefaultReader(source);
  const writer = acquireWritableStreamDefaultWriter(dest);
  source.disturbed = true;
  let shuttingDown = false;
  // Writes not settled yet, and what to run when they all are ("wait until every chunk
  // that has been read has been written").
  let pendingWrites = 0;
  let onWritesFinished;
  const finished = new Deferred();
  let abortAlgorithm;

  const finalize = (isError, error) => {
    writableStreamDefaultWriterRelease(writer);
    readableStreamDefaultReaderRelease(reader);
    if (signal !== undefined) abort().removeAbortAlgorithm(signal, abortAlgorithm);
    if (isError) finished.reject(error);
    else finished.resolve(undefined);
  };

  const writeSettled = () => {
    pendingWrites--;
    if (pendingWrites === 0 && onWritesFinished !== undefined) {
      const callback = onWritesFinished;
      onWritesFinished = undefined;
      queueMicrotask(callback);
    }
  };
  // A write request of the pipe: settles without creating a promise.
  const writeRequest = { __proto__: null, resolve: writeSettled, reject: writeSettled };

  const waitForWritesToFinish = (callback) => {
    if (pendingWrites === 0) queueMicrotask(callback);
    else onWritesFinished = callback;
  };

  const shutdownWithAction = (action, originalIsError, originalError) => {
    if (shuttingDown) return;
    shuttingDown = true;
    const doTheRest = () => {
      let p;
      try {
        p = action();
      } catch (e) {
        p = promiseRejectedWith(e);
      }
      uponPromise(p, () => finalize(originalIsError, originalError), (newError) => finalize(true, newError));
    };
    if (dest.state === "writable" && !writableStreamCloseQueuedOrInFlight(dest)) {
      waitForWritesToFinish(doTheRest);
    } else {
      doTheRest();
    }
  };

  const shutdown = (isError, error) => {
    if (shuttingDown) return;
    shuttingDown = true;
    if (dest.state === "writable" && !writableStreamCloseQueuedOrInFlight(dest)) {
      waitForWritesToFinish(() => finalize(isError, error));
    } else {
      finalize(isError, error);
    }
  };

  if (signal !== undefined) {
    abortAlgorithm = () => {
      const error = abort().abortReason(signal);
      const actions = [];
      if (!preventAbort) {
        ArrayPrototypePush(actions, () => {
          if (dest.state === "writable") return writableStreamAbort(dest, error);
          return promiseResolvedWith(undefined);
        });
      }
      if (!preventCancel) {
        ArrayPrototypePush(actions, () => {
          if (source.state === "readable") return readableStreamCancel(source, error);
          return promiseResolvedWith(undefined);
        });
      }
      shutdownWithAction(() => {
        const promises = [];
        for (let i = 0; i < actions.length; i++) ArrayPrototypePush(promises, actions[i]());
        return waitForAllPromise(promises);
      }, true, error);
    };
    if (abort().isAborted(signal)) {
      abortAlgorithm();
      return finished.promise;
    }
    abort().addAbortAlgorithm(signal, abortAlgorithm);
  }

  // The pipe loop. While the destination wants chunks (its writer's ready promise is
  // resolved), read a chunk and write it; chunks the source has queued are moved
  // synchronously, and a chunk that arrives later continues the loop. Backpressure (a
  // pending ready promise) suspends the loop until the promise resolves.
  let inLoop = false;
  let chunkArrivedSynchronously = false;
  const readRequest = new CallbackReadRequest(
    (chunk) => {
      pendingWrites++;
      writableStreamDefaultWriterWriteWith(writer, chunk, writeRequest);
      if (inLoop) chunkArrivedSynchronously = true;
      else pipeLoop();
    },
    () => {
      // Closing is propagated through reader.[[closedPromise]] below.
    },
    () => {
      // Errors are propagated through reader.[[closedPromise]] below.
    },
  );
  const pipeLoop = () => {
    inLoop = true;
    try {
      for (;;) {
        if (shuttingDown) return;
        const ready = writer.readyPromise;
        if (ready.pending) {
          uponFulfillment(ready.promise, pipeLoop);
          return;
        }
        if (dest.state !== "writable" || writableStreamCloseQueuedOrInFlight(dest)) return;
        chunkArrivedSynchronously = false;
        readableStreamDefaultReaderRead(reader, readRequest);
        if (!chunkArrivedSynchronously) return;
      }
    } finally {
      inLoop = false;
    }
  };
  const pipeStep = () => queueMicrotask(pipeLoop);

  // Errors must be propagated forward.
  const onSourceErrored = (storedError) => {
    if (!preventAbort) shutdownWithAction(() => writableStreamAbort(dest, storedError), true, storedError);
    else shutdown(true, storedError);
  };
  // Errors must be propagated backward.
  const onDestErrored = (storedError) => {
    if (!preventCancel) shutdownWithAction(() => readableStreamCancel(source, storedError), true, storedError);
    else shutdown(true, storedError);
  };
  // Closing must be propagated forward.
  const onSourceClosed = () => {
    if (!preventClose) shutdownWithAction(() => writableStreamDefaultWriterCloseWithErrorPropagation(writer));
    else shutdown();
  };

  if (source.state === "errored") onSourceErrored(source.storedError);
  else uponRejection(reader.closedPromise.promise, onSourceErrored);

  if (dest.state === "errored") onDestErrored(dest.storedError);
  else uponRejection(writer.closedPromise.promise, onDestErrored);

  if (source.state === "closed") onSourceClosed();
  else uponFulfillment(reader.closedPromise.promise, onSourceClosed);

  // Closing must be propagated backward.
  if (writableStreamCloseQueuedOrInFlight(dest) || dest.state === "closed") {
    const destClosed = new TypeError("The destination writable stream closed before all data could be piped to it");
    if (!preventCancel) shutdownWithAction(() => readableStreamCancel(source, destClosed), true, destClosed);
    else shutdown(true, destClosed);
  }

  pipeStep();
  return finished.promise;
}

/** "Getting a promise to wait for all" of a list of promises. */
function waitForAllPromise(promises) {
  const total = promises.length;
  const d = new Deferred();
  if (total === 0) {
    d.resolve(undefined);
    return d.promise;
  }
  let fulfilledCount = 0;
  for (let i = 0; i < total; i++) {
    uponPromise(promises[i], () => {
      fulfilledCount++;
      if (fulfilledCount === total) d.resolve(undefined);
    }, (reason) => d.reject(reason));
  }
  return d.promise;
}

function readableStreamTee(stream, cloneForBranch2) {
  if (stream.controller.isByteController) return readableByteStreamTee(stream);
  return readableStreamDefaultTee(stream, cloneForBranch2);
}

function readableStreamDefaultTee(stream, cloneForBranch2) {
  const reader = acquireReadableStreamDefaultReader(stream);
  let reading = false;
  let readAgain = false;
  let canceled1 = false;
  let canceled2 = false;
  let reason1;
  let reason2;
  let branch1;
  let branch2;
  const cancelPromise = new Deferred();

  const readRequest = new CallbackReadRequest(
    (chunk) => {
      queueMicrotask(() => {
        readAgain = false;
        const chunk1 = chunk;
        let chunk2 = chunk;
        if (!canceled2 && cloneForBranch2) {
          try {
            chunk2 = structuredCloneChunk(chunk2);
          } catch (cloneError) {
            readableStreamDefaultControllerError(branch1.controller, cloneError);
            readableStreamDefaultControllerError(branch2.controller, cloneError);
            cancelPromise.resolve(readableStreamCancel(stream, cloneError));
            return;
          }
        }
        if (!canceled1) readableStreamDefaultControllerEnqueue(branch1.controller, chunk1);
        if (!canceled2) readableStreamDefaultControllerEnqueue(branch2.controller, chunk2);
        reading = false;
        if (readAgain) pullAlgorithm();
      });
    },
    () => {
      reading = false;
      if (!canceled1) readableStreamDefaultControllerClose(branch1.controller);
      if (!canceled2) readableStreamDefaultControllerClose(branch2.controller);
      if (!canceled1 || !canceled2) cancelPromise.resolve(undefined);
    },
    () => {
      reading = false;
    },
  );

  const pullAlgorithm = () => {
    if (reading) {
      readAgain = true;
      return promiseResolvedWith(undefined);
    }
    reading = true;
    readableStreamDefaultReaderRead(reader, readRequest);
    return promiseResolvedWith(undefined);
  };

  const cancel1Algorithm = (reason) => {
    canceled1 = true;
    reason1 = reason;
    if (canceled2) {
      const compositeReason = [reason1, reason2];
      const cancelResult = readableStreamCancel(stream, compositeReason);
      cancelPromise.resolve(cancelResult);
    }
    return cancelPromise.promise;
  };

  const cancel2Algorithm = (reason) => {
    canceled2 = true;
    reason2 = reason;
    if (canceled1) {
      const compositeReason = [reason1, reason2];
      const cancelResult = readableStreamCancel(stream, compositeReason);
      cancelPromise.resolve(cancelResult);
    }
    return cancelPromise.promise;
  };

  const startAlgorithm = noop;
  branch1 = createReadableStream(startAlgorithm, pullAlgorithm, cancel1Algorithm);
  branch2 = createReadableStream(startAlgorithm, pullAlgorithm, cancel2Algorithm);

  uponRejection(reader.closedPromise.promise, (r) => {
    readableStreamDefaultControllerError(branch1.controller, r);
    readableStreamDefaultControllerError(branch2.controller, r);
    if (!canceled1 || !canceled2) cancelPromise.resolve(undefined);
  });

  return [branch1, branch2];
}

function readableByteStreamTee(stream) {
  let reader = acquireReadableStreamDefaultReader(stream);
  let reading = false;
  let readAgainForBranch1 = false;
  let readAgainForBranch2 = false;
  let canceled1 = false;
  let canceled2 = false;
  let reason1;
  let reason2;
  let branch1;
  let branch2;
  const cancelPromise = new Deferred();

  const forwardReaderError = (thisReader) => {
    uponRejection(thisReader.closedPromise.promise, (r) => {
      if (thisReader !== reader) return;
      readableByteStreamControllerError(branch1.controller, r);
      readableByteStreamControllerError(branch2.controller, r);
      if (!canceled1 || !canceled2) cancelPromise.resolve(undefined);
    });
  };

  const pullWithDefaultReader = () => {
    if (reader.isBYOB) {
      readableStreamBYOBReaderRelease(reader);
      reader = acquireReadableStreamDefaultReader(stream);
      forwardReaderError(reader);
    }
    const readRequest = new CallbackReadRequest(
      (chunk) => {
        queueMicrotask(() => {
          readAgainForBranch1 = false;
          readAgainForBranch2 = false;
          const chunk1 = chunk;
          let chunk2 = chunk;
          if (!canceled1 && !canceled2) {
            try {
              chunk2 = cloneAsUint8Array(chunk);
            } catch (cloneError) {
              readableByteStreamControllerError(branch1.controller, cloneError);
              readableByteStreamControllerError(branch2.controller, cloneError);
              cancelPromise.resolve(readableStreamCancel(stream, cloneError));
              return;
            }
          }
          if (!canceled1) readableByteStreamControllerEnqueue(branch1.controller, viewInfo(chunk1));
          if (!canceled2) readableByteStreamControllerEnqueue(branch2.controller, viewInfo(chunk2));
          reading = false;
          if (readAgainForBranch1) pull1Algorithm();
          else if (readAgainForBranch2) pull2Algorithm();
        });
      },
      () => {
        reading = false;
        if (!canceled1) readableByteStreamControllerClose(branch1.controller);
        if (!canceled2) readableByteStreamControllerClose(branch2.controller);
        if (!branch1.controller.pendingPullIntos.isEmpty()) readableByteStreamControllerRespond(branch1.controller, 0);
        if (!branch2.controller.pendingPullIntos.isEmpty()) readableByteStreamControllerRespond(branch2.controller, 0);
        if (!canceled1 || !canceled2) cancelPromise.resolve(undefined);
      },
      () => {
        reading = false;
      },
    );
    readableStreamDefaultReaderRead(reader, readRequest);
  };

  const pullWithBYOBReader = (view, forBranch2) => {
    if (!reader.isBYOB) {
      readableStreamDefaultReaderRelease(reader);
      reader = acquireReadableStreamBYOBReader(stream);
      forwardReaderError(reader);
    }
    const byobBranch = forBranch2 ? branch2 : branch1;
    const otherBranch = forBranch2 ? branch1 : branch2;
    const readIntoRequest = new CallbackReadRequest(
      (chunk) => {
        queueMicrotask(() => {
          readAgainForBranch1 = false;
          readAgainForBranch2 = false;
          const byobCanceled = forBranch2 ? canceled2 : canceled1;
          const otherCanceled = forBranch2 ? canceled1 : canceled2;
          if (!otherCanceled) {
            let clonedChunk;
            try {
              clonedChunk = cloneAsUint8Array(chunk);
            } catch (cloneError) {
              readableByteStreamControllerError(byobBranch.controller, cloneError);
              readableByteStreamControllerError(otherBranch.controller, cloneError);
              cancelPromise.resolve(readableStreamCancel(stream, cloneError));
              return;
            }
            if (!byobCanceled) readableByteStreamControllerRespondWithNewView(byobBranch.controller, viewInfo(chunk));
            readableByteStreamControllerEnqueue(otherBranch.controller, viewInfo(clonedChunk));
          } else if (!byobCanceled) {
            readableByteStreamControllerRespondWithNewView(byobBranch.controller, viewInfo(chunk));
          }
          reading = false;
          if (readAgainForBranch1) pull1Algorithm();
          else if (readAgainForBranch2) pull2Algorithm();
        });
      },
      (chunk) => {
        reading = false;
        const byobCanceled = forBranch2 ? canceled2 : canceled1;
        const otherCanceled = forBranch2 ? canceled1 : canceled2;
        if (!byobCanceled) readableByteStreamControllerClose(byobBranch.controller);
        if (!otherCanceled) readableByteStreamControllerClose(otherBranch.controller);
        if (chunk !== undefined) {
          if (!byobCanceled) readableByteStreamControllerRespondWithNewView(byobBranch.controller, viewInfo(chunk));
          if (!otherCanceled && !otherBranch.controller.pendingPullIntos.isEmpty()) {
            readableByteStreamControllerRespond(otherBranch.controller, 0);
          }
        }
        if (!byobCanceled || !otherCanceled) cancelPromise.resolve(undefined);
      },
      () => {
        reading = false;
      },
    );
    readableStreamBYOBReaderRead(reader, viewInfo(view), 1, readIntoRequest);
  };

  const pull1Algorithm = () => {
    if (reading) {
      readAgainForBranch1 = true;
      return promiseResolvedWith(undefined);
    }
    reading = true;
    const byobRequest = readableByteStreamControllerGetBYOBRequest(branch1.controller);
    if (byobRequest === null) pullWithDefaultReader();
    else pullWithBYOBReader(byobRequest.view, false);
    return promiseResolvedWith(undefined);
  };

  const pull2Algorithm = () => {
    if (reading) {
      readAgainForBranch2 = true;
      return promiseResolvedWith(undefined);
    }
    reading = true;
    const byobRequest = readableByteStreamControllerGetBYOBRequest(branch2.controller);
    if (byobRequest === null) pullWithDefaultReader();
    else pullWithBYOBReader(byobRequest.view, true);
    return promiseResolvedWith(undefined);
  };

  const cancel1Algorithm = (reason) => {
    canceled1 = true;
    reason1 = reason;
    if (canceled2) {
      const compositeReason = [reason1, reason2];
      const cancelResult = readableStreamCancel(stream, compositeReason);
      cancelPromise.resolve(cancelResult);
    }
    return cancelPromise.promise;
  };

  const cancel2Algorithm = (reason) => {
    canceled2 = true;
    reason2 = reason;
    if (canceled1) {
      const compositeReason = [reason1, reason2];
      const cancelResult = readableStreamCancel(stream, compositeReason);
      cancelPromise.resolve(cancelResult);
    }
    return cancelPromise.promise;
  };

  const startAlgorithm = noop;
  branch1 = createReadableByteStream(startAlgorithm, pull1Algorithm, cancel1Algorithm);
  branch2 = createReadableByteStream(startAlgorithm, pull2Algorithm, cancel2Algorithm);
  forwardReaderError(reader);
  return [branch1, branch2];
}

// Interfacing with controllers

function readableStreamAddReadIntoRequest(stream, readIntoRequest) {
  stream.reader.readIntoRequests.push(readIntoRequest);
}

function readableStreamAddReadRequest(stream, readRequest) {
  stream.reader.readRequests.push(readRequest);
}

function readableStreamCancel(stream, reason) {
  stream.disturbed = true;
  if (stream.state === "closed") return promiseResolvedWith(undefined);
  if (stream.state === "errored") return promiseRejectedWith(stream.storedError);
  readableStreamClose(stream);
  const reader = stream.reader;
  if (reader !== undefined && reader.isBYOB) {
    const readIntoRequests = reader.readIntoRequests.takeAll();
    for (let i = 0; i < readIntoRequests.length; i++) readIntoRequests[i].closeSteps(undefined);
  }
  const sourceCancelPromise = stream.controller.cancelSteps(reason);
  return transformPromiseWith(sourceCancelPromise, noop);
}

function readableStreamClose(stream) {
  stream.state = "closed";
  const reader = stream.reader;
  if (reader === undefined) return;
  reader.closedPromise.resolve(undefined);
  if (!reader.isBYOB) {
    const readRequests = reader.readRequests.takeAll();
    for (let i = 0; i < readRequests.length; i++) readRequests[i].closeSteps(undefined);
  }
}

function readableStreamError(stream, e) {
  stream.state = "errored";
  stream.storedError = e;
  const reader = stream.reader;
  if (reader === undefined) return;
  reader.closedPromise.reject(e);
  setPromiseIsHandledToTrue(reader.closedPromise.promise);
  if (!reader.isBYOB) readableStreamDefaultReaderErrorReadRequests(reader, e);
  else readableStreamBYOBReaderErrorReadIntoRequests(reader, e);
}

function readableStreamFulfillReadIntoRequest(stream, chunk, done) {
  const reader = stream.reader;
  const readIntoRequest = reader.readIntoRequests.shift();
  if (done) readIntoRequest.closeSteps(chunk);
  else readIntoRequest.chunkSteps(chunk);
}

function readableStreamFulfillReadRequest(stream, chunk, done) {
  const reader = stream.reader;
  const readRequest = reader.readRequests.shift();
  if (done) readRequest.closeSteps(undefined);
  else readRequest.chunkSteps(chunk);
}

function readableStreamGetNumReadIntoRequests(stream) {
  return stream.reader.readIntoRequests.size;
}

function readableStreamGetNumReadRequests(stream) {
  return stream.reader.readRequests.size;
}

function readableStreamHasBYOBReader(stream) {
  const reader = stream.reader;
  return reader !== undefined && reader.isBYOB;
}

function readableStreamHasDefaultReader(stream) {
  const reader = stream.reader;
  return reader !== undefined && !reader.isBYOB;
}

// Readers

function readableStreamReaderGenericCancel(reader, reason) {
  return readableStreamCancel(reader.stream, reason);
}

function readableStreamReaderGenericInitialize(reader, stream) {
  reader.stream = stream;
  stream.reader = reader;
  if (stream.state === "readable") {
    reader.closedPromise = new Deferred();
  } else if (stream.state === "closed") {
    reader.closedPromise = resolvedDeferred(undefined);
  } else {
    reader.closedPromise = rejectedHandledDeferred(stream.storedError);
  }
}

function readableStreamReaderGenericRelease(reader) {
  const stream = reader.stream;
  const error = new TypeError("The reader's lock was released: this reader can no longer be used");
  if (stream.state === "readable") {
    reader.closedPromise.reject(error);
  } else {
    reader.closedPromise = new Deferred();
    reader.closedPromise.reject(error);
  }
  setPromiseIsHandledToTrue(reader.closedPromise.promise);
  stream.controller.releaseSteps();
  stream.reader = undefined;
  reader.stream = undefined;
}

function readableStreamBYOBReaderErrorReadIntoRequests(reader, e) {
  const readIntoRequests = reader.readIntoRequests.takeAll();
  for (let i = 0; i < readIntoRequests.length; i++) readIntoRequests[i].errorSteps(e);
}

function readableStreamBYOBReaderRead(reader, view, min, readIntoRequest) {
  const stream = reader.stream;
  stream.disturbed = true;
  if (stream.state === "errored") readIntoRequest.errorSteps(stream.storedError);
  else readableByteStreamControllerPullInto(stream.controller, view, min, readIntoRequest);
}

function readableStreamBYOBReaderRelease(reader) {
  readableStreamReaderGenericRelease(reader);
  const e = new TypeError("The reader's lock was released while a read was pending");
  readableStreamBYOBReaderErrorReadIntoRequests(reader, e);
}

function readableStreamDefaultReaderErrorReadRequests(reader, e) {
  const readRequests = reader.readRequests.takeAll();
  for (let i = 0; i < readRequests.length; i++) readRequests[i].errorSteps(e);
}

function readableStreamDefaultReaderRead(reader, readRequest) {
  const stream = reader.stream;
  stream.disturbed = true;
  if (stream.state === "closed") readRequest.closeSteps(undefined);
  else if (stream.state === "errored") readRequest.errorSteps(stream.storedError);
  else stream.controller.pullSteps(readRequest);
}

function readableStreamDefaultReaderRelease(reader) {
  readableStreamReaderGenericRelease(reader);
  const e = new TypeError("The reader's lock was released while a read was pending");
  readableStreamDefaultReaderErrorReadRequests(reader, e);
}

function setUpReadableStreamBYOBReader(reader, stream) {
  if (isReadableStreamLocked(stream)) {
    throw new TypeError("The stream is locked: it already has a reader or is being piped");
  }
  if (!stream.controller.isByteController) {
    throw new TypeError("A BYOB reader can only be acquired for a readable byte stream (type: \"bytes\")");
  }
  readableStreamReaderGenericInitialize(reader, stream);
  reader.readIntoRequests = new List();
}

function setUpReadableStreamDefaultReader(reader, stream) {
  if (isReadableStreamLocked(stream)) {
    throw new TypeError("The stream is locked: it already has a reader or is being piped");
  }
  readableStreamReaderGenericInitialize(reader, stream);
  reader.readRequests = new List();
}

// Default controllers

function readableStreamDefaultControllerCallPullIfNeeded(controller) {
  const shouldPull = readableStreamDefaultControllerShouldCallPull(controller);
  if (!shouldPull) return;
  if (controller.pulling) {
    controller.pullAgain = true;
    return;
  }
  controller.pulling = true;
  const pullPromise = controller.pullAlgorithm();
  PromisePrototypeThen(pullPromise, controller.onPullFulfilled, controller.onPullRejected);
}

function readableStreamDefaultControllerShouldCallPull(controller) {
  const stream = controller.stream;
  if (!readableStreamDefaultControllerCanCloseOrEnqueue(controller)) return false;
  if (!controller.started) return false;
  if (isReadableStreamLocked(stream) && readableStreamGetNumReadRequests(stream) > 0) return true;
  const desiredSize = readableStreamDefaultControllerGetDesiredSize(controller);
  return desiredSize > 0;
}

function readableStreamDefaultControllerClearAlgorithms(controller) {
  controller.pullAlgorithm = undefined;
  controller.cancelAlgorithm = undefined;
  controller.strategySizeAlgorithm = undefined;
}

function readableStreamDefaultControllerClose(controller) {
  if (!readableStreamDefaultControllerCanCloseOrEnqueue(controller)) return;
  const stream = controller.stream;
  controller.closeRequested = true;
  if (controller.queue.isEmpty()) {
    readableStreamDefaultControllerClearAlgorithms(controller);
    readableStreamClose(stream);
  }
}

function readableStreamDefaultControllerEnqueue(controller, chunk) {
  if (!readableStreamDefaultControllerCanCloseOrEnqueue(controller)) return;
  const stream = controller.stream;
  if (isReadableStreamLocked(stream) && readableStreamGetNumReadRequests(stream) > 0) {
    readableStreamFulfillReadRequest(stream, chunk, false);
  } else {
    let chunkSize;
    try {
      chunkSize = controller.strategySizeAlgorithm(chunk);
    } catch (e) {
      readableStreamDefaultControllerError(controller, e);
      throw e;
    }
    try {
      enqueueValueWithSize(controller, chunk, chunkSize);
    } catch (e) {
      readableStreamDefaultControllerError(controller, e);
      throw e;
    }
  }
  readableStreamDefaultControllerCallPullIfNeeded(controller);
}

function readableStreamDefaultControllerError(controller, e) {
  const stream = controller.stream;
  if (stream.state !== "readable") return;
  resetQueue(controller);
  readableStreamDefaultControllerClearAlgorithms(controller);
  readableStreamError(stream, e);
}

function readableStreamDefaultControllerGetDesiredSize(controller) {
  const state = controller.stream.state;
  if (state === "errored") return null;
  if (state === "closed") return 0;
  return controller.strategyHWM - controller.queueTotalSize;
}

function readableStreamDefaultControllerHasBackpressure(controller) {
  return !readableStreamDefaultControllerShouldCallPull(controller);
}

function readableStreamDefaultControllerCanCloseOrEnqueue(controller) {
  return !controller.closeRequested && controller.stream.state === "readable";
}

function setUpReadableStreamDefaultController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm,
  highWaterMark, sizeAlgorithm) {
  controller.stream = stream;
  resetQueue(controller);
  controller.started = false;
  controller.closeRequested = false;
  controller.pullAgain = false;
  controller.pulling = false;
  controller.strategySizeAlgorithm = sizeAlgorithm;
  controller.strategyHWM = highWaterMark;
  controller.pullAlgorithm = pullAlgorithm;
  controller.cancelAlgorithm = cancelAlgorithm;
  stream.controller = controller;
  const startResult = startAlgorithm();
  const startPromise = promiseResolvedWith(startResult);
  uponPromise(startPromise, () => {
    controller.started = true;
    readableStreamDefaultControllerCallPullIfNeeded(controller);
  }, (r) => {
    readableStreamDefaultControllerError(controller, r);
  });
}

function setUpReadableStreamDefaultControllerFromUnderlyingSource(stream, underlyingSource, underlyingSourceDict,
  highWaterMark, sizeAlgorithm) {
  const controller = new RSDefaultControllerRecord();
  let startAlgorithm = noop;
  let pullAlgorithm = () => promiseResolvedWith(undefined);
  let cancelAlgorithm = () => promiseResolvedWith(undefined);
  const start = underlyingSourceDict.start;
  const pull = underlyingSourceDict.pull;
  const cancel = underlyingSourceDict.cancel;
  if (start !== undefined) {
    startAlgorithm = () => ReflectApply(start, underlyingSource, [rsDefaultControllerObject(controller)]);
  }
  if (pull !== undefined) {
    pullAlgorithm = () => invokePromiseCallback(pull, underlyingSource, rsDefaultControllerObject(controller), undefined, 1);
  }
  if (cancel !== undefined) {
    cancelAlgorithm = (reason) => invokePromiseCallback(cancel, underlyingSource, reason, undefined, 1);
  }
  setUpReadableStreamDefaultController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark,
    sizeAlgorithm);
}

// Byte stream controllers

function readableByteStreamControllerCallPullIfNeeded(controller) {
  const shouldPull = readableByteStreamControllerShouldCallPull(controller);
  if (!shouldPull) return;
  if (controller.pulling) {
    controller.pullAgain = true;
    return;
  }
  controller.pulling = true;
  const pullPromise = controller.pullAlgorithm();
  PromisePrototypeThen(pullPromise, controller.onPullFulfilled, controller.onPullRejected);
}

function readableByteStreamControllerClearAlgorithms(controller) {
  controller.pullAlgorithm = undefined;
  controller.cancelAlgorithm = undefined;
}

function readableByteStreamControllerClearPendingPullIntos(controller) {
  readableByteStreamControllerInvalidateBYOBRequest(controller);
  controller.pendingPullIntos = new List();
}

function readableByteStreamControllerClose(controller) {
  const stream = controller.stream;
  if (controller.closeRequested || stream.state !== "readable") return;
  if (controller.queueTotalSize > 0) {
    controller.closeRequested = true;
    return;
  }
  if (!controller.pendingPullIntos.isEmpty()) {
    const firstPendingPullInto = controller.pendingPullIntos.peek();
    if (firstPendingPullInto.bytesFilled % firstPendingPullInto.elementSize !== 0) {
      const e = new TypeError("Insufficient bytes to fill elements in the given buffer");
      readableByteStreamControllerError(controller, e);
      throw e;
    }
  }
  readableByteStreamControllerClearAlgorithms(controller);
  readableStreamClose(stream);
}

function readableByteStreamControllerCommitPullIntoDescriptor(stream, pullIntoDescriptor) {
  let done = false;
  if (stream.state === "closed") done = true;
  const filledView = readableByteStreamControllerConvertPullIntoDescriptor(pullIntoDescriptor);
  if (pullIntoDescriptor.readerType === "default") {
    readableStreamFulfillReadRequest(stream, filledView, done);
  } else {
    readableStreamFulfillReadIntoRequest(stream, filledView, done);
  }
}

function readableByteStreamControllerConvertPullIntoDescriptor(pullIntoDescriptor) {
  const bytesFilled = pullIntoDescriptor.bytesFilled;
  const elementSize = pullIntoDescriptor.elementSize;
  const buffer = transferDescriptorBuffer(pullIntoDescriptor);
  pullIntoDescriptor.buffer = buffer;
  const Ctor = pullIntoDescriptor.viewConstructor;
  return new Ctor(buffer, pullIntoDescriptor.byteOffset, bytesFilled / elementSize);
}

/**
 * ReadableByteStreamControllerEnqueue; `chunk` is a ViewInfo (see viewInfo()). `owned`
 * (internal callers only) says no script can reach the chunk's buffer, so detaching it
 * is unobservable and skipped (a JavaScriptCore transfer copies the bytes).
 */
function readableByteStreamControllerEnqueue(controller, chunk, owned = false) {
  const stream = controller.stream;
  if (controller.closeRequested || stream.state !== "readable") return;
  const buffer = chunk.buffer;
  const byteOffset = chunk.byteOffset;
  const byteLength = chunk.byteLength;
  if (isDetachedBuffer(buffer)) throw new TypeError("The chunk's buffer is detached");
  const transferredBuffer = owned ? buffer : transferArrayBuffer(buffer);
  if (!controller.pendingPullIntos.isEmpty()) {
    const firstPendingPullInto = controller.pendingPullIntos.peek();
    if (isDetachedBuffer(firstPendingPullInto.buffer)) {
      throw new TypeError("The BYOB request's buffer has been detached and cannot be filled with an enqueued chunk");
    }
    readableByteStreamControllerInvalidateBYOBRequest(controller);
    firstPendingPullInto.buffer = transferDescriptorBuffer(firstPendingPullInto);
    if (firstPendingPullInto.readerType === "none") {
      readableByteStreamControllerEnqueueDetachedPullIntoToQueue(controller, firstPendingPullInto);
    }
  }
  if (readableStreamHasDefaultReader(stream)) {
    readableByteStreamControllerProcessReadRequestsUsingQueue(controller);
    if (readableStreamGetNumReadRequests(stream) === 0) {
      readableByteStreamControllerEnqueueChunkToQueue(controller, transferredBuffer, byteOffset, byteLength);
    } else {
      if (!controller.pendingPullIntos.isEmpty()) readableByteStreamControllerShiftPendingPullInto(controller);
      const transferredView = new Uint8Array(transferredBuffer, byteOffset, byteLength);
      readableStreamFulfillReadRequest(stream, transferredView, false);
    }
  } else if (readableStreamHasBYOBReader(stream)) {
    readableByteStreamControllerEnqueueChunkToQueue(controller, transferredBuffer, byteOffset, byteLength);
    const filledPullIntos = readableByteStreamControllerProcessPullIntoDescriptorsUsingQueue(controller);
    for (let i = 0; i < filledPullIntos.length; i++) {
      readableByteStreamControllerCommitPullIntoDescriptor(stream, filledPullIntos[i]);
    }
  } else {
    readableByteStreamControllerEnqueueChunkToQueue(controller, transferredBuffer, byteOffset, byteLength);
  }
  readableByteStreamControllerCallPullIfNeeded(controller);
}

function readableByteStreamControllerEnqueueChunkToQueue(controller, buffer, byteOffset, byteLength) {
  controller.queue.push(new ByteQueueEntry(buffer, byteOffset, byteLength));
  controller.queueTotalSize += byteLength;
}

function readableByteStreamControllerEnqueueClonedChunkToQueue(controller, buffer, byteOffset, byteLength) {
  let cloneResult;
  try {
    cloneResult = cloneArrayBuffer(buffer, byteOffset, byteLength);
  } catch (e) {
    readableByteStreamControllerError(controller, e);
    throw e;
  }
  readableByteStreamControllerEnqueueChunkToQueue(controller, cloneResult, 0, byteLength);
}

function readableByteStreamControllerEnqueueDetachedPullIntoToQueue(controller, pullIntoDescriptor) {
  if (pullIntoDescriptor.bytesFilled > 0) {
    readableByteStreamControllerEnqueueClonedChunkToQueue(controller, pullIntoDescriptor.buffer,
      pullIntoDescriptor.byteOffset, pullIntoDescriptor.bytesFilled);
  }
  readableByteStreamControllerShiftPendingPullInto(controller);
}

function readableByteStreamControllerFillPullIntoDescriptorFromQueue(controller, pullIntoDescriptor) {
  const maxBytesToCopy = MathMin(controller.queueTotalSize, pullIntoDescriptor.byteLength - pullIntoDescriptor.bytesFilled);
  const maxBytesFilled = pullIntoDescriptor.bytesFilled + maxBytesToCopy;
  let totalBytesToCopyRemaining = maxBytesToCopy;
  let ready = false;
  const remainderBytes = maxBytesFilled % pullIntoDescriptor.elementSize;
  const maxAlignedBytes = maxBytesFilled - remainderBytes;
  if (maxAlignedBytes >= pullIntoDescriptor.minimumFill) {
    totalBytesToCopyRemaining = maxAlignedBytes - pullIntoDescriptor.bytesFilled;
    ready = true;
  }
  const queue = controller.queue;
  while (totalBytesToCopyRemaining > 0) {
    const headOfQueue = queue.peek();
    const bytesToCopy = MathMin(totalBytesToCopyRemaining, headOfQueue.byteLength);
    const destStart = pullIntoDescriptor.byteOffset + pullIntoDescriptor.bytesFilled;
    copyDataBlockBytes(pullIntoDescriptor.buffer, destStart, headOfQueue.buffer, headOfQueue.byteOffset, bytesToCopy);
    if (headOfQueue.byteLength === bytesToCopy) {
      queue.shift();
    } else {
      headOfQueue.byteOffset += bytesToCopy;
      headOfQueue.byteLength -= bytesToCopy;
    }
    controller.queueTotalSize -= bytesToCopy;
    readableByteStreamControllerFillHeadPullIntoDescriptor(controller, bytesToCopy, pullIntoDescriptor);
    totalBytesToCopyRemaining -= bytesToCopy;
  }
  return ready;
}

function readableByteStreamControllerFillReadRequestFromQueue(controller, readRequest) {
  const entry = controller.queue.shift();
  controller.queueTotalSize -= entry.byteLength;
  readableByteStreamControllerHandleQueueDrain(controller);
  const view = new Uint8Array(entry.buffer, entry.byteOffset, entry.byteLength);
  readRequest.chunkSteps(view);
}

function readableByteStreamControllerGetBYOBRequest(controller) {
  if (controller.byobRequest === null && !controller.pendingPullIntos.isEmpty()) {
    const firstDescriptor = controller.pendingPullIntos.peek();
    const view = new Uint8Array(firstDescriptor.buffer, firstDescriptor.byteOffset + firstDescriptor.bytesFilled,
      firstDescriptor.byteLength - firstDescriptor.bytesFilled);
    firstDescriptor.bufferExposed = true;
    controller.byobRequest = new BYOBRequestRecord(controller, view);
  }
  return controller.byobRequest;
}

function readableByteStreamControllerGetDesiredSize(controller) {
  const state = controller.stream.state;
  if (state === "errored") return null;
  if (state === "closed") return 0;
  return controller.strategyHWM - controller.queueTotalSize;
}

function readableByteStreamControllerHandleQueueDrain(controller) {
  if (controller.queueTotalSize === 0 && controller.closeRequested) {
    readableByteStreamControllerClearAlgorithms(controller);
    readableStreamClose(controller.stream);
  } else {
    readableByteStreamControllerCallPullIfNeeded(controller);
  }
}

function readableByteStreamControllerInvalidateBYOBRequest(controller) {
  const byobRequest = controller.byobRequest;
  if (byobRequest === null) return;
  byobRequest.controller = undefined;
  byobRequest.view = null;
  controller.byobRequest = null;
}

const noPullIntos = ObjectFreeze([]);

function readableByteStreamControllerProcessPullIntoDescriptorsUsingQueue(controller) {
  if (controller.queueTotalSize === 0 || controller.pendingPullIntos.isEmpty()) return noPullIntos;
  const filledPullIntos = [];
  while (!controller.pendingPullIntos.isEmpty()) {
    if (controller.queueTotalSize === 0) break;
    const pullIntoDescriptor = controller.pendingPullIntos.peek();
    if (readableByteStreamControllerFillPullIntoDescriptorFromQueue(controller, pullIntoDescriptor)) {
      readableByteStreamControllerShiftPendingPullInto(controller);
      ArrayPrototypePush(filledPullIntos, pullIntoDescriptor);
    }
  }
  return filledPullIntos;
}

function readableByteStreamControllerProcessReadRequestsUsingQueue(controller) {
  const reader = controller.stream.reader;
  while (!reader.readRequests.isEmpty()) {
    if (controller.queueTotalSize === 0) return;
    const readRequest = reader.readRequests.shift();
    readableByteStreamControllerFillReadRequestFromQueue(controller, readRequest);
  }
}

/** ReadableByteStreamControllerPullInto; `view` is a ViewInfo. */
function readableByteStreamControllerPullInto(controller, view, min, readIntoRequest) {
  const stream = controller.stream;
  let elementSize = 1;
  let ctor = DataView;
  const name = view.name;
  if (name !== undefined) {
    const entry = typedArrayTable[name];
    ctor = entry[0];
    elementSize = entry[1];
  }
  const minimumFill = min * elementSize;
  const byteOffset = view.byteOffset;
  const byteLength = view.byteLength;
  let buffer;
  try {
    buffer = transferArrayBuffer(view.buffer);
  } catch (e) {
    readIntoRequest.errorSteps(e);
    return;
  }
  const pullIntoDescriptor = new PullIntoDescriptor(buffer, ArrayBufferPrototypeGetByteLength(buffer), byteOffset, byteLength,
    0, minimumFill, elementSize, ctor, "byob");
  if (!controller.pendingPullIntos.isEmpty()) {
    controller.pendingPullIntos.push(pullIntoDescriptor);
    readableStreamAddReadIntoRequest(stream, readIntoRequest);
    return;
  }
  if (stream.state === "closed") {
    const emptyView = new ctor(pullIntoDescriptor.buffer, pullIntoDescriptor.byteOffset, 0);
    readIntoRequest.closeSteps(emptyView);
    return;
  }
  if (controller.queueTotalSize > 0) {
    if (readableByteStreamControllerFillPullIntoDescriptorFromQueue(controller, pullIntoDescriptor)) {
      const filledView = readableByteStreamControllerConvertPullIntoDescriptor(pullIntoDescriptor);
      readableByteStreamControllerHandleQueueDrain(controller);
      readIntoRequest.chunkSteps(filledView);
      return;
    }
    if (controller.closeRequested) {
      const e = new TypeError("Insufficient bytes to fill elements in the given buffer");
      readableByteStreamControllerError(controller, e);
      readIntoRequest.errorSteps(e);
      return;
    }
  }
  controller.pendingPullIntos.push(pullIntoDescriptor);
  readableStreamAddReadIntoRequest(stream, readIntoRequest);
  readableByteStreamControllerCallPullIfNeeded(controller);
}

function readableByteStreamControllerRespond(controller, bytesWritten) {
  const firstDescriptor = controller.pendingPullIntos.peek();
  const state = controller.stream.state;
  if (state === "closed") {
    if (bytesWritten !== 0) {
      throw new TypeError("bytesWritten must be 0 when calling respond() on a closed stream");
    }
  } else {
    if (bytesWritten === 0) {
      throw new TypeError("bytesWritten must be greater than 0 when calling respond() on a readable stream");
    }
    if (firstDescriptor.bytesFilled + bytesWritten > firstDescriptor.byteLength) {
      throw new RangeError("bytesWritten is larger than the remaining space of the BYOB request's view");
    }
  }
  firstDescriptor.buffer = transferDescriptorBuffer(firstDescriptor);
  readableByteStreamControllerRespondInternal(controller, bytesWritten);
}

function readableByteStreamControllerRespondInClosedState(controller, firstDescriptor) {
  if (firstDescriptor.readerType === "none") readableByteStreamControllerShiftPendingPullInto(controller);
  const stream = controller.stream;
  if (readableStreamHasBYOBReader(stream)) {
    const filledPullIntos = [];
    while (filledPullIntos.length < readableStreamGetNumReadIntoRequests(stream)) {
      const pullIntoDescriptor = readableByteStreamControllerShiftPendingPullInto(controller);
      ArrayPrototypePush(filledPullIntos, pullIntoDescriptor);
    }
    for (let i = 0; i < filledPullIntos.length; i++) {
      readableByteStreamControllerCommitPullIntoDescriptor(stream, filledPullIntos[i]);
    }
  }
}

function readableByteStreamControllerRespondInReadableState(controller, bytesWritten, pullIntoDescriptor) {
  readableByteStreamControllerFillHeadPullIntoDescriptor(controller, bytesWritten, pullIntoDescriptor);
  if (pullIntoDescriptor.readerType === "none") {
    readableByteStreamControllerEnqueueDetachedPullIntoToQueue(controller, pullIntoDescriptor);
    const filledPullIntos = readableByteStreamControllerProcessPullIntoDescriptorsUsingQueue(controller);
    for (let i = 0; i < filledPullIntos.length; i++) {
      readableByteStreamControllerCommitPullIntoDescriptor(controller.stream, filledPullIntos[i]);
    }
    return;
  }
  if (pullIntoDescriptor.bytesFilled < pullIntoDescriptor.minimumFill) return;
  readableByteStreamControllerShiftPendingPullInto(controller);
  const remainderSize = pullIntoDescriptor.bytesFilled % pullIntoDescriptor.elementSize;
  if (remainderSize > 0) {
    const end = pullIntoDescriptor.byteOffset + pullIntoDescriptor.bytesFilled;
    readableByteStreamControllerEnqueueClonedChunkToQueue(controller, pullIntoDescriptor.buffer, end - remainderSize,
      remainderSize);
  }
  pullIntoDescriptor.bytesFilled -= remainderSize;
  const filledPullIntos = readableByteStreamControllerProcessPullIntoDescriptorsUsingQueue(controller);
  readableByteStreamControllerCommitPullIntoDescriptor(controller.stream, pullIntoDescriptor);
  for (let i = 0; i < filledPullIntos.length; i++) {
    readableByteStreamControllerCommitPullIntoDescriptor(controller.stream, filledPullIntos[i]);
  }
}

function readableByteStreamControllerRespondInternal(controller, bytesWritten) {
  const firstDescriptor = controller.pendingPullIntos.peek();
  readableByteStreamControllerInvalidateBYOBRequest(controller);
  const state = controller.stream.state;
  if (state === "closed") {
    readableByteStreamControllerRespondInClosedState(controller, firstDescriptor);
  } else {
    readableByteStreamControllerRespondInReadableState(controller, bytesWritten, firstDescriptor);
  }
  readableByteStreamControllerCallPullIfNeeded(controller);
}

/** ReadableByteStreamControllerRespondWithNewView; `view` is a ViewInfo. */
function readableByteStreamControllerRespondWithNewView(controller, view) {
  const firstDescriptor = controller.pendingPullIntos.peek();
  const state = controller.stream.state;
  const byteLength = view.byteLength;
  const byteOffset = view.byteOffset;
  const buffer = view.buffer;
  if (state === "closed") {
    if (byteLength !== 0) {
      throw new TypeError("The view's length must be 0 when calling respondWithNewView() on a closed stream");
    }
  } else if (byteLength === 0) {
    throw new TypeError("The view's length must be greater than 0 when calling respondWithNewView() on a readable stream");
  }
  if (firstDescriptor.byteOffset + firstDescriptor.bytesFilled !== byteOffset) {
    throw new RangeError("The region specified by view does not match byobRequest");
  }
  if (firstDescriptor.bufferByteLength !== ArrayBufferPrototypeGetByteLength(buffer)) {
    throw new RangeError("The buffer of view has different capacity than byobRequest");
  }
  if (firstDescriptor.bytesFilled + byteLength > firstDescriptor.byteLength) {
    throw new RangeError("The region specified by view is larger than byobRequest");
  }
  const viewByteLengthValue = byteLength;
  firstDescriptor.buffer = transferArrayBuffer(buffer);
  firstDescriptor.bufferExposed = false;
  readableByteStreamControllerRespondInternal(controller, viewByteLengthValue);
}

function readableByteStreamControllerShiftPendingPullInto(controller) {
  return controller.pendingPullIntos.shift();
}

function readableByteStreamControllerShouldCallPull(controller) {
  const stream = controller.stream;
  if (stream.state !== "readable") return false;
  if (controller.closeRequested) return false;
  if (!controller.started) return false;
  if (readableStreamHasDefaultReader(stream) && readableStreamGetNumReadRequests(stream) > 0) return true;
  if (readableStreamHasBYOBReader(stream) && readableStreamGetNumReadIntoRequests(stream) > 0) return true;
  const desiredSize = readableByteStreamControllerGetDesiredSize(controller);
  return desiredSize > 0;
}

function readableByteStreamControllerFillHeadPullIntoDescriptor(controller, size, pullIntoDescriptor) {
  pullIntoDescriptor.bytesFilled += size;
}

function readableByteStreamControllerError(controller, e) {
  const stream = controller.stream;
  if (stream.state !== "readable") return;
  readableByteStreamControllerClearPendingPullIntos(controller);
  controller.queue = new List();
  controller.queueTotalSize = 0;
  readableByteStreamControllerClearAlgorithms(controller);
  readableStreamError(stream, e);
}

function setUpReadableByteStreamController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm,
  highWaterMark, autoAllocateChunkSize) {
  controller.stream = stream;
  controller.pullAgain = false;
  controller.pulling = false;
  controller.byobRequest = null;
  controller.queue = new List();
  controller.queueTotalSize = 0;
  controller.closeRequested = false;
  controller.started = false;
  controller.strategyHWM = highWaterMark;
  controller.pullAlgorithm = pullAlgorithm;
  controller.cancelAlgorithm = cancelAlgorithm;
  controller.autoAllocateChunkSize = autoAllocateChunkSize;
  controller.pendingPullIntos = new List();
  stream.controller = controller;
  const startResult = startAlgorithm();
  uponPromise(promiseResolvedWith(startResult), () => {
    controller.started = true;
    readableByteStreamControllerCallPullIfNeeded(controller);
  }, (r) => {
    readableByteStreamControllerError(controller, r);
  });
}

function setUpReadableByteStreamControllerFromUnderlyingSource(stream, underlyingSource, underlyingSourceDict,
  highWaterMark) {
  const controller = new RBSControllerRecord();
  let startAlgorithm = noop;
  let pullAlgorithm = () => promiseResolvedWith(undefined);
  let cancelAlgorithm = () => promiseResolvedWith(undefined);
  const start = underlyingSourceDict.start;
  const pull = underlyingSourceDict.pull;
  const cancel = underlyingSourceDict.cancel;
  if (start !== undefined) {
    startAlgorithm = () => ReflectApply(start, underlyingSource, [rbsControllerObject(controller)]);
  }
  if (pull !== undefined) {
    pullAlgorithm = () => invokePromiseCallback(pull, underlyingSource, rbsControllerObject(controller), undefined, 1);
  }
  if (cancel !== undefined) {
    cancelAlgorithm = (reason) => invokePromiseCallback(cancel, underlyingSource, reason, undefined, 1);
  }
  const autoAllocateChunkSize = underlyingSourceDict.autoAllocateChunkSize;
  if (autoAllocateChunkSize === 0) {
    throw new TypeError("autoAllocateChunkSize must be greater than 0");
  }
  setUpReadableByteStreamController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark,
    autoAllocateChunkSize);
}

// =======================================================================================
// WritableStream abstract operations (https://streams.spec.whatwg.org/#ws-abstract-ops)

const closeSentinel = ObjectFreeze({ __proto__: null });

class WSRecord {
  constructor() {
    // InitializeWritableStream
    this.state = "writable";
    this.storedError = undefined;
    this.writer = undefined;
    this.controller = undefined;
    this.inFlightWriteRequest = undefined;
    this.closeRequest = undefined;
    this.inFlightCloseRequest = undefined;
    this.pendingAbortRequest = undefined;
    this.writeRequests = new List();
    this.backpressure = false;
    this.object = undefined;
  }
}

class WSDefaultWriterRecord {
  constructor() {
    this.stream = undefined;
    this.closedPromise = undefined;
    this.readyPromise = undefined;
    this.object = undefined;
  }
}

class WSDefaultControllerRecord {
  constructor() {
    this.stream = undefined;
    this.queue = undefined;
    this.queueTotalSize = 0;
    // The controller's AbortController is represented by its signal, created when first
    // needed (the `signal` getter), and the abort reason if abort was signaled before.
    this.signal = undefined;
    this.aborted = false;
    this.abortReason = undefined;
    this.started = false;
    this.strategySizeAlgorithm = undefined;
    this.strategyHWM = 0;
    this.writeAlgorithm = undefined;
    this.closeAlgorithm = undefined;
    this.abortAlgorithm = undefined;
    this.object = undefined;
    this.onWriteFulfilled = () => writableStreamDefaultControllerOnWriteFulfilled(this);
    this.onWriteRejected = (reason) => writableStreamDefaultControllerOnWriteRejected(this, reason);
  }

  abortSteps(reason) {
    const result = this.abortAlgorithm(reason);
    writableStreamDefaultControllerClearAlgorithms(this);
    return result;
  }

  errorSteps() {
    resetQueue(this);
  }
}

function controllerSignal(controller) {
  if (controller.signal === undefined) {
    const mod = abort();
    if (mod === null) throw new TypeError("AbortSignal is not available");
    controller.signal = mod.newAbortSignal();
    if (controller.aborted) mod.signalAbort(controller.signal, controller.abortReason);
  }
  return controller.signal;
}

function signalControllerAbort(controller, reason) {
  if (controller.aborted) return;
  if (reason === undefined) {
    const { DOMException } = core.require("dom_exception");
    reason = new DOMException("The operation was aborted.", "AbortError");
  }
  controller.aborted = true;
  controller.abortReason = reason;
  if (controller.signal !== undefined) abort().signalAbort(controller.signal, reason);
}

function acquireWritableStreamDefaultWriter(stream) {
  const writer = new WSDefaultWriterRecord();
  setUpWritableStreamDefaultWriter(writer, stream);
  return writer;
}

function createWritableStream(startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, highWaterMark,
  sizeAlgorithm) {
  const stream = new WSRecord();
  const controller = new WSDefaultControllerRecord();
  setUpWritableStreamDefaultController(stream, controller, startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm,
    highWaterMark, sizeAlgorithm);
  return stream;
}

function isWritableStreamLocked(stream) {
  return stream.writer !== undefined;
}

function writableStreamAbort(stream, reason) {
  if (stream.state === "closed" || stream.state === "errored") return promiseResolvedWith(undefined);
  signalControllerAbort(stream.controller, reason);
  const state = stream.state;
  if (state === "closed" || state === "errored") return promiseResolvedWith(undefined);
  if (stream.pendingAbortRequest !== undefined) return stream.pendingAbortRequest.deferred.promise;
  let wasAlreadyErroring = false;
  if (state === "erroring") {
    wasAlreadyErroring = true;
    reason = undefined;
  }
  const deferred = new Deferred();
  stream.pendingAbortRequest = { __proto__: null, deferred, reason, wasAlreadyErroring };
  if (!wasAlreadyErroring) writableStreamStartErroring(stream, reason);
  return deferred.promise;
}

function writableStreamClose(stream) {
  const state = stream.state;
  if (state === "closed" || state === "errored") {
    return promiseRejectedWith(new TypeError("The stream is closed or errored and cannot be closed again"));
  }
  const deferred = new Deferred();
  stream.closeRequest = deferred;
  const writer = stream.writer;
  if (writer !== undefined && stream.backpressure && state === "writable") writer.readyPromise.resolve(undefined);
  writableStreamDefaultControllerClose(stream.controller);
  return deferred.promise;
}

function writableStreamAddWriteRequest(stream) {
  const deferred = new Deferred();
  stream.writeRequests.push(deferred);
  return deferred.promise;
}

function writableStreamCloseQueuedOrInFlight(stream) {
  return stream.closeRequest !== undefined || stream.inFlightCloseRequest !== undefined;
}

function writableStreamDealWithRejection(stream, error) {
  if (stream.state === "writable") {
    writableStreamStartErroring(stream, error);
    return;
  }
  writableStreamFinishErroring(stream);
}

function writableStreamFinishErroring(stream) {
  stream.state = "errored";
  stream.controller.errorSteps();
  const storedError = stream.storedError;
  const writeRequests = stream.writeRequests.takeAll();
  for (let i = 0; i < writeRequests.length; i++) writeRequests[i].reject(storedError);
  if (stream.pendingAbortRequest === undefined) {
    writableStreamRejectCloseAndClosedPromiseIfNeeded(stream);
    return;
  }
  const abortRequest = stream.pendingAbortRequest;
  stream.pendingAbortRequest = undefined;
  if (abortRequest.wasAlreadyErroring) {
    abortRequest.deferred.reject(storedError);
    writableStreamRejectCloseAndClosedPromiseIfNeeded(stream);
    return;
  }
  const promise = stream.controller.abortSteps(abortRequest.reason);
  uponPromise(promise, () => {
    abortRequest.deferred.resolve(undefined);
    writableStreamRejectCloseAndClosedPromiseIfNeeded(stream);
  }, (reason) => {
    abortRequest.deferred.reject(reason);
    writableStreamRejectCloseAndClosedPromiseIfNeeded(stream);
  });
}

function writableStreamFinishInFlightClose(stream) {
  stream.inFlightCloseRequest.resolve(undefined);
  stream.inFlightCloseRequest = undefined;
  const state = stream.state;
  if (state === "erroring") {
    stream.storedError = undefined;
    if (stream.pendingAbortRequest !== undefined) {
      stream.pendingAbortRequest.deferred.resolve(undefined);
      stream.pendingAbortRequest = undefined;
    }
  }
  stream.state = "closed";
  const writer = stream.writer;
  if (writer !== undefined) writer.closedPromise.resolve(undefined);
}

function writableStreamFinishInFlightCloseWithError(stream, error) {
  stream.inFlightCloseRequest.reject(error);
  stream.inFlightCloseRequest = undefined;
  if (stream.pendingAbortRequest !== undefined) {
    stream.pendingAbortRequest.deferred.reject(error);
    stream.pendingAbortRequest = undefined;
  }
  writableStreamDealWithRejection(stream, error);
}

function writableStreamFinishInFlightWrite(stream) {
  stream.inFlightWriteRequest.resolve(undefined);
  stream.inFlightWriteRequest = undefined;
}

function writableStreamFinishInFlightWriteWithError(stream, error) {
  stream.inFlightWriteRequest.reject(error);
  stream.inFlightWriteRequest = undefined;
  writableStreamDealWithRejection(stream, error);
}

function writableStreamHasOperationMarkedInFlight(stream) {
  return stream.inFlightWriteRequest !== undefined || stream.inFlightCloseRequest !== undefined;
}

function writableStreamMarkCloseRequestInFlight(stream) {
  stream.inFlightCloseRequest = stream.closeRequest;
  stream.closeRequest = undefined;
}

function writableStreamMarkFirstWriteRequestInFlight(stream) {
  stream.inFlightWriteRequest = stream.writeRequests.shift();
}

function writableStreamRejectCloseAndClosedPromiseIfNeeded(stream) {
  if (stream.closeRequest !== undefined) {
    stream.closeRequest.reject(stream.storedError);
    stream.closeRequest = undefined;
  }
  const writer = stream.writer;
  if (writer !== undefined) {
    writer.closedPromise.reject(stream.storedError);
    setPromiseIsHandledToTrue(writer.closedPromise.promise);
  }
}

function writableStreamStartErroring(stream, reason) {
  const controller = stream.controller;
  stream.state = "erroring";
  stream.storedError = reason;
  const writer = stream.writer;
  if (writer !== undefined) writableStreamDefaultWriterEnsureReadyPromiseRejected(writer, reason);
  if (!writableStreamHasOperationMarkedInFlight(stream) && controller.started) writableStreamFinishErroring(stream);
}

function writableStreamUpdateBackpressure(stream, backpressure) {
  const writer = stream.writer;
  if (writer !== undefined && backpressure !== stream.backpressure) {
    if (backpressure) writer.readyPromise = new Deferred();
    else writer.readyPromise.resolve(undefined);
  }
  stream.backpressure = backpressure;
}

// Writers

function setUpWritableStreamDefaultWriter(writer, stream) {
  if (isWritableStreamLocked(stream)) {
    throw new TypeError("The stream is locked: it already has a writer or is being piped to");
  }
  writer.stream = stream;
  stream.writer = writer;
  const state = stream.state;
  if (state === "writable") {
    if (!writableStreamCloseQueuedOrInFlight(stream) && stream.backpressure) writer.readyPromise = new Deferred();
    else writer.readyPromise = resolvedDeferred(undefined);
    writer.closedPromise = new Deferred();
  } else if (state === "erroring") {
    writer.readyPromise = rejectedHandledDeferred(stream.storedError);
    writer.closedPromise = new Deferred();
  } else if (state === "closed") {
    writer.readyPromise = resolvedDeferred(undefined);
    writer.closedPromise = resolvedDeferred(undefined);
  } else {
    const storedError = stream.storedError;
    writer.readyPromise = rejectedHandledDeferred(storedError);
    writer.closedPromise = rejectedHandledDeferred(storedError);
  }
}

function writableStreamDefaultWriterAbort(writer, reason) {
  return writableStreamAbort(writer.stream, reason);
}

function writableStreamDefaultWriterClose(writer) {
  return writableStreamClose(writer.stream);
}

function writableStreamDefaultWriterCloseWithErrorPropagation(writer) {
  const stream = writer.stream;
  const state = stream.state;
  if (writableStreamCloseQueuedOrInFlight(stream) || state === "closed") return promiseResolvedWith(undefined);
  if (state === "errored") return promiseRejectedWith(stream.storedError);
  return writableStreamDefaultWriterClose(writer);
}

function writableStreamDefaultWriterEnsureClosedPromiseRejected(writer, error) {
  if (writer.closedPromise.pending) writer.closedPromise.reject(error);
  else writer.closedPromise = rejectedHandledDeferred(error);
  setPromiseIsHandledToTrue(writer.closedPromise.promise);
}

function writableStreamDefaultWriterEnsureReadyPromiseRejected(writer, error) {
  if (writer.readyPromise.pending) writer.readyPromise.reject(error);
  else writer.readyPromise = rejectedHandledDeferred(error);
  setPromiseIsHandledToTrue(writer.readyPromise.promise);
}

function writableStreamDefaultWriterGetDesiredSize(writer) {
  const stream = writer.stream;
  const state = stream.state;
  if (state === "errored" || state === "erroring") return null;
  if (state === "closed") return 0;
  return writableStreamDefaultControllerGetDesiredSize(stream.controller);
}

function writableStreamDefaultWriterRelease(writer) {
  const stream = writer.stream;
  const releasedError = new TypeError("The writer's lock was released: this writer can no longer be used");
  writableStreamDefaultWriterEnsureReadyPromiseRejected(writer, releasedError);
  writableStreamDefaultWriterEnsureClosedPromiseRejected(writer, releasedError);
  stream.writer = undefined;
  writer.stream = undefined;
}

/** WritableStreamDefaultWriterWrite settling `request` (resolve/reject) instead of a promise. */
function writableStreamDefaultWriterWriteWith(writer, chunk, request) {
  const stream = writer.stream;
  const controller = stream.controller;
  const chunkSize = writableStreamDefaultControllerGetChunkSize(controller, chunk);
  if (stream !== writer.stream) {
    request.reject(new TypeError("The writer's lock was released while computing the chunk's size"));
    return;
  }
  const state = stream.state;
  if (state === "errored") {
    request.reject(stream.storedError);
    return;
  }
  if (writableStreamCloseQueuedOrInFlight(stream) || state === "closed") {
    request.reject(new TypeError("The stream is closing or closed and cannot be written to"));
    return;
  }
  if (state === "erroring") {
    request.reject(stream.storedError);
    return;
  }
  stream.writeRequests.push(request);
  writableStreamDefaultControllerWrite(controller, chunk, chunkSize);
}

function writableStreamDefaultWriterWrite(writer, chunk) {
  const stream = writer.stream;
  const controller = stream.controller;
  const chunkSize = writableStreamDefaultControllerGetChunkSize(controller, chunk);
  if (stream !== writer.stream) {
    return promiseRejectedWith(new TypeError("The writer's lock was released while computing the chunk's size"));
  }
  const state = stream.state;
  if (state === "errored") return promiseRejectedWith(stream.storedError);
  if (writableStreamCloseQueuedOrInFlight(stream) || state === "closed") {
    return promiseRejectedWith(new TypeError("The stream is closing or closed and cannot be written to"));
  }
  if (state === "erroring") return promiseRejectedWith(stream.storedError);
  const promise = writableStreamAddWriteRequest(stream);
  writableStreamDefaultControllerWrite(controller, chunk, chunkSize);
  return promise;
}

// Default controllers

function setUpWritableStreamDefaultController(stream, controller, startAlgorithm, writeAlgorithm, closeAlgorithm,
  abortAlgorithm, highWaterMark, sizeAlgorithm) {
  controller.stream = stream;
  stream.controller = controller;
  resetQueue(controller);
  controller.started = false;
  controller.strategySizeAlgorithm = sizeAlgorithm;
  controller.strategyHWM = highWaterMark;
  controller.writeAlgorithm = writeAlgorithm;
  controller.closeAlgorithm = closeAlgorithm;
  controller.abortAlgorithm = abortAlgorithm;
  const backpressure = writableStreamDefaultControllerGetBackpressure(controller);
  writableStreamUpdateBackpressure(stream, backpressure);
  const startResult = startAlgorithm();
  const startPromise = promiseResolvedWith(startResult);
  uponPromise(startPromise, () => {
    controller.started = true;
    writableStreamDefaultControllerAdvanceQueueIfNeeded(controller);
  }, (r) => {
    controller.started = true;
    writableStreamDealWithRejection(stream, r);
  });
}

function setUpWritableStreamDefaultControllerFromUnderlyingSink(stream, underlyingSink, underlyingSinkDict,
  highWaterMark, sizeAlgorithm) {
  const controller = new WSDefaultControllerRecord();
  let startAlgorithm = noop;
  let writeAlgorithm = () => promiseResolvedWith(undefined);
  let closeAlgorithm = () => promiseResolvedWith(undefined);
  let abortAlgorithm = () => promiseResolvedWith(undefined);
  const start = underlyingSinkDict.start;
  const write = underlyingSinkDict.write;
  const close = underlyingSinkDict.close;
  const abortFn = underlyingSinkDict.abort;
  if (start !== undefined) {
    startAlgorithm = () => ReflectApply(start, underlyingSink, [wsDefaultControllerObject(controller)]);
  }
  if (write !== undefined) {
    writeAlgorithm = (chunk) => invokePromiseCallback(write, underlyingSink, chunk, wsDefaultControllerObject(controller), 2);
  }
  if (close !== undefined) {
    closeAlgorithm = () => invokePromiseCallback(close, underlyingSink, undefined, undefined, 0);
  }
  if (abortFn !== undefined) {
    abortAlgorithm = (reason) => invokePromiseCallback(abortFn, underlyingSink, reason, undefined, 1);
  }
  setUpWritableStreamDefaultController(stream, controller, startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm,
    highWaterMark, sizeAlgorithm);
}

function writableStreamDefaultControllerAdvanceQueueIfNeeded(controller) {
  const stream = controller.stream;
  if (!controller.started) return;
  if (stream.inFlightWriteRequest !== undefined) return;
  const state = stream.state;
  if (state === "erroring") {
    writableStreamFinishErroring(stream);
    return;
  }
  if (controller.queue.isEmpty()) return;
  const value = peekQueueValue(controller);
  if (value === closeSentinel) writableStreamDefaultControllerProcessClose(controller);
  else writableStreamDefaultControllerProcessWrite(controller, value);
}

function writableStreamDefaultControllerClearAlgorithms(controller) {
  controller.writeAlgorithm = undefined;
  controller.closeAlgorithm = undefined;
  controller.abortAlgorithm = undefined;
  controller.strategySizeAlgorithm = undefined;
}

function writableStreamDefaultControllerClose(controller) {
  enqueueValueWithSize(controller, closeSentinel, 0);
  writableStreamDefaultControllerAdvanceQueueIfNeeded(controller);
}

function writableStreamDefaultControllerError(controller, error) {
  const stream = controller.stream;
  writableStreamDefaultControllerClearAlgorithms(controller);
  writableStreamStartErroring(stream, error);
}

function writableStreamDefaultControllerErrorIfNeeded(controller, error) {
  if (controller.stream.state === "writable") writableStreamDefaultControllerError(controller, error);
}

function writableStreamDefaultControllerGetBackpressure(controller) {
  return writableStreamDefaultControllerGetDesiredSize(controller) <= 0;
}

function writableStreamDefaultControllerGetChunkSize(controller, chunk) {
  if (controller.strategySizeAlgorithm === undefined) return 1;
  try {
    return controller.strategySizeAlgorithm(chunk);
  } catch (e) {
    writableStreamDefaultControllerErrorIfNeeded(controller, e);
    return 1;
  }
}

function writableStreamDefaultControllerGetDesiredSize(controller) {
  return controller.strategyHWM - controller.queueTotalSize;
}

function writableStreamDefaultControllerProcessClose(controller) {
  const stream = controller.stream;
  writableStreamMarkCloseRequestInFlight(stream);
  dequeueValue(controller);
  const sinkClosePromise = controller.closeAlgorithm();
  writableStreamDefaultControllerClearAlgorithms(controller);
  uponPromise(sinkClosePromise, () => {
    writableStreamFinishInFlightClose(stream);
  }, (reason) => {
    writableStreamFinishInFlightCloseWithError(stream, reason);
  });
}

function writableStreamDefaultControllerProcessWrite(controller, chunk) {
  const stream = controller.stream;
  writableStreamMarkFirstWriteRequestInFlight(stream);
  const sinkWritePromise = controller.writeAlgorithm(chunk);
  PromisePrototypeThen(sinkWritePromise, controller.onWriteFulfilled, controller.onWriteRejected);
}

function writableStreamDefaultControllerOnWriteFulfilled(controller) {
  const stream = controller.stream;
  writableStreamFinishInFlightWrite(stream);
  const state = stream.state;
  dequeueValue(controller);
  if (!writableStreamCloseQueuedOrInFlight(stream) && state === "writable") {
    const backpressure = writableStreamDefaultControllerGetBackpressure(controller);
    writableStreamUpdateBackpressure(stream, backpressure);
  }
  writableStreamDefaultControllerAdvanceQueueIfNeeded(controller);
}

function writableStreamDefaultControllerOnWriteRejected(controller, reason) {
  const stream = controller.stream;
  if (stream.state === "writable") writableStreamDefaultControllerClearAlgorithms(controller);
  writableStreamFinishInFlightWriteWithError(stream, reason);
}

function writableStreamDefaultControllerWrite(controller, chunk, chunkSize) {
  try {
    enqueueValueWithSize(controller, chunk, chunkSize);
  } catch (e) {
    writableStreamDefaultControllerErrorIfNeeded(controller, e);
    return;
  }
  const stream = controller.stream;
  if (!writableStreamCloseQueuedOrInFlight(stream) && stream.state === "writable") {
    const backpressure = writableStreamDefaultControllerGetBackpressure(controller);
    writableStreamUpdateBackpressure(stream, backpressure);
  }
  writableStreamDefaultControllerAdvanceQueueIfNeeded(controller);
}

// =======================================================================================
// TransformStream abstract operations (https://streams.spec.whatwg.org/#ts-abstract-ops)

class TSRecord {
  constructor() {
    this.backpressure = undefined;
    this.backpressureChangePromise = undefined;
    this.controller = undefined;
    this.readable = undefined;
    this.writable = undefined;
    this.object = undefined;
  }
}

class TSDefaultControllerRecord {
  constructor() {
    this.stream = undefined;
    this.transformAlgorithm = undefined;
    this.flushAlgorithm = undefined;
    this.cancelAlgorithm = undefined;
    this.finishPromise = undefined;
    this.object = undefined;
  }
}

function initializeTransformStream(stream, startPromise, writableHighWaterMark, writableSizeAlgorithm,
  readableHighWaterMark, readableSizeAlgorithm) {
  const startAlgorithm = () => startPromise;
  const writeAlgorithm = (chunk) => transformStreamDefaultSinkWriteAlgorithm(stream, chunk);
  const abortAlgorithm = (reason) => transformStreamDefaultSinkAbortAlgorithm(stream, reason);
  const closeAlgorithm = () => transformStreamDefaultSinkCloseAlgorithm(stream);
  stream.writable = createWritableStream(startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm,
    writableHighWaterMark, writableSizeAlgorithm);
  const pullAlgorithm = () => transformStreamDefaultSourcePullAlgorithm(stream);
  const cancelAlgorithm = (reason) => transformStreamDefaultSourceCancelAlgorithm(stream, reason);
  stream.readable = createReadableStream(startAlgorithm, pullAlgorithm, cancelAlgorithm, readableHighWaterMark,
    readableSizeAlgorithm);
  stream.backpressure = undefined;
  stream.backpressureChangePromise = undefined;
  transformStreamSetBackpressure(stream, true);
  stream.controller = undefined;
}

function transformStreamError(stream, e) {
  readableStreamDefaultControllerError(stream.readable.controller, e);
  transformStreamErrorWritableAndUnblockWrite(stream, e);
}

function transformStreamErrorWritableAndUnblockWrite(stream, e) {
  transformStreamDefaultControllerClearAlgorithms(stream.controller);
  writableStreamDefaultControllerErrorIfNeeded(stream.writable.controller, e);
  transformStreamUnblockWrite(stream);
}

function transformStreamSetBackpressure(stream, backpressure) {
  if (stream.backpressureChangePromise !== undefined) stream.backpressureChangePromise.resolve(undefined);
  stream.backpressureChangePromise = new Deferred();
  stream.backpressure = backpressure;
}

function transformStreamUnblockWrite(stream) {
  if (stream.backpressure) transformStreamSetBackpressure(stream, false);
}

function setUpTransformStreamDefaultController(stream, controller, transformAlgorithm, flushAlgorithm, cancelAlgorithm) {
  controller.stream = stream;
  stream.controller = controller;
  controller.transformAlgorithm = transformAlgorithm;
  controller.flushAlgorithm = flushAlgorithm;
  controller.cancelAlgorithm = cancelAlgorithm;
}

function setUpTransformStreamDefaultControllerFromTransformer(stream, transformer, transformerDict) {
  const controller = new TSDefaultControllerRecord();
  let transformAlgorithm = (chunk) => {
    try {
      transformStreamDefaultControllerEnqueue(controller, chunk);
    } catch (e) {
      return promiseRejectedWith(e);
    }
    return promiseResolvedWith(undefined);
  };
  let flushAlgorithm = () => promiseResolvedWith(undefined);
  let cancelAlgorithm = () => promiseResolvedWith(undefined);
  const transform = transformerDict.transform;
  const flush = transformerDict.flush;
  const cancel = transformerDict.cancel;
  if (transform !== undefined) {
    transformAlgorithm = (chunk) =>
      invokePromiseCallback(transform, transformer, chunk, tsDefaultControllerObject(controller), 2);
  }
  if (flush !== undefined) {
    flushAlgorithm = () => invokePromiseCallback(flush, transformer, tsDefaultControllerObject(controller), undefined, 1);
  }
  if (cancel !== undefined) {
    cancelAlgorithm = (reason) => invokePromiseCallback(cancel, transformer, reason, undefined, 1);
  }
  setUpTransformStreamDefaultController(stream, controller, transformAlgorithm, flushAlgorithm, cancelAlgorithm);
}

function transformStreamDefaultControllerClearAlgorithms(controller) {
  controller.transformAlgorithm = undefined;
  controller.flushAlgorithm = undefined;
  controller.cancelAlgorithm = undefined;
}

function transformStreamDefaultControllerEnqueue(controller, chunk) {
  const stream = controller.stream;
  const readableController = stream.readable.controller;
  if (!readableStreamDefaultControllerCanCloseOrEnqueue(readableController)) {
    throw new TypeError("The readable side of the transform stream is closed or errored: cannot enqueue");
  }
  try {
    readableStreamDefaultControllerEnqueue(readableController, chunk);
  } catch (e) {
    transformStreamErrorWritableAndUnblockWrite(stream, e);
    throw stream.readable.storedError;
  }
  const backpressure = readableStreamDefaultControllerHasBackpressure(readableController);
  if (backpressure !== stream.backpressure) transformStreamSetBackpressure(stream, true);
}

function transformStreamDefaultControllerError(controller, e) {
  transformStreamError(controller.stream, e);
}

function transformStreamDefaultControllerPerformTransform(controller, chunk) {
  const transformPromise = controller.transformAlgorithm(chunk);
  return transformPromiseWith(transformPromise, undefined, (r) => {
    transformStreamError(controller.stream, r);
    throw r;
  });
}

function transformStreamDefaultControllerTerminate(controller) {
  const stream = controller.stream;
  const readableController = stream.readable.controller;
  readableStreamDefaultControllerClose(readableController);
  const error = new TypeError("The transform stream has been terminated");
  transformStreamErrorWritableAndUnblockWrite(stream, error);
}

function transformStreamDefaultSinkWriteAlgorithm(stream, chunk) {
  const controller = stream.controller;
  if (stream.backpressure) {
    const backpressureChangePromise = stream.backpressureChangePromise.promise;
    return transformPromiseWith(backpressureChangePromise, () => {
      const writable = stream.writable;
      const state = writable.state;
      if (state === "erroring") throw writable.storedError;
      return transformStreamDefaultControllerPerformTransform(controller, chunk);
    });
  }
  return transformStreamDefaultControllerPerformTransform(controller, chunk);
}

function transformStreamDefaultSinkAbortAlgorithm(stream, reason) {
  const controller = stream.controller;
  if (controller.finishPromise !== undefined) return controller.finishPromise.promise;
  const readable = stream.readable;
  controller.finishPromise = new Deferred();
  const finish = controller.finishPromise;
  const cancelPromise = controller.cancelAlgorithm(reason);
  transformStreamDefaultControllerClearAlgorithms(controller);
  uponPromise(cancelPromise, () => {
    if (readable.state === "errored") {
      finish.reject(readable.storedError);
    } else {
      readableStreamDefaultControllerError(readable.controller, reason);
      finish.resolve(undefined);
    }
  }, (r) => {
    readableStreamDefaultControllerError(readable.controller, r);
    finish.reject(r);
  });
  return finish.promise;
}

function transformStreamDefaultSinkCloseAlgorithm(stream) {
  const controller = stream.controller;
  if (controller.finishPromise !== undefined) return controller.finishPromise.promise;
  const readable = stream.readable;
  controller.finishPromise = new Deferred();
  const finish = controller.finishPromise;
  const flushPromise = controller.flushAlgorithm();
  transformStreamDefaultControllerClearAlgorithms(controller);
  uponPromise(flushPromise, () => {
    if (readable.state === "errored") {
      finish.reject(readable.storedError);
    } else {
      readableStreamDefaultControllerClose(readable.controller);
      finish.resolve(undefined);
    }
  }, (r) => {
    readableStreamDefaultControllerError(readable.controller, r);
    finish.reject(r);
  });
  return finish.promise;
}

function transformStreamDefaultSourceCancelAlgorithm(stream, reason) {
  const controller = stream.controller;
  if (controller.finishPromise !== undefined) return controller.finishPromise.promise;
  const writable = stream.writable;
  controller.finishPromise = new Deferred();
  const finish = controller.finishPromise;
  const cancelPromise = controller.cancelAlgorithm(reason);
  transformStreamDefaultControllerClearAlgorithms(controller);
  uponPromise(cancelPromise, () => {
    if (writable.state === "errored") {
      finish.reject(writable.storedError);
    } else {
      writableStreamDefaultControllerErrorIfNeeded(writable.controller, reason);
      transformStreamUnblockWrite(stream);
      finish.resolve(undefined);
    }
  }, (r) => {
    writableStreamDefaultControllerErrorIfNeeded(writable.controller, r);
    transformStreamUnblockWrite(stream);
    finish.reject(r);
  });
  return finish.promise;
}

function transformStreamDefaultSourcePullAlgorithm(stream) {
  transformStreamSetBackpressure(stream, false);
  return stream.backpressureChangePromise.promise;
}

// =======================================================================================
// Public interfaces

let getRS; // (value) => RSRecord | undefined
let getDefaultReader;
let getBYOBReader;
let getRSDefaultController;
let getRBSController;
let getBYOBRequest;
let getWS;
let getWriter;
let getWSController;
let getTS;
let getTSController;

function rsObject(record) {
  const o = record.object;
  return o !== undefined ? o : new ReadableStream(kInternal, record);
}
function defaultReaderObject(record) {
  const o = record.object;
  return o !== undefined ? o : new ReadableStreamDefaultReader(kInternal, record);
}
function byobReaderObject(record) {
  const o = record.object;
  return o !== undefined ? o : new ReadableStreamBYOBReader(kInternal, record);
}
function rsDefaultControllerObject(record) {
  const o = record.object;
  return o !== undefined ? o : new ReadableStreamDefaultController(kInternal, record);
}
function rbsControllerObject(record) {
  const o = record.object;
  return o !== undefined ? o : new ReadableByteStreamController(kInternal, record);
}
function byobRequestObject(record) {
  const o = record.object;
  return o !== undefined ? o : new ReadableStreamBYOBRequest(kInternal, record);
}
function wsObject(record) {
  const o = record.object;
  return o !== undefined ? o : new WritableStream(kInternal, record);
}
function writerObject(record) {
  const o = record.object;
  return o !== undefined ? o : new WritableStreamDefaultWriter(kInternal, record);
}
function wsDefaultControllerObject(record) {
  const o = record.object;
  return o !== undefined ? o : new WritableStreamDefaultController(kInternal, record);
}
function tsObject(record) {
  const o = record.object;
  return o !== undefined ? o : new TransformStream(kInternal, record);
}
function tsDefaultControllerObject(record) {
  const o = record.object;
  return o !== undefined ? o : new TransformStreamDefaultController(kInternal, record);
}

function isObject(value) {
  return value !== null && (typeof value === "object" || typeof value === "function");
}

function convertReadableStream(value, prefix, context) {
  const record = getRS(value);
  if (record === undefined) throw new TypeError(`${prefix}: ${context} is not of type 'ReadableStream'.`);
  return value;
}

function convertWritableStream(value, prefix, context) {
  const record = getWS(value);
  if (record === undefined) throw new TypeError(`${prefix}: ${context} is not of type 'WritableStream'.`);
  return value;
}

const convertReadableWritablePair = webidl.createDictionaryConverter("ReadableWritablePair", [
  { key: "readable", converter: convertReadableStream, required: true },
  { key: "writable", converter: convertWritableStream, required: true },
]);

// ---------------------------------------------------------------------------------------
// ReadableStream

class ReadableStream {
  #stream;

  constructor(underlyingSource = undefined, strategy = undefined) {
    if (underlyingSource === kInternal) {
      this.#stream = strategy;
      strategy.object = this;
      return;
    }
    const prefix = "Failed to construct 'ReadableStream'";
    underlyingSource = convertObjectOrUndefined(underlyingSource, prefix, "Argument 1");
    const strategyDict = convertQueuingStrategy(strategy, prefix, "Argument 2");
    if (underlyingSource === undefined) underlyingSource = null;
    const underlyingSourceDict = convertUnderlyingSource(underlyingSource, prefix, "Argument 1");
    const stream = new RSRecord();
    stream.object = this;
    this.#stream = stream;
    if (underlyingSourceDict.type === "bytes") {
      if (strategyDict.size !== undefined) {
        throw new RangeError(`${prefix}: The strategy for a byte stream cannot have a size function`);
      }
      const highWaterMark = extractHighWaterMark(strategyDict, 0);
      setUpReadableByteStreamControllerFromUnderlyingSource(stream, underlyingSource, underlyingSourceDict, highWaterMark);
    } else {
      const sizeAlgorithm = extractSizeAlgorithm(strategyDict);
      const highWaterMark = extractHighWaterMark(strategyDict, 1);
      setUpReadableStreamDefaultControllerFromUnderlyingSource(stream, underlyingSource, underlyingSourceDict,
        highWaterMark, sizeAlgorithm);
    }
  }

  static {
    getRS = (o) => (isObject(o) && #stream in o ? o.#stream : undefined);
  }

  static from(asyncIterable) {
    requiredArguments(arguments.length, 1, "Failed to execute 'from' on 'ReadableStream'");
    return rsObject(readableStreamFromIterable(asyncIterable));
  }

  get locked() {
    const stream = getRS(this);
    if (stream === undefined) throw illegalInvocation("Failed to read the 'locked' property from 'ReadableStream'");
    return isReadableStreamLocked(stream);
  }

  cancel(reason = undefined) {
    const stream = getRS(this);
    if (stream === undefined) {
      return promiseRejectedWith(illegalInvocation("Failed to execute 'cancel' on 'ReadableStream'"));
    }
    if (isReadableStreamLocked(stream)) {
      return promiseRejectedWith(new TypeError("Failed to execute 'cancel' on 'ReadableStream': Cannot cancel a locked stream"));
    }
    return readableStreamCancel(stream, reason);
  }

  getReader(options = undefined) {
    const prefix = "Failed to execute 'getReader' on 'ReadableStream'";
    const stream = getRS(this);
    if (stream === undefined) throw illegalInvocation(prefix);
    const dict = convertGetReaderOptions(options, prefix, "Argument 1");
    try {
      if (dict.mode === undefined) return defaultReaderObject(acquireReadableStreamDefaultReader(stream));
      return byobReaderObject(acquireReadableStreamBYOBReader(stream));
    } catch (e) {
      throw new TypeError(`${prefix}: ${e.message}`);
    }
  }

  pipeThrough(transform, options = undefined) {
    const prefix = "Failed to execute 'pipeThrough' on 'ReadableStream'";
    const stream = getRS(this);
    if (stream === undefined) throw illegalInvocation(prefix);
    requiredArguments(arguments.length, 1, prefix);
    const pair = convertReadableWritablePair(transform, prefix, "Argument 1");
    const opts = convertStreamPipeOptions(options, prefix, "Argument 2");
    if (isReadableStreamLocked(stream)) throw new TypeError(`${prefix}: Cannot pipe a locked stream`);
    const writable = getWS(pair.writable);
    if (isWritableStreamLocked(writable)) throw new TypeError(`${prefix}: Cannot pipe to a locked stream`);
    const promise = readableStreamPipeTo(stream, writable, opts.preventClose, opts.preventAbort, opts.preventCancel,
      opts.signal);
    setPromiseIsHandledToTrue(promise);
    return pair.readable;
  }

  pipeTo(destination, options = undefined) {
    const prefix = "Failed to execute 'pipeTo' on 'ReadableStream'";
    let stream, dest, opts;
    try {
      stream = getRS(this);
      if (stream === undefined) throw illegalInvocation(prefix);
      requiredArguments(arguments.length, 1, prefix);
      convertWritableStream(destination, prefix, "Argument 1");
      dest = getWS(destination);
      opts = convertStreamPipeOptions(options, prefix, "Argument 2");
    } catch (e) {
      return promiseRejectedWith(e);
    }
    if (isReadableStreamLocked(stream)) {
      return promiseRejectedWith(new TypeError(`${prefix}: Cannot pipe a locked stream`));
    }
    if (isWritableStreamLocked(dest)) {
      return promiseRejectedWith(new TypeError(`${prefix}: Cannot pipe to a locked stream`));
    }
    return readableStreamPipeTo(stream, dest, opts.preventClose, opts.preventAbort, opts.preventCancel, opts.signal);
  }

  tee() {
    const stream = getRS(this);
    if (stream === undefined) throw illegalInvocation("Failed to execute 'tee' on 'ReadableStream'");
    if (isReadableStreamLocked(stream)) {
      throw new TypeError("Failed to execute 'tee' on 'ReadableStream': Cannot tee a locked stream");
    }
    const branches = readableStreamTee(stream, false);
    return [rsObject(branches[0]), rsObject(branches[1])];
  }

  values(options = undefined) {
    const prefix = "Failed to execute 'values' on 'ReadableStream'";
    const stream = getRS(this);
    if (stream === undefined) throw illegalInvocation(prefix);
    const dict = convertIteratorOptions(options, prefix, "Argument 1");
    let reader;
    try {
      reader = acquireReadableStreamDefaultReader(stream);
    } catch (e) {
      throw new TypeError(`${prefix}: ${e.message}`);
    }
    return createReadableStreamAsyncIterator(reader, dict.preventCancel);
  }
}

// The ReadableStream async iterator (WebIDL asynchronous iterable declaration).

const endOfIteration = ObjectFreeze({ __proto__: null });

class ReadableStreamAsyncIterator {
  #reader;
  #preventCancel;
  #ongoingPromise = null;
  #isFinished = false;

  constructor(reader, preventCancel) {
    this.#reader = reader;
    this.#preventCancel = preventCancel;
  }

  static isIterator(o) {
    return isObject(o) && #reader in o;
  }

  static next(self) {
    const nextSteps = () => {
      if (self.#isFinished) return promiseResolvedWith({ value: undefined, done: true });
      const nextPromise = getNextIterationResult(self.#reader);
      return PromisePrototypeThen(nextPromise, (next) => {
        self.#ongoingPromise = null;
        if (next === endOfIteration) {
          self.#isFinished = true;
          return { value: undefined, done: true };
        }
        return { value: next, done: false };
      }, (reason) => {
        self.#ongoingPromise = null;
        self.#isFinished = true;
        throw reason;
      });
    };
    const ongoingPromise = self.#ongoingPromise;
    if (ongoingPromise !== null) {
      self.#ongoingPromise = PromisePrototypeThen(ongoingPromise, nextSteps, nextSteps);
    } else {
      self.#ongoingPromise = nextSteps();
    }
    return self.#ongoingPromise;
  }

  static return(self, value) {
    const returnSteps = () => {
      if (self.#isFinished) return promiseResolvedWith({ value, done: true });
      self.#isFinished = true;
      return asyncIteratorReturn(self.#reader, self.#preventCancel, value);
    };
    const ongoingPromise = self.#ongoingPromise;
    if (ongoingPromise !== null) {
      self.#ongoingPromise = PromisePrototypeThen(ongoingPromise, returnSteps, returnSteps);
    } else {
      self.#ongoingPromise = returnSteps();
    }
    return PromisePrototypeThen(self.#ongoingPromise, () => ({ value, done: true }));
  }
}

/** The read request of "get the next iteration result". */
class IteratorReadRequest {
  constructor(reader) {
    this.reader = reader;
    const capability = PromiseWithResolvers();
    this.resolve = capability.resolve;
    this.reject = capability.reject;
    this.promise = capability.promise;
  }
  chunkSteps(chunk) {
    this.resolve(chunk);
  }
  closeSteps() {
    readableStreamDefaultReaderRelease(this.reader);
    this.resolve(endOfIteration);
  }
  errorSteps(e) {
    readableStreamDefaultReaderRelease(this.reader);
    this.reject(e);
  }
}

function getNextIterationResult(reader) {
  const request = new IteratorReadRequest(reader);
  readableStreamDefaultReaderRead(reader, request);
  return request.promise;
}

function asyncIteratorReturn(reader, preventCancel, arg) {
  if (!preventCancel) {
    const result = readableStreamReaderGenericCancel(reader, arg);
    readableStreamDefaultReaderRelease(reader);
    return result;
  }
  readableStreamDefaultReaderRelease(reader);
  return promiseResolvedWith(undefined);
}

const readableStreamAsyncIteratorPrototype = ObjectCreate(AsyncIteratorPrototype);
{
  const methods = {
    next() {
      if (!ReadableStreamAsyncIterator.isIterator(this)) {
        return promiseRejectedWith(new TypeError("Failed to execute 'next' on 'ReadableStream AsyncIterator': Illegal invocation"));
      }
      return ReadableStreamAsyncIterator.next(this);
    },
    return(value) {
      if (!ReadableStreamAsyncIterator.isIterator(this)) {
        return promiseRejectedWith(new TypeError("Failed to execute 'return' on 'ReadableStream AsyncIterator': Illegal invocation"));
      }
      return ReadableStreamAsyncIterator.return(this, value);
    },
  };
  ObjectDefineProperty(readableStreamAsyncIteratorPrototype, "next", {
    __proto__: null, value: methods.next, writable: true, enumerable: true, configurable: true,
  });
  ObjectDefineProperty(readableStreamAsyncIteratorPrototype, "return", {
    __proto__: null, value: methods.return, writable: true, enumerable: true, configurable: true,
  });
  ObjectDefineProperty(readableStreamAsyncIteratorPrototype, SymbolToStringTag, {
    __proto__: null, value: "ReadableStream AsyncIterator", writable: false, enumerable: false, configurable: true,
  });
}

function createReadableStreamAsyncIterator(reader, preventCancel) {
  const iterator = new ReadableStreamAsyncIterator(reader, preventCancel);
  ObjectSetPrototypeOf(iterator, readableStreamAsyncIteratorPrototype);
  return iterator;
}

// ---------------------------------------------------------------------------------------
// Readers

class ReadableStreamDefaultReader {
  #reader;

  constructor(stream, record = undefined) {
    if (stream === kInternal) {
      this.#reader = record;
      record.object = this;
      return;
    }
    const prefix = "Failed to construct 'ReadableStreamDefaultReader'";
    requiredArguments(arguments.length, 1, prefix);
    const streamRecord = getRS(stream);
    if (streamRecord === undefined) throw new TypeError(`${prefix}: parameter 1 is not of type 'ReadableStream'.`);
    const reader = new DefaultReaderRecord();
    try {
      setUpReadableStreamDefaultReader(reader, streamRecord);
    } catch (e) {
      throw new TypeError(`${prefix}: ${e.message}`);
    }
    reader.object = this;
    this.#reader = reader;
  }

  static {
    getDefaultReader = (o) => (isObject(o) && #reader in o ? o.#reader : undefined);
  }

  get closed() {
    const reader = getDefaultReader(this);
    if (reader === undefined) {
      return promiseRejectedWith(illegalInvocation("Failed to read the 'closed' property from 'ReadableStreamDefaultReader'"));
    }
    return reader.closedPromise.promise;
  }

  cancel(reason = undefined) {
    const reader = getDefaultReader(this);
    if (reader === undefined) {
      return promiseRejectedWith(illegalInvocation("Failed to execute 'cancel' on 'ReadableStreamDefaultReader'"));
    }
    if (reader.stream === undefined) {
      return promiseRejectedWith(new TypeError(
        "Failed to execute 'cancel' on 'ReadableStreamDefaultReader': This reader has been released"));
    }
    return readableStreamReaderGenericCancel(reader, reason);
  }

  read() {
    const reader = getDefaultReader(this);
    if (reader === undefined) {
      return promiseRejectedWith(illegalInvocation("Failed to execute 'read' on 'ReadableStreamDefaultReader'"));
    }
    if (reader.stream === undefined) {
      return promiseRejectedWith(new TypeError(
        "Failed to execute 'read' on 'ReadableStreamDefaultReader': This reader has been released"));
    }
    const readRequest = new PromiseReadRequest();
    readableStreamDefaultReaderRead(reader, readRequest);
    return readRequest.promise;
  }

  releaseLock() {
    const reader = getDefaultReader(this);
    if (reader === undefined) throw illegalInvocation("Failed to execute 'releaseLock' on 'ReadableStreamDefaultReader'");
    if (reader.stream === undefined) return;
    readableStreamDefaultReaderRelease(reader);
  }
}

class ReadableStreamBYOBReader {
  #reader;

  constructor(stream, record = undefined) {
    if (stream === kInternal) {
      this.#reader = record;
      record.object = this;
      return;
    }
    const prefix = "Failed to construct 'ReadableStreamBYOBReader'";
    requiredArguments(arguments.length, 1, prefix);
    const streamRecord = getRS(stream);
    if (streamRecord === undefined) throw new TypeError(`${prefix}: parameter 1 is not of type 'ReadableStream'.`);
    const reader = new BYOBReaderRecord();
    try {
      setUpReadableStreamBYOBReader(reader, streamRecord);
    } catch (e) {
      throw new TypeError(`${prefix}: ${e.message}`);
    }
    reader.object = this;
    this.#reader = reader;
  }

  static {
    getBYOBReader = (o) => (isObject(o) && #reader in o ? o.#reader : undefined);
  }

  get closed() {
    const reader = getBYOBReader(this);
    if (reader === undefined) {
      return promiseRejectedWith(illegalInvocation("Failed to read the 'closed' property from 'ReadableStreamBYOBReader'"));
    }
    return reader.closedPromise.promise;
  }

  cancel(reason = undefined) {
    const reader = getBYOBReader(this);
    if (reader === undefined) {
      return promiseRejectedWith(illegalInvocation("Failed to execute 'cancel' on 'ReadableStreamBYOBReader'"));
    }
    if (reader.stream === undefined) {
      return promiseRejectedWith(new TypeError(
        "Failed to execute 'cancel' on 'ReadableStreamBYOBReader': This reader has been released"));
    }
    return readableStreamReaderGenericCancel(reader, reason);
  }

  read(view, options = undefined) {
    const prefix = "Failed to execute 'read' on 'ReadableStreamBYOBReader'";
    let reader, info, min;
    try {
      reader = getBYOBReader(this);
      if (reader === undefined) throw illegalInvocation(prefix);
      requiredArguments(arguments.length, 1, prefix);
      info = convertArrayBufferView(view, prefix, "parameter 1");
      min = options === undefined ? 1 : convertBYOBReadOptions(options, prefix, "parameter 2").min;
    } catch (e) {
      return promiseRejectedWith(e);
    }
    if (info.byteLength === 0) {
      return promiseRejectedWith(new TypeError(`${prefix}: view must have non-zero byteLength`));
    }
    const buffer = info.buffer;
    if (ArrayBufferPrototypeGetByteLength(buffer) === 0) {
      if (isDetachedBuffer(buffer)) {
        return promiseRejectedWith(new TypeError(`${prefix}: view's buffer has been detached`));
      }
      return promiseRejectedWith(new TypeError(`${prefix}: view's buffer must have non-zero byteLength`));
    }
    if (isDetachedBuffer(buffer)) {
      return promiseRejectedWith(new TypeError(`${prefix}: view's buffer has been detached`));
    }
    if (min === 0) return promiseRejectedWith(new TypeError(`${prefix}: options.min must be greater than 0`));
    if (info.name !== undefined) {
      if (min > TypedArrayPrototypeGetLength(view)) {
        return promiseRejectedWith(new RangeError(`${prefix}: options.min must be less than or equal to view's length`));
      }
    } else if (min > info.byteLength) {
      return promiseRejectedWith(new RangeError(`${prefix}: options.min must be less than or equal to view's byteLength`));
    }
    if (reader.stream === undefined) {
      return promiseRejectedWith(new TypeError(`${prefix}: This reader has been released`));
    }
    const readIntoRequest = new PromiseReadRequest();
    readableStreamBYOBReaderRead(reader, info, min, readIntoRequest);
    return readIntoRequest.promise;
  }

  releaseLock() {
    const reader = getBYOBReader(this);
    if (reader === undefined) throw illegalInvocation("Failed to execute 'releaseLock' on 'ReadableStreamBYOBReader'");
    if (reader.stream === undefined) return;
    readableStreamBYOBReaderRelease(reader);
  }
}

// ---------------------------------------------------------------------------------------
// Controllers and BYOB requests

class ReadableStreamDefaultController {
  #controller;

  constructor(key = undefined, record = undefined) {
    if (key !== kInternal) throw new TypeError("Illegal constructor");
    this.#controller = record;
    record.object = this;
  }

  static {
    getRSDefaultController = (o) => (isObject(o) && #controller in o ? o.#controller : undefined);
  }

  get desiredSize() {
    const controller = getRSDefaultController(this);
    if (controller === undefined) {
      throw illegalInvocation("Failed to read the 'desiredSize' property from 'ReadableStreamDefaultController'");
    }
    return readableStreamDefaultControllerGetDesiredSize(controller);
  }

  close() {
    const prefix = "Failed to execute 'close' on 'ReadableStreamDefaultController'";
    const controller = getRSDefaultController(this);
    if (controller === undefined) throw illegalInvocation(prefix);
    if (!readableStreamDefaultControllerCanCloseOrEnqueue(controller)) {
      throw new TypeError(`${prefix}: The stream is not in a state that permits close`);
    }
    readableStreamDefaultControllerClose(controller);
  }

  enqueue(chunk = undefined) {
    const prefix = "Failed to execute 'enqueue' on 'ReadableStreamDefaultController'";
    const controller = getRSDefaultController(this);
    if (controller === undefined) throw illegalInvocation(prefix);
    if (!readableStreamDefaultControllerCanCloseOrEnqueue(controller)) {
      throw new TypeError(`${prefix}: The stream is not in a state that permits enqueue`);
    }
    readableStreamDefaultControllerEnqueue(controller, chunk);
  }

  error(e = undefined) {
    const controller = getRSDefaultController(this);
    if (controller === undefined) throw illegalInvocation("Failed to execute 'error' on 'ReadableStreamDefaultController'");
    readableStreamDefaultControllerError(controller, e);
  }
}

class ReadableByteStreamController {
  #controller;

  constructor(key = undefined, record = undefined) {
    if (key !== kInternal) throw new TypeError("Illegal constructor");
    this.#controller = record;
    record.object = this;
  }

  static {
    getRBSController = (o) => (isObject(o) && #controller in o ? o.#controller : undefined);
  }

  get byobRequest() {
    const controller = getRBSController(this);
    if (controller === undefined) {
      throw illegalInvocation("Failed to read the 'byobRequest' property from 'ReadableByteStreamController'");
    }
    const request = readableByteStreamControllerGetBYOBRequest(controller);
    return request === null ? null : byobRequestObject(request);
  }

  get desiredSize() {
    const controller = getRBSController(this);
    if (controller === undefined) {
      throw illegalInvocation("Failed to read the 'desiredSize' property from 'ReadableByteStreamController'");
    }
    return readableByteStreamControllerGetDesiredSize(controller);
  }

  close() {
    const prefix = "Failed to execute 'close' on 'ReadableByteStreamController'";
    const controller = getRBSController(this);
    if (controller === undefined) throw illegalInvocation(prefix);
    if (controller.closeRequested) throw new TypeError(`${prefix}: The stream has already been closed`);
    if (controller.stream.state !== "readable") {
      throw new TypeError(`${prefix}: The stream is not in the readable state and cannot be closed`);
    }
    readableByteStreamControllerClose(controller);
  }

  enqueue(chunk) {
    const prefix = "Failed to execute 'enqueue' on 'ReadableByteStreamController'";
    const controller = getRBSController(this);
    if (controller === undefined) throw illegalInvocation(prefix);
    requiredArguments(arguments.length, 1, prefix);
    const info = convertArrayBufferView(chunk, prefix, "parameter 1");
    if (info.byteLength === 0) throw new TypeError(`${prefix}: chunk must have non-zero byteLength`);
    if (ArrayBufferPrototypeGetByteLength(info.buffer) === 0) {
      throw new TypeError(`${prefix}: chunk's buffer must have non-zero byteLength`);
    }
    if (controller.closeRequested) throw new TypeError(`${prefix}: The stream has been closed`);
    if (controller.stream.state !== "readable") {
      throw new TypeError(`${prefix}: The stream is not in the readable state and cannot be enqueued to`);
    }
    readableByteStreamControllerEnqueue(controller, info);
  }

  error(e = undefined) {
    const controller = getRBSController(this);
    if (controller === undefined) throw illegalInvocation("Failed to execute 'error' on 'ReadableByteStreamController'");
    readableByteStreamControllerError(controller, e);
  }
}

class ReadableStreamBYOBRequest {
  #request;

  constructor(key = undefined, record = undefined) {
    if (key !== kInternal) throw new TypeError("Illegal constructor");
    this.#request = record;
    record.object = this;
  }

  static {
    getBYOBRequest = (o) => (isObject(o) && #request in o ? o.#request : undefined);
  }

  get view() {
    const request = getBYOBRequest(this);
    if (request === undefined) throw illegalInvocation("Failed to read the 'view' property from 'ReadableStreamBYOBRequest'");
    return request.view;
  }

  respond(bytesWritten) {
    const prefix = "Failed to execute 'respond' on 'ReadableStreamBYOBRequest'";
    const request = getBYOBRequest(this);
    if (request === undefined) throw illegalInvocation(prefix);
    requiredArguments(arguments.length, 1, prefix);
    if (typeof bytesWritten !== "number" || !(bytesWritten >= 0 && bytesWritten <= 9007199254740991) ||
      bytesWritten !== MathTrunc(bytesWritten)) {
      bytesWritten = converters["unsigned long long"](bytesWritten, prefix, "parameter 1", enforceRange);
    }
    if (request.controller === undefined) throw new TypeError(`${prefix}: This BYOB request has been invalidated`);
    if (isDetachedBuffer(TypedArrayPrototypeGetBuffer(request.view))) {
      throw new TypeError(`${prefix}: The BYOB request's buffer has been detached and so cannot be used as a response`);
    }
    readableByteStreamControllerRespond(request.controller, bytesWritten);
  }

  respondWithNewView(view) {
    const prefix = "Failed to execute 'respondWithNewView' on 'ReadableStreamBYOBRequest'";
    const request = getBYOBRequest(this);
    if (request === undefined) throw illegalInvocation(prefix);
    requiredArguments(arguments.length, 1, prefix);
    const info = convertArrayBufferView(view, prefix, "parameter 1");
    if (request.controller === undefined) throw new TypeError(`${prefix}: This BYOB request has been invalidated`);
    if (isDetachedBuffer(info.buffer)) {
      throw new TypeError(`${prefix}: The given view's buffer has been detached and so cannot be used as a response`);
    }
    readableByteStreamControllerRespondWithNewView(request.controller, info);
  }
}

// ---------------------------------------------------------------------------------------
// WritableStream

class WritableStream {
  #stream;

  constructor(underlyingSink = undefined, strategy = undefined) {
    if (underlyingSink === kInternal) {
      this.#stream = strategy;
      strategy.object = this;
      return;
    }
    const prefix = "Failed to construct 'WritableStream'";
    underlyingSink = convertObjectOrUndefined(underlyingSink, prefix, "Argument 1");
    const strategyDict = convertQueuingStrategy(strategy, prefix, "Argument 2");
    if (underlyingSink === undefined) underlyingSink = null;
    const underlyingSinkDict = convertUnderlyingSink(underlyingSink, prefix, "Argument 1");
    if (underlyingSinkDict.type !== undefined) throw new RangeError(`${prefix}: Invalid type is specified`);
    const stream = new WSRecord();
    stream.object = this;
    this.#stream = stream;
    const sizeAlgorithm = extractSizeAlgorithm(strategyDict);
    const highWaterMark = extractHighWaterMark(strategyDict, 1);
    setUpWritableStreamDefaultControllerFromUnderlyingSink(stream, underlyingSink, underlyingSinkDict, highWaterMark,
      sizeAlgorithm);
  }

  static {
    getWS = (o) => (isObject(o) && #stream in o ? o.#stream : undefined);
  }

  get locked() {
    const stream = getWS(this);
    if (stream === undefined) throw illegalInvocation("Failed to read the 'locked' property from 'WritableStream'");
    return isWritableStreamLocked(stream);
  }

  abort(reason = undefined) {
    const stream = getWS(this);
    if (stream === undefined) return promiseRejectedWith(illegalInvocation("Failed to execute 'abort' on 'WritableStream'"));
    if (isWritableStreamLocked(stream)) {
      return promiseRejectedWith(new TypeError("Failed to execute 'abort' on 'WritableStream': Cannot abort a locked stream"));
    }
    return writableStreamAbort(stream, reason);
  }

  close() {
    const stream = getWS(this);
    if (stream === undefined) return promiseRejectedWith(illegalInvocation("Failed to execute 'close' on 'WritableStream'"));
    if (isWritableStreamLocked(stream)) {
      return promiseRejectedWith(new TypeError("Failed to execute 'close' on 'WritableStream': Cannot close a locked stream"));
    }
    if (writableStreamCloseQueuedOrInFlight(stream)) {
      return promiseRejectedWith(new TypeError(
        "Failed to execute 'close' on 'WritableStream': Cannot close a stream that is already closing or closed"));
    }
    return writableStreamClose(stream);
  }

  getWriter() {
    const prefix = "Failed to execute 'getWriter' on 'WritableStream'";
    const stream = getWS(this);
    if (stream === undefined) throw illegalInvocation(prefix);
    try {
      return writerObject(acquireWritableStreamDefaultWriter(stream));
    } catch (e) {
      throw new TypeError(`${prefix}: ${e.message}`);
    }
  }
}

class WritableStreamDefaultWriter {
  #writer;

  constructor(stream, record = undefined) {
    if (stream === kInternal) {
      this.#writer = record;
      record.object = this;
      return;
    }
    const prefix = "Failed to construct 'WritableStreamDefaultWriter'";
    requiredArguments(arguments.length, 1, prefix);
    const streamRecord = getWS(stream);
    if (streamRecord === undefined) throw new TypeError(`${prefix}: parameter 1 is not of type 'WritableStream'.`);
    const writer = new WSDefaultWriterRecord();
    try {
      setUpWritableStreamDefaultWriter(writer, streamRecord);
    } catch (e) {
      throw new TypeError(`${prefix}: ${e.message}`);
    }
    writer.object = this;
    this.#writer = writer;
  }

  static {
    getWriter = (o) => (isObject(o) && #writer in o ? o.#writer : undefined);
  }

  get closed() {
    const writer = getWriter(this);
    if (writer === undefined) {
      return promiseRejectedWith(illegalInvocation("Failed to read the 'closed' property from 'WritableStreamDefaultWriter'"));
    }
    return writer.closedPromise.promise;
  }

  get desiredSize() {
    const prefix = "Failed to read the 'desiredSize' property from 'WritableStreamDefaultWriter'";
    const writer = getWriter(this);
    if (writer === undefined) throw illegalInvocation(prefix);
    if (writer.stream === undefined) throw new TypeError(`${prefix}: This writer has been released`);
    return writableStreamDefaultWriterGetDesiredSize(writer);
  }

  get ready() {
    const writer = getWriter(this);
    if (writer === undefined) {
      return promiseRejectedWith(illegalInvocation("Failed to read the 'ready' property from 'WritableStreamDefaultWriter'"));
    }
    return writer.readyPromise.promise;
  }

  abort(reason = undefined) {
    const prefix = "Failed to execute 'abort' on 'WritableStreamDefaultWriter'";
    const writer = getWriter(this);
    if (writer === undefined) return promiseRejectedWith(illegalInvocation(prefix));
    if (writer.stream === undefined) return promiseRejectedWith(new TypeError(`${prefix}: This writer has been released`));
    return writableStreamDefaultWriterAbort(writer, reason);
  }

  close() {
    const prefix = "Failed to execute 'close' on 'WritableStreamDefaultWriter'";
    const writer = getWriter(this);
    if (writer === undefined) return promiseRejectedWith(illegalInvocation(prefix));
    const stream = writer.stream;
    if (stream === undefined) return promiseRejectedWith(new TypeError(`${prefix}: This writer has been released`));
    if (writableStreamCloseQueuedOrInFlight(stream)) {
      return promiseRejectedWith(new TypeError(`${prefix}: Cannot close a stream that is already closing or closed`));
    }
    return writableStreamDefaultWriterClose(writer);
  }

  releaseLock() {
    const writer = getWriter(this);
    if (writer === undefined) throw illegalInvocation("Failed to execute 'releaseLock' on 'WritableStreamDefaultWriter'");
    if (writer.stream === undefined) return;
    writableStreamDefaultWriterRelease(writer);
  }

  write(chunk = undefined) {
    const prefix = "Failed to execute 'write' on 'WritableStreamDefaultWriter'";
    const writer = getWriter(this);
    if (writer === undefined) return promiseRejectedWith(illegalInvocation(prefix));
    if (writer.stream === undefined) return promiseRejectedWith(new TypeError(`${prefix}: This writer has been released`));
    return writableStreamDefaultWriterWrite(writer, chunk);
  }
}

class WritableStreamDefaultController {
  #controller;

  constructor(key = undefined, record = undefined) {
    if (key !== kInternal) throw new TypeError("Illegal constructor");
    this.#controller = record;
    record.object = this;
  }

  static {
    getWSController = (o) => (isObject(o) && #controller in o ? o.#controller : undefined);
  }

  get signal() {
    const controller = getWSController(this);
    if (controller === undefined) {
      throw illegalInvocation("Failed to read the 'signal' property from 'WritableStreamDefaultController'");
    }
    return controllerSignal(controller);
  }

  error(e = undefined) {
    const controller = getWSController(this);
    if (controller === undefined) throw illegalInvocation("Failed to execute 'error' on 'WritableStreamDefaultController'");
    const state = controller.stream.state;
    if (state !== "writable") return;
    writableStreamDefaultControllerError(controller, e);
  }
}

// ---------------------------------------------------------------------------------------
// TransformStream

class TransformStream {
  #stream;

  constructor(transformer = undefined, writableStrategy = undefined, readableStrategy = undefined) {
    if (transformer === kInternal) {
      this.#stream = writableStrategy;
      writableStrategy.object = this;
      return;
    }
    const prefix = "Failed to construct 'TransformStream'";
    transformer = convertObjectOrUndefined(transformer, prefix, "Argument 1");
    const writableStrategyDict = convertQueuingStrategy(writableStrategy, prefix, "Argument 2");
    const readableStrategyDict = convertQueuingStrategy(readableStrategy, prefix, "Argument 3");
    if (transformer === undefined) transformer = null;
    const transformerDict = convertTransformer(transformer, prefix, "Argument 1");
    if (transformerDict.readableType !== undefined) throw new RangeError(`${prefix}: Invalid readableType specified`);
    if (transformerDict.writableType !== undefined) throw new RangeError(`${prefix}: Invalid writableType specified`);
    const readableHighWaterMark = extractHighWaterMark(readableStrategyDict, 0);
    const readableSizeAlgorithm = extractSizeAlgorithm(readableStrategyDict);
    const writableHighWaterMark = extractHighWaterMark(writableStrategyDict, 1);
    const writableSizeAlgorithm = extractSizeAlgorithm(writableStrategyDict);
    const stream = new TSRecord();
    stream.object = this;
    this.#stream = stream;
    const startPromise = new Deferred();
    initializeTransformStream(stream, startPromise.promise, writableHighWaterMark, writableSizeAlgorithm,
      readableHighWaterMark, readableSizeAlgorithm);
    setUpTransformStreamDefaultControllerFromTransformer(stream, transformer, transformerDict);
    if (transformerDict.start !== undefined) {
      startPromise.resolve(ReflectApply(transformerDict.start, transformer, [tsDefaultControllerObject(stream.controller)]));
    } else {
      startPromise.resolve(undefined);
    }
  }

  static {
    getTS = (o) => (isObject(o) && #stream in o ? o.#stream : undefined);
  }

  get readable() {
    const stream = getTS(this);
    if (stream === undefined) throw illegalInvocation("Failed to read the 'readable' property from 'TransformStream'");
    return rsObject(stream.readable);
  }

  get writable() {
    const stream = getTS(this);
    if (stream === undefined) throw illegalInvocation("Failed to read the 'writable' property from 'TransformStream'");
    return wsObject(stream.writable);
  }
}

class TransformStreamDefaultController {
  #controller;

  constructor(key = undefined, record = undefined) {
    if (key !== kInternal) throw new TypeError("Illegal constructor");
    this.#controller = record;
    record.object = this;
  }

  static {
    getTSController = (o) => (isObject(o) && #controller in o ? o.#controller : undefined);
  }

  get desiredSize() {
    const controller = getTSController(this);
    if (controller === undefined) {
      throw illegalInvocation("Failed to read the 'desiredSize' property from 'TransformStreamDefaultController'");
    }
    const readableController = controller.stream.readable.controller;
    return readableStreamDefaultControllerGetDesiredSize(readableController);
  }

  enqueue(chunk = undefined) {
    const prefix = "Failed to execute 'enqueue' on 'TransformStreamDefaultController'";
    const controller = getTSController(this);
    if (controller === undefined) throw illegalInvocation(prefix);
    try {
      transformStreamDefaultControllerEnqueue(controller, chunk);
    } catch (e) {
      if (e instanceof TypeError && controller.stream.readable.state !== "errored") {
        throw new TypeError(`${prefix}: ${e.message}`);
      }
      throw e;
    }
  }

  error(reason = undefined) {
    const controller = getTSController(this);
    if (controller === undefined) throw illegalInvocation("Failed to execute 'error' on 'TransformStreamDefaultController'");
    transformStreamDefaultControllerError(controller, reason);
  }

  terminate() {
    const controller = getTSController(this);
    if (controller === undefined) {
      throw illegalInvocation("Failed to execute 'terminate' on 'TransformStreamDefaultController'");
    }
    transformStreamDefaultControllerTerminate(controller);
  }
}

// ---------------------------------------------------------------------------------------
// Queuing strategies

const byteLengthSizeFunction = ({
  size(chunk) {
    return chunk.byteLength;
  },
}).size;

const countSizeFunction = ({
  size() {
    return 1;
  },
}).size;

class ByteLengthQueuingStrategy {
  #highWaterMark;

  constructor(init) {
    const prefix = "Failed to construct 'ByteLengthQueuingStrategy'";
    requiredArguments(arguments.length, 1, prefix);
    const dict = convertQueuingStrategyInit(init, prefix, "Argument 1");
    this.#highWaterMark = dict.highWaterMark;
  }

  get highWaterMark() {
    if (!isObject(this) || !(#highWaterMark in this)) {
      throw illegalInvocation("Failed to read the 'highWaterMark' property from 'ByteLengthQueuingStrategy'");
    }
    return this.#highWaterMark;
  }

  get size() {
    if (!isObject(this) || !(#highWaterMark in this)) {
      throw illegalInvocation("Failed to read the 'size' property from 'ByteLengthQueuingStrategy'");
    }
    return byteLengthSizeFunction;
  }
}

class CountQueuingStrategy {
  #highWaterMark;

  constructor(init) {
    const prefix = "Failed to construct 'CountQueuingStrategy'";
    requiredArguments(arguments.length, 1, prefix);
    const dict = convertQueuingStrategyInit(init, prefix, "Argument 1");
    this.#highWaterMark = dict.highWaterMark;
  }

  get highWaterMark() {
    if (!isObject(this) || !(#highWaterMark in this)) {
      throw illegalInvocation("Failed to read the 'highWaterMark' property from 'CountQueuingStrategy'");
    }
    return this.#highWaterMark;
  }

  get size() {
    if (!isObject(this) || !(#highWaterMark in this)) {
      throw illegalInvocation("Failed to read the 'size' property from 'CountQueuingStrategy'");
    }
    return countSizeFunction;
  }
}

// Interface shapes: enumerable members, @@toStringTag, the async iterator, lengths.
webidl.configureInterface(ReadableStream);
webidl.configureInterface(ReadableStreamDefaultReader);
webidl.configureInterface(ReadableStreamBYOBReader);
webidl.configureInterface(ReadableStreamDefaultController);
webidl.configureInterface(ReadableByteStreamController);
webidl.configureInterface(ReadableStreamBYOBRequest);
webidl.configureInterface(WritableStream);
webidl.configureInterface(WritableStreamDefaultWriter);
webidl.configureInterface(WritableStreamDefaultController);
webidl.configureInterface(TransformStream);
webidl.configureInterface(TransformStreamDefaultController);
webidl.configureInterface(ByteLengthQueuingStrategy);
webidl.configureInterface(CountQueuingStrategy);
ObjectDefineProperty(ReadableStream.prototype, SymbolAsyncIterator, {
  __proto__: null, value: ReadableStream.prototype.values, writable: true, enumerable: false, configurable: true,
});

// =======================================================================================
// Internals for other modules. They take and return public objects (streams, readers,
// writers, controllers) and never call methods user code can replace.

function expectRS(stream) {
  const record = getRS(stream);
  if (record === undefined) throw new TypeError("Expected a ReadableStream");
  return record;
}

function expectWS(stream) {
  const record = getWS(stream);
  if (record === undefined) throw new TypeError("Expected a WritableStream");
  return record;
}

function expectDefaultReader(reader) {
  const record = getDefaultReader(reader);
  if (record === undefined) throw new TypeError("Expected a ReadableStreamDefaultReader");
  return record;
}

function expectBYOBReader(reader) {
  const record = getBYOBReader(reader);
  if (record === undefined) throw new TypeError("Expected a ReadableStreamBYOBReader");
  return record;
}

function expectWriter(writer) {
  const record = getWriter(writer);
  if (record === undefined) throw new TypeError("Expected a WritableStreamDefaultWriter");
  return record;
}

/** Calls an internal algorithm that returns a promise or undefined; exceptions reject. */
function callAlgorithm(algorithm, arg0, arg1) {
  try {
    const result = algorithm(arg0, arg1);
    return result === undefined ? promiseResolvedWith(undefined) : result;
  } catch (e) {
    return promiseRejectedWith(e);
  }
}

/**
 * A ReadableStream with a default controller. `startAlgorithm(controller)`,
 * `pullAlgorithm(controller)` and `cancelAlgorithm(reason)` may be undefined; pull and
 * cancel return a promise (or undefined). `controller` is the public
 * ReadableStreamDefaultController, for the readableStreamDefaultController* functions.
 */
function exportedCreateReadableStream(startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark = 1,
  sizeAlgorithm = undefined) {
  const stream = new RSRecord();
  const controller = new RSDefaultControllerRecord();
  const start = startAlgorithm === undefined ? noop : () => startAlgorithm(rsDefaultControllerObject(controller));
  const pull = pullAlgorithm === undefined
    ? () => promiseResolvedWith(undefined)
    : () => callAlgorithm(pullAlgorithm, rsDefaultControllerObject(controller));
  const cancel = cancelAlgorithm === undefined
    ? () => promiseResolvedWith(undefined)
    : (reason) => callAlgorithm(cancelAlgorithm, reason);
  setUpReadableStreamDefaultController(stream, controller, start, pull, cancel, highWaterMark,
    sizeAlgorithm === undefined ? sizeOne : sizeAlgorithm);
  return rsObject(stream);
}

/**
 * A readable byte stream ("set up with byte reading support"). Algorithms as for
 * createReadableStream, given the public ReadableByteStreamController.
 */
function exportedCreateReadableByteStream(startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark = 0,
  autoAllocateChunkSize = undefined) {
  const stream = new RSRecord();
  const controller = new RBSControllerRecord();
  const start = startAlgorithm === undefined ? noop : () => startAlgorithm(rbsControllerObject(controller));
  const pull = pullAlgorithm === undefined
    ? () => promiseResolvedWith(undefined)
    : () => callAlgorithm(pullAlgorithm, rbsControllerObject(controller));
  const cancel = cancelAlgorithm === undefined
    ? () => promiseResolvedWith(undefined)
    : (reason) => callAlgorithm(cancelAlgorithm, reason);
  setUpReadableByteStreamController(stream, controller, start, pull, cancel, highWaterMark, autoAllocateChunkSize);
  return rsObject(stream);
}

/** A new ReadableStream object whose controller is not set up yet (for the next function). */
function newReadableStream() {
  return rsObject(new RSRecord());
}

/** SetUpReadableStreamDefaultControllerFromUnderlyingSource on a stream from newReadableStream(). */
function exportedSetUpReadableStreamDefaultControllerFromUnderlyingSource(stream, underlyingSource,
  underlyingSourceDict, highWaterMark, sizeAlgorithm = sizeOne) {
  setUpReadableStreamDefaultControllerFromUnderlyingSource(expectRS(stream), underlyingSource, underlyingSourceDict,
    highWaterMark, sizeAlgorithm);
}

/** A promise of a null-prototype { value, done } (so resolving never looks up `then`). */
class InternalReadRequest {
  constructor() {
    const capability = PromiseWithResolvers();
    this.resolve = capability.resolve;
    this.reject = capability.reject;
    this.promise = capability.promise;
  }
  chunkSteps(chunk) {
    this.resolve({ __proto__: null, value: chunk, done: false });
  }
  closeSteps(chunk) {
    this.resolve({ __proto__: null, value: chunk, done: true });
  }
  errorSteps(e) {
    this.reject(e);
  }
}

function exportedReadableStreamDefaultReaderRead(reader) {
  const record = expectDefaultReader(reader);
  if (record.stream === undefined) return promiseRejectedWith(new TypeError("The reader has been released"));
  const request = new InternalReadRequest();
  readableStreamDefaultReaderRead(record, request);
  return request.promise;
}

/** Reads one chunk and calls exactly one of the three functions (no promise involved). */
function readableStreamDefaultReaderReadWith(reader, chunkSteps, closeSteps, errorSteps) {
  const record = expectDefaultReader(reader);
  if (record.stream === undefined) {
    errorSteps(new TypeError("The reader has been released"));
    return;
  }
  readableStreamDefaultReaderRead(record, new CallbackReadRequest(chunkSteps, closeSteps, errorSteps));
}

function exportedReadableStreamBYOBReaderRead(reader, view, min = 1) {
  const record = expectBYOBReader(reader);
  if (record.stream === undefined) return promiseRejectedWith(new TypeError("The reader has been released"));
  const request = new InternalReadRequest();
  readableStreamBYOBReaderRead(record, viewInfo(view), min, request);
  return request.promise;
}

/** "Close" a ReadableStream (for other specifications). */
function exportedReadableStreamClose(stream) {
  const record = expectRS(stream);
  const controller = record.controller;
  if (controller.isByteController) {
    readableByteStreamControllerClose(controller);
    if (!controller.pendingPullIntos.isEmpty()) readableByteStreamControllerRespond(controller, 0);
  } else {
    readableStreamDefaultControllerClose(controller);
  }
}

/** "Error" a ReadableStream with e (for other specifications). */
function exportedReadableStreamError(stream, e) {
  const record = expectRS(stream);
  const controller = record.controller;
  if (controller.isByteController) readableByteStreamControllerError(controller, e);
  else readableStreamDefaultControllerError(controller, e);
}

/**
 * "Enqueue" a chunk into a ReadableStream (for other specifications): a byte stream
 * responds to its current BYOB request when `chunk` is a view on the request's buffer.
 * Pass `owned = true` for a chunk whose buffer no script can reach (e.g. fresh bytes from
 * an op): its buffer is then not transferred (copied), which is unobservable.
 */
function readableStreamEnqueue(stream, chunk, owned = false) {
  const record = expectRS(stream);
  const controller = record.controller;
  if (!controller.isByteController) {
    readableStreamDefaultControllerEnqueue(controller, chunk);
    return;
  }
  const info = viewInfo(chunk);
  const request = readableByteStreamControllerGetBYOBRequest(controller);
  if (request !== null && info.buffer === TypedArrayPrototypeGetBuffer(request.view)) {
    readableByteStreamControllerRespond(controller, info.byteLength);
  } else {
    readableByteStreamControllerEnqueue(controller, info, owned);
  }
}

/** The current BYOB request view of a byte stream, or null. */
function readableStreamGetBYOBRequestView(stream) {
  const record = expectRS(stream);
  const controller = record.controller;
  if (!controller.isByteController) return null;
  const request = readableByteStreamControllerGetBYOBRequest(controller);
  return request === null ? null : request.view;
}

/** The desired size to fill the stream's queue up to its high water mark (null when errored). */
function readableStreamGetDesiredSize(stream) {
  const record = expectRS(stream);
  const controller = record.controller;
  if (controller.isByteController) return readableByteStreamControllerGetDesiredSize(controller);
  return readableStreamDefaultControllerGetDesiredSize(controller);
}

/**
 * Reads every chunk of `stream` (which must be unlocked) and resolves with one Uint8Array
 * holding all bytes; rejects with a TypeError when a chunk is not a Uint8Array, or with
 * the stream's error.
 */
function readAllBytes(stream) {
  const record = expectRS(stream);
  if (isReadableStreamLocked(record)) {
    return promiseRejectedWith(new TypeError("The stream is locked: it already has a reader or is being piped"));
  }
  const reader = acquireReadableStreamDefaultReader(record);
  const chunks = [];
  let totalLength = 0;
  const done = new Deferred();
  const request = new CallbackReadRequest(
    (chunk) => {
      if (!ArrayBufferIsView(chunk) || typedArrayName(chunk) !== "Uint8Array") {
        done.reject(new TypeError("The stream produced a chunk that is not a Uint8Array"));
        return;
      }
      ArrayPrototypePush(chunks, chunk);
      totalLength += TypedArrayPrototypeGetByteLength(chunk);
      // Read the next chunk in a microtask, so that a stream with a long queue does not
      // recurse deeply.
      queueMicrotask(readNext);
    },
    () => {
      const result = new Uint8Array(totalLength);
      let offset = 0;
      for (let i = 0; i < chunks.length; i++) {
        const chunk = chunks[i];
        TypedArrayPrototypeSet(result, chunk, offset);
        offset += TypedArrayPrototypeGetByteLength(chunk);
      }
      readableStreamDefaultReaderRelease(reader);
      done.resolve(result);
    },
    (e) => {
      done.reject(e);
    },
  );
  const readNext = () => readableStreamDefaultReaderRead(reader, request);
  readNext();
  return done.promise;
}

function exportedReadableStreamTee(stream, cloneForBranch2 = true) {
  const branches = readableStreamTee(expectRS(stream), cloneForBranch2);
  return [rsObject(branches[0]), rsObject(branches[1])];
}

function exportedReadableStreamPipeTo(source, dest, preventClose = false, preventAbort = false, preventCancel = false,
  signal = undefined) {
  return readableStreamPipeTo(expectRS(source), expectWS(dest), preventClose, preventAbort, preventCancel, signal);
}

/**
 * A WritableStream. `writeAlgorithm(chunk, controller)`, `closeAlgorithm()` and
 * `abortAlgorithm(reason)` return promises (or undefined); `startAlgorithm(controller)` may
 * return anything. Each may be undefined.
 */
function exportedCreateWritableStream(startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, highWaterMark = 1,
  sizeAlgorithm = undefined) {
  const stream = new WSRecord();
  const controller = new WSDefaultControllerRecord();
  const start = startAlgorithm === undefined ? noop : () => startAlgorithm(wsDefaultControllerObject(controller));
  const write = writeAlgorithm === undefined
    ? () => promiseResolvedWith(undefined)
    : (chunk) => callAlgorithm(writeAlgorithm, chunk, wsDefaultControllerObject(controller));
  const close = closeAlgorithm === undefined ? () => promiseResolvedWith(undefined) : () => callAlgorithm(closeAlgorithm);
  const abortAlg = abortAlgorithm === undefined
    ? () => promiseResolvedWith(undefined)
    : (reason) => callAlgorithm(abortAlgorithm, reason);
  setUpWritableStreamDefaultController(stream, controller, start, write, close, abortAlg, highWaterMark,
    sizeAlgorithm === undefined ? sizeOne : sizeAlgorithm);
  return wsObject(stream);
}

/**
 * A TransformStream ("set up a TransformStream"). `transformAlgorithm(chunk, controller)`,
 * `flushAlgorithm(controller)` and `cancelAlgorithm(reason)` return a promise or
 * undefined; the last two may be undefined. `controller` is the public
 * TransformStreamDefaultController, for the transformStreamDefaultController* functions.
 */
function exportedCreateTransformStream(transformAlgorithm, flushAlgorithm = undefined, cancelAlgorithm = undefined,
  writableHighWaterMark = 1, writableSizeAlgorithm = sizeOne, readableHighWaterMark = 0, readableSizeAlgorithm = sizeOne) {
  const stream = new TSRecord();
  const controller = new TSDefaultControllerRecord();
  const transform = (chunk) => callAlgorithm(transformAlgorithm, chunk, tsDefaultControllerObject(controller));
  const flush = flushAlgorithm === undefined
    ? () => promiseResolvedWith(undefined)
    : () => callAlgorithm(flushAlgorithm, tsDefaultControllerObject(controller));
  const cancel = cancelAlgorithm === undefined
    ? () => promiseResolvedWith(undefined)
    : (reason) => callAlgorithm(cancelAlgorithm, reason);
  initializeTransformStream(stream, promiseResolvedWith(undefined), writableHighWaterMark, writableSizeAlgorithm,
    readableHighWaterMark, readableSizeAlgorithm);
  setUpTransformStreamDefaultController(stream, controller, transform, flush, cancel);
  return tsObject(stream);
}

function expectController(value, getter, name) {
  const record = getter(value);
  if (record === undefined) throw new TypeError(`Expected a ${name}`);
  return record;
}

return ObjectFreeze({
  __proto__: null,
  // Interfaces
  ReadableStream,
  ReadableStreamDefaultReader,
  ReadableStreamBYOBReader,
  ReadableStreamBYOBRequest,
  ReadableByteStreamController,
  ReadableStreamDefaultController,
  TransformStream,
  TransformStreamDefaultController,
  WritableStream,
  WritableStreamDefaultWriter,
  WritableStreamDefaultController,
  ByteLengthQueuingStrategy,
  CountQueuingStrategy,

  // Brand checks
  isReadableStream: (value) => getRS(value) !== undefined,
  isWritableStream: (value) => getWS(value) !== undefined,
  isTransformStream: (value) => getTS(value) !== undefined,

  // ReadableStream
  createReadableStream: exportedCreateReadableStream,
  createReadableByteStream: exportedCreateReadableByteStream,
  newReadableStream,
  setUpReadableStreamDefaultControllerFromUnderlyingSource: exportedSetUpReadableStreamDefaultControllerFromUnderlyingSource,
  readableStreamFromIterable: (asyncIterable) => rsObject(readableStreamFromIterable(asyncIterable)),
  acquireReadableStreamDefaultReader: (stream) => defaultReaderObject(acquireReadableStreamDefaultReader(expectRS(stream))),
  acquireReadableStreamBYOBReader: (stream) => byobReaderObject(acquireReadableStreamBYOBReader(expectRS(stream))),
  readableStreamDefaultReaderRead: exportedReadableStreamDefaultReaderRead,
  readableStreamDefaultReaderReadWith,
  readableStreamDefaultReaderRelease: (reader) => {
    const record = expectDefaultReader(reader);
    if (record.stream !== undefined) readableStreamDefaultReaderRelease(record);
  },
  readableStreamBYOBReaderRead: exportedReadableStreamBYOBReaderRead,
  readableStreamBYOBReaderRelease: (reader) => {
    const record = expectBYOBReader(reader);
    if (record.stream !== undefined) readableStreamBYOBReaderRelease(record);
  },
  readableStreamReaderGetClosed: (reader) => {
    const record = getDefaultReader(reader) ?? expectBYOBReader(reader);
    return record.closedPromise.promise;
  },
  readableStreamCancel: (stream, reason) => readableStreamCancel(expectRS(stream), reason),
  readableStreamClose: exportedReadableStreamClose,
  readableStreamError: exportedReadableStreamError,
  readableStreamEnqueue,
  readableStreamGetBYOBRequestView,
  readableStreamGetDesiredSize,
  readableStreamTee: exportedReadableStreamTee,
  readableStreamPipeTo: exportedReadableStreamPipeTo,
  readableStreamGetState: (stream) => expectRS(stream).state,
  readableStreamGetStoredError: (stream) => expectRS(stream).storedError,
  isReadableStreamLocked: (stream) => isReadableStreamLocked(expectRS(stream)),
  isReadableStreamDisturbed: (stream) => expectRS(stream).disturbed,
  isReadableByteStream: (stream) => expectRS(stream).controller.isByteController,
  readAllBytes,
  readableStreamDefaultControllerEnqueue: (controller, chunk) =>
    readableStreamDefaultControllerEnqueue(
      expectController(controller, getRSDefaultController, "ReadableStreamDefaultController"), chunk),
  readableStreamDefaultControllerClose: (controller) =>
    readableStreamDefaultControllerClose(
      expectController(controller, getRSDefaultController, "ReadableStreamDefaultController")),
  readableStreamDefaultControllerError: (controller, e) =>
    readableStreamDefaultControllerError(
      expectController(controller, getRSDefaultController, "ReadableStreamDefaultController"), e),
  readableStreamDefaultControllerGetDesiredSize: (controller) =>
    readableStreamDefaultControllerGetDesiredSize(
      expectController(controller, getRSDefaultController, "ReadableStreamDefaultController")),
  readableStreamDefaultControllerCanCloseOrEnqueue: (controller) =>
    readableStreamDefaultControllerCanCloseOrEnqueue(
      expectController(controller, getRSDefaultController, "ReadableStreamDefaultController")),
  readableByteStreamControllerEnqueue: (controller, chunk, owned = false) =>
    readableByteStreamControllerEnqueue(
      expectController(controller, getRBSController, "ReadableByteStreamController"), viewInfo(chunk), owned),
  readableByteStreamControllerClose: (controller) =>
    readableByteStreamControllerClose(expectController(controller, getRBSController, "ReadableByteStreamController")),
  readableByteStreamControllerError: (controller, e) =>
    readableByteStreamControllerError(expectController(controller, getRBSController, "ReadableByteStreamController"), e),
  readableByteStreamControllerGetDesiredSize: (controller) =>
    readableByteStreamControllerGetDesiredSize(
      expectController(controller, getRBSController, "ReadableByteStreamController")),
  readableByteStreamControllerGetBYOBRequestView: (controller) => {
    const request = readableByteStreamControllerGetBYOBRequest(
      expectController(controller, getRBSController, "ReadableByteStreamController"));
    return request === null ? null : request.view;
  },
  readableByteStreamControllerRespond: (controller, bytesWritten) =>
    readableByteStreamControllerRespond(
      expectController(controller, getRBSController, "ReadableByteStreamController"), bytesWritten),

  // WritableStream
  createWritableStream: exportedCreateWritableStream,
  acquireWritableStreamDefaultWriter: (stream) => writerObject(acquireWritableStreamDefaultWriter(expectWS(stream))),
  isWritableStreamLocked: (stream) => isWritableStreamLocked(expectWS(stream)),
  writableStreamAbort: (stream, reason) => writableStreamAbort(expectWS(stream), reason),
  writableStreamClose: (stream) => writableStreamClose(expectWS(stream)),
  writableStreamCloseQueuedOrInFlight: (stream) => writableStreamCloseQueuedOrInFlight(expectWS(stream)),
  writableStreamError: (stream, e) => writableStreamDefaultControllerErrorIfNeeded(expectWS(stream).controller, e),
  writableStreamGetState: (stream) => expectWS(stream).state,
  writableStreamDefaultWriterWrite: (writer, chunk) => writableStreamDefaultWriterWrite(expectWriter(writer), chunk),
  writableStreamDefaultWriterClose: (writer) => writableStreamDefaultWriterClose(expectWriter(writer)),
  writableStreamDefaultWriterCloseWithErrorPropagation: (writer) =>
    writableStreamDefaultWriterCloseWithErrorPropagation(expectWriter(writer)),
  writableStreamDefaultWriterAbort: (writer, reason) => writableStreamDefaultWriterAbort(expectWriter(writer), reason),
  writableStreamDefaultWriterRelease: (writer) => {
    const record = expectWriter(writer);
    if (record.stream !== undefined) writableStreamDefaultWriterRelease(record);
  },
  writableStreamDefaultWriterGetDesiredSize: (writer) => writableStreamDefaultWriterGetDesiredSize(expectWriter(writer)),
  writableStreamDefaultWriterGetReady: (writer) => expectWriter(writer).readyPromise.promise,
  writableStreamDefaultWriterGetClosed: (writer) => expectWriter(writer).closedPromise.promise,
  writableStreamDefaultControllerError: (controller, e) =>
    writableStreamDefaultControllerErrorIfNeeded(
      expectController(controller, getWSController, "WritableStreamDefaultController"), e),
  writableStreamDefaultControllerGetSignal: (controller) =>
    controllerSignal(expectController(controller, getWSController, "WritableStreamDefaultController")),

  // TransformStream
  createTransformStream: exportedCreateTransformStream,
  transformStreamGetReadable: (stream) => {
    const record = getTS(stream);
    if (record === undefined) throw new TypeError("Expected a TransformStream");
    return rsObject(record.readable);
  },
  transformStreamGetWritable: (stream) => {
    const record = getTS(stream);
    if (record === undefined) throw new TypeError("Expected a TransformStream");
    return wsObject(record.writable);
  },
  transformStreamDefaultControllerEnqueue: (controller, chunk) =>
    transformStreamDefaultControllerEnqueue(
      expectController(controller, getTSController, "TransformStreamDefaultController"), chunk),
  transformStreamDefaultControllerError: (controller, e) =>
    transformStreamDefaultControllerError(
      expectController(controller, getTSController, "TransformStreamDefaultController"), e),
  transformStreamDefaultControllerTerminate: (controller) =>
    transformStreamDefaultControllerTerminate(
      expectController(controller, getTSController, "TransformStreamDefaultController")),
  transformStreamDefaultControllerGetDesiredSize: (controller) =>
    readableStreamDefaultControllerGetDesiredSize(
      expectController(controller, getTSController, "TransformStreamDefaultController").stream.readable.controller),
});
