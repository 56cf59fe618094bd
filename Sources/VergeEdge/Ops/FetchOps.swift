import AsyncHTTPClient
import CJavaScriptCore
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import VergeJS

/// Ops behind `fetch()` (runtime-apis/36_fetch.js). JS runs the Fetch Standard (request
/// setup, redirects, abort, data: URLs); Swift moves bytes over AsyncHTTPClient. One
/// network request is a `FetchTask` addressed by an integer id:
///
/// - `fetchStart(method, url, headers, bodyKind, body, decode)` → id. `headers` is a flat
///   array [name, value, …] of byte strings; `bodyKind` 0 none, 1 bytes (`body` a
///   Uint8Array), 2 stream (written with fetchWrite/fetchWriteEnd); `decode` asks for
///   Content-Encoding decoding (gzip, x-gzip, deflate, br). Counts a subrequest; throws a
///   TypeError past `IsolateLimits.subrequestsPerInvocation`.
/// - `fetchResponse(id)` → promise of [status, statusText, headers (flat array)], or of an
///   Error carrying `code` when the request failed at the network level.
/// - `fetchRead(id)` → promise of the next body chunk (Uint8Array) or undefined at the end;
///   rejects with a TypeError when the body fails mid-way. The server is read only as fast
///   as JS asks: while JS does not read, at most `FetchTask.highWaterMark` bytes wait here
///   and AsyncHTTPClient stops reading from the socket (TCP backpressure reaches the peer).
/// - `fetchWrite(id, bytes)` → promise settled once the chunk is handed to the connection
///   (request body backpressure); `fetchWriteEnd(id)`; `fetchWriteError(id, message)`.
/// - `fetchDiscard(id)`: the response body is not wanted (redirect hop, null-body status):
///   drain a small remainder so the connection can be reused, else close it.
/// - `fetchCancel(id)`: abort now (AbortSignal, body stream cancelled, garbage collected).
extension OpRegistry {
    mutating func registerFetchOps() {
        let realm = self.realm
        let registry = FetchRegistry(loop: realm.isolate.eventLoop)

        add("fetchStart") { [unowned realm] frame in
            let limits = realm.isolate.limits
            if let limit = limits.subrequestsPerInvocation, let invocation = realm.isolate.currentInvocation {
                if invocation.subrequests >= limit {
                    throw JSError.typeError(
                        "fetch failed: too many subrequests (the limit is \(limit) per invocation; "
                            + "IsolateLimits.subrequestsPerInvocation). Make fewer fetch() calls per request.")
                }
                invocation.subrequests += 1
            }
            let method = try frame.string(0)
            let url = try frame.string(1)
            let headerValues = try realm.js.wrap(frame[2]).arrayElements()
            var headers = HTTPHeaders()
            var index = 0
            while index + 1 < headerValues.count {
                let name = try headerValues[index].toString()
                let value = try headerValues[index + 1].toString()
                headers.add(name: byteStringToSwift(name), value: byteStringToSwift(value))
                index += 2
            }
            let bodyKind = try frame.int(3)
            var bytes: ByteBuffer?
            if bodyKind == 1 {
                guard let view = frame.bytes(4) else { throw JSError.typeError("fetchStart: the body must be a Uint8Array") }
                bytes = ByteBuffer(bytes: view)
            }
            let task = try registry.start(method: method, url: url, headers: headers, bodyBytes: bytes,
                                          streamBody: bodyKind == 2, decode: frame.bool(5))
            return realm.js.makeNumber(Double(task.id))
        }

        add("fetchResponse") { [unowned realm] frame in
            let task = try registry.task(try frame.int(0))
            return try realm.hostOperation(task.headPromise.futureResult) { [unowned realm] outcome in
                switch outcome {
                case .response(let head):
                    var values: [JSValue] = []
                    values.reserveCapacity(head.headers.count * 2)
                    for header in head.headers {
                        // Field values exclude leading and trailing whitespace (RFC 9110 §5.5).
                        let value = header.value.trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
                        values.append(realm.js.wrap(swiftToByteString(header.name, in: realm.js)))
                        values.append(realm.js.wrap(swiftToByteString(value, in: realm.js)))
                    }
                    let statusText = head.version.major >= 2 ? "" : head.status.reasonPhrase
                    return try realm.js.array([
                        realm.js.number(Int(head.status.code)),
                        realm.js.wrap(swiftToByteString(statusText, in: realm.js)),
                        realm.js.array(values),
                    ]).ref
                case .failure(let error):
                    registry.remove(task.id)
                    return makeNetworkError(error, in: realm.js)
                }
            }
        }

        add("fetchRead") { [unowned realm] frame in
            let task = try registry.task(try frame.int(0))
            return try realm.hostOperation(task.read()) { [unowned realm] chunk in
                switch chunk {
                case .end:
                    return realm.js.makeUndefined()
                case .bytes(let buffers):
                    // One copy into memory JS takes over (malloc: no zero-filling first).
                    let total = buffers.reduce(0) { $0 + $1.readableBytes }
                    guard let memory = malloc(max(total, 1)) else {
                        throw JSError.rangeError("fetch: out of memory for a \(total)-byte chunk")
                    }
                    var offset = 0
                    for buffer in buffers {
                        buffer.withUnsafeReadableBytes { bytes in
                            if let base = bytes.baseAddress { (memory + offset).copyMemory(from: base, byteCount: bytes.count) }
                            offset += bytes.count
                        }
                    }
                    return try realm.js.makeUint8Array(takingMalloced: memory, count: total)
                case .malloced(let pointer, let count):
                    return try realm.js.makeUint8Array(takingMalloced: pointer.pointer, count: count)
                }
            }
        }

        add("fetchWrite") { [unowned realm] frame in
            let task = try registry.task(try frame.int(0))
            guard let view = frame.bytes(1) else { throw JSError.typeError("fetchWrite needs a Uint8Array") }
            let future = task.write(ByteBuffer(bytes: view))
            return try realm.hostOperation(future) { [unowned realm] _ in realm.js.makeUndefined() }
        }

        add("fetchWriteEnd") { frame in
            try registry.task(try frame.int(0)).endWrites()
            return nil
        }

        add("fetchWriteError") { frame in
            let task = try registry.task(try frame.int(0))
            task.failWrites(FetchNetworkError(message: "the request body stream errored: \(try frame.string(1))",
                                              code: "ERR_BODY_STREAM"))
            return nil
        }

        add("fetchDiscard") { frame in
            registry.existing(try frame.int(0))?.discard()
            return nil
        }

        add("fetchCancel") { frame in
            registry.existing(try frame.int(0))?.cancel()
            return nil
        }
    }
}

