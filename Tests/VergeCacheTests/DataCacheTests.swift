import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import Testing
@testable import Verge
@testable import VergeCache

/// Runs `body` as a Swift handler would: with a request context on `cache`.
func inHandler<T: Sendable>(_ cache: ResponseCache, segment: SegmentConfig = SegmentConfig(), path: String = "/page",
                            bypass: Bool = false, _ body: () async throws -> T) async throws -> T {
    let context = RequestCacheContext(cache: cache, segment: segment, pattern: path, kind: "route", pathname: path, bypass: bypass)
    return try await RequestCacheContext.$current.withValue(context) { try await body() }
}

@Suite("Data cache: fetch from Swift and edge handlers, one cache")
struct DataCacheTests {
    @Test func forceCacheHitsAndNoStoreDoesNot() async throws {
        let upstream = try await CountingUpstream.start()
        defer { Task { await upstream.stop() } }
        let cache = ResponseCache()
        try await inHandler(cache) { () async throws in
            let first = try await fetch(upstream.origin + "/forced", cache: .forceCache)
            let second = try await fetch(upstream.origin + "/forced", cache: .forceCache)
            #expect(first.text() == "/forced #1" && first.cacheState == .miss)
            #expect(second.text() == "/forced #1" && second.cacheState == .hit)
            #expect(upstream.count("/forced") == 1)

            _ = try await fetch(upstream.origin + "/nostore", cache: .noStore)
            let again = try await fetch(upstream.origin + "/nostore", cache: .noStore)
            #expect(again.text() == "/nostore #2" && again.cacheState == nil)
            // The default in a dynamic render is no-store too (Next.js 15).
            _ = try await fetch(upstream.origin + "/default")
            _ = try await fetch(upstream.origin + "/default")
            #expect(upstream.count("/default") == 2)
        }
    }

    @Test func onlySuccessfulGetResponsesAreStored() async throws {
        let upstream = try await CountingUpstream.start()
        defer { Task { await upstream.stop() } }
        let cache = ResponseCache()
        try await inHandler(cache) { () async throws in
            let failed = try await fetch(upstream.origin + "/error?status=500", cache: .forceCache)
            #expect(failed.status.code == 500)
            _ = try await fetch(upstream.origin + "/error?status=500", cache: .forceCache)
            #expect(upstream.count("/error") == 2)
            _ = try await fetch(upstream.origin + "/post", method: .POST, body: ByteBuffer(string: "x"), cache: .forceCache)
            _ = try await fetch(upstream.origin + "/post", method: .POST, body: ByteBuffer(string: "x"), cache: .forceCache)
            #expect(upstream.count("/post") == 2)
            // Credentials make the default no-store, but an explicit option still caches.
            _ = try await fetch(upstream.origin + "/auth", headers: ["authorization": "Bearer x"], cache: .revalidate(60))
            let cached = try await fetch(upstream.origin + "/auth", headers: ["authorization": "Bearer x"], cache: .revalidate(60))
            #expect(cached.cacheState == .hit)
            // Different headers, different entry.
            _ = try await fetch(upstream.origin + "/auth", headers: ["authorization": "Bearer y"], cache: .revalidate(60))
            #expect(upstream.count("/auth") == 2)
        }
    }

