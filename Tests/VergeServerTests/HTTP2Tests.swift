import Foundation
import Testing
@testable import Verge

@Suite("HTTP/2 over cleartext (h2c, prior knowledge)")
struct HTTP2Tests {
    /// curl speaks h2c with prior knowledge; skip when it is not installed.
    func curl(_ arguments: [String]) throws -> (status: Int32, output: String)? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/curl") else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = Pipe()
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func edgeAndSwiftRoutesAnswerOverHTTP2() async throws {
        let server = try await TestServer.start([
            "app/edge/route.ts": "export const runtime = 'edge';\nexport function GET(request) { return new Response('edge over h2 ' + request.headers.get('x-test')); }\n",
        ]) { app in
            try app.nodejs("/swift") { route in route.get { _, _ in .text("swift over h2") } }
        }
        defer { Task { await server.stop() } }
        guard let edge = try curl(["-s", "--http2-prior-knowledge", "-H", "x-test: yes", "-w", "\n%{http_version}", server.base + "/edge"]) else { return }
        #expect(edge.status == 0)
        #expect(edge.output == "edge over h2 yes\n2")
        let swift = try #require(try curl(["-s", "--http2-prior-knowledge", "-w", "\n%{http_version}", server.base + "/swift"]))
        #expect(swift.output == "swift over h2\n2")
        // The same port still speaks HTTP/1.1.
        let http1 = try #require(try curl(["-s", "--http1.1", "-w", "\n%{http_version}", server.base + "/swift"]))
        #expect(http1.output == "swift over h2\n1.1")
    }

    @Test func httpsNegotiatesHTTP2ByALPN() async throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl") else { return }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("verge-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let cert = directory.appendingPathComponent("cert.pem").path
        let key = directory.appendingPathComponent("key.pem").path
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        openssl.arguments = ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                             "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1"]
        openssl.standardOutput = Pipe()
        openssl.standardError = Pipe()
        try openssl.run()
        openssl.waitUntilExit()
        #expect(openssl.terminationStatus == 0)
        let server = try await TestServer.start([
            "app/secure/route.ts": "export const runtime = 'edge';\nexport function GET(request) { return new Response(new URL(request.url).protocol); }\n",
        ]) { _ in } configure: { configuration in
            configuration.tls = .init(certificateChainPath: cert, privateKeyPath: key)
        }
        defer { Task { await server.stop() } }
        let url = "https://127.0.0.1:\(server.port)/secure"
        guard let h2 = try curl(["-s", "-k", "--http2", "-w", "\n%{http_version}", url]) else { return }
        #expect(h2.output == "https:\n2")
        let h1 = try #require(try curl(["-s", "-k", "--http1.1", "-w", "\n%{http_version}", url]))
        #expect(h1.output == "https:\n1.1")
    }
}
