import Foundation

/// Expected failures: test file → subtest name → the reason it fails (mandatory).
/// The key "*" covers the whole file (harness errors and every subtest).
///
/// Read from `conformance/expectations.json` (keys are paths from the suite root) and from
/// every `conformance/<api>/expectations.json` (keys are paths from that folder).
/// An expected failure that passes is an error, so the files stay true.
public struct Expectations: Sendable {
    public private(set) var reasons: [String: [String: String]] = [:]

    public init() {}

    public struct LoadError: Error, CustomStringConvertible {
        public var file: String
        public var problem: String
        public var description: String { "\(file): \(problem)" }
    }

    /// Loads every expectations file under `root`.
    public static func load(root: URL) throws -> Expectations {
        var expectations = Expectations()
        let fileManager = FileManager.default
        let top = root.appendingPathComponent("expectations.json")
        if fileManager.fileExists(atPath: top.path) {
            try expectations.merge(file: top, prefix: "")
        }
        let entries = (try? fileManager.contentsOfDirectory(atPath: root.path)) ?? []
        for entry in entries.sorted() {
            let file = root.appendingPathComponent(entry).appendingPathComponent("expectations.json")
            if fileManager.fileExists(atPath: file.path) {
                try expectations.merge(file: file, prefix: entry + "/")
            }
        }
        return expectations
    }

    /// Loads one expectations file whose keys are relative to `prefix`.
    public mutating func merge(file: URL, prefix: String) throws {
        let data = try Data(contentsOf: file)
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw LoadError(file: file.path, problem: "expected a JSON object { \"file.any.js\": { \"subtest\": \"reason\" } }")
        }
        for (testFile, value) in object {
            guard let subtests = value as? [String: Any] else {
                throw LoadError(file: file.path, problem: "\"\(testFile)\" must map subtest names to reasons")
            }
            for (subtest, reason) in subtests {
                guard let reason = reason as? String, !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw LoadError(file: file.path, problem: "\"\(testFile)\" → \"\(subtest)\" needs a reason (a non-empty string)")
                }
                reasons[prefix + testFile, default: [:]][subtest] = reason
            }
        }
    }

    /// The reason `subtest` of `file` is expected to fail, if it is.
    public func reason(file: String, subtest: String) -> String? {
        guard let entries = reasons[file] else { return nil }
        return entries[subtest] ?? entries["*"]
    }

    public func fileExpectation(_ file: String) -> String? { reasons[file]?["*"] }
}
