import Foundation
import NIOConcurrencyHelpers
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

    /// Every primordial name the modules read (`const { … } = core.primordials`, and
    /// `primordials.Name`), joined by "\n". The primordials module captures exactly these
    /// originals at bootstrap, before user code runs (01_primordials.js); reading a name
    /// the scan missed throws there, naming it.
    public static let primordialNames: String = {
        var names = Set<String>()
        for file in files where file.module != "primordials" {
            scanPrimordialNames(Array(file.source.utf8), into: &names)
        }
        return names.sorted().joined(separator: "\n")
    }()

    /// The module names, one per line (`ops.moduleNames`).
    static let moduleNameList: String = files.map(\.module).joined(separator: "\n")

    /// The capture code the first realm of the process writes (a function expression reading
    /// each primordial's original from its built-in), run by every later realm instead of
    /// finding the names again (01_primordials.js); empty until then.
    static let primordialRecipe = NIOLockedValueBox("")

    /// A byte scan (a Regex over the 20,000 lines cost ~100 ms at first boot).
    static func scanPrimordialNames(_ text: [UInt8], into names: inout Set<String>) {
        func isIdentifier(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$")
        }
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }
        let word = Array("primordials".utf8)
        var index = 0
        while index + word.count <= text.count {
            guard text[index] == word[0], text[index..<(index + word.count)].elementsEqual(word),
                  index == 0 || !isIdentifier(text[index - 1]) || text[index - 1] == UInt8(ascii: ".")
            else {
                index += 1
                continue
            }
            var after = index + word.count
            defer { index = after }
            if after < text.count, text[after] == UInt8(ascii: ".") {
                // primordials.Name
                var end = after + 1
                while end < text.count, isIdentifier(text[end]) { end += 1 }
                if end > after + 1 { names.insert(String(decoding: text[(after + 1)..<end], as: UTF8.self)) }
                after = end
                continue
            }
            // `{ A, B: b, // comment … } = [core.]primordials;`
            var cursor = index - 1
            if cursor >= 4, text[(cursor - 4)...cursor].elementsEqual("core.".utf8) { cursor -= 5 }
            while cursor >= 0, isSpace(text[cursor]) { cursor -= 1 }
            guard cursor >= 0, text[cursor] == UInt8(ascii: "=") else { continue }
            cursor -= 1
            while cursor >= 0, isSpace(text[cursor]) { cursor -= 1 }
            guard cursor >= 0, text[cursor] == UInt8(ascii: "}") else { continue }
            let close = cursor
            while cursor >= 0, text[cursor] != UInt8(ascii: "{") { cursor -= 1 }
            guard cursor >= 0 else { continue }
            let list = String(decoding: text[(cursor + 1)..<close], as: UTF8.self)
            for line in list.split(separator: "\n") {
                let code = line.split(separator: "//", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
                for part in code.split(separator: ",") {
                    let name = part.split(separator: ":").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
                    if !name.isEmpty { names.insert(name) }
                }
            }
        }
    }

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
    /// The primordial capture code, compiled once per VM (`RuntimeAPIs.primordialRecipe`).
    func compiledPrimordialCapture(_ source: String) throws -> JSCompiledScript {
        let key = "#primordial-capture"
        if let script = compiledModules[key] { return script }
        let script = try JSCompiledScript(vm: vm, source: source, sourceURL: "verge:runtime-apis/primordial-capture.js")
        compiledModules[key] = script
        return script
    }

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
