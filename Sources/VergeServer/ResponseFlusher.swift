import NIOCore

/// Flushes finished responses once per event-loop tick instead of once per response.
///
/// A flush is a `writev`, and on loopback or a busy host each one can wake the peer's thread
/// (an inter-processor interrupt). When one tick reads requests from many connections, the
/// responses written during it are flushed together after the tick's I/O, so the client
/// side is woken once for the batch. The first response of a quiet tick still goes out at the
/// end of that tick: no timer, no added latency beyond the tick's own work. Streamed chunks
/// are flushed at once as before; only the end of a response waits here.
final class ResponseFlusher {
    private let loop: any EventLoop
    private var pending: [ChannelHandlerContext] = []
    private var scheduled = false

    init(loop: any EventLoop) {
        self.loop = loop
    }

    /// Flushes `context` at the end of this tick. Call on the loop.
    func flushSoon(_ context: ChannelHandlerContext) {
        pending.append(context)
        guard !scheduled else { return }
        scheduled = true
        loop.assumeIsolated().execute { [self] in
            scheduled = false
            let contexts = pending
            pending.removeAll(keepingCapacity: true)
            for context in contexts { context.flush() }
        }
    }
}
