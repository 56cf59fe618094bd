import CVergeNative
import Foundation
import Testing
@testable import VergeEdge

/// The native side of the Encoding Standard: generated tables, the C decoders' contract
/// (state, fatal errors, bad arguments), and the ops as runtime-apis use them.
@Suite("Encoding: tables, native decoders and ops")
struct EncodingTests {
    /// The package root (Tests/VergeEdgeTests/EncodingTests.swift is three levels down).
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func generatedTablesMatchTheEncodingStandardData() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.root.appendingPathComponent("scripts/gen-encoding-tables").path, "--check"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        try process.run()
        process.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(message)")
    }

    private func label(_ text: String) -> Int32 {
        let units = Array(text.utf16)
        return units.withUnsafeBufferPointer { verge_encoding_for_label($0.baseAddress, $0.count) }
    }

    private func name(_ id: Int32) -> String? {
        verge_encoding_name(id).map { String(cString: $0) }
    }

    @Test func labelsResolveAsGetAnEncodingSays() {
        #expect(name(label("utf-8")) == "UTF-8")
        #expect(name(label(" \t\n\u{0C}\rLATIN1\r\n")) == "windows-1252")
        #expect(name(label("Shift_JIS")) == "Shift_JIS")
        #expect(name(label("x-user-defined")) == "x-user-defined")
        #expect(name(label("csiso2022kr")) == "replacement")
        #expect(label("") == -1)
        #expect(label("utf-8\u{0}") == -1, "NUL is not whitespace and must not end the label")
        #expect(label("\u{212A}oi8-r") == -1, "Unicode case folding does not apply")
        #expect(label("\u{A0}utf-8") == -1)
        #expect(label(String(repeating: "a", count: 1000)) == -1)
        #expect(verge_encoding_count() == 40)
        #expect(verge_encoding_name(-1) == nil)
        #expect(verge_encoding_name(40) == nil)
    }

    /// Decodes `chunks` with one decoder state; nil marks a fatal error.
    private func decode(_ encoding: String, _ chunks: [[UInt8]], fatal: Bool = false) -> [String?] {
        var state = [UInt8](repeating: 0, count: Int(VERGE_DECODER_STATE_SIZE))
        let id = label(encoding)
        var results: [String?] = []
        for (index, chunk) in chunks.enumerated() {
            let flush: Int32 = index == chunks.count - 1 ? 1 : 0
            var output: UnsafeMutablePointer<UInt16>?
            var consumed = 0
            let count = chunk.withUnsafeBufferPointer { input in
                verge_decode(id, &state, input.baseAddress, input.count, fatal ? 1 : 0, flush, &output, &consumed)
            }
            if count < 0 {
                results.append(nil)
                continue
            }
            results.append(String(decoding: UnsafeBufferPointer(start: output, count: count), as: UTF16.self))
            free(output)
        }
        return results
    }

    @Test func decodersKeepStateAcrossCalls() {
        #expect(decode("utf-8", [[0xF0, 0x9F], [0x98], [0x80, 0x41]]) == ["", "", "\u{1F600}A"])
        #expect(decode("gb18030", [[0x81, 0x30], [0x81], [0x41]]) == ["", "", "\u{FFFD}0\u{4E04}"])
        #expect(decode("iso-2022-jp", [[0x1B, 0x28], [0x4A, 0x5C]]) == ["", "\u{A5}"])
        #expect(decode("big5", [[0x88], [0x62]]) == ["", "\u{CA}\u{304}"])
        #expect(decode("utf-16be", [[0xD8], [0x3D, 0xDE], [0x00]]) == ["", "", "\u{1F600}"])
    }

    @Test func fatalErrorsReportHowManyBytesWereRead() {
        var state = [UInt8](repeating: 0, count: Int(VERGE_DECODER_STATE_SIZE))
        var output: UnsafeMutablePointer<UInt16>?
        var consumed = 0
        let bytes: [UInt8] = [0x41, 0xFF, 0x42, 0x43]
        let result = bytes.withUnsafeBufferPointer {
            verge_decode(label("utf-8"), &state, $0.baseAddress, $0.count, 1, 0, &output, &consumed)
        }
        #expect(result == Int(VERGE_DECODE_FATAL))
        #expect(consumed == 2)
        #expect(output == nil)
        #expect(decode("utf-8", [[0x41, 0xFF]], fatal: true) == [nil])
    }

    /// The Encoding Standard's indexes.json, as the generator read it.
    static func indexes() throws -> [String: [Any]] {
        let url = root.appendingPathComponent("runtime-apis/data/whatwg-encoding/indexes.json")
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
        return try #require(object as? [String: [Any]])
    }

    /// Decodes `bytes` in one call (replacement mode) and returns the code points.
    private func codePoints(_ encoding: String, _ bytes: [UInt8]) -> [UInt32] {
        guard let string = decode(encoding, [bytes]).first ?? nil else { return [] }
        return string.unicodeScalars.map(\.value)
    }

    /// Every pointer of every multi-byte index, turned into bytes with the spec's formulas,
    /// decodes to the index's code point (or to U+FFFD, plus an ASCII trail byte the decoder
    /// restores, where the index has none).
    @Test func everyPointerOfEveryIndexDecodes() throws {
        let indexes = try Self.indexes()
        func table(_ name: String) throws -> [UInt32?] {
            try #require(indexes[name]).map { ($0 as? NSNumber)?.uint32Value }
        }
        func check(_ encoding: String, _ bytes: [UInt8], _ expected: UInt32?, restoresTrail: Bool, _ note: String) {
            let got = codePoints(encoding, bytes)
            if let expected {
                #expect(got == [expected], "\(encoding) \(note) \(bytes)")
            } else {
                let trail = bytes[bytes.count - 1]
                let want: [UInt32] = restoresTrail && trail < 0x80 ? [0xFFFD, UInt32(trail)] : [0xFFFD]
                #expect(got == want, "\(encoding) \(note) \(bytes) has no code point")
            }
        }

        let gb18030 = try table("gb18030")
        for (pointer, cp) in gb18030.enumerated() {
            let trail = pointer % 190
            let bytes = [UInt8(pointer / 190 + 0x81), UInt8(trail + (trail < 0x3F ? 0x40 : 0x41))]
            check("gb18030", bytes, cp, restoresTrail: true, "pointer \(pointer)")
            check("gbk", bytes, cp, restoresTrail: true, "pointer \(pointer)")
        }
        // Four-byte sequences: the first and last pointer of every range, and pointer 7457.
        let ranges = try #require(indexes["gb18030-ranges"] as? [[NSNumber]])
        func fourBytes(_ pointer: Int) -> [UInt8] {
            [UInt8(pointer / 12600 + 0x81), UInt8(pointer % 12600 / 1260 + 0x30),
             UInt8(pointer % 1260 / 10 + 0x81), UInt8(pointer % 10 + 0x30)]
        }
        for (i, range) in ranges.enumerated() {
            let pointer = range[0].intValue, cp = range[1].uint32Value
            if pointer != 7457 { check("gb18030", fourBytes(pointer), cp, restoresTrail: false, "ranges pointer \(pointer)") }
            if i + 1 < ranges.count {
                let last = ranges[i + 1][0].intValue - 1
                if last != 7457 && (last <= 39419 || last >= 189000) {
                    check("gb18030", fourBytes(last), cp + UInt32(last - pointer), restoresTrail: false, "ranges pointer \(last)")
                }
            }
        }
        check("gb18030", fourBytes(7457), 0xE7C7, restoresTrail: false, "pointer 7457")
        check("gb18030", fourBytes(39420), nil, restoresTrail: false, "pointer 39420")
        check("gb18030", fourBytes(1237575), 0x10FFFF, restoresTrail: false, "pointer 1237575")

        let big5 = try table("big5")
        let pairs: [Int: [UInt32]] = [1133: [0xCA, 0x304], 1135: [0xCA, 0x30C], 1164: [0xEA, 0x304], 1166: [0xEA, 0x30C]]
        for (pointer, cp) in big5.enumerated() {
            let trail = pointer % 157
            let bytes = [UInt8(pointer / 157 + 0x81), UInt8(trail + (trail < 0x3F ? 0x40 : 0x62))]
            if let pair = pairs[pointer] {
                #expect(codePoints("big5", bytes) == pair, "big5 pointer \(pointer)")
            } else {
                check("big5", bytes, cp, restoresTrail: true, "pointer \(pointer)")
            }
        }

        let jis0208 = try table("jis0208")
        for (pointer, cp) in jis0208.enumerated() {
            if pointer < 94 * 94 {
                let lead = UInt8(pointer / 94), trail = UInt8(pointer % 94)
                check("euc-jp", [lead + 0xA1, trail + 0xA1], cp, restoresTrail: true, "pointer \(pointer)")
                let iso = codePoints("iso-2022-jp", [0x1B, 0x24, 0x42, lead + 0x21, trail + 0x21])
                #expect(iso == [cp ?? 0xFFFD], "iso-2022-jp pointer \(pointer)")
            }
            let lead = pointer / 188, trail = pointer % 188
            let bytes = [UInt8(lead + (lead < 0x1F ? 0x81 : 0xC1)), UInt8(trail + (trail < 0x3F ? 0x40 : 0x41))]
            let expected = (8836...10715).contains(pointer) ? UInt32(0xE000 + pointer - 8836) : cp
            check("shift_jis", bytes, expected, restoresTrail: true, "pointer \(pointer)")
        }

        let jis0212 = try table("jis0212")
        for (pointer, cp) in jis0212.enumerated() {
            check("euc-jp", [0x8F, UInt8(pointer / 94 + 0xA1), UInt8(pointer % 94 + 0xA1)], cp, restoresTrail: false,
                  "jis0212 pointer \(pointer)")
        }

        let euckr = try table("euc-kr")
        for (pointer, cp) in euckr.enumerated() {
            check("euc-kr", [UInt8(pointer / 190 + 0x81), UInt8(pointer % 190 + 0x41)], cp, restoresTrail: true,
                  "pointer \(pointer)")
        }
    }

    /// One decode call with flags; nil for a fatal error, else the UTF-16 units, plus the
    /// bytes read.
    private func decodeUnits(_ id: Int32, _ state: inout [UInt8], _ chunk: ArraySlice<UInt8>, flags: Int32)
        -> (units: [UInt16]?, consumed: Int) {
        var output: UnsafeMutablePointer<UInt16>?
        var consumed = 0
        let count = chunk.withUnsafeBufferPointer { input in
            verge_decode_with_flags(id, &state, input.baseAddress, input.count, flags, &output, &consumed)
        }
        guard count >= 0 else { return (nil, consumed) }
        defer { free(output) }
        return (Array(UnsafeBufferPointer(start: output, count: count)), consumed)
    }

    /// The fast paths (ASCII runs, whole sequences) must give exactly what the spec's handlers
    /// give byte by byte: same output, same errors, same bytes read, for every encoding, on
    /// random input cut into random chunks.
    @Test func fastPathsAgreeWithTheSpecHandlers() {
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            seed ^= seed << 13
            seed ^= seed >> 7
            seed ^= seed << 17
            return seed
        }
        var checks = 0
        for id in 0..<verge_encoding_count() {
            for round in 0..<300 {
                let length = Int(next() % 40)
                let bytes: [UInt8] = (0..<length).map { _ in
                    let r = next()
                    switch round % 4 {
                    case 0: return UInt8(truncatingIfNeeded: r)
                    case 1: return UInt8(0x80 + r % 0x80)
                    case 2: return r & 3 == 0 ? UInt8(0x20 + (r >> 2) % 0x5F) : UInt8(0xA1 + (r >> 2) % 0x5E)
                    default: return r & 1 == 0 ? UInt8(0x1B + (r >> 1) % 0x70) : UInt8(0x81 + (r >> 1) % 0x7E)
                    }
                }
                let fatal: Int32 = round % 3 == 0 ? VERGE_DECODE_FLAG_FATAL : 0
                var fastState = [UInt8](repeating: 0, count: Int(VERGE_DECODER_STATE_SIZE))
                var slowState = fastState
                var position = 0
                while true {
                    let size = position < length ? Int(next() % UInt64(length - position + 1)) : 0
                    let flush = position + size >= length && next() & 1 == 0
                    let flags = fatal | (flush ? VERGE_DECODE_FLAG_FLUSH : 0)
                    let chunk = bytes[position..<position + size]
                    let fast = decodeUnits(id, &fastState, chunk, flags: flags)
                    let slow = decodeUnits(id, &slowState, chunk, flags: flags | VERGE_DECODE_FLAG_NO_FAST_PATHS)
                    #expect(fast.units == slow.units && fast.consumed == slow.consumed,
                            "\(String(cString: verge_encoding_name(id))) \(bytes) chunk at \(position)")
                    checks += 1
                    if fast.units == nil {
                        // As TextDecoder does: what was not read stays queued for the next call.
                        position += fast.consumed
                        if flush { break }
                        continue
                    }
                    position += size
                    if flush { break }
                }
            }
        }
        #expect(checks > 10_000)
    }

    @Test func badArgumentsAreErrorsNotCrashes() {
        var state = [UInt8](repeating: 0, count: Int(VERGE_DECODER_STATE_SIZE))
        var output: UnsafeMutablePointer<UInt16>?
        var consumed = 0
        #expect(verge_decode(99, &state, nil, 0, 0, 1, &output, &consumed) == Int(VERGE_DECODE_INVALID))
        #expect(verge_decode(0, nil, nil, 0, 0, 1, &output, &consumed) == Int(VERGE_DECODE_INVALID))
        // A state with garbage (e.g. a restore stack count beyond its capacity) is clamped.
        state = [UInt8](repeating: 0xFF, count: Int(VERGE_DECODER_STATE_SIZE))
        for id in 0..<verge_encoding_count() {
            let result = verge_decode(id, &state, nil, 0, 0, 1, &output, &consumed)
            #expect(result >= 0 || result == Int(VERGE_DECODE_FATAL))
            free(output)
            output = nil
        }
    }

    /// Console lines of a script run in a fresh sandbox.
    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        var all: [String] { lock.withLock { lines } }
        func append(_ line: String) { lock.withLock { lines.append(line) } }
    }

    private func run(_ source: String) -> (status: Int32, output: [String]) {
        let lines = Lines()
        let status = ScriptRunner.run(source: source, sourceURL: "encoding-test.js",
                                      console: ConsoleSink { _, text in lines.append(text) })
        return (status, lines.all)
    }

    @Test func opsDecodeEveryEncodingFromJavaScript() {
        let (status, output) = run("""
            const d = (label, bytes, options) => new TextDecoder(label, options).decode(new Uint8Array(bytes));
            console.log(d("shift_jis", [0x82, 0xA0]), d("euc-kr", [0xB0, 0xA1]), d("big5", [0xA4, 0x40]),
              d("gbk", [0xC4, 0xE3]), d("koi8-r", [0xC1]), d("utf-16be", [0x00, 0x41]));
            try { d("utf-8", [0xFF], { fatal: true }); } catch (e) { console.log(e.name, e.message); }
            console.log(new TextEncoder().encode("é").join(","));
            """)
        #expect(status == 0)
        #expect(output == [
            "あ 가 一 你 а A",
            "TypeError Failed to execute 'decode' on 'TextDecoder': The encoded data was not valid for encoding utf-8.",
            "195,169",
        ])
    }
}
