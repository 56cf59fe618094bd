// DER (ITU-T X.690) reading and writing for the key formats of Web Crypto: SubjectPublicKeyInfo
// (RFC 5280), PrivateKeyInfo / OneAsymmetricKey (RFC 5208, RFC 5958), ECPrivateKey (RFC 5915),
// RSAPublicKey / RSAPrivateKey (RFC 8017). Only encoding lives here, no cryptography.

/// A DER element: its tag byte and its content.
struct DERElement {
    var tag: UInt8
    var content: ArraySlice<UInt8>

    static let integer: UInt8 = 0x02
    static let bitString: UInt8 = 0x03
    static let octetString: UInt8 = 0x04
    static let null: UInt8 = 0x05
    static let objectIdentifier: UInt8 = 0x06
    static let sequence: UInt8 = 0x30
    static func contextSpecific(_ number: UInt8, constructed: Bool = true) -> UInt8 {
        0x80 | (constructed ? 0x20 : 0) | number
    }
}

struct DERError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Reads DER elements one after another from a byte range. Strict DER: definite minimal
/// lengths, single-byte tags.
struct DERReader {
    private var bytes: ArraySlice<UInt8>

    init(_ bytes: ArraySlice<UInt8>) { self.bytes = bytes }
    init(_ bytes: [UInt8]) { self.bytes = bytes[...] }

    var isAtEnd: Bool { bytes.isEmpty }
    var peekTag: UInt8? { bytes.first }

    mutating func read() throws -> DERElement {
        guard let tag = bytes.first else { throw DERError("unexpected end of data") }
        guard tag & 0x1F != 0x1F else { throw DERError("multi-byte tags are not supported") }
        var index = bytes.index(after: bytes.startIndex)
        guard index < bytes.endIndex else { throw DERError("missing length") }
        let first = bytes[index]
        index += 1
        var length = 0
        if first < 0x80 {
            length = Int(first)
        } else {
            let count = Int(first & 0x7F)
            guard count > 0, count <= 4 else { throw DERError("unsupported length encoding") }
            guard bytes.endIndex - index >= count else { throw DERError("truncated length") }
            for _ in 0..<count {
                length = length << 8 | Int(bytes[index])
                index += 1
            }
            // DER: the shortest form only.
            guard length >= 0x80, length >> (8 * (count - 1)) != 0 else { throw DERError("non-minimal length") }
        }
        guard bytes.endIndex - index >= length else { throw DERError("content longer than the data") }
        let content = bytes[index..<(index + length)]
        bytes = bytes[(index + length)...]
        return DERElement(tag: tag, content: content)
    }

    mutating func read(_ tag: UInt8, _ what: String) throws -> DERElement {
        let element = try read()
        guard element.tag == tag else { throw DERError("expected \(what)") }
        return element
    }

    /// Reads an element with `tag` when it comes next, else nil.
    mutating func readOptional(_ tag: UInt8) throws -> DERElement? {
        guard peekTag == tag else { return nil }
        return try read()
    }

    mutating func sequence(_ what: String) throws -> DERReader {
        DERReader(try read(DERElement.sequence, what).content)
    }

    /// An INTEGER's content bytes (two's complement, minimal).
    mutating func integer(_ what: String) throws -> ArraySlice<UInt8> {
        let content = try read(DERElement.integer, what).content
        guard let first = content.first else { throw DERError("empty INTEGER") }
        if content.count > 1 {
            let second = content[content.index(after: content.startIndex)]
            guard !(first == 0 && second & 0x80 == 0), !(first == 0xFF && second & 0x80 != 0) else {
                throw DERError("non-minimal INTEGER")
            }
        }
        return content
    }

    /// A non-negative INTEGER as unsigned big-endian bytes without leading zeros.
    mutating func unsignedInteger(_ what: String) throws -> [UInt8] {
        let content = try integer(what)
        guard let first = content.first, first & 0x80 == 0 else { throw DERError("\(what) is negative") }
        return Array(content.drop { $0 == 0 })
    }

    /// A small non-negative INTEGER.
    mutating func smallInteger(_ what: String) throws -> Int {
        let bytes = try unsignedInteger(what)
        guard bytes.count <= 4 else { throw DERError("\(what) is too large") }
        return bytes.reduce(0) { $0 << 8 | Int($1) }
    }

    mutating func objectIdentifier(_ what: String) throws -> [UInt8] {
        Array(try read(DERElement.objectIdentifier, what).content)
    }

    /// A BIT STRING with no unused bits: its bytes.
    mutating func bitStringBytes(_ what: String) throws -> ArraySlice<UInt8> {
        let content = try read(DERElement.bitString, what).content
        guard content.first == 0 else { throw DERError("\(what) has unused bits") }
        return content.dropFirst()
    }

    func expectEnd(_ what: String) throws {
        guard isAtEnd else { throw DERError("unexpected data after \(what)") }
    }
}

/// Builds DER.
enum DERWriter {
    static func element(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [tag]
        let length = content.count
        if length < 0x80 {
            out.append(UInt8(length))
        } else {
            var lengthBytes: [UInt8] = []
            var value = length
            while value > 0 {
                lengthBytes.insert(UInt8(value & 0xFF), at: 0)
                value >>= 8
            }
            out.append(0x80 | UInt8(lengthBytes.count))
            out += lengthBytes
        }
        out += content
        return out
    }

    static func sequence(_ parts: [[UInt8]]) -> [UInt8] { element(DERElement.sequence, parts.flatMap { $0 }) }

