// A loopback HTTP/1.1 server for fetch tests (Swift tests, `verge conformance`, benchmarks).
// It listens on 127.0.0.1, port 0 (the kernel picks a free port), keeps connections alive,
// and answers these endpoints (query parameters in brackets, defaults after '='):
//
//   /echo                    any method: 200 JSON {method, url, path, query, headers: [[name, value], …]
//                            (as received, in order), body (UTF-8, invalid bytes → U+FFFD), bodyLength}
//   /upload                  any method: reads the body without keeping it; 200 JSON
//                            {bytes, sum (sum of the bytes mod 2^32), chunked, contentLength}
//   /status/N [reason]       status N with body "status N" (no body for 1xx, 204, 205, 304 or HEAD),
//                            reason phrase `reason` when given
//   /redirect/N [to=/echo]   status N (any 3xx) with `Location: <to>` as given (relative or absolute)
//   /redirect-chain/K [code=302, absolute=0]
//                            K redirects (/redirect-chain/K-1 … /redirect-chain/1, then /echo);
//                            /redirect-chain/0 answers 200 "end of the chain"
//   /redirect-loop [code=302]  redirects to itself forever
//   /encoded/CODING [n=10000, corrupt=0, truncate=0]
//                            n bytes of text ("0123456789abcdef…" repeated) encoded with CODING:
//                            gzip, x-gzip, deflate (zlib), deflate-raw (sent as "deflate"), br, identity;
//                            `Content-Encoding` set, `Content-Length` of the encoded body;
//                            corrupt=1 damages the compressed bytes (br: replaces them), truncate=1
//                            drops the last half
//   /chunked [n=100000, chunk=8192]   n bytes (byte i = i % 256) with Transfer-Encoding: chunked
//   /content-length [n=100000]        n bytes (byte i = i % 256) with Content-Length
//   /bytes [n=1048576, id=]  n bytes (byte i = i % 256) generated on the fly with backpressure: it writes
//                            only while the socket is writable (a slow reader holds it up), Content-Length n;
//                            with `id`, how far it got is kept for /progress
//   /progress?id=ID          bytes /bytes?id=ID has handed to its socket so far (text; 0 when unknown)
//   /drip [chunks=10, size=1, delay=50]  `chunks` chunks of `size` bytes ('x'), `delay` ms apart (chunked)
//   /stall [after=0]         200 head (chunked) and `after` bytes, then nothing: the body never ends
//   /stall-head              never answers
//   /delay [ms=100]          answers "ok" after `ms` milliseconds
//   /truncated [n=1000]      declares Content-Length 2n, sends n bytes, closes the connection
//   /close                   closes the connection without answering
//   /closed-port             a port on 127.0.0.1 nothing listens on (bound then closed), as text
//   /large-headers [size=16384, count=1]  `count` response headers x-large-0… of `size` bytes each
//   /set-cookie [n=2]        n `Set-Cookie: cN=vN; Path=/` headers
//   /respond [status=200, h=Name:Value (repeatable), body=]  a response made of the parameters
//
// Request headers up to NIO's limit (80 KB in total) are accepted.
import CVergeNative
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

#if canImport(Glibc)
import Glibc
#endif

public final class TestServer: Sendable {
    /// The port the server listens on (127.0.0.1).
    public let port: Int
    /// Bytes each `/bytes?id=` stream has written so far.
    let progress: NIOLockedValueBox<[String: Int]>
    /// "http://127.0.0.1:PORT".
    public var origin: String { "http://127.0.0.1:\(port)" }

    private let channel: any Channel

    private init(channel: any Channel, port: Int, progress: NIOLockedValueBox<[String: Int]>) {
        self.channel = channel
        self.port = port
        self.progress = progress
    }

    /// Starts a server on `group`, listening on 127.0.0.1 with a free port.
    public static func start(group: any EventLoopGroup) async throws -> TestServer {
        try await startFuture(group: group).get()
    }

