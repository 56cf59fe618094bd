import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import NIOPosix
import Verge
import VergeConformance
import VergeTestServer

/// `verge conformance`: runs the conformance suite (our spec-derived tests, or a local
/// web-platform-tests checkout with --wpt) against the edge sandbox and prints a table.
struct ConformanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conformance",
        abstract: "Run the Web API conformance suite against the edge sandbox.",
        discussion: """
            Every test file runs in a fresh edge sandbox (the one route handlers get), in parallel.
            Expected failures live in conformance/expectations.json and conformance/<api>/expectations.json,
            each with a reason; an expected failure that passes is reported as stale. The suite's
            conformance/manifest.json (the Web APIs Verge promises, mapped to their tests) is validated
            and gives the table its rows. Exit status 1 on any unexpected result or manifest error.

            --wpt PATH runs the .any.js files of a local web-platform-tests checkout instead, with the
            checkout's own resources/testharness.js (see docs/conformance.md).
            """
    )

    @Option(help: "Only run test files whose path contains TEXT.")
    var filter: String?

    @Option(help: "Write machine-readable results to FILE.")
    var json: String?

    @Option(help: "Number of files to run at once (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "The suite directory (default: ./conformance).")
    var root: String = "conformance"

    @Flag(help: "Print the console output of broken files.")
    var verbose = false

    @Option(name: .customLong("markdown"), help: "Also write the table as Markdown to FILE.")
    var markdown: String?

    @Option(name: .customLong("wpt"), help: "Run a web-platform-tests checkout at PATH instead of the suite.")
    var wpt: String?

    @Option(name: .customLong("wpt-dir"), parsing: .singleValue,
            help: "With --wpt: a directory of the checkout to run (repeatable; default: the Web APIs Verge implements).")
    var wptDirectories: [String] = []

    @Option(name: .customLong("wpt-expectations"),
            help: "With --wpt: expected failures, as in expectations.json, keys relative to the checkout root.")
    var wptExpectations: String?

    @Option(name: .customLong("divergences"),
            help: "Write docs/divergences.md-style Markdown to FILE from the manifest, DIVERGENCES.md files and expectations, then exit (no tests run).")
    var divergences: String?

    @Option(name: .customLong("divergence-notes"), help: "With --divergences: the hand-written cross-cutting notes (default: docs/divergences-notes.md beside the suite folder).")
    var divergenceNotes: String?

    @Option(name: .customLong("readme"),
            help: "After a full run, write the table into FILE between <!-- conformance-table:start --> and <!-- conformance-table:end -->.")
    var readme: String?

    func validate() throws {
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if wpt == nil, !wptDirectories.isEmpty { throw ValidationError("--wpt-dir needs --wpt PATH") }
        if wpt == nil, wptExpectations != nil { throw ValidationError("--wpt-expectations needs --wpt PATH") }
        if readme != nil, wpt != nil || filter != nil {
            throw ValidationError("--readme takes the table of a full run of the suite: drop --wpt and --filter")
        }
        if divergences != nil, wpt != nil { throw ValidationError("--divergences describes the suite, not a WPT checkout: drop --wpt") }
    }

    func run() async throws {
        let suiteRoot = URL(fileURLWithPath: root).standardizedFileURL
        if let divergences {
            try writeDivergences(suiteRoot: suiteRoot, to: divergences)
            return
        }
        if let wpt {
            try await runWPT(checkout: URL(fileURLWithPath: wpt).standardizedFileURL)
            return
        }
        try await runSuite(suiteRoot: suiteRoot)
    }

    // MARK: Our suite

    private func runSuite(suiteRoot: URL) async throws {
        let harnessURL = suiteRoot.appendingPathComponent("resources/testharness.js")
        guard let harness = try? String(contentsOf: harnessURL, encoding: .utf8) else {
            printError("verge conformance: no harness at \(harnessURL.path); run from the repository root or pass --root")
            throw ExitCode(2)
        }
        let expectations: Expectations
        do {
            expectations = try Expectations.load(root: suiteRoot)
        } catch {
            printError("verge conformance: bad expectations: \(error)")
            throw ExitCode(2)
        }

        // The manifest: the APIs promised, their tests; validated before running.
        var manifest: Manifest?
        var manifestErrors = 0
        let manifestURL = suiteRoot.appendingPathComponent("manifest.json")
        if FileManager.default.fileExists(atPath: manifestURL.path) {
            do {
                let loaded = try Manifest.load(manifestURL)
                manifest = loaded
                for problem in loaded.validate(against: try TestIndex.scan(root: suiteRoot)) {
                    printError("verge conformance: \(problem)")
                    if problem.severity == .error { manifestErrors += 1 }
                }
            } catch {
                printError("verge conformance: \(error)")
                manifestErrors += 1
            }
        }

        let files = try ConformanceRunner.discover(root: suiteRoot, filter: filter)
        if files.isEmpty {
            printError("verge conformance: no test files under \(suiteRoot.path)\(filter.map { " matching '\($0)'" } ?? "")")
            throw ExitCode(2)
        }
        var runner = ConformanceRunner(suiteRoot: suiteRoot, harnessSource: harness, harnessURL: "verge:testharness.js",
                                       expectations: expectations, jobs: jobs)
        runner.locationBase = "http://verge.test"
        // The loopback server fetch tests talk to (process.env.VERGE_TEST_SERVER).
        let testServer = try await TestServer.start(group: MultiThreadedEventLoopGroup.singleton)
        runner.env["VERGE_TEST_SERVER"] = testServer.origin

        let report = await run(runner, files)
        try? await testServer.shutdown()
        await FetchClient.shutdown()
        try write(report)
        if let readme {
            let url = URL(fileURLWithPath: readme)
            let document = (try? String(contentsOf: url, encoding: .utf8)) ?? "# Verge\n"
            try MarkedSection.replace(in: document, with: report.markdownTable())
                .write(to: url, atomically: true, encoding: .utf8)
            printError("verge conformance: wrote the table into \(readme)")
        }
        if manifestErrors > 0 {
            printError("verge conformance: \(manifestErrors) manifest error\(manifestErrors == 1 ? "" : "s") (above)")
        }
        if !report.isClean || manifestErrors > 0 { throw ExitCode(1) }
    }

    // MARK: A web-platform-tests checkout

    private func runWPT(checkout: URL) async throws {
        var expectations = Expectations()
        if let wptExpectations {
            do {
                try expectations.merge(file: URL(fileURLWithPath: wptExpectations), prefix: "")
            } catch {
                printError("verge conformance: bad --wpt-expectations: \(error)")
                throw ExitCode(2)
            }
        }
        let files: [TestFile]
        var runner: ConformanceRunner
        do {
            files = try WPT.discover(root: checkout, directories: wptDirectories.isEmpty ? WPT.defaultDirectories : wptDirectories,
                                     filter: filter)
            runner = try ConformanceRunner.wpt(root: checkout, expectations: expectations, jobs: jobs)
        } catch {
            printError("verge conformance: \(error)")
            throw ExitCode(2)
        }
        if files.isEmpty {
            printError("verge conformance: no .any.js files under \(checkout.path)\(filter.map { " matching '\($0)'" } ?? "")")
            throw ExitCode(2)
        }
        // Data files the tests fetch() (urltestdata.json, …) come from the checkout itself.
        let server = try await StaticFileServer.start(root: checkout)
        runner.locationBase = server.origin
        let report = await run(runner, files)
        await server.shutdown()
        await FetchClient.shutdown()
        let skipped = report.skipped(verbose: true)
        if !skipped.isEmpty {
            print("\nSkipped (docs/conformance.md lists the rules):")
            print(skipped, terminator: "")
        }
        try write(report)
        if !report.isClean { throw ExitCode(1) }
    }

    // MARK: Shared

    private func run(_ runner: ConformanceRunner, _ files: [TestFile]) async -> ConformanceReport {
        let interactive = isatty(STDERR_FILENO) != 0
        let runnable = files.filter { $0.skipReason == nil }.count
        printError("verge conformance: \(runnable) files, \(jobs) at a time" +
                   (runnable < files.count ? " (\(files.count - runnable) skipped)" : ""))
        let results = await runner.run(files) { done, total, result in
            if interactive {
                let line = "\r[\(done)/\(total)] \(result.file)"
                FileHandle.standardError.write(Data((line.padding(toLength: 100, withPad: " ", startingAt: 0)).utf8))
                if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
            }
        }
        var manifest: Manifest?
        if wpt == nil {
            let url = URL(fileURLWithPath: root).standardizedFileURL.appendingPathComponent("manifest.json")
            manifest = try? Manifest.load(url)
        }
        let report = ConformanceReport(results: results, manifest: manifest)
        print(report.table(), terminator: "")
        let unexpected = report.unexpected(verbose: verbose)
        if !unexpected.isEmpty {
            print("\nUnexpected results:")
            print(unexpected, terminator: "")
        }
        return report
    }

    private func write(_ report: ConformanceReport) throws {
        if let json {
            try report.json().write(to: URL(fileURLWithPath: json))
        }
        if let markdown {
            try report.markdownTable().write(toFile: markdown, atomically: true, encoding: .utf8)
        }
    }

    private func writeDivergences(suiteRoot: URL, to path: String) throws {
        let notes = divergenceNotes.map { URL(fileURLWithPath: $0) }
            ?? suiteRoot.deletingLastPathComponent().appendingPathComponent("docs/divergences-notes.md")
        do {
            let sources = try Divergences.Sources.read(suiteRoot: suiteRoot, notesFile: notes)
            try Divergences.render(sources).write(toFile: path, atomically: true, encoding: .utf8)
            printError("verge conformance: wrote \(path)")
        } catch {
            printError("verge conformance: cannot write the divergences: \(error)")
            throw ExitCode(2)
        }
    }
}
