#if canImport(Glibc)
import Glibc
#endif

/// JavaScriptCore options Verge runs with. JavaScriptCore reads its options from `JSC_*`
/// environment variables once, when the first VM is created, so they are set here, before
/// that; a value the user already set in the environment wins (to experiment, or to debug).
///
/// Why each one (measured on this machine, docs/benchmarks.md):
/// - `usePollingTraps`: the CPU-time watchdog fires every few milliseconds while requests
///   run. With signal-based traps each firing interrupts the thread with a signal, and when
///   optimized code is on the stack JavaScriptCore throws that code away to reach a safe
///   point; the hot request path kept being recompiled (JSC_verboseOSR showed `respond`
///   re-optimized 134 times in 4 s). Polling traps check a flag at loop back-edges and
///   function entries instead, and optimized code stays.
/// - `thresholdForOptimizeAfter(Long)WarmUp`: each realm has its own copies of the
///   runtime-apis functions, with their own execution counters, so the bootstrap's helpers
///   (run a few hundred times per realm, then never again) reached the optimizing compiler
///   in every new realm: about 4 of a warm realm's 7 ms boot went to the DFG compiler
///   (measured with JSC_useDFGJIT=0 and with these thresholds; the "optimize soon"
///   threshold made no difference and keeps its default). A higher warm-up threshold keeps
///   code that is hot only during a boot in the baseline tiers; code hot across requests
///   still reaches the optimizing tiers within about a thousand calls.
/// - `thresholdForJITAfterWarmUp`, `thresholdForJITSoon` (the baseline JIT): compiled code
///   belongs to one realm, but "this function was optimized before" is remembered per VM,
///   and such a function is compiled again after only 100 calls in every new realm (the
///   "soon" threshold). So each segment's boot and first request paid the baseline compiler
///   for runtime code the first segment had made hot, and for boot helpers run a few
///   hundred times per realm: a first request to a segment took about 0.7 ms less with
///   these (p50 6.5 → 5.8 ms over 4 runs of 100 cold segments; with the JIT off entirely it
///   was no slower than with the defaults). Request-path code in a new realm runs in the
///   interpreter for its first thousand calls or so (a few hundred requests), then as before.
public enum JSEngineOptions {
    public static let settings: [(name: String, value: String)] = [
        ("usePollingTraps", "true"),
        ("thresholdForOptimizeAfterWarmUp", "20000"),
        ("thresholdForOptimizeAfterLongWarmUp", "20000"),
        ("thresholdForJITAfterWarmUp", "5000"),
        ("thresholdForJITSoon", "1000"),
    ]

    /// Applies `settings` once per process; call before creating a VM.
    public static let apply: Void = {
        for setting in settings {
            setenv("JSC_" + setting.name, setting.value, 0)
        }
    }()
}
