import CJavaScriptCore
import CVergeNative
import VergeJS

/// UTF-8 encode/decode at native speed (TextEncoder, TextDecoder, Body text()).
extension OpRegistry {
    mutating func registerEncodingOps() {
        let realm = self.realm
        // utf8Encode(string) -> Uint8Array. Lone surrogates become U+FFFD (USVString).
        add("utf8Encode", length: 1) { [unowned realm] frame in
            let ctx = realm.js.context
            var exception: JSValueRef?
            guard let string = JSValueToStringCopy(ctx, frame[0], &exception) else {
                try realm.js.check(exception)
                return nil
            }
            defer { JSStringRelease(string) }
            let length = JSStringGetLength(string)
            // Worst case 3 bytes per UTF-16 unit.
            let capacity = max(length * 3, 1)
            guard let output = malloc(capacity) else { throw JSError.rangeError("out of memory encoding \(length) characters") }
            let written = verge_utf16_to_utf8(JSStringGetCharactersPtr(string), length,
                                              output.assumingMemoryBound(to: UInt8.self))
            let shrunk = realloc(output, max(written, 1)) ?? output
            return try realm.js.makeUint8Array(takingMalloced: shrunk, count: written)
        }
        // utf8EncodeInto(string, Uint8Array) -> [read, written] per TextEncoder.encodeInto.
        add("utf8EncodeInto", length: 2) { [unowned realm] frame in
            let ctx = realm.js.context
            var exception: JSValueRef?
            guard let string = JSValueToStringCopy(ctx, frame[0], &exception) else {
                try realm.js.check(exception)
                return nil
            }
            defer { JSStringRelease(string) }
            guard let destination = frame.bytes(1) else { throw JSError.typeError("encodeInto needs a Uint8Array") }
            var read = 0
            let written = verge_utf16_to_utf8_into(
                JSStringGetCharactersPtr(string), JSStringGetLength(string),
                UnsafeMutablePointer(mutating: destination.baseAddress?.assumingMemoryBound(to: UInt8.self)),
                destination.count, &read)
            return try realm.js.array([realm.js.number(read), realm.js.number(written)]).ref
        }
        // utf8Decode(bytes, fatal, ignoreBOM) -> string; throws TypeError when fatal and invalid.
        add("utf8Decode", length: 3) { [unowned realm] frame in
            guard let bytes = frame.bytes(0) else { throw JSError.typeError("utf8Decode needs bytes") }
            let fatal = frame.bool(1)
            let ignoreBOM = frame.bool(2)
            var input = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
            var count = bytes.count
            if !ignoreBOM, count >= 3, let base = input, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF {
                input = base + 3
                count -= 3
            }
            guard count > 0 else { return realm.js.makeString("") }
            guard let output = malloc(count * 2) else { throw JSError.rangeError("out of memory decoding \(count) bytes") }
            defer { free(output) }
            let units = output.assumingMemoryBound(to: UInt16.self)
            let produced = verge_utf8_to_utf16(input, count, units, fatal ? 1 : 0)
            if produced < 0 {
                throw JSError.typeError("The encoded data was not valid for encoding utf-8")
            }
            let string = JSStringCreateWithCharacters(units, produced)
            defer { JSStringRelease(string) }
            return JSValueMakeString(realm.js.context, string)
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
