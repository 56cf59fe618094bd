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
            each with a reason; an expected failure that passes is reported as stale. Exit status 1 on any
            unexpected result.
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

    func validate() throws {
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() async throws {
        let suiteRoot = URL(fileURLWithPath: root).standardizedFileURL
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

        let interactive = isatty(STDERR_FILENO) != 0
        printError("verge conformance: \(files.count) files, \(jobs) at a time")
        let results = await runner.run(files) { done, total, result in
            if interactive {
                let line = "\r[\(done)/\(total)] \(result.file)"
                FileHandle.standardError.write(Data((line.padding(toLength: 100, withPad: " ", startingAt: 0)).utf8))
                if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
            }
        }
        try? await testServer.shutdown()
        await FetchClient.shutdown()
        let report = ConformanceReport(results: results)
        print(report.table(), terminator: "")
        let unexpected = report.unexpected(verbose: verbose)
        if !unexpected.isEmpty {
            print("\nUnexpected results:")
            print(unexpected, terminator: "")
        }
        if let json {
            try report.json().write(to: URL(fileURLWithPath: json))
        }
        if let markdown {
            try report.markdownTable().write(toFile: markdown, atomically: true, encoding: .utf8)
        }
        if !report.isClean { throw ExitCode(1) }
    }
}
