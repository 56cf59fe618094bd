import Foundation
import Testing
@testable import VergeConformance

@Suite("conformance/manifest.json")
struct ManifestTests {
    func entry(_ name: String, _ status: Manifest.Status = .supported, reason: String? = nil, tests: [String]) -> Manifest.Entry {
        Manifest.Entry(name: name, kind: "interface", status: status, reason: reason, tests: tests)
    }

    /// A manifest naming every promised API (each pointing at a.any.js) plus `extra`.
    func complete(_ extra: [Manifest.Entry]) -> Manifest {
        Manifest(apis: Manifest.promised.map { entry($0, tests: ["a/a.any.js"]) } + extra)
    }

    @Test func theRepositoryManifestIsValid() throws {
        let manifest = try Manifest.load(suiteRoot.appendingPathComponent("manifest.json"))
        let problems = manifest.validate(against: try TestIndex.scan(root: suiteRoot))
        let errors = problems.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors)")
        for name in Manifest.promised { #expect(manifest.apis.contains { $0.name == name }, "\(name)") }
    }

    @Test func problemsAreFound() {
        let index = TestIndex(files: ["a/a.any.js", "a/b.any.js", "b/c.any.js", "unreferenced/x.any.js", "arrived/y.any.js"])
        var manifest = complete([
            entry("Dup", tests: ["a/a.any.js"]),
            entry("Dup", tests: ["a/a.any.js"]),
            entry("Partial", .partial, tests: ["b/c.any.js"]),
            entry("Empty", tests: []),
            entry("Missing file", tests: ["a/missing.any.js"]),
            entry("Folder", tests: ["b/"]),
            entry("Empty folder", tests: ["zzz/"]),
            entry("Pending", tests: ["later/x.any.js", "later/y.any.js", "arrived/y.any.js"]),
        ])
        manifest.pendingFiles = ["later/x.any.js", "later/y.any.js", "arrived/y.any.js"]
        let problems = manifest.validate(against: index).map(\.description)
        #expect(problems.contains("error: manifest: \"Dup\" is listed twice"))
        #expect(problems.contains("error: manifest: \"Partial\" is partial and needs a \"reason\""))
        #expect(problems.contains("error: manifest: \"Empty\" is supported but lists no test files"))
        #expect(problems.contains("error: manifest: \"Missing file\" lists a/missing.any.js, which does not exist"))
        #expect(problems.contains("error: manifest: \"Empty folder\" lists zzz/, which holds no test files"))
        #expect(problems.contains("warning: manifest: 2 pending test files are not in this tree yet (in later/): their branches are not merged"))
        #expect(problems.contains("warning: manifest: 1 file of pendingFiles now exists; remove it from pendingFiles: arrived/y.any.js"))
        #expect(problems.contains("error: manifest: the test folder unreferenced/ is not referenced by any entry; list its files under the APIs they cover"))
        #expect(!problems.contains { $0.contains("\"Folder\"") })
        #expect(problems.count == 8, "\(problems)")
    }

    @Test func aMissingPromisedAPIIsAnError() {
        let manifest = Manifest(apis: [entry("URL", tests: ["a/a.any.js"])])
        let problems = manifest.validate(against: TestIndex(files: ["a/a.any.js"])).map(\.description)
        #expect(problems.contains("error: manifest: \"fetch\" (WinterTC Minimum Common API) has no entry"))
        #expect(problems.contains("error: manifest: \"process.env\" (WinterTC Minimum Common API) has no entry"))
    }

    @Test func folderEntriesCoverEveryFileOfTheFolder() {
        let manifest = Manifest(apis: [entry("X", tests: ["a/", "b/c.any.js", "a/a.any.js"])])
        let files = manifest.files(of: manifest.apis[0], in: TestIndex(files: ["a/a.any.js", "a/b.any.js", "b/c.any.js", "ab/d.any.js"]))
        #expect(files.sorted() == ["a/a.any.js", "a/b.any.js", "b/c.any.js"])
    }

    @Test func loadErrorsSayWhatIsWrong() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("manifest.json")
        try #"{ "apis": [ { "name": "URL", "kind": "interface", "status": "sort-of", "tests": [] } ] }"#
            .write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: Manifest.LoadError.self) { _ = try Manifest.load(file) }
        try #"{ "apis": [ { "name": "URL", "status": "supported", "tests": [] } ] }"#.write(to: file, atomically: true, encoding: .utf8)
        do {
            _ = try Manifest.load(file)
            Issue.record("expected a load error")
        } catch {
            #expect("\(error)".contains("needs \"kind\""))
        }
    }
}
