import CVergeNative
import CJavaScriptCore

/// Conversions between Swift strings and JavaScriptCore strings.
///
/// JavaScript strings are sequences of UTF-16 code units and may hold lone surrogates;
/// converting such a string to Swift replaces each lone surrogate with U+FFFD (Swift
/// strings are Unicode scalars). Code that must keep lone surrogates works on UTF-16.
public enum JSStrings {
    /// A new JSStringRef (+1) holding `string`. The caller releases it.
    
    public static func create(_ string: String) -> JSStringRef {
        // memchr over the contiguous bytes: a Swift byte loop showed in request profiles.
        let hasNUL = string.utf8.withContiguousStorageIfAvailable { bytes in
            guard let base = bytes.baseAddress else { return false }
            return memchr(base, 0, bytes.count) != nil
        }
            ?? string.utf8.contains(0)
        if !hasNUL {
            return string.withCString { JSStringCreateWithUTF8CString($0) }
        }
        let units = Array(string.utf16)
        return units.withUnsafeBufferPointer { JSStringCreateWithCharacters($0.baseAddress, $0.count) }
    }

    /// A new JSStringRef (+1) from UTF-16 code units.
    public static func create(utf16 units: UnsafeBufferPointer<UInt16>) -> JSStringRef {
        JSStringCreateWithCharacters(units.baseAddress, units.count)
    }

    /// The Swift string for a JSStringRef (not released).
    
    public static func string(_ jsString: JSStringRef) -> String {
        let length = JSStringGetLength(jsString)
        guard length > 0, let characters = JSStringGetCharactersPtr(jsString) else { return "" }
        // Transcoded in C (ASCII 8 units at a time; lone surrogates become U+FFFD, as
        // String(decoding:as:) does): the generic UTF-16 decoder showed in request profiles.
        return String(unsafeUninitializedCapacity: length * 3) { buffer in
            verge_utf16_to_utf8(characters, length, buffer.baseAddress!)
        }
    }

    /// Runs `body` with a temporary JSStringRef for `string`.
    
    public static func with<R>(_ string: String, _ body: (JSStringRef) throws -> R) rethrows -> R {
        let jsString = create(string)
        defer { JSStringRelease(jsString) }
        return try body(jsString)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
