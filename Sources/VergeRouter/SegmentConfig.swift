/// Route segment config (Next.js): exported literals that tune a segment and everything
/// below it.
public struct SegmentConfig: Equatable, Sendable {
    public enum Runtime: String, Sendable, CaseIterable {
        case nodejs, edge
    }

    public enum Dynamic: String, Sendable, CaseIterable {
        case auto
        case forceDynamic = "force-dynamic"
        case error
        case forceStatic = "force-static"
    }

    public enum FetchCache: String, Sendable, CaseIterable {
        case auto
        case defaultCache = "default-cache"
        case onlyCache = "only-cache"
        case forceCache = "force-cache"
        case forceNoStore = "force-no-store"
        case defaultNoStore = "default-no-store"
        case onlyNoStore = "only-no-store"
    }

    /// `revalidate`: false (cache forever), 0 (always dynamic) or seconds.
    public enum Revalidate: Equatable, Sendable, CustomStringConvertible {
        case never
        case seconds(Double)

        var order: Double {
            switch self {
            case .never: return .infinity
            case .seconds(let s): return s
            }
        }

        public var description: String {
            switch self {
            case .never: return "false"
            case .seconds(let s): return s == s.rounded() ? String(Int(s)) : String(s)
            }
        }
    }

    public var runtime: Runtime?
    public var dynamic: Dynamic?
    public var dynamicParams: Bool?
    public var revalidate: Revalidate?
    public var fetchCache: FetchCache?
    public var preferredRegion: [String]?
    public var maxDuration: Double?

    public init(runtime: Runtime? = nil, dynamic: Dynamic? = nil, dynamicParams: Bool? = nil,
                revalidate: Revalidate? = nil, fetchCache: FetchCache? = nil,
                preferredRegion: [String]? = nil, maxDuration: Double? = nil) {
        self.runtime = runtime
        self.dynamic = dynamic
        self.dynamicParams = dynamicParams
        self.revalidate = revalidate
        self.fetchCache = fetchCache
        self.preferredRegion = preferredRegion
        self.maxDuration = maxDuration
    }

    /// `self` followed by a deeper segment's config along one route: the deeper definition
    /// wins, except `revalidate`, where the lowest value wins.
    public func merged(with deeper: SegmentConfig) -> SegmentConfig {
        var result = self
        if let v = deeper.runtime { result.runtime = v }
        if let v = deeper.dynamic { result.dynamic = v }
        if let v = deeper.dynamicParams { result.dynamicParams = v }
        if let v = deeper.fetchCache { result.fetchCache = v }
        if let v = deeper.preferredRegion { result.preferredRegion = v }
        if let v = deeper.maxDuration { result.maxDuration = v }
        if let v = deeper.revalidate {
            if let current = result.revalidate {
                result.revalidate = v.order < current.order ? v : current
            } else {
                result.revalidate = v
            }
        }
        return result
    }

    /// The runtime that applies: `nodejs` unless some segment said `edge`.
    public var effectiveRuntime: Runtime { runtime ?? .nodejs }
}

/// A problem in a segment config export, with where it is.
public struct ConfigError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String

    public var description: String { "\(file):\(line): \(message)" }
}

/// Reads segment config exports from JS/TS source without running it, as Next.js does:
/// `export const runtime = 'edge'`. Values must be literals.
public enum SegmentConfigParser {
    static let names: Set<String> = ["runtime", "dynamic", "dynamicParams", "revalidate", "fetchCache", "preferredRegion", "maxDuration"]

