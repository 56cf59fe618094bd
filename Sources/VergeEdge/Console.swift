import Foundation

/// Console levels as runtime-apis/05_console.js passes them to `ops.print`.
public enum ConsoleLevel: Int, Sendable {
    case debug = 0, log = 1, info = 2, warn = 3, error = 4

    public var name: String {
        switch self {
        case .debug: return "debug"
        case .log: return "log"
        case .info: return "info"
        case .warn: return "warn"
        case .error: return "error"
        }
    }
}

/// Where a realm's console output goes.
public struct ConsoleSink: Sendable {
    public let write: @Sendable (ConsoleLevel, String) -> Void

    public init(_ write: @escaping @Sendable (ConsoleLevel, String) -> Void) {
        self.write = write
    }

    public func write(_ level: ConsoleLevel, _ text: String) { write(level, text) }

    /// log/info/debug to stdout, warn/error to stderr, each message followed by a newline.
    public static let standardStreams = ConsoleSink { level, text in
        let data = Data((text + "\n").utf8)
        switch level {
        case .warn, .error: FileHandle.standardError.write(data)
        default: FileHandle.standardOutput.write(data)
        }
    }

    /// Prefixes every line with a tag (the server uses the segment name).
    public static func tagged(_ tag: String, into sink: ConsoleSink) -> ConsoleSink {
        ConsoleSink { level, text in
            let prefixed = text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { "[\(tag)] \($0)" }.joined(separator: "\n")
            sink.write(level, prefixed)
        }
    }

    /// Discards everything.
    public static let discard = ConsoleSink { _, _ in }
}
