import NIOCore
import VergeCache
import VergeJS

/// How a realm is set up.
public struct RealmOptions {
    /// What `process.env` holds (nothing of the host environment leaks in otherwise).
    public var env: [String: String] = [:]
    /// Where `console` output goes. Defaults to stdout (log/info/debug) and stderr (warn/error).
    public var console: ConsoleSink = .standardStreams
    /// Called for each uncaught exception or unhandled rejection no listener cancelled.
    public var onUncaught: ((UncaughtError) -> Void)?
    /// Load every runtime-apis file at creation instead of on first touch of its globals.
    public var eagerAPIs = false
    /// `location` and the base URL for relative URLs (`verge run --location`), nil for none.
    public var location: String?
    /// Charge timers and host operations to the invocation that started them (requests),
    /// or give each task its own budget (`verge run`).
    public var chargeCallbacksToInvocation = true
    /// Extra ops for this realm's runtime-apis (the HTTP server adds its own), merged into
    /// `core.ops`. Never reachable from user code.
    public var hostOps: [HostOp] = []
    /// The data cache `fetch` uses, with the segment's config (`fetchCache`, `revalidate`).
    /// nil: fetch never caches (`verge run`, conformance).
    public var dataCache: RequestCacheContext?

    public init() {}
}

/// An op an embedder adds to a realm (see `RealmOptions.hostOps`).
public struct HostOp {
    public var name: String
    public var body: (Realm) -> JSNativeFunction

    /// `body` receives the realm and returns the function; capture the realm `unowned`.
    public init(_ name: String, _ body: @escaping (Realm) -> JSNativeFunction) {
        self.name = name
        self.body = body
    }
}

/// An uncaught JS error, as reported to the embedder.
public struct UncaughtError: Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case exception, unhandledRejection, limit
    }
    public var kind: Kind
    public var realm: String
    /// Formatted like a console: "Uncaught Error: message" then the JS stack.
    public var message: String
    public var description: String { message }
}

/// One edge realm: a global object with its own copy of the Web APIs, inside an isolate.
/// Segments never share a realm. All methods run on the isolate's event loop.
public final class Realm {
    public unowned let isolate: Isolate
    public let js: JSRealm
    public let name: String
    public let options: RealmOptions

    /// Functions the bootstrap returned for Swift to call (timers, error reporting, …).
    var hooks: JSValue?
    private var hookCache: [String: JSValue] = [:]
    private var timers: [Int: Scheduled<Void>] = [:]
    /// Armed timers that do not keep the isolate busy (AbortSignal.timeout's).
    private var unrefTimers: Set<Int> = []
    private var pendingOperations = 0
    public private(set) var isClosed = false
    /// True after a limit ended a script mid-way: its objects may be half-updated.
    public internal(set) var mayBeCorrupt = false

    init(isolate: Isolate, name: String, options: RealmOptions) throws {
        self.isolate = isolate
        self.name = name
        self.options = options
        self.js = JSRealm(vm: isolate.vm, name: name)
        js.setEvalEnabled(false, message: "Code generation from strings disallowed for this context")
        try bootstrap()
    }

    deinit {
        closeWithoutDetaching()
    }

    /// Closes the realm: cancels its timers, drops pending host results, frees its closures.
    public func close() {
        guard !isClosed else { return }
        closeWithoutDetaching()
        isolate.detach(self)
    }

    func closeWithoutDetaching() {
        guard !isClosed else { return }
        cancelPendingWork()
        isClosed = true
        hooks = nil
        hookCache.removeAll()
        js.close()
    }

    func cancelPendingWork() {
        for (id, timer) in timers {
            timer.cancel()
            if !unrefTimers.contains(id) { isolate.workFinished() }
        }
        timers.removeAll()
        unrefTimers.removeAll()
        // Host operations in flight finish later; `completeHostOperation` drops their results.
    }

    // MARK: Running code

    /// Evaluates a classic script (top-level declarations become globals) as one task.
    @discardableResult
    public func evaluate(_ source: String, sourceURL: String, invocation: Invocation? = nil) throws -> JSValue {
        let invocation = invocation ?? Invocation(
            cpuBudget: isolate.limits.startupCPUTime ?? isolate.limits.cpuTimePerInvocation, realmName: name)
        return try isolate.enter(self, invocation: invocation) {
            try js.evaluate(source, sourceURL: sourceURL)
        }
    }

    /// Runs `body` as one task of `invocation` (default: a new one with the per-invocation budget).
    @discardableResult
    public func run<T>(invocation: Invocation? = nil, _ body: () throws -> T) throws -> T {
        try isolate.enter(self, invocation: invocation, body)
    }

    /// The exports of a runtime-apis module in this realm (loading it if needed).
    public func module(_ name: String) throws -> JSValue {
        try hook("requireModule").call([js.string(name)])
    }

    /// A bootstrap hook by name (cached).
    func hook(_ name: String) throws -> JSValue {
        if let cached = hookCache[name] { return cached }
        guard let hooks else { throw EdgeError.realmClosed(realm: self.name) }
        let value = try hooks.get(name)
        hookCache[name] = value
        return value
    }

