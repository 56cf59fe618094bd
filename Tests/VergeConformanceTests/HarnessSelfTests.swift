import Foundation
import NIOCore
import Testing
@testable import VergeConformance

/// The harness's self-tests (conformance/harness/) report exactly the statuses testharness.js
/// would: checked here, since a test file cannot check its own harness status.
@Suite("testharness.js: statuses the harness reports")
struct HarnessSelfTests {
    @Test func harnessStatusFiles() async throws {
        let results = try await runSuite("harness/")
        func harness(_ file: String) -> (String, String?) {
            guard let result = results.file("harness/" + file) else { return ("missing", nil) }
            return (result.harnessStatus, result.harnessMessage)
        }
        #expect(harness("status/uncaught-exception.any.js") == ("ERROR", "Uncaught Error: boom"))
        #expect(harness("status/unhandled-rejection.any.js") == ("ERROR", "Unhandled rejection: nobody catches this"))
        #expect(harness("status/duplicate-names.any.js") == ("ERROR", "1 duplicate test name: \"same name\""))
        #expect(harness("status/cleanup-throws.any.js") == ("ERROR", "Test named 'a test whose cleanup throws' specified 1 'cleanup' function, and 1 failed."))
        #expect(harness("status/cleanup-returns-value.any.js") == ("ERROR", "Test named 'a test whose cleanup returns a value' specified 1 'cleanup' function, and 1 returned a non-undefined value."))
        #expect(harness("status/test-returns-value.any.js").1?.hasPrefix("Test named \"a test() body returning a promise\" passed a function to `test` that returned a value. Consider using `promise_test`") == true)
        #expect(harness("status/explicit-done-missing.any.js") == ("TIMEOUT", "done() was never called (the sandbox went idle before the harness completed)"))
        #expect(harness("status/no-tests.any.js") == ("ERROR", "no tests were defined (the sandbox went idle before the harness completed)"))
        #expect(harness("status/setup-throws.any.js") == ("ERROR", "Error: setup failed"))
        #expect(harness("status/setup-precondition.any.js").0 == "PRECONDITION_FAILED")
        #expect(harness("status/promise-setup-rejects.any.js") == ("ERROR", "Error: setup rejected"))
        #expect(harness("status/timeout.any.js") == ("TIMEOUT", "3 unfinished tests (the sandbox went idle before the harness completed)"))

        let explicit = try #require(results.file("harness/status/explicit-timeout.any.js"))
        #expect(explicit.harnessStatus == "TIMEOUT")
        #expect(explicit.harnessMessage == nil, "timeout() itself gives no message")
        #expect(explicit.subtests.map(\.status) == ["PASS", "TIMEOUT"])

        let timeout = try #require(results.file("harness/status/timeout.any.js"))
        #expect(timeout.subtests.map(\.status) == ["PASS", "TIMEOUT", "TIMEOUT", "NOTRUN"])
        #expect(timeout.subtest("an async test that never calls done()")?.message == "Test timed out")

        let single = try #require(results.file("harness/status/single-test-fails.any.js"))
        #expect(single.harnessStatus == "OK")
        #expect(single.subtests.map(\.status) == ["FAIL"])
        #expect(single.subtests.first?.message?.contains("a failing assert in a later task expected \"expected\" but got \"late\"") == true)

        let uncaught = try #require(results.file("harness/status/uncaught-exception.any.js"))
        #expect(uncaught.subtests.map(\.status) == ["PASS", "PASS"], "tests keep their own results")

        #expect(results.file("harness/status/cleanup-throws.any.js")?.subtests.map(\.status) == ["PASS", "NOTRUN"])
        #expect(results.file("harness/status/promise-setup-rejects.any.js")?.subtests.map(\.status) == ["NOTRUN"])
        #expect(results.file("harness/status/setup-throws.any.js")?.subtests.isEmpty == true, "tests after a failed setup are not recorded")
        #expect(results.file("harness/single-test.any.js")?.subtests.map(\.name) == ["Untitled"])

        // Every deliberate failure is expected (conformance/harness/expectations.json) and
        // everything else passes: the self-tests keep the suite green.
        let report = ConformanceReport(results: results)
        #expect(report.isClean, "\(report.unexpected(verbose: true))")
        #expect(report.total.optional >= 2)
    }

    @Test func theFileTimeoutReportsTimeoutAndNotRun() async throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("resources"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: suiteRoot.appendingPathComponent("resources/testharness.js"),
                                         to: root.appendingPathComponent("resources/testharness.js"))
        try FileManager.default.createDirectory(at: root.appendingPathComponent("slow"), withIntermediateDirectories: true)
        try """
            test(() => {}, "quick");
            promise_test(() => new Promise((resolve) => setTimeout(resolve, 60000)), "waits a minute");
            promise_test(async () => {}, "after it");
            """.write(to: root.appendingPathComponent("slow/slow.any.js"), atomically: true, encoding: .utf8)
        let harness = try String(contentsOf: root.appendingPathComponent("resources/testharness.js"), encoding: .utf8)
        var runner = ConformanceRunner(suiteRoot: root, harnessSource: harness, harnessURL: "verge:testharness.js",
                                       expectations: Expectations(), jobs: 1)
        runner.timeout = .seconds(1)
        let started = Date()
        let results = await runner.run(try ConformanceRunner.discover(root: root, filter: nil)) { _, _, _ in }
        #expect(Date().timeIntervalSince(started) < 30, "ended by the 1 s timeout, not by the minute-long wait")
        let result = try #require(results.first)
        #expect(result.harnessStatus == "TIMEOUT")
        #expect(result.harnessMessage == "2 unfinished tests (the file ran past its 1 s timeout)")
        #expect(result.subtests.map(\.status) == ["PASS", "TIMEOUT", "NOTRUN"])
        #expect(result.harnessVerdict == .fail)
    }

    @Test func cpuLimitMetaEndsRunawayTasks() async throws {
        let results = try await runSuite("sandbox/cpu-limit")
        let result = try #require(results.first)
        #expect(result.harnessStatus == "OK", "\(result.harnessMessage ?? "")")
        #expect(result.subtests.allSatisfy { $0.status == "PASS" }, "\(result.subtests.map { ($0.name, $0.status, $0.message) })")
        #expect(result.output.filter { $0.contains("CPU time limit exceeded") }.count == 3, "\(result.output)")
    }

    @Test func harnessSelfTestsAndSandboxFilesAreInTheManifest() throws {
        let manifest = try Manifest.load(suiteRoot.appendingPathComponent("manifest.json"))
        let index = try TestIndex.scan(root: suiteRoot)
        let covered = Set(manifest.apis.flatMap { manifest.files(of: $0, in: index) })
        for file in index.files where file.hasPrefix("harness/") || file.hasPrefix("sandbox/") || file.hasPrefix("global-scope/") {
            #expect(covered.contains(file), "\(file) is covered by a manifest entry")
        }
    }
}
