import NIOConcurrencyHelpers
import VergeRouter

/// Everything the server serves at one moment: the route table, the Swift handlers, the
/// edge bundles, and the environment edge segments see. `verge dev` swaps it atomically
/// after a rebuild; realms built from an older generation are retired.
public final class ServedApplication: Sendable {
    public let table: RouteTable
    public let nodeRoutes: [NodeRoute]
    public let bundles: [String: EdgeBundle]
    /// Route id → the build error to show (development only: the server stays up).
    public let buildErrors: [String: String]
    /// A build error that affects the whole app (dev), shown for every request.
    public let globalBuildError: String?
    /// `process.env` of edge segments (the `.env` files plus VERGE_RUNTIME=edge).
    public let edgeEnvironment: [String: String]
    public let generation: Int
    /// `middleware.{js,ts}`, if the project has one (its bundle is in `bundles` under its id).
    public let middleware: MiddlewareDefinition?
    private let versions: [String: Int]

    public init(table: RouteTable, nodeRoutes: [NodeRoute], bundles: [String: EdgeBundle],
                buildErrors: [String: String] = [:], globalBuildError: String? = nil,
                edgeEnvironment: [String: String], generation: Int, middleware: MiddlewareDefinition? = nil) {
        self.middleware = middleware
        self.table = table
        self.nodeRoutes = nodeRoutes
        self.bundles = bundles
        self.buildErrors = buildErrors
        self.globalBuildError = globalBuildError
        self.edgeEnvironment = edgeEnvironment
        self.generation = generation
        var environmentHasher = Hasher()
        for (key, value) in edgeEnvironment.sorted(by: { $0.key < $1.key }) {
            environmentHasher.combine(key)
            environmentHasher.combine(value)
        }
        let environmentHash = environmentHasher.finalize()
        versions = bundles.mapValues { bundle in
            var hasher = Hasher()
            hasher.combine(bundle.source)
            hasher.combine(environmentHash)
            return hasher.finalize()
        }
    }

    /// Changes when the bundle of a route or the edge environment changes.
    public func version(of routeID: String) -> Int { versions[routeID] ?? 0 }
}

/// The current application, swappable from any thread.
public final class ApplicationBox: Sendable {
    private let current: NIOLockedValueBox<ServedApplication>

    public init(_ application: ServedApplication) {
        current = NIOLockedValueBox(application)
    }

    public var application: ServedApplication { current.withLockedValue { $0 } }

    public func replace(with application: ServedApplication) {
        current.withLockedValue { $0 = application }
    }
}