    /// An INTEGER from unsigned big-endian bytes.
    static func unsignedInteger<C: Collection>(_ bytes: C) -> [UInt8] where C.Element == UInt8 {
        var content = Array(bytes.drop { $0 == 0 })
        if content.isEmpty { content = [0] }
        if let first = content.first, first & 0x80 != 0 { content.insert(0, at: 0) }
        return element(DERElement.integer, content)
    }

    static func smallInteger(_ value: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        var v = value
        repeat {
            bytes.insert(UInt8(v & 0xFF), at: 0)
            v >>= 8
        } while v > 0
        return unsignedInteger(bytes)
    }

    static func objectIdentifier(_ oid: [UInt8]) -> [UInt8] { element(DERElement.objectIdentifier, oid) }
    static func octetString<C: Collection>(_ bytes: C) -> [UInt8] where C.Element == UInt8 { element(DERElement.octetString, Array(bytes)) }
    static func bitString<C: Collection>(_ bytes: C) -> [UInt8] where C.Element == UInt8 { element(DERElement.bitString, [0] + Array(bytes)) }
    static let null: [UInt8] = [DERElement.null, 0]
}

/// Object identifiers (DER content bytes).
enum OID {
    /// 1.2.840.10045.2.1 id-ecPublicKey
    static let ecPublicKey: [UInt8] = [0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01]
    /// 1.3.132.1.12 id-ecDH
    static let ecDH: [UInt8] = [0x2B, 0x81, 0x04, 0x01, 0x0C]
    /// 1.2.840.10045.3.1.7 secp256r1
    static let secp256r1: [UInt8] = [0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07]
    /// 1.3.132.0.34 secp384r1
    static let secp384r1: [UInt8] = [0x2B, 0x81, 0x04, 0x00, 0x22]
    /// 1.3.132.0.35 secp521r1
    static let secp521r1: [UInt8] = [0x2B, 0x81, 0x04, 0x00, 0x23]
    /// 1.3.101.110 id-X25519
    static let x25519: [UInt8] = [0x2B, 0x65, 0x6E]
    /// 1.3.101.112 id-Ed25519
    static let ed25519: [UInt8] = [0x2B, 0x65, 0x70]
    /// 1.2.840.113549.1.1.1 rsaEncryption
    static let rsaEncryption: [UInt8] = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01]
}

/// A parsed SubjectPublicKeyInfo.
struct SubjectPublicKeyInfo {
    var algorithm: [UInt8]
    /// The parameters element, nil when absent.
    var parameters: DERElement?
    var publicKey: ArraySlice<UInt8>

    init(der: [UInt8]) throws {
        var outer = DERReader(der)
        var spki = try outer.sequence("SubjectPublicKeyInfo")
        try outer.expectEnd("SubjectPublicKeyInfo")
        var algorithmIdentifier = try spki.sequence("AlgorithmIdentifier")
        algorithm = try algorithmIdentifier.objectIdentifier("algorithm")
        parameters = algorithmIdentifier.isAtEnd ? nil : try algorithmIdentifier.read()
        try algorithmIdentifier.expectEnd("AlgorithmIdentifier")
        publicKey = try spki.bitStringBytes("subjectPublicKey")
        try spki.expectEnd("SubjectPublicKeyInfo")
    }

    static func encode(algorithm: [UInt8], parameters: [UInt8]?, publicKey: [UInt8]) -> [UInt8] {
        var identifier = [DERWriter.objectIdentifier(algorithm)]
        if let parameters { identifier.append(parameters) }
        return DERWriter.sequence([DERWriter.sequence(identifier), DERWriter.bitString(publicKey)])
    }
}

/// A parsed PrivateKeyInfo (version 0) or OneAsymmetricKey (version 1).
struct PrivateKeyInfo {
    var algorithm: [UInt8]
    var parameters: DERElement?
    var privateKey: ArraySlice<UInt8>
    /// OneAsymmetricKey's [1] publicKey, when present.
    var publicKey: ArraySlice<UInt8>?

    init(der: [UInt8]) throws {
        var outer = DERReader(der)
        var info = try outer.sequence("PrivateKeyInfo")
        try outer.expectEnd("PrivateKeyInfo")
        let version = try info.smallInteger("version")
        guard version == 0 || version == 1 else { throw DERError("unsupported PrivateKeyInfo version \(version)") }
        var algorithmIdentifier = try info.sequence("PrivateKeyAlgorithmIdentifier")
        algorithm = try algorithmIdentifier.objectIdentifier("algorithm")
        parameters = algorithmIdentifier.isAtEnd ? nil : try algorithmIdentifier.read()
        try algorithmIdentifier.expectEnd("PrivateKeyAlgorithmIdentifier")
        privateKey = try info.read(DERElement.octetString, "privateKey").content
        _ = try info.readOptional(DERElement.contextSpecific(0)) // attributes
        if version == 1, let element = try info.readOptional(DERElement.contextSpecific(1, constructed: false)) {
            guard element.content.first == 0 else { throw DERError("publicKey has unused bits") }
            publicKey = element.content.dropFirst()
        }
        try info.expectEnd("PrivateKeyInfo")
    }

    static func encode(algorithm: [UInt8], parameters: [UInt8]?, privateKey: [UInt8]) -> [UInt8] {
        var identifier = [DERWriter.objectIdentifier(algorithm)]
        if let parameters { identifier.append(parameters) }
        return DERWriter.sequence([DERWriter.smallInteger(0), DERWriter.sequence(identifier), DERWriter.octetString(privateKey)])
    }
}
