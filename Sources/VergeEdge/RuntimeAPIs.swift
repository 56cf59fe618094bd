import Foundation
import VergeJS

/// The Web API sources (`runtime-apis/*.js`), embedded in the binary at build time.
///
/// Each file is the body of a function `(core) => exports`: it reads what it needs from
/// `core` (ops, primordials, `require`) and returns its exports. Files are named
/// `NN_name.js`; `name` is the module name `require` takes, `NN` the load order.
///
/// Development: when `VERGE_RUNTIME_APIS_DIR` names a directory, the files are read from
/// there at process start instead, so JS changes need no rebuild.
public enum RuntimeAPIs {
    public struct File: Sendable {
        public let fileName: String
        public let module: String
        public let source: String
    }

    public static let files: [File] = {
        var sources = EmbeddedRuntimeAPIs.files
        if let directory = ProcessInfo.processInfo.environment["VERGE_RUNTIME_APIS_DIR"],
           let names = try? FileManager.default.contentsOfDirectory(atPath: directory) {
            sources = names.filter { $0.hasSuffix(".js") }.sorted().compactMap { name in
                guard let text = try? String(contentsOfFile: directory + "/" + name, encoding: .utf8) else { return nil }
                return (name, text)
            }
        }
        return sources.map { File(fileName: $0.name, module: moduleName(of: $0.name), source: $0.source) }
    }()

    static let byModule: [String: File] = Dictionary(files.map { ($0.module, $0) }, uniquingKeysWith: { a, _ in a })

    /// "06_streams.js" → "streams".
    static func moduleName(of fileName: String) -> String {
        var stem = Substring(fileName)
        if stem.hasSuffix(".js") { stem = stem.dropLast(3) }
        if let underscore = stem.firstIndex(of: "_"), stem[..<underscore].allSatisfy(\.isNumber) {
            stem = stem[stem.index(after: underscore)...]
        }
        return String(stem)
    }

    /// The file's source wrapped as a function expression. The wrapper stays on the first
    /// line so that line numbers in stacks match the file.
    static func wrapped(_ file: File) -> String {
        "(function (core) {\"use strict\";" + file.source + "\n})"
    }
}

extension Isolate {
    /// The compiled wrapper of a runtime-apis module, parsed once per VM and shared by its realms.
    func compiledModule(_ module: String) throws -> JSCompiledScript {
        if let script = compiledModules[module] { return script }
        guard let file = RuntimeAPIs.byModule[module] else {
            throw EdgeError.bootstrap(file: module, JSException(name: "Error", message: "no runtime-apis module named '\(module)'"))
        }
        do {
            let script = try JSCompiledScript(vm: vm, source: RuntimeAPIs.wrapped(file),
                                              sourceURL: "verge:runtime-apis/\(file.fileName)")
            compiledModules[module] = script
            return script
        } catch {
            throw EdgeError.bootstrap(file: file.fileName, error)
        }
    }
}
