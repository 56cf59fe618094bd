import CVergeNative

#if canImport(Glibc)
import Glibc
#endif

/// A streaming compressor or decompressor (zlib or brotli, in C), confined to one thread.
/// CompressionStream/DecompressionStream and fetch's Content-Encoding decoding drive it.
final class Codec {
    enum Format: Int32 {
        case deflate = 0, deflateRaw = 1, gzip = 2, brotli = 3
        /// Decompression only: HTTP's "deflate", zlib-wrapped or raw.
        case deflateAuto = 4

        init?(compressionFormat name: String) {
            switch name {
            case "deflate": self = .deflate
            case "deflate-raw": self = .deflateRaw
            case "gzip": self = .gzip
            case "brotli": self = .brotli
            default: return nil
            }
        }

        /// A Content-Encoding token browsers decode, or nil.
        init?(contentCoding token: String) {
            switch token.lowercased() {
            case "gzip", "x-gzip": self = .gzip
            case "deflate": self = .deflateAuto
            case "br": self = .brotli
            default: return nil
            }
        }
    }

    enum Failure: Error, CustomStringConvertible {
        /// Invalid compressed data.
        case corrupt(String)
        /// The input ended before the compressed stream did.
        case truncated
        /// Out of memory, or the codec could not be created.
        case internalFailure(String)

        var description: String {
            switch self {
            case .corrupt(let why): return "the compressed data is corrupt (\(why))"
            case .truncated: return "the compressed data ended before the end of the compressed stream"
            case .internalFailure(let why): return "compression failed: \(why)"
            }
        }
    }

    let format: Format
    let decompressing: Bool
    private let handle: OpaquePointer

    init(format: Format, decompress: Bool, level: Int32 = -1) throws {
        guard let handle = verge_codec_new(format.rawValue, decompress ? 1 : 0, level) else {
            throw Failure.internalFailure("could not set up a \(format) \(decompress ? "decompressor" : "compressor")")
        }
        self.format = format
        self.decompressing = decompress
        self.handle = handle
    }

    deinit { verge_codec_free(handle) }

    /// True once a decompressor has seen the end of its compressed stream.
    var ended: Bool { verge_codec_ended(handle) != 0 }

    /// One step: reads from `input`, writes at most `capacity` bytes to `output`.
    /// Returns (consumed, produced, reachedEnd).
    func step(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawPointer, capacity: Int,
              finish: Bool) throws -> (consumed: Int, produced: Int, end: Bool) {
        var consumed = 0
        var produced = 0
        let status = verge_codec_process(
            handle, input.baseAddress?.assumingMemoryBound(to: UInt8.self), input.count, &consumed,
            output.assumingMemoryBound(to: UInt8.self), capacity, &produced, finish ? 1 : 0)
        switch status {
        case VERGE_CODEC_OK.rawValue: return (consumed, produced, false)
        case VERGE_CODEC_END.rawValue: return (consumed, produced, true)
        case VERGE_CODEC_TRUNCATED.rawValue: throw Failure.truncated
        case VERGE_CODEC_DATA_ERROR.rawValue: throw Failure.corrupt(String(cString: verge_codec_message(handle)))
        default: throw Failure.internalFailure(String(cString: verge_codec_message(handle)))
        }
    }

    /// Runs `input` through the codec and returns everything it produces, in a `malloc`ed
    /// buffer (nil when nothing was produced). `consumed` says how much input was used:
    /// less than all of it only when a decompressor reached the end of its stream.
    func processAll(_ input: UnsafeRawBufferPointer, finish: Bool) throws
        -> (output: UnsafeMutableRawPointer?, count: Int, consumed: Int)
    {
        var capacity = max(16 << 10, decompressing ? min(input.count * 4, 8 << 20) : input.count / 2 + 1024)
        guard var buffer = malloc(capacity) else { throw Failure.internalFailure("out of memory") }
        var length = 0
        var offset = 0
        do {
            while true {
                if capacity - length < 1024 {
                    capacity *= 2
                    guard let grown = realloc(buffer, capacity) else { throw Failure.internalFailure("out of memory") }
                    buffer = grown
                }
                let rest = UnsafeRawBufferPointer(rebasing: input[offset...])
                let (used, made, end) = try step(rest, into: buffer + length, capacity: capacity - length, finish: finish)
                offset += used
                length += made
                if end { break }
                // Done when the input is used up and the last step left room in the buffer.
                if offset == input.count && length < capacity { break }
            }
        } catch {
            free(buffer)
            throw error
        }
        if length == 0 {
            free(buffer)
            return (nil, 0, offset)
        }
        return (realloc(buffer, length) ?? buffer, length, offset)
    }
}

extension Codec.Format: CustomStringConvertible {
    var description: String {
        switch self {
        case .deflate: return "deflate"
        case .deflateRaw: return "deflate-raw"
        case .gzip: return "gzip"
        case .brotli: return "brotli"
        case .deflateAuto: return "deflate"
        }
    }
}
