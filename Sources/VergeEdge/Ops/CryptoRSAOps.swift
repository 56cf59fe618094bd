import CCryptoBoringSSL
import Foundation
import VergeJS

// Web Crypto RSA: RSASSA-PKCS1-v1_5, RSA-PSS and RSA-OAEP.
//
// The cryptography is swift-crypto's: its `_RSA` API covers only part of what Web Crypto asks
// (PSS only with a salt as long as the digest, OAEP only with SHA-1/SHA-256 and no label,
// key generation only with exponent 65537 and 2048 bits or more), so this file calls the
// BoringSSL that swift-crypto vendors and builds (module CCryptoBoringSSL, the library under
// swift-crypto's own RSA) for RSA primitives and paddings: RSA_new_private_key,
// RSA_generate_key_ex, RSA_sign/RSA_verify, RSA_sign_pss_mgf1/RSA_verify_pss_mgf1 and
// EVP_PKEY_encrypt/decrypt with OAEP parameters. Key formats (SPKI, PKCS#8, JWK) are parsed
// and written here (CryptoDER.swift) so that errors follow the spec.

/// An RSA key held by BoringSSL. RSA objects are safe for concurrent use once built (BoringSSL
/// locks its lazily computed Montgomery contexts and blinding).
final class RSAKeyMaterial: @unchecked Sendable {
    let rsa: OpaquePointer
    let isPrivate: Bool

    private init(rsa: OpaquePointer, isPrivate: Bool) {
        self.rsa = rsa
        self.isPrivate = isPrivate
    }

    deinit { CCryptoBoringSSL_RSA_free(rsa) }

    var modulusBits: Int { Int(CCryptoBoringSSL_RSA_bits(rsa)) }
    var modulusBytes: Int { Int(CCryptoBoringSSL_RSA_size(rsa)) }

    /// A public key holding the same n and e.
    func publicKey() throws(JSError) -> RSAKeyMaterial {
        try RSAKeyMaterial.make(n: component(\.n), e: component(\.e))
    }

    // MARK: Numbers

    private typealias BN = UnsafePointer<BIGNUM>

    private struct Components {
        var n: BN?
        var e: BN?
        var d: BN?
        var p: BN?
        var q: BN?
        var dp: BN?
        var dq: BN?
        var qi: BN?
    }

    private var components: Components {
        var n: BN?, e: BN?, d: BN?
        var p: BN?, q: BN?
        var dp: BN?, dq: BN?, qi: BN?
        CCryptoBoringSSL_RSA_get0_key(rsa, &n, &e, &d)
        CCryptoBoringSSL_RSA_get0_factors(rsa, &p, &q)
        CCryptoBoringSSL_RSA_get0_crt_params(rsa, &dp, &dq, &qi)
        return Components(n: n, e: e, d: d, p: p, q: q, dp: dp, dq: dq, qi: qi)
    }

    /// One component as unsigned big-endian bytes (no leading zeros).
    private func component(_ path: KeyPath<Components, BN?>) -> [UInt8] {
        guard let bn = components[keyPath: path] else { return [] }
        return bignumBytes(bn)
    }

    var publicExponent: [UInt8] { component(\.e) }

    // MARK: Creation

    static func make(n: [UInt8], e: [UInt8]) throws(JSError) -> RSAKeyMaterial {
        let bn = BigNumbers([n, e])
        defer { bn.free() }
        guard let rsa = CCryptoBoringSSL_RSA_new_public_key(bn[0], bn[1]) else {
            CCryptoBoringSSL_ERR_clear_error()
            throw CryptoError.data("Invalid RSA public key")
        }
        return RSAKeyMaterial(rsa: rsa, isPrivate: false)
    }

    static func make(n: [UInt8], e: [UInt8], d: [UInt8], p: [UInt8], q: [UInt8], dp: [UInt8], dq: [UInt8],
                     qi: [UInt8]) throws(JSError) -> RSAKeyMaterial {
        let bn = BigNumbers([n, e, d, p, q, dp, dq, qi])
        defer { bn.free() }
        guard let rsa = CCryptoBoringSSL_RSA_new_private_key(bn[0], bn[1], bn[2], bn[3], bn[4], bn[5], bn[6], bn[7]) else {
            CCryptoBoringSSL_ERR_clear_error()
            throw CryptoError.data("Invalid RSA private key")
        }
        return RSAKeyMaterial(rsa: rsa, isPrivate: true)
    }