    @Test func revalidateServesStaleOnceAndRefreshesOnceInTheBackground() async throws {
        let upstream = try await CountingUpstream.start()
        defer { Task { await upstream.stop() } }
        let clock = ManualCacheClock()
        let cache = ResponseCache(clock: clock)
        try await inHandler(cache) { () async throws in
            let url = upstream.origin + "/timed"
            #expect(try await fetch(url, cache: .revalidate(10)).cacheState == .miss)
            clock.advance(by: 5)
            #expect(try await fetch(url, cache: .revalidate(10)).cacheState == .hit)
            clock.advance(by: 6)
            // Expired: several readers at once all get the stale entry; one refresh runs.
            let states = try await withThrowingTaskGroup(of: (String, ResponseCache.State?).self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        try await inHandler(cache) { () async throws in
                            let response = try await fetch(url, cache: .revalidate(10))
                            return (response.text(), response.cacheState)
                        }
                    }
                }
                var all: [(String, ResponseCache.State?)] = []
                for try await result in group { all.append(result) }
                return all
            }
            #expect(states.allSatisfy { $0.0 == "/timed #1" && $0.1 == .stale })
            #expect(try await eventually { upstream.count("/timed") == 2 })
            #expect(try await eventually { cache.cachedInMemory(DataCacheFetch.key(for: DataFetchRequest(url: url)), lifetime: .seconds(10))?.state == .hit })
            let fresh = try await fetch(url, cache: .revalidate(10))
            #expect(fresh.text() == "/timed #2" && fresh.cacheState == .hit)
            #expect(upstream.count("/timed") == 2)
            #expect(cache.statistics.backgroundRefreshes == 1)
        }
    }

    @Test func tagAndPathInvalidationFromSwift() async throws {
        let upstream = try await CountingUpstream.start()
        defer { Task { await upstream.stop() } }
        let cache = ResponseCache()
        let url = upstream.origin + "/tagged"
        try await inHandler(cache, path: "/posts") { () async throws in
            _ = try await fetch(url, cache: .forceCache, tags: ["posts"])
            #expect(try await fetch(url, cache: .forceCache, tags: ["posts"]).cacheState == .hit)
            revalidateTag("posts")
            let after = try await fetch(url, cache: .forceCache, tags: ["posts"])
            #expect(after.cacheState == .miss && after.text() == "/tagged #2")
            // Data fetched while serving /posts goes with revalidatePath("/posts").
            revalidatePath("/posts")
            #expect(try await fetch(url, cache: .forceCache, tags: ["posts"]).cacheState == .miss)
            revalidatePath("/posts", type: .page)
            #expect(try await fetch(url, cache: .forceCache).cacheState == .miss)
            revalidatePath("/", type: .layout)
            #expect(try await fetch(url, cache: .forceCache).cacheState == .miss)
            #expect(upstream.count("/tagged") == 5)
        }
        // Another path's data is untouched by revalidatePath("/posts").
        try await inHandler(cache, path: "/other") { () async throws in
            _ = try await fetch(upstream.origin + "/other-data", cache: .forceCache)
        }
        cache.revalidatePath("/posts")
        try await inHandler(cache, path: "/other") { () async throws in
            #expect(try await fetch(upstream.origin + "/other-data", cache: .forceCache).cacheState == .hit)
        }
    }

    @Test func concurrentMissesMakeOneUpstreamRequest() async throws {
        let upstream = try await CountingUpstream.start()
        defer { Task { await upstream.stop() } }
        let cache = ResponseCache()
        let url = upstream.origin + "/slow?delay=300"
        let bodies = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<12 {
                group.addTask { try await inHandler(cache) { try await fetch(url, cache: .forceCache).text() } }
            }
            var all: [String] = []
            for try await body in group { all.append(body) }
            return all
        }
        #expect(bodies.count == 12 && bodies.allSatisfy { $0 == "/slow #1" })
        #expect(upstream.count("/slow") == 1)
    }

    @Test func tagLimitsAndSegmentRulesAreEnforced() async throws {
        let upstream = try await CountingUpstream.start()
        defer { Task { await upstream.stop() } }
        let cache = ResponseCache()
        try await inHandler(cache) { () async throws in
            await #expect(throws: FetchCachePolicyError.self) {
                _ = try await fetch(upstream.origin + "/t", cache: .forceCache, tags: (0...128).map { "t\($0)" })
            }
            await #expect(throws: FetchCachePolicyError.self) {
                _ = try await fetch(upstream.origin + "/t", cache: .forceCache, tags: [String(repeating: "x", count: 257)])
            }
            _ = try await fetch(upstream.origin + "/t", cache: .forceCache, tags: (0..<128).map { "t\($0)" } + [])
            _ = try await fetch(upstream.origin + "/t", cache: .forceCache, tags: [String(repeating: "x", count: 256)])
            await #expect(throws: FetchCachePolicyError.self) { _ = try await fetch(upstream.origin + "/t", cache: .revalidate(-1)) }
        }
        var onlyNoStore = SegmentConfig()
        onlyNoStore.fetchCache = .onlyNoStore
        try await inHandler(cache, segment: onlyNoStore) { () async throws in
            await #expect(throws: FetchCachePolicyError.self) { _ = try await fetch(upstream.origin + "/t", cache: .forceCache) }
            #expect(try await fetch(upstream.origin + "/t").cacheState == nil)
        }
        var forceCache = SegmentConfig()
        forceCache.fetchCache = .forceCache
        try await inHandler(cache, segment: forceCache) { () async throws in
            _ = try await fetch(upstream.origin + "/forced-by-segment", cache: .noStore)
            #expect(try await fetch(upstream.origin + "/forced-by-segment", cache: .noStore).cacheState == .hit)
        }
        var forceNoStore = SegmentConfig()
        forceNoStore.fetchCache = .forceNoStore
        try await inHandler(cache, segment: forceNoStore) { () async throws in
            #expect(try await fetch(upstream.origin + "/never", cache: .forceCache).cacheState == nil)
        }
    }

    @Test func policyPrecedenceTable() throws {
        func decide(_ cache: String = "default", revalidate: FetchRevalidate? = nil, method: String = "GET", credentials: Bool = false,
                    fetchCache: SegmentConfig.FetchCache? = nil, dynamic: SegmentConfig.Dynamic? = nil,
                    segmentRevalidate: SegmentConfig.Revalidate? = nil, staticRender: Bool = false) throws -> FetchCacheDecision {
            var segment = SegmentConfig()
            segment.fetchCache = fetchCache
            segment.dynamic = dynamic
            segment.revalidate = segmentRevalidate
            return try FetchCachePolicy.decide(cache: cache, revalidate: revalidate, method: method, hasCredentials: credentials,
                                               segment: segment, staticRender: staticRender, url: "https://x.test").decision
        }
        #expect(try decide("force-cache") == .cache(revalidate: nil, reason: "cache: force-cache"))
        #expect(try decide(revalidate: .seconds(30)) == .cache(revalidate: 30, reason: "revalidate: 30"))
        #expect(try decide(revalidate: .never).isCached)
        #expect(try !decide(revalidate: .seconds(0)).isCached)
        #expect(try !decide().isCached)
        #expect(try !decide("no-store").isCached)
        // revalidate wins over cache when both are given (with a warning).
        let both = try FetchCachePolicy.decide(cache: "no-store", revalidate: .seconds(5), method: "GET", hasCredentials: false,
                                               segment: SegmentConfig(), staticRender: false, url: "u")
        #expect(both.decision.isCached && both.warning != nil)
        #expect(try decide(fetchCache: .defaultCache).isCached)
        #expect(try decide(fetchCache: .onlyCache).isCached)
        #expect(throws: FetchCachePolicyError.self) { try decide("no-store", fetchCache: .onlyCache) }
        #expect(throws: FetchCachePolicyError.self) { try decide(revalidate: .seconds(10), fetchCache: .onlyNoStore) }
        #expect(try !decide("force-cache", fetchCache: .forceNoStore).isCached)
        #expect(try decide("no-store", fetchCache: .forceCache).isCached)
        #expect(try !decide(fetchCache: .defaultNoStore, staticRender: true).isCached)
        #expect(try !decide(dynamic: .forceDynamic, staticRender: true).isCached)
        #expect(try decide(segmentRevalidate: .seconds(120), staticRender: true) == .cache(revalidate: 120, reason: "auto cache (static render)"))
        #expect(try decide(staticRender: true) == .cache(revalidate: nil, reason: "auto cache (static render)"))
        #expect(try !decide(credentials: true, staticRender: true).isCached)
        #expect(try !decide("force-cache", method: "POST").isCached)
        #expect(try decide("force-cache", method: "HEAD").isCached)
        #expect(try decide(revalidate: .seconds(.infinity)) == .cache(revalidate: nil, reason: "revalidate: inf"))
    }

    @Test func keysIgnoreDefaultsAndNormalizeURLs() {
        let a = FetchCacheKey.make(method: "GET", url: "HTTP://Example.TEST:80#frag", headers: [("X-A", "1")], body: nil)
        let b = FetchCacheKey.make(method: "get", url: "http://example.test/", headers: [("x-a", "1"), ("traceparent", "00-1")], body: nil)
        #expect(a == b)
        let c = FetchCacheKey.make(method: "GET", url: "http://example.test/", headers: [("x-a", "2")], body: nil)
        #expect(a != c)
        let d = FetchCacheKey.make(method: "GET", url: "http://example.test/?q=1", headers: [("x-a", "1")], body: nil)
        #expect(a != d)
        let ordered1 = FetchCacheKey.make(method: "GET", url: "http://e.test/", headers: [("b", "1"), ("a", "1")], body: nil)
        let ordered2 = FetchCacheKey.make(method: "GET", url: "http://e.test/", headers: [("a", "1"), ("b", "1")], body: nil)
        #expect(ordered1 == ordered2)
        #expect(a.hasPrefix("fetch:"))
    }

    @Test func edgeAndSwiftHandlersShareOneCache() async throws {
        let upstream = try await CountingUpstream.start()
        defer { Task { await upstream.stop() } }
        let cache = ResponseCache()
        let server = try await CacheTestServer.start([
            ".env": "UPSTREAM=\(upstream.origin)\n",
            "app/edge/[name]/route.ts": """
                export const runtime = 'edge';
                export async function GET(request, { params }) {
                  const { name } = await params;
                  const response = await fetch(process.env.UPSTREAM + '/' + name, { cache: 'force-cache', headers: { 'x-shared': '1' } });
                  return new Response(await response.text());
                }
                """,
        ], cache: cache) { app in
            try app.nodejs("/swift/[name]") { route in
                route.get { _, context in
                    let name = try context.params.string("name")
                    let response = try await fetch(upstream.origin + "/" + name, headers: ["x-shared": "1"], cache: .forceCache)
                    return .text(response.text())
                }
            }
        }
        defer { Task { await server.stop() } }
        // Edge first, Swift hits its entry.
        #expect(try await server.request("/edge/one").body == "/one #1")
        #expect(try await server.request("/swift/one").body == "/one #1")
        // Swift first, edge hits its entry.
        #expect(try await server.request("/swift/two").body == "/two #1")
        #expect(try await server.request("/edge/two").body == "/two #1")
        #expect(upstream.count("/one") == 1 && upstream.count("/two") == 1)
        // The edge request sent fetch's default headers.
        let sent = upstream.lastHeaders.withLockedValue { $0["/one"] }
        #expect(sent?.first(name: "user-agent") == "Verge")
        // An edge handler's entry is invalidated by revalidateTag from Swift (implicit tag of its path).
        cache.revalidatePath("/edge/one")
        #expect(try await server.request("/edge/one").body == "/one #2")
    }

    @Test func edgeFetchOptionsNextRevalidateAndTags() async throws {
        let upstream = try await CountingUpstream.start()
        defer { Task { await upstream.stop() } }
        let clock = ManualCacheClock()
        let cache = ResponseCache(clock: clock)
        let server = try await CacheTestServer.start([
            ".env": "UPSTREAM=\(upstream.origin)\n",
            "app/timed/route.ts": """
                export const runtime = 'edge';
                export async function GET() {
                  const response = await fetch(process.env.UPSTREAM + '/edge-timed', { next: { revalidate: 10, tags: ['edge'] } });
                  return new Response(await response.text());
                }
                """,
            "app/plain/route.ts": """
                export const runtime = 'edge';
                export async function GET() {
                  const response = await fetch(process.env.UPSTREAM + '/edge-plain');
                  return new Response(await response.text());
                }
                """,
            "app/bad/route.ts": """
                export const runtime = 'edge';
                export async function GET(request) {
                  const kind = new URL(request.url).searchParams.get('kind');
                  const url = process.env.UPSTREAM + '/never';
                  const options = {
                    tags: { next: { tags: Array.from({ length: 129 }, (_, i) => 't' + i) } },
                    long: { next: { tags: ['x'.repeat(257)] } },
                    type: { next: { tags: [1] } },
                    notArray: { next: { tags: 'a' } },
                    negative: { next: { revalidate: -1 } },
                    nan: { next: { revalidate: NaN } },
                    truthy: { next: { revalidate: true } },
                    okTags: { next: { tags: Array.from({ length: 128 }, (_, i) => 'x'.repeat(256)) }, cache: 'force-cache' },
                  }[kind];
                  try {
                    const response = await fetch(url, options);
                    return new Response('ok ' + response.status);
                  } catch (error) {
                    return new Response(error.constructor.name + ': ' + error.message);
                  }
                }
                """,
            "app/onlynostore/route.ts": """
                export const runtime = 'edge';
                export const fetchCache = 'only-no-store';
                export async function GET() {
                  try {
                    await fetch(process.env.UPSTREAM + '/x', { cache: 'force-cache' });
                    return new Response('fetched');
                  } catch (error) {
                    return new Response(error.constructor.name + ': ' + error.message);
                  }
                }
                """,
        ], cache: cache)
        defer { Task { await server.stop() } }
        #expect(try await server.request("/timed").body == "/edge-timed #1")
        #expect(try await server.request("/timed").body == "/edge-timed #1")
        clock.advance(by: 11)
        #expect(try await server.request("/timed").body == "/edge-timed #1") // stale, refresh started
        #expect(try await eventually { upstream.count("/edge-timed") == 2 })
        #expect(try await eventually { (try? await server.request("/timed").body) == "/edge-timed #2" })
        cache.revalidateTag("edge")
        #expect(try await server.request("/timed").body == "/edge-timed #3")
        // No options: not cached in an edge segment (always dynamic).
        _ = try await server.request("/plain")
        #expect(try await server.request("/plain").body == "/edge-plain #2")

        for kind in ["tags", "long", "type", "notArray", "negative", "nan", "truthy"] {
            let body = try await server.request("/bad?kind=\(kind)").body
            #expect(body.hasPrefix("TypeError: "), "\(kind): \(body)")
        }
        #expect(try await server.request("/bad?kind=okTags").body == "ok 200")
        #expect(upstream.count("/never") == 1)
        let onlyNoStore = try await server.request("/onlynostore").body
        #expect(onlyNoStore.hasPrefix("TypeError: ") && onlyNoStore.contains("only-no-store"))
    }

    @Test func devNoCacheRequestHeaderBypassesTheDataCache() async throws {
        let upstream = try await CountingUpstream.start()
        defer { Task { await upstream.stop() } }
        let cache = ResponseCache()
        let server = try await CacheTestServer.start([
            ".env": "UPSTREAM=\(upstream.origin)\n",
            "app/data/route.ts": """
                export const runtime = 'edge';
                export async function GET() {
                  const response = await fetch(process.env.UPSTREAM + '/dev', { cache: 'force-cache' });
                  return new Response(await response.text());
                }
                """,
        ], cache: cache, development: true) { app in
            try app.nodejs("/swift") { route in
                route.get { _, _ in .text(try await fetch(upstream.origin + "/dev-swift", cache: .forceCache).text()) }
            }
        }
        defer { Task { await server.stop() } }
        #expect(try await server.request("/data").body == "/dev #1")
        #expect(try await server.request("/data").body == "/dev #1")
        #expect(try await server.request("/data", headers: ["cache-control": "no-cache"]).body == "/dev #2")
        // The bypassing request stored its result.
        #expect(try await server.request("/data").body == "/dev #2")
        #expect(try await server.request("/swift").body == "/dev-swift #1")
        #expect(try await server.request("/swift", headers: ["cache-control": "no-cache"]).body == "/dev-swift #2")
        #expect(try await server.request("/swift").body == "/dev-swift #2")
    }

    @Test func noCacheRequestHeaderDoesNotBypassInProduction() async throws {
        let upstream = try await CountingUpstream.start()
        defer { Task { await upstream.stop() } }
        let cache = ResponseCache()
        let server = try await CacheTestServer.start([
            ".env": "UPSTREAM=\(upstream.origin)\n",
            "app/data/route.ts": """
                export const runtime = 'edge';
                export async function GET() {
                  const response = await fetch(process.env.UPSTREAM + '/prod', { cache: 'force-cache' });
                  return new Response(await response.text());
                }
                """,
        ], cache: cache)
        defer { Task { await server.stop() } }
        _ = try await server.request("/data")
        #expect(try await server.request("/data", headers: ["cache-control": "no-cache"]).body == "/prod #1")
    }
}
