import CJavaScriptCore
import CVergeNative
import VergeJS

#if canImport(Glibc)
import Glibc
#endif

/// atob/btoa at native speed (HTML's forgiving-base64). Both return null when the input
/// is not valid; `10_base64.js` then throws the InvalidCharacterError DOMException.
extension OpRegistry {
    mutating func registerBase64Ops() {
        let realm = self.realm
        // base64Encode(string) -> string, or null when a code unit is above U+00FF.
        add("base64Encode") { [unowned realm] frame in
            try frame.withUTF16(0) { characters, count in
            let capacity = max(verge_base64_encoded_length(count), 1)
            guard let output = malloc(capacity * 2) else {
                throw JSError.rangeError("out of memory encoding \(count) characters as base64")
            }
            defer { free(output) }
            let units = output.assumingMemoryBound(to: UInt16.self)
            let written = verge_base64_encode_utf16(characters, count, units)
            guard written >= 0 else { return realm.js.makeNull() }
            return realm.js.makeString(utf16: units, count: written)
            }
        }
        // base64Decode(string) -> string of bytes (one code unit each), or null when invalid.
        add("base64Decode") { [unowned realm] frame in
            try frame.withUTF16(0) { characters, count in
            guard count > 0 else { return realm.js.makeString("") }
            let capacity = count / 4 * 3 + 8
            guard let output = malloc(capacity * 2), let scratch = malloc(count) else {
                throw JSError.rangeError("out of memory decoding \(count) characters of base64")
            }
            defer {
                free(output)
                free(scratch)
            }
            let units = output.assumingMemoryBound(to: UInt16.self)
            let written = verge_base64_decode_utf16(characters, count, units, scratch.assumingMemoryBound(to: UInt8.self))
            guard written >= 0 else { return realm.js.makeNull() }
            return realm.js.makeString(utf16: units, count: written)
            }
        }
    }
}
