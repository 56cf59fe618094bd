import AsyncHTTPClient
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import Testing
@testable import Verge

@Suite("Swift (nodejs) routes behind the HTTP server")
struct NodeRouteTests {
    @Test func methodsParamsQueryAnd404() async throws {
        let server = try await TestServer.start([:]) { app in
            try app.nodejs("/api/files/[name]") { route in
                route.get { request, context in
                    .text("file=\(try context.params.string("name")) q=\(request.query("q") ?? "-") url=\(request.url)")
                }
                route.delete { _, _ in Response(status: .noContent) }
            }
            try app.nodejs("/docs/[...path]") { route in
                route.get { _, context in .text(context.params.segments("path").joined(separator: "|")) }
            }
        }
        defer { Task { await server.stop() } }
        let get = try await server.request("/api/files/report%20v2.pdf?q=a+b")
        #expect(get.status == 200)
        #expect(get.body == "file=report v2.pdf q=a b url=http://127.0.0.1:\(server.port)/api/files/report%20v2.pdf?q=a+b")
        #expect(try await server.request("/docs/a/b/c").body == "a|b|c")
        #expect(try await server.request("/nothing/here").status == 404)
        #expect(try await server.request("/api/files/x", method: .DELETE).status == 204)
    }

    @Test func unimplementedMethodsAnswer405AndOptionsListsAllow() async throws {
        let server = try await TestServer.start([:]) { app in
            try app.nodejs("/thing") { route in
                route.get { _, _ in .text("thing") }
                route.post { _, _ in .text("posted") }
            }
        }
        defer { Task { await server.stop() } }
        let put = try await server.request("/thing", method: .PUT)
        #expect(put.status == 405)
        #expect(put.headers.first(name: "allow") == "GET, HEAD, OPTIONS, POST")
        let options = try await server.request("/thing", method: .OPTIONS)
        #expect(options.status == 204)
        #expect(options.headers.first(name: "allow") == "GET, HEAD, OPTIONS, POST")
        let head = try await server.request("/thing", method: .HEAD)
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
        #expect(head.headers.first(name: "content-length") == "5")
    }

    @Test func requestBodiesStreamIn() async throws {
        let server = try await TestServer.start([:]) { app in
            try app.nodejs("/upload") { route in
                route.post { request, _ in
                    var total = 0
                    var chunks = 0
                    for try await chunk in request.body {
                        total += chunk.readableBytes
                        chunks += 1
                    }
                    return .text("bytes=\(total)")
                }
            }
        }
        defer { Task { await server.stop() } }
        let payload = String(repeating: "0123456789", count: 300_000)
        let reply = try await server.request("/upload", method: .POST, body: payload)
        #expect(reply.body == "bytes=3000000")
    }

    @Test func responsesStreamChunkByChunk() async throws {
        let gate = AsyncStream<Void>.makeStream()
        let server = try await TestServer.start([:]) { app in
            try app.nodejs("/stream") { route in
                route.get { _, _ in
                    let stream = AsyncStream<String> { continuation in
                        Task {
                            continuation.yield("first\n")
                            // The last chunk is produced only after the client saw the first.
                            var iterator = gate.stream.makeAsyncIterator()
                            _ = await iterator.next()
                            continuation.yield("last\n")
                            continuation.finish()
                        }
                    }
                    return Response(body: .textStream(stream))
                }
            }
        }
        defer { Task { await server.stop() } }
        let response = try await server.client.execute(HTTPClientRequest(url: server.base + "/stream"), timeout: .seconds(10))
        var iterator = response.body.makeAsyncIterator()
        let first = try await iterator.next()
        #expect(first.map { String(buffer: $0) } == "first\n")
        gate.continuation.yield()
        var rest = ""
        while let chunk = try await iterator.next() { rest += String(buffer: chunk) }
        #expect(rest == "last\n")
    }

    @Test func filesStreamFromDisk() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("verge-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let content = String(repeating: "line of text\n", count: 50_000)
        try content.write(to: directory.appendingPathComponent("big.txt"), atomically: true, encoding: .utf8)
        let server = try await TestServer.start([:]) { app in
            try app.nodejs("/files/[name]") { route in
                route.get { _, context in
                    Response(body: .file(path: directory.appendingPathComponent(try context.params.string("name")).path))
                }
            }
        }
        defer { Task { await server.stop() } }
        let reply = try await server.request("/files/big.txt")
        #expect(reply.status == 200)
        #expect(reply.body == content)
        #expect(reply.headers.first(name: "content-type") == "text/plain; charset=utf-8")
        #expect(try await server.request("/files/missing.txt").status == 404)
    }

    @Test func thrownErrorsAnswer500WithAGenericBodyAndALogLine() async throws {
        struct Broken: Error {}
        let server = try await TestServer.start([:]) { app in
            try app.nodejs("/broken") { route in route.get { _, _ in throw Broken() } }
            try app.nodejs("/teapot") { route in route.get { _, _ in throw HTTPError(.imATeapot, "short and stout") } }
        }
        defer { Task { await server.stop() } }
        let reply = try await server.request("/broken")
        #expect(reply.status == 500)
        #expect(reply.body == "Internal Server Error\n")
        #expect(server.log.contains { $0.contains("Swift handler threw") && $0.contains("Broken") })
        let teapot = try await server.request("/teapot")
        #expect(teapot.status == 418)
        #expect(teapot.body == "short and stout")
    }

