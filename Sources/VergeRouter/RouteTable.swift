import Foundation

/// A route a Swift program registers (`app.nodejs("/api/files/[name]") { … }`).
public struct SwiftRouteRegistration: Sendable {
    public var pattern: RoutePattern
    public var config: SegmentConfig
    public var methods: [String]

    public init(pattern: RoutePattern, config: SegmentConfig = SegmentConfig(), methods: [String]) {
        self.pattern = pattern
        self.config = config
        self.methods = methods
    }
}

/// One entry of the route table.
public struct RouteDefinition: Sendable, Identifiable {
    public enum Kind: String, Sendable {
        case route, page
    }

    /// Stable name: the file path, or "swift:/pattern" for Swift-only routes.
    public var id: String
    public var pattern: RoutePattern
    public var kind: Kind
    /// The route or page file, nil for a route defined only in Swift.
    public var file: String?
    public var absoluteFile: String?
    /// Layout files wrapping it, outermost first.
    public var layouts: [AppDirectory.SegmentFile]
    /// Config merged along the route (layouts, then the leaf, then Swift's).
    public var config: SegmentConfig
    public var runtime: SegmentConfig.Runtime { config.effectiveRuntime }
    /// Index into the Swift registrations serving it (nodejs routes).
    public var swiftHandler: Int?

    /// Name used in logs and isolate tags: the pattern, e.g. "/api/[id]".
    public var segmentName: String { pattern.description }
}

/// The result of matching a request path.
public struct RouteMatch: Sendable {
    public var route: RouteDefinition
    public var params: [String: ParamValue]
}

/// The route table: app-directory files and Swift registrations merged, with Next.js's
/// precedence (static > dynamic > catch-all > optional catch-all) at each segment.
public struct RouteTable: Sendable {
    public private(set) var routes: [RouteDefinition] = []
    private var root = TrieNode()
    /// Routes without parameters by their exact path ("/api/hello"): a request path that is
    /// one of these (and needs no percent-decoding) is answered without walking the trie.
    /// Static segments win over every other kind at each level, so the answer is the same.
    private var exactPaths: [String: Int] = [:]
    public var warnings: [String] = []

    public init(app: AppDirectory?, swiftRoutes: [SwiftRouteRegistration]) throws {
        var byShape: [String: Int] = [:]
        var paramNamesAtLevel: [String: (name: String, file: String)] = [:]

        func checkParameterNames(_ pattern: RoutePattern, source: String) throws {
            // Next.js: "You cannot use different slug names for the same dynamic path".
            var prefix = ""
            for segment in pattern.segments {
                if let name = segment.parameterName {
                    let key = prefix + "/" + segment.shape
                    if let existing = paramNamesAtLevel[key], existing.name != name {
                        throw RouterError.conflict(first: existing.file, second: source,
                            reason: "different parameter names ('\(existing.name)' and '\(name)') for the same dynamic segment \(key); use one name")
                    }
                    paramNamesAtLevel[key] = (name, source)
                }
                prefix += "/" + segment.shape
            }
        }

        if let app {
            warnings = app.warnings
            for file in app.files where file.kind != .layout {
                let layouts = app.layouts(above: file.folder)
                var config = SegmentConfig()
                for layout in layouts { config = config.merged(with: layout.config) }
                config = config.merged(with: file.config)
                let route = RouteDefinition(id: file.path, pattern: file.pattern,
                                            kind: file.kind == .page ? .page : .route,
                                            file: file.path, absoluteFile: file.absolutePath,
                                            layouts: layouts, config: config, swiftHandler: nil)
                if let existing = byShape[route.pattern.shape] {
                    throw RouterError.conflict(first: routes[existing].file ?? routes[existing].id, second: file.path,
                                               reason: "both resolve to the URL \(route.pattern) (route groups do not change the URL)")
                }
                try checkParameterNames(route.pattern, source: file.path)
                byShape[route.pattern.shape] = routes.count
                routes.append(route)
            }
        }

        for (index, registration) in swiftRoutes.enumerated() {
            if let existing = byShape[registration.pattern.shape] {
                var route = routes[existing]
                if route.swiftHandler != nil {
                    throw RouterError.conflict(first: "Swift route \(route.pattern)", second: "Swift route \(registration.pattern)",
                                               reason: "two Swift registrations for one URL")
                }
                route.config = route.config.merged(with: registration.config)
                if route.runtime == .edge {
                    throw RouterError.edgeSegmentAlsoRegisteredInSwift(file: route.file ?? route.id, pattern: route.pattern.description)
                }
                route.swiftHandler = index
                routes[existing] = route
            } else {
                try checkParameterNames(registration.pattern, source: "Swift route \(registration.pattern)")
                var config = registration.config
                config.runtime = .nodejs
                byShape[registration.pattern.shape] = routes.count
                routes.append(RouteDefinition(id: "swift:\(registration.pattern)", pattern: registration.pattern,
                                              kind: .route, file: nil, absoluteFile: nil, layouts: [],
                                              config: config, swiftHandler: index))
            }
        }

        for (index, route) in routes.enumerated() {
            root.insert(route.pattern.segments[...], route: index)
            // (A pattern of literal segments prints as its path: "/", "/api/hello".)
            if route.pattern.segments.allSatisfy({ if case .literal = $0 { true } else { false } }) {
                exactPaths[route.pattern.description] = index
            }
        }
    }

