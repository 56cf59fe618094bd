import Crypto
import Foundation
import VergeJS
import _CryptoExtras

// Web Crypto AES: AES-GCM (swift-crypto AES.GCM), AES-CBC with PKCS#7 padding (AES._CBC),
// AES-CTR with a counter of 1 to 128 bits (AES._CTR), AES-KW (AES.KeyWrap, RFC 3394).

/// AES-CTR per Web Crypto: the rightmost `counterBits` bits of the 16-byte counter block
/// count blocks and wrap around; the other bits stay fixed. swift-crypto's CTR increments
/// the whole 128-bit block, so the input is split where the counted bits wrap.
func aesCTR(key: SymmetricKey, counter: [UInt8], counterBits: Int, data: UnsafeRawBufferPointer) throws -> Data {
    let blockCount = (data.count + 15) / 16
    // Blocks left before the counted bits wrap to zero, capped at UInt64.max.
    var remaining = UInt64.max
    let low64 = counter[8..<16].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    if counterBits < 64 {
        let value = low64 & ((1 << UInt64(counterBits)) - 1)
        remaining = (1 << UInt64(counterBits)) - value
        guard UInt64(blockCount) <= 1 << UInt64(counterBits) else {
            throw CryptoError.operation("AES-CTR: the data needs more blocks than a \(counterBits)-bit counter can count")
        }
    } else {
        // Bits 64..<counterBits of the block (counted from the right) must all be ones for
        // a wrap to be reachable within 2^64 blocks.
        var highAllOnes = true
        for bit in 64..<counterBits {
            let byte = counter[15 - bit / 8]
            if byte >> UInt8(bit % 8) & 1 == 0 { highAllOnes = false; break }
        }
        if highAllOnes { remaining = low64 == 0 ? UInt64.max : (UInt64.max - low64) &+ 1 }
    }
    func run(_ part: UnsafeRawBufferPointer, _ block: [UInt8]) throws -> Data {
        guard part.count > 0 else { return Data() }
        return try AES._CTR.encrypt(part, using: key, nonce: try AES._CTR.Nonce(nonceBytes: block))
    }
    if UInt64(blockCount) <= remaining {
        return try run(data, counter)
    }
    let split = Int(remaining) * 16
    var wrapped = counter
    // Zero the counted bits.
    for bit in 0..<counterBits {
        wrapped[15 - bit / 8] &= ~(1 << UInt8(bit % 8))
    }
    var out = try run(UnsafeRawBufferPointer(rebasing: data[0..<split]), counter)
    out += try run(UnsafeRawBufferPointer(rebasing: data[split...]), wrapped)
    return out
}

/// AES-GCM encryption: ciphertext followed by the first `tagByteCount` bytes of the tag.
func aesGCMSeal(key: SymmetricKey, iv: UnsafeRawBufferPointer, aad: UnsafeRawBufferPointer, tagByteCount: Int,
                data: UnsafeRawBufferPointer) throws -> Data {
    let nonce = try gcmNonce(iv)
    let box: AES.GCM.SealedBox
    do {
        box = try AES.GCM.seal(data, using: key, nonce: nonce, authenticating: aad)
    } catch {
        throw CryptoError.operation("AES-GCM encryption failed: \(error)")
    }
    return box.ciphertext + box.tag.prefix(tagByteCount)
}

/// AES-GCM decryption of ciphertext || tag. A truncated tag (fewer than 16 bytes) is checked
/// by recomputing the full tag: GCM's keystream is the same both ways, so sealing the
/// ciphertext yields the plaintext, and sealing that yields the sender's tag.
func aesGCMOpen(key: SymmetricKey, iv: UnsafeRawBufferPointer, aad: UnsafeRawBufferPointer, tagByteCount: Int,
                data: UnsafeRawBufferPointer) throws -> Data {
    let nonce = try gcmNonce(iv)
    let ciphertext = UnsafeRawBufferPointer(rebasing: data[0..<(data.count - tagByteCount)])
    let tag = UnsafeRawBufferPointer(rebasing: data[(data.count - tagByteCount)...])
    do {
        if tagByteCount == 16 {
            let box = try AES.GCM.SealedBox(nonce: nonce, ciphertext: ciphertext, tag: tag)
            return try AES.GCM.open(box, using: key, authenticating: aad)
        }
        let plaintext = try AES.GCM.seal(ciphertext, using: key, nonce: nonce, authenticating: aad).ciphertext
        let expected = try AES.GCM.seal(plaintext, using: key, nonce: nonce, authenticating: aad).tag.prefix(tagByteCount)
        var difference: UInt8 = 0
        for (a, b) in zip(expected, tag) { difference |= a ^ b }
        guard difference == 0 else { throw CryptoError.operation("AES-GCM authentication failed") }
        return plaintext
    } catch let error as JSError {
        throw error
    } catch {
        throw CryptoError.operation("AES-GCM decryption failed: the data or its tag is not authentic")
    }
}

