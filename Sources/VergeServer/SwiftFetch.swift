import Foundation
import NIOCore
import NIOHTTP1
import VergeCache
import VergeEdge
import VergeRouter

/// How a Swift `fetch` uses the data cache (Next.js's `cache` and `next.revalidate`).
public enum FetchCacheMode: Sendable, Equatable {
    /// No option: the segment's config decides (`fetchCache`, `revalidate`, static render).
    case automatic
    /// `cache: 'force-cache'`: cached until invalidated.
    case forceCache
    /// `cache: 'no-store'`: never cached.
    case noStore
    /// `next: { revalidate: seconds }`: cached, stale after `seconds` (0: never cached;
    /// `.infinity`: until invalidated, as `revalidate: false`).
    case revalidate(Double)
}

/// The response of a Swift `fetch`: the whole body, read.
public struct FetchResponse: Sendable {
    public var status: HTTPResponseStatus
    public var statusText: String
    /// Response headers (names lowercased).
    public var headers: HTTPHeaders
    /// The body, decoded (Content-Encoding).
    public var body: ByteBuffer
    /// The final URL, after redirects.
    public var url: String
    public var redirected: Bool
    /// HIT, STALE or MISS when the data cache answered; nil when the fetch was not cached.
    public var cacheState: ResponseCache.State?

    /// True for a 2xx status.
    public var ok: Bool { (200..<300).contains(status.code) }

    /// The body as UTF-8 text.
    public func text() -> String { String(buffer: body) }

    /// The body decoded as JSON.
    public func json<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        try JSONDecoder().decode(type, from: Data(body.readableBytesView))
    }

    init(_ entry: CacheEntry, state: ResponseCache.State?) {
        status = HTTPResponseStatus(statusCode: entry.status, reasonPhrase: entry.statusText)
        statusText = entry.statusText
        var headers = HTTPHeaders()
        for header in entry.headers { headers.add(name: header.name, value: header.value) }
        self.headers = headers
        body = entry.body
        url = entry.url
        redirected = entry.redirected
        cacheState = state
    }
}

/// Fetches `url` from Swift with the same data cache as edge handlers' `fetch` (one cache
/// per process: an entry one runtime stored is a hit for the other with the same method,
/// URL, headers and body).
///
/// ```swift
/// let posts = try await fetch("https://api.example.com/posts", cache: .revalidate(60), tags: ["posts"])
/// revalidateTag("posts")
/// ```
///
/// Inside a handler, the route's segment config applies (`fetchCache`, `revalidate`, a static
/// render in progress). Redirects are followed; the body is read whole (at most
/// `maxBodyBytes`). Throws `FetchCachePolicyError` for options the segment forbids or bad
/// tags, `DataFetchError` when the network fails.
public func fetch(_ url: String, method: HTTPMethod = .GET, headers: HTTPHeaders = [:], body: ByteBuffer? = nil,
                  cache: FetchCacheMode = .automatic, tags: [String] = [],
                  maxBodyBytes: Int = DataCacheFetch.defaultMaxBodyBytes) async throws -> FetchResponse {
    let context = RequestCacheContext.current ?? RequestCacheContext(cache: ResponseCache.shared, segment: SegmentConfig())
    var request = DataFetchRequest(method: method.rawValue, url: url, headers: headers.map { ($0.name, $0.value) },
                                   body: body, tags: tags)
    switch cache {
    case .automatic: break
    case .forceCache: request.cache = "force-cache"
    case .noStore: request.cache = "no-store"
    case .revalidate(let seconds):
        guard !seconds.isNaN, seconds >= 0 else {
            throw FetchCachePolicyError(message: "fetch \(url): revalidate must be 0, a positive number of seconds or .infinity, not \(seconds)")
        }
        request.revalidate = seconds.isInfinite ? .never : .seconds(seconds)
    }
    switch try DataCacheFetch.decide(request, context: context) {
    case .noStore:
        return FetchResponse(try await DataCacheFetch.network(request, maxBodyBytes: maxBodyBytes), state: nil)
    case .cache(let revalidate, _):
        let key = DataCacheFetch.key(for: request)
        let lookup = try await DataCacheFetch.cached(request, key: key, revalidate: revalidate, context: context,
                                                     maxBodyBytes: maxBodyBytes)
        return FetchResponse(lookup.entry, state: lookup.state)
    }
}

/// Next.js's `revalidateTag`: every cached fetch (either runtime) and rendered route carrying
/// `tag` is a miss from now on.
public func revalidateTag(_ tag: String) {
    ResponseCache.current.revalidateTag(tag)
}

/// Next.js's `revalidatePath`: `revalidatePath("/blog/hello")` invalidates that path's
/// rendered route and the data fetched while rendering it; `revalidatePath("/blog/[slug]",
/// type: .page)` every path of that route; `revalidatePath("/", type: .layout)` everything.
public func revalidatePath(_ path: String, type: ImplicitTags.PathType? = nil) {
    ResponseCache.current.revalidatePath(path, type: type)
}
