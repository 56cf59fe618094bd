import Foundation
import Testing
@testable import VergeConformance

@Suite("TestFile: META directives")
struct TestFileTests {
    let root = URL(fileURLWithPath: "/suite")

    @Test func scriptsResolveFromTheRootOrTheTestFolderWithoutQueries() {
        let source = """
            // META: script=/common/utils.js
            // META: script=resources/helper.js?pipe=sub
            //META: script=../shared.js
            test(() => {});
            """
        let files = TestFile.parse(path: "api/deep/x.any.js", url: root.appendingPathComponent("api/deep/x.any.js"),
                                   source: source, suiteRoot: root)
        #expect(files.count == 1)
        #expect(files[0].scripts.map(\.path) == ["/suite/common/utils.js", "/suite/api/deep/resources/helper.js", "/suite/api/shared.js"])
        #expect(files[0].scriptReferences == ["/common/utils.js", "resources/helper.js?pipe=sub", "../shared.js"])
        #expect(files[0].api == "api")
    }

    @Test func variantsBecomeSeparateEntriesSharingTheOtherDirectives() {
        let source = """
            // META: timeout=long
            // META: variant=?1-10
            // META: variant=?11-last
            // META: global=window,worker
            // META: title=Some title
            """
        let files = TestFile.parse(path: "a/b.any.js", url: root.appendingPathComponent("a/b.any.js"), source: source, suiteRoot: root)
        #expect(files.map(\.displayName) == ["a/b.any.js?1-10", "a/b.any.js?11-last"])
        #expect(files.allSatisfy { $0.longTimeout && $0.globals == ["window", "worker"] && $0.title == "Some title" })
    }

    @Test func theMetaBlockEndsAtTheFirstLineOfCode() {
        let source = """
            // A comment
            // META: timeout=long

            'use strict';
            // META: script=/ignored.js
            """
        let file = TestFile.parse(path: "a/b.any.js", url: root.appendingPathComponent("a/b.any.js"), source: source, suiteRoot: root)[0]
        #expect(file.longTimeout)
        #expect(file.scripts.isEmpty)
    }

    @Test func onlyLinesThatStartWithMetaAreDirectives() {
        let source = """
            // META: verge-cpu-limit-ms=50
            // (`// META: verge-cpu-limit-ms=50` in prose is not a directive)
            // Not META: timeout=long either
            """
        let file = TestFile.parse(path: "a/b.any.js", url: root, source: source, suiteRoot: root)[0]
        #expect(file.cpuLimitMilliseconds == 50)
        #expect(!file.longTimeout)
    }

    @Test func vergeCPULimitDirective() {
        let parse = { (value: String) in
            TestFile.parse(path: "a/b.any.js", url: self.root, source: "// META: verge-cpu-limit-ms=\(value)\n", suiteRoot: self.root)[0]
                .cpuLimitMilliseconds
        }
        #expect(parse("50") == 50)
        #expect(parse("0") == nil)
        #expect(parse("fast") == nil)
    }

    @Test func theRunnerFindsTestsButNotHelpers() throws {
        let files = try ConformanceRunner.discover(root: suiteRoot, filter: "harness/")
        #expect(files.contains { $0.path == "harness/asserts.any.js" })
        #expect(!files.contains { $0.path.contains("/resources/") })
        #expect(files.map(\.displayName) == files.map(\.displayName).sorted())
    }
}