/// A network error as a JS Error with `code` (the `cause` of fetch's TypeError).
func makeNetworkError(_ error: FetchNetworkError, in js: JSRealm) -> JSValueRef {
    let value = js.errorValue(for: JSError.error(error.message))
    if let object = JSValueToObject(js.context, value, nil) {
        JSStrings.with("code") { JSObjectSetProperty(js.context, object, $0, js.makeString(error.code), 0, nil) }
    }
    return value
}

/// A JS byte string (every code unit ≤ 0xFF) as the Swift string whose UTF-8 is those bytes
/// when they are valid UTF-8 (so non-ASCII header bytes go out unchanged), else the string
/// itself (its U+0080…U+00FF characters then go out as UTF-8: see DIVERGENCES.md).
func byteStringToSwift(_ string: String) -> String {
    if string.utf8.allSatisfy({ $0 < 0x80 }) { return string }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(string.unicodeScalars.count)
    for scalar in string.unicodeScalars {
        guard scalar.value <= 0xFF else { return string }
        bytes.append(UInt8(scalar.value))
    }
    if let decoded = String(validating: bytes, as: UTF8.self) { return decoded }
    return string
}

/// The isomorphic decoding of a Swift string's UTF-8 bytes: one JS code unit per byte.
func swiftToByteString(_ string: String, in js: JSRealm) -> JSValueRef {
    let utf8 = string.utf8
    if utf8.allSatisfy({ $0 < 0x80 }) { return js.makeString(string) }
    let units = utf8.map { UInt16($0) }
    return units.withUnsafeBufferPointer { buffer in
        let jsString = JSStringCreateWithCharacters(buffer.baseAddress, buffer.count)
        defer { JSStringRelease(jsString) }
        return JSValueMakeString(js.context, jsString)
    }
}

