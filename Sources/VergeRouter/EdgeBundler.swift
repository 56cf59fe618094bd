import CVergeNative
import Foundation

/// A bundled edge segment: one classic script that defines `__vergeSegment`, an object
/// `{ route, layouts }` holding the module namespaces of the route or page file and of
/// the layouts above it (outermost first).
public struct EdgeBundle: Sendable {
    public var routeID: String
    public var file: String
    public var source: String
    /// Where it was written (under `.verge/edge/`).
    public var path: String
    public var rawSize: Int
    public var gzipSize: Int
    /// Source files that went into the bundle (absolute paths), from esbuild's metafile:
    /// `verge dev` rebuilds a segment when one of them changes.
    public var inputs: [String]

    public init(routeID: String, file: String, source: String, path: String, rawSize: Int, gzipSize: Int, inputs: [String]) {
        self.routeID = routeID
        self.file = file
        self.source = source
        self.path = path
        self.rawSize = rawSize
        self.gzipSize = gzipSize
        self.inputs = inputs
    }
}

/// Bundles edge segments with esbuild (Debian's package): JS or TS, relative and
/// `node_modules` imports, one IIFE per segment. Node built-ins are refused with a message
/// naming the import and where it is.
public struct EdgeBundler: Sendable {
    public var projectRoot: URL
    public var outputDirectory: URL
    /// Gzipped bundle size limit (default 4 MB, as on Vercel's paid plans; at least 1 MB).
    public var codeSizeLimit: Int
    /// Module specifiers answered by files Verge ships (e.g. `next/server`).
    public var aliases: [String: String]
    /// Specifier prefixes refused with a clear message (e.g. other `next/*` modules).
    public var unsupportedPrefixes: [String: String]
    public var esbuildPath: String
    /// `process.env.NODE_ENV` as bundled code sees it ("development" in `verge dev`).
    public var nodeEnv = "production"
    /// Where Verge's `next/*` modules are (set by `enableNextCompat()`).
    public var nextCompatDirectory: String?

    public static let globalName = "__vergeSegment"
    public static let defaultCodeSizeLimit = 4 << 20

    public init(projectRoot: URL, outputDirectory: URL? = nil, codeSizeLimit: Int = EdgeBundler.defaultCodeSizeLimit,
                aliases: [String: String] = [:], unsupportedPrefixes: [String: String] = [:],
                esbuildPath: String = "esbuild") {
        self.projectRoot = projectRoot.standardizedFileURL
        self.outputDirectory = outputDirectory ?? projectRoot.appendingPathComponent(".verge/edge")
        self.codeSizeLimit = codeSizeLimit
        self.aliases = aliases
        self.unsupportedPrefixes = unsupportedPrefixes
        self.esbuildPath = esbuildPath
    }

    /// Node.js built-in modules (with or without `node:`), which the edge runtime refuses.
    static let nodeBuiltins: Set<String> = [
        "assert", "assert/strict", "async_hooks", "buffer", "child_process", "cluster", "console", "constants",
        "crypto", "dgram", "diagnostics_channel", "dns", "dns/promises", "domain", "events", "fs", "fs/promises",
        "http", "http2", "https", "inspector", "module", "net", "os", "path", "path/posix", "path/win32",
        "perf_hooks", "process", "punycode", "querystring", "readline", "readline/promises", "repl", "stream",
        "stream/promises", "stream/web", "string_decoder", "sys", "test", "timers", "timers/promises", "tls",
        "trace_events", "tty", "url", "util", "util/types", "v8", "vm", "wasi", "worker_threads", "zlib", "sqlite",
    ]

    /// Bundles the route (or page) of `route` with its layouts.
    ///
    /// With Next.js compatibility on, a segment whose sources mention `next/server` gets
    /// Verge's module even when every import of it was type-only (TypeScript elides those):
    /// its handlers then receive NextRequest objects, as the types promise.
    public func bundle(_ route: RouteDefinition) throws -> EdgeBundle {
        let bundle = try bundle(route, sideEffectImports: [])
        if let nextCompatDirectory, mentionsNextServerWithoutIncludingIt(bundle, directory: nextCompatDirectory) {
            return try self.bundle(route, sideEffectImports: ["next/server"])
        }
        return bundle
    }

