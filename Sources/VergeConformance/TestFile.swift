import Foundation

/// One testharness.js test file with its `// META:` directives.
public struct TestFile: Sendable {
    /// Path relative to the suite root, with "/" separators ("url/parsing.any.js").
    public var path: String
    /// Absolute path on disk.
    public var url: URL
    /// The group the file is counted under without a manifest: the first path component
    /// ("url"), or the `--wpt` directory that holds it ("fetch/api").
    public var api: String
    /// `// META: script=` dependencies, resolved to absolute paths, in order.
    public var scripts: [URL]
    /// `// META: script=` values as written ("/common/utils.js", "resources/helpers.js").
    public var scriptReferences: [String]
    /// `// META: timeout=long`.
    public var longTimeout: Bool
    /// `// META: variant=?q` (each variant runs as its own entry); nil when none.
    public var variant: String?
    /// `// META: global=` values; empty when the file has no such line (WPT's default:
    /// window and dedicatedworker).
    public var globals: [String]
    /// `// META: title=`.
    public var title: String?
    /// `// META: verge-cpu-limit-ms=N`: the CPU time each task of the file may use (a
    /// Verge extension, for tests of the CPU limit).
    public var cpuLimitMilliseconds: Int?
    /// Why the file is not run (set by the `--wpt` skip rules); nil when it runs.
    public var skipReason: String?

    /// The name shown in tables and used as the expectations key.
    public var displayName: String { variant.map { path + $0 } ?? path }

    public init(path: String, url: URL, api: String, scripts: [URL] = [], scriptReferences: [String] = [],
                longTimeout: Bool = false, variant: String? = nil, globals: [String] = [], title: String? = nil,
                cpuLimitMilliseconds: Int? = nil, skipReason: String? = nil) {
        self.path = path
        self.url = url
        self.api = api
        self.scripts = scripts
        self.scriptReferences = scriptReferences
        self.longTimeout = longTimeout
        self.variant = variant
        self.globals = globals
        self.title = title
        self.cpuLimitMilliseconds = cpuLimitMilliseconds
        self.skipReason = skipReason
    }

    /// The META block: `// META: key=value` comment lines at the top of `source` (as WPT's
    /// manifest reads them: the line starts with `//`, then `META:`; other comment lines are
    /// skipped; the block ends at the first line that is neither blank nor a comment).
    public static func metaDirectives(in source: String) -> [(key: String, value: String)] {
        var directives: [(String, String)] = []
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            guard trimmed.hasPrefix("//") else { break }
            let comment = trimmed.dropFirst(2).trimmingCharacters(in: .whitespaces)
            guard comment.hasPrefix("META:") else { continue }
            let directive = comment.dropFirst(5).trimmingCharacters(in: .whitespaces)
            guard let equals = directive.firstIndex(of: "=") else { continue }
            let key = directive[..<equals].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else { continue }
            let value = directive[directive.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            directives.append((key, value))
        }
        return directives
    }

    /// Parses the META block of `source`; one entry per `variant=` (or one when none).
    public static func parse(path: String, url: URL, source: String, suiteRoot: URL, api: String? = nil) -> [TestFile] {
        var file = TestFile(path: path, url: url, api: api ?? path.split(separator: "/").first.map(String.init) ?? path)
        var variants: [String] = []
        for (key, value) in metaDirectives(in: source) {
            switch key {
            case "script":
                file.scriptReferences.append(value)
                file.scripts.append(resolve(script: value, from: url, suiteRoot: suiteRoot))
            case "timeout":
                file.longTimeout = value == "long"
            case "variant":
                variants.append(value)
            case "global":
                file.globals = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                    .filter { !$0.isEmpty }
            case "title":
                file.title = value
            case "verge-cpu-limit-ms":
                file.cpuLimitMilliseconds = Int(value).flatMap { $0 > 0 ? $0 : nil }
            default:
                continue
            }
        }
        if variants.isEmpty { return [file] }
        return variants.map { variant in
            var copy = file
            copy.variant = variant
            return copy
        }
    }

    /// A META script path: "/x/y.js" is rooted at the suite (WPT) root, anything else is
    /// relative to the test file's folder. The query of a URL-like value is dropped.
    static func resolve(script: String, from url: URL, suiteRoot: URL) -> URL {
        var value = script
        if let query = value.firstIndex(where: { $0 == "?" || $0 == "#" }) { value = String(value[..<query]) }
        if value.hasPrefix("/") {
            return suiteRoot.appendingPathComponent(String(value.dropFirst())).standardizedFileURL
        }
        return url.deletingLastPathComponent().appendingPathComponent(value).standardizedFileURL
    }
}
