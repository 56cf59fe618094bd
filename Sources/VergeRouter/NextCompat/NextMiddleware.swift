import Foundation

/// A compiled regular expression shared between threads (matching does not mutate it).
public final class SharedRegex: @unchecked Sendable {
    let regex: NSRegularExpression
    public let source: String

    init(_ source: String, caseInsensitive: Bool) throws {
        self.source = source
        regex = try NSRegularExpression(pattern: source, options: caseInsensitive ? [.caseInsensitive] : [])
    }

    func matches(_ text: String) -> Bool {
        let range = NSRange(text.startIndex..<text.endIndex, in: text)
        return regex.firstMatch(in: text, options: [], range: range) != nil
    }
}

/// One `has`/`missing` condition of a middleware matcher (Next.js's RouteHas).
public struct MiddlewareCondition: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case header, cookie, query, host
    }

    public var kind: Kind
    /// Header, cookie or query parameter name (nil for `host`).
    public var key: String?
    /// `^value$` when a value was given: the request's value must match it.
    public var value: SharedRegex?
}

/// One entry of `export const config = { matcher }`: a path pattern plus conditions.
public struct MiddlewareMatcher: Sendable {
    /// The pattern as written (`/about/:path*`).
    public var source: String
    public var regex: SharedRegex
    public var has: [MiddlewareCondition]
    public var missing: [MiddlewareCondition]
}

/// What a request looks like to matchers: its path (as sent, not decoded), its query
/// string and a header lookup (lowercase names; repeated headers joined with ", ").
public struct MiddlewareRequestView {
    public var path: String
    public var query: String
    public var header: (String) -> String?

    public init(path: String, query: String, header: @escaping (String) -> String?) {
        self.path = path
        self.query = query
        self.header = header
    }
}

/// `middleware.{js,ts}`: its bundle's route definition and when it runs.
public struct MiddlewareDefinition: Sendable {
    /// For bundling and booting (kind `.route`, id = the file path).
    public var route: RouteDefinition
    /// nil: every request; else the request must match one of them.
    public var matchers: [MiddlewareMatcher]?
    /// The exported `config` as JSON ("null" when none), kept in `.verge/build.json`.
    public var configJSON: String

    public init(route: RouteDefinition, matchers: [MiddlewareMatcher]?, configJSON: String = "null") {
        self.route = route
        self.matchers = matchers
        self.configJSON = configJSON
    }

    /// A definition from the exported `config` (JSON), as `verge build` found it.
    public init(route: RouteDefinition, configJSON: String) throws {
        self.init(route: route, matchers: try MiddlewareDefinition.matchers(configJSON: configJSON, file: route.id),
                  configJSON: configJSON)
    }

    /// The route definition of a middleware file (`middleware.ts`, relative to the project).
    public static func route(file: String, project: URL) -> RouteDefinition {
        RouteDefinition(id: file, pattern: RoutePattern(segments: []), kind: .route, file: file,
                        absoluteFile: project.appendingPathComponent(file).path, layouts: [],
                        config: SegmentConfig(runtime: .edge), swiftHandler: nil)
    }

    /// Whether middleware runs for this request.
    public func matches(_ request: MiddlewareRequestView) -> Bool {
        guard let matchers else { return true }
        for matcher in matchers where matcher.regex.matches(request.path) {
            if matcher.has.isEmpty && matcher.missing.isEmpty { return true }
            if matcher.has.allSatisfy({ $0.holds(for: request) }) && !matcher.missing.contains(where: { $0.holds(for: request) }) {
                return true
            }
        }
        return false
    }

