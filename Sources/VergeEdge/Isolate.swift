import NIOCore
import VergeCache
import VergeJS

#if canImport(Glibc)
import Glibc
#endif

/// One JavaScriptCore VM confined to one SwiftNIO event loop, hosting realms.
///
/// Every call into JS happens on `eventLoop` and passes through `enter(_:invocation:_:)`,
/// the one seam where limits are enforced (CPU per invocation, heap per isolate), idleness
/// is tracked and uncaught errors are reported. Other threads hop to the loop (`execute`).
///
/// Microtasks: JavaScriptCore drains the microtask queue when the outermost API call
/// returns, so each entry through the seam is one task followed by a microtask checkpoint,
/// as in HTML's event loop.
public final class Isolate {
    public let eventLoop: any EventLoop
    public let vm: JSVirtualMachine
    public let limits: IsolateLimits
    public let name: String

    /// Set once a limit breach may have left the VM in a bad state; it then takes no work.
    public private(set) var condemnedReason: String?
    public var isCondemned: Bool { condemnedReason != nil }

    /// Realms alive in this isolate.
    public private(set) var realms: [Realm] = []

    /// Timers and host operations not yet completed, over every realm.
    public private(set) var pendingWork = 0
    private var idleWaiters: [EventLoopPromise<Void>] = []

    /// The invocation whose JS is running now (nil between tasks).
    public private(set) var currentInvocation: Invocation?
    private var entryDepth = 0
    private var entryClock = EntryClock()
    /// Runtime work inside the current entry that is not the invocation's to pay: loading a
    /// runtime-apis module on first use (parsing and running its top level, which in a fresh
    /// VM takes milliseconds). Charging it made a segment's first request pay for whichever
    /// Web APIs it touched first.
    private var unchargedNanoseconds: Int64 = 0
    private var unchargedStart: Int64?
    /// Work to run once the current entry has unwound and been charged (`whenEntryEnds`).
    private var afterEntry: [() -> Void] = []

    // Heap checks: JSGetMemoryUsageStatistics costs milliseconds (it takes a census of the
    // heap), so it runs only when the process RSS grew noticeably since the last check,
    // and otherwise every 10 seconds.
    private var lastHeapCheckRSS = 0
    private var lastHeapCheckTime: Int64 = 0
    /// When RSS was last read: reading /proc/self/statm costs three syscalls, so tasks in
    /// the same millisecond share one reading (a task that allocates much runs longer).
    private var lastRSSSampleTime: Int64 = 0
    public private(set) var lastHeapSize = 0
    /// The live heap size: a census of the heap (JSGetMemoryUsageStatistics). Tests stand in
    /// a slow one.
    var heapSizeReader: (Realm) -> Int = { $0.js.heapStatistics().heapSize }

    /// runtime-apis modules compiled for this VM (JSScriptRef), shared by all its realms.
    var compiledModules: [String: JSCompiledScript] = [:]

    public init(eventLoop: any EventLoop, limits: IsolateLimits = .unlimited, name: String = "isolate") {
        self.eventLoop = eventLoop
        self.vm = JSVirtualMachine()
        self.limits = limits
        self.name = name
        lastHeapCheckRSS = residentSetSize()
        lastHeapCheckTime = monotonicNanoseconds()
        if limits.needsWatchdog {
            let interval = Double(limits.watchdogInterval.nanoseconds) / 1e9
            // weak: a JSValue still held elsewhere (a pending host operation's promise) can
            // keep the VM, and so these callbacks, alive after the isolate is gone.
            vm.setExecutionTimeLimit(seconds: interval) { [weak self] in self?.watchdogTick() ?? false }
            // Microtasks run after the outermost call each start the watchdog afresh, so a
            // chain of them never trips it; garbage collections (which such chains cause)
            // check the budget instead.
            vm.addHeapFinalizer { [weak self] in self?.checkBudgetAfterCollection() }
        }
    }

    deinit {
        for realm in realms { realm.closeWithoutDetaching() }
    }

    /// Creates a realm with the Web APIs installed.
    public func makeRealm(name: String, options: RealmOptions = RealmOptions()) throws -> Realm {
        eventLoop.preconditionInEventLoop()
        if let condemnedReason { throw EdgeError.isolateCondemned(reason: condemnedReason) }
        let realm = try Realm(isolate: self, name: name, options: options)
        realms.append(realm)
        return realm
    }

    func detach(_ realm: Realm) {
        realms.removeAll { $0 === realm }
        checkIdle()
    }

    // MARK: The seam

