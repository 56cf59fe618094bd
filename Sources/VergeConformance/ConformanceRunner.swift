import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import VergeEdge

/// The outcome of one subtest, judged against the expectations.
public enum Verdict: String, Codable, Sendable {
    /// Passed.
    case pass
    /// Failed, timed out or did not run, and was not expected to.
    case fail
    /// Failed as `expectations.json` says it does.
    case expectedFail = "expected-fail"
    /// Listed as an expected failure but passed: the expectation is stale.
    case unexpectedPass = "unexpected-pass"
    /// An optional feature the test checks for is not implemented (assert_implements_optional).
    case optional
    /// The file was not run (a `--wpt` skip rule); the reason is the harness message.
    case skipped
}

public struct SubtestResult: Codable, Sendable {
    public var name: String
    /// PASS, FAIL, TIMEOUT, NOTRUN or PRECONDITION_FAILED, as testharness.js reports.
    public var status: String
    public var message: String?
    public var verdict: Verdict
    public var expectedReason: String?
}

public struct FileResult: Codable, Sendable {
    public var file: String
    public var api: String
    /// OK, ERROR, TIMEOUT, PRECONDITION_FAILED (harness status), CRASH when the harness
    /// never reported, or SKIP when the file was not run.
    public var harnessStatus: String
    public var harnessMessage: String?
    public var harnessVerdict: Verdict
    public var subtests: [SubtestResult]
    public var durationMilliseconds: Int
    /// Console output of the file other than the harness report (for diagnosis).
    public var output: [String]

    public var unexpectedCount: Int {
        subtests.filter { $0.verdict == .fail || $0.verdict == .unexpectedPass }.count
            + (harnessVerdict == .fail || harnessVerdict == .unexpectedPass ? 1 : 0)
    }
}

/// A script evaluated in a test sandbox: its source and the URL stacks show for it.
public struct SandboxScript: Sendable {
    public var source: String
    public var sourceURL: String

    public init(source: String, sourceURL: String) {
        self.source = source
        self.sourceURL = sourceURL
    }
}

/// Runs testharness.js files, each in a fresh edge sandbox, in parallel.
///
/// Each file runs as: the harness scripts, its META scripts, the file, then the runner's
/// "sync done" signal (`__vergeHarness.syncDone()`). When the sandbox goes idle, or the file
/// runs past its timeout, `__vergeHarness.forceComplete(reason)` makes the harness report
/// what it has: started tests TIMEOUT, the others NOTRUN.
public struct ConformanceRunner: Sendable {
    public var suiteRoot: URL
    /// Evaluated before each file's META scripts (our testharness.js; for --wpt, the
    /// adapter around the checkout's own testharness.js).
    public var harness: [SandboxScript]
    /// Scripts to run before `harness` for a file, given its `location` (WPT's META_TITLE,
    /// a stand-in `location` when the runtime has none).
    public var filePrelude: (@Sendable (TestFile, String?) -> [SandboxScript])?
    public var expectations: Expectations
    public var jobs: Int
    public var timeout: TimeAmount = .seconds(10)
    public var longTimeout: TimeAmount = .seconds(60)
    /// Variables for `process.env` in every test sandbox (e.g. VERGE_TEST_SERVER).
    public var env: [String: String] = [:]
    /// The `location` of test sandboxes (base URL); the file path is appended.
    public var locationBase: String?

    public init(suiteRoot: URL, harness: [SandboxScript], expectations: Expectations, jobs: Int) {
        self.suiteRoot = suiteRoot
        self.harness = harness
        self.expectations = expectations
        self.jobs = max(1, jobs)
    }

    public init(suiteRoot: URL, harnessSource: String, harnessURL: String, expectations: Expectations, jobs: Int) {
        self.init(suiteRoot: suiteRoot, harness: [SandboxScript(source: harnessSource, sourceURL: harnessURL)],
                  expectations: expectations, jobs: jobs)
    }

