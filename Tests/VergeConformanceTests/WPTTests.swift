import Foundation
import Testing
@testable import VergeConformance
@testable import VergeEdge

@Suite("verge conformance --wpt: discovery, skip rules, the adapter")
struct WPTTests {
    @Test func discoveryFindsAnyJSFilesOfTheSelectedDirectoriesWithSkipReasons() throws {
        let files = try WPT.discover(root: fakeWPT, directories: ["mini"], filter: nil)
        let reasons = Dictionary(files.map { ($0.displayName, $0.skipReason) }, uniquingKeysWith: { a, _ in a })
        #expect(!reasons.keys.contains { $0.contains("not-a-test") }, "resources/ holds helpers, not tests")
        #expect(!reasons.keys.contains { $0.hasPrefix("other/") }, "only the selected directories")
        #expect(reasons["mini/variants.any.js?first"] != nil && reasons["mini/variants.any.js?second"] != nil)
        #expect(files.allSatisfy { $0.api == "mini" })

        let runs = ["mini/pass.any.js", "mini/fail.any.js", "mini/worker-env.any.js", "mini/title.any.js",
                    "mini/hangs.any.js", "mini/data.any.js", "mini/shadowrealm.any.js", "mini/variants.any.js?first"]
        for name in runs { #expect(reasons[name] == .some(nil), "\(name) runs") }

        #expect(reasons["mini/window-only.any.js"] == "runs only in a window (META global=window)")
        #expect(reasons["mini/secure.https.any.js"] == "needs the WPT server over HTTPS (.https. file)")
        #expect(reasons["mini/template.sub.any.js"] == "needs the WPT server's template substitutions (.sub. file)")
        #expect(reasons["mini/host-info.any.js"] == "needs the WPT server's other origins (META script=/common/get-host-info.sub.js)")
        #expect(reasons["mini/python.any.js"] == "needs the WPT server's Python handlers (resources/echo.py)")
        #expect(reasons["mini/import-scripts.any.js"] == "calls importScripts(), which the sandbox does not have")
        #expect(reasons["mini/worker-maker.any.js"] == "creates workers (new Worker), which the sandbox does not have")
        #expect(reasons["mini/missing-script.any.js"] == "META script=/common/missing.js is not in the checkout")
    }

    @Test func globalRules() {
        func reason(_ globals: String) -> String? {
            let file = TestFile.parse(path: "d/f.any.js", url: fakeWPT, source: "// META: global=\(globals)\n", suiteRoot: fakeWPT)[0]
            return WPT.skipRules[0].check(WPT.Candidate(file: file, source: "", scriptSources: []))
        }
        #expect(reason("window,dedicatedworker") == nil)
        #expect(reason("window,worker") == nil)
        #expect(reason("sharedworker") == nil)
        #expect(reason("jsshell") == nil)
        #expect(reason("shadowrealm-in-window") == nil)
        #expect(reason("dedicatedworker-module") == nil)
        #expect(reason("default") == nil)
        #expect(reason("window") != nil)
        #expect(reason("window,!dedicatedworker") != nil)
    }

    @Test func pythonHandlerReferences() {
        #expect(WPT.pythonHandler(in: #"fetch("../resources/inspect-headers.py?x")"#) == "../resources/inspect-headers.py")
        #expect(WPT.pythonHandler(in: "const u = `${RESOURCES_DIR}top.py`;") == "${RESOURCES_DIR}top.py")
        #expect(WPT.pythonHandler(in: "fetch('resources/a.json')") == nil)
        #expect(WPT.pythonHandler(in: "// see pyth.pyramid") == nil)
    }

    @Test func aMissingHarnessIsAClearError() throws {
        let empty = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: empty) }
        #expect(throws: WPT.DiscoveryError.self) {
            _ = try ConformanceRunner.wpt(root: empty, expectations: Expectations(), jobs: 1)
        }
        #expect(throws: WPT.DiscoveryError.self) {
            _ = try WPT.discover(root: empty.appendingPathComponent("absent"), filter: nil)
        }
    }

    @Test func theCheckoutsHarnessRunsInsideTheAdapter() async throws {
        var expectations = Expectations()
        let expectationsFile = try temporaryDirectory().appendingPathComponent("wpt-expectations.json")
        try #"{ "mini/fail.any.js": { "a failing subtest": "deliberate, in the fixture" } }"#
            .write(to: expectationsFile, atomically: true, encoding: .utf8)
        try expectations.merge(file: expectationsFile, prefix: "")
        var runner = try ConformanceRunner.wpt(root: fakeWPT, expectations: expectations, jobs: 2)
        let server = try await StaticFileServer.start(root: fakeWPT)
        runner.locationBase = server.origin
        let files = try WPT.discover(root: fakeWPT, directories: ["mini"], filter: nil)
        let results = await runner.run(files) { _, _, _ in }
        await server.shutdown()

        let pass = try #require(results.file("mini/pass.any.js"))
        #expect(pass.harnessStatus == "OK")
        #expect(pass.subtests.map(\.status) == ["PASS", "PASS", "PASS"])

        let fail = try #require(results.file("mini/fail.any.js"))
        #expect(fail.subtest("a failing subtest")?.status == "FAIL")
        #expect(fail.subtest("a failing subtest")?.verdict == .expectedFail)
        #expect(fail.subtest("a failing subtest")?.message == "assert_equals: deliberately expected 2 but got 1")
        #expect(fail.subtest("a passing subtest")?.verdict == .pass)

        let worker = try #require(results.file("mini/worker-env.any.js"))
        #expect(worker.subtests.first?.status == "PASS", "\(worker.subtests.first?.message ?? "")")

        let title = try #require(results.file("mini/title.any.js"))
        #expect(title.subtests.first?.status == "PASS", "\(title.subtests.first?.message ?? "")")

        for variant in ["mini/variants.any.js?first", "mini/variants.any.js?second"] {
            let result = try #require(results.file(variant))
            #expect(result.subtests.first?.status == "PASS", "\(variant): \(result.subtests.first?.message ?? "")")
        }

        let hangs = try #require(results.file("mini/hangs.any.js"))
        #expect(hangs.harnessStatus == "TIMEOUT")
        #expect(hangs.harnessMessage == "the sandbox went idle before the harness completed")
        #expect(hangs.subtest("finishes")?.status == "PASS")
        #expect(hangs.subtest("never finishes")?.status == "TIMEOUT")

        let data = try #require(results.file("mini/data.any.js"))
        #expect(data.subtests.first?.status == "PASS", "\(data.subtests.first?.message ?? "")")

        let skipped = results.filter { $0.harnessVerdict == .skipped }
        #expect(skipped.count == 8)
        #expect(skipped.allSatisfy { $0.harnessStatus == "SKIP" && $0.subtests.isEmpty && $0.harnessMessage != nil })

        let report = ConformanceReport(results: results)
        #expect(report.total.skippedFiles == 8)
        #expect(report.skipped(verbose: true).contains("SKIP    1 file: runs only in a window (META global=window)\n        mini/window-only.any.js\n"))
        #expect(report.table().contains("skipped files"))
    }

    @Test func theAdapterMakesNoGlobalsInHandlerSandboxes() async throws {
        // The adapter is only part of conformance sandboxes: a plain sandbox has none of it.
        let recorder = ConsoleLines()
        let outcome = try await ScriptRunner.run(
            on: MultiThreadedEventLoopGroupProvider.loop, source: """
                console.log(typeof WorkerGlobalScope, typeof DedicatedWorkerGlobalScope, typeof postMessage,
                            typeof GLOBAL, typeof __vergeHarness, typeof META_TITLE);
                """, sourceURL: "plain.js", console: recorder.sink, timeout: .seconds(10)).get()
        #expect(outcome.status == 0)
        #expect(recorder.lines == ["undefined undefined undefined undefined undefined undefined"])
    }
}
