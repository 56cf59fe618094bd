import Crypto
import Foundation
import VergeJS

// Web Crypto elliptic-curve keys: ECDSA and ECDH on P-256, P-384, P-521 (swift-crypto's
// P256/P384/P521), Ed25519 and X25519 (swift-crypto's Curve25519). Key import and export in
// the raw, spki, pkcs8 and jwk formats, with the checks the spec asks for.

enum ECCurve: String, Sendable, CaseIterable {
    case p256 = "P-256", p384 = "P-384", p521 = "P-521"

    var coordinateByteCount: Int {
        switch self {
        case .p256: 32
        case .p384: 48
        case .p521: 66
        }
    }

    var oid: [UInt8] {
        switch self {
        case .p256: OID.secp256r1
        case .p384: OID.secp384r1
        case .p521: OID.secp521r1
        }
    }

    init?(oid: [UInt8]) {
        guard let curve = ECCurve.allCases.first(where: { $0.oid == oid }) else { return nil }
        self = curve
    }
}

/// The swift-crypto public key types of the NIST curves, seen alike.
protocol WebCryptoECPublicKey: Sendable {
    init<Bytes: ContiguousBytes>(x963Representation: Bytes) throws
    init<Bytes: ContiguousBytes>(compressedRepresentation: Bytes) throws
    var x963Representation: Data { get }
}

/// The swift-crypto private key types of the NIST curves, seen alike.
protocol WebCryptoECPrivateKey: Sendable {
    associatedtype PublicKey: WebCryptoECPublicKey
    init<Bytes: ContiguousBytes>(rawRepresentation: Bytes) throws
    init(compactRepresentable: Bool)
    var rawRepresentation: Data { get }
    var publicKey: PublicKey { get }
}

extension P256.Signing.PublicKey: WebCryptoECPublicKey {}
extension P384.Signing.PublicKey: WebCryptoECPublicKey {}
extension P521.Signing.PublicKey: WebCryptoECPublicKey {}
extension P256.KeyAgreement.PublicKey: WebCryptoECPublicKey {}
extension P384.KeyAgreement.PublicKey: WebCryptoECPublicKey {}
extension P521.KeyAgreement.PublicKey: WebCryptoECPublicKey {}
extension P256.Signing.PrivateKey: WebCryptoECPrivateKey {}
extension P384.Signing.PrivateKey: WebCryptoECPrivateKey {}
extension P521.Signing.PrivateKey: WebCryptoECPrivateKey {}
extension P256.KeyAgreement.PrivateKey: WebCryptoECPrivateKey {}
extension P384.KeyAgreement.PrivateKey: WebCryptoECPrivateKey {}
extension P521.KeyAgreement.PrivateKey: WebCryptoECPrivateKey {}

/// An ECDSA (swift-crypto Signing types) or ECDH (KeyAgreement types) key.
struct ECKeyMaterial: Sendable {
    let curve: ECCurve
    let forECDH: Bool
    /// nil for public keys.
    let privateKey: (any WebCryptoECPrivateKey)?
    let publicKey: any WebCryptoECPublicKey

    private static func types(_ curve: ECCurve, _ forECDH: Bool)
        -> (any WebCryptoECPrivateKey.Type, any WebCryptoECPublicKey.Type)
    {
        switch (curve, forECDH) {
        case (.p256, false): (P256.Signing.PrivateKey.self, P256.Signing.PublicKey.self)
        case (.p384, false): (P384.Signing.PrivateKey.self, P384.Signing.PublicKey.self)
        case (.p521, false): (P521.Signing.PrivateKey.self, P521.Signing.PublicKey.self)
        case (.p256, true): (P256.KeyAgreement.PrivateKey.self, P256.KeyAgreement.PublicKey.self)
        case (.p384, true): (P384.KeyAgreement.PrivateKey.self, P384.KeyAgreement.PublicKey.self)
        case (.p521, true): (P521.KeyAgreement.PrivateKey.self, P521.KeyAgreement.PublicKey.self)
        }
    }

