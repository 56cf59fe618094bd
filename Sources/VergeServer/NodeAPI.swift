import Foundation
import NIOCore
import NIOHTTP1
import VergeCache
import VergeRouter

/// An HTTP request as a Swift (nodejs-runtime) handler sees it.
///
/// During a static render (`verge build`, ISR) the request is synthetic (`GET`, no query, no
/// headers, no body), and reading `headers`, `queryString`/`query` or `body` counts as
/// reading request-time data: the route then renders dynamically, or fails under
/// `dynamic = 'error'` (docs/caching.md).
public struct Request: Sendable {
    public var method: HTTPMethod
    /// The absolute URL: scheme, `Host`, path and query ("http://localhost:3000/api?x=1").
    public var url: String
    /// The path without the query ("/api/files/report.pdf"), as sent (percent-encoded).
    public var path: String
    /// The raw query string without "?", or "".
    public var queryString: String {
        get {
            renderTracker?.noteDynamic("request.queryString")
            return storedQueryString
        }
        set { storedQueryString = newValue }
    }
    public var headers: HTTPHeaders {
        get {
            renderTracker?.noteDynamic("request.headers")
            return storedHeaders
        }
        set { storedHeaders = newValue }
    }
    /// The request body, streamed from the socket as it arrives.
    public var body: RequestBody {
        get {
            renderTracker?.noteDynamic("request.body")
            return storedBody
        }
        set { storedBody = newValue }
    }

    private var storedQueryString: String
    private var storedHeaders: HTTPHeaders
    private var storedBody: RequestBody
    /// Set on the synthetic request of a static render.
    let renderTracker: RenderTracker?

    init(method: HTTPMethod, url: String, path: String, queryString: String, headers: HTTPHeaders, body: RequestBody,
         renderTracker: RenderTracker? = nil) {
        self.method = method
        self.url = url
        self.path = path
        self.storedQueryString = queryString
        self.storedHeaders = headers
        self.storedBody = body
        self.renderTracker = renderTracker
    }

    /// Query parameters decoded as application/x-www-form-urlencoded, in order.
    public var query: [(name: String, value: String)] { FormURLEncoding.parse(queryString) }

    /// The first value of query parameter `name`.
    public func query(_ name: String) -> String? { query.first { $0.name == name }?.value }
}

/// The streamed body of a request: an `AsyncSequence` of `ByteBuffer` chunks with
/// backpressure (the socket is read as the handler consumes).
public struct RequestBody: AsyncSequence, Sendable {
    public typealias Element = ByteBuffer
    let stream: BodyStream?

    public struct AsyncIterator: AsyncIteratorProtocol {
        var inner: BodyStream.AsyncIterator?
        public mutating func next() async throws -> ByteBuffer? {
            guard inner != nil else { return nil }
            return try await inner?.next()
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(inner: stream?.makeAsyncIterator()) }

    /// Reads the whole body, refusing more than `limit` bytes with 413.
    public func collect(upTo limit: Int) async throws -> ByteBuffer {
        var result = ByteBuffer()
        for try await var chunk in self {
            guard result.readableBytes + chunk.readableBytes <= limit else {
                throw HTTPError(.payloadTooLarge, "the request body is larger than \(limit) bytes")
            }
            result.writeBuffer(&chunk)
        }
        return result
    }

    /// The whole body as UTF-8 text.
    public func text(upTo limit: Int = 1 << 24) async throws -> String {
        let buffer = try await collect(upTo: limit)
        return String(buffer: buffer)
    }
}

/// What a Swift handler answers.
public struct Response: Sendable {
    public var status: HTTPResponseStatus
    public var headers: HTTPHeaders
    public var body: ResponseBody

    public init(status: HTTPResponseStatus = .ok, headers: HTTPHeaders = [:], body: ResponseBody = .empty) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A text response (`text/plain; charset=utf-8` unless headers say otherwise).
    public static func text(_ text: String, status: HTTPResponseStatus = .ok, headers: HTTPHeaders = [:]) -> Response {
        var headers = headers
        if !headers.contains(name: "content-type") { headers.add(name: "content-type", value: "text/plain; charset=utf-8") }
        return Response(status: status, headers: headers, body: .string(text))
    }

    /// A JSON response from an `Encodable` value.
    public static func json<T: Encodable>(_ value: T, status: HTTPResponseStatus = .ok, headers: HTTPHeaders = [:]) throws -> Response {
        var headers = headers
        if !headers.contains(name: "content-type") { headers.add(name: "content-type", value: "application/json") }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Response(status: status, headers: headers, body: .bytes(ByteBuffer(bytes: try encoder.encode(value))))
    }

    /// An HTML response.
    public static func html(_ html: String, status: HTTPResponseStatus = .ok) -> Response {
        Response(status: status, headers: ["content-type": "text/html; charset=utf-8"], body: .string(html))
    }

    /// A redirect (307 by default, as Next.js's `redirect`).
    public static func redirect(to location: String, status: HTTPResponseStatus = .temporaryRedirect) -> Response {
        Response(status: status, headers: ["location": location], body: .empty)
    }
}

/// A response body: nothing, bytes, text, a file streamed from disk, or an `AsyncSequence`
/// of chunks written as they are produced (with backpressure).
public enum ResponseBody: Sendable {
    case empty
    case bytes(ByteBuffer)
    case string(String)
    /// Streams the file in chunks; a missing file answers 404.
    case file(path: String)
    case stream(ResponseStream)

