import ArgumentParser
import Foundation
import NIOCore
import VergeCache
import VergeEdge
import VergeRouter
import VergeServer

#if canImport(Glibc)
import Glibc
#endif

/// Options shared by `dev`, `start`, `build` and `routes`.
public struct ProjectOptions: ParsableArguments {
    @Argument(help: "The project directory (it contains app/). Default: the current directory.")
    public var directory: String = "."

    @Option(help: "Code size limit of an edge bundle after gzip, in MB (1 to 4).")
    public var codeSizeLimitMB: Double = 4

    public init() {}

    public func validate() throws {
        guard (1...4).contains(codeSizeLimitMB) else {
            throw ValidationError("--code-size-limit-mb must be between 1 and 4 (MB after gzip)")
        }
    }

    var projectURL: URL {
        if directory == ".", let fallback = RegisteredRoutes.defaultDirectory { return fallback }
        return URL(fileURLWithPath: directory).standardizedFileURL
    }
}

/// Options of the commands that serve.
public struct ServeOptions: ParsableArguments {
    @Option(help: "Port to listen on (default: $PORT, else 3000).")
    public var port: Int?

    @Option(help: "Address to listen on.")
    public var host: String = "127.0.0.1"

    @Option(help: "Event loop threads (default: one per core).")
    public var threads: Int?

    @Option(help: "Edge isolation: shared-vm (one VM per event loop) or vm-per-segment.")
    public var isolation: String = EdgeIsolation.sharedVM.rawValue

    @Option(name: .customLong("cpu-limit-ms"), help: "CPU time one edge request may use (default 50).")
    public var cpuLimitMs: Int = 50

    @Option(name: .customLong("heap-limit-mb"), help: "Heap limit per edge isolate (default 128).")
    public var heapLimitMb: Int = 128

    @Flag(help: "Do not print a log line per request.")
    public var quiet = false

    @Option(name: .customLong("tls-cert"), help: "PEM certificate chain: serve HTTPS (HTTP/2 and HTTP/1.1 by ALPN).")
    public var tlsCertificate: String?

    @Option(name: .customLong("tls-key"), help: "PEM private key for --tls-cert.")
    public var tlsKey: String?

    public init() {}

    public func validate() throws {
        if EdgeIsolation(rawValue: isolation) == nil {
            throw ValidationError("--isolation must be one of: \(EdgeIsolation.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let port, !(0...65535).contains(port) { throw ValidationError("--port must be between 0 and 65535") }
        if cpuLimitMs <= 0 { throw ValidationError("--cpu-limit-ms must be positive") }
        if heapLimitMb <= 0 { throw ValidationError("--heap-limit-mb must be positive") }
        if (tlsCertificate == nil) != (tlsKey == nil) {
            throw ValidationError("--tls-cert and --tls-key go together")
        }
    }

    func configuration(development: Bool) throws -> ServerConfiguration {
        var configuration = ServerConfiguration()
        configuration.host = host
        if let port {
            configuration.port = port
        } else if let fromEnvironment = ProcessInfo.processInfo.environment["PORT"] {
            guard let value = Int(fromEnvironment), (0...65535).contains(value) else {
                throw ValidationError("PORT must be a port number, got '\(fromEnvironment)'")
            }
            configuration.port = value
        }
        if let threads { configuration.threads = max(1, threads) }
        configuration.isolation = EdgeIsolation(rawValue: isolation) ?? .sharedVM
        configuration.edgeLimits.cpuTimePerInvocation = .milliseconds(cpuLimitMs)
        configuration.edgeLimits.heapBytes = heapLimitMb << 20
        configuration.logRequests = !quiet
        configuration.development = development
        if let tlsCertificate, let tlsKey {
            configuration.tls = .init(certificateChainPath: tlsCertificate, privateKeyPath: tlsKey)
        }
        return configuration
    }
}

/// Swift routes registered by the program running the CLI (VergeApp), empty for `verge`.
enum RegisteredRoutes {
    nonisolated(unsafe) static var routes: [NodeRoute] = []
    nonisolated(unsafe) static var defaultDirectory: URL?
}

public struct RoutesCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(commandName: "routes", abstract: "Print the route table.")
    @OptionGroup public var project: ProjectOptions
    public init() {}

    public func run() throws {
        var builder = ProjectBuilder(project: project.projectURL, nodeRoutes: RegisteredRoutes.routes, mode: "production")
        builder.codeSizeLimit = Int(project.codeSizeLimitMB * Double(1 << 20))
        do {
            let build = try builder.build(generation: 1)
            print(RouteRow.table(build.rows), terminator: "")
            for warning in build.warnings { printError("warning: \(warning)") }
        } catch {
            printError("\(error)")
            throw ExitCode(1)
        }
    }
}

public struct BuildCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Bundle and validate every segment, render static node routes into .verge/cache, and print the route table.")
    @OptionGroup public var project: ProjectOptions
    public init() {}

