import CJavaScriptCore
import Crypto
import Foundation
import NIOCore
import VergeJS
import _CryptoExtras

#if canImport(Glibc)
import Glibc
#endif

// Web Crypto (runtime-apis/40_webcrypto.js): the native half. All cryptography comes from
// swift-crypto (Crypto, _CryptoExtras; for RSA the BoringSSL it vendors, see
// CryptoRSAOps.swift). This file holds what every family shares: key handles, argument and
// result plumbing, digests, secret keys (HMAC, AES, HKDF, PBKDF2 key material), HMAC,
// HKDF, PBKDF2 and base64url. AES is in CryptoAESOps.swift, elliptic curves in
// CryptoECOps.swift, RSA in CryptoRSAOps.swift, DER in CryptoDER.swift.

// MARK: Key handles

/// The material of one CryptoKey. Immutable, so a handle may be used from worker threads.
enum CryptoKeyMaterial: Sendable {
    /// HMAC, AES, HKDF and PBKDF2 keys: bytes.
    case secret(SymmetricKey)
    case ec(ECKeyMaterial)
    case ed25519Private(Curve25519.Signing.PrivateKey)
    case ed25519Public(Curve25519.Signing.PublicKey)
    case x25519Private(Curve25519.KeyAgreement.PrivateKey)
    case x25519Public(Curve25519.KeyAgreement.PublicKey)
    case rsa(RSAKeyMaterial)
}

/// What a CryptoKey's private field points at: an object JavaScript cannot look into, whose
/// private data is this box. The box lives as long as the JS object (released on finalize).
final class CryptoKeyBox: Sendable {
    let material: CryptoKeyMaterial
    init(_ material: CryptoKeyMaterial) { self.material = material }
}

/// The class of key handle objects: no properties, no prototype, a finalizer.
nonisolated(unsafe) private let cryptoKeyHandleClass: JSClassRef = {
    var definition = kJSClassDefinitionEmpty
    definition.className = UnsafeRawPointer(("CryptoKeyHandle" as StaticString).utf8Start)
        .assumingMemoryBound(to: CChar.self)
    definition.attributes = JSClassAttributes(kJSClassAttributeNoAutomaticPrototype)
    definition.finalize = { object in
        guard let data = JSObjectGetPrivate(object) else { return }
        Unmanaged<CryptoKeyBox>.fromOpaque(data).release()
    }
    return JSClassCreate(&definition)
}()

/// Errors as Web Crypto names them (DOMExceptions in JS).
enum CryptoError {
    static func operation(_ message: String) -> JSError { .domException(name: "OperationError", message: message) }
    static func data(_ message: String) -> JSError { .domException(name: "DataError", message: message) }
    static func notSupported(_ message: String) -> JSError { .domException(name: "NotSupportedError", message: message) }
    static func invalidAccess(_ message: String) -> JSError { .domException(name: "InvalidAccessError", message: message) }
}

/// Hash functions of Web Crypto.
enum CryptoHash: String, Sendable {
    case sha1 = "SHA-1", sha256 = "SHA-256", sha384 = "SHA-384", sha512 = "SHA-512"

    init(name: String) throws(JSError) {
        guard let hash = CryptoHash(rawValue: name) else {
            throw CryptoError.notSupported("Unsupported hash algorithm '\(name)'")
        }
        self = hash
    }

    var byteCount: Int {
        switch self {
        case .sha1: 20
        case .sha256: 32
        case .sha384: 48
        case .sha512: 64
        }
    }

    /// Hashes `data`; `body` reads the digest bytes.
    func hash<R>(_ data: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        switch self {
        case .sha1: return try Insecure.SHA1.hash(data: data).withUnsafeBytes(body)
        case .sha256: return try SHA256.hash(data: data).withUnsafeBytes(body)
        case .sha384: return try SHA384.hash(data: data).withUnsafeBytes(body)
        case .sha512: return try SHA512.hash(data: data).withUnsafeBytes(body)
        }
    }

    func hash(_ data: UnsafeRawBufferPointer) -> [UInt8] {
        hash(data) { Array($0) }
    }
}

// MARK: Argument and result plumbing

