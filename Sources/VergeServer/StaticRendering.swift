import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import VergeCache
import VergeRouter

/// How a route renders, as `verge build` marks it: static (○), incremental static
/// regeneration (◐, with its interval) or dynamic (λ).
public enum RenderMode: Sendable, Equatable, CustomStringConvertible {
    /// Rendered once (at build or on first request), served until `revalidatePath`.
    case staticPage
    /// Rendered once, regenerated in the background `seconds` after it was rendered.
    case incremental(Double)
    /// Rendered per request (every edge route; node routes without static config).
    case dynamic

    public var symbol: String {
        switch self {
        case .staticPage: return "○"
        case .incremental: return "◐"
        case .dynamic: return "λ"
        }
    }

    public var name: String {
        switch self {
        case .staticPage: return "static"
        case .incremental: return "isr"
        case .dynamic: return "dynamic"
        }
    }

    public var revalidate: Double? {
        if case .incremental(let seconds) = self { return seconds }
        return nil
    }

    public var description: String {
        switch self {
        case .incremental(let seconds): return "\(symbol) \(name) \(formatSeconds(seconds))"
        default: return "\(symbol) \(name)"
        }
    }

    /// The mode of a route: only a nodejs route with a GET handler can be static, when its
    /// config says `dynamic = 'force-static'` or `'error'`, or sets `revalidate` (false:
    /// static; seconds: ISR; 0 means dynamic). Edge routes are always dynamic.
    public static func of(_ route: RouteDefinition, nodeRoutes: [NodeRoute]) -> RenderMode {
        guard route.runtime == .nodejs, let index = route.swiftHandler, index < nodeRoutes.count,
              nodeRoutes[index].handler(for: "GET") != nil else { return .dynamic }
        return of(config: route.config)
    }

    public static func of(config: SegmentConfig) -> RenderMode {
        if config.dynamic == .forceDynamic { return .dynamic }
        if case .seconds(let seconds)? = config.revalidate, seconds <= 0 { return .dynamic }
        let isStatic = config.dynamic == .forceStatic || config.dynamic == .error || config.revalidate != nil
        guard isStatic else { return .dynamic }
        if case .seconds(let seconds)? = config.revalidate { return .incremental(seconds) }
        return .staticPage
    }
}

/// A revalidate interval as the route table shows it: "90s", "5m", "1h", "2d".
public func formatSeconds(_ seconds: Double) -> String {
    if seconds == seconds.rounded(), seconds < 1e15 {
        let whole = Int(seconds)
        if whole % 86400 == 0 { return "\(whole / 86400)d" }
        if whole % 3600 == 0 { return "\(whole / 3600)h" }
        if whole % 60 == 0 { return "\(whole / 60)m" }
        return "\(whole)s"
    }
    return "\(seconds)s"
}

/// A static render failed: the handler threw, or read request-time data under
/// `dynamic = 'error'`.
public struct StaticRenderError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}

/// Thrown out of a render that read request-time data (without `dynamic = 'error'`):
/// the route is dynamic after all.
struct DynamicUsageDetected: Error, CustomStringConvertible {
    var reasons: [String]
    var description: String { "the route read request-time data (\(reasons.joined(separator: ", "))), so it renders dynamically" }
}

/// Renders node routes into the full-route cache: at `verge build` (every static path),
/// on a path's first request, and in the background when an ISR entry goes stale.
public enum StaticRenderer {
    /// Largest rendered body kept.
    static let maxBodyBytes = 64 << 20

    /// The route cache key of a path ("route:/blog/hello").
    public static func key(forPath path: String) -> String {
        CacheEntry.Kind.route.prefix + ImplicitTags.normalize(path)
    }

