import Foundation

/// One testharness.js test file with its `// META:` directives.
public struct TestFile: Sendable {
    /// Path relative to the suite root, with "/" separators ("url/parsing.any.js").
    public var path: String
    /// Absolute path on disk.
    public var url: URL
    /// The API group: the first path component ("url").
    public var api: String
    /// `// META: script=` dependencies, resolved to absolute paths, in order.
    public var scripts: [URL]
    /// `// META: timeout=long`.
    public var longTimeout: Bool
    /// `// META: variant=?q` (each variant runs as its own entry); nil when none.
    public var variant: String?
    /// `// META: global=` values.
    public var globals: [String]

    /// The name shown in tables and used as the expectations key.
    public var displayName: String { variant.map { path + $0 } ?? path }

    /// Parses the META block (comment lines at the top) of `source`.
    static func parse(path: String, url: URL, source: String, suiteRoot: URL) -> [TestFile] {
        var scripts: [URL] = []
        var longTimeout = false
        var variants: [String] = []
        var globals: [String] = []
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            guard trimmed.hasPrefix("//") else { break }
            guard let range = trimmed.range(of: "META:") else { continue }
            let directive = trimmed[range.upperBound...].trimmingCharacters(in: .whitespaces)
            guard let equals = directive.firstIndex(of: "=") else { continue }
            let key = directive[..<equals].trimmingCharacters(in: .whitespaces)
            let value = directive[directive.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            switch key {
            case "script":
                if value.hasPrefix("/") {
                    scripts.append(suiteRoot.appendingPathComponent(String(value.dropFirst())))
                } else {
                    scripts.append(url.deletingLastPathComponent().appendingPathComponent(value))
                }
            case "timeout":
                longTimeout = value == "long"
            case "variant":
                variants.append(value)
            case "global":
                globals = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            default:
                continue
            }
        }
        let api = path.split(separator: "/").first.map(String.init) ?? path
        let base = TestFile(path: path, url: url, api: api, scripts: scripts, longTimeout: longTimeout,
                            variant: nil, globals: globals)
        if variants.isEmpty { return [base] }
        return variants.map { variant in
            var file = base
            file.variant = variant
            return file
        }
    }
}
