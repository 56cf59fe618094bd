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
            // The sniffer is the only handler so far: what is added goes after it. These are
            // configureHTTPServerPipeline's handlers (without its pipelining handler:
            // HTTPConnection orders pipelined requests itself), but the request decoder is
            // not paired with the response encoder: paired, the encoder queues each request's
            // method and takes one off per response head it encodes, and the responses
            // HTTPConnection encodes itself (whole edge responses, HEAD responses) never pass
            // through it, so a later response would be framed for an earlier request's method.
            // HTTPConnection sends no body for HEAD itself.
            try operations.addHandlers([
                HTTPResponseEncoder(),
                ByteToMessageHandler(HTTPRequestDecoder(leftOverBytesStrategy: .dropBytes)),
                NIOHTTPResponseHeadersValidator(),
                HTTPServerProtocolErrorHandler(),
                HTTPConnection(server: server),
            ], position: .last)
        }
    }
}

extension HTTPRequestHead {
    /// Whether the connection stays open after this exchange. HTTP/2 streams never carry a
    /// `Connection` header (it is connection-specific), so they always "keep" it.
    var keepsConnection: Bool { version.major >= 2 || isKeepAlive }
}
