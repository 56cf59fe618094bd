import Foundation
import Testing
@testable import VergeConformance

@Suite("ConformanceReport")
struct ReportTests {
    func result(_ file: String, api: String, _ subtests: [(String, String, Verdict)], harness: String = "OK",
                verdict: Verdict = .pass) -> FileResult {
        FileResult(file: file, api: api, harnessStatus: harness, harnessMessage: nil, harnessVerdict: verdict,
                   subtests: subtests.map { SubtestResult(name: $0.0, status: $0.1, message: nil, verdict: $0.2, expectedReason: nil) },
                   durationMilliseconds: 1, output: [])
    }

    var results: [FileResult] {
        [
            result("a/one.any.js", api: "a", [("x", "PASS", .pass), ("y", "FAIL", .expectedFail)]),
            result("a/two.any.js?v1", api: "a", [("x", "PASS", .pass)]),
            result("a/two.any.js?v2", api: "a", [("x", "TIMEOUT", .fail)]),
            result("b/three.any.js", api: "b", [("x", "PRECONDITION_FAILED", .optional), ("z", "PASS", .unexpectedPass)]),
        ]
    }

    @Test func withoutAManifestRowsAreGroups() {
        let report = ConformanceReport(results: results)
        #expect(report.rows.map(\.api) == ["a", "b"])
        #expect(report.rows[0].files == 3 && report.rows[0].passed == 2 && report.rows[0].timedOut == 1 && report.rows[0].expected == 1)
        #expect(report.total.files == 4)
        #expect(!report.isClean)
        #expect(!report.table().contains("status"))
    }

    @Test func withAManifestRowsAreItsAPIsAndFilesMayCountForSeveral() {
        let manifest = Manifest(apis: [
            Manifest.Entry(name: "Alpha", kind: "interface", status: .supported, tests: ["a/"]),
            Manifest.Entry(name: "Beta", kind: "interface", status: .partial, reason: "why", tests: ["a/two.any.js", "b/three.any.js"]),
            Manifest.Entry(name: "Gamma", kind: "global", status: .notSupported, reason: "no", tests: []),
        ])
        let report = ConformanceReport(results: results, manifest: manifest)
        #expect(report.rows.map(\.api) == ["Alpha", "Beta", "Gamma"])
        #expect(report.rows[0].files == 3, "a/ holds one.any.js and both variants of two.any.js")
        #expect(report.rows[1].files == 3 && report.rows[1].optional == 1 && report.rows[1].unexpectedPasses == 1)
        #expect(report.rows[2].files == 0)
        #expect(report.total.files == 4, "the total counts each file once")
        let table = report.table()
        #expect(table.contains("status"))
        #expect(table.split(separator: "\n").contains { $0.hasPrefix("Beta") && $0.contains("partial") })
        let markdown = report.markdownTable()
        #expect(markdown.hasPrefix("| API | status | files | passed | failed | timed out | expected fail | optional |\n"))
        #expect(markdown.contains("| `Gamma` | not-supported | 0 | 0 | 0 | 0 | 0 | 0 |"))
        #expect(markdown.contains("| **total** |  | 4 | 2 | 0 | 1 | 1 | 1 |"))
    }

    @Test func unexpectedResultsAreListed() {
        let text = ConformanceReport(results: results).unexpected(verbose: false)
        #expect(text.contains("TIMEOUT a/two.any.js?v2 › x"))
        #expect(text.contains("STALE   b/three.any.js › z: passes but is listed as an expected failure"))
        #expect(!text.contains("one.any.js"))
    }
}
