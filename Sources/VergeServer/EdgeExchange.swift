import CJavaScriptCore
import NIOCore
import NIOHTTP1
import VergeEdge
import VergeJS

/// One edge request in flight: the request body flowing into JS, the response flowing out,
/// limits, and the log line. Lives on the event loop of its connection.
final class EdgeExchange {
    let id: Int
    unowned let host: EdgeHost
    private(set) var connection: HTTPConnection?
    let instance: SegmentInstance
    let invocation: Invocation
    let method: String
    let path: String
    let version: HTTPVersion
    let keepAlive: Bool
    let started: NIODeadline
    let segmentName: String
    /// The request as received (middleware and rewrites route it on from here).
    let head: HTTPRequestHead
    /// Middleware: keep the body chunks handed to JS, so the route gets the whole body too.
    let retainsBody: Bool
    private var deliveredBody: [ByteBuffer] = []

    private(set) var headSent = false
    private(set) var finished = false
    private var status = 0
    private var note: String?

    // Request body (pulled by JS).
    // A slice, not a CircularBuffer: an empty one allocates nothing (most requests have no
    // body), and popFirst is O(1) on it too.
    private var bodyChunks = ArraySlice<ByteBuffer>()
    private var bodyBuffered = 0
    private var bodyEnded = true
    private var bodyCancelled = false
    private var pendingRead: JSDeferredPromise?
    private var readingPaused = false

    // Response backpressure.
    private var pendingWritable: JSDeferredPromise?
    private var timeToFirstByte: Scheduled<Void>?

    init(id: Int, host: EdgeHost, connection: HTTPConnection, instance: SegmentInstance, head: HTTPRequestHead,
         hasBody: Bool, segmentName: String, timeToFirstByte: TimeAmount, retainsBody: Bool = false, note: String? = nil) {
        self.id = id
        self.head = head
        self.retainsBody = retainsBody
        self.note = note
        self.host = host
        self.connection = connection
        self.instance = instance
        self.method = head.method.rawValue
        self.path = head.uri
        self.version = head.version
        self.keepAlive = head.keepsConnection
        self.started = .now()
        self.segmentName = segmentName
        self.bodyEnded = !hasBody
        timeToFirstByteLimit = timeToFirstByte
        invocation = Invocation(cpuBudget: host.configuration.edgeLimits.cpuTimePerInvocation, realmName: segmentName)
        invocation.tag = id
        invocation.onBreach = { [unowned self] error in self.limitHit(error) }
        instance.inFlight += 1
    }

    /// The time-to-first-byte timer is armed only once the handler's synchronous part has
    /// returned without a response (most requests answer within it, and a NIO timer per
    /// request showed in profiles); that part is bounded by the CPU budget meanwhile. The
    /// deadline still counts from when the request started.
    private let timeToFirstByteLimit: TimeAmount

    private func armTimeToFirstByte() {
        guard !finished, !headSent, timeToFirstByte == nil else { return }
        let limit = timeToFirstByteLimit
        timeToFirstByte = host.loop.assumeIsolated().scheduleTask(deadline: started + limit) { [weak self] in
            self?.timeToFirstByteExpired(after: limit)
        }
    }

    // MARK: Running JS

    /// Calls into the segment's realm as part of this request's invocation; failures end it.
    func run(_ body: () throws -> Void) {
        guard !finished else { return }
        do {
            try instance.realm.run(invocation: invocation, body)
        } catch let error as EdgeError {
            limitHit(error)
        } catch {
            fail(message: "Uncaught \(error)")
        }
    }

    /// Starts the handler.
    func start(url: String, headerBlock: String, paramsJSON: String) {
        let js = instance.realm.js
        run {
            // On the stack: an array of the arguments was an allocation per request.
            try withUnsafeTemporaryAllocation(of: JSValueRef?.self, capacity: 7) { arguments in
                arguments.initializeElement(at: 0, to: instance.segment.ref)
                arguments.initializeElement(at: 1, to: js.makeNumber(Double(id)))
                arguments.initializeElement(at: 2, to: js.makeString(method))
                arguments.initializeElement(at: 3, to: js.makeString(url))
                arguments.initializeElement(at: 4, to: js.makeString(headerBlock))
                arguments.initializeElement(at: 5, to: js.makeBoolean(!bodyEnded))
                arguments.initializeElement(at: 6, to: js.makeString(paramsJSON))
                try instance.handle.callDiscardingResult(UnsafeBufferPointer(arguments))
            }
        }
        armTimeToFirstByte()
    }

