import AsyncHTTPClient
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
@testable import Verge

/// A fixture project on disk.
func makeProject(_ files: [String: String]) throws -> URL {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("verge-server-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root.appendingPathComponent("app"), withIntermediateDirectories: true)
    for (path, contents) in files {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try contents.write(to: url, atomically: true, encoding: .utf8)
    }
    return root
}

/// A running server for one test.
final class TestServer: Sendable {
    let server: HTTPServer
    let port: Int
    let logLines: NIOLockedValueBox<[String]>
    let client: HTTPClient

    init(server: HTTPServer, port: Int, logLines: NIOLockedValueBox<[String]>) {
        self.server = server
        self.port = port
        self.logLines = logLines
        self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
    }

    var base: String { "http://127.0.0.1:\(port)" }
    var log: [String] { logLines.withLockedValue { $0 } }

    static func start(_ files: [String: String], routes: (VergeApp) throws -> Void = { _ in },
                      configure: (inout ServerConfiguration) -> Void = { _ in }) async throws -> TestServer {
        let project = try makeProject(files)
        let app = try VergeApp(directory: project.path)
        try routes(app)
        let build = try ProjectBuilder(project: project, nodeRoutes: app.routes, mode: "production").build(generation: 1)
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.threads = 1
        configure(&configuration)
        let lines = NIOLockedValueBox<[String]>([])
        let server = HTTPServer(configuration: configuration, application: build.application, log: .collecting(into: lines))
        let port = try await server.start()
        return TestServer(server: server, port: port, logLines: lines)
    }

    func stop() async {
        try? await client.shutdown()
        await server.shutdown()
    }

    struct Reply {
        var status: Int
        var headers: HTTPHeaders
        var body: String
    }

    func request(_ path: String, method: HTTPMethod = .GET, headers: HTTPHeaders = [:], body: String? = nil) async throws -> Reply {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        request.headers = headers
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await client.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 64 << 20)
        return Reply(status: Int(response.status.code), headers: response.headers, body: String(buffer: bytes))
    }
}