    /// Reads `config.matcher` (the middleware's exported `config`, as JSON): a string, an
    /// array of strings, or objects `{ source, has?, missing?, locale? }`. Errors name the
    /// file and the entry at fault.
    public static func matchers(configJSON: String, file: String) throws -> [MiddlewareMatcher]? {
        guard let data = configJSON.data(using: .utf8),
              let config = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            return nil
        }
        guard let object = config as? [String: Any] else {
            if config is NSNull { return nil }
            throw RouterError.bundle(file: file, message: "`export const config` must be an object such as { matcher: '/about/:path*' }")
        }
        guard let matcher = object["matcher"], !(matcher is NSNull) else { return nil }
        let entries: [Any]
        if let list = matcher as? [Any] {
            entries = list
        } else {
            entries = [matcher]
        }
        var result: [MiddlewareMatcher] = []
        for (index, entry) in entries.enumerated() {
            let label = matcher is [Any] ? "config.matcher[\(index)]" : "config.matcher"
            func fail(_ message: String) -> RouterError {
                RouterError.bundle(file: file, message: "\(label): \(message) (see https://nextjs.org/docs/app/building-your-application/routing/middleware#matcher)")
            }
            var source: String
            var has: [MiddlewareCondition] = []
            var missing: [MiddlewareCondition] = []
            if let string = entry as? String {
                source = string
            } else if let dictionary = entry as? [String: Any] {
                for key in dictionary.keys where !["source", "has", "missing", "locale", "regexp"].contains(key) {
                    throw fail("unknown field '\(key)'; allowed: source, has, missing, locale")
                }
                guard let string = dictionary["source"] as? String else {
                    throw fail("`source` (a string) is missing")
                }
                source = string
                if let locale = dictionary["locale"], !(locale is NSNull), !((locale as? Bool) == false) {
                    throw fail("`locale` may only be false (Verge has no i18n routing)")
                }
                has = try conditions(dictionary["has"], field: "has", fail: fail)
                missing = try conditions(dictionary["missing"], field: "missing", fail: fail)
            } else {
                throw fail("must be a path string or an object with `source`")
            }
            guard source.hasPrefix("/") else { throw fail("`source` '\(source)' does not start with /") }
            if source.count > 4096 { throw fail("`source` is longer than 4096 characters") }
            // As Next.js: an optional `_next/data/<build>` prefix and `.json` suffix.
            let isRoot = source == "/"
            let wrapped = "/:nextData(_next/data/[^/]{1,})?" + source + (isRoot ? "(/?index|/?index\\.json)?" : "(.json)?")
            let regexSource: String
            do {
                regexSource = try PathToRegexp.regexSource(wrapped)
            } catch {
                throw fail("invalid `source` '\(source)': \(error)")
            }
            let regex: SharedRegex
            do {
                regex = try SharedRegex(regexSource, caseInsensitive: true)
            } catch {
                throw fail("invalid `source` '\(source)': its regular expression does not compile")
            }
            result.append(MiddlewareMatcher(source: source, regex: regex, has: has, missing: missing))
        }
        return result
    }

    private static func conditions(_ value: Any?, field: String, fail: (String) -> RouterError) throws -> [MiddlewareCondition] {
        guard let value, !(value is NSNull) else { return [] }
        guard let list = value as? [Any] else { throw fail("`\(field)` must be an array of { type, key, value }") }
        var result: [MiddlewareCondition] = []
        for (index, item) in list.enumerated() {
            guard let dictionary = item as? [String: Any] else { throw fail("`\(field)[\(index)]` must be an object { type, key, value }") }
            for key in dictionary.keys where !["type", "key", "value"].contains(key) {
                throw fail("`\(field)[\(index)]`: unknown field '\(key)'; allowed: type, key, value")
            }
            let allowed = MiddlewareCondition.Kind.allCases.map(\.rawValue).joined(separator: ", ")
            guard let typeName = dictionary["type"] as? String, let kind = MiddlewareCondition.Kind(rawValue: typeName) else {
                throw fail("`\(field)[\(index)].type` must be one of \(allowed)")
            }
            let key = dictionary["key"] as? String
            if kind != .host, key?.isEmpty ?? true {
                throw fail("`\(field)[\(index)].key` (a string) is required for type '\(typeName)'")
            }
            var regex: SharedRegex?
            if let pattern = dictionary["value"], !(pattern is NSNull) {
                guard let string = pattern as? String else { throw fail("`\(field)[\(index)].value` must be a string") }
                do {
                    regex = try SharedRegex("^" + string + "$", caseInsensitive: false)
                } catch {
                    throw fail("`\(field)[\(index)].value` '\(string)' is not a valid regular expression")
                }
            } else if kind == .host {
                throw fail("`\(field)[\(index)].value` is required for type 'host'")
            }
            result.append(MiddlewareCondition(kind: kind, key: kind == .host ? nil : key, value: regex))
        }
        return result
    }
}

extension MiddlewareCondition {
    /// Next.js's `matchHas` for one condition: present (and non-empty), and matching `value` if given.
    func holds(for request: MiddlewareRequestView) -> Bool {
        let actual: String?
        switch kind {
        case .header:
            actual = request.header((key ?? "").lowercased())
        case .cookie:
            actual = request.header("cookie").flatMap { MiddlewareCondition.cookie(named: key ?? "", in: $0) }
        case .query:
            actual = MiddlewareCondition.queryValue(named: key ?? "", in: request.query)
        case .host:
            actual = request.header("host").map { host in
                String(host.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? "").lowercased()
            }
        }
        guard let actual, !actual.isEmpty else { return false }
        guard let value else { return true }
        return value.matches(actual)
    }

    /// The `cookie` package's parse: `;`-separated pairs, trimmed, quotes removed, decoded;
    /// the first occurrence of a name wins.
    static func cookie(named name: String, in header: String) -> String? {
        for pair in header.split(separator: ";") {
            guard let equals = pair.firstIndex(of: "=") else { continue }
            let key = pair[..<equals].trimmingCharacters(in: .whitespaces)
            guard key == name else { continue }
            var value = pair[pair.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            return value.contains("%") ? (value.removingPercentEncoding ?? value) : value
        }
        return nil
    }

    /// The last value of a query parameter (form-decoded), nil when absent.
    static func queryValue(named name: String, in query: String) -> String? {
        var found: String?
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = decodeForm(parts[0])
            guard key == name else { continue }
            found = parts.count > 1 ? decodeForm(parts[1]) : ""
        }
        return found
    }

    private static func decodeForm(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
