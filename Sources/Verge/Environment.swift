import Foundation

/// `.env` files with Next.js's precedence. For mode "development" (verge dev) the files are,
/// from strongest to weakest: `.env.development.local`, `.env.local`, `.env.development`,
/// `.env`; for "production" (build, start) the same with `production`.
///
/// Edge segments see exactly the variables these files declare (plus VERGE_RUNTIME=edge),
/// never the rest of the host environment. As in Next.js, a variable already set in the
/// host environment keeps its host value.
public struct DotEnv: Sendable {
    public var variables: [String: String]
    public var files: [String]

    public static func load(project: URL, mode: String, hostEnvironment: [String: String] = ProcessInfo.processInfo.environment) throws -> DotEnv {
        let names = [".env", ".env.\(mode)", ".env.local", ".env.\(mode).local"]
        var merged: [String: String] = [:]
        var loaded: [String] = []
        for name in names {
            let url = project.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            let text = try String(contentsOf: url, encoding: .utf8)
            let parsed = try DotEnv.parse(text, file: name, known: merged.merging(hostEnvironment) { _, host in host })
            merged.merge(parsed) { _, new in new }
            loaded.append(name)
        }
        for key in merged.keys {
            if let host = hostEnvironment[key] { merged[key] = host }
        }
        return DotEnv(variables: merged, files: loaded)
    }

    public struct ParseError: Error, CustomStringConvertible {
        public var file: String
        public var line: Int
        public var message: String
        public var description: String { "\(file):\(line): \(message)" }
    }

    /// Parses dotenv syntax: `KEY=value`, `export KEY=value`, `#` comments, single quotes
    /// (literal), double quotes (escapes \n \t \" \\, may span lines), backticks, and
    /// `$VAR` / `${VAR}` expansion in unquoted and double-quoted values.
    public static func parse(_ text: String, file: String, known: [String: String] = [:]) throws -> [String: String] {
        var result: [String: String] = [:]
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var index = 0
        while index < lines.count {
            let lineNumber = index + 1
            var line = lines[index].trimmingCharacters(in: .whitespaces)
            index += 1
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = String(line.dropFirst(7)).trimmingCharacters(in: .whitespaces) }
            guard let equals = line.firstIndex(of: "=") else {
                throw ParseError(file: file, line: lineNumber, message: "expected KEY=value")
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "-" }) else {
                throw ParseError(file: file, line: lineNumber, message: "invalid variable name '\(key)'")
            }
            var rest = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            var value: String
            if let quote = rest.first, quote == "\"" || quote == "'" || quote == "`" {
                var body = String(rest.dropFirst())
                while !containsClosing(body, quote: quote) {
                    guard index < lines.count else {
                        throw ParseError(file: file, line: lineNumber, message: "unterminated \(quote)-quoted value")
                    }
                    body += "\n" + lines[index]
                    index += 1
                }
                let end = closingIndex(body, quote: quote)!
                value = String(body[..<end])
                if quote == "\"" {
                    value = unescape(value)
                    value = expand(value, result.merging(known) { mine, _ in mine })
                }
            } else {
                if let hash = rest.range(of: " #") { rest = String(rest[..<hash.lowerBound]) }
                value = expand(rest.trimmingCharacters(in: .whitespaces), result.merging(known) { mine, _ in mine })
            }
            result[key] = value
        }
        return result
    }

    private static func closingIndex(_ body: String, quote: Character) -> String.Index? {
        var escaped = false
        for index in body.indices {
            let c = body[index]
            if escaped { escaped = false; continue }
            if c == "\\" && quote == "\"" { escaped = true; continue }
            if c == quote { return index }
        }
        return nil
    }

    private static func containsClosing(_ body: String, quote: Character) -> Bool { closingIndex(body, quote: quote) != nil }

    private static func unescape(_ text: String) -> String {
        var out = ""
        var iterator = text.makeIterator()
        while let c = iterator.next() {
            guard c == "\\", let next = iterator.next() else { out.append(c); continue }
            switch next {
            case "n": out.append("\n")
            case "t": out.append("\t")
            case "r": out.append("\r")
            default: out.append(next)
            }
        }
        return out
    }

    private static func expand(_ text: String, _ variables: [String: String]) -> String {
        guard text.contains("$") else { return text }
        var out = ""
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            if chars[i] == "\\", i + 1 < chars.count, chars[i + 1] == "$" {
                out.append("$")
                i += 2
                continue
            }
            guard chars[i] == "$", i + 1 < chars.count else { out.append(chars[i]); i += 1; continue }
            var name = ""
            if chars[i + 1] == "{" {
                var j = i + 2
                while j < chars.count, chars[j] != "}" { name.append(chars[j]); j += 1 }
                i = j + 1
            } else {
                var j = i + 1
                while j < chars.count, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" { name.append(chars[j]); j += 1 }
                if name.isEmpty { out.append("$"); i += 1; continue }
                i = j
            }
            out += variables[name] ?? ""
        }
        return out
    }
}