    static func generate(_ curve: ECCurve, forECDH: Bool) -> ECKeyMaterial {
        let key = types(curve, forECDH).0.init(compactRepresentable: false)
        return ECKeyMaterial(curve: curve, forECDH: forECDH, privateKey: key, publicKey: key.publicKey)
    }

    /// A public key from an uncompressed or compressed SEC 1 point (section 2.3.4).
    static func publicKey<C: Collection>(_ curve: ECCurve, forECDH: Bool, point: C) throws(JSError) -> ECKeyMaterial
    where C.Element == UInt8 {
        let bytes = Array(point)
        let type = types(curve, forECDH).1
        let size = curve.coordinateByteCount
        do {
            if bytes.count == 1 + 2 * size, bytes[0] == 4 {
                return ECKeyMaterial(curve: curve, forECDH: forECDH, privateKey: nil,
                                     publicKey: try type.init(x963Representation: bytes))
            }
            if bytes.count == 1 + size, bytes[0] == 2 || bytes[0] == 3 {
                return ECKeyMaterial(curve: curve, forECDH: forECDH, privateKey: nil,
                                     publicKey: try type.init(compressedRepresentation: bytes))
            }
        } catch {
            throw CryptoError.data("The key data is not a valid point on \(curve.rawValue)")
        }
        throw CryptoError.data("The key data is not an encoded point of \(curve.rawValue)")
    }

    /// A private key from the scalar d (big-endian, at most the coordinate size).
    static func privateKey<C: Collection>(_ curve: ECCurve, forECDH: Bool, d: C) throws(JSError) -> ECKeyMaterial
    where C.Element == UInt8 {
        let size = curve.coordinateByteCount
        guard d.count <= size else { throw CryptoError.data("The private key is too long for \(curve.rawValue)") }
        let padded = [UInt8](repeating: 0, count: size - d.count) + Array(d)
        do {
            let key = try types(curve, forECDH).0.init(rawRepresentation: padded)
            return ECKeyMaterial(curve: curve, forECDH: forECDH, privateKey: key, publicKey: key.publicKey)
        } catch {
            throw CryptoError.data("The private key is not valid for \(curve.rawValue)")
        }
    }

    var x963: Data { publicKey.x963Representation }

    /// SubjectPublicKeyInfo with id-ecPublicKey and the named curve.
    var spki: [UInt8] {
        SubjectPublicKeyInfo.encode(algorithm: OID.ecPublicKey, parameters: DERWriter.objectIdentifier(curve.oid),
                                    publicKey: Array(x963))
    }

    /// PrivateKeyInfo holding an ECPrivateKey with the public key and no parameters (the
    /// form browsers produce).
    var pkcs8: [UInt8]? {
        guard let privateKey else { return nil }
        let ecPrivateKey = DERWriter.sequence([
            DERWriter.smallInteger(1),
            DERWriter.octetString(privateKey.rawRepresentation),
            DERWriter.element(DERElement.contextSpecific(1), DERWriter.bitString(x963)),
        ])
        return PrivateKeyInfo.encode(algorithm: OID.ecPublicKey, parameters: DERWriter.objectIdentifier(curve.oid),
                                     privateKey: ecPrivateKey)
    }
}

// MARK: Import of EC keys from DER

private func checkCurveParameters(_ parameters: DERElement?, _ curve: ECCurve) throws(JSError) {
    guard let parameters, parameters.tag == DERElement.objectIdentifier else {
        throw CryptoError.data("The EC parameters must name a curve")
    }
    guard let named = ECCurve(oid: Array(parameters.content)) else {
        throw CryptoError.data("The key is on an unsupported curve")
    }
    guard named == curve else {
        throw CryptoError.data("The key is on \(named.rawValue), not \(curve.rawValue)")
    }
}

