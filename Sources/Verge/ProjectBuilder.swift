import Foundation
import NIOCore
import NIOPosix
import VergeEdge
import VergeJS
import VergeRouter
import VergeServer

/// One row of the route table `verge build` and `verge routes` print.
public struct RouteRow: Sendable, Codable {
    public var pattern: String
    public var kind: String
    public var runtime: String
    public var methods: [String]
    public var file: String?
    public var bundleBytes: Int?
    public var gzipBytes: Int?
    /// "static" (○), "isr" (◐) or "dynamic" (λ); nil in manifests of older builds.
    public var render: String?
    /// The ISR interval in seconds.
    public var revalidate: Double?
    /// Paths rendered at build (static and ISR routes).
    public var staticPaths: Int?

    /// Sets the rendering columns from `mode`.
    public mutating func setRender(_ mode: RenderMode, paths: Int? = nil) {
        render = mode.name
        revalidate = mode.revalidate
        staticPaths = paths
    }
}

/// The outcome of building a project: what to serve, and what to print.
public struct ProjectBuild: Sendable {
    public var application: ServedApplication
    public var rows: [RouteRow]
    public var warnings: [String]
}

/// Builds a project: scans `app/`, merges Swift registrations, validates segment config,
/// bundles every edge segment with esbuild, and reads the methods each segment exports.
public struct ProjectBuilder: Sendable {
    public var project: URL
    public var nodeRoutes: [NodeRoute]
    /// "development" (verge dev) or "production" (build, start).
    public var mode: String
    public var codeSizeLimit = EdgeBundler.defaultCodeSizeLimit
    /// In development, errors in one segment are kept (and shown for its requests) instead
    /// of failing the build.
    public var tolerateErrors: Bool { mode == "development" }

    public init(project: URL, nodeRoutes: [NodeRoute], mode: String) {
        self.project = project.standardizedFileURL
        self.nodeRoutes = nodeRoutes
        self.mode = mode
    }

    public struct BuildFailure: Error, CustomStringConvertible {
        public var messages: [String]
        public var description: String { messages.joined(separator: "\n") }
    }

