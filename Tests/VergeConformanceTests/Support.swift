import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
@testable import VergeConformance
import VergeEdge

/// The repository root (for conformance/ and its harness).
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// conformance/ of the repository.
let suiteRoot = repositoryRoot.appendingPathComponent("conformance")

/// The fake web-platform-tests checkout of these tests.
let fakeWPT = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/wpt")

/// A runner for our suite with its own harness, as `verge conformance` makes it.
func suiteRunner(jobs: Int = 2) throws -> ConformanceRunner {
    let harness = try String(contentsOf: suiteRoot.appendingPathComponent("resources/testharness.js"), encoding: .utf8)
    var runner = ConformanceRunner(suiteRoot: suiteRoot, harnessSource: harness, harnessURL: "verge:testharness.js",
                                   expectations: try Expectations.load(root: suiteRoot), jobs: jobs)
    runner.locationBase = "http://verge.test"
    return runner
}

/// Runs the suite's files whose path contains `filter`.
func runSuite(_ filter: String, configure: (inout ConformanceRunner) -> Void = { _ in }) async throws -> [FileResult] {
    var runner = try suiteRunner()
    configure(&runner)
    let files = try ConformanceRunner.discover(root: suiteRoot, filter: filter)
    return await runner.run(files) { _, _, _ in }
}

extension Array where Element == FileResult {
    func file(_ path: String) -> FileResult? { first { $0.file == path } }
}

extension FileResult {
    func subtest(_ name: String) -> SubtestResult? { subtests.first { $0.name == name } }
}

/// A temporary directory, removed by the caller.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("verge-conformance-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// One event loop for tests that run sandboxes directly.
enum MultiThreadedEventLoopGroupProvider {
    static let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    static var loop: any EventLoop { group.next() }
}

/// Collects console lines of a sandbox.
final class ConsoleLines: Sendable {
    private let box = NIOLockedValueBox<[String]>([])
    var sink: ConsoleSink { ConsoleSink { _, text in self.box.withLockedValue { $0.append(text) } } }
    var lines: [String] { box.withLockedValue { $0 } }
}