    public func run() async throws {
        do {
            let build = try await VergeBuild.run(project: project)
            print(RouteRow.table(build.rows), terminator: "")
            for warning in build.warnings { printError("warning: \(warning)") }
            let routeCount = build.rows.filter { $0.kind != "middleware" }.count
            let middleware = build.application.middleware == nil ? "" : " and middleware"
            print("\nBuilt \(routeCount) route\(routeCount == 1 ? "" : "s")\(middleware) into \(project.projectURL.appendingPathComponent(".verge").path)")
        } catch {
            printError("Build failed:\n\(error)")
            throw ExitCode(1)
        }
    }
}

public struct StartCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(commandName: "start", abstract: "Serve a build made by `verge build`.")
    @OptionGroup public var project: ProjectOptions
    @OptionGroup public var serve: ServeOptions
    public init() {}

    public func run() async throws {
        let build: ProjectBuild
        do {
            build = try VergeBuild.load(project: project)
        } catch {
            printError("\(error)")
            throw ExitCode(1)
        }
        var configuration = try serve.configuration(development: false)
        configuration.cache = try await VergeCacheSetup.open(project: project.projectURL)
        try await VergeServe.serve(build: build, configuration: configuration, watch: nil)
    }
}

public struct DevCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "dev", abstract: "Build, serve, and rebuild changed segments as files change.")
    @OptionGroup public var project: ProjectOptions
    @OptionGroup public var serve: ServeOptions
    public init() {}

    public func run() async throws {
        var builder = ProjectBuilder(project: project.projectURL, nodeRoutes: RegisteredRoutes.routes, mode: "development")
        builder.codeSizeLimit = Int(project.codeSizeLimitMB * Double(1 << 20))
        let build = try builder.build(generation: 1)
        print(RouteRow.table(build.rows), terminator: "")
        for warning in build.warnings { printError("warning: \(warning)") }
        for (id, error) in build.application.buildErrors.sorted(by: { $0.key < $1.key }) { printError("error in \(id):\n\(error)") }
        var configuration = try serve.configuration(development: true)
        configuration.cache = try await VergeCacheSetup.open(project: project.projectURL)
        try await VergeServe.serve(build: build, configuration: configuration, watch: builder)
    }
}

/// Writing and reading `.verge/` (the output of `verge build`).
public enum VergeBuild {
    struct Manifest: Codable {
        var version: Int
        var routes: [RouteRow]
        var bundles: [String: String]
        var createdAt: String
        /// `middleware.{js,ts}`: its file and exported `config` (JSON); its bundle is in `bundles`.
        var middleware: MiddlewareManifest?
    }

    struct MiddlewareManifest: Codable {
        var file: String
        var config: String
    }

    /// Builds the project, renders its static node routes into `.verge/cache` (the previous
    /// build's rendered routes are dropped; cached fetch data stays), and writes
    /// `.verge/build.json` beside the bundles.
    public static func run(project: ProjectOptions) async throws -> ProjectBuild {
        var builder = ProjectBuilder(project: project.projectURL, nodeRoutes: RegisteredRoutes.routes, mode: "production")
        builder.codeSizeLimit = Int(project.codeSizeLimitMB * Double(1 << 20))
        var build = try builder.build(generation: 1)
        let cache = try await VergeCacheSetup.open(project: project.projectURL)
        let previous = ResponseCache.shared
        ResponseCache.shared = cache
        defer { ResponseCache.shared = previous }
        let rendered = try await StaticRenderer.buildAll(build.application, cache: cache)
        build.rows = build.rows.map { row in
            var row = row
            guard let route = build.application.table.routes.first(where: { $0.pattern.description == row.pattern }),
                  let result = rendered[route.id] else { return row }
            row.setRender(result.mode, paths: result.paths.count)
            if let note = result.note { build.warnings.append("\(route.file ?? "Swift route \(route.pattern)"): \(note)") }
            return row
        }
        let directory = project.projectURL.appendingPathComponent(".verge")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let manifest = Manifest(version: 1, routes: build.rows,
                                bundles: build.application.bundles.mapValues { $0.path },
                                createdAt: ISO8601DateFormatter().string(from: Date()),
                                middleware: build.application.middleware.map {
                                    MiddlewareManifest(file: $0.route.id, config: $0.configJSON)
                                })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(manifest).write(to: directory.appendingPathComponent("build.json"))
        return build
    }