extension JSCallFrame {
    /// The key box behind a handle argument, or a TypeError (only runtime-apis pass handles).
    func cryptoKey(_ index: Int) throws -> CryptoKeyBox {
        let value = self[index]
        guard JSValueIsObjectOfClass(context, value, cryptoKeyHandleClass),
              let object = JSValueToObject(context, value, nil),
              let data = JSObjectGetPrivate(object)
        else {
            throw JSError.typeError("argument \(index + 1) is not a CryptoKey handle")
        }
        return Unmanaged<CryptoKeyBox>.fromOpaque(data).takeUnretainedValue()
    }

    /// Bytes of a typed array or ArrayBuffer argument, borrowed for the call.
    func cryptoBytes(_ index: Int) throws -> UnsafeRawBufferPointer {
        guard let bytes = bytes(index) else { throw JSError.typeError("argument \(index + 1) is not a byte array") }
        return bytes
    }

    /// A string argument, or nil when undefined.
    func optionalString(_ index: Int) throws -> String? {
        isUndefined(index) ? nil : try string(index)
    }
}

extension JSRealm {
    /// A new JS handle object owning `box`.
    func makeCryptoKeyHandle(_ box: CryptoKeyBox) -> JSObjectRef {
        let object = JSObjectMake(context, cryptoKeyHandleClass, Unmanaged.passRetained(box).toOpaque())!
        JSObjectSetPrototype(context, object, JSValueMakeNull(context))
        return object
    }

    func makeCryptoKeyHandle(_ material: CryptoKeyMaterial) -> JSObjectRef {
        makeCryptoKeyHandle(CryptoKeyBox(material))
    }

    /// A new ArrayBuffer holding a copy of `bytes`.
    func makeArrayBuffer<C: ContiguousBytes>(_ bytes: C) throws -> JSObjectRef {
        try bytes.withUnsafeBytes { buffer in try makeArrayBuffer(copying: buffer) }
    }

    /// A new Uint8Array holding a copy of `bytes`.
    func makeUint8Array<C: ContiguousBytes>(bytes: C) throws -> JSObjectRef {
        try bytes.withUnsafeBytes { buffer in try makeUint8Array(copying: buffer) }
    }

    /// A JS array of raw values.
    func makeArray(_ elements: [JSValueRef]) throws -> JSObjectRef {
        var exception: JSValueRef?
        let refs = elements.map { Optional($0) }
        let array = refs.withUnsafeBufferPointer {
            JSObjectMakeArray(context, $0.count, $0.baseAddress, &exception)
        }
        try check(exception)
        guard let array else { throw JSError.rangeError("could not allocate an array") }
        return array
    }
}

/// Operations whose byte inputs total more than this run off the isolate's thread (about a
/// millisecond of AES-GCM, HMAC or hashing); smaller ones run inline on the borrowed bytes.
let cryptoInlineInputBytes = 1 << 20

/// Runs `work` over `inputs`: inline (borrowing the argument bytes) when they are small,
/// else on a worker thread over copies, settling a promise on the isolate's loop. `work`
/// must capture only Sendable values (key material, parameters).
func cryptoRun<T: Sendable>(
    _ realm: Realm, _ inputs: [UnsafeRawBufferPointer],
    _ work: @escaping @Sendable ([UnsafeRawBufferPointer]) throws -> T,
    resolve: @escaping (T) throws -> JSValueRef?
) throws -> JSValueRef? {
    let total = inputs.reduce(0) { $0 + $1.count }
    if total <= cryptoInlineInputBytes { return try resolve(try work(inputs)) }
    var joined = [UInt8]()
    joined.reserveCapacity(total)
    var ranges: [Range<Int>] = []
    for input in inputs {
        ranges.append(joined.count..<(joined.count + input.count))
        joined.append(contentsOf: input)
    }
    let copy = joined
    let parts = ranges
    return try cryptoBackground(realm, {
        try copy.withUnsafeBytes { base in
            try work(parts.map { UnsafeRawBufferPointer(rebasing: base[$0]) })
        }
    }, resolve: resolve)
}

/// Runs `work` on Swift's concurrency pool; the promise settles on the isolate's loop.
/// Input bytes must be copied into `work` (borrowed argument bytes die with the call).
func cryptoBackground<T: Sendable>(
    _ realm: Realm,
    _ work: @escaping @Sendable () throws -> T,
    resolve: @escaping (T) throws -> JSValueRef?
) throws -> JSValueRef {
    try realm.hostOperation({ try work() }, resolve: resolve)
}