    /// `start(group:)` for callers without Swift concurrency.
    public static func startFuture(group: any EventLoopGroup) -> EventLoopFuture<TestServer> {
        let progress = NIOLockedValueBox<[String: Int]>([:])
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.writeBufferWaterMark, value: .init(low: 32 << 10, high: 128 << 10))
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(TestServerHandler(progress: progress))
                }
            }
        return bootstrap.bind(host: "127.0.0.1", port: 0).flatMapThrowing { channel in
            guard let port = channel.localAddress?.port else {
                throw TestServerError.noPort
            }
            return TestServer(channel: channel, port: port, progress: progress)
        }
    }

    /// Stops listening. Open connections are closed when their event loops shut down.
    public func shutdown() async throws {
        try await channel.close()
    }

    /// `shutdown()` for callers without Swift concurrency.
    public func shutdownFuture() -> EventLoopFuture<Void> {
        channel.close()
    }
}

enum TestServerError: Error, CustomStringConvertible {
    case noPort
    var description: String { "the test server's socket has no port; is 127.0.0.1 available?" }
}

/// The bytes of the generated bodies: byte i is i % 256.
private let patternChunk: ByteBuffer = {
    var buffer = ByteBufferAllocator().buffer(capacity: 65536)
    for i in 0..<65536 { buffer.writeInteger(UInt8(truncatingIfNeeded: i)) }
    return buffer
}()

private let sampleText: [UInt8] = Array("0123456789abcdefghijklmnopqrstuvwxyz The quick brown fox jumps over the lazy dog.\n".utf8)