private func importECSPKI(_ der: [UInt8], _ curve: ECCurve, forECDH: Bool) throws(JSError) -> ECKeyMaterial {
    let spki: SubjectPublicKeyInfo
    do { spki = try SubjectPublicKeyInfo(der: der) } catch {
        throw CryptoError.data("Invalid SubjectPublicKeyInfo: \(error)")
    }
    guard spki.algorithm == OID.ecPublicKey || (forECDH && spki.algorithm == OID.ecDH) else {
        throw CryptoError.data("The SubjectPublicKeyInfo is not of an EC key")
    }
    try checkCurveParameters(spki.parameters, curve)
    return try ECKeyMaterial.publicKey(curve, forECDH: forECDH, point: spki.publicKey)
}

private func importECPKCS8(_ der: [UInt8], _ curve: ECCurve, forECDH: Bool) throws(JSError) -> ECKeyMaterial {
    let info: PrivateKeyInfo
    do { info = try PrivateKeyInfo(der: der) } catch {
        throw CryptoError.data("Invalid PrivateKeyInfo: \(error)")
    }
    guard info.algorithm == OID.ecPublicKey || (forECDH && info.algorithm == OID.ecDH) else {
        throw CryptoError.data("The PrivateKeyInfo is not of an EC key")
    }
    try checkCurveParameters(info.parameters, curve)
    // ECPrivateKey (RFC 5915).
    let d: [UInt8]
    var publicPoint: ArraySlice<UInt8>?
    do {
        var outer = DERReader(info.privateKey)
        var ecPrivateKey = try outer.sequence("ECPrivateKey")
        try outer.expectEnd("ECPrivateKey")
        guard try ecPrivateKey.smallInteger("version") == 1 else { throw DERError("ECPrivateKey version must be 1") }
        d = Array(try ecPrivateKey.read(DERElement.octetString, "privateKey").content)
        if let parameters = try ecPrivateKey.readOptional(DERElement.contextSpecific(0)) {
            var reader = DERReader(parameters.content)
            let oid = try reader.objectIdentifier("namedCurve")
            try reader.expectEnd("parameters")
            guard oid == curve.oid else { throw DERError("the ECPrivateKey parameters name another curve") }
        }
        if let publicKey = try ecPrivateKey.readOptional(DERElement.contextSpecific(1)) {
            var reader = DERReader(publicKey.content)
            publicPoint = try reader.bitStringBytes("publicKey")
            try reader.expectEnd("publicKey")
        }
        try ecPrivateKey.expectEnd("ECPrivateKey")
    } catch let error as JSError {
        throw error
    } catch {
        throw CryptoError.data("Invalid ECPrivateKey: \(error)")
    }
    let key = try ECKeyMaterial.privateKey(curve, forECDH: forECDH, d: d)
    if let publicPoint {
        let given = try ECKeyMaterial.publicKey(curve, forECDH: forECDH, point: publicPoint)
        guard given.x963 == key.x963 else { throw CryptoError.data("The public key does not match the private key") }
    }
    return key
}

// MARK: Curve25519 keys from DER

private func curve25519OID(_ kind: String) -> [UInt8] { kind == "Ed25519" ? OID.ed25519 : OID.x25519 }

private func importOKPSPKI(_ der: [UInt8], kind: String) throws(JSError) -> [UInt8] {
    let spki: SubjectPublicKeyInfo
    do { spki = try SubjectPublicKeyInfo(der: der) } catch {
        throw CryptoError.data("Invalid SubjectPublicKeyInfo: \(error)")
    }
    guard spki.algorithm == curve25519OID(kind) else { throw CryptoError.data("The SubjectPublicKeyInfo is not of an \(kind) key") }
    guard spki.parameters == nil else { throw CryptoError.data("\(kind) keys take no algorithm parameters") }
    guard spki.publicKey.count == 32 else { throw CryptoError.data("An \(kind) public key is 32 bytes long") }
    return Array(spki.publicKey)
}