    public static func parse(source: String, file: String) throws(ConfigError) -> SegmentConfig {
        var config = SegmentConfig()
        for export in topLevelConstExports(in: source) where names.contains(export.name) {
            let line = export.line
            func fail(_ message: String) -> ConfigError { ConfigError(file: file, line: line, message: message) }
            switch export.name {
            case "runtime":
                guard case .string(let value) = export.value else {
                    throw fail("`runtime` must be a string literal: 'nodejs' or 'edge'")
                }
                switch value {
                case "nodejs": config.runtime = .nodejs
                case "edge", "experimental-edge": config.runtime = .edge
                default: throw fail("`runtime` is '\(value)'; allowed values are 'nodejs' and 'edge'")
                }
            case "dynamic":
                let allowed = SegmentConfig.Dynamic.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
                guard case .string(let value) = export.value else { throw fail("`dynamic` must be a string literal: \(allowed)") }
                guard let dynamic = SegmentConfig.Dynamic(rawValue: value) else {
                    throw fail("`dynamic` is '\(value)'; allowed values are \(allowed)")
                }
                config.dynamic = dynamic
            case "dynamicParams":
                guard case .boolean(let value) = export.value else { throw fail("`dynamicParams` must be true or false") }
                config.dynamicParams = value
            case "revalidate":
                switch export.value {
                case .boolean(false): config.revalidate = .never
                case .number(let n) where n >= 0: config.revalidate = .seconds(n)
                default: throw fail("`revalidate` must be false, 0, or a number of seconds (a literal)")
                }
            case "fetchCache":
                let allowed = SegmentConfig.FetchCache.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
                guard case .string(let value) = export.value else { throw fail("`fetchCache` must be a string literal: \(allowed)") }
                guard let fetchCache = SegmentConfig.FetchCache(rawValue: value) else {
                    throw fail("`fetchCache` is '\(value)'; allowed values are \(allowed)")
                }
                config.fetchCache = fetchCache
            case "preferredRegion":
                switch export.value {
                case .string(let value): config.preferredRegion = [value]
                case .stringArray(let values): config.preferredRegion = values
                default: throw fail("`preferredRegion` must be a string literal ('auto', 'global', 'home', a region) or an array of them")
                }
            case "maxDuration":
                guard case .number(let n) = export.value, n > 0 else {
                    throw fail("`maxDuration` must be a positive number of seconds (a literal)")
                }
                config.maxDuration = n
            default:
                continue
            }
        }
        return config
    }

    enum Literal: Equatable {
        case string(String)
        case number(Double)
        case boolean(Bool)
        case stringArray([String])
        case other
    }

    struct Export {
        var name: String
        var line: Int
        var value: Literal
    }

