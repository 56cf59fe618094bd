import NIOCore
import NIOPosix
import VergeJS

/// Runs one classic script in a fresh edge sandbox until its event loop is idle: what
/// `verge run` does, and what the conformance runner does per test file.
public enum ScriptRunner {
    public struct Outcome: Sendable {
        /// 0: clean; 1: uncaught errors or a limit hit; 2: the script did not parse.
        public var status: Int32
        public var uncaught: [UncaughtError]
        /// "file:line: SyntaxError: message" when the script did not parse.
        public var syntaxError: String?
        public var timedOut: Bool
    }

    /// Runs `source` on a new one-thread event loop and blocks until it is idle, returning
    /// the exit status. Output goes to `console`; uncaught errors also go to stderr.
    public static func run(source: String, sourceURL: String, limits: IsolateLimits = .unlimited,
                           env: [String: String] = [:], location: String? = nil,
                           console: ConsoleSink = .standardStreams) -> Int32 {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer { try? group.syncShutdownGracefully() }
        let outcome = try? run(on: group.next(), source: source, sourceURL: sourceURL, limits: limits,
                               env: env, location: location, console: console, timeout: nil).wait()
        guard let outcome else { return 1 }
        if let syntaxError = outcome.syntaxError { console.write(.error, syntaxError) }
        return outcome.status
    }

    /// Runs `source` in a new isolate on `eventLoop`. The future succeeds once the isolate is
    /// idle, or after `timeout` (then `timedOut` is set and pending work is cancelled).
    public static func run(on eventLoop: any EventLoop, source: String, sourceURL: String,
                           limits: IsolateLimits = .unlimited, env: [String: String] = [:],
                           location: String? = nil, console: ConsoleSink = .standardStreams,
                           eagerAPIs: Bool = false, timeout: TimeAmount?,
                           prelude: [(source: String, sourceURL: String)] = [],
                           postlude: [(source: String, sourceURL: String)] = [],
                           finalize: ((Realm, _ timedOut: Bool) -> Void)? = nil) -> EventLoopFuture<Outcome> {
        eventLoop.flatSubmit {
            let state = RunState()
            let isolate = Isolate(eventLoop: eventLoop, limits: limits, name: sourceURL)
            var options = RealmOptions()
            options.console = console
            options.env = env
            options.location = location
            options.eagerAPIs = eagerAPIs
            options.chargeCallbacksToInvocation = false
            options.onUncaught = { error in state.uncaught.append(error) }
            let realm: Realm
            do {
                realm = try isolate.makeRealm(name: sourceURL, options: options)
            } catch {
                console.write(.error, "verge: could not create the sandbox: \(error)")
                return eventLoop.makeSucceededFuture(Outcome(status: 1, uncaught: [], syntaxError: nil, timedOut: false))
            }

            // Parse first: a syntax error is exit status 2 with file:line.
            let scripts = prelude + [(source, sourceURL)] + postlude
            var compiled: [JSCompiledScript] = []
            for script in scripts {
                do {
                    compiled.append(try JSCompiledScript(vm: isolate.vm, source: script.source, sourceURL: script.sourceURL))
                } catch let error as JSException {
                    let line = error.line.map { ":\($0)" } ?? ""
                    let message = "\(script.sourceURL)\(line): SyntaxError: \(error.message)"
                    return eventLoop.makeSucceededFuture(Outcome(status: 2, uncaught: [], syntaxError: message, timedOut: false))
                } catch {
                    return eventLoop.makeSucceededFuture(Outcome(status: 2, uncaught: [], syntaxError: "\(error)", timedOut: false))
                }
            }
            for script in compiled {
                do {
                    let invocation = Invocation(cpuBudget: limits.startupCPUTime ?? limits.cpuTimePerInvocation,
                                                realmName: sourceURL)
                    try realm.run(invocation: invocation) { try realm.js.evaluate(script) }
                } catch {
                    realm.reportTaskError(error)
                }
            }

            let idle = isolate.whenIdle()
            let promise = eventLoop.makePromise(of: Outcome.self)
            var timer: Scheduled<Void>?
            if let timeout {
                timer = eventLoop.assumeIsolated().scheduleTask(in: timeout) {
                    state.timedOut = true
                    if !isolate.isCondemned { finalize?(realm, true) }
                    realm.close()
                    promise.succeed(state.outcome)
                }
            }
            idle.assumeIsolated().whenComplete { _ in
                timer?.cancel()
                guard !state.timedOut else { return }
                if !isolate.isCondemned { finalize?(realm, false) }
                realm.close()
                promise.succeed(state.outcome)
            }
            return promise.futureResult
        }
    }
}

private final class RunState {
    var uncaught: [UncaughtError] = []
    var timedOut = false
    var outcome: ScriptRunner.Outcome {
        ScriptRunner.Outcome(status: uncaught.isEmpty && !timedOut ? 0 : 1, uncaught: uncaught,
                             syntaxError: nil, timedOut: timedOut)
    }
}
