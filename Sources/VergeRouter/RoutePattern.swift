/// One URL segment of a route, as the Next.js app router spells it in folder names:
/// `blog` (static), `[slug]` (dynamic), `[...slug]` (catch-all, one or more segments),
/// `[[...slug]]` (optional catch-all, zero or more).
public enum PatternSegment: Hashable, Sendable, CustomStringConvertible {
    case literal(String)
    case dynamic(String)
    case catchAll(String)
    case optionalCatchAll(String)

    /// Precedence at one level: static > dynamic > catch-all > optional catch-all.
    var rank: Int {
        switch self {
        case .literal: return 0
        case .dynamic: return 1
        case .catchAll: return 2
        case .optionalCatchAll: return 3
        }
    }

    public var description: String {
        switch self {
        case .literal(let name): return name
        case .dynamic(let name): return "[\(name)]"
        case .catchAll(let name): return "[...\(name)]"
        case .optionalCatchAll(let name): return "[[...\(name)]]"
        }
    }

    var parameterName: String? {
        switch self {
        case .literal: return nil
        case .dynamic(let n), .catchAll(let n), .optionalCatchAll(let n): return n
        }
    }

    /// The segment with its parameter name erased, for detecting two files on one URL.
    var shape: String {
        switch self {
        case .literal(let name): return name
        case .dynamic: return "[]"
        case .catchAll: return "[...]"
        case .optionalCatchAll: return "[[...]]"
        }
    }
}

/// What a folder name means in the app directory.
public enum FolderKind: Equatable, Sendable {
    case segment(PatternSegment)
    /// `(group)`: organizes files, left out of the URL.
    case group(String)
    /// `_private`: not routable; the subtree is skipped.
    case privateFolder
    /// `@slot` (parallel routes) and `(.)x` (intercepting routes): not supported.
    case unsupported(String)
}

public enum PatternParseError: Error, Equatable, Sendable {
    case invalid(segment: String, reason: String)
}

extension FolderKind {
    /// Classifies a folder name per the app-router conventions.
    public static func of(_ name: String) throws(PatternParseError) -> FolderKind {
        if name.hasPrefix("_") { return .privateFolder }
        if name.hasPrefix("@") { return .unsupported("parallel route slot '\(name)'") }
        if name.hasPrefix("(.)") || name.hasPrefix("(..)") || name.hasPrefix("(...)") {
            return .unsupported("intercepting route '\(name)'")
        }
        if name.hasPrefix("(") && name.hasSuffix(")") && name.count > 2 {
            return .group(String(name.dropFirst().dropLast()))
        }
        return .segment(try PatternSegment.parse(name))
    }
}

extension PatternSegment {
    /// Parses one segment: `name`, `[name]`, `[...name]`, `[[...name]]`.
    public static func parse(_ text: String) throws(PatternParseError) -> PatternSegment {
        func validName(_ name: Substring) throws(PatternParseError) -> String {
            guard !name.isEmpty,
                  name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
                throw .invalid(segment: text, reason: "a parameter name may use letters, digits, '_' and '-' only")
            }
            return String(name)
        }
        if text.hasPrefix("[[...") && text.hasSuffix("]]") {
            return .optionalCatchAll(try validName(text.dropFirst(5).dropLast(2)))
        }
        if text.hasPrefix("[...") && text.hasSuffix("]") {
            return .catchAll(try validName(text.dropFirst(4).dropLast()))
        }
        if text.hasPrefix("[") && text.hasSuffix("]") {
            let inner = text.dropFirst().dropLast()
            if inner.hasPrefix("[") || inner.hasPrefix("...") {
                throw .invalid(segment: text, reason: "use [name], [...name] or [[...name]]")
            }
            return .dynamic(try validName(inner))
        }
        if text.contains("[") || text.contains("]") {
            throw .invalid(segment: text, reason: "brackets must enclose the whole segment: [name], [...name] or [[...name]]")
        }
        return .literal(text)
    }
}

/// A route's URL pattern: its segments, groups left out.
public struct RoutePattern: Hashable, Sendable, CustomStringConvertible {
    public let segments: [PatternSegment]
    /// "/blog/[slug]": computed once, since requests use it (cache tags, logs).
    public let description: String

    public init(segments: [PatternSegment]) {
        self.segments = segments
        self.description = RoutePattern.describe(segments)
    }

    /// Parses "/api/files/[name]" (the form Swift registrations use). Groups are allowed
    /// and dropped.
    public init(parsing path: String) throws(PatternParseError) {
        var segments: [PatternSegment] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch try FolderKind.of(String(part)) {
            case .segment(let segment): segments.append(segment)
            case .group: continue
            case .privateFolder:
                throw .invalid(segment: String(part), reason: "folders starting with '_' are private and not routable")
            case .unsupported(let what):
                throw .invalid(segment: String(part), reason: "\(what) is not supported")
            }
        }
        try RoutePattern.validate(segments, path: path)
        self.segments = segments
        self.description = RoutePattern.describe(segments)
    }

    static func validate(_ segments: [PatternSegment], path: String) throws(PatternParseError) {
        var names = Set<String>()
        for (index, segment) in segments.enumerated() {
            if let name = segment.parameterName {
                guard names.insert(name).inserted else {
                    throw .invalid(segment: segment.description, reason: "the parameter name '\(name)' appears twice in \(path)")
                }
            }
            switch segment {
            case .catchAll, .optionalCatchAll:
                if index != segments.count - 1 {
                    throw .invalid(segment: segment.description, reason: "a catch-all segment must be the last segment of \(path)")
                }
            default:
                continue
            }
        }
    }

    static func describe(_ segments: [PatternSegment]) -> String {
        "/" + segments.map(\.description).joined(separator: "/")
    }

    public static func == (lhs: RoutePattern, rhs: RoutePattern) -> Bool { lhs.segments == rhs.segments }
    public func hash(into hasher: inout Hasher) { hasher.combine(segments) }

    /// The pattern with parameter names erased: two routes with one shape claim the same URLs.
    public var shape: String { "/" + segments.map(\.shape).joined(separator: "/") }

    public var isDynamic: Bool { segments.contains { if case .literal = $0 { return false } else { return true } } }
}

/// Parameters captured by a match.
public enum ParamValue: Equatable, Sendable {
    case single(String)
    case multiple([String])
}
