import CJavaScriptCore
import VergeJS

/// Ops behind CompressionStream and DecompressionStream (runtime-apis/21_compression.js):
/// a per-realm table of zlib/brotli contexts addressed by integer ids. The work is
/// synchronous on the isolate's thread (zlib runs at hundreds of MB/s; a hop to another
/// thread would cost more than it saves for typical chunk sizes).
///
/// - `compressionCreate(format, decompress)` → id (TypeError for an unknown format)
/// - `compressionPush(id, bytes)` → Uint8Array | undefined | [Uint8Array | undefined, message]:
///   the output for one chunk; the array form means the output is followed by an error
///   (data after the end of the compressed stream), which JS throws after enqueuing it.
///   Throws TypeError for corrupt input.
/// - `compressionFinish(id)` → Uint8Array | undefined; throws TypeError for truncated input.
///   Frees the context.
/// - `compressionFree(id)`: drops a context (stream cancelled or garbage collected).
extension OpRegistry {
    mutating func registerCompressionOps() {
        let realm = self.realm
        let table = CompressionTable()

        add("compressionCreate") { [unowned realm] frame in
            let name = try frame.string(0)
            guard let format = Codec.Format(compressionFormat: name) else {
                throw JSError.typeError("Unsupported compression format: '\(name)'")
            }
            let codec = try Codec(format: format, decompress: frame.bool(1))
            return realm.js.makeNumber(Double(table.insert(codec)))
        }

        add("compressionPush") { [unowned realm] frame in
            let codec = try table.codec(try frame.int(0))
            guard let input = frame.bytes(1) else { throw JSError.typeError("compressionPush needs a Uint8Array") }
            if codec.decompressing && codec.ended {
                // Anything after the end of the compressed stream is an error.
                if input.count > 0 { throw JSError.typeError(trailingDataMessage(codec)) }
                return nil
            }
            let result: (output: UnsafeMutableRawPointer?, count: Int, consumed: Int)
            do {
                result = try codec.processAll(input, finish: false)
            } catch let error as Codec.Failure {
                throw JSError.typeError(message(for: error, codec))
            }
            let chunk: JSValueRef
            if let output = result.output {
                chunk = try realm.js.makeUint8Array(takingMalloced: output, count: result.count)
            } else {
                chunk = realm.js.makeUndefined()
            }
            if result.consumed < input.count {
                return try realm.js.array([realm.js.wrap(chunk), realm.js.string(trailingDataMessage(codec))]).ref
            }
            return chunk
        }

        add("compressionFinish") { [unowned realm] frame in
            let id = try frame.int(0)
            let codec = try table.codec(id)
            table.remove(id)
            if codec.decompressing && codec.ended { return nil }
            let empty = UnsafeRawBufferPointer(start: nil, count: 0)
            let result: (output: UnsafeMutableRawPointer?, count: Int, consumed: Int)
            do {
                result = try codec.processAll(empty, finish: true)
            } catch let error as Codec.Failure {
                throw JSError.typeError(message(for: error, codec))
            }
            guard let output = result.output else { return nil }
            return try realm.js.makeUint8Array(takingMalloced: output, count: result.count)
        }

        add("compressionFree") { frame in
            table.remove(try frame.int(0))
            return nil
        }
    }
}

private func trailingDataMessage(_ codec: Codec) -> String {
    "Failed to decompress: the input has data after the end of the \(codec.format) stream"
}

private func message(for error: Codec.Failure, _ codec: Codec) -> String {
    switch error {
    case .truncated:
        return "Failed to decompress: the \(codec.format) input ended before the end of the compressed stream"
    case .corrupt(let why):
        return "Failed to decompress: the \(codec.format) input is corrupt (\(why))"
    case .internalFailure(let why):
        return "Failed to \(codec.decompressing ? "decompress" : "compress") \(codec.format): \(why)"
    }
}

/// The live codecs of one realm; dropped with the realm's ops.
final class CompressionTable {
    private var codecs: [Int: Codec] = [:]
    private var nextID = 1

    func insert(_ codec: Codec) -> Int {
        let id = nextID
        nextID += 1
        codecs[id] = codec
        return id
    }

    func codec(_ id: Int) throws -> Codec {
        guard let codec = codecs[id] else {
            throw JSError.typeError("The compression stream is already closed")
        }
        return codec
    }

    func remove(_ id: Int) { codecs.removeValue(forKey: id) }
}
