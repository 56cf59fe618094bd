import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import Testing
@testable import Verge
@testable import VergeCache

@Suite("Full-route cache: static rendering and ISR of node routes")
struct RouteCacheTests {
    @Test func forceStaticRendersAtBuildAndServesHitsWithETagAnd304() async throws {
        let renders = Counter()
        let cache = ResponseCache()
        let server = try await CacheTestServer.start([:], cache: cache, renderStatic: true) { app in
            let route = try app.nodejs("/about") { route in
                route.get { _, _ in .html("<h1>about \(renders.next())</h1>") }
                route.post { _, _ in .text("posted") }
            }
            route.config.dynamic = .forceStatic
        }
        defer { Task { await server.stop() } }
        #expect(renders.current == 1) // at build
        let first = try await server.request("/about")
        #expect(first.status == 200 && first.body == "<h1>about 1</h1>")
        #expect(first.cache == "HIT")
        #expect(first.headers.first(name: "cache-control") == "s-maxage=31536000, stale-while-revalidate")
        #expect(first.headers.first(name: "content-type") == "text/html; charset=utf-8")
        let etag = try #require(first.headers.first(name: "etag"))
        #expect(etag.hasPrefix("\"") && etag.count == 34)
        let notModified = try await server.request("/about", headers: ["if-none-match": "\"nope\", W/\(etag)"])
        #expect(notModified.status == 304 && notModified.body.isEmpty)
        #expect(notModified.headers.first(name: "etag") == etag)
        #expect(try await server.request("/about", headers: ["if-none-match": "*"]).status == 304)
        #expect(try await server.request("/about", headers: ["if-none-match": "\"other\""]).status == 200)
        let head = try await server.request("/about", method: .HEAD)
        #expect(head.status == 200 && head.body.isEmpty && head.headers.first(name: "content-length") == "16")
        // Other methods still reach the handler.
        #expect(try await server.request("/about", method: .POST).body == "posted")
        #expect(renders.current == 1)
        #expect(server.log.contains { $0.contains("GET /about 200 nodejs /about") && $0.contains("cache HIT") })
    }

    @Test func isrRegeneratesInTheBackgroundAfterItsInterval() async throws {
        let renders = Counter()
        let clock = ManualCacheClock()
        let cache = ResponseCache(clock: clock)
        let server = try await CacheTestServer.start([:], cache: cache, renderStatic: true) { app in
            let route = try app.nodejs("/news") { route in
                route.get { _, _ in .text("news \(renders.next())") }
            }
            route.config.revalidate = .seconds(10)
        }
        defer { Task { await server.stop() } }
        let hit = try await server.request("/news")
        #expect(hit.body == "news 1" && hit.cache == "HIT")
        #expect(hit.headers.first(name: "cache-control") == "s-maxage=10, stale-while-revalidate")
        clock.advance(by: 11)
        // The first requests after expiry get the stale page; exactly one regeneration runs.
        let stale = try await server.request("/news")
        #expect(stale.body == "news 1" && stale.cache == "STALE")
        #expect(try await eventually { renders.current == 2 })
        #expect(try await eventually { (try? await server.request("/news"))?.cache == "HIT" })
        let fresh = try await server.request("/news")
        #expect(fresh.body == "news 2" && fresh.cache == "HIT")
        #expect(renders.current == 2)
        // revalidatePath: the next request renders (MISS), then hits.
        cache.revalidatePath("/news")
        let miss = try await server.request("/news")
        #expect(miss.body == "news 3" && miss.cache == "MISS")
        #expect(try await server.request("/news").cache == "HIT")
        #expect(renders.current == 3)
    }

    @Test func concurrentRequestsOfAnUnrenderedPathShareOneRender() async throws {
        let renders = Counter()
        let cache = ResponseCache()
        let server = try await CacheTestServer.start([:], cache: cache, renderStatic: false) { app in
            let route = try app.nodejs("/slow") { route in
                route.get { _, _ in
                    let n = renders.next()
                    try await Task.sleep(for: .milliseconds(200))
                    return .text("slow \(n)")
                }
            }
            route.config.dynamic = .forceStatic
        }
        defer { Task { await server.stop() } }
        let replies = try await withThrowingTaskGroup(of: CacheTestServer.Reply.self) { group in
            for _ in 0..<10 { group.addTask { try await server.request("/slow") } }
            var all: [CacheTestServer.Reply] = []
            for try await reply in group { all.append(reply) }
            return all
        }
        // (The client opens at most 8 connections: later requests may already hit.)
        #expect(replies.allSatisfy { $0.body == "slow 1" && ($0.cache == "MISS" || $0.cache == "HIT") })
        #expect(replies.filter { $0.cache == "MISS" }.count >= 2)
        #expect(renders.current == 1)
        #expect(try await server.request("/slow").cache == "HIT")
    }