    // MARK: Request body

    func receiveBody(_ buffer: ByteBuffer) {
        guard !finished, !bodyCancelled else { return }
        if let pending = pendingRead {
            pendingRead = nil
            deliver(buffer, to: pending)
            return
        }
        bodyChunks.append(buffer)
        bodyBuffered += buffer.readableBytes
        if bodyBuffered > host.configuration.bodyBufferLimit, !readingPaused {
            readingPaused = true
            connection?.setReading(false)
        }
    }

    func bodyEnd() {
        bodyEnded = true
        if let pending = pendingRead, bodyChunks.isEmpty {
            pendingRead = nil
            run { pending.resolve(instance.realm.js.makeNull()) }
        }
    }

    private func deliver(_ buffer: ByteBuffer, to promise: JSDeferredPromise) {
        if retainsBody { deliveredBody.append(buffer) }
        run {
            let array = try buffer.withUnsafeReadableBytes { bytes in
                try instance.realm.js.makeUint8Array(copying: bytes)
            }
            promise.resolve(array)
        }
    }

    /// ops.serverBodyRead: a promise of the next chunk (Uint8Array) or null at the end.
    func readBody() throws -> JSValueRef {
        let promise = try JSDeferredPromise(in: instance.realm.js)
        if let chunk = bodyChunks.popFirst() {
            if retainsBody { deliveredBody.append(chunk) }
            bodyBuffered -= chunk.readableBytes
            if readingPaused, bodyBuffered < host.configuration.bodyBufferLimit / 2 {
                readingPaused = false
                connection?.setReading(true)
            }
            let array = try chunk.withUnsafeReadableBytes { try instance.realm.js.makeUint8Array(copying: $0) }
            promise.resolve(array)
        } else if bodyEnded {
            promise.resolve(instance.realm.js.makeNull())
        } else if connection == nil {
            promise.reject(JSError.typeError("the client disconnected before sending the whole request body"))
        } else {
            pendingRead = promise
        }
        return promise.promise.ref
    }

    /// ops.serverBodyCancel: the handler cancelled the request body; drop what comes.
    func cancelBody() {
        bodyCancelled = true
        bodyChunks.removeAll()
        bodyBuffered = 0
        if readingPaused {
            readingPaused = false
            connection?.setReading(true)
        }
    }

    /// Body that arrived before this exchange existed (middleware ran first): buffered as if
    /// it had come from the socket.
    func adoptBody(_ chunks: [ByteBuffer], ended: Bool, readingPaused wasPaused: Bool) {
        for chunk in chunks { receiveBody(chunk) }
        if ended { bodyEnd() }
        if wasPaused, !readingPaused { connection?.setReading(true) }
    }

    // MARK: Routing on (middleware `next`, rewrites)

    /// ops.serverContinue: this exchange produced no response; the request goes on to
    /// `target` (a path with query, "" for the same URL) with `requestHeaders` (nil: as
    /// received) and the response headers to merge into whatever answers it.
    func continueRouting(target: String, requestHeaderBlock: String?, responseHeaderBlock: String) {
        guard !finished, !headSent, let connection else { return }
        var next = head
        if !target.isEmpty { next.uri = target }
        if let requestHeaderBlock {
            var headers = EdgeExchange.parseHeaderBlock(requestHeaderBlock)
            // The body is still the body: keep its framing whatever the middleware forwarded.
            for name in ["content-length", "transfer-encoding"] {
                headers.remove(name: name)
                for value in head.headers[name] { headers.add(name: name, value: value) }
            }
            next.headers = headers
        }
        var responseHeaders: [(String, String)] = []
        for (name, value) in EdgeExchange.parseHeaderBlock(responseHeaderBlock) { responseHeaders.append((name, value)) }
        let body = deliveredBody + Array(bodyChunks)
        let ended = bodyEnded
        let paused = readingPaused
        deliveredBody = []
        bodyChunks.removeAll()
        bodyBuffered = 0
        let cpu = Double(instance.isolate.cpuTime(of: invocation)) / 1_000_000
        let what = target.isEmpty ? "next" : "rewrite \(target)"
        let step = "\(segmentName)→\(what) (cpu=\(Double(Int((cpu * 100).rounded())) / 100)ms)"
        finish(continuing: true)
        connection.continueRequest(next, from: head, responseHeaders: responseHeaders, body: body, bodyEnded: ended,
                                   readingPaused: paused, note: step)
    }

