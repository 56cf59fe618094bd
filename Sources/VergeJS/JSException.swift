import CJavaScriptCore

/// A JavaScript exception seen from Swift: what was thrown, read into Swift strings at the
/// moment it was caught (name, message, JS stack, source position), plus the thrown value.
public struct JSException: Error, CustomStringConvertible {
    /// `error.name` ("TypeError", "SyntaxError", …) or "" when a non-Error was thrown.
    public var name: String
    /// `error.message`, or `String(value)` for a non-Error.
    public var message: String
    /// The JS stack as JavaScriptCore formats it ("fn@file:line:column" per line), or "".
    public var stack: String
    /// Where the error was raised, when JavaScriptCore knows (syntax errors always do).
    public var sourceURL: String?
    public var line: Int?
    public var column: Int?
    /// True when the VM's execution time limit terminated the script.
    public var isTermination: Bool
    /// The thrown value. Use it only on the thread of its VM.
    public var value: JSValue? { box.value }

    private let box: UncheckedValueBox

    public init(name: String, message: String, stack: String = "", sourceURL: String? = nil,
                line: Int? = nil, column: Int? = nil, isTermination: Bool = false, value: JSValue? = nil) {
        self.name = name
        self.message = message
        self.stack = stack
        self.sourceURL = sourceURL
        self.line = line
        self.column = column
        self.isTermination = isTermination
        self.box = UncheckedValueBox(value)
    }

    /// Reads a thrown value.
    init(thrown: JSValueRef, in realm: JSRealm) {
        let value = realm.wrap(thrown)
        var name = ""
        var message = ""
        var stack = ""
        var sourceURL: String?
        var line: Int?
        var column: Int?
        if value.isObject {
            // Reading properties may run getters; any failure there leaves the field empty.
            func read(_ key: String) -> JSValue? {
                guard let v = try? value.get(key), !v.isUndefined else { return nil }
                return v
            }
            name = (try? read("name")?.toString()) ?? ""
            message = (try? read("message")?.toString()) ?? ""
            stack = (try? read("stack")?.toString()) ?? ""
            sourceURL = try? read("sourceURL")?.toString()
            if let l = try? read("line")?.toDouble(), l.isFinite { line = Int(l) }
            if let c = try? read("column")?.toDouble(), c.isFinite { column = Int(c) }
            if name.isEmpty && message.isEmpty { message = (try? value.toString()) ?? "" }
        } else {
            message = (try? value.toString()) ?? "<unprintable value>"
        }
        self.init(name: name, message: message, stack: stack, sourceURL: sourceURL, line: line,
                  column: column, isTermination: message == JSException.terminationMessage,
                  value: value)
    }

    /// The message JavaScriptCore gives a script ended by the execution time limit.
    public static let terminationMessage = "JavaScript execution terminated."

    /// "Name: message" as JavaScript prints an error.
    public var summary: String {
        if name.isEmpty { return "Uncaught \(message)" }
        return message.isEmpty ? name : "\(name): \(message)"
    }

    /// The summary, then the stack indented, as the console and logs print it.
    public var description: String {
        var text = summary
        for frame in stack.split(separator: "\n") where !frame.isEmpty {
            text += "\n    at \(frame)"
        }
        return text
    }
}

/// Carries a JSValue inside a Sendable error. The value is only touched on its VM's thread.
private final class UncheckedValueBox: @unchecked Sendable {
    let value: JSValue?
    init(_ value: JSValue?) { self.value = value }
}

/// An error Swift code raises into JavaScript: native functions throw it and the caller
/// in JS sees the corresponding JS error object.
public enum JSError: Error, CustomStringConvertible {
    case error(String)
    case typeError(String)
    case rangeError(String)
    case syntaxError(String)
    case evalError(String)
    /// A DOMException with this name ("NotSupportedError", "DataError", …); needs the realm's
    /// DOMException factory (installed by the Web APIs), else an Error with that name.
    case domException(name: String, message: String)
    /// Rethrows a caught JS exception unchanged.
    case exception(JSException)

    /// Throws this exact value.
    public static func throwing(_ value: JSValue) -> JSError {
        .exception(JSException(name: "", message: "", value: value))
    }

    public var description: String {
        switch self {
        case .error(let m): return "Error: \(m)"
        case .typeError(let m): return "TypeError: \(m)"
        case .rangeError(let m): return "RangeError: \(m)"
        case .syntaxError(let m): return "SyntaxError: \(m)"
        case .evalError(let m): return "EvalError: \(m)"
        case .domException(let n, let m): return "\(n): \(m)"
        case .exception(let e): return e.description
        }
    }
}
