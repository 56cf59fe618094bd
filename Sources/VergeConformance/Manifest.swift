import Foundation

/// `conformance/manifest.json`: the Web API subset Verge promises (the WinterTC 2025 Minimum
/// Common API plus `process.env`), each entry mapped to the test files that cover it and
/// marked supported, partial or not-supported (the last two with a reason).
///
/// ```json
/// { "apis": [
///   { "name": "URL", "kind": "interface", "status": "supported", "tests": ["url/url-api.any.js"] },
///   { "name": "WebAssembly", "kind": "namespace", "status": "partial",
///     "reason": "compiling from bytes is code generation", "tests": ["sandbox/code-generation.any.js"] }
/// ] }
/// ```
/// `tests` entries are paths from the suite root; one ending in "/" stands for every test
/// file of that folder. `pendingFiles` lists test files that entries name but that are still
/// on branches not merged yet: while missing they are a warning instead of an error.
public struct Manifest: Sendable, Codable {
    public enum Status: String, Sendable, Codable {
        case supported
        case partial
        case notSupported = "not-supported"
    }

    public struct Entry: Sendable, Codable {
        public var name: String
        /// interface, global, namespace, policy (the sandbox rules) or harness.
        public var kind: String
        public var status: Status
        /// Why the entry is partial or not supported.
        public var reason: String?
        public var tests: [String]

        public init(name: String, kind: String, status: Status, reason: String? = nil, tests: [String]) {
            self.name = name
            self.kind = kind
            self.status = status
            self.reason = reason
            self.tests = tests
        }
    }

    public var apis: [Entry]
    /// Test files named by entries that are not in this tree yet (other branches).
    public var pendingFiles: [String]?

    public init(apis: [Entry], pendingFiles: [String]? = nil) {
        self.apis = apis
        self.pendingFiles = pendingFiles
    }

    /// The interfaces and globals of the WinterTC (Ecma TC55) Minimum Common Web API, 2025,
    /// and `process.env` (docs/architecture.md): every one must have an entry.
    public static let promised: [String] = [
        "AbortController", "AbortSignal", "Blob", "ByteLengthQueuingStrategy", "CompressionStream",
        "CountQueuingStrategy", "Crypto", "CryptoKey", "CustomEvent", "DecompressionStream", "DOMException",
        "ErrorEvent", "Event", "EventTarget", "File", "FormData", "Headers", "MessageChannel", "MessageEvent",
        "MessagePort", "Performance", "PromiseRejectionEvent", "ReadableByteStreamController", "ReadableStream",
        "ReadableStreamBYOBReader", "ReadableStreamBYOBRequest", "ReadableStreamDefaultController",
        "ReadableStreamDefaultReader", "Request", "Response", "SubtleCrypto", "TextDecoder", "TextDecoderStream",
        "TextEncoder", "TextEncoderStream", "TransformStream", "TransformStreamDefaultController", "URL",
        "URLPattern", "URLSearchParams", "WritableStream", "WritableStreamDefaultController",
        "WritableStreamDefaultWriter", "WebAssembly",
        "globalThis", "self", "atob", "btoa", "setTimeout", "clearTimeout", "setInterval", "clearInterval",
        "console", "crypto", "fetch", "navigator.userAgent", "onerror", "onunhandledrejection",
        "onrejectionhandled", "performance", "queueMicrotask", "reportError", "structuredClone",
        "process.env",
    ]

    public struct LoadError: Error, CustomStringConvertible {
        public var description: String
    }

    public static func load(_ file: URL) throws -> Manifest {
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch {
            throw LoadError(description: "\(file.path): cannot read the manifest: \(error.localizedDescription)")
        }
        do {
            return try JSONDecoder().decode(Manifest.self, from: data)
        } catch let DecodingError.dataCorrupted(context) {
            throw LoadError(description: "\(file.path): not valid JSON: \(context.debugDescription)")
        } catch let DecodingError.keyNotFound(key, context) {
            throw LoadError(description: "\(file.path): \(path(context)) needs \"\(key.stringValue)\"")
        } catch let DecodingError.typeMismatch(_, context) {
            throw LoadError(description: "\(file.path): \(path(context)): \(context.debugDescription)")
        } catch let DecodingError.valueNotFound(_, context) {
            throw LoadError(description: "\(file.path): \(path(context)): \(context.debugDescription)")
        } catch {
            throw LoadError(description: "\(file.path): \(error)")
        }
    }