    static func generate(bits: Int, exponent: [UInt8]) throws(JSError) -> RSAKeyMaterial {
        let e = BigNumbers([exponent])
        defer { e.free() }
        guard let rsa = CCryptoBoringSSL_RSA_new() else { throw CryptoError.operation("Out of memory") }
        guard CCryptoBoringSSL_RSA_generate_key_ex(rsa, Int32(bits), e[0], nil) == 1 else {
            CCryptoBoringSSL_RSA_free(rsa)
            CCryptoBoringSSL_ERR_clear_error()
            throw CryptoError.operation("RSA key generation failed for a \(bits)-bit modulus")
        }
        return RSAKeyMaterial(rsa: rsa, isPrivate: true)
    }

    // MARK: Formats

    /// From SubjectPublicKeyInfo ("spki") or PrivateKeyInfo ("pkcs8") with rsaEncryption.
    static func importDER(_ der: [UInt8], format: String) throws(JSError) -> RSAKeyMaterial {
        do {
            switch format {
            case "spki":
                let spki = try SubjectPublicKeyInfo(der: der)
                guard spki.algorithm == OID.rsaEncryption else { throw CryptoError.data("The SubjectPublicKeyInfo is not of an RSA key") }
                try checkNullParameters(spki.parameters)
                var outer = DERReader(spki.publicKey)
                var key = try outer.sequence("RSAPublicKey")
                try outer.expectEnd("RSAPublicKey")
                let n = try key.unsignedInteger("modulus")
                let e = try key.unsignedInteger("publicExponent")
                try key.expectEnd("RSAPublicKey")
                return try make(n: n, e: e)
            case "pkcs8":
                let info = try PrivateKeyInfo(der: der)
                guard info.algorithm == OID.rsaEncryption else { throw CryptoError.data("The PrivateKeyInfo is not of an RSA key") }
                try checkNullParameters(info.parameters)
                var outer = DERReader(info.privateKey)
                var key = try outer.sequence("RSAPrivateKey")
                try outer.expectEnd("RSAPrivateKey")
                guard try key.smallInteger("version") == 0 else {
                    throw CryptoError.data("Multi-prime RSA keys are not supported")
                }
                let numbers = try (0..<8).map { _ in try key.unsignedInteger("RSAPrivateKey component") }
                try key.expectEnd("RSAPrivateKey")
                return try make(n: numbers[0], e: numbers[1], d: numbers[2], p: numbers[3], q: numbers[4],
                                dp: numbers[5], dq: numbers[6], qi: numbers[7])
            default:
                throw CryptoError.notSupported("RSA keys cannot be imported in the '\(format)' format")
            }
        } catch let error as JSError {
            throw error
        } catch {
            throw CryptoError.data("Invalid RSA key data: \(error)")
        }
    }

    private static func checkNullParameters(_ parameters: DERElement?) throws(JSError) {
        if let parameters, parameters.tag != DERElement.null || !parameters.content.isEmpty {
            throw CryptoError.data("rsaEncryption parameters must be NULL")
        }
    }

    func exportDER(format: String) throws(JSError) -> [UInt8]? {
        let c = components
        guard let n = c.n, let e = c.e else { return nil }
        switch format {
        case "spki":
            guard !isPrivate else { return nil }
            let publicKey = DERWriter.sequence([DERWriter.unsignedInteger(bignumBytes(n)), DERWriter.unsignedInteger(bignumBytes(e))])
            return SubjectPublicKeyInfo.encode(algorithm: OID.rsaEncryption, parameters: DERWriter.null, publicKey: publicKey)
        case "pkcs8":
            guard isPrivate, let d = c.d, let p = c.p, let q = c.q, let dp = c.dp, let dq = c.dq, let qi = c.qi else { return nil }
            let privateKey = DERWriter.sequence([DERWriter.smallInteger(0)] + [n, e, d, p, q, dp, dq, qi].map {
                DERWriter.unsignedInteger(bignumBytes($0))
            })
            return PrivateKeyInfo.encode(algorithm: OID.rsaEncryption, parameters: DERWriter.null, privateKey: privateKey)
        default:
            return nil
        }
    }

    /// n, e and, for private keys, d, p, q, dp, dq, qi.
    func jwkComponents() throws(JSError) -> [[UInt8]] {
        let c = components
        let list = isPrivate ? [c.n, c.e, c.d, c.p, c.q, c.dp, c.dq, c.qi] : [c.n, c.e]
        return try list.map { (bn: BN?) throws(JSError) -> [UInt8] in
            guard let bn else { throw CryptoError.operation("The RSA key lacks a component") }
            return bignumBytes(bn)
        }
    }

