import Crypto
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import Testing
import _CryptoExtras
@testable import VergeEdge
import VergeJS

// Native half of Web Crypto (Sources/VergeEdge/Ops/Crypto*.swift). The Web API itself is
// tested from JS in conformance/crypto/; these tests cover what JS cannot see: encodings,
// the AES-CTR counter split, the small-order table, and how ops behave on the isolate
// (off-thread work, limits, opaque key handles).

@Suite("Web Crypto ops")
struct CryptoTests {
    // MARK: Encodings

    @Test("base64url round-trips every length and refuses padding, other alphabets and impossible lengths")
    func base64url() {
        var generator = SystemRandomNumberGenerator()
        for length in 0..<70 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let encoded = bytes.withUnsafeBytes { Base64URL.encode($0) }
            #expect(!encoded.contains("=") && !encoded.contains("+") && !encoded.contains("/"))
            #expect(Base64URL.decode(encoded) == bytes)
        }
        #expect(Base64URL.decode("AQAB") == [1, 0, 1])
        #expect(Base64URL.decode("_-8") == [0xFF, 0xEF])
        #expect(Base64URL.decode("AQ==") == nil, "padding")
        #expect(Base64URL.decode("a+b/") == nil, "standard alphabet")
        #expect(Base64URL.decode("AQA B") == nil, "whitespace")
        #expect(Base64URL.decode("A") == nil, "one character cannot encode a byte")
        #expect(Base64URL.decode("") == [])
    }

    @Test("DER reader refuses non-minimal lengths, truncation and trailing data")
    func derStrictness() throws {
        // SEQUENCE { INTEGER 5 }
        var ok = DERReader([0x30, 0x03, 0x02, 0x01, 0x05])
        var sequence = try ok.sequence("test")
        #expect(try sequence.smallInteger("n") == 5)
        #expect(ok.isAtEnd)
        // Length 3 written in long form: not DER.
        var longForm = DERReader([0x30, 0x81, 0x03, 0x02, 0x01, 0x05])
        #expect(throws: DERError.self) { _ = try longForm.read() }
        var truncated = DERReader([0x30, 0x05, 0x02, 0x01])
        #expect(throws: DERError.self) { _ = try truncated.read() }
        // INTEGER 0x0005 is not minimal.
        var padded = DERReader([0x02, 0x02, 0x00, 0x05])
        #expect(throws: DERError.self) { _ = try padded.integer("n") }
        #expect(throws: (any Error).self) { _ = try SubjectPublicKeyInfo(der: [0x30, 0x00, 0x00]) }
        // Writer and reader agree on long lengths.
        let big = DERWriter.octetString([UInt8](repeating: 7, count: 300))
        var reader = DERReader(big)
        #expect(try reader.read(DERElement.octetString, "o").content.count == 300)
    }

    // MARK: AES-CTR

    /// AES-CTR computed block by block: the keystream block i is AES_k(counter_i), where the
    /// counted bits increment modulo 2^bits (AES-CBC of one block with a zero IV is AES).
    private func referenceCTR(key: SymmetricKey, counter: [UInt8], bits: Int, data: [UInt8]) throws -> [UInt8] {
        var block = counter
        var out: [UInt8] = []
        var offset = 0
        while offset < data.count {
            let keystream = try AES._CBC.encrypt(block, using: key, iv: AES._CBC.IV(ivBytes: [UInt8](repeating: 0, count: 16)),
                                                noPadding: true)
            for (index, byte) in data[offset..<min(offset + 16, data.count)].enumerated() {
                out.append(byte ^ keystream[keystream.startIndex + index])
            }
            offset += 16
            // Increment the rightmost `bits` bits, with wrap-around inside them.
            var carry = 1
            for bit in 0..<bits where carry == 1 {
                let byteIndex = 15 - bit / 8
                let mask = UInt8(1) << UInt8(bit % 8)
                if block[byteIndex] & mask == 0 {
                    block[byteIndex] |= mask
                    carry = 0
                } else {
                    block[byteIndex] &= ~mask
                }
            }
        }
        return out
    }

    @Test("AES-CTR wraps the counted bits and leaves the others alone", arguments: [1, 2, 7, 8, 31, 32, 63, 64, 65, 100, 127, 128])
    func ctrWrap(bits: Int) throws {
        let key = SymmetricKey(size: .bits128)
        let data = (0..<100).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        // A counter just below the wrap point of its counted bits.
        var counter = [UInt8](repeating: 0xA5, count: 16)
        for bit in 0..<bits {
            counter[15 - bit / 8] |= UInt8(1) << UInt8(bit % 8)
        }
        counter[15] &= ~UInt8(bits > 1 ? 2 : 0) // two blocks before the wrap when bits > 1
        let blocks = (data.count + 15) / 16
        if bits < 32, blocks > 1 << bits {
            #expect(throws: (any Error).self) {
                _ = try data.withUnsafeBytes { try aesCTR(key: key, counter: counter, counterBits: bits, data: $0) }
            }
            return
        }
        let ours = try data.withUnsafeBytes { try aesCTR(key: key, counter: counter, counterBits: bits, data: $0) }
        #expect(Array(ours) == (try referenceCTR(key: key, counter: counter, bits: bits, data: data)))
    }

    // MARK: Ed25519

    @Test("the small-order table holds the eight points of small order, with and without their sign bit")
    func smallOrder() {
        let identity = Data([1] + [UInt8](repeating: 0, count: 31))
        #expect(ed25519IsSmallOrder(identity))
        var signed = [UInt8](identity)
        signed[31] |= 0x80
        #expect(ed25519IsSmallOrder(Data(signed)))
        let basePoint = Data(Curve25519.Signing.PrivateKey().publicKey.rawRepresentation)
        #expect(!ed25519IsSmallOrder(basePoint))
        #expect(ed25519IsSmallOrder(Data([0, 1])), "not 32 bytes")
    }

    // MARK: RSA on swift-crypto's BoringSSL

    @Test("RSA keys sign and verify with PKCS#1 v1.5 and PSS of any salt length; OAEP with labels")
    func rsa() throws {
        let key = try RSAKeyMaterial.generate(bits: 1024, exponent: [1, 0, 1])
        let publicKey = try key.publicKey()
        #expect(key.modulusBits == 1024)
        #expect(publicKey.publicExponent == [1, 0, 1])
        let message = Array("verge".utf8)
        try message.withUnsafeBytes { data in
            for hash in [CryptoHash.sha1, .sha256, .sha384] {
                for (pss, salt) in [(false, 0), (true, 0), (true, 20), (true, hash.byteCount)] {
                    let signature = try key.sign(pss: pss, hash: hash, saltLength: salt, data: data)
                    try signature.withUnsafeBytes { sig in
                        #expect(publicKey.verify(pss: pss, hash: hash, saltLength: salt, signature: sig, data: data))
                        if pss { #expect(!publicKey.verify(pss: true, hash: hash, saltLength: salt + 1, signature: sig, data: data)) }
                    }
                }
            }
        }
        let ciphertext = try publicKey.oaep(encrypt: true, hash: .sha256, label: [1, 2], data: message)
        #expect(try key.oaep(encrypt: false, hash: .sha256, label: [1, 2], data: ciphertext) == message)
        #expect(throws: JSError.self) { _ = try key.oaep(encrypt: false, hash: .sha256, label: [], data: ciphertext) }
        // PKCS#8 and SPKI written here parse back to the same numbers.
        let pkcs8 = try #require(try key.exportDER(format: "pkcs8"))
        let spki = try #require(try publicKey.exportDER(format: "spki"))
        #expect(try RSAKeyMaterial.importDER(pkcs8, format: "pkcs8").jwkComponents() == key.jwkComponents())
        #expect(try RSAKeyMaterial.importDER(spki, format: "spki").jwkComponents() == publicKey.jwkComponents())
    }

    // MARK: Ops on an isolate

    @Test("RSA key generation runs off the isolate's thread: timers keep firing meanwhile")
    func rsaGenerationIsOffThread() async throws {
        let output = try await runWithOps("""
            let ticks = 0, done = false;
            const tick = () => { if (!done) { ticks++; setTimeout(tick, 1); } };
            setTimeout(tick, 0);
            ops.cryptoRsaGenerate(3072, new Uint8Array([1, 0, 1])).then((handles) => {
              done = true;
              console.log(`handles ${handles.length}, ticks while generating: ${ticks > 0}`);
            });
            """)
        #expect(output == ["handles 2, ticks while generating: true"])
    }

    @Test("PBKDF2 refuses iteration counts above the cap with OperationError")
    func pbkdf2Cap() async throws {
        let output = try await runWithOps("""
            const key = ops.cryptoSecretImport(new Uint8Array([1, 2, 3]), 24);
            for (const iterations of [\(cryptoMaxPBKDF2Iterations + 1), 0]) {
              try { ops.cryptoPbkdf2("SHA-256", key, new Uint8Array(0), iterations, 32); console.log("derived"); }
              catch (error) { console.log(`${error.name}`); }
            }
            ops.cryptoPbkdf2Async("SHA-256", key, new Uint8Array(0), 1000, 32).then((bits) => console.log(bits.byteLength));
            """)
        #expect(output == ["OperationError", "OperationError", "32"])
    }

    @Test("key handles are opaque: no properties, no prototype, refused where they do not fit")
    func opaqueHandles() async throws {
        let output = try await runWithOps("""
            const [privateKey, publicKey] = ops.cryptoGenerateKeyPair("P-256", false);
            console.log(Object.getPrototypeOf(privateKey) === null, Reflect.ownKeys(privateKey).length, JSON.stringify(privateKey));
            try { ops.cryptoHmacSign("SHA-256", privateKey, new Uint8Array(1)); } catch (error) { console.log(error.name); }
            try { ops.cryptoHmacSign("SHA-256", {}, new Uint8Array(1)); } catch (error) { console.log(error.name); }
            try { ops.cryptoEcdsaSign("SHA-256", publicKey, new Uint8Array(1)); } catch (error) { console.log(error.name); }
            """)
        #expect(output == ["true 0 {}", "InvalidAccessError", "TypeError", "InvalidAccessError"])
    }

    /// Runs `source` in a fresh realm whose global has `ops` (the realm's host ops, which user
    /// code never sees in production), until idle; returns the console lines.
    private func runWithOps(_ source: String) async throws -> [String] {
        let lines = NIOLockedValueBox<[String]>([])
        let loop = CryptoTests.group.next()
        let idle = try await loop.submit { () throws -> EventLoopFuture<Void> in
            let isolate = Isolate(eventLoop: loop)
            var options = RealmOptions()
            options.console = ConsoleSink { _, text in lines.withLockedValue { $0.append(text) } }
            options.chargeCallbacksToInvocation = false
            let realm = try isolate.makeRealm(name: "crypto-test", options: options)
            var registry = OpRegistry(realm: realm)
            registry.registerAll()
            let ops = try registry.makeObject()
            try realm.js.global.set("ops", ops)
            try realm.run { try realm.js.evaluate(source, sourceURL: "crypto-test.js") }
            // The isolate must outlive the realm (which holds it unowned) until idle.
            return isolate.whenIdle().map { withExtendedLifetime(isolate) { realm.close() } }
        }.get()
        try await idle.get()
        return lines.withLockedValue { $0 }
    }

    static let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
}