// MARK: - Registry

/// The fetch tasks of one realm. Dropped with the realm's ops: in-flight requests are then
/// cancelled.
final class FetchRegistry {
    let loop: any EventLoop
    private var tasks: [Int: FetchTask] = [:]
    private var nextID = 1
    private lazy var sameLoop = FetchClient.owns(loop)

    init(loop: any EventLoop) { self.loop = loop }

    deinit {
        let live = tasks.values
        tasks.removeAll()
        for task in live { task.cancel() }
    }

    func task(_ id: Int) throws -> FetchTask {
        guard let task = tasks[id] else { throw JSError.typeError("fetch: the request \(id) is already finished") }
        return task
    }

    func existing(_ id: Int) -> FetchTask? { tasks[id] }

    func remove(_ id: Int) { tasks.removeValue(forKey: id) }

    func start(method: String, url: String, headers: HTTPHeaders, bodyBytes: ByteBuffer?, streamBody: Bool,
               decode: Bool) throws -> FetchTask {
        let id = nextID
        nextID += 1
        let task = FetchTask(id: id, loop: loop, decode: decode, method: method) { [weak self] in self?.remove(id) }
        let host = URL(string: url)?.host ?? url

        var body: HTTPClient.Body?
        if let bodyBytes {
            body = .byteBuffer(bodyBytes)
        } else if streamBody {
            let bound = NIOLoopBound(task, eventLoop: loop)
            let loop = self.loop
            let done = task.makeBodyDonePromise()
            body = .stream(contentLength: nil) { writer in
                loop.execute { bound.value.attach(writer: writer) }
                return done.futureResult
            }
        }
        let request: HTTPClient.Request
        do {
            request = try HTTPClient.Request(url: url, method: HTTPMethod(rawValue: method), headers: headers, body: body)
        } catch {
            task.fail(FetchNetworkError(error, host: host))
            tasks[id] = task
            return task
        }
        let delegate = FetchDelegate(task: NIOLoopBound(task, eventLoop: loop), loop: loop, host: host,
                                     detached: task.detached)
        let preference: HTTPClient.EventLoopPreference = sameLoop ? .delegateAndChannel(on: loop) : .indifferent
        tasks[id] = task
        task.ahcTask = FetchClient.shared.execute(request: request, delegate: delegate, eventLoop: preference)
        return task
    }
}

// MARK: - One request

extension Codec.Failure {
    var isTruncation: Bool {
        if case .truncated = self { return true }
        return false
    }
}

/// What a read hands to JS.
enum FetchChunk: Sendable {
    /// Buffers handed to JS as one Uint8Array.
    case bytes([ByteBuffer])
    case malloced(SendablePointer, Int)
    case end
}

struct SendablePointer: @unchecked Sendable {
    let pointer: UnsafeMutableRawPointer
}

struct FetchHead: Sendable {
    var status: HTTPResponseStatus
    var version: HTTPVersion
    var headers: HTTPHeaders
}

enum FetchHeadOutcome: Sendable {
    case response(FetchHead)
    case failure(FetchNetworkError)
}

/// One network request and its response body, confined to the isolate's event loop.
final class FetchTask {
    /// Response bytes kept while JS is not reading; past it, AsyncHTTPClient stops reading.
    static let highWaterMark = 1 << 20
    /// Largest chunk handed to JS in one read.
    static let maxChunk = 1 << 20
    /// A discarded body drains up to this much to keep the connection; beyond, it is closed.
    static let discardLimit = 256 << 10