    /// Renders `pathname` with a synthetic GET request (no query, headers or body) and
    /// returns the entry to cache; `storable` is true for a 200. Throws
    /// `DynamicUsageDetected` when the handler read request-time data (the route is then
    /// dynamic), `StaticRenderError` under `dynamic = 'error'` or when the handler failed.
    static func render(definition: RouteDefinition, route: NodeRoute, pathname: String, params: [String: ParamValue],
                       cache: ResponseCache) async throws -> ResponseCache.Produced {
        guard let handler = route.handler(for: "GET") else {
            throw StaticRenderError(message: "\(describe(definition)) has no GET handler to render")
        }
        let config = definition.config
        let tracker = RenderTracker(path: pathname, forceStatic: config.dynamic == .forceStatic)
        let implicitTags = ImplicitTags.forRoute(pattern: definition.pattern.description, kind: definition.kind.rawValue,
                                                 pathname: pathname)
        let context = RequestCacheContext(cache: cache, segment: config, implicitTags: implicitTags, render: tracker)
        let request = Request(method: .GET, url: "http://localhost" + pathname, path: pathname, queryString: "",
                              headers: [:], body: RequestBody(stream: nil), renderTracker: tracker)
        let routeContext = RouteContext(params: RouteParams(values: params), pattern: definition.pattern.description,
                                        isCancelled: { false })
        let response: Response
        do {
            response = try await RequestCacheContext.$current.withValue(context) {
                try await handler(request, routeContext)
            }
        } catch let error as HTTPError {
            response = Response.text(error.message.isEmpty ? error.status.reasonPhrase : error.message, status: error.status)
        } catch let error as FetchCachePolicyError {
            throw StaticRenderError(message: "\(describe(definition)) (\(pathname)): \(error.message)")
        } catch {
            throw StaticRenderError(message: "\(describe(definition)) (\(pathname)): the handler threw during static rendering: \(error)")
        }
        let reasons = tracker.dynamicReasons
        if !reasons.isEmpty {
            if config.dynamic == .error {
                throw StaticRenderError(message: "\(describe(definition)) (\(pathname)) has `dynamic = 'error'` but read request-time data during static rendering: \(reasons.joined(separator: ", ")). Remove those reads, or drop `dynamic = 'error'` to render it dynamically")
            }
            throw DynamicUsageDetected(reasons: reasons)
        }
        var headers: [CacheEntry.Header] = []
        for header in response.headers {
            let name = header.name.lowercased()
            if ["content-length", "transfer-encoding", "connection", "keep-alive"].contains(name) { continue }
            headers.append(CacheEntry.Header(name: name, value: header.value))
        }
        let body: ByteBuffer
        do {
            body = try await collect(response.body, headers: &headers)
        } catch {
            throw StaticRenderError(message: "\(describe(definition)) (\(pathname)): the response body failed during static rendering: \(error)")
        }
        var revalidate = RenderMode.of(config: config).revalidate
        if let lowest = tracker.lowestFetchRevalidate { revalidate = min(revalidate ?? lowest, lowest) }
        let entry = CacheEntry(key: key(forPath: pathname), kind: .route, revalidate: revalidate, tags: implicitTags,
                               status: Int(response.status.code), statusText: response.status.reasonPhrase,
                               headers: headers, url: pathname, body: body)
        return ResponseCache.Produced(entry: entry, storable: response.status == .ok)
    }

    static func describe(_ definition: RouteDefinition) -> String {
        definition.file ?? "Swift route \(definition.pattern)"
    }

    private static func collect(_ body: ResponseBody, headers: inout [CacheEntry.Header]) async throws -> ByteBuffer {
        switch body {
        case .empty: return ByteBuffer()
        case .bytes(let bytes): return bytes
        case .string(let text): return ByteBuffer(string: text)
        case .file(let path):
            if !headers.contains(where: { $0.name == "content-type" }) {
                headers.append(CacheEntry.Header(name: "content-type", value: MediaType.forFile(path)))
            }
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            guard data.count <= maxBodyBytes else { throw HTTPError(.internalServerError, "the file is larger than \(maxBodyBytes) bytes") }
            return ByteBuffer(bytes: data)
        case .stream(let stream):
            var result = ByteBuffer()
            var iterator = stream.makeIterator()
            while var chunk = try await iterator.next() {
                guard result.readableBytes + chunk.readableBytes <= maxBodyBytes else {
                    throw HTTPError(.internalServerError, "the streamed body is larger than \(maxBodyBytes) bytes")
                }
                result.writeBuffer(&chunk)
            }
            return result
        }
    }

    // MARK: Paths

    /// The concrete path of `pattern` for `params` (values percent-encoded; a catch-all's
    /// value is split on "/"), and the route params a handler sees for it.
    public static func path(for pattern: RoutePattern, params: [String: String]) throws -> (path: String, params: [String: ParamValue]) {
        var path = ""
        var values: [String: ParamValue] = [:]
        for segment in pattern.segments {
            switch segment {
            case .literal(let name):
                path += "/" + name
            case .dynamic(let name):
                guard let value = params[name], !value.isEmpty else {
                    throw StaticRenderError(message: "staticParams for \(pattern) lack '\(name)' (got \(params.keys.sorted()))")
                }
                path += "/" + encode(value)
                values[name] = .single(value)
            case .catchAll(let name), .optionalCatchAll(let name):
                let parts = (params[name] ?? "").split(separator: "/").map(String.init)
                if parts.isEmpty {
                    if case .catchAll = segment {
                        throw StaticRenderError(message: "staticParams for \(pattern) lack '\(name)' (a catch-all needs at least one segment)")
                    }
                    continue
                }
                for part in parts { path += "/" + encode(part) }
                values[name] = .multiple(parts)
            }
        }
        return (path.isEmpty ? "/" : path, values)
    }

