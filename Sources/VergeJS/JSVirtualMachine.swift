@_exported import CJavaScriptCore

/// A JavaScriptCore VM: one context group, one heap, one JIT and code cache, hosting
/// any number of realms (`JSRealm`). A VM is not thread-safe by contract: its owner
/// (VergeEdge's isolate) confines every call to one thread.
public final class JSVirtualMachine {
    public let group: JSContextGroupRef

    /// Called on the JS thread when an execution time limit is hit; true terminates the script.
    private var terminationHandler: (() -> Bool)?

    public init() {
        group = JSContextGroupCreate()
    }

    deinit {
        JSContextGroupClearExecutionTimeLimit(group)
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

    /// (Re)arms JavaScriptCore's watchdog. The build of JavaScriptCore on Debian 12 does not
    /// re-arm the timer when the callback declines to terminate (checked: a callback that
    /// returns false is never called again in the same entry), so the callback re-arms it.
    private func armWatchdog() {
        let context = Unmanaged.passUnretained(self).toOpaque()
        JSContextGroupSetExecutionTimeLimit(group, timeLimit, { _, data in
            guard let data else { return true }
            let vm = Unmanaged<JSVirtualMachine>.fromOpaque(data).takeUnretainedValue()
            let terminate = vm.terminationHandler?() ?? true
            if !terminate { vm.armWatchdog() }
            return terminate
        }, context)
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