    @Test func staticParamsAreRenderedAtBuildAndOtherPathsOnDemand() async throws {
        let renders = NIOLockedValueBox<[String]>([])
        let cache = ResponseCache()
        let server = try await CacheTestServer.start([:], cache: cache, renderStatic: true) { app in
            let blog = try app.nodejs("/blog/[slug]") { route in
                route.get { _, context in
                    let slug = try context.params.string("slug")
                    renders.withLockedValue { $0.append(slug) }
                    return .text("post \(slug)")
                }
                route.staticParams { [["slug": "a"], ["slug": "b c"]] }
            }
            blog.config.revalidate = .seconds(3600)
            let docs = try app.nodejs("/docs/[...path]") { route in
                route.get { _, context in .text("doc \(context.params.segments("path").joined(separator: ","))") }
                route.staticParams { [["path": "x/y"]] }
            }
            docs.config.dynamic = .forceStatic
            docs.config.dynamicParams = false
        }
        defer { Task { await server.stop() } }
        #expect(renders.withLockedValue { $0.sorted() } == ["a", "b c"])
        #expect(try await server.request("/blog/a").cache == "HIT")
        let spaced = try await server.request("/blog/b%20c")
        #expect(spaced.body == "post b c" && spaced.cache == "HIT")
        let onDemand = try await server.request("/blog/new")
        #expect(onDemand.body == "post new" && onDemand.cache == "MISS")
        #expect(try await server.request("/blog/new").cache == "HIT")
        // dynamicParams = false: only listed paths exist.
        #expect(try await server.request("/docs/x/y").body == "doc x,y")
        #expect(try await server.request("/docs/other").status == 404)
    }

    @Test func readingRequestDataMakesARouteDynamicOrFailsUnderDynamicError() async throws {
        let cache = ResponseCache()
        let project = try makeProject([:])
        let app = try VergeApp(directory: project.path)
        let auto = try app.nodejs("/auto") { route in
            route.get { request, _ in .text("agent \(request.headers.first(name: "user-agent") ?? "-")") }
        }
        auto.config.revalidate = .seconds(60)
        let forced = try app.nodejs("/forced") { route in
            route.get { request, _ in .text("agent \(request.headers.first(name: "user-agent") ?? "-") q=\(request.query("q") ?? "-")") }
        }
        forced.config.dynamic = .forceStatic
        let build = try ProjectBuilder(project: project, nodeRoutes: app.routes, mode: "production").build(generation: 1)
        let built = try await StaticRenderer.buildAll(build.application, cache: cache)
        #expect(built["swift:/auto"]?.mode == .dynamic)
        #expect(built["swift:/auto"]?.note?.contains("request.headers") == true)
        #expect(built["swift:/forced"]?.mode == .staticPage)
        let server = try await CacheTestServer.serve(build.application, cache: cache)
        defer { Task { await server.stop() } }
        // force-static: request data reads as empty.
        let forcedReply = try await server.request("/forced?q=1", headers: ["user-agent": "test"])
        #expect(forcedReply.body == "agent - q=-" && forcedReply.cache == "HIT")
        // The dynamic route runs per request with the real request.
        let autoReply = try await server.request("/auto", headers: ["user-agent": "test"])
        #expect(autoReply.body == "agent test" && autoReply.cache == nil)

        let strict = try VergeApp(directory: project.path)
        let errorRoute = try strict.nodejs("/strict") { route in
            route.get { request, _ in .text("\(request.headers.count)") }
        }
        errorRoute.config.dynamic = .error
        let strictBuild = try ProjectBuilder(project: project, nodeRoutes: strict.routes, mode: "production").build(generation: 1)
        do {
            _ = try await StaticRenderer.buildAll(strictBuild.application, cache: ResponseCache())
            Issue.record("the build should fail")
        } catch let error as StaticRenderError {
            #expect(error.message.contains("`dynamic = 'error'`") && error.message.contains("request.headers"))
        }
        // A no-store fetch during a static render is request-time data too.
        let fetching = try VergeApp(directory: project.path)
        let fetchRoute = try fetching.nodejs("/fetching") { route in
            route.get { _, _ in .text(try await fetch("http://127.0.0.1:1/none", cache: .noStore).text()) }
        }
        fetchRoute.config.dynamic = .error
        let fetchBuild = try ProjectBuilder(project: project, nodeRoutes: fetching.routes, mode: "production").build(generation: 1)
        await #expect(throws: StaticRenderError.self) { _ = try await StaticRenderer.buildAll(fetchBuild.application, cache: ResponseCache()) }
    }