    static func encode(_ segment: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#")
        return segment.addingPercentEncoding(withAllowedCharacters: allowed) ?? segment
    }

    /// Every path of a static route to render at build: the route's own path, or one per
    /// entry of its `staticParams` (none when a dynamic route has no provider).
    public static func paths(of definition: RouteDefinition, route: NodeRoute) async throws -> [(path: String, params: [String: ParamValue])] {
        let isDynamic = definition.pattern.segments.contains { if case .literal = $0 { return false } else { return true } }
        guard isDynamic else { return [try path(for: definition.pattern, params: [:])] }
        guard let provider = route.staticParamsProvider else { return [] }
        var result: [(String, [String: ParamValue])] = []
        var seen = Set<String>()
        for params in try await provider() {
            let made = try path(for: definition.pattern, params: params)
            if seen.insert(made.path).inserted { result.append(made) }
        }
        return result
    }

    // MARK: Build

    /// One rendered path of `verge build`.
    public struct BuiltPath: Sendable {
        public var path: String
        public var status: Int
        public var bytes: Int
        public var revalidate: Double?
    }

    /// What `verge build` rendered for one route: its final mode (dynamic when the render
    /// read request-time data) and its paths.
    public struct BuiltRoute: Sendable {
        public var routeID: String
        public var mode: RenderMode
        public var paths: [BuiltPath]
        public var note: String?
    }

    /// Renders every static node route of `application` into `cache` (the previous build's
    /// routes are dropped first). Throws `StaticRenderError` with every failure.
    public static func buildAll(_ application: ServedApplication, cache: ResponseCache) async throws -> [String: BuiltRoute] {
        await cache.removeAll(ofKind: .route)
        var built: [String: BuiltRoute] = [:]
        var failures: [String] = []
        for definition in application.table.routes {
            let mode = RenderMode.of(definition, nodeRoutes: application.nodeRoutes)
            guard mode != .dynamic, let index = definition.swiftHandler else { continue }
            let route = application.nodeRoutes[index]
            var result = BuiltRoute(routeID: definition.id, mode: mode, paths: [])
            do {
                for (path, params) in try await paths(of: definition, route: route) {
                    let produced = try await render(definition: definition, route: route, pathname: path, params: params, cache: cache)
                    var entry = produced.entry
                    entry.storedAt = cache.stamp()
                    if produced.storable { cache.insert(entry) }
                    result.paths.append(BuiltPath(path: path, status: entry.status, bytes: entry.body.readableBytes,
                                                  revalidate: entry.revalidate))
                    if let revalidate = entry.revalidate, case .staticPage = result.mode { result.mode = .incremental(revalidate) }
                    if let revalidate = entry.revalidate, case .incremental(let current) = result.mode, revalidate < current {
                        result.mode = .incremental(revalidate)
                    }
                }
            } catch let dynamic as DynamicUsageDetected {
                result = BuiltRoute(routeID: definition.id, mode: .dynamic, paths: [], note: dynamic.description)
            } catch {
                failures.append(String(describing: error))
                continue
            }
            built[definition.id] = result
        }
        await cache.flush()
        if !failures.isEmpty { throw StaticRenderError(message: failures.joined(separator: "\n")) }
        return built
    }
}

// MARK: - Serving from the route cache

/// What the server learned at run time about static routes: those whose render read
/// request-time data are dynamic from then on (per build generation).
final class RouteCacheState: Sendable {
    private let dynamicRoutes = NIOLockedValueBox<Set<String>>([])

    func isDynamic(_ routeID: String, generation: Int) -> Bool {
        dynamicRoutes.withLockedValue { $0.contains("\(generation)|\(routeID)") }
    }

    func markDynamic(_ routeID: String, generation: Int) {
        dynamicRoutes.withLockedValue { _ = $0.insert("\(generation)|\(routeID)") }
    }
}

