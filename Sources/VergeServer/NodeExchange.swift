import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import VergeCache
import VergeRouter

typealias BodyStream = NIOThrowingAsyncSequenceProducer<
    ByteBuffer, any Error, NIOAsyncSequenceProducerBackPressureStrategies.HighLowWatermark, BodyStreamDelegate
>

/// Resumes reading the socket when the handler wants more body.
struct BodyStreamDelegate: NIOAsyncSequenceProducerDelegate {
    let resume: @Sendable () -> Void
    func produceMore() { resume() }
    func didTerminate() { resume() }
}

/// A request served by a Swift handler. The handler runs in a task; the exchange's state
/// lives on the connection's event loop and writes hop back to it.
final class NodeExchange {
    private let connection: HTTPConnection
    private let context: ChannelHandlerContext
    private let route: NodeRoute
    private let definition: RouteDefinition
    private let head: HTTPRequestHead
    private let params: [String: ParamValue]
    private let server: ServerContext
    private let started = NIODeadline.now()
    private var source: BodyStream.Source?
    private var finished = false
    private var writableWaiters: [EventLoopPromise<Void>] = []
    private let cancelled = NIOLockedValueBox(false)
    private var status = 0
    private var note: String?
    /// The task running the handler and sending its response: cancelled when the client
    /// leaves, which ends a response stream waiting for its next element (an AsyncStream's
    /// iterator returns nil once its task is cancelled) as an edge response stream is
    /// cancelled.
    private var task: Task<Void, Never>?

    init(connection: HTTPConnection, context: ChannelHandlerContext, route: NodeRoute, definition: RouteDefinition,
         head: HTTPRequestHead, params: [String: ParamValue], server: ServerContext) {
        self.connection = connection
        self.context = context
        self.route = route
        self.definition = definition
        self.head = head
        self.params = params
        self.server = server
    }

    func start() {
        let loop = context.eventLoop
        let method = head.method.rawValue
        let handler = route.handler(for: method) ?? (method == "HEAD" ? route.handler(for: "GET") : nil)
        guard let handler else {
            var allowed = Set(route.methods)
            if allowed.contains("GET") { allowed.insert("HEAD") }
            allowed.insert("OPTIONS")
            let allow = allowed.sorted().joined(separator: ", ")
            if method == "OPTIONS" {
                writeWhole(Response(status: .noContent, headers: ["allow": allow]))
            } else {
                writeWhole(Response(status: .methodNotAllowed, headers: ["allow": allow, "content-type": "text/plain; charset=utf-8"],
                                    body: .string("Method Not Allowed")))
            }
            return
        }

        let hasBody = head.headers.contains(name: "transfer-encoding")
            || (head.headers.first(name: "content-length").flatMap(Int.init) ?? 0) > 0
        let channel = context.channel
        var body = RequestBody(stream: nil)
        if hasBody {
            let delegate = BodyStreamDelegate {
                _ = channel.setOption(ChannelOptions.autoRead, value: true)
            }
            let made = BodyStream.makeSequence(
                backPressureStrategy: .init(lowWatermark: 2, highWatermark: 16), finishOnDeinit: false, delegate: delegate)
            source = made.source
            body = RequestBody(stream: made.sequence)
        }
        let uri = head.uri
        let queryStart = uri.utf8.firstIndex(of: UInt8(ascii: "?"))
        let request = Request(method: head.method, url: connection.absoluteURL(head),
                              path: queryStart.map { String(uri[..<$0]) } ?? uri,
                              queryString: queryStart.map { String(uri[uri.index(after: $0)...]) } ?? "",
                              headers: head.headers, body: body)
        let cancelled = self.cancelled
        let routeContext = RouteContext(params: RouteParams(values: params), pattern: definition.pattern.description,
                                        isCancelled: { cancelled.withLockedValue { $0 } })
        let bound = NIOLoopBound(self, eventLoop: loop)
        let log = server.log
        let development = server.configuration.development
        let path = head.uri
        let cacheContext = RequestCacheContext(
            cache: server.cache, segment: definition.config, pattern: definition.pattern.description,
            kind: definition.kind.rawValue, pathname: request.path,
            bypass: RequestCacheContext.bypassRequested(development: development, cacheControl: head.headers["cache-control"]))
        // The handler starts on this thread, inside the read that delivered the request: one
        // that does not suspend answers before the loop's next tick, like an edge handler.
        // After a suspension it resumes on this loop (the task executor preference).
        task = Task.immediate(executorPreference: connection.host?.taskExecutor ?? globalConcurrentExecutor) {
            let response: Response
            do {
                response = try await RequestCacheContext.$current.withValue(cacheContext) {
                    try await handler(request, routeContext)
                }
            } catch let error as HTTPError {
                response = Response.text(error.message.isEmpty ? error.status.reasonPhrase : error.message, status: error.status)
            } catch {
                // The client left and the task was cancelled: no one to answer, nothing to report.
                if error is CancellationError, cancelled.withLockedValue({ $0 }) { return }
                log.write("[\(routeContext.pattern)] \(method) \(path): Swift handler threw: \(String(reflecting: error))")
                response = Response.text(development ? "Internal Server Error\n\n\(error)\n" : "Internal Server Error\n",
                                         status: .internalServerError)
            }
            await NodeExchange.send(response, through: bound)
        }
    }

