import AsyncHTTPClient
import Dispatch
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#endif

/// The process's one HTTP client for `fetch()`: AsyncHTTPClient on NIO's singleton event
/// loop group, HTTP/1.1 and HTTP/2 (ALPN over https), connection pooling, no redirects (the
/// Fetch Standard's redirect handling lives in JS) and no decompression (done per fetch so
/// it follows backpressure). Created on first use.
public enum FetchClient {
    private static let state = NIOLockedValueBox<HTTPClient?>(nil)
    private static let group = NIOLockedValueBox<any EventLoopGroup>(MultiThreadedEventLoopGroup.singleton)

    /// The event loop group the client's connections run on (NIO's singleton group unless
    /// `use(eventLoopGroup:)` chose another).
    public static var eventLoopGroup: any EventLoopGroup { group.withLockedValue { $0 } }

    /// Makes fetch() run its connections on `eventLoopGroup`: the server passes the group its
    /// isolates run on, so a request's socket and its JS share one loop (no thread hop per
    /// body chunk). Takes effect for the client created next (call it before the first
    /// fetch, or after `shutdown()`).
    public static func use(eventLoopGroup: any EventLoopGroup) {
        group.withLockedValue { $0 = eventLoopGroup }
    }

    static var configuration: HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.decompression = .disabled
        configuration.httpVersion = .automatic
        // A connection that cannot be made fails the fetch at once (no retry with backoff),
        // so a refused connection surfaces as a network error, as in browsers.
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout = HTTPClient.Configuration.Timeout(connect: .seconds(30), read: nil)
        // Read up to 1 MB at a time when that much is waiting (NIO's default stops at 64 KB):
        // fewer, larger body chunks for JS on fast connections.
        let allocator = AdaptiveRecvByteBufferAllocator(minimum: 1024, initial: 16 << 10, maximum: 1 << 20)
        configuration.http1_1ConnectionDebugInitializer = { channel in
            channel.setOption(ChannelOptions.recvAllocator, value: allocator)
        }
        configuration.http2ConnectionDebugInitializer = { channel in
            channel.setOption(ChannelOptions.recvAllocator, value: allocator)
        }
        return configuration
    }

    /// The shared client, created on first use.
    static var shared: HTTPClient {
        state.withLockedValue { client in
            if let client { return client }
            let created = HTTPClient(eventLoopGroup: eventLoopGroup, configuration: configuration)
            client = created
            return created
        }
    }

    /// The group of the client in use (the one `owns` must check).
    private static var clientGroup: any EventLoopGroup { shared.eventLoopGroup }

    /// Shuts the shared client down (closing pooled connections). Call it at process exit,
    /// off any event loop thread. A later fetch creates a new client.
    @available(*, noasync, message: "use the async shutdown()")
    public static func shutdown() {
        guard let client = take() else { return }
        let done = DispatchSemaphore(value: 0)
        client.shutdown(queue: .global()) { _ in done.signal() }
        done.wait()
    }

    /// Shuts the shared client down (closing pooled connections). A later fetch creates a
    /// new client.
    public static func shutdown() async {
        guard let client = take() else { return }
        try? await client.shutdown().get()
    }

    private static func take() -> HTTPClient? {
        state.withLockedValue { client -> HTTPClient? in
            let current = client
            client = nil
            return current
        }
    }

    /// True when `loop` belongs to the client's group: requests can then run their channel
    /// and callbacks on the isolate's own loop, with no thread hop.
    static func owns(_ loop: any EventLoop) -> Bool {
        clientGroup.makeIterator().contains { $0 === loop }
    }
}

/// Why a fetch failed at the network level, for `TypeError("fetch failed", { cause })`.
struct FetchNetworkError: Error, CustomStringConvertible {
    /// Human-readable: what happened, with the target when known.
    var message: String
    /// A Node-style code ("ECONNREFUSED", "ENOTFOUND", "ETIMEDOUT", "ECONNRESET", "ERR_TLS", …).
    var code: String
    var description: String { message }

    init(message: String, code: String) {
        self.message = message
        self.code = code
    }

    /// Classifies an error from AsyncHTTPClient / NIO.
    init(_ error: any Error, host: String) {
        if let error = error as? FetchNetworkError {
            self = error
            return
        }
        if let error = error as? NIOConnectionError {
            if let first = error.connectionErrors.first {
                self.init(first.error, host: host)
                message += " (\(first.target))"
                return
            }
            if error.dnsAError != nil || error.dnsAAAAError != nil {
                self.init(message: "DNS lookup failed for \(error.host)", code: "ENOTFOUND")
                return
            }
            self.init(message: "could not connect to \(error.host):\(error.port)", code: "ECONNREFUSED")
            return
        }
        if let error = error as? IOError {
            self.init(errno: error.errnoCode, host: host, fallback: "\(error)")
            return
        }
        if let error = error as? SocketAddressError {
            self.init(message: "DNS lookup failed for \(host) (\(error))", code: "ENOTFOUND")
            return
        }
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout:
                self.init(message: "connect timeout: \(host) did not accept the connection in time", code: "ETIMEDOUT")
            case .readTimeout:
                self.init(message: "read timeout from \(host)", code: "ETIMEDOUT")
            case .tlsHandshakeTimeout:
                self.init(message: "TLS handshake with \(host) timed out", code: "ETIMEDOUT")
            case .remoteConnectionClosed:
                self.init(message: "\(host) closed the connection before the response was complete", code: "ECONNRESET")
            case .cancelled:
                self.init(message: "the request was cancelled", code: "ABORT_ERR")
            case .bodyLengthMismatch:
                self.init(message: "the request body's length does not match its Content-Length", code: "ERR_BODY_LENGTH")
            case .invalidURL, .emptyHost, .emptyScheme:
                self.init(message: "the URL cannot be fetched (\(error))", code: "ERR_INVALID_URL")
            default:
                self.init(message: "HTTP client error: \(error)", code: "UND_ERR")
            }
            return
        }
        let text = String(describing: error)
        let typeName = String(describing: type(of: error))
        if typeName.contains("SSL") || typeName.contains("TLS") || text.contains("handshake") {
            self.init(message: "TLS error talking to \(host): \(text)", code: "ERR_TLS")
        } else if typeName.contains("HTTPParserError") {
            self.init(message: "\(host) sent an invalid HTTP response (\(text))", code: "HPE_INVALID")
        } else {
            self.init(message: "\(text)", code: "UND_ERR")
        }
    }

    init(errno code: Int32, host: String, fallback: String) {
        switch code {
        case ECONNREFUSED: self.init(message: "connection refused by \(host)", code: "ECONNREFUSED")
        case ECONNRESET: self.init(message: "connection reset by \(host)", code: "ECONNRESET")
        case ETIMEDOUT: self.init(message: "connection to \(host) timed out", code: "ETIMEDOUT")
        case EHOSTUNREACH: self.init(message: "\(host) is unreachable", code: "EHOSTUNREACH")
        case ENETUNREACH: self.init(message: "the network is unreachable for \(host)", code: "ENETUNREACH")
        case EPIPE: self.init(message: "\(host) closed the connection (broken pipe)", code: "EPIPE")
        default: self.init(message: fallback, code: "E\(code)")
        }
    }
}