    private static func path(_ context: DecodingError.Context) -> String {
        context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }

    // MARK: Validation

    public struct Problem: Sendable, CustomStringConvertible {
        public enum Severity: String, Sendable { case error, warning }
        public var severity: Severity
        public var message: String
        public var description: String { "\(severity.rawValue): \(message)" }
    }

    /// The test files (paths from the suite root) an entry covers, as found on disk.
    public func files(of entry: Entry, in index: TestIndex) -> [String] {
        var out: [String] = []
        for test in entry.tests {
            if test.hasSuffix("/") {
                out += index.files.filter { $0.hasPrefix(test) }
            } else if index.files.contains(test) {
                out.append(test)
            }
        }
        var seen = Set<String>()
        return out.filter { seen.insert($0).inserted }
    }

    /// Checks the manifest against the suite: every promised name has an entry, names are
    /// unique, partial and not-supported entries say why, every listed test file exists and
    /// every test folder is referenced. A listed file that is in `pendingFiles` may be
    /// missing (a warning): its branch is not merged yet.
    public func validate(against index: TestIndex) -> [Problem] {
        var problems: [Problem] = []
        func error(_ message: String) { problems.append(Problem(severity: .error, message: message)) }
        func warning(_ message: String) { problems.append(Problem(severity: .warning, message: message)) }

        let pending = Set(pendingFiles ?? [])
        var missingPending = Set<String>()
        var seen = Set<String>()
        for entry in apis {
            if !seen.insert(entry.name).inserted { error("manifest: \"\(entry.name)\" is listed twice") }
            if entry.status != .supported, (entry.reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                error("manifest: \"\(entry.name)\" is \(entry.status.rawValue) and needs a \"reason\"")
            }
            if entry.status != .notSupported, entry.tests.isEmpty {
                error("manifest: \"\(entry.name)\" is \(entry.status.rawValue) but lists no test files")
            }
            for test in entry.tests {
                if test.hasSuffix("/") {
                    if !index.files.contains(where: { $0.hasPrefix(test) }) {
                        error("manifest: \"\(entry.name)\" lists \(test), which holds no test files")
                    }
                } else if !index.files.contains(test) {
                    if pending.contains(test) {
                        missingPending.insert(test)
                    } else {
                        error("manifest: \"\(entry.name)\" lists \(test), which does not exist")
                    }
                }
            }
        }
        if !missingPending.isEmpty {
            let folders = Set(missingPending.compactMap { $0.split(separator: "/").first.map(String.init) }).sorted()
            warning("manifest: \(missingPending.count) pending test file\(missingPending.count == 1 ? " is" : "s are") not in this tree yet " +
                    "(in \(folders.map { $0 + "/" }.joined(separator: ", "))): their branches are not merged")
        }
        let arrived = (pendingFiles ?? []).filter { index.files.contains($0) }
        if !arrived.isEmpty {
            warning("manifest: \(arrived.count) file\(arrived.count == 1 ? "" : "s") of pendingFiles now exist\(arrived.count == 1 ? "s" : ""); remove \(arrived.count == 1 ? "it" : "them") from pendingFiles: \(arrived.sorted().joined(separator: ", "))")
        }
        for name in Manifest.promised where !seen.contains(name) {
            error("manifest: \"\(name)\" (WinterTC Minimum Common API) has no entry")
        }
        let referenced = Set(apis.flatMap { entry in entry.tests.map { String($0.split(separator: "/").first ?? "") } })
        for folder in index.folders.sorted() where !referenced.contains(folder) {
            error("manifest: the test folder \(folder)/ is not referenced by any entry; list its files under the APIs they cover")
        }
        return problems
    }
}

/// The test files of a suite, for the manifest (paths from the suite root).
public struct TestIndex: Sendable {
    /// Every test file ("url/url-api.any.js").
    public var files: Set<String>
    /// Every top-level folder holding test files ("url").
    public var folders: Set<String>

    public init(files: Set<String>) {
        self.files = files
        self.folders = Set(files.compactMap { $0.split(separator: "/").first.map(String.init) })
    }

    /// Indexes the `.any.js` files under `root` (not those under resources/ or support/).
    public static func scan(root: URL) throws -> TestIndex {
        let files = try ConformanceRunner.discover(root: root, filter: nil).map(\.path)
        return TestIndex(files: Set(files))
    }
}