    let id: Int
    let loop: any EventLoop
    let decode: Bool
    let method: String
    let headPromise: EventLoopPromise<FetchHeadOutcome>
    var ahcTask: HTTPClient.Task<Void>?
    /// Set once nothing more is wanted from AsyncHTTPClient (cancelled, or finished): its late
    /// callbacks are then dropped on its own thread, without scheduling work on the
    /// isolate's loop (which may be shut down by then).
    let detached = NIOLockedValueBox(false)
    private let onDone: () -> Void

    private var headSettled = false
    private var queue = CircularBuffer<ByteBuffer>()
    private var queuedBytes = 0
    /// The future AsyncHTTPClient waits on before reading more (backpressure).
    private var demand: EventLoopPromise<Void>?
    private var pendingRead: EventLoopPromise<FetchChunk>?
    private var responseEnded = false
    private var failure: FetchNetworkError?
    private var cancelled = false
    private var discarding = false
    private var discardedBytes = 0
    private var decoders: [Codec] = []
    private var decoderDone = false
    private var flushScheduled = false

    // Request body (stream).
    private var bodyDone: EventLoopPromise<Void>?
    private var writer: HTTPClient.Body.StreamWriter?
    private var queuedWrites: [(ByteBuffer, EventLoopPromise<Void>)] = []
    private var lastWrite: EventLoopFuture<Void>?
    private var writesEnded = false

    init(id: Int, loop: any EventLoop, decode: Bool, method: String, onDone: @escaping () -> Void) {
        self.id = id
        self.loop = loop
        self.decode = decode
        self.method = method
        self.onDone = onDone
        self.headPromise = loop.makePromise(of: FetchHeadOutcome.self)
    }

    deinit {
        // Never leave a promise unfulfilled (NIO reports leaked promises).
        settleEverything(FetchNetworkError(message: "the request was dropped", code: "ABORT_ERR"))
    }

    // MARK: Events from AsyncHTTPClient (on the isolate's loop)

    func receivedHead(_ head: HTTPResponseHead) {
        guard !cancelled, !headSettled else { return }
        headSettled = true
        if decode, !discarding {
            setUpDecoders(head)
        }
        headPromise.succeed(.response(FetchHead(status: head.status, version: head.version, headers: head.headers)))
    }

    func receivedBody(_ buffer: ByteBuffer, _ next: EventLoopPromise<Void>) {
        if cancelled || failure != nil {
            next.succeed()
            return
        }
        if discarding {
            discardedBytes += buffer.readableBytes
            if discardedBytes > FetchTask.discardLimit {
                next.succeed()
                cancel()
            } else {
                next.succeed()
            }
            return
        }
        if decoderDone {
            // Data after the end of the encoded stream: ignored, as browsers do.
            next.succeed()
            return
        }
        queue.append(buffer)
        queuedBytes += buffer.readableBytes
        if pendingRead != nil && !flushScheduled {
            // Serve the waiting read in a task of its own: body parts already queued behind
            // this one (one socket read delivers several) join the same chunk.
            flushScheduled = true
            loop.assumeIsolated().execute { [self] in
                flushScheduled = false
                if let read = pendingRead {
                    pendingRead = nil
                    serve(read)
                }
            }
        }
        if queuedBytes < FetchTask.highWaterMark {
            next.succeed()
        } else {
            demand?.succeed()
            demand = next
        }
    }

    func receivedEnd() {
        guard !cancelled else { return }
        responseEnded = true
        if !headSettled {
            fail(FetchNetworkError(message: "the response ended before its head", code: "UND_ERR"))
            return
        }
        if discarding {
            finish()
            return
        }
        if let read = pendingRead {
            pendingRead = nil
            serve(read)
        }
    }

