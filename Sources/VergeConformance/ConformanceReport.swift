import Foundation

/// Tables and machine-readable output for conformance results.
///
/// With a manifest, rows are the manifest's APIs (a file covering several APIs counts in
/// each of their rows, once in the total); without one (`--wpt`), rows are the files' groups.
public struct ConformanceReport: Sendable {
    public var results: [FileResult]
    public var manifest: Manifest?

    public init(results: [FileResult], manifest: Manifest? = nil) {
        self.results = results
        self.manifest = manifest
    }

    public struct Row: Sendable {
        public var api: String
        /// supported / partial / not-supported, from the manifest (nil without one).
        public var status: String?
        public var files = 0
        public var passed = 0
        public var failed = 0
        public var timedOut = 0
        public var expected = 0
        public var optional = 0
        public var unexpectedPasses = 0
        public var brokenFiles = 0
        public var skippedFiles = 0

        public init(api: String, status: String? = nil) {
            self.api = api
            self.status = status
        }

        mutating func add(_ file: FileResult) {
            files += 1
            switch file.harnessVerdict {
            case .fail: brokenFiles += 1
            case .unexpectedPass: unexpectedPasses += 1
            case .skipped: skippedFiles += 1
            default: break
            }
            for subtest in file.subtests {
                switch subtest.verdict {
                case .pass: passed += 1
                case .fail:
                    if subtest.status == "TIMEOUT" || subtest.status == "NOTRUN" { timedOut += 1 } else { failed += 1 }
                case .expectedFail: expected += 1
                case .unexpectedPass: unexpectedPasses += 1
                case .optional: optional += 1
                case .skipped: break
                }
            }
        }
    }

    /// The results of a test file (all its variants), by path without the variant.
    private var resultsByPath: [String: [FileResult]] {
        var byPath: [String: [FileResult]] = [:]
        for result in results {
            let path = result.file.firstIndex(of: "?").map { String(result.file[..<$0]) } ?? result.file
            byPath[path, default: []].append(result)
        }
        return byPath
    }

    public var rows: [Row] {
        if let manifest {
            let byPath = resultsByPath
            let index = TestIndex(files: Set(byPath.keys))
            var rows: [Row] = []
            for entry in manifest.apis {
                var row = Row(api: entry.name, status: entry.status.rawValue)
                for path in manifest.files(of: entry, in: index) {
                    for result in byPath[path] ?? [] { row.add(result) }
                }
                rows.append(row)
            }
            return rows
        }
        var byAPI: [String: Row] = [:]
        for file in results {
            var row = byAPI[file.api] ?? Row(api: file.api)
            row.add(file)
            byAPI[file.api] = row
        }
        return byAPI.values.sorted { $0.api < $1.api }
    }

    /// Every file counted once.
    public var total: Row {
        var total = Row(api: "total")
        for file in results { total.add(file) }
        return total
    }

    /// True when every result matched the expectations.
    public var isClean: Bool {
        let t = total
        return t.failed == 0 && t.timedOut == 0 && t.unexpectedPasses == 0 && t.brokenFiles == 0
    }

    private var showsStatus: Bool { manifest != nil }
    private var showsSkipped: Bool { results.contains { $0.harnessVerdict == .skipped } }

    /// The per-API table, as printed by `verge conformance`.
    public func table() -> String {
        var header = ["API"]
        if showsStatus { header.append("status") }
        header += ["files", "passed", "failed", "timed out", "expected fail", "optional", "stale expect.", "broken files"]
        if showsSkipped { header.append("skipped files") }
        var lines: [[String]] = [header]
        for row in rows + [total] {
            var line = [row.api]
            if showsStatus { line.append(row.status ?? "") }
            line += ["\(row.files)", "\(row.passed)", "\(row.failed)", "\(row.timedOut)", "\(row.expected)",
                     "\(row.optional)", "\(row.unexpectedPasses)", "\(row.brokenFiles)"]
            if showsSkipped { line.append("\(row.skippedFiles)") }
            lines.append(line)
        }
        let widths = header.indices.map { column in lines.map { $0[column].count }.max() ?? 0 }
        let textColumns = showsStatus ? 2 : 1
        var out = ""
        for (index, line) in lines.enumerated() {
            if index == lines.count - 1 {
                out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
            }
            let cells = line.enumerated().map { column, cell in
                column < textColumns ? cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[column] - cell.count) + cell
            }
            out += cells.joined(separator: "  ").trimmingCharacters(in: .whitespaces) + "\n"
            if index == 0 { out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n" }
        }
        return out
    }

    /// A Markdown version of the table (README, docs).
    public func markdownTable() -> String {
        var out = showsStatus ? "| API | status | files | passed | failed | timed out | expected fail | optional |\n"
            : "| API | files | passed | failed | timed out | expected fail | optional |\n"
        out += showsStatus ? "|---|---|---:|---:|---:|---:|---:|---:|\n" : "|---|---:|---:|---:|---:|---:|---:|\n"
        for row in rows + [total] {
            let name = row.api == "total" ? "**total**" : "`\(row.api)`"
            let status = showsStatus ? " \(row.status ?? "") |" : ""
            out += "| \(name) |\(status) \(row.files) | \(row.passed) | \(row.failed) | \(row.timedOut) | \(row.expected) | \(row.optional) |\n"
        }
        return out
    }

    /// Every result that did not match expectations, one per line.
    public func unexpected(verbose: Bool) -> String {
        var out = ""
        for file in results {
            if file.harnessVerdict == .fail {
                out += "BROKEN  \(file.file): harness \(file.harnessStatus): \(file.harnessMessage ?? "")\n"
                if verbose { for line in file.output.prefix(20) { out += "        | \(line)\n" } }
            } else if file.harnessVerdict == .unexpectedPass {
                out += "STALE   \(file.file): the harness error listed in expectations no longer happens; remove the \"harness\" entry\n"
            }
            for subtest in file.subtests {
                switch subtest.verdict {
                case .fail:
                    out += "\(subtest.status.padding(toLength: 7, withPad: " ", startingAt: 0)) \(file.file) › \(subtest.name)"
                    if let message = subtest.message { out += ": \(message)" }
                    out += "\n"
                case .unexpectedPass:
                    out += "STALE   \(file.file) › \(subtest.name): passes but is listed as an expected failure (\(subtest.expectedReason ?? "")); remove it from expectations.json\n"
                default:
                    continue
                }
            }
        }
        return out
    }

    /// Skipped files grouped by reason ("reason: N files", then the files when `verbose`).
    public func skipped(verbose: Bool) -> String {
        var byReason: [String: [String]] = [:]
        for file in results where file.harnessVerdict == .skipped {
            byReason[file.harnessMessage ?? "skipped", default: []].append(file.file)
        }
        var out = ""
        for (reason, files) in byReason.sorted(by: { $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.key < $1.key }) {
            out += "SKIP    \(files.count) file\(files.count == 1 ? "" : "s"): \(reason)\n"
            if verbose { for file in files.sorted() { out += "        \(file)\n" } }
        }
        return out
    }

    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(results)
    }
}