    @Test func trailingSlashRedirectsAndEachRequestIsLogged() async throws {
        let server = try await TestServer.start([:]) { app in
            try app.nodejs("/about") { route in route.get { _, _ in .text("about") } }
        }
        defer { Task { await server.stop() } }
        let reply = try await server.request("/about/?x=1")
        #expect(reply.status == 308)
        #expect(reply.headers.first(name: "location") == "/about?x=1")
        _ = try await server.request("/about")
        try await Task.sleep(for: .milliseconds(50))
        #expect(server.log.contains { $0.hasPrefix("GET /about 200 nodejs /about ") })
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() async throws {
        // A slow Swift handler (it suspends and resumes later), a Swift handler that answers at
        // once, an edge route and a 404, sent in one write: the answers come back in the order
        // asked, each after the previous one ends.
        let server = try await TestServer.start(["app/edge/hi/route.js": helloRoute]) { app in
            try app.nodejs("/slow") { route in
                route.get { _, _ in
                    try await Task.sleep(for: .milliseconds(60))
                    return .text("slow")
                }
                route.post { request, _ in
                    var total = 0
                    for try await chunk in request.body { total += chunk.readableBytes }
                    return .text("posted \(total)")
                }
            }
            try app.nodejs("/fast") { route in route.get { _, _ in .text("fast") } }
        }
        defer { Task { await server.stop() } }
        let requests = "GET /slow HTTP/1.1\r\nHost: a\r\n\r\n"
            + "POST /slow HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello"
            + "GET /fast HTTP/1.1\r\nHost: a\r\n\r\n"
            + "GET /edge/hi HTTP/1.1\r\nHost: a\r\n\r\n"
            + "GET /missing HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"
        let received = try await rawExchange(port: server.port, requests) { $0.contains("Not Found\n") }
        let bodies = ["slow", "posted 5", "fast", "hello /edge/hi", "Not Found\n"]
        var positions: [String.Index] = []
        for body in bodies {
            let found = try #require(received.range(of: "\r\n\r\n" + body), "missing \(body) in \(received)")
            positions.append(found.lowerBound)
        }
        #expect(positions == positions.sorted())
        #expect(received.components(separatedBy: "HTTP/1.1 ").count - 1 == 5)
    }

    /// A response to HEAD is its head alone on every path (a whole edge response, a streamed
    /// edge or Swift response, a whole Swift response), and the GET after it on the same
    /// connection is answered whole: no stray chunk terminator, no body cut off.
    @Test func headResponsesCarryNoBodyAndTheNextResponseIsWhole() async throws {
        let server = try await TestServer.start([
            "app/edge/whole/route.js": "export const runtime = 'edge';\nexport function GET() { return new Response('edge whole'); }\n",
            "app/edge/stream/route.js": """
                export const runtime = 'edge';
                export function GET() {
                  const body = new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode('edge stream')); c.close(); } });
                  return new Response(body);
                }
                """,
        ]) { app in
            try app.nodejs("/swift/stream") { route in
                route.get { _, _ in
                    Response(body: .textStream(AsyncStream<String> { continuation in
                        continuation.yield("swift stream")
                        continuation.finish()
                    }))
                }
            }
            try app.nodejs("/swift/whole") { route in route.get { _, _ in .text("swift whole") } }
        }
        defer { Task { await server.stop() } }
        let paths = ["/edge/whole", "/edge/stream", "/swift/stream", "/swift/whole"]
        var requests = ""
        for path in paths { requests += "HEAD \(path) HTTP/1.1\r\nHost: a\r\n\r\nGET \(path) HTTP/1.1\r\nHost: a\r\n\r\n" }
        requests += "GET /swift/whole HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"
        let received = try await rawExchange(port: server.port, requests) { $0.components(separatedBy: "swift whole").count == 3 }
        let responses = received.components(separatedBy: "HTTP/1.1 200 OK\r\n").dropFirst()
        #expect(responses.count == 9, "\(received.debugDescription)")
        for (index, response) in responses.enumerated() {
            let parts = response.components(separatedBy: "\r\n\r\n")
            let body = parts.dropFirst().joined(separator: "\r\n\r\n")
            if index % 2 == 0, index < 8 {
                #expect(body.isEmpty, "HEAD \(paths[index / 2]) sent a body: \(body.debugDescription)")
            } else {
                let path = paths[min(index / 2, 3)]
                let text = path.dropFirst().replacingOccurrences(of: "/", with: " ")
                let chunked = parts[0].lowercased().contains("transfer-encoding: chunked")
                let expected = chunked ? String(format: "%x", text.utf8.count) + "\r\n" + text + "\r\n0\r\n\r\n" : text
                #expect(body == expected, "GET \(path): \(body.debugDescription)")
            }
        }
    }

    /// Whole Swift responses the connection encodes itself and those NIO's encoder writes
    /// (a handler's own content-length, a field NIO refuses) are framed alike.
    @Test func wholeResponsesAreFramedAlikeByEitherEncoder() async throws {
        let server = try await TestServer.start([:]) { app in
            try app.nodejs("/w/[kind]") { route in
                route.get { _, context in
                    switch try context.params.string("kind") {
                    case "text": return .text("h\u{e9}llo", status: .created, headers: ["X-A": "1"])
                    case "bytes": return Response(headers: ["x-b": "2"], body: .bytes(ByteBuffer(string: "hi")))
                    case "empty": return Response(status: .noContent)
                    case "none": return Response(headers: ["x-c": "3"])
                    case "custom": return Response(status: .custom(code: 299, reasonPhrase: "Fine"), body: .string("c"))
                    case "framed": return Response(headers: ["Content-Length": "3"], body: .string("abc"))
                    default: return Response(headers: ["x-d": "tab\there"], body: .string("t"))
                    }
                }
            }
        }
        defer { Task { await server.stop() } }
        let kinds = ["text", "bytes", "empty", "none", "custom", "framed", "tab"]
        let requests = kinds.map { "GET /w/\($0) HTTP/1.1\r\nHost: a\r\n\r\n" }.joined()
            + "HEAD /w/text HTTP/1.1\r\nHost: a\r\n\r\n"
            + "GET /w/text HTTP/1.0\r\nHost: a\r\n\r\n"
        let received = try await rawExchange(port: server.port, requests) { $0.hasSuffix("connection: close\r\n\r\nh\u{e9}llo") }
        let text = "X-A: 1\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: 6\r\n"
        let expected = [
            "HTTP/1.1 201 Created\r\n\(text)\r\nh\u{e9}llo",
            "HTTP/1.1 200 OK\r\nx-b: 2\r\ncontent-length: 2\r\n\r\nhi",
            "HTTP/1.1 204 No Content\r\n\r\n",
            "HTTP/1.1 200 OK\r\nx-c: 3\r\ncontent-length: 0\r\n\r\n",
            "HTTP/1.1 299 Fine\r\ncontent-length: 1\r\n\r\nc",
            "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc",
            "HTTP/1.1 200 OK\r\nx-d: tab\there\r\ncontent-length: 1\r\n\r\nt",
            "HTTP/1.1 201 Created\r\n\(text)\r\n",
            "HTTP/1.0 201 Created\r\n\(text)connection: close\r\n\r\nh\u{e9}llo",
        ]
        #expect(received == expected.joined(), "\(received.debugDescription)")
    }

    /// A client that leaves cancels the handler's task, so a response stream waiting for an
    /// element that may never come ends (as an edge response stream is cancelled).
    @Test func aClientThatLeavesEndsAStreamWaitingForItsNextElement() async throws {
        let ended = NIOLockedValueBox(false)
        let server = try await TestServer.start([:]) { app in
            try app.nodejs("/events") { route in
                route.get { _, _ in
                    Response(body: .textStream(AsyncStream<String> { continuation in
                        continuation.onTermination = { _ in ended.withLockedValue { $0 = true } }
                        continuation.yield("data: first\n\n")
                    }))
                }
            }
        }
        defer { Task { await server.stop() } }
        let received = try await rawExchange(port: server.port, "GET /events HTTP/1.1\r\nHost: a\r\n\r\n") { $0.contains("data: first") }
        #expect(received.contains("data: first"))
        for _ in 0..<100 where !ended.withLockedValue({ $0 }) { try await Task.sleep(for: .milliseconds(20)) }
        #expect(ended.withLockedValue { $0 }, "the stream was not ended after the client left")
    }

    @Test func malformedHTTPGets400() async throws {
        let server = try await TestServer.start([:]) { app in
            try app.nodejs("/x") { route in route.get { _, _ in .text("x") } }
        }
        defer { Task { await server.stop() } }
        let response = try await rawExchange(port: server.port, "GARBAGE / HTTP/9.9\r\n\r\n")
        #expect(response.hasPrefix("HTTP/1.1 400"))
    }
}

/// Sends raw bytes and reads until `done` accepts what arrived (by default, one response
/// head), the server closes, or 2 s pass.
func rawExchange(port: Int, _ text: String, until done: @escaping @Sendable (String) -> Bool = { $0.contains("\r\n\r\n") })
    async throws -> String {
    let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        .connect(host: "127.0.0.1", port: port) { channel in
            channel.eventLoop.makeCompletedFuture {
                try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
            }
        }
    return try await channel.executeThenClose { inbound, outbound in
        try await outbound.write(ByteBuffer(string: text))
        var received = ""
        let deadline = ContinuousClock.now + .seconds(2)
        for try await chunk in inbound {
            received += String(buffer: chunk)
            if ContinuousClock.now > deadline || done(received) { break }
        }
        return received
    }
}