    // MARK: Operations

    func sign(pss: Bool, hash: CryptoHash, saltLength: Int, data: UnsafeRawBufferPointer) throws(JSError) -> [UInt8] {
        let digest = hash.hash(data)
        var out = [UInt8](repeating: 0, count: modulusBytes)
        var length = 0
        let ok: Int32 = digest.withUnsafeBufferPointer { digestBuffer in
            out.withUnsafeMutableBufferPointer { outBuffer in
                if pss {
                    return CCryptoBoringSSL_RSA_sign_pss_mgf1(rsa, &length, outBuffer.baseAddress, outBuffer.count,
                                                             digestBuffer.baseAddress, digestBuffer.count,
                                                             hash.evp, hash.evp, Int32(saltLength))
                }
                var written: UInt32 = 0
                let rc = CCryptoBoringSSL_RSA_sign(hash.nid, digestBuffer.baseAddress, digestBuffer.count,
                                                   outBuffer.baseAddress, &written, rsa)
                length = Int(written)
                return rc
            }
        }
        guard ok == 1 else {
            CCryptoBoringSSL_ERR_clear_error()
            throw CryptoError.operation(pss
                ? "RSA-PSS signing failed: a \(saltLength)-byte salt does not fit a \(modulusBits)-bit key with \(hash.rawValue)"
                : "RSASSA-PKCS1-v1_5 signing failed: the key is too small for \(hash.rawValue)")
        }
        return Array(out.prefix(length))
    }

    func verify(pss: Bool, hash: CryptoHash, saltLength: Int, signature: UnsafeRawBufferPointer, data: UnsafeRawBufferPointer) -> Bool {
        let digest = hash.hash(data)
        let sig = signature.bindMemory(to: UInt8.self)
        let ok: Int32 = digest.withUnsafeBufferPointer { digestBuffer in
            if pss {
                return CCryptoBoringSSL_RSA_verify_pss_mgf1(rsa, digestBuffer.baseAddress, digestBuffer.count, hash.evp,
                                                           hash.evp, Int32(saltLength), sig.baseAddress, sig.count)
            }
            return CCryptoBoringSSL_RSA_verify(hash.nid, digestBuffer.baseAddress, digestBuffer.count,
                                               sig.baseAddress, sig.count, rsa)
        }
        CCryptoBoringSSL_ERR_clear_error()
        return ok == 1
    }

    /// RSAES-OAEP with MGF1 over `hash` and `label`.
    func oaep(encrypt: Bool, hash: CryptoHash, label: [UInt8], data: [UInt8]) throws(JSError) -> [UInt8] {
        guard let pkey = CCryptoBoringSSL_EVP_PKEY_new() else { throw CryptoError.operation("Out of memory") }
        defer { CCryptoBoringSSL_EVP_PKEY_free(pkey) }
        CCryptoBoringSSL_EVP_PKEY_set1_RSA(pkey, rsa)
        guard let ctx = CCryptoBoringSSL_EVP_PKEY_CTX_new(pkey, nil) else { throw CryptoError.operation("Out of memory") }
        defer { CCryptoBoringSSL_EVP_PKEY_CTX_free(ctx) }
        let what = encrypt ? "RSA-OAEP encryption" : "RSA-OAEP decryption"
        var ok = encrypt ? CCryptoBoringSSL_EVP_PKEY_encrypt_init(ctx) : CCryptoBoringSSL_EVP_PKEY_decrypt_init(ctx)
        ok &= CCryptoBoringSSL_EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_OAEP_PADDING)
        ok &= CCryptoBoringSSL_EVP_PKEY_CTX_set_rsa_oaep_md(ctx, hash.evp)
        ok &= CCryptoBoringSSL_EVP_PKEY_CTX_set_rsa_mgf1_md(ctx, hash.evp)
        if !label.isEmpty {
            // The context takes ownership of a label allocated with OPENSSL_malloc.
            guard let copy = CCryptoBoringSSL_OPENSSL_malloc(label.count) else { throw CryptoError.operation("Out of memory") }
            label.withUnsafeBytes { copy.copyMemory(from: $0.baseAddress!, byteCount: label.count) }
            ok &= CCryptoBoringSSL_EVP_PKEY_CTX_set0_rsa_oaep_label(ctx, copy.assumingMemoryBound(to: UInt8.self), label.count)
        }
        guard ok == 1 else {
            CCryptoBoringSSL_ERR_clear_error()
            throw CryptoError.operation("\(what) could not be set up")
        }
        var length = modulusBytes
        var out = [UInt8](repeating: 0, count: length)
        let rc = data.withUnsafeBufferPointer { input in
            out.withUnsafeMutableBufferPointer { output in
                encrypt
                    ? CCryptoBoringSSL_EVP_PKEY_encrypt(ctx, output.baseAddress, &length, input.baseAddress, input.count)
                    : CCryptoBoringSSL_EVP_PKEY_decrypt(ctx, output.baseAddress, &length, input.baseAddress, input.count)
            }
        }
        guard rc == 1 else {
            CCryptoBoringSSL_ERR_clear_error()
            throw CryptoError.operation(encrypt
                ? "RSA-OAEP encryption failed: the message is too long for a \(modulusBits)-bit key with \(hash.rawValue)"
                : "RSA-OAEP decryption failed")
        }
        return Array(out.prefix(length))
    }
}

