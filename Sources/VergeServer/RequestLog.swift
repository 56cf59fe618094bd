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
        var line = "\(method) \(path) \(status) \(runtime) \(segment) \(format(durationNanoseconds))"
        if let cpuNanoseconds { line += " cpu=\(format(cpuNanoseconds))" }
        if let note { line += " \(note)" }
        return line
    }

    private func format(_ nanoseconds: Int64) -> String {
        let ms = Double(nanoseconds) / 1_000_000
        // Microseconds under a millisecond: a fast edge request takes tens of them.
        if ms < 1 { return String(format: "%.3fms", ms) }
        if ms < 10 { return String(format: "%.2fms", ms) }
        return String(format: "%.0fms", ms)
    }
}