private func gcmNonce(_ iv: UnsafeRawBufferPointer) throws -> AES.GCM.Nonce {
    do {
        return try AES.GCM.Nonce(data: iv)
    } catch {
        throw CryptoError.operation("AES-GCM iv of \(iv.count) bytes is not supported (12 bytes or more are)")
    }
}

extension OpRegistry {
    mutating func registerCryptoAESOps() {
        let realm = self.realm

        // cryptoAesCtr(handle, counter, lengthBits, data) -> ArrayBuffer (both directions)
        add("cryptoAesCtr") { [unowned realm] frame in
            let key = try secretKey(frame, 0)
            let counter = Array(try frame.cryptoBytes(1))
            let bits = try frame.int(2)
            guard counter.count == 16, (1...128).contains(bits) else {
                throw CryptoError.operation("AES-CTR needs a 16-byte counter and a length of 1 to 128 bits")
            }
            return try cryptoRun(realm, [try frame.cryptoBytes(3)], { inputs in
                do {
                    return try aesCTR(key: key, counter: counter, counterBits: bits, data: inputs[0])
                } catch let error as JSError {
                    throw error
                } catch {
                    throw CryptoError.operation("AES-CTR failed: \(error)")
                }
            }, resolve: { try realm.js.makeArrayBuffer($0) })
        }

        // cryptoAesCbc(encrypt, handle, iv, data) -> ArrayBuffer
        add("cryptoAesCbc") { [unowned realm] frame in
            let encrypt = frame.bool(0)
            let key = try secretKey(frame, 1)
            let iv: AES._CBC.IV
            do { iv = try AES._CBC.IV(ivBytes: try frame.cryptoBytes(2)) } catch {
                throw CryptoError.operation("AES-CBC iv must be 16 bytes long")
            }
            return try cryptoRun(realm, [try frame.cryptoBytes(3)], { inputs in
                do {
                    return encrypt
                        ? try AES._CBC.encrypt(inputs[0], using: key, iv: iv)
                        : try AES._CBC.decrypt(inputs[0], using: key, iv: iv)
                } catch {
                    throw CryptoError.operation(encrypt ? "AES-CBC encryption failed" : "AES-CBC decryption failed: bad padding or key")
                }
            }, resolve: { try realm.js.makeArrayBuffer($0) })
        }

        // cryptoAesGcm(encrypt, handle, iv, additionalData, tagBytes, data) -> ArrayBuffer
        add("cryptoAesGcm") { [unowned realm] frame in
            let encrypt = frame.bool(0)
            let key = try secretKey(frame, 1)
            let tagByteCount = try frame.int(4)
            let inputs = [try frame.cryptoBytes(2), try frame.cryptoBytes(3), try frame.cryptoBytes(5)]
            guard (4...16).contains(tagByteCount), inputs[2].count >= (encrypt ? 0 : tagByteCount) else {
                throw CryptoError.operation("AES-GCM: invalid tag length or data")
            }
            return try cryptoRun(realm, inputs, { inputs in
                encrypt
                    ? try aesGCMSeal(key: key, iv: inputs[0], aad: inputs[1], tagByteCount: tagByteCount, data: inputs[2])
                    : try aesGCMOpen(key: key, iv: inputs[0], aad: inputs[1], tagByteCount: tagByteCount, data: inputs[2])
            }, resolve: { try realm.js.makeArrayBuffer($0) })
        }

        // cryptoAesKw(wrap, handle, data) -> ArrayBuffer
        add("cryptoAesKw") { [unowned realm] frame in
            let wrap = frame.bool(0)
            let kek = try secretKey(frame, 1)
            let data = try frame.cryptoBytes(2)
            do {
                if wrap {
                    guard data.count >= 16, data.count % 8 == 0 else {
                        throw CryptoError.operation("AES-KW wraps data of at least 16 bytes, in multiples of 8")
                    }
                    return try realm.js.makeArrayBuffer(try AES.KeyWrap.wrap(SymmetricKey(data: data), using: kek))
                }
                guard data.count >= 24, data.count % 8 == 0 else {
                    throw CryptoError.operation("AES-KW wrapped data is at least 24 bytes, in multiples of 8")
                }
                return try realm.js.makeArrayBuffer(try AES.KeyWrap.unwrap(data, using: kek))
            } catch let error as JSError {
                throw error
            } catch {
                throw CryptoError.operation(wrap ? "AES-KW wrapping failed" : "AES-KW unwrapping failed: the data is not authentic")
            }
        }
    }
}