    // MARK: Request body

    func receiveBody(_ buffer: ByteBuffer) {
        guard let source else { return }
        if source.yield(buffer) == .stopProducing {
            _ = context.channel.setOption(ChannelOptions.autoRead, value: false)
        }
    }

    func bodyEnd() {
        source?.finish()
        source = nil
    }

    func clientClosed() {
        cancelled.withLockedValue { $0 = true }
        task?.cancel()
        source?.finish(HTTPError(.badRequest, "the client disconnected"))
        source = nil
        note = "client closed"
        if status == 0 { status = 499 }
        for waiter in writableWaiters { waiter.fail(ChannelError.ioOnClosedChannel) }
        writableWaiters.removeAll()
        finish()
    }

    func writabilityChanged(_ writable: Bool) {
        guard writable else { return }
        let waiters = writableWaiters
        writableWaiters.removeAll()
        for waiter in waiters { waiter.succeed() }
    }

    // MARK: Response (runs on the loop, except the awaits between chunks)

    private static func send(_ response: Response, through bound: NIOLoopBound<NodeExchange>) async {
        let loop = bound.eventLoop
        switch response.body {
        case .empty, .bytes, .string:
            // A handler that never suspended on another executor finishes on the loop: write now.
            if loop.inEventLoop {
                bound.value.writeWhole(response)
            } else {
                loop.execute { bound.value.writeWhole(response) }
            }
        case .file(let path):
            await sendFile(path: path, response: response, through: bound)
        case .stream(let stream):
            let started = loop.submit { bound.value.writeStreamHead(response, contentLength: nil) }
            guard (try? await started.get()) == true else { return }
            var iterator = stream.makeIterator()
            do {
                while let chunk = try await iterator.next() {
                    let ok = try await loop.flatSubmit { bound.value.writeChunk(chunk) }.get()
                    if !ok { return }
                }
                loop.execute { bound.value.endStream() }
            } catch {
                loop.execute { bound.value.abortStream(error) }
            }
        }
    }

    private static func sendFile(path: String, response: Response, through bound: NIOLoopBound<NodeExchange>) async {
        let loop = bound.eventLoop
        let fileIO = NonBlockingFileIO(threadPool: .singleton)
        let handle: NIOFileHandle
        let size: Int64
        do {
            handle = try await fileIO.openFile(_deprecatedPath: path, eventLoop: loop).get().0
            size = try await fileIO.readFileSize(fileHandle: handle, eventLoop: loop).get()
        } catch {
            loop.execute { bound.value.writeWhole(Response.text("Not Found\n", status: .notFound)) }
            return
        }
        defer { try? handle.close() }
        var typed = response
        if !typed.headers.contains(name: "content-type") {
            typed.headers.add(name: "content-type", value: MediaType.forFile(path))
        }
        let head = typed
        let started = loop.submit { bound.value.writeStreamHead(head, contentLength: Int(size)) }
        guard (try? await started.get()) == true else { return }
        var offset: Int64 = 0
        let chunkSize = 64 * 1024
        do {
            while offset < size {
                let length = Int(min(Int64(chunkSize), size - offset))
                let chunk = try await fileIO.read(fileHandle: handle, fromOffset: offset, byteCount: length,
                                                  allocator: ByteBufferAllocator(), eventLoop: loop).get()
                if chunk.readableBytes == 0 { break }
                offset += Int64(chunk.readableBytes)
                let ok = try await loop.flatSubmit { bound.value.writeChunk(chunk) }.get()
                if !ok { return }
            }
            loop.execute { bound.value.endStream() }
        } catch {
            loop.execute { bound.value.abortStream(error) }
        }
    }

    private func headers(for response: Response, contentLength: Int?) -> HTTPHeaders {
        var headers = response.headers
        if let contentLength, !headers.contains(name: "content-length") {
            headers.add(name: "content-length", value: String(contentLength))
        }
        if !head.keepsConnection { headers.replaceOrAdd(name: "connection", value: "close") }
        return headers
    }

    fileprivate func writeWhole(_ response: Response) {
        guard !finished, connection.isActive else { return finish() }
        if connection.acceptsEncodedResponses, let encoded = encodeWhole(response) {
            status = Int(response.status.code)
            connection.writeEncodedResponse(encoded)
            return finish()
        }
        var buffer: ByteBuffer?
        switch response.body {
        case .bytes(let bytes): buffer = bytes
        case .string(let text): buffer = connection.allocator.buffer(string: text)
        default: buffer = nil
        }
        status = Int(response.status.code)
        let noBody = NodeExchange.isBodiless(response.status)
        let headers = headers(for: response, contentLength: noBody ? nil : (buffer?.readableBytes ?? 0))
        connection.writeHead(HTTPResponseHead(version: head.version, status: response.status, headers: headers))
        if let buffer, head.method != .HEAD, buffer.readableBytes > 0 { connection.writeBody(buffer) }
        connection.writeEnd()
        finish()
    }

