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

/// CPU time the calling thread has used (CLOCK_THREAD_CPUTIME_ID), in nanoseconds.
@inline(__always)
func threadCPUTimeNanoseconds() -> Int64 {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
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
