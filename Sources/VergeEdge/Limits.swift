#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Limits enforced at the isolate seam (see docs/limits.md).
public struct IsolateLimits: Sendable, Equatable {
    /// CPU time one invocation (a request, or one task in `verge run`) may spend in JS.
    /// nil: unlimited.
    public var cpuTimePerInvocation: Duration?
    /// CPU time evaluating a script at startup (a bundle, the `verge run` file) may take.
    public var startupCPUTime: Duration?
    /// Live heap an isolate may hold before it is condemned. nil: unlimited.
    public var heapBytes: Int?
    /// How often the watchdog looks at a running script (CPU budget and heap), in CPU time.
    public var watchdogInterval: Duration
    /// Network requests (`fetch()` calls, each redirect hop included) one invocation may
    /// start; later ones reject with a TypeError. nil: unlimited. `data:` URLs do not count.
    public var subrequestsPerInvocation: Int?

    public init(cpuTimePerInvocation: Duration? = nil, startupCPUTime: Duration? = nil,
                heapBytes: Int? = nil, watchdogInterval: Duration = .milliseconds(5),
                subrequestsPerInvocation: Int? = nil) {
        self.cpuTimePerInvocation = cpuTimePerInvocation
        self.startupCPUTime = startupCPUTime
        self.heapBytes = heapBytes
        self.watchdogInterval = watchdogInterval
        self.subrequestsPerInvocation = subrequestsPerInvocation
    }

    /// The edge sandbox defaults for the server (docs/limits.md): 50 ms CPU per request,
    /// 1 s to evaluate a bundle, 128 MB heap, 50 subrequests per request.
    ///
    /// The watchdog looks every 20 ms: each look is a JavaScriptCore trap, and handling one
    /// walks every compiled function of the VM (tens of thousands with a hundred segments
    /// loaded); JavaScriptCore arms its timer at each entry and lets it fire even after the
    /// entry returned, so under load a trap fires every interval. At 5 ms that walk took an
    /// eighth of the CPU of booting segments. A runaway script is stopped within 20 ms of
    /// CPU past its budget.
    public static let edgeDefaults = IsolateLimits(
        cpuTimePerInvocation: .milliseconds(50), startupCPUTime: .seconds(1), heapBytes: 128 << 20,
        watchdogInterval: .milliseconds(20), subrequestsPerInvocation: 50)

    /// No limits (the default of `verge run`).
    public static let unlimited = IsolateLimits()

    var needsWatchdog: Bool { cpuTimePerInvocation != nil || startupCPUTime != nil || heapBytes != nil }
}

/// CPU time the calling thread has used (CLOCK_THREAD_CPUTIME_ID), in nanoseconds. A system
/// call: 0.53 µs idle, about 0.85 µs under load on the benchmark machine.
@inline(__always)
func threadCPUTimeNanoseconds() -> Int64 {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
}

/// Times the JS entries of one event-loop thread, as the CPU time they are charged.
///
/// Reading the thread CPU clock at both ends of every entry was 6 % of an edge hello request
/// (two system calls); the monotonic clock is read in the vDSO (22 ns). An entry runs
/// synchronously on its thread, so its monotonic duration is its CPU time plus whatever time
/// the kernel took the core away. Short entries (under `longEntry`) are charged that duration:
/// at most `longEntry` more than their CPU time, and equal unless preempted. Longer ones are
/// charged from the thread CPU clock, read at their end against a reference reading taken at
/// the start of an entry at most `longEntry` earlier, so a loaded machine, where preemption
/// stretches entries, does not inflate them (the reference is refreshed at an entry's start
/// when older than `longEntry`: about one system call a millisecond under load).
struct EntryClock {
    static let longEntry: Int64 = 1_000_000

    private var start: Int64 = 0
    private var referenceWall = Int64.min / 2
    private var referenceCPU: Int64 = 0

    mutating func begin() {
        let now = monotonicNanoseconds()
        start = now
        if now - referenceWall > EntryClock.longEntry {
            referenceWall = now
            referenceCPU = threadCPUTimeNanoseconds()
        }
    }

    /// What the running entry has used so far, to charge as CPU time.
    func elapsed() -> Int64 {
        let wall = monotonicNanoseconds() - start
        guard wall >= EntryClock.longEntry else { return wall }
        return min(wall, threadCPUTimeNanoseconds() - referenceCPU)
    }
}

/// Monotonic wall time in nanoseconds.
@inline(__always)
func monotonicNanoseconds() -> Int64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
}

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    var milliseconds: Double { Double(nanoseconds) / 1_000_000 }
}