private func importOKPPKCS8(_ der: [UInt8], kind: String) throws(JSError) -> [UInt8] {
    let info: PrivateKeyInfo
    do { info = try PrivateKeyInfo(der: der) } catch {
        throw CryptoError.data("Invalid PrivateKeyInfo: \(error)")
    }
    guard info.algorithm == curve25519OID(kind) else { throw CryptoError.data("The PrivateKeyInfo is not of an \(kind) key") }
    guard info.parameters == nil else { throw CryptoError.data("\(kind) keys take no algorithm parameters") }
    // CurvePrivateKey ::= OCTET STRING (RFC 8410 section 7), exactly.
    var reader = DERReader(info.privateKey)
    let seed: ArraySlice<UInt8>
    do {
        seed = try reader.read(DERElement.octetString, "CurvePrivateKey").content
        try reader.expectEnd("CurvePrivateKey")
    } catch {
        throw CryptoError.data("Invalid CurvePrivateKey: \(error)")
    }
    guard seed.count == 32 else { throw CryptoError.data("An \(kind) private key is 32 bytes long") }
    return Array(seed)
}

private func okpPKCS8(kind: String, seed: Data) -> [UInt8] {
    PrivateKeyInfo.encode(algorithm: curve25519OID(kind), parameters: nil, privateKey: DERWriter.octetString(seed))
}

private func okpMaterial(kind: String, publicKey bytes: [UInt8]) throws(JSError) -> CryptoKeyMaterial {
    guard bytes.count == 32 else { throw CryptoError.data("An \(kind) public key is 32 bytes long") }
    do {
        if kind == "Ed25519" { return .ed25519Public(try Curve25519.Signing.PublicKey(rawRepresentation: bytes)) }
        return .x25519Public(try Curve25519.KeyAgreement.PublicKey(rawRepresentation: bytes))
    } catch {
        throw CryptoError.data("Invalid \(kind) public key")
    }
}

private func okpMaterial(kind: String, privateKey bytes: [UInt8]) throws(JSError) -> CryptoKeyMaterial {
    guard bytes.count == 32 else { throw CryptoError.data("An \(kind) private key is 32 bytes long") }
    do {
        if kind == "Ed25519" { return .ed25519Private(try Curve25519.Signing.PrivateKey(rawRepresentation: bytes)) }
        return .x25519Private(try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: bytes))
    } catch {
        throw CryptoError.data("Invalid \(kind) private key")
    }
}

// MARK: Ed25519 small-order points

/// The encodings of the eight points of small order on edwards25519 (their y coordinates,
/// canonical and not, the sign bit of x cleared): y = 0, 1, p - 1, the two order-8 values,
/// and p, p + 1. Computed with the curve equation (8P = identity), as libsodium lists them.
private let ed25519SmallOrderEncodings: [[UInt8]] = [
    [UInt8](repeating: 0, count: 32),
    [1] + [UInt8](repeating: 0, count: 31),
    hexBytes("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05"),
    hexBytes("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"),
    [0xEC] + [UInt8](repeating: 0xFF, count: 30) + [0x7F],
    [0xED] + [UInt8](repeating: 0xFF, count: 30) + [0x7F],
    [0xEE] + [UInt8](repeating: 0xFF, count: 30) + [0x7F],
]

private func hexBytes(_ string: String) -> [UInt8] {
    var bytes: [UInt8] = []
    var index = string.startIndex
    while index < string.endIndex {
        let next = string.index(index, offsetBy: 2)
        bytes.append(UInt8(string[index..<next], radix: 16) ?? 0)
        index = next
    }
    return bytes
}

/// True when the 32-byte encoding is of a point of small order (or is not 32 bytes).
func ed25519IsSmallOrder(_ encoding: Data) -> Bool {
    guard encoding.count == 32 else { return true }
    var bytes = [UInt8](encoding)
    bytes[31] &= 0x7F
    return ed25519SmallOrderEncodings.contains(bytes)
}

// MARK: Digests for ECDSA