    /// A streamed body from any `AsyncSequence` of byte buffers.
    public static func stream<S: AsyncSequence & Sendable>(_ sequence: S) -> ResponseBody where S.Element == ByteBuffer {
        .stream(ResponseStream(sequence))
    }

    /// A streamed body from an `AsyncSequence` of strings (UTF-8), e.g. server-sent events.
    public static func textStream<S: AsyncSequence & Sendable>(_ sequence: S) -> ResponseBody where S.Element == String {
        .stream(ResponseStream(sequence.map { ByteBuffer(string: $0) }))
    }
}

/// A type-erased stream of body chunks.
public struct ResponseStream: Sendable {
    let makeIterator: @Sendable () -> any ResponseStreamIterator

    public init<S: AsyncSequence & Sendable>(_ sequence: S) where S.Element == ByteBuffer {
        makeIterator = { Iterator(base: sequence.makeAsyncIterator()) }
    }

    struct Iterator<Base: AsyncIteratorProtocol>: ResponseStreamIterator where Base.Element == ByteBuffer {
        var base: Base
        mutating func next() async throws -> ByteBuffer? { try await base.next() }
    }
}

protocol ResponseStreamIterator {
    mutating func next() async throws -> ByteBuffer?
}

/// Route parameters with typed access: `[slug]` is a string, `[...slug]` and `[[...slug]]`
/// are lists (an optional catch-all may be absent).
public struct RouteParams: Sendable {
    let values: [String: ParamValue]

    /// The value of a `[name]` parameter (or the joined segments of a catch-all).
    public subscript(_ name: String) -> String? {
        switch values[name] {
        case .single(let value): return value
        case .multiple(let values): return values.joined(separator: "/")
        case nil: return nil
        }
    }

    /// A `[name]` parameter, or an error naming it when absent.
    public func string(_ name: String) throws -> String {
        guard let value = self[name] else { throw HTTPError(.internalServerError, "route parameter '\(name)' is not part of this route") }
        return value
    }

    /// The segments of a `[...name]` or `[[...name]]` parameter ([] when an optional one is absent).
    public func segments(_ name: String) -> [String] {
        switch values[name] {
        case .single(let value): return [value]
        case .multiple(let values): return values
        case nil: return []
        }
    }

    public var all: [String: ParamValue] { values }
}

/// What a Swift handler gets besides the request.
public struct RouteContext: Sendable {
    public var params: RouteParams
    /// The route pattern ("/api/files/[name]").
    public var pattern: String
    /// Cancelled when the client disconnects; long handlers check it.
    public var isCancelled: @Sendable () -> Bool
}

/// An error a handler throws to answer with a given status (and message).
public struct HTTPError: Error, CustomStringConvertible, Sendable {
    public var status: HTTPResponseStatus
    public var message: String

    public init(_ status: HTTPResponseStatus, _ message: String = "") {
        self.status = status
        self.message = message
    }

    public var description: String { "\(status.code) \(status.reasonPhrase): \(message)" }
}

public typealias RouteHandler = @Sendable (Request, RouteContext) async throws -> Response

/// The concrete parameters of a dynamic route to render at build time (Next.js's
/// `generateStaticParams`): one dictionary per path, e.g. `["slug": "hello"]`; a catch-all
/// parameter's value is its segments joined by "/" ("2024/05").
public typealias StaticParamsProvider = @Sendable () async throws -> [[String: String]]

/// Per-method Swift handlers for one route, plus its segment config.
public final class NodeRoute: @unchecked Sendable {
    public let pattern: RoutePattern
    /// Segment config: `config.dynamic = .forceStatic` or `config.revalidate = .seconds(60)`
    /// makes the GET handler render statically (at `verge build`, then ISR).
    public var config = SegmentConfig()
    private(set) var handlers: [String: RouteHandler] = [:]
    public private(set) var staticParamsProvider: StaticParamsProvider?

    public init(pattern: RoutePattern) { self.pattern = pattern }

    /// The paths of a dynamic route rendered at `verge build` (`generateStaticParams`):
    /// `route.staticParams { [["slug": "a"], ["slug": "b"]] }`. Other paths render on their
    /// first request, or answer 404 when `config.dynamicParams` is false.
    public func staticParams(_ provider: @escaping StaticParamsProvider) { staticParamsProvider = provider }

    public func get(_ handler: @escaping RouteHandler) { handlers["GET"] = handler }
    public func post(_ handler: @escaping RouteHandler) { handlers["POST"] = handler }
    public func put(_ handler: @escaping RouteHandler) { handlers["PUT"] = handler }
    public func patch(_ handler: @escaping RouteHandler) { handlers["PATCH"] = handler }
    public func delete(_ handler: @escaping RouteHandler) { handlers["DELETE"] = handler }
    public func head(_ handler: @escaping RouteHandler) { handlers["HEAD"] = handler }
    public func options(_ handler: @escaping RouteHandler) { handlers["OPTIONS"] = handler }
    /// A handler for any method name.
    public func on(_ method: String, _ handler: @escaping RouteHandler) { handlers[method.uppercased()] = handler }

    /// The methods with a handler, sorted.
    public var methods: [String] { handlers.keys.sorted() }
    func handler(for method: String) -> RouteHandler? { handlers[method] }
}

/// application/x-www-form-urlencoded parsing for query strings.
enum FormURLEncoding {
    static func parse(_ query: String) -> [(name: String, value: String)] {
        query.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    static func decode(_ text: Substring) -> String {
        let plusDecoded = text.replacingOccurrences(of: "+", with: " ")
        return plusDecoded.removingPercentEncoding ?? plusDecoded
    }
}