    /// A runner for a web-platform-tests checkout: its own testharness.js inside the adapter.
    public static func wpt(root: URL, expectations: Expectations, jobs: Int) throws -> ConformanceRunner {
        let harnessURL = root.appendingPathComponent("resources/testharness.js")
        guard let source = try? String(contentsOf: harnessURL, encoding: .utf8) else {
            throw WPT.DiscoveryError(message: "no resources/testharness.js in \(root.path): pass the root of a web-platform-tests checkout")
        }
        var runner = ConformanceRunner(suiteRoot: root, harness: [
            SandboxScript(source: WPT.preludeSource, sourceURL: "verge:wpt-adapter-prelude.js"),
            SandboxScript(source: source, sourceURL: harnessURL.path),
            SandboxScript(source: WPT.postludeSource, sourceURL: "verge:wpt-adapter-postlude.js"),
        ], expectations: expectations, jobs: jobs)
        runner.filePrelude = { file, location in
            [SandboxScript(source: WPT.filePreludeSource(title: file.title, location: location), sourceURL: "verge:wpt-file-prelude.js")]
        }
        return runner
    }

    /// Every `*.any.js` file under the suite root whose path contains `filter`, sorted.
    /// Files under a `resources` folder are helpers, not tests.
    public static func discover(root: URL, filter: String?, directories: [String]? = nil) throws -> [TestFile] {
        let fileManager = FileManager.default
        var files: [TestFile] = []
        let starts = directories.map { $0.map { root.appendingPathComponent($0) } } ?? [root]
        for start in starts {
            guard let enumerator = fileManager.enumerator(at: start, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in enumerator {
                let name = url.lastPathComponent
                guard name.hasSuffix(".any.js") else { continue }
                let relative = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
                if relative.split(separator: "/").contains(where: { $0 == "resources" || $0 == "support" }) { continue }
                if let filter, !filter.isEmpty, !relative.contains(filter) { continue }
                let source = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
                files += TestFile.parse(path: relative, url: url, source: source, suiteRoot: root)
            }
        }
        return files.sorted { $0.displayName < $1.displayName }
    }

    /// Runs `files` with `jobs` event loops; `progress` is called after each file.
    public func run(_ files: [TestFile], progress: @escaping @Sendable (Int, Int, FileResult) -> Void) async -> [FileResult] {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: jobs)
        let loops = (0..<jobs).map { _ in group.next() }
        let queue = NIOLockedValueBox(files.enumerated().map { $0 })
        let completed = NIOLockedValueBox(0)
        let total = files.count
        return await withTaskGroup(of: [(Int, FileResult)].self) { taskGroup in
            for loop in loops {
                taskGroup.addTask {
                    var results: [(Int, FileResult)] = []
                    while true {
                        let next = queue.withLockedValue { $0.isEmpty ? nil : $0.removeFirst() }
                        guard let (index, file) = next else { break }
                        let result = await runFile(file, on: loop)
                        results.append((index, result))
                        let count = completed.withLockedValue { value -> Int in
                            value += 1
                            return value
                        }
                        progress(count, total, result)
                    }
                    return results
                }
            }
            var all: [(Int, FileResult)] = []
            for await part in taskGroup { all += part }
            try? await group.shutdownGracefully()
            return all.sorted { $0.0 < $1.0 }.map { $0.1 }
        }
    }