    /// Headers from JS's "name\nvalue\nname\nvalue" block, with room for `extra` more.
    static func parseHeaderBlock(_ block: String, extra: Int = 0) -> HTTPHeaders {
        var headers = HTTPHeaders()
        guard !block.isEmpty else { return headers }
        let bytes = block.utf8
        // Cut on the UTF-8 bytes (LF is ASCII, so every cut is a character boundary; String's
        // own split walks grapheme clusters), each part made as it is found: an array of the
        // parts and the headers' growth were a fifth of an edge response's allocations.
        var lines = 1
        for byte in bytes where byte == UInt8(ascii: "\n") { lines += 1 }
        headers.reserveCapacity(lines / 2 + extra)
        var name: Substring.UTF8View?
        var start = bytes.startIndex
        while true {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
            let part = bytes[start..<end]
            if let pendingName = name {
                headers.add(name: String(Substring(pendingName)), value: String(Substring(part)))
                name = nil
            } else {
                name = part
            }
            guard end != bytes.endIndex else { break }
            start = bytes.index(after: end)
        }
        return headers
    }

    // MARK: Response

    /// ops.serverRespond(id, status, statusText, headerBlock, kind, body): the header block is
    /// frame[3], the body frame[5].
    func respond(status: Int, statusText: String, kind: Int, frame: JSCallFrame) throws {
        guard !finished, !headSent, let connection else { return }
        timeToFirstByte?.cancel()
        timeToFirstByte = nil
        self.status = status
        let reason = statusText.isEmpty ? HTTPResponseStatus(statusCode: status).reasonPhrase : statusText
        if kind != 3, connection.acceptsEncodedResponses,
           let encoded = try encodeWholeResponse(status: status, reason: reason, kind: kind, frame: frame,
                                                 allocator: connection.allocator) {
            headSent = true
            connection.writeEncodedResponse(encoded)
            finish()
            return
        }
        // Room for content-length and connection.
        var headers = EdgeExchange.parseHeaderBlock(try frame.string(3), extra: 2)
        if !keepAlive { headers.replaceOrAdd(name: "connection", value: "close") }
        let responseStatus = HTTPResponseStatus(statusCode: status, reasonPhrase: reason)
        var body: ByteBuffer?
        switch kind {
        case 1:
            body = try stringBytes(frame[5], allocator: connection.allocator)
        case 2:
            if let bytes = frame.bytes(5) {
                var buffer = connection.allocator.buffer(capacity: bytes.count)
                buffer.writeBytes(bytes)
                body = buffer
            }
        default:
            break
        }
        if let body, !headers.contains(name: "content-length") {
            headers.add(name: "content-length", value: String(body.readableBytes))
        } else if kind == 0, !headers.contains(name: "content-length"), responseStatus.mayHaveResponseBody {
            headers.add(name: "content-length", value: "0")
        }
        headSent = true
        let head = HTTPResponseHead(version: version, status: responseStatus, headers: headers)
        connection.writeHead(head)
        if kind == 3 {
            guard method == "HEAD" else {
                connection.flush()
                return
            }
            // A response to HEAD ends with its head. The JS pump's next write finds this
            // exchange gone (false), and cancels the body stream.
            connection.writeEnd()
            finish()
            return
        }
        if let body, method != "HEAD" { connection.writeBody(body) }
        connection.writeEnd()
        finish()
    }