    /// Bundles `middleware.{js,ts}`: like a route, always with `next/server` (its request is
    /// a NextRequest and its second argument a NextFetchEvent).
    public func bundleMiddleware(_ route: RouteDefinition) throws -> EdgeBundle {
        try bundle(route, sideEffectImports: nextCompatDirectory == nil ? [] : ["next/server"])
    }

    private func mentionsNextServerWithoutIncludingIt(_ bundle: EdgeBundle, directory: String) -> Bool {
        let shipped = NextCompat.serverModulePath(in: URL(fileURLWithPath: directory))
        if bundle.inputs.contains(shipped) { return false }
        for input in bundle.inputs where !input.hasPrefix(directory + "/") {
            if let text = try? String(contentsOfFile: input, encoding: .utf8), text.contains("next/server") { return true }
        }
        return false
    }

    func bundle(_ route: RouteDefinition, sideEffectImports: [String]) throws -> EdgeBundle {
        guard let file = route.file, let absolute = route.absoluteFile else {
            throw RouterError.bundle(file: route.id, message: "a Swift-only route has nothing to bundle")
        }
        let fileManager = FileManager.default
        let entries = outputDirectory.appendingPathComponent("entries")
        try fileManager.createDirectory(at: entries, withIntermediateDirectories: true)
        let name = EdgeBundler.safeName(route.id)
        let entry = entries.appendingPathComponent(name + ".entry.js")
        let output = outputDirectory.appendingPathComponent(name + ".js")
        let metafile = entries.appendingPathComponent(name + ".meta.json")

        var entrySource = "// Generated by Verge: the entry of edge segment \(file).\n"
        for specifier in sideEffectImports { entrySource += "import \(jsonQuoted(specifier));\n" }
        entrySource += "import * as route from \(jsonQuoted(absolute));\n"
        var layoutNames: [String] = []
        if route.kind == .page {
            for (index, layout) in route.layouts.enumerated() {
                entrySource += "import * as layout\(index) from \(jsonQuoted(layout.absolutePath));\n"
                layoutNames.append("layout\(index)")
            }
        }
        // Handed over as a plain global assignment rather than esbuild's `--global-name`
        // exports object: that one is built from getters (its __toCommonJS/__export helpers),
        // each compiled on first read, which a segment's boot paid for.
        entrySource += "globalThis.\(EdgeBundler.globalName) = { route, layouts: [\(layoutNames.joined(separator: ", "))] };\n"
        try entrySource.write(to: entry, atomically: true, encoding: .utf8)

        var arguments = [
            entry.path, "--bundle", "--format=iife",
            "--platform=neutral", "--main-fields=browser,module,main", "--conditions=worker,browser,edge-light",
            "--target=es2022", "--outfile=\(output.path)", "--log-limit=0", "--color=false", "--log-level=error",
            "--resolve-extensions=.tsx,.ts,.jsx,.js,.mjs,.cjs,.json", "--charset=utf8", "--legal-comments=none",
            "--define:process.env.NODE_ENV=\"\(nodeEnv)\"", "--metafile=\(metafile.path)",
        ]
        for (specifier, path) in aliases.sorted(by: { $0.key < $1.key }) {
            arguments.append("--alias:\(specifier)=\(path)")
        }
        let result = try run(esbuildPath, arguments, cwd: projectRoot)
        if result.status != 0 {
            throw RouterError.bundle(file: file, message: describe(esbuildErrors: result.stderr, entry: entry.path))
        }
        let source = try String(contentsOf: output, encoding: .utf8)
        let gzipSize = source.utf8.withContiguousStorageIfAvailable { buffer in
            verge_gzip_size(buffer.baseAddress, buffer.count)
        } ?? Array(source.utf8).withUnsafeBufferPointer { verge_gzip_size($0.baseAddress, $0.count) }
        if gzipSize > codeSizeLimit {
            throw RouterError.bundle(file: file, message: "the edge bundle is \(formatBytes(gzipSize)) gzipped, above the code size limit of \(formatBytes(codeSizeLimit)); remove large dependencies or raise `edge.codeSizeLimitMB` in verge.json (1 to 4)")
        }
        return EdgeBundle(routeID: route.id, file: file, source: source, path: output.path,
                          rawSize: source.utf8.count, gzipSize: Int(gzipSize), inputs: readInputs(metafile))
    }

