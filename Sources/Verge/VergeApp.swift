import ArgumentParser
import Foundation
@_exported import NIOCore
@_exported import NIOHTTP1
@_exported import VergeCache
@_exported import VergeEdge
@_exported import VergeRouter
@_exported import VergeServer

/// A Verge application: an app directory (edge segments in JS/TS, Next.js conventions) plus
/// Swift handlers for nodejs segments, behind one server.
///
/// ```swift
/// let app = try VergeApp(directory: "app-root")
/// try app.nodejs("/api/files/[name]") { route in
///     route.get { request, context in
///         let name = try context.params.string("name")
///         return Response(body: .file(path: "/srv/files/\(name)"))
///     }
/// }
/// await app.run()   // verge dev | build | start | routes, from the command line
/// ```
public final class VergeApp {
    /// The project directory (it contains `app/`).
    public let directory: URL
    public private(set) var routes: [NodeRoute] = []

    public init(directory: String) throws {
        let url = URL(fileURLWithPath: directory).standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw RouterError.noAppDirectory(url.path)
        }
        self.directory = url
    }

    /// Registers Swift handlers for a URL pattern ("/api/files/[name]"; `[...rest]`,
    /// `[[...optional]]` and `(group)` work as in folder names). A path served from Swift is
    /// a nodejs segment; an app-directory file on the same path must resolve to nodejs.
    @discardableResult
    public func nodejs(_ pattern: String, _ configure: (NodeRoute) throws -> Void) throws -> NodeRoute {
        let parsed: RoutePattern
        do {
            parsed = try RoutePattern(parsing: pattern)
        } catch {
            throw RouterError.invalidFolder(path: "app.nodejs(\"\(pattern)\")", segment: pattern, reason: "\(error)")
        }
        let route = NodeRoute(pattern: parsed)
        try configure(route)
        routes.append(route)
        return route
    }

    /// Runs the Verge command line with this app's Swift routes: `dev` (default), `build`,
    /// `start`, `routes`. The project directory defaults to `directory`.
    public func run(arguments: [String] = Array(CommandLine.arguments.dropFirst())) async {
        RegisteredRoutes.routes = routes
        RegisteredRoutes.defaultDirectory = directory
        await VergeAppCommand.main(arguments)
    }
}

/// The command line of a VergeApp executable.
struct VergeAppCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: (CommandLine.arguments.first as NSString?)?.lastPathComponent ?? "app",
        abstract: "A Verge application (edge segments in JS/TS, nodejs segments in Swift).",
        subcommands: [DevCommand.self, BuildCommand.self, StartCommand.self, RoutesCommand.self],
        defaultSubcommand: DevCommand.self
    )
}
