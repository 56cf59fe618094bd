import VergeJS

/// Why edge work failed, in words a user can act on.
public enum EdgeError: Error, CustomStringConvertible, Sendable {
    /// The JS of one invocation used more CPU time than its budget.
    case cpuTimeLimitExceeded(limit: Duration, realm: String)
    /// The isolate's heap outgrew its limit; the isolate is condemned.
    case heapLimitExceeded(limit: Int, heapSize: Int, realm: String)
    /// Work was sent to an isolate already condemned (see `reason`).
    case isolateCondemned(reason: String)
    /// Work was sent to a realm that was closed.
    case realmClosed(realm: String)
    /// A script threw; carries the JS exception.
    case script(JSException)
    /// A runtime-apis file failed to load (a bug in Verge, not in user code).
    case bootstrap(file: String, JSException)

    public var description: String {
        switch self {
        case .cpuTimeLimitExceeded(let limit, let realm):
            return "CPU time limit exceeded: \(realm) ran JavaScript for more than \(format(limit)) of CPU time "
                + "in one invocation (raise it with --cpu-limit-ms)"
        case .heapLimitExceeded(let limit, let heapSize, let realm):
            return "heap limit exceeded: \(realm) grew the JavaScript heap to \(heapSize >> 20) MB, above the "
                + "limit of \(limit >> 20) MB; the isolate was recycled (raise it with --heap-limit-mb)"
        case .isolateCondemned(let reason):
            return "isolate was condemned and takes no more work: \(reason)"
        case .realmClosed(let realm):
            return "realm \(realm) is closed"
        case .script(let exception):
            return exception.description
        case .bootstrap(let file, let exception):
            return "runtime-apis/\(file) failed to load: \(exception)"
        }
    }

    private func format(_ duration: Duration) -> String {
        let ms = duration.milliseconds
        return ms >= 1000 ? "\(ms / 1000) s" : "\(Int(ms.rounded())) ms"
    }
}
