/// Next.js middleware matchers are path-to-regexp (version 6) patterns: `/about/:path*`,
/// `/blog/:slug`, `/((?!api|_next/static|favicon.ico).*)`, `{/:locale}?/docs`. This turns one
/// into the source of a JavaScript-compatible regular expression with the options Next.js's
/// `tryToParsePath` uses: path-to-regexp's defaults (delimiter "/#?", not strict — an
/// optional trailing delimiter —, case-insensitive, anchored at both ends).
enum PathToRegexp {
    struct ParseError: Error, Equatable, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    private enum TokenKind: Equatable {
        case modifier, escapedChar, open, close, name, pattern, char, end
    }

    private struct Token {
        var kind: TokenKind
        var index: Int
        var value: String
    }

    /// A parsed piece of a path: literal text, or a parameter.
    enum Part: Equatable {
        case text(String)
        case parameter(name: String, prefix: String, suffix: String, pattern: String, modifier: String)
    }

    private static func lex(_ characters: [Character]) throws(ParseError) -> [Token] {
        var tokens: [Token] = []
        var i = 0
        while i < characters.count {
            let c = characters[i]
            switch c {
            case "*", "+", "?":
                tokens.append(Token(kind: .modifier, index: i, value: String(c)))
                i += 1
            case "\\":
                guard i + 1 < characters.count else { throw ParseError(message: "a trailing backslash at \(i)") }
                tokens.append(Token(kind: .escapedChar, index: i, value: String(characters[i + 1])))
                i += 2
            case "{":
                tokens.append(Token(kind: .open, index: i, value: "{"))
                i += 1
            case "}":
                tokens.append(Token(kind: .close, index: i, value: "}"))
                i += 1
            case ":":
                var name = ""
                var j = i + 1
                while j < characters.count, let ascii = characters[j].asciiValue,
                      (48...57).contains(ascii) || (65...90).contains(ascii) || (97...122).contains(ascii) || ascii == 95 {
                    name.append(characters[j])
                    j += 1
                }
                if name.isEmpty { throw ParseError(message: "missing parameter name at \(i)") }
                tokens.append(Token(kind: .name, index: i, value: name))
                i = j
            case "(":
                var count = 1
                var pattern = ""
                var j = i + 1
                if j < characters.count, characters[j] == "?" {
                    throw ParseError(message: "pattern cannot start with \"?\" at \(j)")
                }
                while j < characters.count {
                    if characters[j] == "\\" {
                        pattern.append(characters[j])
                        if j + 1 < characters.count { pattern.append(characters[j + 1]) }
                        j += 2
                        continue
                    }
                    if characters[j] == ")" {
                        count -= 1
                        if count == 0 {
                            j += 1
                            break
                        }
                    } else if characters[j] == "(" {
                        count += 1
                        if j + 1 >= characters.count || characters[j + 1] != "?" {
                            throw ParseError(message: "capturing groups are not allowed at \(j); use (?:…)")
                        }
                    }
                    pattern.append(characters[j])
                    j += 1
                }
                if count != 0 { throw ParseError(message: "unbalanced pattern at \(i)") }
                if pattern.isEmpty { throw ParseError(message: "missing pattern at \(i)") }
                tokens.append(Token(kind: .pattern, index: i, value: pattern))
                i = j
            default:
                tokens.append(Token(kind: .char, index: i, value: String(c)))
                i += 1
            }
        }
        tokens.append(Token(kind: .end, index: i, value: ""))
        return tokens
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            if ".+*?=^!:${}()[]|/\\".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }

