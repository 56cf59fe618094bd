import Foundation
import NIOConcurrencyHelpers

/// Where the server's log lines go: one line per request, errors with their stacks,
/// console output of edge segments tagged with the segment.
public struct LogSink: Sendable {
    public let write: @Sendable (String) -> Void
    /// Writes out anything buffered (at shutdown).
    public let flush: @Sendable () -> Void

    public init(_ write: @escaping @Sendable (String) -> Void) {
        self.write = write
        self.flush = {}
    }

    public init(write: @escaping @Sendable (String) -> Void, flush: @escaping @Sendable () -> Void) {
        self.write = write
        self.flush = flush
    }

    /// Standard output, buffered and flushed every 50 ms (or at 64 KB) so that logging a
    /// request costs no system call on the hot path.
    public static func standardOutput() -> LogSink {
        LogSink(write: { line in standardOutputWriter.append(line) }, flush: { standardOutputWriter.flush() })
    }

    /// Collects lines (tests).
    public static func collecting(into lines: NIOLockedValueBox<[String]>) -> LogSink {
        LogSink { line in lines.withLockedValue { $0.append(line) } }
    }

    public static let discard = LogSink { _ in }
}

let standardOutputWriter = BufferedWriter(handle: FileHandle.standardOutput)

/// A line buffer flushed on a background timer.
final class BufferedWriter: Sendable {
    private let state = NIOLockedValueBox<(pending: [UInt8], scheduled: Bool)>(([], false))
    private let handle: FileHandle

    init(handle: FileHandle) { self.handle = handle }

    func append(_ line: String) {
        let flushNow = state.withLockedValue { state -> Bool in
            state.pending.append(contentsOf: line.utf8)
            state.pending.append(UInt8(ascii: "\n"))
            if state.pending.count > 65_536 { return true }
            if !state.scheduled {
                state.scheduled = true
                DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(50)) { [self] in
                    self.flush()
                }
            }
            return false
        }
        if flushNow { flush() }
    }

    func flush() {
        let bytes = state.withLockedValue { state -> [UInt8] in
            let bytes = state.pending
            state.pending.removeAll(keepingCapacity: true)
            state.scheduled = false
            return bytes
        }
        if !bytes.isEmpty { handle.write(Data(bytes)) }
    }
}

/// One line per request: method, path, status, runtime, segment, duration, JS CPU time.
struct RequestLogLine {
    var method: String
    var path: String
    var status: Int
    var runtime: String
    var segment: String
    var durationNanoseconds: Int64
    var cpuNanoseconds: Int64?
    var note: String?

    var text: String {
        // Appended into one string, numbers by integer arithmetic: with interpolation and
        // String(format:) (Foundation) the line cost a quarter of an edge hello request's
        // throughput.
        var line = ""
        line.reserveCapacity(method.utf8.count + path.utf8.count + runtime.utf8.count + segment.utf8.count + 48)
        line += method
        line += " "
        line += path
        line += " "
        line += String(status)
        line += " "
        line += runtime
        line += " "
        line += segment
        line += " "
        RequestLogLine.appendMilliseconds(durationNanoseconds, to: &line)
        if let cpuNanoseconds {
            line += " cpu="
            RequestLogLine.appendMilliseconds(cpuNanoseconds, to: &line)
        }
        if let note {
            line += " "
            line += note
        }
        return line
    }

    /// "0.042ms" under a millisecond (a fast edge request takes tens of microseconds),
    /// "3.14ms" under ten, "27ms" above; rounded half up.
    static func appendMilliseconds(_ nanoseconds: Int64, to line: inout String) {
        let nanoseconds = max(0, nanoseconds)
        let (unit, decimals): (Int64, Int) =
            nanoseconds < 999_500 ? (1_000, 3) : nanoseconds < 9_995_000 ? (10_000, 2) : (1_000_000, 0)
        let scaled = (nanoseconds + unit / 2) / unit
        var scale: Int64 = 1
        for _ in 0..<decimals { scale *= 10 }
        line += String(scaled / scale)
        if decimals > 0 {
            let fraction = String(scaled % scale)
            line += "."
            for _ in fraction.utf8.count..<decimals { line += "0" }
            line += fraction
        }
        line += "ms"
    }
}