    /// Runs one file in a fresh isolate on `loop` (or reports it skipped).
    public func runFile(_ file: TestFile, on loop: any EventLoop) async -> FileResult {
        let started = Date()
        if let reason = file.skipReason {
            return FileResult(file: file.displayName, api: file.api, harnessStatus: "SKIP", harnessMessage: reason,
                              harnessVerdict: .skipped, subtests: [], durationMilliseconds: 0, output: [])
        }
        let collected = NIOLockedValueBox<(report: String?, output: [String])>((nil, []))
        let console = ConsoleSink { _, text in
            collected.withLockedValue { state in
                if text.hasPrefix(harnessMarker) {
                    state.report = String(text.dropFirst(harnessMarker.count))
                } else if state.output.count < 200 {
                    state.output.append(text)
                }
            }
        }
        var location: String?
        if let locationBase {
            location = locationBase + "/" + file.path + (file.variant ?? "")
        }
        var prelude: [(source: String, sourceURL: String)] = []
        for script in filePrelude?(file, location) ?? [] { prelude.append((script.source, script.sourceURL)) }
        for script in harness { prelude.append((script.source, script.sourceURL)) }
        for script in file.scripts {
            guard let text = try? String(contentsOf: script, encoding: .utf8) else {
                return crash(file, "cannot read META script \(script.path)", started: started, output: [])
            }
            prelude.append((text, script.path))
        }
        guard let source = try? String(contentsOf: file.url, encoding: .utf8) else {
            return crash(file, "cannot read \(file.url.path)", started: started, output: [])
        }
        let fileTimeout = file.longTimeout ? longTimeout : timeout
        var limits = IsolateLimits(cpuTimePerInvocation: .nanoseconds(fileTimeout.nanoseconds),
                                   startupCPUTime: .nanoseconds(fileTimeout.nanoseconds), heapBytes: 1 << 30)
        limits.watchdogInterval = .milliseconds(20)
        if let cpuLimit = file.cpuLimitMilliseconds {
            // Each task (timer callback, host completion) gets this budget; loading the
            // harness and the file keeps the larger startup budget.
            limits.cpuTimePerInvocation = .milliseconds(cpuLimit)
            limits.watchdogInterval = .milliseconds(max(1, min(20, cpuLimit / 5)))
        }
        let outcome = try? await ScriptRunner.run(
            on: loop, source: source, sourceURL: file.url.path, limits: limits, env: env, location: location,
            console: console, timeout: fileTimeout, prelude: prelude,
            postlude: [("__vergeHarness.syncDone();", "verge:conformance-postlude")],
            finalize: { realm, timedOut in
                let reason = timedOut ? "the file ran past its \(fileTimeout.nanoseconds / 1_000_000_000) s timeout"
                    : "the sandbox went idle before the harness completed"
                _ = try? realm.run {
                    try realm.js.evaluate("__vergeHarness.forceComplete(\(jsonString(reason)))",
                                          sourceURL: "verge:conformance-finalize")
                }
            }
        ).get()
        let state = collected.withLockedValue { $0 }
        if let syntax = outcome?.syntaxError {
            return crash(file, syntax, started: started, output: state.output)
        }
        guard let report = state.report, let data = report.data(using: .utf8),
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            var reason = "the harness did not report"
            if let uncaught = outcome?.uncaught.first { reason += ": \(uncaught.message)" }
            return crash(file, reason, started: started, output: state.output)
        }
        return judge(file, json: json, started: started, output: state.output)
    }

    private func judge(_ file: TestFile, json: [String: Any], started: Date, output: [String]) -> FileResult {
        let key = file.displayName
        var subtests: [SubtestResult] = []
        for test in json["tests"] as? [[String: Any]] ?? [] {
            let name = test["name"] as? String ?? "(unnamed)"
            let status = test["status"] as? String ?? "FAIL"
            let message = test["message"] as? String
            let reason = expectations.reason(file: key, subtest: name)
            let verdict: Verdict
            switch (status, reason) {
            case ("PASS", nil): verdict = .pass
            case ("PASS", _): verdict = .unexpectedPass
            case ("PRECONDITION_FAILED", _): verdict = .optional
            case (_, nil): verdict = .fail
            default: verdict = .expectedFail
            }
            subtests.append(SubtestResult(name: name, status: status, message: message, verdict: verdict, expectedReason: reason))
        }
        let harnessStatus = json["status"] as? String ?? "ERROR"
        let harnessMessage = json["message"] as? String
        var harnessVerdict = Verdict.pass
        if harnessStatus == "PRECONDITION_FAILED" {
            // setup() found an optional feature missing: like an optional subtest.
            harnessVerdict = .optional
        } else if harnessStatus != "OK" {
            harnessVerdict = expectations.reason(file: key, subtest: "harness") != nil ? .expectedFail : .fail
        } else if expectations.reasons[key]?["harness"] != nil {
            harnessVerdict = .unexpectedPass
        }
        return FileResult(file: key, api: file.api, harnessStatus: harnessStatus, harnessMessage: harnessMessage,
                          harnessVerdict: harnessVerdict, subtests: subtests,
                          durationMilliseconds: Int(Date().timeIntervalSince(started) * 1000), output: output)
    }

    private func crash(_ file: TestFile, _ message: String, started: Date, output: [String]) -> FileResult {
        let expected = expectations.reason(file: file.displayName, subtest: "harness") != nil
        return FileResult(file: file.displayName, api: file.api, harnessStatus: "CRASH", harnessMessage: message,
                          harnessVerdict: expected ? .expectedFail : .fail, subtests: [],
                          durationMilliseconds: Int(Date().timeIntervalSince(started) * 1000), output: output)
    }
}

let harnessMarker = "\u{1E}VERGE-TESTHARNESS "

func jsonString(_ text: String) -> String {
    guard let data = try? JSONSerialization.data(withJSONObject: [text]),
          let array = String(data: data, encoding: .utf8) else { return "\"\"" }
    return String(array.dropFirst().dropLast())
}