    /// Builds everything. `reuse` holds bundles from a previous build that are still valid
    /// (dev: only segments whose inputs changed are rebundled).
    public func build(generation: Int, reuse: [String: EdgeBundle] = [:]) throws -> ProjectBuild {
        let env = try DotEnv.load(project: project, mode: mode)
        var edgeEnvironment = env.variables
        edgeEnvironment["VERGE_RUNTIME"] = "edge"
        edgeEnvironment["NEXT_RUNTIME"] = "edge"

        let registrations = nodeRoutes.map {
            SwiftRouteRegistration(pattern: $0.pattern, config: $0.config, methods: $0.methods)
        }
        let table: RouteTable
        let middlewareFile: String?
        do {
            let app = try AppDirectory.scan(project: project)
            middlewareFile = app.middleware
            table = try RouteTable(app: app, swiftRoutes: registrations)
            try table.validateNodeHandlers()
        } catch {
            if tolerateErrors {
                let empty = try RouteTable(app: nil, swiftRoutes: registrations)
                let application = ServedApplication(table: empty, nodeRoutes: nodeRoutes, bundles: [:],
                                                    globalBuildError: String(describing: error),
                                                    edgeEnvironment: edgeEnvironment, generation: generation)
                return ProjectBuild(application: application, rows: [], warnings: [String(describing: error)])
            }
            throw BuildFailure(messages: [String(describing: error)])
        }

        var bundler = EdgeBundler(projectRoot: project, codeSizeLimit: codeSizeLimit)
        bundler.nodeEnv = mode
        do {
            try bundler.enableNextCompat()
        } catch {
            throw BuildFailure(messages: ["cannot write Verge's next/* modules under .verge/next: \(error)"])
        }
        var bundles: [String: EdgeBundle] = [:]
        var errors: [String: String] = [:]
        for route in table.routes where route.runtime == .edge {
            if route.config.dynamic == .forceStatic || { if case .seconds(let s) = route.config.revalidate, s > 0 { return true }; return false }() {
                errors[route.id] = RouterError.staticEdgeSegment(file: route.file ?? route.id).description
                continue
            }
            if let previous = reuse[route.id] {
                bundles[route.id] = previous
                continue
            }
            do {
                bundles[route.id] = try bundler.bundle(route)
            } catch {
                errors[route.id] = String(describing: error)
            }
        }
        // middleware.{js,ts}: bundled like a segment, always with next/server.
        var middlewareRoute: RouteDefinition?
        if let middlewareFile {
            let route = MiddlewareDefinition.route(file: middlewareFile, project: project)
            middlewareRoute = route
            if let previous = reuse[route.id] {
                bundles[route.id] = previous
            } else {
                do {
                    bundles[route.id] = try bundler.bundleMiddleware(route)
                } catch {
                    errors[route.id] = String(describing: error)
                }
            }
        }
        var methods: [String: [String]] = [:]
        var middleware: MiddlewareDefinition?
        if !bundles.isEmpty {
            let probed = try probeExports(table: table, bundles: bundles, middleware: middlewareRoute, env: edgeEnvironment)
            methods = probed.methods
            errors.merge(probed.errors) { first, _ in first }
            if let middlewareRoute, let configJSON = probed.middlewareConfig {
                do {
                    middleware = try MiddlewareDefinition(route: middlewareRoute, configJSON: configJSON)
                } catch {
                    errors[middlewareRoute.id] = String(describing: error)
                }
            }
        }
        if let middlewareRoute, middleware == nil {
            // Its build failed: in development every request shows the error (see HTTPConnection).
            middleware = MiddlewareDefinition(route: middlewareRoute, matchers: nil)
        }
        if !errors.isEmpty && !tolerateErrors {
            throw BuildFailure(messages: errors.keys.sorted().compactMap { errors[$0] })
        }

        var rows = table.routes.sorted { $0.pattern.description < $1.pattern.description }.map { route -> RouteRow in
            var rowMethods: [String]
            if route.runtime == .edge {
                rowMethods = methods[route.id] ?? []
            } else if let index = route.swiftHandler {
                rowMethods = nodeRoutes[index].methods
            } else {
                rowMethods = []
            }
            if rowMethods.contains("GET"), !rowMethods.contains("HEAD") { rowMethods.append("HEAD") }
            let bundle = bundles[route.id]
            var row = RouteRow(pattern: route.pattern.description, kind: route.kind.rawValue,
                               runtime: route.runtime.rawValue, methods: rowMethods.sorted(), file: route.file,
                               bundleBytes: bundle?.rawSize, gzipBytes: bundle?.gzipSize)
            row.setRender(RenderMode.of(route, nodeRoutes: nodeRoutes))
            return row
        }
        if let middlewareRoute {
            let bundle = bundles[middlewareRoute.id]
            rows.append(RouteRow(pattern: "(middleware)", kind: "middleware", runtime: "edge", methods: [], file: middlewareRoute.file,
                                 bundleBytes: bundle?.rawSize, gzipBytes: bundle?.gzipSize))
        }
        let application = ServedApplication(table: table, nodeRoutes: nodeRoutes, bundles: bundles, buildErrors: errors,
                                            edgeEnvironment: edgeEnvironment, generation: generation, middleware: middleware)
        return ProjectBuild(application: application, rows: rows, warnings: table.warnings)
    }

