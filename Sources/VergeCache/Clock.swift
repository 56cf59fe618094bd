import Foundation
import NIOConcurrencyHelpers

/// Where the cache reads the time: seconds since 1970. Tests inject a `ManualCacheClock`.
public protocol CacheClock: Sendable {
    func now() -> Double
}

/// The system's wall clock.
public struct SystemCacheClock: CacheClock {
    public init() {}
    public func now() -> Double { Date().timeIntervalSince1970 }
}

/// A clock that moves only when told (tests).
public final class ManualCacheClock: CacheClock {
    private let time: NIOLockedValueBox<Double>

    public init(_ start: Double = 1_700_000_000) {
        time = NIOLockedValueBox(start)
    }

    public func now() -> Double { time.withLockedValue { $0 } }

    public func advance(by seconds: Double) {
        time.withLockedValue { $0 += seconds }
    }
}
