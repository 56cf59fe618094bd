import NIOCore
import NIOHTTP1
import VergeCache
import VergeRouter

/// One HTTP/1.1 connection: reads requests, routes them, and runs them as edge exchanges
/// (synchronously on this event loop) or node exchanges (Swift handlers in a task).
/// Requests are answered one at a time, in order: parts of a pipelined request that arrive
/// while the previous response is unfinished wait in `pipelined` (this handler does what
/// NIO's `HTTPServerPipelineHandler` would, without withholding `read()` while a response
/// is pending, which cost every asynchronous response two `epoll_ctl` calls).
final class HTTPConnection: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    enum Current {
        case idle
        case edge(EdgeExchange)
        case node(NodeExchange)
        /// A GET/HEAD of a static route, answered from the full-route cache (or rendered into it).
        case cached(RouteCacheExchange)
        /// A request answered without a handler (404, redirect, …): its body is skipped.
        case answered
        /// Middleware or a rewrite routed the request on; the next exchange starts on the
        /// next loop tick (outside the JS call that asked for it), body parts wait here.
        case continuing(PendingContinuation)
    }

    /// A request between the exchange that routed it on and the one that will answer it.
    final class PendingContinuation {
        let head: HTTPRequestHead
        let previous: HTTPRequestHead
        let responseHeaders: [(String, String)]
        var body: [ByteBuffer]
        var bodyEnded: Bool
        let readingPaused: Bool
        let note: String
        var cancelled = false

        init(head: HTTPRequestHead, previous: HTTPRequestHead, responseHeaders: [(String, String)], body: [ByteBuffer],
             bodyEnded: Bool, readingPaused: Bool, note: String) {
            self.head = head
            self.previous = previous
            self.responseHeaders = responseHeaders
            self.body = body
            self.bodyEnded = bodyEnded
            self.readingPaused = readingPaused
            self.note = note
        }
    }

    let server: ServerContext
    private var context: ChannelHandlerContext?
    private(set) var host: EdgeHost?
    private var current = Current.idle
    private var requestComplete = true
    private var quiescing = false
    private var closeAfterResponse = false
    /// Parts of requests that arrived before the current response finished (HTTP/1.1 pipelining).
    private var pipelined = CircularBuffer<HTTPServerRequestPart>()
    private var pipelinedBytes = 0
    /// Reading was paused because `pipelined` holds too much.
    private var pausedForPipelining = false
    private var drainScheduled = false
    /// More than this many bytes or parts waiting pauses reading until they are served.
    static let pipelinedLimit = (bytes: 1 << 20, parts: 256)

    // Middleware and rewrites (Next.js): state of the request being routed on.
    /// Response headers middleware set with `NextResponse.next()`/`rewrite()`, merged into
    /// the head of whatever answers the request.
    private var middlewareHeaders: [(String, String)] = []
    /// How many times the current request was routed on (middleware, rewrites).
    private var continuations = 0
    /// The origin of the request as received ("http://host:port"): a rewritten request keeps it.
    private var continuationOrigin: String?
    /// Whether the request as received has a body (middleware may not forward its headers).
    private var continuationHasBody: Bool?
    /// Log notes of the steps before the exchange that answers ("middleware→next (cpu=…)").
    private(set) var continuationNote: String?
    static let maxContinuations = 8

    init(server: ServerContext) {
        self.server = server
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        self.host = server.host(for: context.eventLoop)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        encoderLookup = .found(nil)
    }

    // MARK: Inbound

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        if !pipelined.isEmpty || (isBusy && part.isHead) {
            hold(part)
            return
        }
        handle(part)
    }

    /// Whether a response is still being produced (a new request must wait for it).
    private var isBusy: Bool {
        if case .idle = current { return false }
        return true
    }

    private func hold(_ part: HTTPServerRequestPart) {
        pipelined.append(part)
        if case .body(let buffer) = part { pipelinedBytes += buffer.readableBytes }
        if !pausedForPipelining,
           pipelined.count > HTTPConnection.pipelinedLimit.parts || pipelinedBytes > HTTPConnection.pipelinedLimit.bytes {
            pausedForPipelining = true
            setReading(false)
        }
    }

    /// Serves waiting pipelined parts once the connection is idle, on a loop tick of their
    /// own (never inside the exchange that just finished, which may be inside a JS call).
    private func scheduleDrain() {
        guard !pipelined.isEmpty, !drainScheduled, let context else { return }
        drainScheduled = true
        context.eventLoop.assumeIsolated().execute { [weak self] in
            guard let self else { return }
            self.drainScheduled = false
            self.drain()
        }
    }

    private func drain() {
        while let part = pipelined.first {
            if isBusy && part.isHead { break }
            pipelined.removeFirst()
            if case .body(let buffer) = part { pipelinedBytes -= buffer.readableBytes }
            handle(part)
            if context == nil { return }
        }
        if pipelined.isEmpty, pausedForPipelining {
            pausedForPipelining = false
            setReading(true)
        }
    }

    private func handle(_ part: HTTPServerRequestPart) {
        switch part {
        case .head(let head):
            requestComplete = false
            startRequest(head)
        case .body(let buffer):
            switch current {
            case .edge(let exchange): exchange.receiveBody(buffer)
            case .node(let exchange): exchange.receiveBody(buffer)
            case .continuing(let pending): pending.body.append(buffer)
            default: break
            }
        case .end:
            requestComplete = true
            switch current {
            case .edge(let exchange): exchange.bodyEnd()
            case .node(let exchange): exchange.bodyEnd()
            case .continuing(let pending): pending.bodyEnded = true
            default: break
            }
        }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        let writable = context.channel.isWritable
        switch current {
        case .edge(let exchange): exchange.writabilityChanged(writable)
        case .node(let exchange): exchange.writabilityChanged(writable)
        default: break
        }
        context.fireChannelWritabilityChanged()
    }

    func channelInactive(context: ChannelHandlerContext) {
        switch current {
        case .edge(let exchange): exchange.clientClosed()
        case .node(let exchange): exchange.clientClosed()
        case .continuing(let pending): pending.cancelled = true
        case .cached(let exchange): exchange.clientClosed()
        default: break
        }
        current = .idle
        pipelined.removeAll()
        context.fireChannelInactive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is ChannelShouldQuiesceEvent {
            quiescing = true
            if case .idle = current {
                context.flush()  // a response ended this tick may still wait in the flusher
                context.close(promise: nil)
            }
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        // Protocol errors were answered with 400 by NIO's error handler; anything else ends the connection.
        context.close(promise: nil)
    }

    // MARK: Routing

    private func startRequest(_ head: HTTPRequestHead) {
        answeringHEAD = head.method == .HEAD
        middlewareHeaders = []
        continuations = 0
        continuationOrigin = nil
        continuationHasBody = nil
        continuationNote = nil
        let application = server.applicationBox.application
        let uri = head.uri
        let queryStart = uri.utf8.firstIndex(of: UInt8(ascii: "?"))
        let path = queryStart.map { String(uri[..<$0]) } ?? uri

        if let error = application.globalBuildError {
            answer(head, status: .internalServerError, body: "Build failed\n\n\(error)\n", runtime: "-", segment: "-")
            return
        }
        guard path.hasPrefix("/") else {
            answer(head, status: .badRequest, body: "Bad Request: the request target must be an absolute path\n", runtime: "-", segment: "-")
            return
        }
        if path.utf8.count > 1, path.utf8.last == UInt8(ascii: "/") {
            // Next.js's default (trailingSlash: false): /about/ → /about, permanently.
            var location = String(path.dropLast())
            while location.count > 1, location.hasSuffix("/") { location.removeLast() }
            if let queryStart { location += uri[queryStart...] }
            answer(head, status: .permanentRedirect, body: "", extraHeaders: [("location", location)], runtime: "-", segment: "-")
            return
        }
        if let middleware = application.middleware {
            let headers = head.headers
            let view = MiddlewareRequestView(
                path: path, query: queryStart.map { String(uri[uri.index(after: $0)...]) } ?? "",
                header: { name in
                    let values = headers[name]
                    return values.isEmpty ? nil : values.joined(separator: ", ")
                })
            if middleware.matches(view) {
                startMiddleware(head, path: path, middleware: middleware, application: application)
                return
            }
        }
        route(head, path: path, application: application)
    }

    /// Matches the path and starts the exchange that answers it.
    private func route(_ head: HTTPRequestHead, path: String, application: ServedApplication) {
        guard let match = application.table.match(path: path) else {
            answer(head, status: .notFound, body: "Not Found\n", runtime: "-", segment: "-")
            return
        }
        let route = match.route
        switch route.runtime {
        case .edge:
            startEdge(head, path: path, match: match, application: application)
        case .nodejs:
            guard let index = route.swiftHandler, index < application.nodeRoutes.count else {
                server.log.write("no Swift handler for \(route.file ?? route.id) (\(route.pattern)); register one with app.nodejs(\"\(route.pattern)\")")
                answer(head, status: .internalServerError, body: "Internal Server Error\n", runtime: "nodejs", segment: route.segmentName)
                return
            }
            let nodeRoute = application.nodeRoutes[index]
            if let exchange = RouteCacheExchange.make(connection: self, head: head, route: nodeRoute, definition: route,
                                                      params: match.params, path: path, application: application) {
                current = .cached(exchange)
                exchange.start()
                return
            }
            startNode(head, route: nodeRoute, definition: route, params: match.params)
        }
    }

    /// Runs `middleware.{js,ts}` for a request its matchers accept. It answers, or routes the
    /// request on through `continueRequest`.
    private func startMiddleware(_ head: HTTPRequestHead, path: String, middleware: MiddlewareDefinition, application: ServedApplication) {
        continuationOrigin = origin(of: head)
        continuationHasBody = hasBody(head)
        _ = startEdgeExchange(head, path: path, route: middleware.route, kind: "middleware", name: "middleware",
                              paramsJSON: "{}", application: application, retainsBody: true)
    }

    /// Middleware (`NextResponse.next()`/`rewrite()`) or a rewrite answered nothing: route
    /// `head` (possibly a new path and headers) as part of the same request, on the next
    /// loop tick, so the next exchange's JS runs as its own invocation.
    func continueRequest(_ head: HTTPRequestHead, from previous: HTTPRequestHead, responseHeaders: [(String, String)],
                         body: [ByteBuffer], bodyEnded: Bool, readingPaused: Bool, note: String) {
        guard let context else { return }
        let pending = PendingContinuation(head: head, previous: previous, responseHeaders: responseHeaders, body: body,
                                          bodyEnded: bodyEnded, readingPaused: readingPaused, note: note)
        current = .continuing(pending)
        context.eventLoop.assumeIsolated().execute { [weak self] in
            guard let self, !pending.cancelled, case .continuing(let waiting) = self.current, waiting === pending else { return }
            self.resume(pending)
        }
    }

    private func resume(_ pending: PendingContinuation) {
        let head = pending.head
        if continuationOrigin == nil { continuationOrigin = origin(of: pending.previous) }
        if continuationHasBody == nil { continuationHasBody = hasBody(pending.previous) }
        continuations += 1
        continuationNote = continuationNote.map { $0 + " " + pending.note } ?? pending.note
        // Headers of later steps win over earlier ones, except those that repeat.
        middlewareHeaders = HTTPConnection.merge(pending.responseHeaders, over: middlewareHeaders)
        current = .idle
        let application = server.applicationBox.application
        guard continuations <= HTTPConnection.maxContinuations else {
            server.log.write("\(head.method.rawValue) \(head.uri): more than \(HTTPConnection.maxContinuations) rewrites; is a rewrite pointing at itself?")
            answer(head, status: .internalServerError, body: "Internal Server Error: too many rewrites\n", runtime: "-", segment: "-")
            if pending.readingPaused { setReading(true) }
            return
        }
        let uri = head.uri
        let path = uri.utf8.firstIndex(of: UInt8(ascii: "?")).map { String(uri[..<$0]) } ?? uri
        route(head, path: path, application: application)
        switch current {
        case .edge(let exchange):
            exchange.adoptBody(pending.body, ended: pending.bodyEnded, readingPaused: pending.readingPaused)
        case .node(let exchange):
            for chunk in pending.body { exchange.receiveBody(chunk) }
            if pending.bodyEnded { exchange.bodyEnd() }
            if pending.readingPaused { setReading(true) }
        default:
            if pending.readingPaused { setReading(true) }
        }
    }

    private func origin(of head: HTTPRequestHead) -> String {
        let url = absoluteURL(head)
        guard let schemeEnd = url.range(of: "://") else { return url }
        let rest = url[schemeEnd.upperBound...]
        let end = rest.firstIndex(of: "/") ?? rest.endIndex
        return String(url[..<end])
    }

    private func hasBody(_ head: HTTPRequestHead) -> Bool {
        head.headers.contains(name: "content-length") && head.headers.first(name: "content-length") != "0"
            || head.headers.contains(name: "transfer-encoding")
    }

    /// `later` merged over `earlier`: a name `later` has replaces `earlier`'s values, except
    /// headers that may repeat (set-cookie, vary, www-authenticate, proxy-authenticate).
    static func merge(_ later: [(String, String)], over earlier: [(String, String)]) -> [(String, String)] {
        if earlier.isEmpty { return later }
        if later.isEmpty { return earlier }
        let replaced = Set(later.map { $0.0.lowercased() }).subtracting(repeatable)
        return earlier.filter { !replaced.contains($0.0.lowercased()) } + later
    }

    static let repeatable: Set<String> = ["set-cookie", "vary", "www-authenticate", "proxy-authenticate"]

    /// Middleware's response headers and the answering response's, as Next.js merges them:
    /// middleware's win, except headers that may repeat, which both contribute.
    private func mergeMiddlewareHeaders(into headers: inout HTTPHeaders) {
        guard !middlewareHeaders.isEmpty else { return }
        var merged = HTTPHeaders()
        var names = Set<String>()
        for (name, value) in middlewareHeaders {
            merged.add(name: name, value: value)
            names.insert(name.lowercased())
        }
        for (name, value) in headers {
            let lower = name.lowercased()
            if !names.contains(lower) || HTTPConnection.repeatable.contains(lower)
                || lower == "content-length" || lower == "transfer-encoding" || lower == "connection" {
                merged.add(name: name, value: value)
            }
        }
        middlewareHeaders = []
        headers = merged
    }

    /// Runs a Swift handler for the request (also the fallback of a route found dynamic).
    func startNode(_ head: HTTPRequestHead, route: NodeRoute, definition: RouteDefinition, params: [String: ParamValue]) {
        guard let context else { return }
        let exchange = NodeExchange(connection: self, context: context, route: route,
                                    definition: definition, head: head, params: params, server: server)
        current = .node(exchange)
        exchange.start()
    }

    private func startEdge(_ head: HTTPRequestHead, path: String, match: RouteMatch, application: ServedApplication) {
        _ = startEdgeExchange(head, path: path, route: match.route, kind: nil, name: nil, paramsJSON: paramsJSON(match.params),
                              application: application, retainsBody: false)
    }

    /// Starts an edge exchange for `route` in its realm on this loop (booting it if needed).
    /// `path` is the request target without its query.
    private func startEdgeExchange(_ head: HTTPRequestHead, path: String, route: RouteDefinition, kind: String?, name: String?, paramsJSON: String,
                                   application: ServedApplication, retainsBody: Bool) -> EdgeExchange? {
        guard let host else { return nil }
        let segmentName = name ?? route.segmentName
        if let error = application.buildErrors[route.id] {
            server.log.write("[\(segmentName)] build error: \(error)")
            answer(head, status: .internalServerError,
                   body: server.configuration.development ? "Build error in \(route.file ?? route.id)\n\n\(error)\n" : "Internal Server Error\n",
                   runtime: "edge", segment: segmentName)
            return nil
        }
        let instance: SegmentInstance
        do {
            instance = try host.instance(for: route, application: application, kind: kind, name: name)
        } catch {
            server.log.write("[\(segmentName)] could not start \(route.file ?? route.id): \(error)")
            answer(head, status: .internalServerError,
                   body: server.configuration.development ? "Could not start \(route.file ?? route.id)\n\n\(error)\n" : "Internal Server Error\n",
                   runtime: "edge", segment: segmentName)
            return nil
        }
        let id = host.makeRequestID()
        let limit = route.config.maxDuration.map { TimeAmount.nanoseconds(Int64($0 * 1e9)) } ?? server.configuration.timeToFirstByte
        let exchange = EdgeExchange(id: id, host: host, connection: self, instance: instance, head: head,
                                    hasBody: continuationHasBody ?? hasBody(head), segmentName: segmentName,
                                    timeToFirstByte: limit, retainsBody: retainsBody, note: continuationNote)
        host.exchanges[id] = exchange
        exchange.invocation.cacheContext = RequestCacheContext(
            cache: server.cache, segment: route.config, pattern: route.pattern.description, kind: route.kind.rawValue,
            pathname: path,
            bypass: server.configuration.development
                && RequestCacheContext.bypassRequested(development: true, cacheControl: head.headers["cache-control"]))
        current = .edge(exchange)
        exchange.start(url: absoluteURL(head), headerBlock: HTTPConnection.headerBlock(head.headers), paramsJSON: paramsJSON)
        return exchange
    }

    func absoluteURL(_ head: HTTPRequestHead) -> String {
        if head.uri.hasPrefix("http://") || head.uri.hasPrefix("https://") { return head.uri }
        if continuations > 0, let continuationOrigin { return continuationOrigin + head.uri }
        let authority = head.headers.first(name: "host") ?? "\(server.configuration.host):\(server.configuration.port)"
        let scheme = server.configuration.tls == nil ? "http://" : "https://"
        // One allocation (each `+` made a string).
        var url = ""
        url.reserveCapacity(scheme.utf8.count + authority.utf8.count + head.uri.utf8.count)
        url += scheme
        url += authority
        url += head.uri
        return url
    }

    /// The request's headers for JS, "name\nvalue\nname\nvalue", with the names lowercased
    /// (the Fetch API's form; HTTP field names are ASCII tokens, which NIO's parser enforces),
    /// written in one allocation: JS then adopts the list as it is.
    static func headerBlock(_ headers: HTTPHeaders) -> String {
        var length = 0
        for (name, value) in headers { length += name.utf8.count + value.utf8.count + 2 }
        guard length > 0 else { return "" }
        return String(unsafeUninitializedCapacity: length - 1) { block in
            var at = 0
            for (name, value) in headers {
                if at > 0 {
                    block[at] = UInt8(ascii: "\n")
                    at += 1
                }
                for byte in name.utf8 {
                    block[at] = byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
                    at += 1
                }
                block[at] = UInt8(ascii: "\n")
                at += 1
                for byte in value.utf8 {
                    block[at] = byte
                    at += 1
                }
            }
            return at
        }
    }

    private func paramsJSON(_ params: [String: ParamValue]) -> String {
        if params.isEmpty { return "{}" }
        var json = "{"
        for (index, (name, value)) in params.sorted(by: { $0.key < $1.key }).enumerated() {
            if index > 0 { json += "," }
            json += jsonString(name) + ":"
            switch value {
            case .single(let text): json += jsonString(text)
            case .multiple(let parts): json += "[" + parts.map(jsonString).joined(separator: ",") + "]"
            }
        }
        return json + "}"
    }

    /// Answers without a handler (404, 308, build errors) and logs it.
    private func answer(_ head: HTTPRequestHead, status: HTTPResponseStatus, body text: String,
                        extraHeaders: [(String, String)] = [], runtime: String, segment: String) {
        guard let context else { return }
        let started = NIODeadline.now()
        var headers: HTTPHeaders = text.isEmpty ? [:] : ["content-type": "text/plain; charset=utf-8"]
        for (name, value) in extraHeaders { headers.add(name: name, value: value) }
        var body = context.channel.allocator.buffer(string: text)
        headers.add(name: "content-length", value: String(body.readableBytes))
        if !head.keepsConnection { headers.add(name: "connection", value: "close") }
        mergeMiddlewareHeaders(into: &headers)
        current = .answered
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: headers))), promise: nil)
        if head.method != .HEAD, body.readableBytes > 0 { context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil) }
        body.clear()
        if server.configuration.logRequests {
            server.log.write(RequestLogLine(method: head.method.rawValue, path: head.uri, status: Int(status.code), runtime: runtime,
                                            segment: segment, durationNanoseconds: Int64(NIODeadline.now().uptimeNanoseconds - started.uptimeNanoseconds),
                                            cpuNanoseconds: nil, note: continuationNote).text)
        }
        writeEnd()
        exchangeFinished(keepAlive: head.keepsConnection)
    }

    // MARK: Writing (used by exchanges)

    var eventLoop: (any EventLoop)? { context?.eventLoop }
    var allocator: ByteBufferAllocator { context?.channel.allocator ?? ByteBufferAllocator() }
    var isActive: Bool { context?.channel.isActive ?? false }
    var isWritable: Bool { context?.channel.isWritable ?? false }

    /// Whether `writeEncodedResponse` may be used now: an HTTP/1 connection (its pipeline has
    /// NIO's response encoder) with no middleware headers waiting to be merged.
    var acceptsEncodedResponses: Bool {
        middlewareHeaders.isEmpty && encoderContext != nil
    }

    /// The context of NIO's HTTP/1 response encoder, found on first use (nil on HTTP/2 streams).
    private var encoderContext: ChannelHandlerContext? {
        if case .found(let found) = encoderLookup { return found }
        guard let context else { return nil }
        let found = try? context.pipeline.syncOperations.context(handlerType: HTTPResponseEncoder.self)
        encoderLookup = .found(found)
        return found
    }
    private enum EncoderLookup { case notYet, found(ChannelHandlerContext?) }
    private var encoderLookup = EncoderLookup.notYet
    /// The request being answered is a HEAD (its response has no body on any path).
    private var answeringHEAD = false
    /// The head of the response now being written went out encoded by `writeHead`: its body
    /// parts are dropped and its end only flushes.
    private var headOnlyResponse = false

    /// An HTTP/1 response head as bytes, headers as given; nil when a field or the reason
    /// phrase is one NIO's header validator would refuse (`isEncodable`), so that it refuses it.
    static func encodeHead(_ head: HTTPResponseHead, allocator: ByteBufferAllocator) -> ByteBuffer? {
        let reason = head.status.reasonPhrase
        guard isEncodable(reason: reason) else { return nil }
        var buffer = allocator.buffer(capacity: 256)
        buffer.writeHTTP1StatusLine(version: head.version, status: Int(head.status.code), reason: reason)
        for (name, value) in head.headers {
            guard isEncodable(name: name, value: value) else { return nil }
            buffer.writeHTTP1Field(name: name, value: value)
        }
        buffer.writeStaticString("\r\n")
        return buffer
    }

    /// Whether a response the server encodes itself may carry this field as is: a non-empty
    /// token name and a value without control characters but HTAB, the rules of NIO's header
    /// validator (RFC 9110). Anything else goes through NIO's encoder and validator instead.
    static func isEncodable(name: String, value: String) -> Bool {
        guard !name.isEmpty else { return false }
        for byte in name.utf8 where !isTokenByte(byte) { return false }
        return isFieldText(value)
    }

    /// A reason phrase NIO's validator passes (RFC 9112: HTAB, SP, VCHAR, obs-text).
    static func isEncodable(reason: String) -> Bool { isFieldText(reason) }

    /// content-length, transfer-encoding or connection: a handler that sets one frames its
    /// response itself, which NIO's encoder then checks.
    static func isFramingField(_ name: String) -> Bool {
        let count = name.utf8.count
        guard count == 10 || count == 14 || count == 17 else { return false }
        let lower = name.lowercased()
        return lower == "connection" || lower == "content-length" || lower == "transfer-encoding"
    }

    private static func isFieldText(_ text: String) -> Bool {
        for byte in text.utf8 where (byte < 0x20 && byte != 0x09) || byte == 0x7F { return false }
        return true
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"), UInt8(ascii: "'"),
             UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "_"),
             UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    /// Writes a whole HTTP/1 response the caller encoded (head and body, in one buffer) below
    /// NIO's encoder and error handler, flushed with the tick's other responses. An edge
    /// response answered in one piece goes this way: through NIO's encoder its head, body and
    /// end were three trips down the pipeline, a header list built and copied again by the
    /// encoder, and a second buffer for the body. Those handlers see only whole responses
    /// either way, so their state (a response in flight or not) stays right.
    func writeEncodedResponse(_ buffer: ByteBuffer) {
        guard writeBelowEncoder(buffer) else { return }
        flushAtEndOfTick()
    }

    /// Writes bytes straight to the handlers below NIO's encoder; false on HTTP/2 or once closed.
    private func writeBelowEncoder(_ buffer: ByteBuffer) -> Bool {
        guard context != nil, let encoderContext else { return false }
        encoderContext.write(NIOAny(IOData.byteBuffer(buffer)), promise: nil)
        return true
    }

    /// The end of a response goes out with the tick's others (`ResponseFlusher`), or at once
    /// off a loop the server hosts.
    private func flushAtEndOfTick() {
        guard let context else { return }
        guard let host else { return context.flush() }
        host.flusher.flushSoon(context)
    }

    func writeHead(_ head: HTTPResponseHead) {
        guard let context else { return }
        var head = head
        mergeMiddlewareHeaders(into: &head.headers)
        // A response to HEAD is its head alone. NIO's encoder is not told request methods
        // here (ProtocolSniffer), and would end a head without content-length with a chunked
        // body's terminator, so the connection encodes it (headers as given: content-length
        // and the like still say what a GET would get).
        if answeringHEAD, encoderContext != nil, let bytes = HTTPConnection.encodeHead(head, allocator: context.channel.allocator) {
            headOnlyResponse = true
            _ = writeBelowEncoder(bytes)
            return
        }
        context.write(wrapOutboundOut(.head(head)), promise: nil)
    }

    func writeBody(_ buffer: ByteBuffer) {
        guard let context, !headOnlyResponse else { return }
        context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
    }

    func writeEnd() {
        guard let context else { return }
        if headOnlyResponse {
            headOnlyResponse = false
            return flushAtEndOfTick()
        }
        context.write(wrapOutboundOut(.end(nil)), promise: nil)
        flushAtEndOfTick()
    }

    func flush() { context?.flush() }

    /// Pauses or resumes reading the socket (request body backpressure).
    func setReading(_ reading: Bool) {
        guard let context else { return }
        _ = context.channel.setOption(ChannelOptions.autoRead, value: reading)
    }

    func close() {
        context?.close(promise: nil)
    }

    /// The response is complete: keep the connection for the next request, or close it.
    func exchangeFinished(keepAlive: Bool) {
        current = .idle
        if keepAlive, !quiescing {
            // A request body the handler did not read is skipped: its parts arriving while
            // idle are dropped. Pipelined requests waiting behind this one are served next.
            scheduleDrain()
        } else {
            guard let context else { return }
            context.eventLoop.assumeIsolated().execute { [weak self] in
                self?.context?.flush()
                self?.context?.close(promise: nil)
            }
        }
    }
}