    /// Parses a path into text and parameters (path-to-regexp's `parse`, prefixes "./").
    static func parse(_ path: String, delimiter: String = "/#?") throws(ParseError) -> [Part] {
        let tokens = try lex(Array(path))
        let prefixes = "./"
        let defaultPattern = "[^\(escape(delimiter))]+?"
        var result: [Part] = []
        var key = 0
        var i = 0
        var text = ""

        func tryConsume(_ kind: TokenKind) -> String? {
            if i < tokens.count, tokens[i].kind == kind {
                i += 1
                return tokens[i - 1].value
            }
            return nil
        }
        func mustConsume(_ kind: TokenKind) throws(ParseError) -> String {
            if let value = tryConsume(kind) { return value }
            let token = tokens[min(i, tokens.count - 1)]
            throw ParseError(message: "unexpected \(describe(token.kind)) at \(token.index), expected \(describe(kind))")
        }
        func consumeText() -> String {
            var out = ""
            while let value = tryConsume(.char) ?? tryConsume(.escapedChar) { out += value }
            return out
        }

        while i < tokens.count {
            let char = tryConsume(.char)
            let name = tryConsume(.name)
            let pattern = tryConsume(.pattern)
            if name != nil || pattern != nil {
                var prefix = char ?? ""
                if !prefix.isEmpty, !prefixes.contains(prefix) {
                    text += prefix
                    prefix = ""
                }
                if !text.isEmpty {
                    result.append(.text(text))
                    text = ""
                }
                let parameterName: String
                if let name { parameterName = name } else { parameterName = String(key); key += 1 }
                result.append(.parameter(name: parameterName, prefix: prefix, suffix: "", pattern: pattern ?? defaultPattern,
                                         modifier: tryConsume(.modifier) ?? ""))
                continue
            }
            if let value = char ?? tryConsume(.escapedChar) {
                text += value
                continue
            }
            if !text.isEmpty {
                result.append(.text(text))
                text = ""
            }
            if tryConsume(.open) != nil {
                let prefix = consumeText()
                let name = tryConsume(.name) ?? ""
                let pattern = tryConsume(.pattern) ?? ""
                let suffix = consumeText()
                _ = try mustConsume(.close)
                let parameterName: String
                if !name.isEmpty { parameterName = name } else if !pattern.isEmpty { parameterName = String(key); key += 1 } else { parameterName = "" }
                result.append(.parameter(name: parameterName, prefix: prefix, suffix: suffix,
                                         pattern: !name.isEmpty && pattern.isEmpty ? defaultPattern : pattern,
                                         modifier: tryConsume(.modifier) ?? ""))
                continue
            }
            _ = try mustConsume(.end)
        }
        return result
    }

    private static func describe(_ kind: TokenKind) -> String {
        switch kind {
        case .modifier: return "MODIFIER"
        case .escapedChar: return "ESCAPED_CHAR"
        case .open: return "OPEN"
        case .close: return "CLOSE"
        case .name: return "NAME"
        case .pattern: return "PATTERN"
        case .char: return "CHAR"
        case .end: return "END"
        }
    }

    /// The regular expression source for `path` (`^…$`), as path-to-regexp's
    /// `tokensToRegexp` builds it by default; match it case-insensitively.
    static func regexSource(_ path: String, delimiter: String = "/#?") throws(ParseError) -> String {
        var route = "^"
        for part in try parse(path, delimiter: delimiter) {
            switch part {
            case .text(let text):
                route += escape(text)
            case .parameter(_, let rawPrefix, let rawSuffix, let pattern, let modifier):
                let prefix = escape(rawPrefix)
                let suffix = escape(rawSuffix)
                if !pattern.isEmpty {
                    if !prefix.isEmpty || !suffix.isEmpty {
                        if modifier == "+" || modifier == "*" {
                            let optional = modifier == "*" ? "?" : ""
                            route += "(?:\(prefix)((?:\(pattern))(?:\(suffix)\(prefix)(?:\(pattern)))*)\(suffix))\(optional)"
                        } else {
                            route += "(?:\(prefix)(\(pattern))\(suffix))\(modifier)"
                        }
                    } else {
                        if modifier == "+" || modifier == "*" {
                            route += "((?:\(pattern))\(modifier))"
                        } else {
                            route += "(\(pattern))\(modifier)"
                        }
                    }
                } else {
                    route += "(?:\(prefix)\(suffix))\(modifier)"
                }
            }
        }
        return route + "[\(escape(delimiter))]?$"
    }
}