/// Big-endian bytes of a BIGNUM (no leading zeros).
private func bignumBytes(_ bn: UnsafePointer<BIGNUM>) -> [UInt8] {
    let count = Int(CCryptoBoringSSL_BN_num_bytes(bn))
    var out = [UInt8](repeating: 0, count: count)
    _ = out.withUnsafeMutableBufferPointer { CCryptoBoringSSL_BN_bn2bin(bn, $0.baseAddress) }
    return out
}

/// BIGNUMs made from big-endian byte strings, freed together.
private struct BigNumbers {
    private var numbers: [UnsafeMutablePointer<BIGNUM>?]

    init(_ values: [[UInt8]]) {
        numbers = values.map { bytes in
            bytes.withUnsafeBufferPointer { CCryptoBoringSSL_BN_bin2bn($0.baseAddress, $0.count, nil) }
        }
    }

    subscript(_ index: Int) -> UnsafeMutablePointer<BIGNUM>? { numbers[index] }

    func free() {
        for number in numbers { CCryptoBoringSSL_BN_free(number) }
    }
}

extension CryptoHash {
    var evp: OpaquePointer? {
        switch self {
        case .sha1: CCryptoBoringSSL_EVP_sha1()
        case .sha256: CCryptoBoringSSL_EVP_sha256()
        case .sha384: CCryptoBoringSSL_EVP_sha384()
        case .sha512: CCryptoBoringSSL_EVP_sha512()
        }
    }

    var nid: Int32 {
        switch self {
        case .sha1: NID_sha1
        case .sha256: NID_sha256
        case .sha384: NID_sha384
        case .sha512: NID_sha512
        }
    }
}

/// Private-key operations with moduli above this many bits run off the isolate's thread
/// (a 3072-bit signature takes about 2 ms, a 2048-bit one about 0.7 ms).
private let rsaInlinePrivateBits = 2048