    /// Runs `body` (which calls into JS for `realm`) as one task of `invocation`, enforcing the
    /// CPU budget and heap limit. Nested entries (JS → Swift → JS) run inline.
    ///
    /// A CPU or heap breach ends the entry and throws `EdgeError`; other errors pass through.
    @discardableResult
    public func enter<T>(_ realm: Realm, invocation: Invocation? = nil, _ body: () throws -> T) throws -> T {
        eventLoop.preconditionInEventLoop()
        if entryDepth > 0 { return try body() }
        if let condemnedReason { throw EdgeError.isolateCondemned(reason: condemnedReason) }
        guard !realm.isClosed else { throw EdgeError.realmClosed(realm: realm.name) }
        let invocation = invocation ?? Invocation(cpuBudget: limits.cpuTimePerInvocation, realmName: realm.name)
        if let breach = invocation.breach { throw breach }
        currentInvocation = invocation
        entryDepth = 1
        entryClock.begin()
        unchargedNanoseconds = 0
        unchargedStart = nil
        defer {
            vm.clearTerminationRequest(absorbingIn: realm.js.context)
            invocation.cpuNanoseconds += chargedEntryCPU()
            unchargedStart = nil
            entryDepth = 0
            currentInvocation = nil
            afterTask(realm)
            if !afterEntry.isEmpty {
                let work = afterEntry
                afterEntry.removeAll()
                for body in work { body() }
            }
            // Told only now, with the entry unwound: a breach found by the watchdog (in a
            // trap) or after a garbage collection (in a heap finalizer, where allocating
            // aborts the process) must not run the embedder's handler, which calls into JS.
            invocation.notifyBreach()
        }
        do {
            let result = try body()
            if vm.isTerminationRequested, let breach = invocation.breach {
                // The budget ran out in microtasks after the call returned; they were ended.
                realm.mayBeCorrupt = true
                throw breach
            }
            return result
        } catch let exception as JSException where exception.isTermination {
            if invocation.breach == nil {
                invocation.breach = .cpuTimeLimitExceeded(limit: invocation.cpuBudget ?? .zero, realm: realm.name)
            }
            realm.mayBeCorrupt = true
            throw invocation.breach ?? EdgeError.cpuTimeLimitExceeded(limit: invocation.cpuBudget ?? .zero, realm: realm.name)
        }
    }

    /// CPU time the current entry has used (`EntryClock`), less its uncharged runtime work.
    private func chargedEntryCPU() -> Int64 {
        let running = unchargedStart.map { threadCPUTimeNanoseconds() - $0 } ?? 0
        return max(0, entryClock.elapsed() - unchargedNanoseconds - running)
    }

    /// ops.moduleLoadBegin/End: the outermost runtime-apis module load in this entry, not
    /// charged to the invocation.
    func beginUnchargedWork() {
        guard entryDepth > 0, unchargedStart == nil else { return }
        unchargedStart = threadCPUTimeNanoseconds()
    }

    func endUnchargedWork() {
        guard let start = unchargedStart else { return }
        unchargedNanoseconds += threadCPUTimeNanoseconds() - start
        unchargedStart = nil
    }

    /// Runs on the JS thread each `watchdogInterval` of CPU time a single entry uses.
    /// Returns true to terminate the running script.
    private func watchdogTick() -> Bool {
        guard let invocation = currentInvocation else { return false }
        let used = invocation.cpuNanoseconds + chargedEntryCPU()
        if let budget = invocation.cpuBudget, used > budget.nanoseconds {
            invocation.breach = .cpuTimeLimitExceeded(limit: budget, realm: invocation.realmName)
            // Recorded as a termination request, so that `enter` also ends a task whose
            // termination hit a microtask after the call returned, and absorbs it.
            vm.requestTermination()
            return true
        }
        if let breach = checkHeap(force: false, realmName: invocation.realmName) {
            invocation.breach = breach
            vm.requestTermination()
            return true
        }
        return false
    }

    private func checkBudgetAfterCollection() {
        guard entryDepth > 0, let invocation = currentInvocation, invocation.breach == nil else { return }
        let used = invocation.cpuNanoseconds + chargedEntryCPU()
        if let budget = invocation.cpuBudget, used > budget.nanoseconds {
            invocation.breach = .cpuTimeLimitExceeded(limit: budget, realm: invocation.realmName)
            vm.requestTermination()
        }
    }

    private func afterTask(_ realm: Realm) {
        if let breach = checkHeap(force: false, realmName: realm.name) {
            realm.reportUncaught(message: String(describing: breach), kind: .limit)
        }
        checkIdle()
    }

    /// Reads the heap when due; condemns the isolate when the live heap exceeds the limit.
    private func checkHeap(force: Bool, realmName: String) -> EdgeError? {
        guard let limit = limits.heapBytes, condemnedReason == nil, let anyRealm = realms.first else { return nil }
        let now = monotonicNanoseconds()
        guard force || now - lastRSSSampleTime >= 1_000_000 else { return nil }
        lastRSSSampleTime = now
        let rss = residentSetSize()
        // The heap can only pass the limit by growing, and its growth shows in RSS: census
        // again once RSS grew by half the room the last census left (at least 8 MB), so a
        // heap far below the limit is rarely counted and one near it often. A census of a
        // 100 MB heap takes over 10 ms, paid by whichever request triggers it.
        let room = max((limit - lastHeapSize) / 2, 8 << 20)
        let grew = rss - lastHeapCheckRSS > room
        guard force || grew || now - lastHeapCheckTime > 10_000_000_000 else { return nil }
        lastHeapCheckTime = now
        lastHeapCheckRSS = rss
        // The census is the runtime's own work, not the running invocation's: on a large heap
        // it takes milliseconds, which would count against whichever request the watchdog
        // happened to interrupt.
        let uncharged = entryDepth > 0 && unchargedStart == nil
        if uncharged { beginUnchargedWork() }
        let size = heapSizeReader(anyRealm)
        if uncharged { endUnchargedWork() }
        lastHeapSize = size
        guard size > limit else { return nil }
        let breach = EdgeError.heapLimitExceeded(limit: limit, heapSize: size, realm: realmName)
        condemn(reason: breach.description)
        return breach
    }