    /// Turns esbuild's error report into Verge's: Node built-in imports get the edge message
    /// with the importing file and line; other errors keep esbuild's words with file:line.
    func describe(esbuildErrors stderr: String, entry: String) -> String {
        var messages: [String] = []
        let lines = stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var index = 0
        while index < lines.count {
            let line = lines[index]
            guard line.contains("[ERROR]") else {
                index += 1
                continue
            }
            let message = line.components(separatedBy: "[ERROR] ").last ?? line
            // The location line follows: "    app/api/x/route.ts:3:19:".
            var location = ""
            var lookahead = index + 1
            while lookahead < lines.count, lookahead <= index + 3 {
                let candidate = lines[lookahead].trimmingCharacters(in: .whitespaces)
                if candidate.hasSuffix(":"), candidate.contains(":"), !candidate.contains(" ") {
                    location = String(candidate.dropLast())
                    break
                }
                lookahead += 1
            }
            let (fileLine, file) = relativeLocation(location)
            if message.hasPrefix("Could not resolve \""), var specifier = message.split(separator: "\"").dropFirst().first {
                // An aliased path: `Could not resolve "/…/.verge/next/og" (originally "next/og")`.
                if let range = message.range(of: "(originally \""),
                   let original = message[range.upperBound...].split(separator: "\"").first {
                    specifier = original
                }
                let name = specifier.hasPrefix("node:") ? String(specifier.dropFirst(5)) : String(specifier)
                if EdgeBundler.nodeBuiltins.contains(name) {
                    let root = name.split(separator: "/").first.map(String.init) ?? name
                    messages.append("The edge runtime does not support Node.js '\(root)' module (imported from \(fileLine))")
                    index = lookahead + 1
                    continue
                }
                // A key ending in "/" is a prefix; any other key matches exactly.
                if let reason = unsupportedPrefixes.sorted(by: { $0.key < $1.key }).first(where: { key, _ in
                    key.hasSuffix("/") ? specifier.hasPrefix(key) : specifier == key
                })?.value {
                    messages.append("\(specifier) is not supported (imported from \(fileLine)): \(reason)")
                    index = lookahead + 1
                    continue
                }
                messages.append("cannot resolve '\(specifier)' (imported from \(fileLine)); install it in node_modules or fix the path")
                index = lookahead + 1
                continue
            }
            _ = file
            messages.append(fileLine.isEmpty ? message : "\(fileLine): \(message)")
            index = lookahead + 1
        }
        if messages.isEmpty {
            let trimmed = stderr.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? "esbuild failed" : trimmed
        }
        return messages.joined(separator: "\n")
    }

    /// "app/x/route.ts:3:19" → ("app/x/route.ts:3", "app/x/route.ts"), relative to the project.
    func relativeLocation(_ location: String) -> (String, String) {
        guard !location.isEmpty else { return ("", "") }
        let parts = location.split(separator: ":")
        guard parts.count >= 2 else { return (location, location) }
        var file = String(parts[0])
        let root = projectRoot.path + "/"
        if file.hasPrefix(root) { file = String(file.dropFirst(root.count)) }
        if file.hasPrefix("/") == false, let cwdRelative = Optional(file) { file = cwdRelative }
        return ("\(file):\(parts[1])", file)
    }

    /// The absolute paths of the inputs listed in an esbuild metafile.
    func readInputs(_ metafile: URL) -> [String] {
        guard let data = try? Data(contentsOf: metafile),
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let inputs = json["inputs"] as? [String: Any] else { return [] }
        return inputs.keys.compactMap { path in
            if path.hasPrefix("/") { return path }
            return projectRoot.appendingPathComponent(path).standardizedFileURL.path
        }.filter { !$0.contains("/.verge/entries/") }.sorted()
    }

    static func safeName(_ id: String) -> String {
        String(id.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
    }

    private func jsonQuoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

func formatBytes(_ count: Int) -> String {
    if count >= 1 << 20 { return String(format: "%.2f MB", Double(count) / Double(1 << 20)) }
    if count >= 1 << 10 { return String(format: "%.1f KB", Double(count) / Double(1 << 10)) }
    return "\(count) B"
}

/// Runs a command and returns its status and output.
func run(_ executable: String, _ arguments: [String], cwd: URL) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [executable] + arguments
    process.currentDirectoryURL = cwd
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    do {
        try process.run()
    } catch {
        throw RouterError.bundle(file: executable, message: "cannot run \(executable): \(error); run scripts/setup to install it")
    }
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    if process.terminationStatus == 127 {
        throw RouterError.bundle(file: executable, message: "\(executable) is not installed; run scripts/setup")
    }
    return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
}
