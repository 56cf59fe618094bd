import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import VergeCache

/// A fetch as the data cache sees it: what the caller asked for (the headers it set, not
/// the defaults fetch adds), plus its cache options.
public struct DataFetchRequest: Sendable {
    public var method: String
    public var url: String
    public var headers: [(String, String)]
    public var body: ByteBuffer?
    /// `RequestInit.cache`: "default", "force-cache", "no-store", "no-cache", "reload", "only-if-cached".
    public var cache: String
    /// `next.revalidate`.
    public var revalidate: FetchRevalidate?
    /// `next.tags`.
    public var tags: [String]

    public init(method: String = "GET", url: String, headers: [(String, String)] = [], body: ByteBuffer? = nil,
                cache: String = "default", revalidate: FetchRevalidate? = nil, tags: [String] = []) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.cache = cache
        self.revalidate = revalidate
        self.tags = tags
    }

    var hasCredentials: Bool {
        headers.contains { $0.0.lowercased() == "authorization" || $0.0.lowercased() == "cookie" }
    }
}

/// Why a fetch failed at the network level: a message and a Node-style code
/// ("ECONNREFUSED", "ETIMEDOUT", …).
public struct DataFetchError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var code: String
    public var description: String { message }

    init(_ error: FetchNetworkError) {
        message = error.message
        code = error.code
    }

    init(message: String, code: String) {
        self.message = message
        self.code = code
    }

    var networkError: FetchNetworkError { FetchNetworkError(message: message, code: code) }
}

/// The data cache's fetch, shared by both runtimes: the op behind an edge handler's
/// `fetch` and Swift's `fetch(_:)` both decide, key, look up and fetch here, so one runtime's
/// entry is the other's hit.
public enum DataCacheFetch {
    /// Largest response body a cached (or Swift) fetch reads.
    public static let defaultMaxBodyBytes = 64 << 20
    static let redirectLimit = 20

    /// Decides how `request` uses the cache in `context` (Next.js's precedence), notes it on
    /// a static render in progress, and logs a conflicting-options warning.
    public static func decide(_ request: DataFetchRequest, context: RequestCacheContext) throws(FetchCachePolicyError) -> FetchCacheDecision {
        try FetchCachePolicy.validateTags(request.tags, url: request.url)
        let (decision, warning) = try FetchCachePolicy.decide(
            cache: request.cache, revalidate: request.revalidate, method: request.method,
            hasCredentials: request.hasCredentials, segment: context.segment, staticRender: context.render != nil,
            url: request.url)
        if let warning { context.cache.log("warning: \(warning)") }
        if let render = context.render {
            switch decision {
            case .noStore(let reason): render.noteDynamic("fetch \(request.url) (not cached: \(reason))")
            case .cache(let revalidate?, _): render.noteFetchRevalidate(revalidate)
            case .cache(nil, _): break
            }
        }
        return decision
    }

    public static func key(for request: DataFetchRequest) -> String {
        if let body = request.body {
            return body.withUnsafeReadableBytes {
                FetchCacheKey.make(method: request.method, url: request.url, headers: request.headers, body: $0)
            }
        }
        return FetchCacheKey.make(method: request.method, url: request.url, headers: request.headers, body: nil)
    }

    static func lifetime(_ revalidate: Double?) -> ResponseCache.Lifetime {
        revalidate.map { .seconds($0) } ?? .forever
    }

    /// The producer of `key`: the network fetch, made storable when it succeeded (2xx).
    public static func producer(_ request: DataFetchRequest, key: String, revalidate: Double?, context: RequestCacheContext,
                                maxBodyBytes: Int = defaultMaxBodyBytes) -> @Sendable () async throws -> ResponseCache.Produced {
        let tags = unique(request.tags + context.implicitTags)
        return {
            var entry = try await network(request, maxBodyBytes: maxBodyBytes)
            entry.key = key
            entry.revalidate = revalidate
            entry.tags = tags
            return ResponseCache.Produced(entry: entry, storable: (200..<300).contains(entry.status))
        }
    }

