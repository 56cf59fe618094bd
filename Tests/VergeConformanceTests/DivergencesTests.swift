import Foundation
import Testing
@testable import VergeConformance

@Suite("docs/divergences.md generation and the README table")
struct DivergencesTests {
    @Test func rendersEverySource() throws {
        var expectations = Expectations()
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("expectations.json")
        try #"{ "x.any.js": { "one": "because | pipes", "harness": "the file errors" } }"#.write(to: file, atomically: true, encoding: .utf8)
        try expectations.merge(file: file, prefix: "api/")
        try #"{ "self.any.js": { "victim": "deliberate" } }"#.write(to: file, atomically: true, encoding: .utf8)
        try expectations.merge(file: file, prefix: "harness/")
        let sources = Divergences.Sources(
            manifest: Manifest(apis: [
                Manifest.Entry(name: "URL", kind: "interface", status: .supported, tests: ["url/"]),
                Manifest.Entry(name: "WebAssembly", kind: "namespace", status: .partial, reason: "no | bytes", tests: ["s/w.any.js"]),
            ]),
            notes: "# Cross-cutting\n\n<!-- for editors\n     only -->\n\n## The global\n\n- a note\n\n```\n# not a heading\n```\n",
            folderNotes: ["url": "# URL: divergences\n\n- **one** thing\n\n## Sub\n"],
            expectations: expectations)
        let text = Divergences.render(sources)
        #expect(text.hasPrefix("# Divergences from the Web platform\n"))
        #expect(text.contains("| `WebAssembly` | partial | no \\| bytes |"))
        #expect(!text.contains("| `URL` |"))
        #expect(text.contains("## Across the runtime\n\n### The global\n\n- a note"))
        #expect(text.contains("```\n# not a heading\n```"), "fenced code keeps its lines")
        #expect(!text.contains("for editors"), "the notes' editor comment is dropped")
        #expect(text.contains("### url\n\nFrom `conformance/url/DIVERGENCES.md`.\n\n- **one** thing\n\n#### Sub"))
        #expect(text.contains("### `api/x.any.js`\n\n- the file's harness status: the file errors\n- `one`: because | pipes\n"))
        #expect(text.contains("(Not listed: 1 deliberate failures in conformance/harness/"))
        #expect(!text.contains("victim"))
        #expect(Divergences.render(sources) == text, "deterministic")
    }

    @Test func theRepositorysSourcesRender() throws {
        let sources = try Divergences.Sources.read(suiteRoot: suiteRoot,
                                                   notesFile: repositoryRoot.appendingPathComponent("docs/divergences-notes.md"))
        let text = Divergences.render(sources)
        #expect(text.contains("`onrejectionhandled`"))
        #expect(text.contains("## Across the runtime"))
        #expect(text.contains("immutable"))
    }

    @Test func readmeTableReplacesOnlyTheMarkedPart() {
        let readme = "# Verge\n\nIntro.\n\n<!-- conformance-table:start -->\nold table\n<!-- conformance-table:end -->\n\nMore text.\n"
        let updated = MarkedSection.replace(in: readme, with: "| new | table |\n")
        #expect(updated == "# Verge\n\nIntro.\n\n<!-- conformance-table:start -->\n| new | table |\n<!-- conformance-table:end -->\n\nMore text.\n")
        #expect(MarkedSection.replace(in: updated, with: "| new | table |\n") == updated, "idempotent")
    }

    @Test func readmeWithoutMarkersGetsASection() {
        let updated = MarkedSection.replace(in: "# Verge\n\nIntro.", with: "| t |")
        #expect(updated.hasPrefix("# Verge\n\nIntro.\n\n## Conformance\n"))
        #expect(updated.hasSuffix("<!-- conformance-table:start -->\n| t |\n<!-- conformance-table:end -->\n"))
        #expect(MarkedSection.replace(in: "", with: "| t |").hasPrefix("## Conformance"))
    }
}