    /// Marks the isolate unusable: its owner replaces it. Pending work is dropped.
    public func condemn(reason: String) {
        guard condemnedReason == nil else { return }
        condemnedReason = reason
        for realm in realms { realm.cancelPendingWork() }
        checkIdle()
    }

    // MARK: Pending work and idleness

    func workStarted() { pendingWork += 1 }

    func workFinished() {
        pendingWork -= 1
        if entryDepth == 0 { checkIdle() }
    }

    /// True when no timer is armed and no host operation is pending.
    public var isIdle: Bool { pendingWork == 0 }

    /// Succeeds once the isolate has no armed timers and no pending host operations.
    public func whenIdle() -> EventLoopFuture<Void> {
        eventLoop.preconditionInEventLoop()
        if isIdle { return eventLoop.makeSucceededVoidFuture() }
        let promise = eventLoop.makePromise(of: Void.self)
        idleWaiters.append(promise)
        return promise.futureResult
    }

    private func checkIdle() {
        guard isIdle, !idleWaiters.isEmpty else { return }
        let waiters = idleWaiters
        idleWaiters.removeAll()
        for waiter in waiters { waiter.succeed() }
    }

    /// Runs `body` once the entry now running for `invocation` has unwound and been charged,
    /// and returns true; returns false (and does nothing) when no entry of it is running.
    /// (The server logs a request's CPU time this way, so the figure includes the whole
    /// entry that answered it.) `body` must not call into JS.
    public func whenEntryEnds(of invocation: Invocation, _ body: @escaping () -> Void) -> Bool {
        guard entryDepth > 0, currentInvocation === invocation else { return false }
        afterEntry.append(body)
        return true
    }

    /// CPU time `invocation` has used, including the call running now if it is current.
    public func cpuTime(of invocation: Invocation) -> Int64 {
        if entryDepth > 0, currentInvocation === invocation {
            return invocation.cpuNanoseconds + chargedEntryCPU()
        }
        return invocation.cpuNanoseconds
    }

    /// Forces a heap measurement now (tests, `verge run` statistics).
    public func measureHeap() -> Int {
        guard let realm = realms.first else { return 0 }
        lastHeapSize = heapSizeReader(realm)
        return lastHeapSize
    }
}

/// One unit of work charged against a CPU budget: a request, or one task in `verge run`.
/// Timers and host operations started during an invocation are charged to it.
public final class Invocation {
    public let cpuBudget: Duration?
    public let realmName: String
    /// CPU time its JS has used so far.
    public internal(set) var cpuNanoseconds: Int64 = 0
    /// Set when a limit ended it; later entries for it fail at once.
    public internal(set) var breach: EdgeError?
    /// Called once, on the isolate's loop, when a limit ends this invocation (the server
    /// answers the request with 503 and tears it down), after the entry that hit the limit
    /// has unwound.
    public var onBreach: ((EdgeError) -> Void)?

    func notifyBreach() {
        guard let breach, let onBreach else { return }
        self.onBreach = nil
        onBreach(breach)
    }
    /// What the embedder associates with it (the server: its request).
    public var tag: Int = 0
    /// Network requests (fetch, redirect hops included) it has started, counted against
    /// `IsolateLimits.subrequestsPerInvocation`.
    public internal(set) var subrequests = 0
    /// The data cache context of the request it serves (its path's implicit tags, whether
    /// reads bypass the cache); nil: the realm's (`RealmOptions.dataCache`).
    public var cacheContext: RequestCacheContext?

    public init(cpuBudget: Duration?, realmName: String) {
        self.cpuBudget = cpuBudget
        self.realmName = realmName
    }

    public var cpuTime: Duration { .nanoseconds(cpuNanoseconds) }
}

/// The process's resident set size in bytes (from /proc/self/statm), 0 when unknown.
func residentSetSize() -> Int {
    // Read at most once a millisecond per loop under load: one pread of a descriptor kept
    // open, parsed on the stack (open, read, close and an array of fields showed up).
    guard statmDescriptor >= 0 else { return 0 }
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 128) { buffer in
        let count = pread(statmDescriptor, buffer.baseAddress, 128, 0)
        guard count > 0 else { return 0 }
        // "size resident shared ..." in pages: the second field.
        var field = 0
        var resident = 0
        for byte in buffer[0..<count] {
            if byte == UInt8(ascii: " ") {
                field += 1
                if field > 1 { break }
            } else if field == 1, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                resident = resident * 10 + Int(byte - UInt8(ascii: "0"))
            }
        }
        return resident * pageSize
    }
}

private let statmDescriptor = open("/proc/self/statm", O_RDONLY | O_CLOEXEC)
private let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