    @Test func fetchRevalidateDuringARenderLowersTheRouteInterval() async throws {
        let upstream = try await CountingUpstream.start()
        defer { Task { await upstream.stop() } }
        let cache = ResponseCache()
        let project = try makeProject([:])
        let app = try VergeApp(directory: project.path)
        let route = try app.nodejs("/lowered") { route in
            route.get { _, _ in .text(try await fetch(upstream.origin + "/feed", cache: .revalidate(30)).text()) }
        }
        route.config.revalidate = .seconds(300)
        let plain = try app.nodejs("/auto-cached") { route in
            route.get { _, _ in .text(try await fetch(upstream.origin + "/auto").text()) }
        }
        plain.config.dynamic = .forceStatic
        let build = try ProjectBuilder(project: project, nodeRoutes: app.routes, mode: "production").build(generation: 1)
        let built = try await StaticRenderer.buildAll(build.application, cache: cache)
        #expect(built["swift:/lowered"]?.mode == .incremental(30))
        #expect(built["swift:/auto-cached"]?.mode == .staticPage)
        // The default fetch of a static render was cached (auto cache): a second render hits.
        try await inHandler(cache) { () async throws in
            #expect(try await fetch(upstream.origin + "/auto", cache: .forceCache).cacheState == .hit)
        }
        #expect(upstream.count("/auto") == 1)
    }

    @Test func renderedRoutesSurviveARestart() async throws {
        let directory = try temporaryDirectory()
        let project = try makeProject([:])
        let renders = Counter()
        func makeApp() throws -> VergeApp {
            let app = try VergeApp(directory: project.path)
            let route = try app.nodejs("/persisted") { route in route.get { _, _ in .text("render \(renders.next())") } }
            route.config.dynamic = .forceStatic
            return app
        }
        do {
            let cache = try await ResponseCache.open(directory: directory)
            let app = try makeApp()
            let build = try ProjectBuilder(project: project, nodeRoutes: app.routes, mode: "production").build(generation: 1)
            _ = try await StaticRenderer.buildAll(build.application, cache: cache)
        }
        #expect(renders.current == 1)
        // A new process: a new cache over the same directory, nothing rendered.
        let cache = try await ResponseCache.open(directory: directory)
        let app = try makeApp()
        let build = try ProjectBuilder(project: project, nodeRoutes: app.routes, mode: "production").build(generation: 1)
        let server = try await CacheTestServer.serve(build.application, cache: cache)
        defer { Task { await server.stop() } }
        let reply = try await server.request("/persisted")
        #expect(reply.body == "render 1" && reply.cache == "HIT")
        #expect(renders.current == 1)
    }

    @Test func developmentRendersEveryRequest() async throws {
        let renders = Counter()
        let cache = ResponseCache()
        let server = try await CacheTestServer.start([:], cache: cache, development: true) { app in
            let route = try app.nodejs("/dev") { route in route.get { _, _ in .text("dev \(renders.next())") } }
            route.config.dynamic = .forceStatic
        }
        defer { Task { await server.stop() } }
        #expect(try await server.request("/dev").body == "dev 1")
        #expect(try await server.request("/dev").body == "dev 2")
    }

    @Test func renderModesAndTheBuildTable() throws {
        func mode(_ configure: (inout SegmentConfig) -> Void) -> RenderMode {
            var config = SegmentConfig()
            configure(&config)
            return RenderMode.of(config: config)
        }
        #expect(mode { _ in } == .dynamic)
        #expect(mode { $0.dynamic = .forceStatic } == .staticPage)
        #expect(mode { $0.dynamic = .error } == .staticPage)
        #expect(mode { $0.revalidate = .never } == .staticPage)
        #expect(mode { $0.revalidate = .seconds(60) } == .incremental(60))
        #expect(mode { $0.revalidate = .seconds(0) } == .dynamic)
        #expect(mode { $0.dynamic = .forceDynamic; $0.revalidate = .seconds(60) } == .dynamic)

        let project = try makeProject([
            "app/edge/route.ts": "export const runtime = 'edge';\nexport function GET() { return new Response('e'); }\n",
        ])
        let app = try VergeApp(directory: project.path)
        try app.nodejs("/static") { route in route.get { _, _ in .text("s") } }.config.dynamic = .forceStatic
        try app.nodejs("/isr") { route in route.get { _, _ in .text("i") } }.config.revalidate = .seconds(120)
        try app.nodejs("/dynamic") { route in route.get { _, _ in .text("d") } }
        let build = try ProjectBuilder(project: project, nodeRoutes: app.routes, mode: "production").build(generation: 1)
        let table = RouteRow.table(build.rows)
        #expect(table.contains("○  /static"))
        #expect(table.contains("◐  /isr"))
        #expect(table.contains("2m"))
        #expect(table.contains("λ  /dynamic"))
        #expect(table.contains("λ  /edge"))
    }

    @Test func edgeSegmentsCannotBeStatic() throws {
        for config in ["export const revalidate = 60;", "export const dynamic = 'force-static';"] {
            let project = try makeProject([
                "app/x/page.ts": "export const runtime = 'edge';\n\(config)\nexport default function Page() { return '<p>x</p>'; }\n",
            ])
            do {
                _ = try ProjectBuilder(project: project, nodeRoutes: [], mode: "production").build(generation: 1)
                Issue.record("the build should fail")
            } catch let failure as ProjectBuilder.BuildFailure {
                #expect(failure.messages == [
                    "static rendering is not supported in the edge runtime (app/x/page.ts); remove `revalidate`/`dynamic` or use runtime 'nodejs'",
                ])
            }
        }
    }
}