final class TestServerHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private enum Mode {
        case idle
        /// Collecting the body for /echo.
        case collecting(HTTPRequestHead, [UInt8])
        /// Counting the body for /upload.
        case counting(HTTPRequestHead, bytes: Int, sum: UInt32)
        /// Discarding the body; answering at .end.
        case discarding(HTTPRequestHead)
        /// Writing a generated body of `remaining` bytes while writable.
        case generating(remaining: Int, offset: Int)
        /// Done answering, or stalled on purpose.
        case answered
    }

    private var mode = Mode.idle
    private let progress: NIOLockedValueBox<[String: Int]>
    /// The /progress key of the body being generated.
    private var progressID: String?

    init(progress: NIOLockedValueBox<[String: Int]>) {
        self.progress = progress
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            let path = TestServerHandler.path(of: head.uri)
            if path == "/echo" {
                mode = .collecting(head, [])
            } else if path == "/upload" {
                mode = .counting(head, bytes: 0, sum: 0)
            } else {
                mode = .discarding(head)
            }
        case .body(var buffer):
            switch mode {
            case .collecting(let head, var bytes):
                mode = .answered
                bytes.append(contentsOf: buffer.readableBytesView)
                mode = .collecting(head, bytes)
            case .counting(let head, let count, var sum):
                sum &+= buffer.withUnsafeReadableBytes {
                    verge_bytes_sum($0.baseAddress?.assumingMemoryBound(to: UInt8.self), $0.count)
                }
                mode = .counting(head, bytes: count + buffer.readableBytes, sum: sum)
                buffer.moveReaderIndex(to: buffer.writerIndex)
            default:
                break
            }
        case .end:
            switch mode {
            case .collecting(let head, let bytes):
                mode = .answered
                respondEcho(context: context, head: head, body: bytes)
            case .counting(let head, let count, let sum):
                mode = .answered
                let chunked = head.headers["transfer-encoding"].contains { $0.lowercased().contains("chunked") }
                let length = head.headers.first(name: "content-length").map { "\"\(jsonEscape($0))\"" } ?? "null"
                respond(context: context, head: head, status: .ok,
                        headers: [("content-type", "application/json")],
                        body: Array("{\"bytes\":\(count),\"sum\":\(sum),\"chunked\":\(chunked),\"contentLength\":\(length)}".utf8))
            case .discarding(let head):
                mode = .answered
                route(context: context, head: head)
            default:
                break
            }
        }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable, case .generating = mode { pump(context: context) }
        context.fireChannelWritabilityChanged()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    // MARK: Routing

    private func route(context: ChannelHandlerContext, head: HTTPRequestHead) {
        let path = TestServerHandler.path(of: head.uri)
        let query = TestServerHandler.query(of: head.uri)
        func int(_ name: String, _ fallback: Int) -> Int {
            query.first { $0.0 == name }.flatMap { Int($0.1) } ?? fallback
        }
        func string(_ name: String) -> String? { query.first { $0.0 == name }?.1 }
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)

        switch segments.first ?? "" {
        case "status" where segments.count == 2:
            let code = Int(segments[1]) ?? 500
            let status = HTTPResponseStatus(statusCode: code, reasonPhrase: string("reason") ?? HTTPResponseStatus(statusCode: code).reasonPhrase)
            let nullBody = (100..<200).contains(code) || code == 204 || code == 205 || code == 304
            respond(context: context, head: head, status: status, headers: [],
                    body: nullBody ? nil : Array("status \(code)".utf8))
        case "redirect" where segments.count == 2:
            let code = Int(segments[1]) ?? 302
            respond(context: context, head: head, status: HTTPResponseStatus(statusCode: code),
                    headers: [("location", string("to") ?? "/echo")], body: Array("redirecting".utf8))
        case "redirect-chain" where segments.count == 2:
            let remaining = Int(segments[1]) ?? 0
            let code = int("code", 302)
            let absolute = int("absolute", 0) == 1
            let prefix = absolute ? "http://\(head.headers.first(name: "host") ?? "127.0.0.1")" : ""
            if remaining <= 0 {
                respond(context: context, head: head, status: .ok, headers: [("content-type", "text/plain")],
                        body: Array("end of the chain".utf8))
                return
            }
            let target = remaining == 1
                ? "\(prefix)/echo"
                : "\(prefix)/redirect-chain/\(remaining - 1)?code=\(code)&absolute=\(absolute ? 1 : 0)"
            respond(context: context, head: head, status: HTTPResponseStatus(statusCode: code),
                    headers: [("location", target)], body: nil)
        case "redirect-loop":
            respond(context: context, head: head, status: HTTPResponseStatus(statusCode: int("code", 302)),
                    headers: [("location", head.uri)], body: nil)
        case "encoded" where segments.count == 2:
            respondEncoded(context: context, head: head, coding: segments[1], length: int("n", 10000),
                           corrupt: int("corrupt", 0) == 1, truncate: int("truncate", 0) == 1)
        case "chunked":
            let total = max(0, int("n", 100_000))
            let chunk = max(1, int("chunk", 8192))
            writeHead(context: context, head: head, status: .ok,
                      headers: [("content-type", "application/octet-stream"), ("transfer-encoding", "chunked")])
            var offset = 0
            while offset < total {
                let size = min(chunk, total - offset)
                var buffer = context.channel.allocator.buffer(capacity: size)
                for i in offset..<(offset + size) { buffer.writeInteger(UInt8(truncatingIfNeeded: i)) }
                context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
                offset += size
            }
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        case "content-length":
            let total = max(0, int("n", 100_000))
            var body = [UInt8](repeating: 0, count: total)
            for i in 0..<total { body[i] = UInt8(truncatingIfNeeded: i) }
            respond(context: context, head: head, status: .ok,
                    headers: [("content-type", "application/octet-stream")], body: body)
        case "bytes":
            let total = max(0, int("n", 1 << 20))
            writeHead(context: context, head: head, status: .ok,
                      headers: [("content-type", "application/octet-stream"), ("content-length", String(total))])
            if head.method == .HEAD {
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
                return
            }
            progressID = string("id")
            if let progressID { progress.withLockedValue { $0[progressID] = 0 } }
            mode = .generating(remaining: total, offset: 0)
            pump(context: context)
        case "progress":
            let count = string("id").flatMap { id in progress.withLockedValue { $0[id] } } ?? 0
            respond(context: context, head: head, status: .ok, headers: [("content-type", "text/plain")],
                    body: Array(String(count).utf8))
        case "drip":
            let chunks = max(0, int("chunks", 10))
            let size = max(1, int("size", 1))
            let delay = max(0, int("delay", 50))
            writeHead(context: context, head: head, status: .ok,
                      headers: [("content-type", "text/plain"), ("transfer-encoding", "chunked")])
            context.flush()
            drip(context: context, remaining: chunks, size: size, delay: delay)
        case "stall":
            let after = max(0, int("after", 0))
            writeHead(context: context, head: head, status: .ok,
                      headers: [("content-type", "application/octet-stream"), ("transfer-encoding", "chunked")])
            if after > 0 {
                var buffer = context.channel.allocator.buffer(capacity: after)
                buffer.writeRepeatingByte(UInt8(ascii: "s"), count: after)
                context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
            }
            context.flush()
        case "stall-head":
            break
        case "delay":
            let ms = max(0, int("ms", 100))
            context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(Int64(ms))) {
                self.respond(context: context, head: head, status: .ok, headers: [("content-type", "text/plain")],
                             body: Array("ok".utf8))
            }
        case "truncated":
            let n = max(1, int("n", 1000))
            writeHead(context: context, head: head, status: .ok,
                      headers: [("content-type", "application/octet-stream"), ("content-length", String(2 * n))])
            var buffer = context.channel.allocator.buffer(capacity: n)
            buffer.writeRepeatingByte(UInt8(ascii: "t"), count: n)
            context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(buffer)))).assumeIsolated().whenComplete { _ in
                context.close(promise: nil)
            }
        case "close":
            context.close(promise: nil)
        case "closed-port":
            respond(context: context, head: head, status: .ok, headers: [("content-type", "text/plain")],
                    body: Array(String(closedPort()).utf8))
        case "large-headers":
            let size = max(1, int("size", 16384))
            let count = max(1, int("count", 1))
            let value = String(repeating: "v", count: size)
            let headers = (0..<count).map { ("x-large-\($0)", value) }
            respond(context: context, head: head, status: .ok, headers: headers, body: Array("large headers".utf8))
        case "set-cookie":
            let n = max(0, int("n", 2))
            let headers = (0..<n).map { ("set-cookie", "c\($0)=v\($0); Path=/") }
            respond(context: context, head: head, status: .ok, headers: headers, body: Array("cookies".utf8))
        case "respond":
            let status = int("status", 200)
            var headers: [(String, String)] = []
            for (name, value) in query where name == "h" {
                guard let colon = value.firstIndex(of: ":") else { continue }
                headers.append((String(value[..<colon]), String(value[value.index(after: colon)...])))
            }
            let nullBody = status == 204 || status == 205 || status == 304 || (100..<200).contains(status)
            respond(context: context, head: head, status: HTTPResponseStatus(statusCode: status), headers: headers,
                    body: nullBody ? nil : Array((string("body") ?? "").utf8))
        default:
            respond(context: context, head: head, status: .notFound, headers: [("content-type", "text/plain")],
                    body: Array("no such test endpoint: \(path)".utf8))
        }
    }

    // MARK: Responses

    private func writeHead(context: ChannelHandlerContext, head: HTTPRequestHead, status: HTTPResponseStatus,
                           headers: [(String, String)]) {
        var responseHead = HTTPResponseHead(version: head.version, status: status)
        for (name, value) in headers { responseHead.headers.add(name: name, value: value) }
        if !head.isKeepAlive { responseHead.headers.replaceOrAdd(name: "connection", value: "close") }
        context.write(wrapOutboundOut(.head(responseHead)), promise: nil)
    }

    private func respond(context: ChannelHandlerContext, head: HTTPRequestHead, status: HTTPResponseStatus,
                         headers: [(String, String)], body: [UInt8]?) {
        var all = headers
        let nullBody = status.code == 204 || status.code == 304 || (100..<200).contains(status.code)
        if !nullBody && !all.contains(where: { $0.0.lowercased() == "content-length" }) {
            all.append(("content-length", String(body?.count ?? 0)))
        }
        writeHead(context: context, head: head, status: status, headers: all)
        if let body, !body.isEmpty, head.method != .HEAD, !nullBody {
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: body)))), promise: nil)
        }
        let keepAlive = head.isKeepAlive
        context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
            if !keepAlive { context.close(promise: nil) }
        }
    }

    private func respondEcho(context: ChannelHandlerContext, head: HTTPRequestHead, body: [UInt8]) {
        var json = "{\"method\":\"\(jsonEscape(head.method.rawValue))\""
        json += ",\"url\":\"\(jsonEscape(head.uri))\""
        json += ",\"path\":\"\(jsonEscape(TestServerHandler.path(of: head.uri)))\""
        let query = head.uri.firstIndex(of: "?").map { String(head.uri[head.uri.index(after: $0)...]) } ?? ""
        json += ",\"query\":\"\(jsonEscape(query))\""
        json += ",\"headers\":["
        json += head.headers.map { "[\"\(jsonEscape($0.name))\",\"\(jsonEscape($0.value))\"]" }.joined(separator: ",")
        json += "],\"body\":\"\(jsonEscape(String(decoding: body, as: UTF8.self)))\""
        json += ",\"bodyLength\":\(body.count)}"
        respond(context: context, head: head, status: .ok, headers: [("content-type", "application/json")],
                body: Array(json.utf8))
    }

    private func respondEncoded(context: ChannelHandlerContext, head: HTTPRequestHead, coding: String,
                                length: Int, corrupt: Bool, truncate: Bool) {
        var plain = [UInt8]()
        plain.reserveCapacity(max(0, length))
        while plain.count < length { plain.append(sampleText[plain.count % sampleText.count]) }
        let format: Int32?
        let header: String
        switch coding {
        case "gzip", "x-gzip": format = 2; header = coding
        case "deflate": format = 0; header = "deflate"
        case "deflate-raw": format = 1; header = "deflate"
        case "br": format = 3; header = "br"
        case "identity": format = nil; header = "identity"
        default:
            respond(context: context, head: head, status: .badRequest, headers: [],
                    body: Array("unknown coding \(coding)".utf8))
            return
        }
        var body = plain
        if let format {
            var output: UnsafeMutablePointer<UInt8>?
            var count = 0
            let status = plain.withUnsafeBufferPointer {
                verge_codec_compress_all(format, -1, $0.baseAddress, $0.count, &output, &count)
            }
            guard status == 0, let output else {
                respond(context: context, head: head, status: .internalServerError, headers: [],
                        body: Array("compression failed".utf8))
                return
            }
            body = Array(UnsafeBufferPointer(start: output, count: count))
            free(output)
        }
        if corrupt, body.count > 12 {
            if format == 3 {
                // Brotli has no checksum: damaged bytes may still decode. This cannot.
                body = [UInt8](repeating: 0xA5, count: body.count)
            } else {
                for i in (body.count / 2)..<min(body.count, body.count / 2 + 8) { body[i] ^= 0xA5 }
                body[body.count - 1] ^= 0xFF
            }
        }
        if truncate { body = Array(body.prefix(body.count / 2)) }
        respond(context: context, head: head, status: .ok,
                headers: [("content-type", "text/plain"), ("content-encoding", header)], body: body)
    }

    private func pump(context: ChannelHandlerContext) {
        guard case .generating(var remaining, var offset) = mode else { return }
        while remaining > 0 && context.channel.isWritable {
            let size = min(remaining, patternChunk.readableBytes)
            // Every chunk starts at a multiple of 65536, so the pattern lines up.
            let slice = patternChunk.getSlice(at: patternChunk.readerIndex, length: size) ?? patternChunk
            context.write(wrapOutboundOut(.body(.byteBuffer(slice))), promise: nil)
            remaining -= size
            offset += size
        }
        if let progressID {
            let written = offset
            progress.withLockedValue { $0[progressID] = written }
        }
        if remaining == 0 {
            mode = .answered
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        } else {
            mode = .generating(remaining: remaining, offset: offset)
            context.flush()
        }
    }

    private func drip(context: ChannelHandlerContext, remaining: Int, size: Int, delay: Int) {
        if remaining == 0 {
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            return
        }
        context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(Int64(delay))) {
            guard context.channel.isActive else { return }
            var buffer = context.channel.allocator.buffer(capacity: size)
            buffer.writeRepeatingByte(UInt8(ascii: "x"), count: size)
            context.writeAndFlush(self.wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
            self.drip(context: context, remaining: remaining - 1, size: size, delay: delay)
        }
    }

    // MARK: URL bits

    static func path(of uri: String) -> String {
        if let mark = uri.firstIndex(of: "?") { return String(uri[..<mark]) }
        return uri
    }

    static func query(of uri: String) -> [(String, String)] {
        guard let mark = uri.firstIndex(of: "?") else { return [] }
        return uri[uri.index(after: mark)...].split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = percentDecode(String(parts[0]))
            let value = parts.count > 1 ? percentDecode(String(parts[1])) : ""
            return (name, value)
        }
    }

    static func percentDecode(_ text: String) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), iterator.count >= 2,
                      let value = UInt8(String(decoding: iterator.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                iterator = iterator.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A loopback port that was free a moment ago: bound, read, closed.
private func closedPort() -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return 0 }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard bound == 0 else { return 0 }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let named = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    guard named == 0 else { return 0 }
    return Int(UInt16(bigEndian: address.sin_port))
}

private func jsonEscape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 {
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out
}