    /// `request` through the data cache: HIT, STALE (one background refresh started) or
    /// MISS (one upstream request for concurrent misses).
    public static func cached(_ request: DataFetchRequest, key: String, revalidate: Double?, context: RequestCacheContext,
                              maxBodyBytes: Int = defaultMaxBodyBytes) async throws -> ResponseCache.Lookup {
        try await context.cache.get(key, lifetime: lifetime(revalidate), extraTags: request.tags + context.implicitTags,
                                    bypass: context.bypass,
                                    producer(request, key: key, revalidate: revalidate, context: context, maxBodyBytes: maxBodyBytes))
    }

    /// The memory-only part of `cached` (no I/O, no await): a HIT, or a STALE entry with its
    /// background refresh started; nil when the caller must go the async way.
    public static func cachedInMemory(_ request: DataFetchRequest, key: String, revalidate: Double?,
                                      context: RequestCacheContext) -> ResponseCache.Lookup? {
        guard !context.bypass,
              let found = context.cache.cachedInMemory(key, lifetime: lifetime(revalidate), extraTags: request.tags + context.implicitTags)
        else { return nil }
        if found.state == .stale {
            context.cache.refreshInBackground(key, producer(request, key: key, revalidate: revalidate, context: context))
        }
        return found
    }

    // MARK: Network

