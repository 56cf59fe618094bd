import NIOConcurrencyHelpers
import NIOCore
import NIOExtras
import NIOHTTP1
import NIOHTTP2
import NIOPosix
import NIOSSL
import VergeCache

/// The certificate or key of `--tls-cert`/`--tls-key` could not be used.
public struct TLSSetupError: Error, CustomStringConvertible {
    public var files: ServerConfiguration.TLSFiles
    public var underlying: any Error
    public var description: String {
        "cannot use the TLS certificate \(files.certificateChainPath) and key \(files.privateKeyPath): \(underlying) "
            + "(both must be PEM files; the key must match the first certificate)"
    }
}

/// What every connection of a server shares.
final class ServerContext: Sendable {
    let configuration: ServerConfiguration
    let applicationBox: ApplicationBox
    let log: LogSink
    /// The response cache both runtimes use, and what the route cache learned at run time.
    let cache: ResponseCache
    let routeCache = RouteCacheState()
    /// One edge host per loop, created on its loop at first use.
    private let hosts: [ObjectIdentifier: NIOLoopBoundBox<EdgeHost?>]

    init(configuration: ServerConfiguration, applicationBox: ApplicationBox, log: LogSink, group: MultiThreadedEventLoopGroup) {
        self.configuration = configuration
        self.applicationBox = applicationBox
        self.log = log
        self.cache = configuration.cache ?? ResponseCache.shared
        var hosts: [ObjectIdentifier: NIOLoopBoundBox<EdgeHost?>] = [:]
        for loop in group.makeIterator() {
            hosts[ObjectIdentifier(loop)] = NIOLoopBoundBox.makeEmptyBox(valueType: EdgeHost.self, eventLoop: loop)
        }
        self.hosts = hosts
    }

    /// The edge host of `loop` (one per loop of the server's group). Call on `loop`.
    func host(for loop: any EventLoop) -> EdgeHost? {
        guard let box = hosts[ObjectIdentifier(loop)] else { return nil }
        if let host = box.value { return host }
        let host = EdgeHost(loop: loop, configuration: configuration, log: log)
        box.value = host
        return host
    }

    func allHosts() -> [NIOLoopBoundBox<EdgeHost?>] { Array(hosts.values) }
}

/// The HTTP server: SwiftNIO directly, one event loop per core, HTTP/1.1 with pipelining,
/// edge requests served synchronously on the loop that read them, graceful shutdown.
public final class HTTPServer: Sendable {
    public let configuration: ServerConfiguration
    public let applicationBox: ApplicationBox
    let group: MultiThreadedEventLoopGroup
    let context: ServerContext
    /// Dropped before the loops stop: its deinit completes a promise on one of them.
    private let quiesceBox: NIOLockedValueBox<ServerQuiescingHelper?>
    private let channel = NIOLockedValueBox<(any Channel)?>(nil)

    public init(configuration: ServerConfiguration, application: ServedApplication, log: LogSink = .standardOutput()) {
        self.configuration = configuration
        self.applicationBox = ApplicationBox(application)
        self.group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, configuration.threads))
        self.context = ServerContext(configuration: configuration, applicationBox: applicationBox, log: log, group: group)
        self.quiesceBox = NIOLockedValueBox(ServerQuiescingHelper(group: group))
    }

    /// Binds and starts serving; returns the bound port (useful with port 0).
    @discardableResult
    public func start() async throws -> Int {
        let context = self.context
        guard let quiesce = quiesceBox.withLockedValue({ $0 }) else {
            throw ChannelError.ioOnClosedChannel
        }
        let tlsContext = try configuration.tls.map { files -> NIOSSLContext in
            do {
                var tls = TLSConfiguration.makeServerConfiguration(
                    certificateChain: try NIOSSLCertificate.fromPEMFile(files.certificateChainPath).map { .certificate($0) },
                    privateKey: .file(files.privateKeyPath))
                tls.applicationProtocols = ["h2", "http/1.1"]
                return try NIOSSLContext(configuration: tls)
            } catch {
                throw TLSSetupError(files: files, underlying: error)
            }
        }
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(quiesce.makeServerChannelHandler(channel: channel))
                }
            }
            .childChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 16)
            .childChannelInitializer { channel in
                guard let tlsContext else {
                    return channel.eventLoop.makeCompletedFuture {
                        // HTTP/1.1, or HTTP/2 over cleartext with prior knowledge (h2c).
                        try channel.pipeline.syncOperations.addHandler(ProtocolSniffer(server: context))
                    }
                }
                // HTTPS: HTTP/2 or HTTP/1.1 by ALPN.
                do {
                    try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tlsContext))
                } catch {
                    return channel.eventLoop.makeFailedFuture(error)
                }
                return channel.configureHTTP2SecureUpgrade(
                    h2ChannelConfigurator: { channel in
                        channel.eventLoop.makeCompletedFuture {
                            try ProtocolSniffer.configure(channel.pipeline.syncOperations, server: context, http2: true)
                        }
                    },
                    http1ChannelConfigurator: { channel in
                        channel.eventLoop.makeCompletedFuture {
                            try ProtocolSniffer.configure(channel.pipeline.syncOperations, server: context, http2: false)
                        }
                    })
            }
        let bound = try await bootstrap.bind(host: configuration.host, port: configuration.port).get()
        channel.withLockedValue { $0 = bound }
        return bound.localAddress?.port ?? configuration.port
    }

    /// Replaces what is served (verge dev after a rebuild). Realms whose bundle or
    /// environment changed finish their requests and are replaced on the next request;
    /// the others keep serving.
    public func replaceApplication(_ application: ServedApplication) {
        applicationBox.replace(with: application)
    }

    /// The server's event loops (one per thread).
    public var eventLoopGroup: any EventLoopGroup { group }

    /// Stops accepting connections, lets in-flight requests finish, then stops the loops
    /// (after `beforeStoppingLoops`, e.g. shutting down clients that use them).
    public func shutdown(beforeStoppingLoops: @Sendable () async -> Void = {}) async {
        if let quiesce = quiesceBox.withLockedValue({ helper -> ServerQuiescingHelper? in
            let current = helper
            helper = nil
            return current
        }) {
            let promise = group.next().makePromise(of: Void.self)
            quiesce.initiateShutdown(promise: promise)
            try? await promise.futureResult.get()
        }
        await beforeStoppingLoops()
        for host in context.allHosts() {
            try? await host.eventLoop.submit { host.value?.retireAll() }.get()
        }
        try? await group.shutdownGracefully()
        context.log.flush()
    }

    /// Waits until the server channel closes (after `shutdown`).
    public func waitUntilClosed() async {
        guard let channel = channel.withLockedValue({ $0 }) else { return }
        try? await channel.closeFuture.get()
    }

    /// Counts of live isolates and segment realms over all loops (tests, benchmarks).
    public func edgeStatistics() async -> (isolates: Int, realms: Int) {
        var isolates = 0
        var realms = 0
        for host in context.allHosts() {
            let counts = try? await host.eventLoop.submit { (host.value?.isolateCount ?? 0, host.value?.instanceCount ?? 0) }.get()
            isolates += counts?.0 ?? 0
            realms += counts?.1 ?? 0
        }
        return (isolates, realms)
    }
}