    /// `export const|let|var NAME (: Type)? = VALUE` at the top level (brace depth 0),
    /// skipping comments, strings and template literals.
    static func topLevelConstExports(in source: String) -> [Export] {
        let chars = Array(source.unicodeScalars)
        var exports: [Export] = []
        var index = 0
        var depth = 0
        var line = 1

        func peek(_ offset: Int = 0) -> Unicode.Scalar? {
            index + offset < chars.count ? chars[index + offset] : nil
        }
        func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
            c == "_" || c == "$" || (c.properties.isAlphabetic)
        }
        func isIdentifierPart(_ c: Unicode.Scalar) -> Bool {
            isIdentifierStart(c) || ("0"..."9").contains(c)
        }
        func skipSpace() {
            while let c = peek() {
                if c == "\n" { line += 1; index += 1 }
                else if c == " " || c == "\t" || c == "\r" { index += 1 }
                else if c == "/" && peek(1) == "/" { while let d = peek(), d != "\n" { index += 1 } }
                else if c == "/" && peek(1) == "*" {
                    index += 2
                    while let d = peek(), !(d == "*" && peek(1) == "/") { if d == "\n" { line += 1 }; index += 1 }
                    index += 2
                } else { break }
            }
        }
        func readIdentifier() -> String? {
            guard let c = peek(), isIdentifierStart(c) else { return nil }
            var name = ""
            while let d = peek(), isIdentifierPart(d) { name.unicodeScalars.append(d); index += 1 }
            return name
        }
        func skipString(_ quote: Unicode.Scalar) -> String {
            var value = ""
            index += 1
            while let c = peek(), c != quote {
                if c == "\\", let next = peek(1) {
                    switch next {
                    case "n": value += "\n"
                    case "t": value += "\t"
                    default: value.unicodeScalars.append(next)
                    }
                    index += 2
                    continue
                }
                if c == "\n" { line += 1 }
                if quote == "`" && c == "$" && peek(1) == "{" {
                    // Template substitution: skip to its closing brace.
                    var nested = 0
                    index += 1
                    while let d = peek() {
                        if d == "{" { nested += 1 }
                        if d == "}" { nested -= 1; if nested == 0 { break } }
                        if d == "\n" { line += 1 }
                        index += 1
                    }
                }
                value.unicodeScalars.append(c)
                index += 1
            }
            index += 1
            return value
        }
        func readLiteral() -> Literal {
            skipSpace()
            guard let c = peek() else { return .other }
            var literal: Literal = .other
            if c == "'" || c == "\"" {
                literal = .string(skipString(c))
            } else if c == "`" {
                let start = index
                let value = skipString(c)
                literal = chars[start..<index].contains("$") ? .other : .string(value)
            } else if ("0"..."9").contains(c) || c == "." || c == "-" {
                var text = ""
                while let d = peek(), ("0"..."9").contains(d) || d == "." || d == "_" || d == "e" || d == "-" || d == "+" {
                    if d != "_" { text.unicodeScalars.append(d) }
                    index += 1
                }
                literal = Double(text).map(Literal.number) ?? .other
            } else if c == "[" {
                index += 1
                var values: [String] = []
                while true {
                    skipSpace()
                    guard let d = peek() else { return .other }
                    if d == "]" { index += 1; break }
                    if d == "," { index += 1; continue }
                    if d == "'" || d == "\"" { values.append(skipString(d)) } else { return .other }
                }
                literal = .stringArray(values)
            } else if let word = readIdentifier() {
                switch word {
                case "true": literal = .boolean(true)
                case "false": literal = .boolean(false)
                default: return .other
                }
            }
            // The literal must end the expression: `;`, a newline, `as const`, or end of file.
            let save = (index, line)
            skipSpace()
            if let next = peek() {
                if next == ";" || next == "," || next == "}" { return literal }
                if save.1 != line { return literal }
                if let word = readIdentifier(), word == "as" {
                    skipSpace()
                    if readIdentifier() == "const" { return literal }
                }
                return .other
            }
            return literal
        }

        var previousSignificant: Unicode.Scalar = ";"
        while index < chars.count {
            let c = chars[index]
            switch c {
            case "\n":
                line += 1
                index += 1
            case "/" where peek(1) == "/" || peek(1) == "*":
                skipSpace()
            case "'", "\"", "`":
                _ = skipString(c)
                previousSignificant = "a"
            case "{", "(", "[":
                depth += 1
                index += 1
                previousSignificant = c
            case "}", ")", "]":
                depth -= 1
                index += 1
                previousSignificant = c
            case "/":
                // A regular expression literal when it cannot be division: skip to its end.
                if "(,=:[!&|?{};".unicodeScalars.contains(previousSignificant) {
                    index += 1
                    var inClass = false
                    while let d = peek(), d != "\n" {
                        if d == "\\" { index += 2; continue }
                        if d == "[" { inClass = true } else if d == "]" { inClass = false }
                        else if d == "/" && !inClass { break }
                        index += 1
                    }
                    index += 1
                } else {
                    index += 1
                }
                previousSignificant = "a"
            default:
                if isIdentifierStart(c) {
                    let startLine = line
                    let word = readIdentifier() ?? ""
                    previousSignificant = "a"
                    guard depth == 0, word == "export" else { continue }
                    let save = index
                    skipSpace()
                    guard let kind = readIdentifier(), kind == "const" || kind == "let" || kind == "var" else {
                        index = save
                        continue
                    }
                    skipSpace()
                    guard let name = readIdentifier() else { continue }
                    skipSpace()
                    if peek() == ":" {
                        // A TypeScript annotation: skip to `=` at this level.
                        while let d = peek(), d != "=" && d != ";" && d != "\n" { index += 1 }
                    }
                    skipSpace()
                    guard peek() == "=" else { continue }
                    index += 1
                    let value = readLiteral()
                    exports.append(Export(name: name, line: startLine, value: value))
                } else {
                    if c != " " && c != "\t" && c != "\r" { previousSignificant = c }
                    index += 1
                }
            }
        }
        return exports
    }
}