    /// Evaluates each bundle once in a scratch sandbox to check it starts and to read the
    /// HTTP methods it exports.
    private func probeExports(table: RouteTable, bundles: [String: EdgeBundle], middleware: RouteDefinition?,
                              env: [String: String]) throws -> (methods: [String: [String]], errors: [String: String], middlewareConfig: String?) {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer { try? group.syncShutdownGracefully() }
        let loop = group.next()
        let routes = table.routes.filter { bundles[$0.id] != nil }
        let sendableBundles = bundles
        return try loop.submit { () -> ([String: [String]], [String: String], String?) in
            // Closed realms are garbage only until the next collection, but the heap limit sees
            // them: a large app is probed in batches, each in a fresh VM.
            let limits = IsolateLimits(startupCPUTime: .seconds(1), heapBytes: 256 << 20)
            var isolate = Isolate(eventLoop: loop, limits: limits)
            var probedInIsolate = 0
            var methods: [String: [String]] = [:]
            var errors: [String: String] = [:]
            var middlewareConfig: String?
            if let middleware, let bundle = sendableBundles[middleware.id] {
                var options = RealmOptions()
                options.env = env
                options.console = .discard
                do {
                    let realm = try isolate.makeRealm(name: "middleware", options: options)
                    defer { realm.close() }
                    middlewareConfig = try realm.run(invocation: Invocation(cpuBudget: .seconds(1), realmName: "middleware")) { () throws -> String? in
                        try realm.js.evaluate(bundle.source, sourceURL: middleware.id)
                        let namespace = try realm.js.global.get(EdgeBundler.globalName).get("route")
                        try realm.js.global.set("__vergeMiddlewareNamespace", namespace)
                        let report = try realm.js.evaluate("""
                            (() => {
                              const ns = globalThis.__vergeMiddlewareNamespace;
                              delete globalThis.__vergeMiddlewareNamespace;
                              const run = ns.middleware ?? ns.proxy ?? ns.default;
                              if (typeof run !== "function") return "!";
                              return JSON.stringify(ns.config === undefined ? null : ns.config) ?? "null";
                            })()
                            """)
                        return try report.toString()
                    }
                    if middlewareConfig == "!" {
                        middlewareConfig = nil
                        errors[middleware.id] = "\(middleware.id): middleware must export a function named `middleware` (or a default export)"
                    }
                } catch {
                    errors[middleware.id] = "\(middleware.id): the bundle failed to start: \(error)"
                }
            }
            for route in routes {
                guard let bundle = sendableBundles[route.id] else { continue }
                if probedInIsolate >= 64 || isolate.isCondemned {
                    isolate = Isolate(eventLoop: loop, limits: limits)
                    probedInIsolate = 0
                }
                probedInIsolate += 1
                var options = RealmOptions()
                options.env = env
                options.console = .discard
                do {
                    let realm = try isolate.makeRealm(name: route.segmentName, options: options)
                    defer { realm.close() }
                    let keys: [String] = try realm.run(invocation: Invocation(cpuBudget: .seconds(1), realmName: route.segmentName)) {
                        try realm.js.evaluate(bundle.source, sourceURL: route.file ?? route.id)
                        let namespace = try realm.js.global.get(EdgeBundler.globalName).get("route")
                        return try namespace.propertyNames()
                    }
                    if route.kind == .page {
                        guard keys.contains("default") else {
                            errors[route.id] = "\(route.file ?? route.id): a page must `export default` a function that returns HTML"
                            continue
                        }
                        methods[route.id] = ["GET"]
                    } else {
                        let found = keys.filter { ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"].contains($0) }
                        if found.isEmpty {
                            errors[route.id] = "\(route.file ?? route.id): a route must export at least one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"
                        }
                        methods[route.id] = found
                    }
                } catch {
                    errors[route.id] = "\(route.file ?? route.id): the bundle failed to start: \(error)"
                }
            }
            return (methods, errors, middlewareConfig)
        }.wait()
    }
}

extension RouteRow {
    /// The route table as `verge build` / `verge routes` print it.
    public static func table(_ rows: [RouteRow]) -> String {
        let header = ["", "Route", "Kind", "Runtime", "Methods", "Revalidate", "Bundle (gzip)", "File"]
        var lines = [header]
        for row in rows {
            let size = row.gzipBytes.map { formatSize($0) } ?? "-"
            var revalidate = row.revalidate.map { formatSeconds($0) } ?? "-"
            if let paths = row.staticPaths, row.render != "dynamic" { revalidate += " (\(paths) path\(paths == 1 ? "" : "s"))" }
            lines.append([symbol(row.render), row.pattern, row.kind, row.runtime, row.methods.joined(separator: ","), revalidate,
                          size, row.file ?? "(Swift)"])
        }
        let widths = header.indices.map { column in lines.map { $0[column].count }.max() ?? 0 }
        return lines.enumerated().map { index, line in
            let text = line.enumerated().map { column, cell in
                cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
            return index == 0 ? text + "\n" + widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") : text
        }.joined(separator: "\n") + "\n"
            + "\n○ static: rendered at build, served from the route cache   ◐ ISR: static, regenerated in the background after its interval   λ dynamic: rendered per request\n"
    }

    static func symbol(_ render: String?) -> String {
        switch render {
        case "static": return "○"
        case "isr": return "◐"
        default: return "λ"
        }
    }

    static func formatSize(_ bytes: Int) -> String {
        if bytes >= 1 << 20 { return String(format: "%.2f MB", Double(bytes) / Double(1 << 20)) }
        if bytes >= 1 << 10 { return String(format: "%.1f KB", Double(bytes) / Double(1 << 10)) }
        return "\(bytes) B"
    }
}
