import Crypto
import Foundation
import VergeRouter

/// `next.revalidate` of a fetch: `false` (cache until invalidated) or seconds (0: never cache).
public enum FetchRevalidate: Sendable, Equatable {
    case never
    case seconds(Double)
}

/// How one fetch uses the data cache, decided from its options and its segment's config
/// with Next.js's precedence (docs/caching.md has the table).
public enum FetchCacheDecision: Sendable, Equatable {
    /// Not cached: straight to the network. `reason` says why (logs, tests).
    case noStore(reason: String)
    /// Cached; `revalidate` nil = until invalidated.
    case cache(revalidate: Double?, reason: String)

    public var isCached: Bool {
        if case .cache = self { return true }
        return false
    }
}

public struct FetchCachePolicyError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
    public init(message: String) { self.message = message }
}

public enum FetchCachePolicy {
    /// Most tags one fetch may carry, and the longest tag (Next.js's limits).
    public static let maxTags = 128
    public static let maxTagLength = 256

    /// Checks `next.tags`: at most 128 tags of at most 256 characters.
    public static func validateTags(_ tags: [String], url: String) throws(FetchCachePolicyError) {
        if tags.count > maxTags {
            throw FetchCachePolicyError(message: "fetch \(url): next.tags has \(tags.count) tags; at most \(maxTags) are allowed")
        }
        for tag in tags where tag.utf16.count > maxTagLength {
            throw FetchCachePolicyError(message: "fetch \(url): the tag '\(tag.prefix(40))…' is \(tag.utf16.count) characters long; at most \(maxTagLength) are allowed")
        }
    }

    /// Next.js's precedence, in order:
    /// 1. `cache` and `next.revalidate` both given: `revalidate` wins (a warning says so).
    /// 2. `cache: 'force-cache'` → cached until invalidated; `cache: 'no-store'`/`'no-cache'`
    ///    → not cached.
    /// 3. Segment `fetchCache`: `'only-no-store'` rejects a cached fetch and `'only-cache'` a
    ///    `no-store` one (TypeError); `'force-cache'` caches even `no-store`/`revalidate: 0`
    ///    fetches; `'force-no-store'` caches nothing.
    /// 4. No option left: `'default-cache'`/`'only-cache'` → cached; an `Authorization` or
    ///    `Cookie` header, or a method other than GET/HEAD → not cached; `'default-no-store'`
    ///    or `dynamic = 'force-dynamic'` → not cached; during a static render (build, ISR)
    ///    → cached with the segment's `revalidate`; otherwise (a dynamic render: every edge
    ///    request) → not cached (Next.js 15's default).
    /// Only GET and HEAD requests are ever stored.
    public static func decide(cache: String, revalidate: FetchRevalidate?, method: String, hasCredentials: Bool,
                              segment: SegmentConfig, staticRender: Bool, url: String)
        throws(FetchCachePolicyError) -> (decision: FetchCacheDecision, warning: String?)
    {
        var warning: String?
        var mode = cache
        if mode != "default", let revalidate {
            warning = "fetch \(url) specified \"cache: \(mode)\" and \"revalidate: \(describe(revalidate))\"; only one should be specified (revalidate is used)"
            mode = "default"
        }
        var value = revalidate
        var reason = value.map { "revalidate: \(describe($0))" } ?? ""
        switch mode {
        case "force-cache":
            value = .never
            reason = "cache: force-cache"
        case "no-store", "no-cache", "reload":
            value = .seconds(0)
            reason = "cache: \(mode)"
        default:
            break
        }
        let fetchCache = segment.fetchCache ?? .auto
        switch fetchCache {
        case .onlyNoStore:
            if mode == "force-cache" || value == .never || { if case .seconds(let s) = value, s > 0 { return true }; return false }() {
                throw FetchCachePolicyError(message: "cache: 'force-cache' (or a positive revalidate) used on fetch for \(url) with `export const fetchCache = 'only-no-store'`; remove the option or change the segment's fetchCache")
            }
            value = .seconds(0)
            reason = "fetchCache = only-no-store"
        case .onlyCache where mode == "no-store":
            throw FetchCachePolicyError(message: "cache: 'no-store' used on fetch for \(url) with `export const fetchCache = 'only-cache'`; remove the option or change the segment's fetchCache")
        case .forceCache where value == nil || value == .seconds(0):
            value = .never
            reason = "fetchCache = force-cache"
        case .forceNoStore:
            value = .seconds(0)
            reason = "fetchCache = force-no-store"
        default:
            break
        }
        let cacheableMethod = method == "GET" || method == "HEAD"
        if value == nil {
            if fetchCache == .defaultCache || fetchCache == .onlyCache {
                value = .never
                reason = "fetchCache = \(fetchCache.rawValue)"
            } else if hasCredentials || !cacheableMethod {
                value = .seconds(0)
                reason = "auto no cache (\(hasCredentials ? "Authorization/Cookie header" : "method \(method)"))"
            } else if fetchCache == .defaultNoStore {
                value = .seconds(0)
                reason = "fetchCache = default-no-store"
            } else if segment.dynamic == .forceDynamic {
                value = .seconds(0)
                reason = "dynamic = force-dynamic"
            } else if staticRender {
                if case .seconds(let s)? = segment.revalidate, s > 0 { value = .seconds(s) } else { value = .never }
                reason = "auto cache (static render)"
            } else {
                value = .seconds(0)
                reason = "auto no cache (dynamic render)"
            }
        }
        guard cacheableMethod else { return (.noStore(reason: "method \(method) is never cached"), warning) }
        switch value {
        case .never?: return (.cache(revalidate: nil, reason: reason), warning)
        case .seconds(let s)? where s > 0: return (.cache(revalidate: s.isFinite ? s : nil, reason: reason), warning)
        default: return (.noStore(reason: reason), warning)
        }
    }