    /// A whole response (no body, bytes or a string) as HTTP/1 bytes, head and body in one
    /// buffer (`HTTPConnection.writeEncodedResponse`), framed as `writeWhole` frames it through
    /// NIO's encoder (the handler's fields, content-length, `connection: close` when the
    /// connection ends), which took a header list copied twice, a body buffer and three trips
    /// down the pipeline. nil when that path must write it: the handler set content-length,
    /// transfer-encoding or connection itself, or NIO's validator would refuse a field.
    private func encodeWhole(_ response: Response) -> ByteBuffer? {
        let reason = response.status.reasonPhrase
        guard HTTPConnection.isEncodable(reason: reason) else { return nil }
        var fieldBytes = 0
        for (name, value) in response.headers {
            guard HTTPConnection.isEncodable(name: name, value: value), !HTTPConnection.isFramingField(name) else { return nil }
            fieldBytes += name.utf8.count + value.utf8.count + 4
        }
        let bodyLength: Int
        switch response.body {
        case .empty: bodyLength = 0
        case .bytes(let bytes): bodyLength = bytes.readableBytes
        case .string(let text): bodyLength = text.utf8.count
        default: return nil
        }
        let code = Int(response.status.code)
        let noBody = NodeExchange.isBodiless(response.status)
        // (A body on a status that has none: NIO's encoder decides what goes out.)
        if noBody && bodyLength > 0 { return nil }
        let sendsBody = !noBody && head.method != .HEAD && bodyLength > 0
        var buffer = connection.allocator.buffer(capacity: 64 + reason.utf8.count + fieldBytes + (sendsBody ? bodyLength : 0))
        buffer.writeHTTP1StatusLine(version: head.version, status: code, reason: reason)
        for (name, value) in response.headers { buffer.writeHTTP1Field(name: name, value: value) }
        buffer.writeHTTP1HeadEnd(contentLength: noBody ? nil : bodyLength, closesConnection: !head.keepsConnection)
        if sendsBody {
            switch response.body {
            case .bytes(let bytes): buffer.writeImmutableBuffer(bytes)
            case .string(let text): buffer.writeString(text)
            default: break
            }
        }
        return buffer
    }

    /// 204, 304 and codes under 200: a whole response with one of these gets no content-length
    /// and no body, on either write path.
    private static func isBodiless(_ status: HTTPResponseStatus) -> Bool {
        status == .noContent || status == .notModified || status.code < 200
    }

    /// Writes the head of a streamed response; false when the client is gone.
    fileprivate func writeStreamHead(_ response: Response, contentLength: Int?) -> Bool {
        guard !finished, connection.isActive else {
            finish()
            return false
        }
        status = Int(response.status.code)
        connection.writeHead(HTTPResponseHead(version: head.version, status: response.status,
                                              headers: headers(for: response, contentLength: contentLength)))
        connection.flush()
        if head.method == .HEAD {
            connection.writeEnd()
            finish()
            return false
        }
        return true
    }

    /// Writes a chunk; the future completes (true) once the socket can take more.
    fileprivate func writeChunk(_ chunk: ByteBuffer) -> EventLoopFuture<Bool> {
        let loop = context.eventLoop
        guard !finished, connection.isActive else { return loop.makeSucceededFuture(false) }
        connection.writeBody(chunk)
        connection.flush()
        if connection.isWritable { return loop.makeSucceededFuture(true) }
        let promise = loop.makePromise(of: Void.self)
        writableWaiters.append(promise)
        return promise.futureResult.map { true }.recover { _ in false }
    }

    fileprivate func endStream() {
        guard !finished else { return }
        connection.writeEnd()
        finish()
    }

    fileprivate func abortStream(_ error: any Error) {
        server.log.write("[\(definition.segmentName)] \(head.method.rawValue) \(head.uri): response stream failed: \(error)")
        note = "stream failed"
        connection.close()
        finish()
    }

    private func finish() {
        guard !finished else { return }
        finished = true
        task = nil
        if server.configuration.logRequests {
            server.log.write(RequestLogLine(method: head.method.rawValue, path: head.uri, status: status, runtime: "nodejs",
                                            segment: definition.segmentName,
                                            durationNanoseconds: Int64(NIODeadline.now().uptimeNanoseconds - started.uptimeNanoseconds),
                                            cpuNanoseconds: nil, note: note).text)
        }
        connection.exchangeFinished(keepAlive: head.keepsConnection)
    }
}

/// Content types for files served from Swift.
enum MediaType {
    static func forFile(_ path: String) -> String {
        switch (path as NSString).pathExtension.lowercased() {
        case "html", "htm": return "text/html; charset=utf-8"
        case "txt", "md": return "text/plain; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js", "mjs": return "text/javascript; charset=utf-8"
        case "json": return "application/json"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "pdf": return "application/pdf"
        case "wasm": return "application/wasm"
        default: return "application/octet-stream"
        }
    }
}
