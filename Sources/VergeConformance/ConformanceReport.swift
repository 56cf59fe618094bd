import Foundation

/// Tables and machine-readable output for conformance results.
public struct ConformanceReport: Sendable {
    public var results: [FileResult]

    public init(results: [FileResult]) { self.results = results }

    public struct Row: Sendable {
        public var api: String
        public var files = 0
        public var passed = 0
        public var failed = 0
        public var timedOut = 0
        public var expected = 0
        public var optional = 0
        public var unexpectedPasses = 0
        public var brokenFiles = 0
    }

    public var rows: [Row] {
        var byAPI: [String: Row] = [:]
        for file in results {
            var row = byAPI[file.api] ?? Row(api: file.api)
            row.files += 1
            if file.harnessVerdict == .fail { row.brokenFiles += 1 }
            if file.harnessVerdict == .unexpectedPass { row.unexpectedPasses += 1 }
            for subtest in file.subtests {
                switch subtest.verdict {
                case .pass: row.passed += 1
                case .fail:
                    if subtest.status == "TIMEOUT" || subtest.status == "NOTRUN" { row.timedOut += 1 } else { row.failed += 1 }
                case .expectedFail: row.expected += 1
                case .unexpectedPass: row.unexpectedPasses += 1
                case .optional: row.optional += 1
                }
            }
            byAPI[file.api] = row
        }
        return byAPI.values.sorted { $0.api < $1.api }
    }

    public var total: Row {
        rows.reduce(into: Row(api: "total")) { total, row in
            total.files += row.files
            total.passed += row.passed
            total.failed += row.failed
            total.timedOut += row.timedOut
            total.expected += row.expected
            total.optional += row.optional
            total.unexpectedPasses += row.unexpectedPasses
            total.brokenFiles += row.brokenFiles
        }
    }

    /// True when every result matched the expectations.
    public var isClean: Bool {
        let t = total
        return t.failed == 0 && t.timedOut == 0 && t.unexpectedPasses == 0 && t.brokenFiles == 0
    }

    /// The per-API table, as printed by `verge conformance`.
    public func table() -> String {
        let header = ["API", "files", "passed", "failed", "timed out", "expected fail", "optional", "stale expect.", "broken files"]
        var lines: [[String]] = [header]
        for row in rows + [total] {
            lines.append([row.api, "\(row.files)", "\(row.passed)", "\(row.failed)", "\(row.timedOut)",
                          "\(row.expected)", "\(row.optional)", "\(row.unexpectedPasses)", "\(row.brokenFiles)"])
        }
        let widths = header.indices.map { column in lines.map { $0[column].count }.max() ?? 0 }
        var out = ""
        for (index, line) in lines.enumerated() {
            if index == lines.count - 1 {
                out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
            }
            let cells = line.enumerated().map { column, cell in
                column == 0 ? cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[column] - cell.count) + cell
            }
            out += cells.joined(separator: "  ") + "\n"
            if index == 0 { out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n" }
        }
        return out
    }

    /// A Markdown version of the table (README, docs).
    public func markdownTable() -> String {
        var out = "| API | files | passed | failed | timed out | expected fail | optional |\n"
        out += "|---|---:|---:|---:|---:|---:|---:|\n"
        for row in rows + [total] {
            let name = row.api == "total" ? "**total**" : row.api
            out += "| \(name) | \(row.files) | \(row.passed) | \(row.failed) | \(row.timedOut) | \(row.expected) | \(row.optional) |\n"
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

    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(results)
    }
}