extension HTTPServerRequestPart {
    fileprivate var isHead: Bool {
        if case .head = self { return true }
        return false
    }
}

func jsonString(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 {
                out += String(format: "\\u%04x", scalar.value)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}

import Foundation

extension ByteBuffer {
    /// "HTTP/1.1 200 OK\r\n": the status line of a response this server encodes itself.
    mutating func writeHTTP1StatusLine(version: HTTPVersion, status: Int, reason: String) {
        if version == .http1_1 {
            writeStaticString("HTTP/1.1 ")
        } else {
            writeString("HTTP/\(version.major).\(version.minor) ")
        }
        writeString(String(status))
        writeStaticString(" ")
        writeString(reason)
        writeStaticString("\r\n")
    }

    /// The end of a head this server encodes itself: content-length when given, `connection:
    /// close` when the connection ends after this response, and the blank line.
    mutating func writeHTTP1HeadEnd(contentLength: Int?, closesConnection: Bool) {
        if let contentLength {
            writeStaticString("content-length: ")
            writeString(String(contentLength))
            writeStaticString("\r\n")
        }
        if closesConnection { writeStaticString("connection: close\r\n") }
        writeStaticString("\r\n")
    }

    /// "name: value\r\n".
    mutating func writeHTTP1Field(name: String, value: String) {
        writeString(name)
        writeStaticString(": ")
        writeString(value)
        writeStaticString("\r\n")
    }
}
