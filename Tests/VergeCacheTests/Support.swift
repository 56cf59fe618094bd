import AsyncHTTPClient
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
@testable import Verge
@testable import VergeCache

/// A temporary directory for one test.
func temporaryDirectory(_ name: String = "verge-cache") throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// A fixture project on disk.
func makeProject(_ files: [String: String]) throws -> URL {
    let root = try temporaryDirectory("verge-cache-project")
    try FileManager.default.createDirectory(at: root.appendingPathComponent("app"), withIntermediateDirectories: true)
    for (path, contents) in files {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try contents.write(to: url, atomically: true, encoding: .utf8)
    }
    return root
}

/// Waits until `condition` holds (bounded: about 5 s).
func eventually(_ condition: @Sendable () async -> Bool) async throws -> Bool {
    for _ in 0..<500 {
        if await condition() { return true }
        try await Task.sleep(for: .milliseconds(10))
    }
    return false
}

/// A loopback upstream that counts the requests per path. Every answer is
/// "<path> #<n>" (n: the count for that path). Query: `delay=ms` answers late,
/// `status=N` answers with that status, `size=N` answers N bytes.
final class CountingUpstream: Sendable {
    let channel: any Channel
    let counts: NIOLockedValueBox<[String: Int]>
    let lastHeaders: NIOLockedValueBox<[String: HTTPHeaders]>
    var port: Int { channel.localAddress?.port ?? 0 }
    var origin: String { "http://127.0.0.1:\(port)" }

    private init(channel: any Channel, counts: NIOLockedValueBox<[String: Int]>, lastHeaders: NIOLockedValueBox<[String: HTTPHeaders]>) {
        self.channel = channel
        self.counts = counts
        self.lastHeaders = lastHeaders
    }

    static func start() async throws -> CountingUpstream {
        let counts = NIOLockedValueBox<[String: Int]>([:])
        let lastHeaders = NIOLockedValueBox<[String: HTTPHeaders]>([:])
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(Handler(counts: counts, lastHeaders: lastHeaders))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return CountingUpstream(channel: channel, counts: counts, lastHeaders: lastHeaders)
    }

    func count(_ path: String) -> Int { counts.withLockedValue { $0[path] ?? 0 } }

    func stop() async {
        try? await channel.close()
    }

    private final class Handler: ChannelInboundHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart
        let counts: NIOLockedValueBox<[String: Int]>
        let lastHeaders: NIOLockedValueBox<[String: HTTPHeaders]>
        var head: HTTPRequestHead?

        init(counts: NIOLockedValueBox<[String: Int]>, lastHeaders: NIOLockedValueBox<[String: HTTPHeaders]>) {
            self.counts = counts
            self.lastHeaders = lastHeaders
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head): self.head = head
            case .body: break
            case .end:
                guard let head else { return }
                let path = String(head.uri.split(separator: "?", maxSplits: 1).first ?? "")
                let query = head.uri.split(separator: "?", maxSplits: 1).dropFirst().first.map(String.init) ?? ""
                var parameters: [String: String] = [:]
                for pair in query.split(separator: "&") {
                    let parts = pair.split(separator: "=", maxSplits: 1)
                    if parts.count == 2 { parameters[String(parts[0])] = String(parts[1]) }
                }
                let n = counts.withLockedValue { counts -> Int in
                    counts[path, default: 0] += 1
                    return counts[path] ?? 0
                }
                lastHeaders.withLockedValue { $0[path] = head.headers }
                let status = HTTPResponseStatus(statusCode: Int(parameters["status"] ?? "200") ?? 200)
                var text = "\(path) #\(n)"
                if let size = Int(parameters["size"] ?? "") { text = String(repeating: "x", count: size) }
                let delay = Int(parameters["delay"] ?? "0") ?? 0
                let keepAlive = head.isKeepAlive
                let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
                let respond = { [self] in
                    let context = loopBound.value
                    var headers: HTTPHeaders = ["content-type": "text/plain", "content-length": String(text.utf8.count)]
                    if !keepAlive { headers.add(name: "connection", value: "close") }
                    context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: headers))), promise: nil)
                    context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: text)))), promise: nil)
                    context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
                }
                if delay > 0 {
                    context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(Int64(delay))) { respond() }
                } else {
                    respond()
                }
                self.head = nil
            }
        }
    }
}

/// A Verge server over a fixture project, with its own cache.
final class CacheTestServer: Sendable {
    let server: HTTPServer
    let port: Int
    let logLines: NIOLockedValueBox<[String]>
    let client: HTTPClient
    let cache: ResponseCache
    let application: ServedApplication

    init(server: HTTPServer, port: Int, logLines: NIOLockedValueBox<[String]>, cache: ResponseCache, application: ServedApplication) {
        self.server = server
        self.port = port
        self.logLines = logLines
        self.cache = cache
        self.application = application
        self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
    }

    var base: String { "http://127.0.0.1:\(port)" }
    var log: [String] { logLines.withLockedValue { $0 } }

    /// Builds `files` (plus Swift routes), optionally renders static routes into `cache`
    /// (`verge build`), and serves.
    static func start(_ files: [String: String], cache: ResponseCache, renderStatic: Bool = false, development: Bool = false,
                      routes: (VergeApp) throws -> Void = { _ in }) async throws -> CacheTestServer {
        let project = try makeProject(files)
        let app = try VergeApp(directory: project.path)
        try routes(app)
        let build = try ProjectBuilder(project: project, nodeRoutes: app.routes, mode: development ? "development" : "production")
            .build(generation: 1)
        if renderStatic { _ = try await StaticRenderer.buildAll(build.application, cache: cache) }
        return try await serve(build.application, cache: cache, development: development)
    }

    static func serve(_ application: ServedApplication, cache: ResponseCache, development: Bool = false) async throws -> CacheTestServer {
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.threads = 1
        configuration.cache = cache
        configuration.development = development
        let lines = NIOLockedValueBox<[String]>([])
        let server = HTTPServer(configuration: configuration, application: application, log: .collecting(into: lines))
        let port = try await server.start()
        return CacheTestServer(server: server, port: port, logLines: lines, cache: cache, application: application)
    }

    func stop() async {
        try? await client.shutdown()
        await server.shutdown()
    }

    struct Reply {
        var status: Int
        var headers: HTTPHeaders
        var body: String
        var cache: String? { headers.first(name: "x-verge-cache") }
    }

    func request(_ path: String, method: HTTPMethod = .GET, headers: HTTPHeaders = [:]) async throws -> Reply {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        request.headers = headers
        let response = try await client.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 64 << 20)
        return Reply(status: Int(response.status.code), headers: response.headers, body: String(buffer: bytes))
    }
}

/// Counts calls from handlers (renders).
final class Counter: Sendable {
    private let value = NIOLockedValueBox(0)
    func next() -> Int { value.withLockedValue { $0 += 1; return $0 } }
    var current: Int { value.withLockedValue { $0 } }
}
