import Crypto
import Foundation
import NIOCore

/// One cached response: a `fetch` result (data cache) or a rendered route (full-route cache).
public struct CacheEntry: Sendable {
    public enum Kind: UInt8, Sendable, CaseIterable {
        /// A `fetch` response (the data cache). Keys start with "fetch:".
        case fetch = 1
        /// A statically rendered route (the full-route cache). Keys start with "route:".
        case route = 2

        /// The key prefix of this kind.
        public var prefix: String {
            switch self {
            case .fetch: return "fetch:"
            case .route: return "route:"
            }
        }

        /// The kind a key belongs to, from its prefix.
        public init?(key: String) {
            if key.hasPrefix("fetch:") { self = .fetch } else if key.hasPrefix("route:") { self = .route } else { return nil }
        }
    }

    public struct Header: Sendable, Equatable {
        public var name: String
        public var value: String
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public var key: String
    public var kind: Kind
    /// When it was stored (seconds since 1970, from the cache's clock).
    public var storedAt: Double
    /// Seconds it stays fresh after `storedAt`; nil: until invalidated (`revalidate: false`).
    public var revalidate: Double?
    /// Tags it answers to (`revalidateTag`), explicit and implicit (`_N_T_/path`).
    public var tags: [String]
    public var status: Int
    public var statusText: String
    public var headers: [Header]
    /// The final URL (after redirects) for fetches; the path for routes.
    public var url: String
    public var redirected: Bool
    /// A strong validator of the body (`"…"`), for `ETag` and `If-None-Match`.
    public var etag: String
    public var body: ByteBuffer

    public init(key: String, kind: Kind, storedAt: Double = 0, revalidate: Double?, tags: [String] = [], status: Int,
                statusText: String = "", headers: [Header], url: String, redirected: Bool = false, etag: String? = nil,
                body: ByteBuffer) {
        self.key = key
        self.kind = kind
        self.storedAt = storedAt
        self.revalidate = revalidate
        self.tags = tags
        self.status = status
        self.statusText = statusText
        self.headers = headers
        self.url = url
        self.redirected = redirected
        self.body = body
        self.etag = etag ?? CacheEntry.strongETag(of: body)
    }

    /// Bytes it takes in memory (roughly: body, strings and per-entry overhead).
    public var byteSize: Int {
        var size = 128 + body.readableBytes + key.utf8.count + url.utf8.count + etag.utf8.count + statusText.utf8.count
        for header in headers { size += header.name.utf8.count + header.value.utf8.count + 32 }
        for tag in tags { size += tag.utf8.count + 16 }
        return size
    }

    /// The first value of header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name.lowercased() == lowered }?.value
    }

    /// `"` + the first 16 bytes of the body's SHA-256, in hex, + `"`.
    public static func strongETag(of body: ByteBuffer) -> String {
        let digest = body.withUnsafeReadableBytes { SHA256.hash(data: $0) }
        return "\"" + digest.prefix(16).map { hexByte($0) }.joined() + "\""
    }
}

func hexByte(_ byte: UInt8) -> String {
    let digits: [Character] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "c", "d", "e", "f"]
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
}

/// SHA-256 of a string, in hex.
func sha256Hex(_ text: String) -> String {
    SHA256.hash(data: Data(text.utf8)).map { hexByte($0) }.joined()
}

// MARK: - Binary form

/// The on-disk form of an entry:
///
///     "VRGC" | version (1 byte) | payload length (UInt64 LE) | payload | SHA-256 of all before it (32 bytes)
///
/// A file that is short, has another magic or version, a length that does not match, or a
/// checksum that does not match is corrupt: the store logs it and treats it as a miss.
enum EntryCodec {
    static let magic: [UInt8] = Array("VRGC".utf8)
    static let version: UInt8 = 1
    static let headerSize = 4 + 1 + 8
    static let checksumSize = 32

    enum DecodeError: Error, CustomStringConvertible {
        case truncated(String)
        case badMagic
        case badVersion(UInt8)
        case badLength(expected: Int, actual: Int)
        case badChecksum
        case badPayload(String)

        var description: String {
            switch self {
            case .truncated(let what): return "truncated (\(what))"
            case .badMagic: return "not a cache entry (bad magic)"
            case .badVersion(let v): return "unknown format version \(v)"
            case .badLength(let expected, let actual): return "length mismatch (header says \(expected) bytes, file has \(actual))"
            case .badChecksum: return "checksum mismatch"
            case .badPayload(let why): return "malformed payload (\(why))"
            }
        }
    }