extension OpRegistry {
    mutating func registerCryptoRSAOps() {
        let realm = self.realm

        // cryptoRsaGenerate(modulusBits, exponentBytes) -> Promise<[privateHandle, publicHandle]>
        add("cryptoRsaGenerate") { [unowned realm] frame in
            let bits = try frame.int(0)
            let exponent = Array(try frame.cryptoBytes(1)).drop { $0 == 0 }
            // Moduli of 1024 to 16384 bits in steps of 8; exponents 3 and 65537 (as browsers).
            guard (1024...16384).contains(bits), bits % 8 == 0 else {
                throw CryptoError.operation("RSA modulusLength must be a multiple of 8 from 1024 to 16384, not \(bits)")
            }
            guard exponent == [3] || exponent == [1, 0, 1] else {
                throw CryptoError.operation("RSA publicExponent must be 3 or 65537")
            }
            let e = Array(exponent)
            return try cryptoBackground(realm, { () throws(JSError) -> [RSAKeyMaterial] in
                let key = try RSAKeyMaterial.generate(bits: bits, exponent: e)
                return [key, try key.publicKey()]
            }, resolve: { keys in
                try realm.js.makeArray(keys.map { realm.js.makeCryptoKeyHandle(.rsa($0)) })
            })
        }

        // cryptoImportRsaJwk(n, e, d?, p?, q?, dp?, dq?, qi?) -> handle
        add("cryptoImportRsaJwk") { [unowned realm] frame in
            let names = ["n", "e", "d", "p", "q", "dp", "dq", "qi"]
            var values: [[UInt8]?] = []
            for (index, name) in names.enumerated() {
                guard let string = try frame.optionalString(index) else { values.append(nil); continue }
                let bytes = try Base64URL.decodeOrThrow(string, member: name)
                values.append(Array(bytes.drop { $0 == 0 }))
            }
            guard let n = values[0], let e = values[1], !n.isEmpty, !e.isEmpty else {
                throw CryptoError.data("The JWK 'n' and 'e' members are required")
            }
            let key: RSAKeyMaterial
            if let d = values[2] {
                guard let p = values[3], let q = values[4], let dp = values[5], let dq = values[6], let qi = values[7] else {
                    throw CryptoError.data("The JWK private key needs the 'p', 'q', 'dp', 'dq' and 'qi' members")
                }
                key = try RSAKeyMaterial.make(n: n, e: e, d: d, p: p, q: q, dp: dp, dq: dq, qi: qi)
            } else {
                key = try RSAKeyMaterial.make(n: n, e: e)
            }
            return realm.js.makeCryptoKeyHandle(.rsa(key))
        }

        // cryptoRsaDetails(handle) -> [modulusBits, publicExponent (Uint8Array)]
        add("cryptoRsaDetails") { [unowned realm] frame in
            guard case .rsa(let key) = try frame.cryptoKey(0).material else { throw JSError.typeError("not an RSA key") }
            return try realm.js.makeArray([realm.js.makeNumber(Double(key.modulusBits)),
                                           realm.js.makeUint8Array(bytes: key.publicExponent)])
        }

        // cryptoRsaSign(pss, hash, saltLength, handle, data) -> ArrayBuffer | Promise<ArrayBuffer>
        add("cryptoRsaSign") { [unowned realm] frame in
            let pss = frame.bool(0)
            let hash = try CryptoHash(name: try frame.string(1))
            let saltLength = try frame.int(2)
            guard case .rsa(let key) = try frame.cryptoKey(3).material, key.isPrivate else {
                throw CryptoError.invalidAccess("RSA signing needs an RSA private key")
            }
            let data = try frame.cryptoBytes(4)
            let sign: @Sendable ([UnsafeRawBufferPointer]) throws -> [UInt8] = { inputs in
                try key.sign(pss: pss, hash: hash, saltLength: saltLength, data: inputs[0])
            }
            if key.modulusBits > rsaInlinePrivateBits {
                let copy = [UInt8](data)
                return try cryptoBackground(realm, { try copy.withUnsafeBytes { try sign([$0]) } },
                                            resolve: { try realm.js.makeArrayBuffer($0) })
            }
            return try cryptoRun(realm, [data], sign, resolve: { try realm.js.makeArrayBuffer($0) })
        }

        // cryptoRsaVerify(pss, hash, saltLength, handle, signature, data) -> boolean
        add("cryptoRsaVerify") { [unowned realm] frame in
            let pss = frame.bool(0)
            let hash = try CryptoHash(name: try frame.string(1))
            let saltLength = try frame.int(2)
            guard case .rsa(let key) = try frame.cryptoKey(3).material, !key.isPrivate else {
                throw CryptoError.invalidAccess("RSA verification needs an RSA public key")
            }
            return try cryptoRun(realm, [try frame.cryptoBytes(4), try frame.cryptoBytes(5)], { inputs in
                key.verify(pss: pss, hash: hash, saltLength: saltLength, signature: inputs[0], data: inputs[1])
            }, resolve: { realm.js.makeBoolean($0) })
        }

        // cryptoRsaOaep(encrypt, hash, label, handle, data) -> ArrayBuffer | Promise<ArrayBuffer>
        add("cryptoRsaOaep") { [unowned realm] frame in
            let encrypt = frame.bool(0)
            let hash = try CryptoHash(name: try frame.string(1))
            let label = Array(try frame.cryptoBytes(2))
            guard case .rsa(let key) = try frame.cryptoKey(3).material, key.isPrivate != encrypt else {
                throw CryptoError.invalidAccess(encrypt ? "RSA-OAEP encryption needs a public key" : "RSA-OAEP decryption needs a private key")
            }
            let data = Array(try frame.cryptoBytes(4))
            if encrypt || key.modulusBits <= rsaInlinePrivateBits {
                return try realm.js.makeArrayBuffer(try key.oaep(encrypt: encrypt, hash: hash, label: label, data: data))
            }
            return try cryptoBackground(realm, { () throws(JSError) -> [UInt8] in
                try key.oaep(encrypt: encrypt, hash: hash, label: label, data: data)
            }, resolve: { try realm.js.makeArrayBuffer($0) })
        }
    }
}