    /// A response JS answered whole (kind 0: no body, 1: a string, 2: bytes) as HTTP/1 bytes,
    /// head and body in one buffer (`HTTPConnection.writeEncodedResponse`), framed as the
    /// general path frames it (content-length, `connection: close` when the connection ends).
    /// nil when the general path must write it: the handler set content-length,
    /// transfer-encoding or connection itself, or a header holds a non-ASCII character.
    private func encodeWholeResponse(status: Int, reason: String, kind: Int, frame: JSCallFrame,
                                     allocator: ByteBufferAllocator) throws -> ByteBuffer? {
        let js = instance.realm.js
        var bodyString: JSStringRef?
        defer { if let bodyString { JSStringRelease(bodyString) } }
        var bodyBytes: UnsafeRawBufferPointer?
        var bodyLength: Int?
        switch kind {
        case 0:
            bodyLength = HTTPResponseStatus(statusCode: status).mayHaveResponseBody ? 0 : nil
        case 1:
            var exception: JSValueRef?
            guard let string = JSValueToStringCopy(js.context, frame[5], &exception) else {
                try js.check(exception)
                return nil
            }
            bodyString = string
            bodyLength = verge_utf8_length(JSStringGetCharactersPtr(string), JSStringGetLength(string))
        case 2:
            guard let bytes = frame.bytes(5) else { return nil }
            bodyBytes = bytes
            bodyLength = bytes.count
        default:
            return nil
        }
        let sendsBody = method != "HEAD"
        return try frame.withUTF16(3) { block, count -> ByteBuffer? in
            var buffer = allocator.buffer(capacity: 64 + reason.utf8.count + 2 * count + (sendsBody ? bodyLength ?? 0 : 0))
            buffer.writeHTTP1StatusLine(version: version, status: status, reason: reason)
            var encodable = true
            if count > 0, let block {
                buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: 2 * count + 2) { target in
                    let written = verge_http1_fields(block, count, target.baseAddress!.assumingMemoryBound(to: UInt8.self))
                    encodable = written >= 0
                    return max(written, 0)
                }
            }
            guard encodable else { return nil }
            buffer.writeHTTP1HeadEnd(contentLength: bodyLength, closesConnection: !keepAlive)
            guard sendsBody else { return buffer }
            if let bodyString, let bodyLength, bodyLength > 0 {
                buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: bodyLength) { target in
                    var read = 0
                    return verge_utf16_to_utf8_into(JSStringGetCharactersPtr(bodyString), JSStringGetLength(bodyString),
                                                    target.baseAddress!.assumingMemoryBound(to: UInt8.self), bodyLength, &read)
                }
            } else if let bodyBytes {
                buffer.writeBytes(bodyBytes)
            }
            return buffer
        }
    }

    /// A JS string's UTF-8 bytes written straight into a ByteBuffer.
    private func stringBytes(_ value: JSValueRef, allocator: ByteBufferAllocator) throws -> ByteBuffer {
        let ctx = instance.realm.js.context
        var exception: JSValueRef?
        guard let string = JSValueToStringCopy(ctx, value, &exception) else {
            try instance.realm.js.check(exception)
            return allocator.buffer(capacity: 0)
        }
        defer { JSStringRelease(string) }
        let length = JSStringGetLength(string)
        var buffer = allocator.buffer(capacity: length * 3)
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: length * 3) { target in
            guard let base = target.baseAddress else { return 0 }
            return verge_utf16_to_utf8(JSStringGetCharactersPtr(string), length, base.assumingMemoryBound(to: UInt8.self))
        }
        return buffer
    }

    /// ops.serverWrite: true to go on, false when the client is gone, or a promise that
    /// settles when the socket drains (backpressure).
    func write(_ frame: JSCallFrame) throws -> JSValueRef {
        let js = instance.realm.js
        guard !finished, headSent, let connection, connection.isActive else { return js.makeBoolean(false) }
        if method == "HEAD" { return js.makeBoolean(false) }
        guard let bytes = frame.bytes(1) else { throw JSError.typeError("a response chunk must be a Uint8Array") }
        var buffer = connection.allocator.buffer(capacity: bytes.count)
        buffer.writeBytes(bytes)
        connection.writeBody(buffer)
        connection.flush()
        if connection.isWritable { return js.makeBoolean(true) }
        let promise = try JSDeferredPromise(in: js)
        pendingWritable = promise
        return promise.promise.ref
    }

    func writabilityChanged(_ writable: Bool) {
        guard writable, let pending = pendingWritable else { return }
        pendingWritable = nil
        run { pending.resolve(instance.realm.js.makeBoolean(true)) }
    }

    /// ops.serverEnd.
    func end() {
        guard !finished, headSent, let connection else { return }
        connection.writeEnd()
        finish()
    }

    /// ops.serverFail: the handler threw, returned a non-Response, or its stream errored.
    func fail(message: String) {
        guard !finished else { return }
        host.log.write("[\(segmentName)] \(method) \(path): \(message)")
        if !headSent {
            respondWithError(.internalServerError, body: host.configuration.development ? "Internal Server Error\n\n\(message)\n" : "Internal Server Error\n")
        } else {
            note = "stream failed"
            connection?.close()
            finish()
        }
    }

    /// A CPU/heap/subrequest limit ended this request.
    func limitHit(_ error: EdgeError) {
        guard !finished else { return }
        host.log.write("[\(segmentName)] \(method) \(path): \(error)")
        note = "limit"
        abortJS(reason: "The request was ended by a limit")
        if !headSent {
            respondWithError(.serviceUnavailable, body: "Service Unavailable: \(error.publicSummary)\n")
        } else {
            connection?.close()
            finish()
        }
    }

    private func timeToFirstByteExpired(after limit: TimeAmount) {
        timeToFirstByte = nil
        guard !finished, !headSent else { return }
        let seconds = Double(limit.nanoseconds) / 1e9
        host.log.write("[\(segmentName)] \(method) \(path): no response after \(seconds) s (time to first byte limit; set `maxDuration` to change it)")
        note = "timeout"
        abortJS(reason: "The response did not start in time")
        respondWithError(.gatewayTimeout, body: "Gateway Timeout: the edge function did not start its response within \(seconds) s\n")
    }

    private func respondWithError(_ status: HTTPResponseStatus, body text: String) {
        guard let connection else {
            finish()
            return
        }
        self.status = Int(status.code)
        headSent = true
        var headers: HTTPHeaders = ["content-type": "text/plain; charset=utf-8"]
        let body = connection.allocator.buffer(string: text)
        headers.add(name: "content-length", value: String(body.readableBytes))
        if !keepAlive { headers.add(name: "connection", value: "close") }
        connection.writeHead(HTTPResponseHead(version: version, status: status, headers: headers))
        if method != "HEAD" { connection.writeBody(body) }
        connection.writeEnd()
        finish()
    }

    /// The client disconnected: abort `request.signal`, and make pending writes report false
    /// so the response stream is cancelled.
    func clientClosed() {
        guard !finished else { return }
        connection = nil
        note = "client closed"
        if status == 0 { status = 499 }
        abortJS(reason: "The client disconnected")
        if let pending = pendingWritable {
            pendingWritable = nil
            run { pending.resolve(instance.realm.js.makeBoolean(false)) }
        }
        if let pending = pendingRead {
            pendingRead = nil
            run { pending.reject(JSError.typeError("the client disconnected before sending the whole request body")) }
        }
        finish()
    }

    private func abortJS(reason: String) {
        guard !instance.realm.isClosed, !instance.isolate.isCondemned else { return }
        _ = try? instance.realm.run {
            try instance.abortRequest.callRaw([instance.realm.js.makeNumber(Double(id)), instance.realm.js.makeString(reason)])
        }
    }

    private func finish(continuing: Bool = false) {
        guard !finished else { return }
        finished = true
        timeToFirstByte?.cancel()
        timeToFirstByte = nil
        pendingRead = nil
        pendingWritable = nil
        host.exchanges.removeValue(forKey: id)
        host.requestFinished(on: instance)
        if continuing { return }
        if host.configuration.logRequests {
            let duration = Int64(NIODeadline.now().uptimeNanoseconds - started.uptimeNanoseconds)
            let write = { [log = host.log, invocation, method, path, status, segmentName, note] in
                log.write(RequestLogLine(method: method, path: path, status: status, runtime: "edge", segment: segmentName,
                                         durationNanoseconds: duration, cpuNanoseconds: invocation.cpuNanoseconds, note: note).text)
            }
            // Usually inside the entry that answered: log once it is charged.
            if !instance.isolate.whenEntryEnds(of: invocation, write) { write() }
        }
        let connection = self.connection
        self.connection = nil
        connection?.exchangeFinished(keepAlive: keepAlive)
    }
}

extension EdgeError {
    /// What a client may be told (no stacks, no paths).
    var publicSummary: String {
        switch self {
        case .cpuTimeLimitExceeded: return "the edge function exceeded its CPU time limit"
        case .heapLimitExceeded: return "the edge function exceeded its memory limit"
        case .isolateCondemned: return "the edge runtime was recycled"
        default: return "the edge function failed"
        }
    }
}

import CVergeNative