    static func encode(_ entry: CacheEntry) -> [UInt8] {
        var payload: [UInt8] = []
        payload.reserveCapacity(entry.byteSize + 64)
        payload.append(entry.kind.rawValue)
        appendUInt64(&payload, entry.storedAt.bitPattern)
        if let revalidate = entry.revalidate {
            payload.append(1)
            appendUInt64(&payload, revalidate.bitPattern)
        } else {
            payload.append(0)
        }
        appendUInt32(&payload, UInt32(clamping: entry.status))
        payload.append(entry.redirected ? 1 : 0)
        appendString(&payload, entry.key)
        appendString(&payload, entry.statusText)
        appendString(&payload, entry.url)
        appendString(&payload, entry.etag)
        appendUInt32(&payload, UInt32(entry.tags.count))
        for tag in entry.tags { appendString(&payload, tag) }
        appendUInt32(&payload, UInt32(entry.headers.count))
        for header in entry.headers {
            appendString(&payload, header.name)
            appendString(&payload, header.value)
        }
        appendUInt64(&payload, UInt64(entry.body.readableBytes))
        entry.body.withUnsafeReadableBytes { payload.append(contentsOf: $0) }

        var file: [UInt8] = magic
        file.reserveCapacity(headerSize + payload.count + checksumSize)
        file.append(version)
        appendUInt64(&file, UInt64(payload.count))
        file.append(contentsOf: payload)
        file.append(contentsOf: SHA256.hash(data: file))
        return file
    }

    static func decode(_ bytes: UnsafeRawBufferPointer) throws(DecodeError) -> CacheEntry {
        guard bytes.count >= headerSize + checksumSize else { throw .truncated("\(bytes.count) bytes") }
        guard Array(bytes[0..<4]) == magic else { throw .badMagic }
        guard bytes[4] == version else { throw .badVersion(bytes[4]) }
        var length: UInt64 = 0
        for index in 0..<8 { length |= UInt64(bytes[5 + index]) << (8 * UInt64(index)) }
        let expected = headerSize + Int(clamping: length) + checksumSize
        guard expected == bytes.count, length <= UInt64(Int.max / 2) else {
            throw .badLength(expected: expected, actual: bytes.count)
        }
        let checked = UnsafeRawBufferPointer(rebasing: bytes[0..<(bytes.count - checksumSize)])
        let digest = SHA256.hash(data: checked)
        guard digest.elementsEqual(bytes[(bytes.count - checksumSize)...]) else { throw .badChecksum }

        var reader = Reader(bytes: UnsafeRawBufferPointer(rebasing: bytes[headerSize..<(bytes.count - checksumSize)]))
        guard let kind = CacheEntry.Kind(rawValue: try reader.byte()) else { throw .badPayload("unknown kind") }
        let storedAt = Double(bitPattern: try reader.uint64())
        let revalidate: Double? = try reader.byte() == 1 ? Double(bitPattern: try reader.uint64()) : nil
        let status = Int(try reader.uint32())
        let redirected = try reader.byte() == 1
        let key = try reader.string()
        let statusText = try reader.string()
        let url = try reader.string()
        let etag = try reader.string()
        var tags: [String] = []
        let tagCount = try reader.uint32()
        for _ in 0..<tagCount { tags.append(try reader.string()) }
        var headers: [CacheEntry.Header] = []
        let headerCount = try reader.uint32()
        for _ in 0..<headerCount {
            let name = try reader.string()
            headers.append(CacheEntry.Header(name: name, value: try reader.string()))
        }
        let bodyLength = Int(clamping: try reader.uint64())
        let body = ByteBuffer(bytes: try reader.bytes(bodyLength))
        guard reader.isAtEnd else { throw .badPayload("trailing bytes") }
        return CacheEntry(key: key, kind: kind, storedAt: storedAt, revalidate: revalidate, tags: tags, status: status,
                          statusText: statusText, headers: headers, url: url, redirected: redirected, etag: etag, body: body)
    }

    private static func appendUInt32(_ out: inout [UInt8], _ value: UInt32) {
        for index in 0..<4 { out.append(UInt8(truncatingIfNeeded: value >> (8 * UInt32(index)))) }
    }

    private static func appendUInt64(_ out: inout [UInt8], _ value: UInt64) {
        for index in 0..<8 { out.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(index)))) }
    }

    private static func appendString(_ out: inout [UInt8], _ text: String) {
        let utf8 = Array(text.utf8)
        appendUInt32(&out, UInt32(utf8.count))
        out.append(contentsOf: utf8)
    }

    struct Reader {
        let bytes: UnsafeRawBufferPointer
        var offset = 0

        var isAtEnd: Bool { offset == bytes.count }

        mutating func bytes(_ count: Int) throws(DecodeError) -> UnsafeRawBufferPointer {
            guard count >= 0, count <= bytes.count - offset else { throw .badPayload("a field runs past the end") }
            defer { offset += count }
            return UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)])
        }

        mutating func byte() throws(DecodeError) -> UInt8 { try bytes(1)[0] }

        mutating func uint32() throws(DecodeError) -> UInt32 {
            let raw = try bytes(4)
            var value: UInt32 = 0
            for index in 0..<4 { value |= UInt32(raw[index]) << (8 * UInt32(index)) }
            return value
        }

        mutating func uint64() throws(DecodeError) -> UInt64 {
            let raw = try bytes(8)
            var value: UInt64 = 0
            for index in 0..<8 { value |= UInt64(raw[index]) << (8 * UInt64(index)) }
            return value
        }

        mutating func string() throws(DecodeError) -> String {
            let count = Int(try uint32())
            let raw = try bytes(count)
            guard let text = String(validating: raw, as: UTF8.self) else { throw .badPayload("a string is not UTF-8") }
            return text
        }
    }
}