    /// Routes that resolve to nodejs but have no Swift handler (a startup error).
    public func validateNodeHandlers() throws {
        for route in routes where route.runtime == .nodejs && route.swiftHandler == nil {
            throw RouterError.nodeSegmentWithoutHandler(file: route.file ?? route.id, pattern: route.pattern.description)
        }
    }

    /// Matches a request path ("/blog/hello%20world"). Segments are percent-decoded.
    public func match(path: String) -> RouteMatch? {
        if let index = exactPaths[path] { return RouteMatch(route: routes[index], params: [:]) }
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map { part -> String in
            // Foundation's decoding is slow; most segments have nothing to decode.
            part.utf8.contains(UInt8(ascii: "%")) ? (String(part).removingPercentEncoding ?? String(part)) : String(part)
        }
        var params: [String: ParamValue] = [:]
        guard let index = root.match(segments[...], params: &params) else { return nil }
        return RouteMatch(route: routes[index], params: params)
    }
}

/// A trie over pattern segments; matching tries children in precedence order and backtracks.
private struct TrieNode: Sendable {
    var literals: [String: TrieNode] = [:]
    var dynamic: (name: String, node: Box)?
    var catchAll: (name: String, route: Int)?
    var optionalCatchAll: (name: String, route: Int)?
    var route: Int?

    final class Box: @unchecked Sendable {
        var node = TrieNode()
    }

    mutating func insert(_ segments: ArraySlice<PatternSegment>, route index: Int) {
        guard let first = segments.first else {
            route = index
            return
        }
        let rest = segments.dropFirst()
        switch first {
        case .literal(let name):
            var child = literals[name] ?? TrieNode()
            child.insert(rest, route: index)
            literals[name] = child
        case .dynamic(let name):
            let box = dynamic?.node ?? Box()
            box.node.insert(rest, route: index)
            dynamic = (name, box)
        case .catchAll(let name):
            catchAll = (name, index)
        case .optionalCatchAll(let name):
            optionalCatchAll = (name, index)
        }
    }

    func match(_ segments: ArraySlice<String>, params: inout [String: ParamValue]) -> Int? {
        guard let first = segments.first else {
            if let route { return route }
            if let optional = optionalCatchAll {
                // [[...slug]] matches its parent: the parameter is absent (undefined in JS).
                return optional.route
            }
            return nil
        }
        let rest = segments.dropFirst()
        if let child = literals[first], let found = child.match(rest, params: &params) {
            return found
        }
        if let dynamic {
            var attempt = params
            attempt[dynamic.name] = .single(first)
            if let found = dynamic.node.node.match(rest, params: &attempt) {
                params = attempt
                return found
            }
        }
        if let catchAll {
            params[catchAll.name] = .multiple(Array(segments))
            return catchAll.route
        }
        if let optional = optionalCatchAll {
            params[optional.name] = .multiple(Array(segments))
            return optional.route
        }
        return nil
    }
}