    static func describe(_ revalidate: FetchRevalidate) -> String {
        switch revalidate {
        case .never: return "false"
        case .seconds(let s): return s == s.rounded() && s.isFinite ? String(Int(s)) : String(s)
        }
    }
}

/// Data cache keys. Both runtimes compute them the same way, from what the caller asked
/// for (not the default headers fetch adds), so an edge handler's entry is a Swift
/// handler's hit and vice versa.
public enum FetchCacheKey {
    /// Headers that never change a response (tracing): left out of keys.
    static let ignoredHeaders: Set<String> = ["traceparent", "tracestate", "x-request-id", "x-verge-request-id"]

    /// "fetch:" + SHA-256 over the method, the normalized URL (no fragment, lowercase scheme
    /// and host, "/" for an empty path), the header list (names lowercased, sorted by name,
    /// values in order) and the body.
    public static func make(method: String, url: String, headers: [(String, String)], body: UnsafeRawBufferPointer?) -> String {
        var hasher = SHA256()
        func add(_ text: String) {
            hasher.update(data: Data(text.utf8))
            hasher.update(data: [0])
        }
        add("v1")
        add(method.uppercased())
        add(normalize(url: url))
        var list: [(String, String)] = []
        list.reserveCapacity(headers.count)
        for (name, value) in headers {
            let lowered = name.lowercased()
            if ignoredHeaders.contains(lowered) { continue }
            list.append((lowered, value))
        }
        // A stable sort by name keeps the order of repeated headers.
        let sorted = list.enumerated().sorted { $0.element.0 != $1.element.0 ? $0.element.0 < $1.element.0 : $0.offset < $1.offset }
        add(String(sorted.count))
        for (_, header) in sorted {
            add(header.0)
            add(header.1)
        }
        if let body {
            add("body:\(body.count)")
            hasher.update(bufferPointer: body)
        } else {
            add("nobody")
        }
        return "fetch:" + hasher.finalize().map { hexByte($0) }.joined()
    }

    /// The URL as keys see it.
    public static func normalize(url: String) -> String {
        var text = url
        if let hash = text.firstIndex(of: "#") { text = String(text[..<hash]) }
        guard let schemeEnd = text.range(of: "://") else { return text }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        let rest = text[schemeEnd.upperBound...]
        let pathStart = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        var authority = rest[..<pathStart].lowercased()
        if scheme == "http", authority.hasSuffix(":80") { authority.removeLast(3) }
        if scheme == "https", authority.hasSuffix(":443") { authority.removeLast(4) }
        var tail = String(rest[pathStart...])
        if !tail.hasPrefix("/") { tail = "/" + tail }
        return scheme + "://" + authority + tail
    }
}