    func receivedError(_ error: any Error, host: String) {
        guard !cancelled else { return }
        if let error = error as? HTTPClientError, error == .cancelled { return }
        if responseEnded && failure == nil && queue.isEmpty && !discarding { return }
        fail(FetchNetworkError(error, host: host))
    }

    /// Ends the request with a network error: the head promise (if pending) or the body.
    func fail(_ error: FetchNetworkError) {
        guard failure == nil, !cancelled else { return }
        failure = error
        if !headSettled {
            headSettled = true
            headPromise.succeed(.failure(error))
        }
        if let read = pendingRead {
            pendingRead = nil
            read.fail(JSError.typeError("fetch failed: the response body was cut short: \(error.message)"))
            finish()
        }
        demand?.succeed()
        demand = nil
        failWritesInternal(error)
        if discarding { finish() }
    }

    // MARK: JS side

    /// The next chunk of the (decoded) body.
    func read() -> EventLoopFuture<FetchChunk> {
        let promise = loop.makePromise(of: FetchChunk.self)
        if cancelled {
            promise.succeed(.end)
        } else if pendingRead != nil {
            // The body stream's pull asks for one chunk at a time.
            promise.fail(JSError.typeError("fetch: a read of this response body is already pending"))
        } else {
            serve(promise)
        }
        return promise.futureResult
    }

    private func serve(_ promise: EventLoopPromise<FetchChunk>) {
        if cancelled {
            promise.succeed(.end)
            return
        }
        do {
            if let chunk = try nextChunk() {
                promise.succeed(chunk)
            } else if let failure {
                promise.fail(JSError.typeError("fetch failed: the response body was cut short: \(failure.message)"))
                finish()
            } else if responseEnded {
                promise.succeed(.end)
                finish()
            } else if decoderDone {
                // The encoded stream is complete; the rest is drained in the background.
                promise.succeed(.end)
                discarding = true
                demand?.succeed()
                demand = nil
                return
            } else {
                pendingRead = promise
            }
        } catch {
            let message = "fetch failed: could not decode the response body (Content-Encoding): \(error)"
            promise.fail(JSError.typeError(message))
            failure = FetchNetworkError(message: message, code: "ERR_CONTENT_DECODING_FAILED")
            ahcTask?.cancel()
        }
        if queuedBytes < FetchTask.highWaterMark, let demand {
            self.demand = nil
            demand.succeed()
        }
    }

    /// Takes queued bytes (decoded when needed); nil when nothing is ready yet.
    private func nextChunk() throws -> FetchChunk? {
        if decoders.isEmpty {
            guard let first = queue.popFirst() else { return nil }
            queuedBytes -= first.readableBytes
            var buffers = [first]
            var total = first.readableBytes
            // Hand over what is queued as one chunk (fewer JS round trips).
            while let next = queue.first, total + next.readableBytes <= FetchTask.maxChunk {
                queue.removeFirst()
                queuedBytes -= next.readableBytes
                total += next.readableBytes
                buffers.append(next)
            }
            return .bytes(buffers)
        }
        if decoderDone { return nil }
        return try decodeChunk()
    }

    /// One decoder step over the front of the queue (or no input), writing to `output`.
    private func decodeStep(_ decoder: Codec, into output: UnsafeMutableRawPointer, capacity: Int)
        throws -> (used: Int, made: Int, end: Bool)
    {
        guard var front = queue.first else {
            let finishing = responseEnded
            let empty = UnsafeRawBufferPointer(start: nil, count: 0)
            do {
                let result = try decoder.step(empty, into: output, capacity: capacity, finish: finishing)
                return (result.consumed, result.produced, result.end)
            } catch let error as Codec.Failure where error.isTruncation {
                // A body cut short inside the encoded stream: browsers keep what was decoded
                // (see DIVERGENCES.md); the stream just ends.
                return (0, 0, true)
            }
        }
        let result = try front.withUnsafeReadableBytes { input in
            try decoder.step(input, into: output, capacity: capacity, finish: false)
        }
        front.moveReaderIndex(forwardBy: result.consumed)
        queuedBytes -= result.consumed
        if front.readableBytes == 0 {
            queue.removeFirst()
        } else {
            queue[queue.startIndex] = front
        }
        return (result.consumed, result.produced, result.end)
    }

