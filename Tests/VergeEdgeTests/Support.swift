import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
@testable import VergeEdge

/// Collects console output of a sandbox.
final class ConsoleRecorder: Sendable {
    private let lines = NIOLockedValueBox<[(ConsoleLevel, String)]>([])

    var sink: ConsoleSink {
        ConsoleSink { level, text in self.lines.withLockedValue { $0.append((level, text)) } }
    }

    var output: [String] { lines.withLockedValue { $0.map(\.1) } }
    var errors: [String] { lines.withLockedValue { $0.filter { $0.0 == .error }.map(\.1) } }
}

/// The tests' event loops: several, so that a test whose script runs long (a CPU or heap
/// limit being reached) does not hold the timers of the tests queued behind it past their
/// timeouts. Each test's isolate stays on the one loop it was given.
let testGroup = MultiThreadedEventLoopGroup(numberOfThreads: 4)

/// Runs `source` in a fresh sandbox until idle; returns the outcome and console lines.
func runScript(_ source: String, limits: IsolateLimits = .unlimited, env: [String: String] = [:],
               timeout: TimeAmount = .seconds(60)) async throws -> (ScriptRunner.Outcome, ConsoleRecorder) {
    let recorder = ConsoleRecorder()
    let outcome = try await ScriptRunner.run(on: testGroup.next(), source: source, sourceURL: "test.js",
                                             limits: limits, env: env, console: recorder.sink,
                                             timeout: timeout).get()
    return (outcome, recorder)
}

/// Runs `body` on the test loop with a fresh isolate and realm.
func onIsolate<T: Sendable>(limits: IsolateLimits = .unlimited,
                            _ body: @escaping (Isolate, Realm) throws -> T) async throws -> T {
    let loop = testGroup.next()
    return try await loop.submit {
        let isolate = Isolate(eventLoop: loop, limits: limits)
        var options = RealmOptions()
        options.console = .discard
        let realm = try isolate.makeRealm(name: "test", options: options)
        defer { realm.close() }
        return try body(isolate, realm)
    }.get()
}
