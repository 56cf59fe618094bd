import CJavaScriptCore
import CVergeNative
import VergeJS

#if canImport(Glibc)
import Glibc
#endif

/// The Encoding Standard at native speed: UTF-8 encode/decode (TextEncoder, TextDecoder,
/// Body text()) and the decoders of every encoding, with tables generated from the
/// standard's data (Sources/CVergeNative/encoding_tables.c).
extension OpRegistry {
    mutating func registerEncodingOps() {
        let realm = self.realm
        // utf8Encode(string) -> Uint8Array. Lone surrogates become U+FFFD (USVString).
        add("utf8Encode") { [unowned realm] frame in
            try frame.withUTF16(0) { units, length in
            // Exactly as many bytes as the UTF-8 needs: no over-allocation to shrink later.
            let size = verge_utf8_length(units, length)
            guard let output = malloc(max(size, 1)) else {
                throw JSError.rangeError("Failed to execute 'encode' on 'TextEncoder': out of memory encoding \(length) characters")
            }
            let written = verge_utf16_to_utf8(units, length, output.assumingMemoryBound(to: UInt8.self))
            assert(written == size, "verge_utf8_length disagrees with verge_utf16_to_utf8")
            return try realm.js.makeUint8Array(takingMalloced: output, count: written)
            }
        }
        // utf8EncodeInto(string, Uint8Array) -> [read, written] per TextEncoder.encodeInto.
        add("utf8EncodeInto") { [unowned realm] frame in
            let ctx = realm.js.context
            var exception: JSValueRef?
            let (read, written) = try frame.withUTF16(0) { units, length -> (Int, Int) in
            guard let destination = frame.bytes(1) else { throw JSError.typeError("encodeInto needs a Uint8Array") }
            var read = 0
            let written = verge_utf16_to_utf8_into(
                units, length,
                UnsafeMutablePointer(mutating: destination.baseAddress?.assumingMemoryBound(to: UInt8.self)),
                destination.count, &read)
            return (read, written)
            }
            var values: [JSValueRef?] = [JSValueMakeNumber(ctx, Double(read)), JSValueMakeNumber(ctx, Double(written))]
            let array = JSObjectMakeArray(ctx, 2, &values, &exception)
            try realm.js.check(exception)
            return array
        }
        // utf8Decode(bytes, fatal, ignoreBOM) -> string; throws TypeError when fatal and invalid.
        // The one-shot "UTF-8 decode" (with BOM removal unless ignoreBOM) for other modules.
        add("utf8Decode") { [unowned realm] frame in
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

        // encodingForLabel(label) -> encoding id, or -1 ("get an encoding").
        add("encodingForLabel") { [unowned realm] frame in
            let id = try frame.withUTF16(0) { units, length in verge_encoding_for_label(units, length) }
            return realm.js.makeNumber(Double(id))
        }
        // encodingName(id) -> the encoding's name ("UTF-8", "Shift_JIS", ...).
        add("encodingName") { [unowned realm] frame in
            let id = try frame.int(0)
            guard id >= 0, id <= Int(Int32.max), let name = verge_encoding_name(Int32(id)) else {
                throw JSError.rangeError("encodingName: no encoding has id \(id)")
            }
            return realm.js.makeString(String(cString: name))
        }
        // decode(id, bytes | undefined, state: Uint8Array, fatal, flush) -> string, or the
        // number of input bytes read when `fatal` and the input holds an error. `state`
        // (VERGE_DECODER_STATE_SIZE bytes, zero for a new decoder) is updated in place.
        // Output goes through one scratch buffer per realm (the realm is confined to a thread).
        let scratch = DecodeScratch()
        add("decode") { [unowned realm] frame in
            let id = try frame.int(0)
            guard id >= 0, id < Int(verge_encoding_count()) else {
                throw JSError.rangeError("decode: no encoding has id \(id)")
            }
            guard let state = frame.bytes(2), state.count == Int(VERGE_DECODER_STATE_SIZE),
                  let stateBase = state.baseAddress else {
                throw JSError.typeError("decode: the decoder state must be a Uint8Array of \(VERGE_DECODER_STATE_SIZE) bytes")
            }
            let input: UnsafeRawBufferPointer?
            if frame.isUndefined(1) {
                input = nil
            } else {
                guard let bytes = frame.bytes(1) else {
                    throw JSError.typeError("decode: the input must be an ArrayBuffer or a typed array")
                }
                input = bytes
            }
            var flags: Int32 = 0
            if frame.bool(3) { flags |= VERGE_DECODE_FLAG_FATAL }
            if frame.bool(4) { flags |= VERGE_DECODE_FLAG_FLUSH }
            var consumed = 0
            let produced = verge_decode_into(
                Int32(id), UnsafeMutablePointer(mutating: stateBase.assumingMemoryBound(to: UInt8.self)),
                input?.baseAddress?.assumingMemoryBound(to: UInt8.self), input?.count ?? 0,
                flags, &scratch.units, &scratch.capacity, &consumed)
            defer { scratch.trim() }
            switch produced {
            case Int(VERGE_DECODE_FATAL):
                return realm.js.makeNumber(Double(consumed))
            case Int(VERGE_DECODE_OUT_OF_MEMORY):
                throw JSError.rangeError("decode: out of memory decoding \(input?.count ?? 0) bytes")
            case ..<0:
                throw JSError.typeError("decode: invalid decoder state")
            default:
                let string = JSStringCreateWithCharacters(scratch.units, produced)
                defer { JSStringRelease(string) }
                return JSValueMakeString(realm.js.context, string)
            }
        }
    }
}

/// The output buffer of ops.decode, reused between calls of one realm so that decoding does not
/// fault in fresh pages each time. Buffers above a few megabytes are not kept.
final class DecodeScratch {
    var units: UnsafeMutablePointer<UInt16>?
    var capacity = 0
    static let keepLimit = 2 << 20  // units (4 MB)

    func trim() {
        if capacity > Self.keepLimit {
            free(units)
            units = nil
            capacity = 0
        }
    }

    deinit { free(units) }
}