    /// Loads a build: the route table is rescanned (cheap), bundles come from `.verge/`.
    public static func load(project: ProjectOptions) throws -> ProjectBuild {
        let manifestURL = project.projectURL.appendingPathComponent(".verge/build.json")
        guard let data = try? Data(contentsOf: manifestURL) else {
            throw ProjectBuilder.BuildFailure(messages: ["no build in \(project.projectURL.path)/.verge: run `verge build \(project.directory)` first"])
        }
        let manifest = try JSONDecoder().decode(Manifest.self, from: data)
        let env = try DotEnv.load(project: project.projectURL, mode: "production")
        var edgeEnvironment = env.variables
        edgeEnvironment["VERGE_RUNTIME"] = "edge"
        edgeEnvironment["NEXT_RUNTIME"] = "edge"
        let registrations = RegisteredRoutes.routes.map { SwiftRouteRegistration(pattern: $0.pattern, config: $0.config, methods: $0.methods) }
        let table = try RouteTable(app: try AppDirectory.scan(project: project.projectURL), swiftRoutes: registrations)
        try table.validateNodeHandlers()
        var bundles: [String: EdgeBundle] = [:]
        for route in table.routes where route.runtime == .edge {
            guard let path = manifest.bundles[route.id], let source = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw ProjectBuilder.BuildFailure(messages: ["\(route.file ?? route.id) is not in the build: run `verge build` again"])
            }
            bundles[route.id] = EdgeBundle(routeID: route.id, file: route.file ?? route.id, source: source, path: path,
                                           rawSize: source.utf8.count, gzipSize: 0, inputs: [])
        }
        var middleware: MiddlewareDefinition?
        if let entry = manifest.middleware {
            let route = MiddlewareDefinition.route(file: entry.file, project: project.projectURL)
            guard let path = manifest.bundles[route.id], let source = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw ProjectBuilder.BuildFailure(messages: ["\(entry.file) is not in the build: run `verge build` again"])
            }
            bundles[route.id] = EdgeBundle(routeID: route.id, file: entry.file, source: source, path: path,
                                           rawSize: source.utf8.count, gzipSize: 0, inputs: [])
            middleware = try MiddlewareDefinition(route: route, configJSON: entry.config)
        }
        let application = ServedApplication(table: table, nodeRoutes: RegisteredRoutes.routes, bundles: bundles,
                                            edgeEnvironment: edgeEnvironment, generation: 1, middleware: middleware)
        return ProjectBuild(application: application, rows: manifest.routes, warnings: table.warnings)
    }
}

/// The process's response cache: `.verge/cache` under the project (docs/caching.md).
public enum VergeCacheSetup {
    /// Memory in front of the disk store (`VERGE_CACHE_MEMORY_MB`, default 50).
    static var memoryBytes: Int {
        if let text = ProcessInfo.processInfo.environment["VERGE_CACHE_MEMORY_MB"], let megabytes = Int(text), megabytes >= 0 {
            return megabytes << 20
        }
        return 50 << 20
    }

    public static func open(project: URL) async throws -> ResponseCache {
        let directory = project.appendingPathComponent(".verge").appendingPathComponent("cache")
        do {
            return try await ResponseCache.open(directory: directory, memoryBytes: memoryBytes) { message in
                printError(message)
            }
        } catch {
            throw ProjectBuilder.BuildFailure(messages: ["cannot open the cache in \(directory.path): \(error)"])
        }
    }
}

/// Running the server until SIGINT/SIGTERM, optionally watching files (dev).
public enum VergeServe {
    public static func serve(build: ProjectBuild, configuration: ServerConfiguration, watch builder: ProjectBuilder?) async throws {
        // One cache per process: Swift code outside handlers (revalidateTag, fetch) uses it too.
        if let cache = configuration.cache { ResponseCache.shared = cache }
        let server = HTTPServer(configuration: configuration, application: build.application)
        // fetch() from edge handlers runs its connections on the server's loops: a request's
        // socket and its JS share one thread (no hop per body chunk).
        FetchClient.use(eventLoopGroup: server.eventLoopGroup)
        let port: Int
        do {
            port = try await server.start()
        } catch {
            printError("verge: cannot listen on \(configuration.host):\(configuration.port): \(error)")
            throw ExitCode(1)
        }
        print("Verge listening on \(configuration.tls == nil ? "http" : "https")://\(configuration.host):\(port) (\(configuration.threads) event loop\(configuration.threads == 1 ? "" : "s"), edge isolation \(configuration.isolation.rawValue))")
        flushStandardOutput()
        var watcher: DevWatcher?
        if let builder {
            watcher = DevWatcher(builder: builder, server: server, initial: build)
            watcher?.start()
        }
        await waitForTerminationSignal()
        print("Shutting down: finishing requests in flight…")
        flushStandardOutput()
        watcher?.stop()
        await server.shutdown(beforeStoppingLoops: { await FetchClient.shutdown() })
        await configuration.cache?.flush()
        flushStandardOutput()
    }

    static func waitForTerminationSignal() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumed = SignalBox(continuation)
            for signalNumber in [SIGINT, SIGTERM] {
                signal(signalNumber, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
                source.setEventHandler { resumed.resume() }
                source.resume()
                SignalBox.sources.append(source)
            }
        }
    }
}

private final class SignalBox: @unchecked Sendable {
    nonisolated(unsafe) static var sources: [any DispatchSourceSignal] = []
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Void, Never>?
    init(_ continuation: CheckedContinuation<Void, Never>) { self.continuation = continuation }
    func resume() {
        lock.lock()
        let pending = continuation
        continuation = nil
        lock.unlock()
        pending?.resume()
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Flushes buffered standard output (print) so lines appear before a blocking wait.
func flushStandardOutput() {
    fflush(nil)
}