/// Runs `body` with the digest of `data` under `hash`, typed for swift-crypto's signing APIs.
private func withDigest<R>(_ hash: CryptoHash, _ data: UnsafeRawBufferPointer, _ body: (any Digest) throws -> R) rethrows -> R {
    switch hash {
    case .sha1: return try body(Insecure.SHA1.hash(data: data))
    case .sha256: return try body(SHA256.hash(data: data))
    case .sha384: return try body(SHA384.hash(data: data))
    case .sha512: return try body(SHA512.hash(data: data))
    }
}

private func ecdsaSign(_ key: any WebCryptoECPrivateKey, _ digest: some Digest) throws -> Data {
    switch key {
    case let key as P256.Signing.PrivateKey: return try key.signature(for: digest).rawRepresentation
    case let key as P384.Signing.PrivateKey: return try key.signature(for: digest).rawRepresentation
    case let key as P521.Signing.PrivateKey: return try key.signature(for: digest).rawRepresentation
    default: throw CryptoError.invalidAccess("The key is not an ECDSA key")
    }
}

private func ecdsaVerify(_ key: any WebCryptoECPublicKey, _ signature: UnsafeRawBufferPointer, _ digest: some Digest) -> Bool {
    switch key {
    case let key as P256.Signing.PublicKey:
        guard let signature = try? P256.Signing.ECDSASignature(rawRepresentation: signature) else { return false }
        return key.isValidSignature(signature, for: digest)
    case let key as P384.Signing.PublicKey:
        guard let signature = try? P384.Signing.ECDSASignature(rawRepresentation: signature) else { return false }
        return key.isValidSignature(signature, for: digest)
    case let key as P521.Signing.PublicKey:
        guard let signature = try? P521.Signing.ECDSASignature(rawRepresentation: signature) else { return false }
        return key.isValidSignature(signature, for: digest)
    default:
        return false
    }
}

private func ecdhSecret(_ privateKey: any WebCryptoECPrivateKey, _ publicKey: any WebCryptoECPublicKey) throws -> [UInt8] {
    let secret: SharedSecret
    switch (privateKey, publicKey) {
    case let (a as P256.KeyAgreement.PrivateKey, b as P256.KeyAgreement.PublicKey): secret = try a.sharedSecretFromKeyAgreement(with: b)
    case let (a as P384.KeyAgreement.PrivateKey, b as P384.KeyAgreement.PublicKey): secret = try a.sharedSecretFromKeyAgreement(with: b)
    case let (a as P521.KeyAgreement.PrivateKey, b as P521.KeyAgreement.PublicKey): secret = try a.sharedSecretFromKeyAgreement(with: b)
    default: throw CryptoError.invalidAccess("The ECDH keys are not on the same curve")
    }
    return secret.withUnsafeBytes { Array($0) }
}

// MARK: Ops