    /// Fetches `request` from the network and reads the whole body (at most `maxBodyBytes`
    /// bytes, decoded per Content-Encoding), following redirects as fetch's "follow" mode
    /// does. The defaults fetch adds are added here the same way for both runtimes.
    public static func network(_ request: DataFetchRequest, maxBodyBytes: Int = defaultMaxBodyBytes) async throws(DataFetchError) -> CacheEntry {
        var method = request.method.uppercased()
        var url = withoutFragment(request.url)
        var body = request.body
        var headers = HTTPHeaders(request.headers)
        if !headers.contains(name: "accept") { headers.add(name: "accept", value: "*/*") }
        if !headers.contains(name: "user-agent") { headers.add(name: "user-agent", value: "Verge") }
        if request.cache == "no-store" || request.cache == "reload" {
            if !headers.contains(name: "pragma") { headers.add(name: "pragma", value: "no-cache") }
            if !headers.contains(name: "cache-control") { headers.add(name: "cache-control", value: "no-cache") }
        } else if request.cache == "no-cache", !headers.contains(name: "cache-control") {
            headers.add(name: "cache-control", value: "max-age=0")
        }
        if !headers.contains(name: "accept-encoding") {
            headers.add(name: "accept-encoding", value: headers.contains(name: "range") ? "identity" : "gzip, deflate, br")
        }
        var redirects = 0
        while true {
            guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
                throw DataFetchError(message: "fetch failed: the URL cannot be fetched (only http: and https: URLs): \(url)", code: "ERR_INVALID_URL")
            }
            let host = parsed.host ?? url
            var outgoing = HTTPClientRequest(url: url)
            outgoing.method = HTTPMethod(rawValue: method)
            outgoing.headers = headers
            if let body { outgoing.body = .bytes(body) }
            let response: HTTPClientResponse
            do {
                response = try await FetchClient.shared.execute(outgoing, timeout: .seconds(120))
            } catch {
                throw DataFetchError(FetchNetworkError(error, host: host))
            }
            let status = Int(response.status.code)
            if [301, 302, 303, 307, 308].contains(status), let location = response.headers.first(name: "location") {
                _ = try? await response.body.collect(upTo: 256 << 10)
                guard redirects < redirectLimit else {
                    throw DataFetchError(message: "fetch failed: too many redirects (more than \(redirectLimit)), the last to \(location)", code: "ERR_TOO_MANY_REDIRECTS")
                }
                guard let next = URL(string: location, relativeTo: parsed)?.absoluteURL,
                      let nextScheme = next.scheme?.lowercased(), nextScheme == "http" || nextScheme == "https" else {
                    throw DataFetchError(message: "fetch failed: the redirect Location '\(location)' is not an http(s) URL", code: "ERR_INVALID_REDIRECT")
                }
                redirects += 1
                if ((status == 301 || status == 302) && method == "POST") || (status == 303 && method != "GET" && method != "HEAD") {
                    method = "GET"
                    body = nil
                    for name in ["content-encoding", "content-language", "content-location", "content-type", "content-length"] {
                        headers.remove(name: name)
                    }
                }
                if origin(of: parsed) != origin(of: next) { headers.remove(name: "authorization") }
                url = next.absoluteString
                continue
            }
            var bytes: ByteBuffer
            do {
                bytes = try await response.body.collect(upTo: maxBodyBytes)
            } catch is NIOTooManyBytesError {
                throw DataFetchError(message: "fetch failed: the response body of \(url) is larger than \(maxBodyBytes) bytes", code: "ERR_BODY_TOO_LARGE")
            } catch {
                throw DataFetchError(message: "fetch failed: the response body was cut short: \(FetchNetworkError(error, host: host).message)", code: "ECONNRESET")
            }
            let nullBody = method == "HEAD" || [101, 103, 204, 205, 304].contains(status)
            if nullBody {
                bytes.clear()
            } else {
                bytes = try decode(bytes, codings: response.headers["content-encoding"], limit: maxBodyBytes, url: url)
            }
            var entryHeaders: [CacheEntry.Header] = []
            entryHeaders.reserveCapacity(response.headers.count)
            for header in response.headers {
                entryHeaders.append(CacheEntry.Header(name: header.name.lowercased(),
                                                      value: header.value.trimmingCharacters(in: CharacterSet(charactersIn: " \t"))))
            }
            return CacheEntry(key: "", kind: .fetch, revalidate: nil, status: status,
                              statusText: response.version.major >= 2 ? "" : response.status.reasonPhrase,
                              headers: entryHeaders, url: url, redirected: redirects > 0, etag: "", body: bytes)
        }
    }

    static func decode(_ bytes: ByteBuffer, codings header: [String], limit: Int, url: String) throws(DataFetchError) -> ByteBuffer {
        let codings = header.flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            .filter { !$0.isEmpty && $0 != "identity" }
        guard !codings.isEmpty else { return bytes }
        var formats: [Codec.Format] = []
        for coding in codings {
            // An unknown coding: the body is handed over as it came, as the streaming path does.
            guard let format = Codec.Format(contentCoding: coding) else { return bytes }
            formats.append(format)
        }
        var data = bytes
        for format in formats.reversed() {
            do {
                let codec = try Codec(format: format, decompress: true)
                let result = try data.withUnsafeReadableBytes { try codec.processAll($0, finish: true) }
                guard let pointer = result.output else {
                    data = ByteBuffer()
                    continue
                }
                defer { free(pointer) }
                guard result.count <= limit else {
                    throw DataFetchError(message: "fetch failed: the decoded response body of \(url) is larger than \(limit) bytes", code: "ERR_BODY_TOO_LARGE")
                }
                data = ByteBuffer(bytes: UnsafeRawBufferPointer(start: pointer, count: result.count))
            } catch let error as DataFetchError {
                throw error
            } catch {
                throw DataFetchError(message: "fetch failed: could not decode the response body (Content-Encoding): \(error)", code: "ERR_CONTENT_DECODING_FAILED")
            }
        }
        return data
    }

    static func withoutFragment(_ url: String) -> String {
        guard let hash = url.firstIndex(of: "#") else { return url }
        return String(url[..<hash])
    }

    static func origin(of url: URL) -> String {
        "\(url.scheme?.lowercased() ?? "")://\(url.host?.lowercased() ?? ""):\(url.port ?? -1)"
    }

    static func unique(_ tags: [String]) -> [String] {
        var seen = Set<String>()
        return tags.filter { seen.insert($0).inserted }
    }
}
