@_exported import CJavaScriptCore

/// A JavaScriptCore VM: one context group, one heap, one JIT and code cache, hosting
/// any number of realms (`JSRealm`). A VM is not thread-safe by contract: its owner
/// (VergeEdge's isolate) confines every call to one thread.
public final class JSVirtualMachine {
    public let group: JSContextGroupRef

    /// Called on the JS thread when an execution time limit is hit; true terminates the script.
    private var terminationHandler: (() -> Bool)?

    public init() {
        JSEngineOptions.apply
        group = JSContextGroupCreate()
    }

    deinit {
        JSContextGroupClearExecutionTimeLimit(group)
        if !heapFinalizers.isEmpty {
            JSContextGroupRemoveHeapFinalizer(group, Self.heapFinalizerCallback, Unmanaged.passUnretained(self).toOpaque())
            heapFinalizers.removeAll()
        }
        JSContextGroupRelease(group)
    }

    /// Limits the CPU time a single entry into JS (the outermost call from Swift, with the
    /// microtasks that drain after it) may use. JavaScriptCore's watchdog measures the
    /// thread's CPU time, not wall time. When it fires, `shouldTerminate` decides; returning
    /// true ends the running script with an uncatchable termination ("JavaScript execution
    /// terminated."), after which the VM stays usable.
    public func setExecutionTimeLimit(seconds: Double, shouldTerminate: @escaping () -> Bool) {
        terminationHandler = shouldTerminate
        timeLimit = seconds
        armWatchdog()
    }

    private var timeLimit: Double = 0
    private var terminationRequested = false
    private var heapFinalizers: [() -> Void] = []

    /// Ends the running script at the next check, even when the time limit is not reached
    /// (a garbage collection found the current task over its budget). JavaScriptCore resets
    /// the watchdog at each entry into the VM, which includes each microtask run after the
    /// outermost call: an endless chain of short microtasks never reaches a time limit, so
    /// the embedder must ask for termination itself.
    public func requestTermination() {
        guard timeLimit > 0 || terminationHandler != nil else { return }
        terminationRequested = true
        // A zero limit makes the next trap check call the callback at once.
        JSContextGroupSetExecutionTimeLimit(group, 0, Self.watchdogCallback, Unmanaged.passUnretained(self).toOpaque())
    }

    /// Clears a `requestTermination` after the script ended and restores the time limit.
    /// When the termination hit a microtask run after the outermost call returned, the VM
    /// still carries it and would fail the next call: evaluating a no-op in `context`
    /// absorbs it.
    public func clearTerminationRequest(absorbingIn context: JSContextRef?) {
        guard terminationRequested else { return }
        terminationRequested = false
        armWatchdog()
        if let context {
            JSStrings.with("void 0") { _ = JSEvaluateScript(context, $0, nil, nil, 1, nil) }
        }
    }

    public var isTerminationRequested: Bool { terminationRequested }

    /// Runs `body` after every garbage collection of this VM (on the JS thread when
    /// concurrent GC is off, as Verge configures it).
    public func addHeapFinalizer(_ body: @escaping () -> Void) {
        if heapFinalizers.isEmpty {
            JSContextGroupAddHeapFinalizer(group, Self.heapFinalizerCallback, Unmanaged.passUnretained(self).toOpaque())
        }
        heapFinalizers.append(body)
    }

    private static let heapFinalizerCallback: JSHeapFinalizer = { _, data in
        guard let data else { return }
        let vm = Unmanaged<JSVirtualMachine>.fromOpaque(data).takeUnretainedValue()
        for finalizer in vm.heapFinalizers { finalizer() }
    }

    private static let watchdogCallback: JSShouldTerminateCallback = { _, data in
        guard let data else { return true }
        let vm = Unmanaged<JSVirtualMachine>.fromOpaque(data).takeUnretainedValue()
        if vm.terminationRequested { return true }
        let terminate = vm.terminationHandler?() ?? true
        if !terminate { vm.armWatchdog() }
        return terminate
    }

    /// (Re)arms JavaScriptCore's watchdog. The build of JavaScriptCore on Debian 12 does not
    /// re-arm the timer when the callback declines to terminate (checked: a callback that
    /// returns false is never called again in the same entry), so the callback re-arms it.
    private func armWatchdog() {
        JSContextGroupSetExecutionTimeLimit(group, timeLimit, Self.watchdogCallback, Unmanaged.passUnretained(self).toOpaque())
    }

    public func clearExecutionTimeLimit() {
        JSContextGroupClearExecutionTimeLimit(group)
        terminationHandler = nil
    }
}

/// Heap figures JavaScriptCore reports for a VM (`JSGetMemoryUsageStatistics`).
public struct JSHeapStatistics: Sendable, Equatable {
    public var heapSize: Int
    public var heapCapacity: Int
    public var extraMemorySize: Int
    public var objectCount: Int
}