extension OpRegistry {
    mutating func registerCryptoECOps() {
        let realm = self.realm

        // cryptoGenerateKeyPair(kind, forECDH) -> [privateHandle, publicHandle]
        add("cryptoGenerateKeyPair") { [unowned realm] frame in
            let kind = try frame.string(0)
            let pair: (CryptoKeyMaterial, CryptoKeyMaterial)
            if let curve = ECCurve(rawValue: kind) {
                let key = ECKeyMaterial.generate(curve, forECDH: frame.bool(1))
                pair = (.ec(key), .ec(ECKeyMaterial(curve: curve, forECDH: key.forECDH, privateKey: nil, publicKey: key.publicKey)))
            } else if kind == "Ed25519" {
                let key = Curve25519.Signing.PrivateKey()
                pair = (.ed25519Private(key), .ed25519Public(key.publicKey))
            } else if kind == "X25519" {
                let key = Curve25519.KeyAgreement.PrivateKey()
                pair = (.x25519Private(key), .x25519Public(key.publicKey))
            } else {
                throw CryptoError.notSupported("Cannot generate \(kind) keys")
            }
            return try realm.js.makeArray([realm.js.makeCryptoKeyHandle(pair.0), realm.js.makeCryptoKeyHandle(pair.1)])
        }

        // cryptoImportKey(kind, format, bytes, forECDH) -> handle; format raw, spki or pkcs8.
        add("cryptoImportKey") { [unowned realm] frame in
            let kind = try frame.string(0)
            let format = try frame.string(1)
            let bytes = Array(try frame.cryptoBytes(2))
            let forECDH = frame.bool(3)
            let material: CryptoKeyMaterial
            if let curve = ECCurve(rawValue: kind) {
                switch format {
                case "raw": material = .ec(try ECKeyMaterial.publicKey(curve, forECDH: forECDH, point: bytes))
                case "spki": material = .ec(try importECSPKI(bytes, curve, forECDH: forECDH))
                case "pkcs8": material = .ec(try importECPKCS8(bytes, curve, forECDH: forECDH))
                default: throw CryptoError.notSupported("Unsupported key format '\(format)'")
                }
            } else if kind == "Ed25519" || kind == "X25519" {
                switch format {
                case "raw": material = try okpMaterial(kind: kind, publicKey: bytes)
                case "spki": material = try okpMaterial(kind: kind, publicKey: try importOKPSPKI(bytes, kind: kind))
                case "pkcs8": material = try okpMaterial(kind: kind, privateKey: try importOKPPKCS8(bytes, kind: kind))
                default: throw CryptoError.notSupported("Unsupported key format '\(format)'")
                }
            } else if kind == "RSA" {
                material = .rsa(try RSAKeyMaterial.importDER(bytes, format: format))
            } else {
                throw CryptoError.notSupported("Cannot import \(kind) keys")
            }
            return realm.js.makeCryptoKeyHandle(material)
        }

        // cryptoImportJwk(kind, forECDH, x, y, d) -> handle (EC: x, y[, d]; OKP: x[, d]).
        add("cryptoImportJwk") { [unowned realm] frame in
            let kind = try frame.string(0)
            let forECDH = frame.bool(1)
            let x = try Base64URL.decodeOrThrow(try frame.string(2), member: "x")
            let d = try frame.optionalString(4).map { s throws(JSError) in try Base64URL.decodeOrThrow(s, member: "d") }
            let material: CryptoKeyMaterial
            if let curve = ECCurve(rawValue: kind) {
                let y = try Base64URL.decodeOrThrow(try frame.string(3), member: "y")
                let size = curve.coordinateByteCount
                guard x.count == size, y.count == size else {
                    throw CryptoError.data("The JWK 'x' and 'y' members must be \(size) bytes for \(curve.rawValue)")
                }
                let publicKey = try ECKeyMaterial.publicKey(curve, forECDH: forECDH, point: [4] + x + y)
                if let d {
                    guard d.count == size else { throw CryptoError.data("The JWK 'd' member must be \(size) bytes for \(curve.rawValue)") }
                    let key = try ECKeyMaterial.privateKey(curve, forECDH: forECDH, d: d)
                    guard key.x963 == publicKey.x963 else { throw CryptoError.data("The JWK 'd' member does not match 'x' and 'y'") }
                    material = .ec(key)
                } else {
                    material = .ec(publicKey)
                }
            } else if kind == "Ed25519" || kind == "X25519" {
                if let d {
                    material = try okpMaterial(kind: kind, privateKey: d)
                    let derived: Data
                    switch material {
                    case .ed25519Private(let key): derived = key.publicKey.rawRepresentation
                    case .x25519Private(let key): derived = key.publicKey.rawRepresentation
                    default: derived = Data()
                    }
                    guard Array(derived) == x else { throw CryptoError.data("The JWK 'd' member does not match 'x'") }
                } else {
                    material = try okpMaterial(kind: kind, publicKey: x)
                }
            } else {
                throw CryptoError.notSupported("Cannot import \(kind) keys from a JWK")
            }
            return realm.js.makeCryptoKeyHandle(material)
        }

        // cryptoExportKey(handle, format) -> ArrayBuffer; format raw, spki or pkcs8.
        add("cryptoExportKey") { [unowned realm] frame in
            let material = try frame.cryptoKey(0).material
            let format = try frame.string(1)
            let bytes: [UInt8]?
            switch (material, format) {
            case (.ec(let key), "raw"): bytes = key.privateKey == nil ? Array(key.x963) : nil
            case (.ec(let key), "spki"): bytes = key.privateKey == nil ? key.spki : nil
            case (.ec(let key), "pkcs8"): bytes = key.pkcs8
            case (.ed25519Public(let key), "raw"): bytes = Array(key.rawRepresentation)
            case (.x25519Public(let key), "raw"): bytes = Array(key.rawRepresentation)
            case (.ed25519Public(let key), "spki"):
                bytes = SubjectPublicKeyInfo.encode(algorithm: OID.ed25519, parameters: nil, publicKey: Array(key.rawRepresentation))
            case (.x25519Public(let key), "spki"):
                bytes = SubjectPublicKeyInfo.encode(algorithm: OID.x25519, parameters: nil, publicKey: Array(key.rawRepresentation))
            case (.ed25519Private(let key), "pkcs8"): bytes = okpPKCS8(kind: "Ed25519", seed: key.rawRepresentation)
            case (.x25519Private(let key), "pkcs8"): bytes = okpPKCS8(kind: "X25519", seed: key.rawRepresentation)
            case (.rsa(let key), _): bytes = try key.exportDER(format: format)
            default: bytes = nil
            }
            guard let bytes else { throw CryptoError.invalidAccess("The key cannot be exported in the '\(format)' format") }
            return try realm.js.makeArrayBuffer(bytes)
        }

        // cryptoExportJwk(handle) -> [base64url strings]: EC x, y[, d]; OKP x[, d]; RSA n, e[, d, p, q, dp, dq, qi].
        add("cryptoExportJwk") { [unowned realm] frame in
            let parts: [[UInt8]]
            switch try frame.cryptoKey(0).material {
            case .ec(let key):
                let point = Array(key.x963)
                let size = key.curve.coordinateByteCount
                var list = [Array(point[1...size]), Array(point[(1 + size)...])]
                if let privateKey = key.privateKey { list.append(Array(privateKey.rawRepresentation)) }
                parts = list
            case .ed25519Private(let key): parts = [Array(key.publicKey.rawRepresentation), Array(key.rawRepresentation)]
            case .ed25519Public(let key): parts = [Array(key.rawRepresentation)]
            case .x25519Private(let key): parts = [Array(key.publicKey.rawRepresentation), Array(key.rawRepresentation)]
            case .x25519Public(let key): parts = [Array(key.rawRepresentation)]
            case .rsa(let key): parts = try key.jwkComponents()
            case .secret(let key): parts = [key.withUnsafeBytes { Array($0) }]
            }
            return try realm.js.makeArray(parts.map { part in part.withUnsafeBytes { realm.js.makeString(Base64URL.encode($0)) } })
        }

        // MARK: ECDSA

        // cryptoEcdsaSign(hash, handle, data) -> ArrayBuffer (r || s)
        add("cryptoEcdsaSign") { [unowned realm] frame in
            let hash = try CryptoHash(name: try frame.string(0))
            guard case .ec(let key) = try frame.cryptoKey(1).material, let privateKey = key.privateKey else {
                throw CryptoError.invalidAccess("ECDSA signing needs an ECDSA private key")
            }
            return try cryptoRun(realm, [try frame.cryptoBytes(2)], { inputs in
                do {
                    return try withDigest(hash, inputs[0]) { digest in try ecdsaSign(privateKey, digest) }
                } catch let error as JSError {
                    throw error
                } catch {
                    throw CryptoError.operation("ECDSA signing failed: \(error)")
                }
            }, resolve: { try realm.js.makeArrayBuffer($0) })
        }
        // cryptoEcdsaVerify(hash, handle, signature, data) -> boolean
        add("cryptoEcdsaVerify") { [unowned realm] frame in
            let hash = try CryptoHash(name: try frame.string(0))
            guard case .ec(let key) = try frame.cryptoKey(1).material, key.privateKey == nil else {
                throw CryptoError.invalidAccess("ECDSA verification needs an ECDSA public key")
            }
            return try cryptoRun(realm, [try frame.cryptoBytes(2), try frame.cryptoBytes(3)], { inputs in
                guard inputs[0].count == 2 * key.curve.coordinateByteCount else { return false }
                return withDigest(hash, inputs[1]) { digest in ecdsaVerify(key.publicKey, inputs[0], digest) }
            }, resolve: { realm.js.makeBoolean($0) })
        }

        // MARK: ECDH and X25519

        // cryptoEcdh(privateHandle, publicHandle) -> Uint8Array (the x coordinate)
        add("cryptoEcdh") { [unowned realm] frame in
            guard case .ec(let ours) = try frame.cryptoKey(0).material, let privateKey = ours.privateKey,
                  case .ec(let theirs) = try frame.cryptoKey(1).material
            else {
                throw CryptoError.invalidAccess("ECDH needs a private and a public ECDH key")
            }
            do {
                return try realm.js.makeUint8Array(bytes: try ecdhSecret(privateKey, theirs.publicKey))
            } catch let error as JSError {
                throw error
            } catch {
                throw CryptoError.operation("ECDH failed: \(error)")
            }
        }
        // cryptoX25519(privateHandle, publicHandle) -> Uint8Array
        add("cryptoX25519") { [unowned realm] frame in
            guard case .x25519Private(let ours) = try frame.cryptoKey(0).material,
                  case .x25519Public(let theirs) = try frame.cryptoKey(1).material
            else {
                throw CryptoError.invalidAccess("X25519 needs a private and a public X25519 key")
            }
            let secret: [UInt8]
            do {
                secret = try ours.sharedSecretFromKeyAgreement(with: theirs).withUnsafeBytes { Array($0) }
            } catch {
                throw CryptoError.operation("X25519 failed: \(error)")
            }
            // An all-zero result means a small-order public key (RFC 7748 section 6.1).
            guard secret.reduce(0, |) != 0 else {
                throw CryptoError.operation("X25519 produced the all-zero value (small-order public key)")
            }
            return try realm.js.makeUint8Array(bytes: secret)
        }

        // MARK: Ed25519

        add("cryptoEd25519Sign") { [unowned realm] frame in
            guard case .ed25519Private(let key) = try frame.cryptoKey(0).material else {
                throw CryptoError.invalidAccess("Ed25519 signing needs an Ed25519 private key")
            }
            return try cryptoRun(realm, [try frame.cryptoBytes(1)], { inputs in
                do {
                    return try key.signature(for: inputs[0])
                } catch {
                    throw CryptoError.operation("Ed25519 signing failed: \(error)")
                }
            }, resolve: { try realm.js.makeArrayBuffer($0) })
        }
        add("cryptoEd25519Verify") { [unowned realm] frame in
            guard case .ed25519Public(let key) = try frame.cryptoKey(0).material else {
                throw CryptoError.invalidAccess("Ed25519 verification needs an Ed25519 public key")
            }
            return try cryptoRun(realm, [try frame.cryptoBytes(1), try frame.cryptoBytes(2)], { inputs in
                let signature = inputs[0]
                guard signature.count == 64 else { return false }
                // The spec's steps 2 and 3: a small-order public key or R verifies nothing.
                if ed25519IsSmallOrder(key.rawRepresentation) || ed25519IsSmallOrder(Data(signature.prefix(32))) {
                    return false
                }
                return key.isValidSignature(signature, for: inputs[1])
            }, resolve: { realm.js.makeBoolean($0) })
        }
    }
}
