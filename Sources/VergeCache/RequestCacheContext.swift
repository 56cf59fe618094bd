import NIOConcurrencyHelpers
import VergeRouter

/// What the data cache needs to know about the request being served: its cache, its
/// segment config, its implicit tags, whether to bypass reads (development, `cache-control:
/// no-cache`), and the static render in progress, if any. Swift handlers find it in the
/// task-local `current`; edge requests carry it on their invocation.
public final class RequestCacheContext: Sendable {
    public let cache: ResponseCache
    /// The merged segment config of the route (`fetchCache`, `revalidate`, `dynamic`).
    public let segment: SegmentConfig
    /// Skip reading the data cache (results are still stored).
    public let bypass: Bool
    /// Set while a route is being rendered statically (`verge build`, ISR).
    public let render: RenderTracker?
    private let givenTags: [String]?
    private let route: (pattern: String, kind: String, pathname: String)?

    public init(cache: ResponseCache, segment: SegmentConfig, implicitTags: [String] = [], bypass: Bool = false,
                render: RenderTracker? = nil) {
        self.cache = cache
        self.segment = segment
        self.givenTags = implicitTags
        self.route = nil
        self.bypass = bypass
        self.render = render
    }

    /// A context whose implicit tags are those of `pathname` served by the route `pattern`
    /// (computed only when a cached fetch needs them: this is made per request).
    public init(cache: ResponseCache, segment: SegmentConfig, pattern: String, kind: String, pathname: String,
                bypass: Bool = false, render: RenderTracker? = nil) {
        self.cache = cache
        self.segment = segment
        self.givenTags = nil
        self.route = (pattern, kind, pathname)
        self.bypass = bypass
        self.render = render
    }

    /// The implicit tags of the request's route and path (`revalidatePath` reaches the data
    /// fetched while serving it).
    public var implicitTags: [String] {
        if let givenTags { return givenTags }
        guard let route else { return [] }
        return ImplicitTags.forRoute(pattern: route.pattern, kind: route.kind, pathname: route.pathname)
    }

    @TaskLocal public static var current: RequestCacheContext?

    /// Whether an incoming request asks to bypass the data cache: in development only, a
    /// `cache-control: no-cache` request header (a hard reload), as in Next.js.
    public static func bypassRequested(development: Bool, cacheControl: [String]) -> Bool {
        guard development else { return false }
        return cacheControl.contains { value in
            value.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces).lowercased() == "no-cache" }
        }
    }
}

/// Watches a static render: request-time data read (which makes the route dynamic, or
/// fails it under `dynamic = 'error'`), and the lowest `revalidate` of the fetches it made
/// (which lowers the route's own, as in Next.js).
public final class RenderTracker: Sendable {
    public let path: String
    /// `dynamic = 'force-static'`: request-time data reads as empty and is not tracked.
    public let forceStatic: Bool

    private struct State {
        var reasons: [String] = []
        var lowestRevalidate: Double?
    }
    private let state = NIOLockedValueBox(State())

    public init(path: String, forceStatic: Bool) {
        self.path = path
        self.forceStatic = forceStatic
    }

    /// Records that the render read request-time data (`what`: "request.headers", …).
    public func noteDynamic(_ what: String) {
        guard !forceStatic else { return }
        state.withLockedValue { if !$0.reasons.contains(what) { $0.reasons.append(what) } }
    }

    /// Records a cached fetch's revalidate (seconds) made by the render.
    public func noteFetchRevalidate(_ seconds: Double) {
        state.withLockedValue { $0.lowestRevalidate = min($0.lowestRevalidate ?? seconds, seconds) }
    }

    /// What request-time data the render read (empty: it is static).
    public var dynamicReasons: [String] { state.withLockedValue { $0.reasons } }
    public var lowestFetchRevalidate: Double? { state.withLockedValue { $0.lowestRevalidate } }
}
