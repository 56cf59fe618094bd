import Foundation

/// The files of an app directory that matter to routing, found by walking `app/`.
public struct AppDirectory: Sendable {
    public enum FileKind: String, Sendable {
        case route, page, layout
    }

    /// One route, page or layout file and the folder chain leading to it.
    public struct SegmentFile: Sendable {
        public var kind: FileKind
        /// Path relative to the project directory ("app/blog/[slug]/page.ts").
        public var path: String
        public var absolutePath: String
        /// URL pattern segments of the folder holding the file (groups dropped).
        public var pattern: RoutePattern
        /// Folder path relative to `app/` ("(shop)/blog/[slug]"); "" for the root.
        public var folder: String
        public var config: SegmentConfig
    }

    public var root: URL
    public var files: [SegmentFile]
    /// `middleware.{js,ts}` beside `app/` or inside it, if any.
    public var middleware: String?
    public var warnings: [String]

    static let extensions = ["ts", "tsx", "js", "jsx", "mjs", "mts"]

    /// Scans `project/app`. Folder naming errors and invalid segment config are errors with
    /// file paths (and lines) in them.
    public static func scan(project: URL) throws -> AppDirectory {
        let app = project.appendingPathComponent("app")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: app.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw RouterError.noAppDirectory(project.path)
        }
        var result = AppDirectory(root: project, files: [], middleware: nil, warnings: [])
        try result.walk(folder: app, relative: "", pattern: [])
        for name in ["middleware.ts", "middleware.js", "middleware.mjs", "app/middleware.ts", "app/middleware.js"] {
            if FileManager.default.fileExists(atPath: project.appendingPathComponent(name).path) {
                result.middleware = name
                break
            }
        }
        return result
    }

    private mutating func walk(folder: URL, relative: String, pattern: [PatternSegment]) throws {
        let entries = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        var found: [FileKind: String] = [:]
        for entry in entries {
            let url = folder.appendingPathComponent(entry)
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
            if isDirectory.boolValue {
                if entry == "node_modules" || entry.hasPrefix(".") { continue }
                let childRelative = relative.isEmpty ? entry : relative + "/" + entry
                let kind: FolderKind
                do {
                    kind = try FolderKind.of(entry)
                } catch {
                    if case .invalid(let segment, let reason) = error {
                        throw RouterError.invalidFolder(path: "app/" + childRelative, segment: segment, reason: reason)
                    }
                    throw error
                }
                switch kind {
                case .segment(let segment):
                    try walk(folder: url, relative: childRelative, pattern: pattern + [segment])
                case .group:
                    try walk(folder: url, relative: childRelative, pattern: pattern)
                case .privateFolder:
                    continue
                case .unsupported(let what):
                    warnings.append("app/\(childRelative): \(what) is not supported by Verge; the folder is ignored")
                }
                continue
            }
            let name = (entry as NSString).deletingPathExtension
            let ext = (entry as NSString).pathExtension
            guard AppDirectory.extensions.contains(ext), let kind = FileKind(rawValue: name) else { continue }
            let path = "app/" + (relative.isEmpty ? entry : relative + "/" + entry)
            if let existing = found[kind] {
                throw RouterError.conflict(first: existing, second: path,
                                           reason: "two \(kind.rawValue) files in one folder")
            }
            found[kind] = path
        }
        if let route = found[.route], let page = found[.page] {
            throw RouterError.conflict(first: page, second: route,
                                       reason: "a route and a page cannot share a segment (Next.js: route.ts and page.ts in one folder)")
        }
        do {
            try RoutePattern.validate(pattern, path: "app/" + relative)
        } catch {
            if case .invalid(let segment, let reason) = error {
                throw RouterError.invalidFolder(path: "app/" + relative, segment: segment, reason: reason)
            }
        }
        for (kind, path) in found.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            let absolute = root.appendingPathComponent(path).path
            let source = try String(contentsOfFile: absolute, encoding: .utf8)
            let config: SegmentConfig
            do {
                config = try SegmentConfigParser.parse(source: source, file: path)
            } catch {
                throw RouterError.config(error)
            }
            files.append(SegmentFile(kind: kind, path: path, absolutePath: absolute,
                                     pattern: RoutePattern(segments: pattern), folder: relative, config: config))
        }
    }

    /// The layouts that wrap a file in `folder`, outermost first.
    public func layouts(above folder: String) -> [SegmentFile] {
        let layouts = files.filter { $0.kind == .layout }
        var chain: [SegmentFile] = []
        var prefixes = [""]
        var current = ""
        for part in folder.split(separator: "/") {
            current = current.isEmpty ? String(part) : current + "/" + part
            prefixes.append(current)
        }
        for prefix in prefixes {
            if let layout = layouts.first(where: { $0.folder == prefix }) { chain.append(layout) }
        }
        return chain
    }
}

/// Routing errors: each names the files or folders at fault and how to fix them.
public enum RouterError: Error, CustomStringConvertible, Sendable {
    case noAppDirectory(String)
    case invalidFolder(path: String, segment: String, reason: String)
    case conflict(first: String, second: String, reason: String)
    case config(ConfigError)
    case nodeSegmentWithoutHandler(file: String, pattern: String)
    case edgeSegmentAlsoRegisteredInSwift(file: String, pattern: String)
    case staticEdgeSegment(file: String)
    case bundle(file: String, message: String)

    public var description: String {
        switch self {
        case .noAppDirectory(let path):
            return "no app/ directory in \(path): create \(path)/app with route.ts or page.ts files"
        case .invalidFolder(let path, let segment, let reason):
            return "\(path): invalid segment '\(segment)': \(reason)"
        case .conflict(let first, let second, let reason):
            return "\(first) and \(second) conflict: \(reason)"
        case .config(let error):
            return error.description
        case .nodeSegmentWithoutHandler(let file, let pattern):
            return "\(file) resolves to the 'nodejs' runtime but no Swift handler is registered for \(pattern): "
                + "add `export const runtime = 'edge'` to the file (or a layout above it), "
                + "or register a Swift handler with app.nodejs(\"\(pattern)\") { … }"
        case .edgeSegmentAlsoRegisteredInSwift(let file, let pattern):
            return "\(file) is an edge segment, and a Swift handler is also registered for \(pattern): "
                + "remove one of them (a Swift handler serves only nodejs segments)"
        case .staticEdgeSegment(let file):
            return "static rendering is not supported in the edge runtime (\(file)); "
                + "remove `revalidate`/`dynamic` or use runtime 'nodejs'"
        case .bundle(let file, let message):
            return "\(file): \(message)"
        }
    }
}
