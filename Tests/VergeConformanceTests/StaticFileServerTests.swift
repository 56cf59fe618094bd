import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing
@testable import VergeConformance

@Suite("The static file server of --wpt runs")
struct StaticFileServerTests {
    let rootPath = fakeWPT.standardizedFileURL.resolvingSymlinksInPath().path

    @Test func resolvesFilesInsideTheRootOnly() {
        #expect(StaticFileServer.resolve(target: "/mini/resources/data.json", rootPath: rootPath) == rootPath + "/mini/resources/data.json")
        #expect(StaticFileServer.resolve(target: "/mini/resources/data.json?x=1#f", rootPath: rootPath) != nil, "query and fragment ignored")
        #expect(StaticFileServer.resolve(target: "/mini/resources/%64ata.json", rootPath: rootPath) != nil, "percent-decoded")
        #expect(StaticFileServer.resolve(target: "/../../etc/passwd", rootPath: rootPath) == nil)
        #expect(StaticFileServer.resolve(target: "/mini/../../../etc/passwd", rootPath: rootPath) == nil)
        #expect(StaticFileServer.resolve(target: "/mini/%2e%2e/%2e%2e/%2e%2e/etc/passwd", rootPath: rootPath) == nil)
        #expect(StaticFileServer.resolve(target: "/mini", rootPath: rootPath) == nil, "directories are not served")
        #expect(StaticFileServer.resolve(target: "/absent.json", rootPath: rootPath) == nil)
        #expect(StaticFileServer.resolve(target: "relative.json", rootPath: rootPath) == nil)
        #expect(StaticFileServer.resolve(target: "/mini/resources/data.json%00.txt", rootPath: rootPath) == nil)
    }

    @Test func symlinksOutOfTheRootAreNotFollowed() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try "inside".write(to: root.appendingPathComponent("inside.txt"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("escape").path, withDestinationPath: "/etc")
        let resolved = root.resolvingSymlinksInPath().path
        #expect(StaticFileServer.resolve(target: "/inside.txt", rootPath: resolved) != nil)
        #expect(StaticFileServer.resolve(target: "/escape/hostname", rootPath: resolved) == nil)
    }

    @Test func contentTypes() {
        #expect(StaticFileServer.contentType(for: "a/b.json") == "application/json")
        #expect(StaticFileServer.contentType(for: "x.JS") == "text/javascript; charset=utf-8")
        #expect(StaticFileServer.contentType(for: "x.idl") == "text/plain; charset=utf-8")
        #expect(StaticFileServer.contentType(for: "x.wasm") == "application/wasm")
        #expect(StaticFileServer.contentType(for: "x.bin") == "application/octet-stream")
    }

    @Test func servesGetAndHeadWithSidecarHeadersAnd404And405() async throws {
        let server = try await StaticFileServer.start(root: fakeWPT)
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            let ok = try await client.execute(HTTPClientRequest(url: server.origin + "/mini/resources/data.json"), timeout: .seconds(10))
            #expect(ok.status == .ok)
            #expect(ok.headers.first(name: "content-type") == "application/json")
            #expect(ok.headers.first(name: "x-fixture") == "sidecar")
            #expect(ok.headers.first(name: "cache-control") == "no-store")
            let body = try await ok.body.collect(upTo: 1 << 20)
            #expect(String(buffer: body).contains("\"answer\": 42"))

            var head = HTTPClientRequest(url: server.origin + "/mini/resources/data.json")
            head.method = .HEAD
            let headResponse = try await client.execute(head, timeout: .seconds(10))
            #expect(headResponse.status == .ok)
            #expect(headResponse.headers.first(name: "content-length") == String(body.readableBytes))

            let missing = try await client.execute(HTTPClientRequest(url: server.origin + "/nope.json"), timeout: .seconds(10))
            #expect(missing.status == .notFound)
            let escape = try await client.execute(HTTPClientRequest(url: server.origin + "/%2e%2e/%2e%2e/etc/passwd"), timeout: .seconds(10))
            #expect(escape.status == .notFound)

            var post = HTTPClientRequest(url: server.origin + "/mini/resources/data.json")
            post.method = .POST
            let refused = try await client.execute(post, timeout: .seconds(10))
            #expect(refused.status == .methodNotAllowed)
            #expect(refused.headers.first(name: "allow") == "GET, HEAD")
        } catch {
            try await client.shutdown()
            await server.shutdown()
            throw error
        }
        try await client.shutdown()
        await server.shutdown()
    }
}
