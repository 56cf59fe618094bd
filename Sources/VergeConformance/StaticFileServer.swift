import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// A loopback HTTP/1.1 server answering GET and HEAD with the files under a directory: what
/// `verge conformance --wpt` gives tests that `fetch()` data files of the checkout
/// (`url/resources/urltestdata.json`, `encoding/resources/*.json`, …). Each test's
/// `location` is `http://127.0.0.1:PORT/<path of the test>`, so relative URLs resolve here.
///
/// Only files inside the root are served (no `..` escape, no symlink to outside); directories
/// and missing files are 404. A `NAME.headers` file next to `NAME` adds response headers,
/// one `Name: value` per line, as WPT's server does. Nothing is generated (no .py handlers,
/// no .sub. substitutions): such tests are skipped.
public final class StaticFileServer: Sendable {
    public let root: URL
    public let port: Int
    private let channel: any Channel

    private init(root: URL, port: Int, channel: any Channel) {
        self.root = root
        self.port = port
        self.channel = channel
    }

    /// "http://127.0.0.1:PORT".
    public var origin: String { "http://127.0.0.1:\(port)" }

    /// Starts serving `root` on 127.0.0.1 (port 0: any free port).
    public static func start(root: URL, port: Int = 0,
                             group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) async throws -> StaticFileServer {
        let rootPath = root.standardizedFileURL.resolvingSymlinksInPath().path
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(StaticFileHandler(rootPath: rootPath))
                }
            }
            .bind(host: "127.0.0.1", port: port)
            .get()
        guard let boundPort = channel.localAddress?.port else {
            try? await channel.close()
            throw StaticFileServerError(message: "the static file server has no local port")
        }
        return StaticFileServer(root: root, port: boundPort, channel: channel)
    }

    public func shutdown() async {
        try? await channel.close()
    }

    /// The file for a request target, or nil when it is outside the root or not a file.
    /// `rootPath` must be standardized with symlinks resolved.
    public static func resolve(target: String, rootPath: String) -> String? {
        var path = target
        if let end = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = String(path[..<end]) }
        guard path.hasPrefix("/"), let decoded = path.removingPercentEncoding, !decoded.contains("\0") else { return nil }
        let candidate = URL(fileURLWithPath: rootPath).appendingPathComponent(String(decoded.dropFirst()))
            .standardizedFileURL.resolvingSymlinksInPath().path
        guard candidate == rootPath || candidate.hasPrefix(rootPath.hasSuffix("/") ? rootPath : rootPath + "/") else { return nil }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue else { return nil }
        return candidate
    }

    /// The Content-Type for a file name.
    public static func contentType(for path: String) -> String {
        let lower = path.lowercased()
        let types: [(String, String)] = [
            (".json", "application/json"), (".js", "text/javascript; charset=utf-8"),
            (".mjs", "text/javascript; charset=utf-8"), (".html", "text/html; charset=utf-8"),
            (".htm", "text/html; charset=utf-8"), (".txt", "text/plain; charset=utf-8"),
            (".idl", "text/plain; charset=utf-8"), (".css", "text/css; charset=utf-8"),
            (".xml", "application/xml"), (".svg", "image/svg+xml"), (".png", "image/png"),
            (".jpg", "image/jpeg"), (".jpeg", "image/jpeg"), (".gif", "image/gif"),
            (".wasm", "application/wasm"), (".gz", "application/gzip"), (".zip", "application/zip"),
            (".pdf", "application/pdf"), (".wav", "audio/wav"), (".mp3", "audio/mpeg"),
        ]
        for (suffix, type) in types where lower.hasSuffix(suffix) { return type }
        return "application/octet-stream"
    }

    /// Headers from `NAME.headers` ("Name: value" lines), if that file exists.
    static func sidecarHeaders(for path: String) -> [(String, String)] {
        guard let text = try? String(contentsOfFile: path + ".headers", encoding: .utf8) else { return [] }
        var headers: [(String, String)] = []
        for line in text.split(whereSeparator: \.isNewline) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if !name.isEmpty { headers.append((name, value)) }
        }
        return headers
    }
}

public struct StaticFileServerError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

private final class StaticFileHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let rootPath: String
    private var request: HTTPRequestHead?

    init(rootPath: String) {
        self.rootPath = rootPath
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            request = head
        case .body:
            break
        case .end:
            guard let head = request else { return }
            request = nil
            respond(to: head, context: context)
        }
    }

    private func respond(to head: HTTPRequestHead, context: ChannelHandlerContext) {
        var headers = HTTPHeaders()
        headers.add(name: "Server", value: "verge-conformance")
        headers.add(name: "Access-Control-Allow-Origin", value: "*")
        let status: HTTPResponseStatus
        var body = ByteBuffer()
        if head.method != .GET && head.method != .HEAD {
            status = .methodNotAllowed
            headers.add(name: "Allow", value: "GET, HEAD")
            body.writeString("405: only GET and HEAD\n")
            headers.add(name: "Content-Type", value: "text/plain; charset=utf-8")
        } else if let path = StaticFileServer.resolve(target: head.uri, rootPath: rootPath),
                  let data = FileManager.default.contents(atPath: path) {
            status = .ok
            headers.add(name: "Content-Type", value: StaticFileServer.contentType(for: path))
            for (name, value) in StaticFileServer.sidecarHeaders(for: path) { headers.replaceOrAdd(name: name, value: value) }
            body.writeBytes(data)
        } else {
            status = .notFound
            body.writeString("404: \(head.uri) is not a file of the checkout\n")
            headers.add(name: "Content-Type", value: "text/plain; charset=utf-8")
        }
        headers.add(name: "Content-Length", value: String(body.readableBytes))
        let keepAlive = head.isKeepAlive
        headers.add(name: "Connection", value: keepAlive ? "keep-alive" : "close")
        var response = HTTPResponseHead(version: head.version, status: status, headers: headers)
        response.headers = headers
        context.write(wrapOutboundOut(.head(response)), promise: nil)
        if head.method != .HEAD, body.readableBytes > 0 {
            context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        }
        let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if !keepAlive {
            let channel = context.channel
            done.whenComplete { _ in channel.close(promise: nil) }
        }
    }
}