// MARK: Base64url (RFC 4648 section 5, no padding), as JWK members are encoded

enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
    private static let decodeTable: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (index, byte) in alphabet.enumerated() { table[Int(byte)] = Int8(index) }
        return table
    }()

    static func encode(_ bytes: UnsafeRawBufferPointer) -> String {
        var out = [UInt8]()
        out.reserveCapacity((bytes.count * 4 + 2) / 3)
        var index = 0
        while index + 3 <= bytes.count {
            let n = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            out.append(alphabet[Int(n >> 18 & 63)])
            out.append(alphabet[Int(n >> 12 & 63)])
            out.append(alphabet[Int(n >> 6 & 63)])
            out.append(alphabet[Int(n & 63)])
            index += 3
        }
        let rest = bytes.count - index
        if rest == 1 {
            let n = UInt32(bytes[index]) << 16
            out.append(alphabet[Int(n >> 18 & 63)])
            out.append(alphabet[Int(n >> 12 & 63)])
        } else if rest == 2 {
            let n = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8
            out.append(alphabet[Int(n >> 18 & 63)])
            out.append(alphabet[Int(n >> 12 & 63)])
            out.append(alphabet[Int(n >> 6 & 63)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func encode<C: ContiguousBytes>(_ bytes: C) -> String {
        bytes.withUnsafeBytes { encode($0) }
    }

    /// Decodes unpadded base64url (RFC 7515 section 2): any other character (padding '=',
    /// '+', '/', whitespace) or an impossible length fails, as in browsers.
    static func decode(_ string: String) -> [UInt8]? {
        let input = Array(string.utf8)
        if input.count % 4 == 1 { return nil }
        var out = [UInt8]()
        out.reserveCapacity(input.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        for byte in input {
            let value = decodeTable[Int(byte)]
            if value < 0 { return nil }
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        return out
    }

    static func decodeOrThrow(_ string: String, member: String) throws(JSError) -> [UInt8] {
        guard let bytes = decode(string) else {
            throw CryptoError.data("The JWK '\(member)' member is not valid base64url")
        }
        return bytes
    }
}

// MARK: Ops

/// PBKDF2 iterations above this are refused (OperationError): a derivation must end in
/// reasonable time on an edge isolate. Browsers have no cap; 10 million SHA-256 iterations
/// take about 3 s on one core here. Documented in conformance/crypto/DIVERGENCES.md.
let cryptoMaxPBKDF2Iterations = 10_000_000

extension OpRegistry {
    mutating func registerCryptoOps() {
        let realm = self.realm

        // cryptoDeliver(value, isError) -> a promise resolved with `value` (or rejected with
        // it) on a later turn of the isolate's event loop: how Web Crypto results computed
        // synchronously are delivered ("queue a global task on the crypto task source").
        add("cryptoDeliver") { [unowned realm] frame in
            let value = frame.value(0)
            let loop = realm.isolate.eventLoop
            let promise = loop.makePromise(of: Void.self)
            if frame.bool(1) {
                let error = JSError.throwing(value)
                loop.execute { promise.fail(error) }
            } else {
                loop.execute { promise.succeed(()) }
            }
            return try realm.hostOperation(promise.futureResult) { _ in value.ref }
        }

        // MARK: Digest

        add("cryptoDigest") { [unowned realm] frame in
            let hash = try CryptoHash(name: try frame.string(0))
            let data = try frame.cryptoBytes(1)
            return try hash.hash(data) { try realm.js.makeArrayBuffer(copying: $0) }
        }
        add("cryptoDigestAsync") { [unowned realm] frame in
            let hash = try CryptoHash(name: try frame.string(0))
            let data = Data(try frame.cryptoBytes(1))
            return try cryptoBackground(realm, {
                data.withUnsafeBytes { hash.hash($0) }
            }, resolve: { try realm.js.makeArrayBuffer($0) })
        }

        // MARK: Secret keys (HMAC, AES, HKDF, PBKDF2)

        // cryptoSecretGenerate(bits) -> handle: random bytes, bits past `bits` zeroed.
        add("cryptoSecretGenerate") { [unowned realm] frame in
            let bits = try frame.int(0)
            guard bits > 0, bits <= 1 << 20 else { throw CryptoError.operation("Cannot generate a \(bits)-bit key") }
            var bytes = [UInt8](repeating: 0, count: (bits + 7) / 8)
            var generator = SystemRandomNumberGenerator()
            for index in bytes.indices { bytes[index] = generator.next() }
            maskTrailingBits(&bytes, bits: bits)
            return realm.js.makeCryptoKeyHandle(.secret(SymmetricKey(data: bytes)))
        }
        // cryptoSecretImport(bytes, bits) -> handle: the first `bits` bits of `bytes`.
        add("cryptoSecretImport") { [unowned realm] frame in
            var bytes = Array(try frame.cryptoBytes(0))
            let bits = try frame.int(1)
            guard bits <= bytes.count * 8 else { throw CryptoError.data("The key data is shorter than \(bits) bits") }
            bytes.removeLast(bytes.count - (bits + 7) / 8)
            maskTrailingBits(&bytes, bits: bits)
            return realm.js.makeCryptoKeyHandle(.secret(SymmetricKey(data: bytes)))
        }
        add("cryptoSecretExport") { [unowned realm] frame in
            guard case .secret(let key) = try frame.cryptoKey(0).material else {
                throw CryptoError.operation("The key is not a secret key")
            }
            return try realm.js.makeArrayBuffer(key)
        }
        add("cryptoSecretExportBase64Url") { [unowned realm] frame in
            guard case .secret(let key) = try frame.cryptoKey(0).material else {
                throw CryptoError.operation("The key is not a secret key")
            }
            return realm.js.makeString(Base64URL.encode(key))
        }
        add("cryptoBase64UrlDecode") { [unowned realm] frame in
            let string = try frame.string(0)
            guard let bytes = Base64URL.decode(string) else {
                throw CryptoError.data("The JWK 'k' member is not valid base64url")
            }
            return try realm.js.makeUint8Array(bytes: bytes)
        }

        // MARK: HMAC

        add("cryptoHmacSign") { [unowned realm] frame in
            let hash = try CryptoHash(name: try frame.string(0))
            let key = try secretKey(frame, 1)
            return try cryptoRun(realm, [try frame.cryptoBytes(2)], { inputs in
                hmac(hash, key, inputs[0])
            }, resolve: { try realm.js.makeArrayBuffer($0) })
        }
        add("cryptoHmacVerify") { [unowned realm] frame in
            let hash = try CryptoHash(name: try frame.string(0))
            let key = try secretKey(frame, 1)
            return try cryptoRun(realm, [try frame.cryptoBytes(2), try frame.cryptoBytes(3)], { inputs in
                hmacVerify(hash, key, signature: inputs[0], data: inputs[1])
            }, resolve: { realm.js.makeBoolean($0) })
        }

        // MARK: HKDF and PBKDF2

        // cryptoHkdf(hash, handle, salt, info, byteCount) -> ArrayBuffer
        add("cryptoHkdf") { [unowned realm] frame in
            let hash = try CryptoHash(name: try frame.string(0))
            let key = try secretKey(frame, 1)
            let salt = try frame.cryptoBytes(2)
            let info = try frame.cryptoBytes(3)
            let count = try frame.int(4)
            guard count > 0, count <= 255 * hash.byteCount else {
                throw CryptoError.operation("HKDF cannot derive \(count) bytes with \(hash.rawValue)")
            }
            let derived: SymmetricKey
            switch hash {
            case .sha1: derived = HKDF<Insecure.SHA1>.deriveKey(inputKeyMaterial: key, salt: salt, info: info, outputByteCount: count)
            case .sha256: derived = HKDF<SHA256>.deriveKey(inputKeyMaterial: key, salt: salt, info: info, outputByteCount: count)
            case .sha384: derived = HKDF<SHA384>.deriveKey(inputKeyMaterial: key, salt: salt, info: info, outputByteCount: count)
            case .sha512: derived = HKDF<SHA512>.deriveKey(inputKeyMaterial: key, salt: salt, info: info, outputByteCount: count)
            }
            return try realm.js.makeArrayBuffer(derived)
        }
        // cryptoPbkdf2(hash, handle, salt, iterations, byteCount) -> ArrayBuffer, inline.
        add("cryptoPbkdf2") { [unowned realm] frame in
            let (hash, key, salt, iterations, count) = try pbkdf2Arguments(frame)
            return try realm.js.makeArrayBuffer(try pbkdf2(hash, key, salt, iterations, count))
        }
        // Same, off the isolate's thread (many iterations).
        add("cryptoPbkdf2Async") { [unowned realm] frame in
            let (hash, key, salt, iterations, count) = try pbkdf2Arguments(frame)
            return try cryptoBackground(realm, {
                try pbkdf2(hash, key, salt, iterations, count)
            }, resolve: { try realm.js.makeArrayBuffer($0) })
        }

        registerCryptoAESOps()
        registerCryptoECOps()
        registerCryptoRSAOps()
    }
}

private func hmac(_ hash: CryptoHash, _ key: SymmetricKey, _ data: UnsafeRawBufferPointer) -> [UInt8] {
    switch hash {
    case .sha1: Array(HMAC<Insecure.SHA1>.authenticationCode(for: data, using: key))
    case .sha256: Array(HMAC<SHA256>.authenticationCode(for: data, using: key))
    case .sha384: Array(HMAC<SHA384>.authenticationCode(for: data, using: key))
    case .sha512: Array(HMAC<SHA512>.authenticationCode(for: data, using: key))
    }
}

/// A MAC of the wrong length never matches (isValidAuthenticationCode compares in constant
/// time over equal lengths).
private func hmacVerify(_ hash: CryptoHash, _ key: SymmetricKey, signature: UnsafeRawBufferPointer,
                        data: UnsafeRawBufferPointer) -> Bool {
    switch hash {
    case .sha1: HMAC<Insecure.SHA1>.isValidAuthenticationCode(signature, authenticating: data, using: key)
    case .sha256: HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: data, using: key)
    case .sha384: HMAC<SHA384>.isValidAuthenticationCode(signature, authenticating: data, using: key)
    case .sha512: HMAC<SHA512>.isValidAuthenticationCode(signature, authenticating: data, using: key)
    }
}

/// The SymmetricKey of a secret-key handle argument.
func secretKey(_ frame: JSCallFrame, _ index: Int) throws -> SymmetricKey {
    guard case .secret(let key) = try frame.cryptoKey(index).material else {
        throw CryptoError.invalidAccess("The key is not a secret key")
    }
    return key
}

/// Zeroes the bits of the last byte past `bits` (keys whose length is not a whole byte).
func maskTrailingBits(_ bytes: inout [UInt8], bits: Int) {
    let extra = bytes.count * 8 - bits
    guard extra > 0, let last = bytes.indices.last else { return }
    bytes[last] &= UInt8(truncatingIfNeeded: 0xFF << extra)
}

private func pbkdf2Arguments(_ frame: JSCallFrame) throws -> (CryptoHash, SymmetricKey, [UInt8], Int, Int) {
    let hash = try CryptoHash(name: try frame.string(0))
    let key = try secretKey(frame, 1)
    let salt = Array(try frame.cryptoBytes(2))
    let iterations = try frame.int(3)
    let count = try frame.int(4)
    guard iterations > 0 else { throw CryptoError.operation("PBKDF2 iterations must not be zero") }
    guard iterations <= cryptoMaxPBKDF2Iterations else {
        throw CryptoError.operation(
            "PBKDF2 with \(iterations) iterations exceeds this runtime's limit of \(cryptoMaxPBKDF2Iterations)")
    }
    guard count > 0, count <= 1 << 24 else { throw CryptoError.operation("PBKDF2 cannot derive \(count) bytes") }
    return (hash, key, salt, iterations, count)
}

private func pbkdf2(_ hash: CryptoHash, _ key: SymmetricKey, _ salt: [UInt8], _ iterations: Int, _ count: Int) throws -> SymmetricKey {
    let function: KDF.Insecure.PBKDF2.HashFunction
    switch hash {
    case .sha1: function = .insecureSHA1
    case .sha256: function = .sha256
    case .sha384: function = .sha384
    case .sha512: function = .sha512
    }
    do {
        return try key.withUnsafeBytes { password in
            try KDF.Insecure.PBKDF2.deriveKey(from: password, salt: salt, using: function,
                                              outputByteCount: count, unsafeUncheckedRounds: iterations)
        }
    } catch {
        throw CryptoError.operation("PBKDF2 derivation failed: \(error)")
    }
}