    private func decodeChunk() throws -> FetchChunk? {
        let capacity = 128 << 10
        guard let output = malloc(capacity) else { throw Codec.Failure.internalFailure("out of memory") }
        var produced = 0
        let decoder = decoders[0]
        do {
            while produced < capacity {
                let step = try decodeStep(decoder, into: output + produced, capacity: capacity - produced)
                produced += step.made
                if step.end {
                    decoderDone = true
                    queue.removeAll()
                    queuedBytes = 0
                    break
                }
                if queue.isEmpty && step.made == 0 { break }
                if step.used == 0 && step.made == 0 { break }
            }
        } catch {
            free(output)
            throw error
        }
        if produced == 0 {
            free(output)
            return nil
        }
        let trimmed = realloc(output, produced) ?? output
        var chunk = FetchChunk.malloced(SendablePointer(pointer: trimmed), produced)
        if decoders.count > 1 {
            // Further codings (rare: "Content-Encoding: gzip, br"): run the rest in turn.
            var data = Data(bytes: trimmed, count: produced)
            free(trimmed)
            for codec in decoders.dropFirst() {
                let result = try data.withUnsafeBytes { input in
                    try codec.processAll(input, finish: false)
                }
                guard let pointer = result.output else { return nil }
                data = Data(bytes: pointer, count: result.count)
                free(pointer)
            }
            chunk = .bytes([ByteBuffer(bytes: data)])
        }
        return chunk
    }

    private func setUpDecoders(_ head: HTTPResponseHead) {
        let status = head.status.code
        if method == "HEAD" || method == "CONNECT" || [101, 103, 204, 205, 304].contains(status) { return }
        let codings = head.headers["content-encoding"]
            .flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            .filter { !$0.isEmpty && $0 != "identity" }
        guard !codings.isEmpty else { return }
        var formats: [Codec.Format] = []
        for coding in codings {
            // An unknown coding: the body is handed over as it came, undecoded.
            guard let format = Codec.Format(contentCoding: coding) else { return }
            formats.append(format)
        }
        // Codings are listed in the order they were applied: undo the last one first.
        decoders = formats.reversed().compactMap { try? Codec(format: $0, decompress: true) }
        if decoders.count != formats.count { decoders = [] }
    }

    /// Drops the body: drains a little so the connection can be reused, else closes it.
    func discard() {
        guard !cancelled, !discarding else { return }
        discarding = true
        queue.removeAll()
        queuedBytes = 0
        if let read = pendingRead {
            pendingRead = nil
            read.succeed(.end)
        }
        demand?.succeed()
        demand = nil
        if responseEnded || failure != nil { finish() }
    }

    /// Aborts: cancels the connection's request, settles everything pending.
    func cancel() {
        guard !cancelled else { return }
        cancelled = true
        detached.withLockedValue { $0 = true }
        ahcTask?.cancel()
        settleEverything(FetchNetworkError(message: "the request was aborted", code: "ABORT_ERR"))
        queue.removeAll()
        queuedBytes = 0
        decoders = []
        onDone()
    }

    private func finish() {
        if responseEnded || failure != nil { detached.withLockedValue { $0 = true } }
        queue.removeAll()
        queuedBytes = 0
        decoders = []
        onDone()
    }

    private func settleEverything(_ error: FetchNetworkError) {
        if !headSettled {
            headSettled = true
            headPromise.succeed(.failure(error))
        }
        pendingRead?.succeed(.end)
        pendingRead = nil
        demand?.succeed()
        demand = nil
        failWritesInternal(error)
    }

    // MARK: Request body

    func makeBodyDonePromise() -> EventLoopPromise<Void> {
        let promise = loop.makePromise(of: Void.self)
        bodyDone = promise
        return promise
    }

