import NIOCore
import NIOHTTP1
import NIOHTTP2

/// Picks the protocol of a cleartext connection from its first bytes: the HTTP/2 client
/// preface ("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", h2c with prior knowledge) sets up an HTTP/2
/// pipeline whose streams each get an `HTTPConnection`; anything else is HTTP/1.1.
final class ProtocolSniffer: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    static let preface: [UInt8] = Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8)

    private let server: ServerContext
    private var buffered: ByteBuffer?

    init(server: ServerContext) {
        self.server = server
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var incoming = unwrapInboundIn(data)
        if var existing = buffered {
            existing.writeBuffer(&incoming)
            buffered = existing
        } else {
            buffered = incoming
        }
        guard let bytes = buffered else { return }
        let view = bytes.readableBytesView
        let prefix = Array(view.prefix(ProtocolSniffer.preface.count))
        if prefix.count < ProtocolSniffer.preface.count, ProtocolSniffer.preface.starts(with: prefix) {
            return  // could still be HTTP/2: wait for more bytes
        }
        let isHTTP2 = prefix == ProtocolSniffer.preface
        do {
            try configure(context: context, http2: isHTTP2)
        } catch {
            context.close(promise: nil)
            return
        }
        buffered = nil
        context.fireChannelRead(wrapInboundOut(bytes))
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        context.fireChannelReadComplete()
    }

    private func configure(context: ChannelHandlerContext, http2: Bool) throws {
        try ProtocolSniffer.configure(context.pipeline.syncOperations, server: server, http2: http2)
    }

    /// Adds the handlers of one protocol at the end of a pipeline.
    static func configure(_ operations: ChannelPipeline.SynchronousOperations, server: ServerContext, http2: Bool) throws {
        if http2 {
            _ = try operations.configureHTTP2Pipeline(
                mode: .server, connectionConfiguration: .init(), streamConfiguration: .init(),
                position: .last
            ) { stream in
                stream.eventLoop.makeCompletedFuture {
                    try stream.pipeline.syncOperations.addHandler(HTTP2FramePayloadToHTTP1ServerCodec())
                    try stream.pipeline.syncOperations.addHandler(HTTPConnection(server: server))
                }
            }
        } else {
            // The sniffer is the only handler so far: what is added goes after it.
            // HTTPConnection orders pipelined requests itself (see there).
            try operations.configureHTTPServerPipeline(position: .last, withPipeliningAssistance: false, withErrorHandling: true)
            try operations.addHandler(HTTPConnection(server: server), position: .last)
        }
    }
}

extension HTTPRequestHead {
    /// Whether the connection stays open after this exchange. HTTP/2 streams never carry a
    /// `Connection` header (it is connection-specific), so they always "keep" it.
    var keepsConnection: Bool { version.major >= 2 || isKeepAlive }
}