/// A GET or HEAD of a static node route, answered from the full-route cache: HIT (fresh),
/// STALE (expired: served once more while one background regeneration runs) or MISS
/// (rendered now; concurrent misses share one render). Responses carry `x-verge-cache`,
/// `ETag` and `Cache-Control`; a matching `If-None-Match` gets 304. Lives on the
/// connection's event loop.
final class RouteCacheExchange {
    private let connection: HTTPConnection
    private let loop: any EventLoop
    private let head: HTTPRequestHead
    private let route: NodeRoute
    private let definition: RouteDefinition
    private let params: [String: ParamValue]
    private let pathname: String
    private let key: String
    private let generation: Int
    private let server: ServerContext
    private let started = NIODeadline.now()
    private var finished = false

    private init(connection: HTTPConnection, loop: any EventLoop, head: HTTPRequestHead, route: NodeRoute,
                 definition: RouteDefinition, params: [String: ParamValue], pathname: String, generation: Int) {
        self.connection = connection
        self.loop = loop
        self.head = head
        self.route = route
        self.definition = definition
        self.params = params
        self.pathname = pathname
        self.key = StaticRenderer.key(forPath: pathname)
        self.generation = generation
        self.server = connection.server
    }

    /// The exchange when the request can be served from the route cache, else nil (the
    /// handler runs). Never in development (every request renders, as `next dev`).
    static func make(connection: HTTPConnection, head: HTTPRequestHead, route: NodeRoute, definition: RouteDefinition,
                     params: [String: ParamValue], path: String, application: ServedApplication) -> RouteCacheExchange? {
        let server = connection.server
        guard !server.configuration.development, head.method == .GET || head.method == .HEAD else { return nil }
        guard RenderMode.of(config: definition.config) != .dynamic, route.handler(for: "GET") != nil else { return nil }
        // A request with a body is not a page view: the handler gets it.
        if head.headers.contains(name: "transfer-encoding") { return nil }
        if let length = head.headers.first(name: "content-length"), length != "0" { return nil }
        guard !server.routeCache.isDynamic(definition.id, generation: application.generation) else { return nil }
        guard let loop = connection.eventLoop else { return nil }
        return RouteCacheExchange(connection: connection, loop: loop, head: head, route: route, definition: definition,
                                  params: params, pathname: path, generation: application.generation)
    }

    private enum Outcome {
        case entry(CacheEntry, ResponseCache.State, storable: Bool)
        case notFound
        case dynamic
        case failed(String)
    }

    func start() {
        let cache = server.cache
        if let found = cache.cachedInMemory(key, lifetime: .entry) {
            if found.state == .stale { cache.refreshInBackground(key, renderWork()) }
            write(found.entry, state: found.state, storable: true)
            return
        }
        let bound = NIOLoopBound(self, eventLoop: loop)
        let key = self.key
        let work = renderWork()
        let notListed = notListedCheck()
        let loop = self.loop
        Task {
            let outcome: Outcome
            if let found = await cache.lookup(key, lifetime: .entry) {
                if found.state == .stale { cache.refreshInBackground(key, work) }
                outcome = .entry(found.entry, found.state, storable: true)
            } else if let notListed, await notListed() {
                outcome = .notFound
            } else {
                do {
                    let produced = try await cache.produce(key, work)
                    outcome = .entry(produced.entry, .miss, storable: produced.storable)
                } catch is DynamicUsageDetected {
                    outcome = .dynamic
                } catch {
                    outcome = .failed(String(describing: error))
                }
            }
            loop.execute { bound.value.finish(outcome) }
        }
    }

    /// The render of this path, for misses and background regeneration.
    private func renderWork() -> @Sendable () async throws -> ResponseCache.Produced {
        let definition = self.definition
        let route = self.route
        let pathname = self.pathname
        let params = self.params
        let cache = server.cache
        let state = server.routeCache
        let generation = self.generation
        let log = server.log
        return {
            do {
                return try await StaticRenderer.render(definition: definition, route: route, pathname: pathname, params: params, cache: cache)
            } catch let dynamic as DynamicUsageDetected {
                state.markDynamic(definition.id, generation: generation)
                log.write("[\(definition.segmentName)] \(dynamic.description); it is no longer served from the route cache")
                throw dynamic
            }
        }
    }

    /// With `dynamicParams = false`, a path of a dynamic route that `staticParams` does not
    /// list answers 404 (nil: every path may render).
    private func notListedCheck() -> (@Sendable () async -> Bool)? {
        guard definition.config.dynamicParams == false else { return nil }
        let definition = self.definition
        let route = self.route
        let key = self.key
        return {
            guard let listed = try? await StaticRenderer.paths(of: definition, route: route) else { return true }
            return !listed.contains { StaticRenderer.key(forPath: $0.path) == key }
        }
    }