    func attach(writer: HTTPClient.Body.StreamWriter) {
        guard bodyDone != nil else { return }
        self.writer = writer
        let waiting = queuedWrites
        queuedWrites = []
        for (buffer, promise) in waiting { send(buffer, promise) }
        if writesEnded { completeBody() }
    }

    func write(_ buffer: ByteBuffer) -> EventLoopFuture<Void> {
        let promise = loop.makePromise(of: Void.self)
        if let failure {
            promise.fail(JSError.typeError("fetch failed: \(failure.message)"))
        } else if cancelled || bodyDone == nil {
            promise.fail(JSError.typeError("fetch: the request is no longer sending its body"))
        } else if writer != nil {
            send(buffer, promise)
        } else {
            queuedWrites.append((buffer, promise))
        }
        return promise.futureResult
    }

    private func send(_ buffer: ByteBuffer, _ promise: EventLoopPromise<Void>) {
        guard let writer else { return }
        let future = writer.write(.byteBuffer(buffer))
        lastWrite = future
        future.hop(to: loop).whenComplete { result in
            switch result {
            case .success: promise.succeed()
            case .failure(let error):
                promise.fail(JSError.typeError("fetch failed: could not send the request body: \(FetchNetworkError(error, host: "the server").message)"))
            }
        }
    }

    func endWrites() {
        writesEnded = true
        if writer != nil { completeBody() }
    }

    private func completeBody() {
        guard let done = bodyDone else { return }
        bodyDone = nil
        if let lastWrite {
            lastWrite.hop(to: loop).whenComplete { result in
                switch result {
                case .success: done.succeed()
                case .failure(let error): done.fail(error)
                }
            }
        } else {
            done.succeed()
        }
    }

    func failWrites(_ error: FetchNetworkError) {
        failWritesInternal(error)
    }

    private func failWritesInternal(_ error: FetchNetworkError) {
        let waiting = queuedWrites
        queuedWrites = []
        for (_, promise) in waiting { promise.fail(JSError.typeError("fetch failed: \(error.message)")) }
        if let done = bodyDone {
            bodyDone = nil
            done.fail(error)
        }
    }
}

/// AsyncHTTPClient's view of a FetchTask: forwards each event to the isolate's loop, in
/// order, as its own task (so JS never runs inside an AsyncHTTPClient callback).
final class FetchDelegate: HTTPClientResponseDelegate {
    typealias Response = Void

    private let task: NIOLoopBound<FetchTask>
    private let loop: any EventLoop
    private let host: String
    private let detached: NIOLockedValueBox<Bool>

    init(task: NIOLoopBound<FetchTask>, loop: any EventLoop, host: String, detached: NIOLockedValueBox<Bool>) {
        self.task = task
        self.loop = loop
        self.host = host
        self.detached = detached
    }

    private var isDetached: Bool { detached.withLockedValue { $0 } }

    func didReceiveHead(task: HTTPClient.Task<Void>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        guard !isDetached else { return task.eventLoop.makeSucceededVoidFuture() }
        let bound = self.task
        loop.execute { bound.value.receivedHead(head) }
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveBodyPart(task: HTTPClient.Task<Void>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
        guard !isDetached else { return task.eventLoop.makeSucceededVoidFuture() }
        let promise = task.eventLoop.makePromise(of: Void.self)
        let bound = self.task
        loop.execute { bound.value.receivedBody(buffer, promise) }
        return promise.futureResult
    }

    func didReceiveError(task: HTTPClient.Task<Void>, _ error: any Error) {
        guard !isDetached else { return }
        let bound = self.task
        let host = self.host
        loop.execute { bound.value.receivedError(error, host: host) }
    }

    func didFinishRequest(task: HTTPClient.Task<Void>) throws {
        guard !isDetached else { return }
        let bound = self.task
        loop.execute { bound.value.receivedEnd() }
    }
}
