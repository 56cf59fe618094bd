import CJavaScriptCore
import CVergeNative
import VergeJS

/// Ops for URL parsing (runtime-apis/16_url.js): the URL Standard's domain to ASCII through
/// ICU's UTS #46. The rest of the URL parser is JavaScript.
extension OpRegistry {
    mutating func registerURLOps() {
        let realm = self.realm
        // domainToASCII(domain) -> the ASCII domain, or null when the domain is invalid.
        add("domainToASCII") { [unowned realm] frame in
            let result = try frame.withUTF16(0) { units, count in URLIDNA.domainToASCII(units, count: count) }
            switch result {
            case .ascii(let units):
                return units.withUnsafeBufferPointer { realm.js.makeString(utf16: $0.baseAddress, count: $0.count) }
            case .invalid:
                return realm.js.makeNull()
            case .unavailable(let reason):
                throw JSError.typeError("IDNA processing is unavailable (\(reason)); check that ICU (libicu) is installed")
            }
        }
    }
}

/// The URL Standard's domain to ASCII with beStrict = false, through ICU (Sources/CVergeNative/idna.c).
enum URLIDNA {
    enum Result: Equatable {
        /// The domain in ASCII, as UTF-16 code units.
        case ascii([UInt16])
        /// UTS #46 processing recorded an error the URL Standard does not ignore.
        case invalid
        /// ICU failed for a reason unrelated to the input.
        case unavailable(String)
    }

    static func domainToASCII(_ input: UnsafePointer<UInt16>?, count: Int) -> Result {
        guard count <= Int(Int32.max) / 4 else { return .invalid }
        // The ASCII form is rarely longer than four times the input (short labels each gain
        // "xn--" and a suffix); ICU runs again with its own figure when it is.
        var capacity = max(count * 4 + 16, 64)
        for _ in 0..<2 {
            var output = [UInt16](repeating: 0, count: capacity)
            var length: Int32 = 0
            var errors: UInt32 = 0
            let status = output.withUnsafeMutableBufferPointer { buffer in
                verge_domain_to_ascii(input, Int32(count), buffer.baseAddress, Int32(capacity), &length, &errors)
            }
            switch status {
            case VERGE_IDNA_OK:
                return .ascii(Array(output.prefix(Int(length))))
            case VERGE_IDNA_INVALID:
                return .invalid
            case VERGE_IDNA_BUFFER_TOO_SMALL:
                capacity = Int(length) + 1
            default:
                return .unavailable("ICU's uidna_nameToASCII failed")
            }
        }
        return .unavailable("ICU's uidna_nameToASCII reported inconsistent buffer sizes")
    }

    /// Convenience for Swift callers and tests.
    static func domainToASCII(_ domain: String) -> String? {
        let units = Array(domain.utf16)
        let result = units.withUnsafeBufferPointer { domainToASCII($0.baseAddress, count: $0.count) }
        if case .ascii(let ascii) = result { return String(decoding: ascii, as: UTF16.self) }
        return nil
    }
}