    private func finish(_ outcome: Outcome) {
        guard !finished else { return }
        switch outcome {
        case .entry(let entry, let state, let storable):
            write(entry, state: state, storable: storable)
        case .notFound:
            writeText("Not Found\n", status: .notFound)
        case .dynamic:
            finished = true
            connection.startNode(head, route: route, definition: definition, params: params)
        case .failed(let message):
            server.log.write("[\(definition.segmentName)] GET \(pathname): static rendering failed: \(message)")
            writeText(server.configuration.development ? "Internal Server Error\n\n\(message)\n" : "Internal Server Error\n",
                      status: .internalServerError)
        }
    }

    private func writeText(_ text: String, status: HTTPResponseStatus) {
        var headers: HTTPHeaders = ["content-type": "text/plain; charset=utf-8"]
        headers.add(name: "x-verge-cache", value: ResponseCache.State.miss.rawValue)
        send(status: status, headers: headers, body: ByteBuffer(string: text), note: nil)
    }

    /// `Cache-Control` of a cached route (Next.js's): `s-maxage` = its revalidate interval
    /// (a year when it has none), stale-while-revalidate.
    static func cacheControl(revalidate: Double?) -> String {
        guard let revalidate else { return "s-maxage=31536000, stale-while-revalidate" }
        return "s-maxage=\(Int(max(1, revalidate.rounded(.up)))), stale-while-revalidate"
    }

    private func write(_ entry: CacheEntry, state: ResponseCache.State, storable: Bool) {
        var headers = HTTPHeaders()
        for header in entry.headers { headers.add(name: header.name, value: header.value) }
        headers.replaceOrAdd(name: "x-verge-cache", value: state.rawValue)
        if storable {
            headers.replaceOrAdd(name: "etag", value: entry.etag)
            if !headers.contains(name: "cache-control") {
                headers.add(name: "cache-control", value: RouteCacheExchange.cacheControl(revalidate: entry.revalidate))
            }
            if RouteCacheExchange.matches(ifNoneMatch: head.headers["if-none-match"], etag: entry.etag) {
                var notModified = HTTPHeaders()
                for name in ["etag", "cache-control", "x-verge-cache", "vary", "content-location", "expires", "date"] {
                    for value in headers[name] { notModified.add(name: name, value: value) }
                }
                send(status: .notModified, headers: notModified, body: nil, note: "cache \(state.rawValue)")
                return
            }
        }
        send(status: HTTPResponseStatus(statusCode: entry.status, reasonPhrase: entry.statusText), headers: headers,
             body: entry.body, note: "cache \(state.rawValue)")
    }

    /// `If-None-Match` (RFC 9110 §13.1.2): weak comparison against any listed tag, or `*`.
    static func matches(ifNoneMatch values: [String], etag: String) -> Bool {
        guard !values.isEmpty else { return false }
        func opaque(_ tag: Substring) -> Substring {
            let trimmed = tag.drop { $0 == " " || $0 == "\t" }
            return trimmed.hasPrefix("W/") ? trimmed.dropFirst(2) : trimmed
        }
        let target = opaque(Substring(etag))
        for value in values {
            for candidate in value.split(separator: ",") {
                let tag = opaque(candidate)
                let trimmed = tag.reversed().drop { $0 == " " || $0 == "\t" }
                let cleaned = Substring(String(trimmed.reversed()))
                if cleaned == "*" || cleaned == target { return true }
            }
        }
        return false
    }

    private func send(status: HTTPResponseStatus, headers: HTTPHeaders, body: ByteBuffer?, note: String?) {
        guard !finished else { return }
        finished = true
        guard connection.isActive else { return }
        var headers = headers
        let noBody = status == .notModified || status == .noContent || status.code < 200
        if !noBody { headers.replaceOrAdd(name: "content-length", value: String(body?.readableBytes ?? 0)) }
        if !head.keepsConnection { headers.replaceOrAdd(name: "connection", value: "close") }
        connection.writeHead(HTTPResponseHead(version: head.version, status: status, headers: headers))
        if !noBody, head.method != .HEAD, let body, body.readableBytes > 0 { connection.writeBody(body) }
        connection.writeEnd()
        if server.configuration.logRequests {
            server.log.write(RequestLogLine(method: head.method.rawValue, path: head.uri, status: Int(status.code), runtime: "nodejs",
                                            segment: definition.segmentName,
                                            durationNanoseconds: Int64(NIODeadline.now().uptimeNanoseconds - started.uptimeNanoseconds),
                                            cpuNanoseconds: nil, note: note).text)
        }
        connection.exchangeFinished(keepAlive: head.keepsConnection)
    }

    func clientClosed() {
        finished = true
    }
}