    /// Reports an error the way an uncaught one is: console, then the embedder.
    func reportUncaught(message: String, kind: UncaughtError.Kind) {
        options.console.write(.error, message)
        options.onUncaught?(UncaughtError(kind: kind, realm: name, message: message))
    }

    /// Reports an error thrown out of a task (a timer callback, a host completion, …) through
    /// the global `error` event, or straight to the embedder when it is a limit breach.
    func reportTaskError(_ error: any Error) {
        if let edgeError = error as? EdgeError {
            if case .cpuTimeLimitExceeded = edgeError { mayBeCorrupt = true }
            reportUncaught(message: edgeError.description, kind: .limit)
            return
        }
        if let exception = error as? JSException, let value = exception.value, !isClosed,
           let report = try? hook("reportException") {
            do {
                try isolate.enter(self) { try report.call([value]) }
                return
            } catch {}
        }
        reportUncaught(message: "Uncaught \(error)", kind: .exception)
    }

    // MARK: Timers (the HTML timer queue lives in JS; Swift only arms the deadlines)

    /// Arms timer `id`. A timer that does not keep the isolate alive (`keepsAlive` false)
    /// does not count as pending work: the isolate may go idle before it fires.
    func startTimer(id: Int, milliseconds: Double, keepsAlive: Bool = true) {
        let invocation = callbackInvocation()
        // Clamped so that huge values cannot overflow (about 31 years).
        let delay = TimeAmount.nanoseconds(Int64(min(max(0, milliseconds), 1e12) * 1_000_000))
        // Weak: NIO runs every task due in a loop tick from a copied list, so a timer
        // cancelled by an earlier task of the same tick (one that closed this realm) still runs.
        let task = isolate.eventLoop.assumeIsolated().scheduleTask(in: delay) { [weak self] () -> Void in
            guard let self else { return }
            self.fireTimer(id: id, invocation: invocation)
        }
        if let previous = timers.updateValue(task, forKey: id) {
            previous.cancel()
            if unrefTimers.remove(id) == nil { isolate.workFinished() }
        }
        if keepsAlive {
            isolate.workStarted()
        } else {
            unrefTimers.insert(id)
        }
    }

    func cancelTimer(id: Int) {
        guard let task = timers.removeValue(forKey: id) else { return }
        task.cancel()
        if unrefTimers.remove(id) == nil { isolate.workFinished() }
    }

    private func fireTimer(id: Int, invocation: Invocation?) {
        guard timers.removeValue(forKey: id) != nil else { return }
        let keptAlive = unrefTimers.remove(id) == nil
        defer { if keptAlive { isolate.workFinished() } }
        guard !isClosed, !isolate.isCondemned else { return }
        do {
            let run = try hook("runTimer")
            try isolate.enter(self, invocation: invocation) {
                try run.callRaw([js.makeNumber(Double(id))])
            }
        } catch {
            reportTaskError(error)
        }
    }

    /// The invocation a callback scheduled now is charged to.
    func callbackInvocation() -> Invocation? {
        options.chargeCallbacksToInvocation ? isolate.currentInvocation : nil
    }

    // MARK: Host operations

    /// Starts a host operation: something outside JS (a thread, a socket, an HTTP request) whose
    /// result settles a promise later on this loop. Returns the promise for JS.
    public func hostOperation<T: Sendable>(
        _ future: EventLoopFuture<T>,
        resolve: @escaping (T) throws -> JSValueRef?
    ) throws -> JSValueRef {
        let deferred = try JSDeferredPromise(in: js)
        let invocation = callbackInvocation()
        pendingOperations += 1
        isolate.workStarted()
        future.hop(to: isolate.eventLoop).assumeIsolated().whenComplete { [weak self] result in
            guard let self else { return }
            self.completeHostOperation(invocation: invocation) {
                switch result {
                case .success(let value):
                    deferred.resolve(try resolve(value))
                case .failure(let error):
                    deferred.reject(error)
                }
            }
        }
        return deferred.promise.ref
    }

    /// Runs `work` off the loop (on Swift's concurrency pool) and settles the promise with it.
    public func hostOperation<T: Sendable>(
        _ work: @escaping @Sendable () async throws -> T,
        resolve: @escaping (T) throws -> JSValueRef?
    ) throws -> JSValueRef {
        let promise = isolate.eventLoop.makePromise(of: T.self)
        promise.completeWithTask(work)
        return try hostOperation(promise.futureResult, resolve: resolve)
    }

    private func completeHostOperation(invocation: Invocation?, _ settle: () throws -> Void) {
        pendingOperations -= 1
        defer { isolate.workFinished() }
        guard !isClosed, !isolate.isCondemned else { return }
        do {
            try isolate.enter(self, invocation: invocation) {
                do { try settle() } catch let error as JSException { throw error } catch {
                    // A Swift failure while converting a result: surface it in JS.
                    throw js.exception(.error(String(describing: error)))
                }
            }
        } catch {
            reportTaskError(error)
        }
    }

    /// Number of host operations in flight for this realm.
    public var pendingHostOperations: Int { pendingOperations }
    public var armedTimers: Int { timers.count }
}
