import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import Testing
@testable import VergeEdge
import VergeTestServer

#if canImport(Glibc)
import Glibc
#endif

/// fetch() end to end: JS in an edge sandbox against the loopback test server.
@Suite(.serialized)
struct FetchTests {
    /// Output of one script: console lines and the runner's outcome.
    struct Run {
        var lines: [String]
        var outcome: ScriptRunner.Outcome
        var text: String { lines.joined(separator: "\n") }
    }

    /// Starts a test server, runs `source` with VERGE_TEST_SERVER set, returns its output.
    static func run(_ source: String, limits: IsolateLimits = .unlimited, timeout: TimeAmount = .seconds(60),
                    location: String? = nil) async throws -> Run {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        let server = try await TestServer.start(group: group)
        let lines = NIOLockedValueBox<[String]>([])
        let console = ConsoleSink { _, text in lines.withLockedValue { $0.append(text) } }
        let outcome = try await ScriptRunner.run(
            on: group.next(), source: source, sourceURL: "fetch-test.js", limits: limits,
            env: ["VERGE_TEST_SERVER": server.origin], location: location, console: console, timeout: timeout
        ).get()
        try await server.shutdown()
        try await group.shutdownGracefully()
        return Run(lines: lines.withLockedValue { $0 }, outcome: outcome)
    }

    /// Runs `body` (an async function body using `server`) and expects it to log "ok".
    static func expectOK(_ body: String, limits: IsolateLimits = .unlimited,
                         sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let source = """
            const server = process.env.VERGE_TEST_SERVER;
            (async () => {
            \(body)
            })().then(() => console.log("ok"), (e) => console.log("FAILED: " + e + (e && e.cause ? " cause: " + e.cause : "") + "\\n" + (e && e.stack)));
            """
        let result = try await run(source, limits: limits)
        #expect(result.lines.last == "ok", "\(result.text)\n\(result.outcome.uncaught)", sourceLocation: sourceLocation)
        #expect(result.outcome.status == 0, "\(result.outcome.uncaught)", sourceLocation: sourceLocation)
    }

    @Test func getEchoesTheRequest() async throws {
        try await Self.expectOK("""
            const response = await fetch(server + "/echo?a=1", { headers: { "x-test": "yes" } });
            if (response.status !== 200) throw new Error("status " + response.status);
            const echo = await response.json();
            if (echo.method !== "GET" || echo.url !== "/echo?a=1") throw new Error(JSON.stringify(echo));
            if (!echo.headers.some(([n, v]) => n === "x-test" && v === "yes")) throw new Error("header missing");
            """)
    }

    @Test func streamingUploadAndDownload() async throws {
        try await Self.expectOK("""
            let sent = 0;
            const total = 16 * 1024 * 1024;
            const body = new ReadableStream({
              pull(c) {
                if (sent >= total) return c.close();
                const chunk = new Uint8Array(65536).fill(1);
                sent += chunk.length;
                c.enqueue(chunk);
              },
            });
            const up = await (await fetch(server + "/upload", { method: "POST", body, duplex: "half" })).json();
            if (up.bytes !== total || up.sum !== total || !up.chunked) throw new Error(JSON.stringify(up));
            const down = await fetch(server + "/bytes?n=" + total);
            const reader = down.body.getReader();
            let received = 0;
            for (;;) {
              const { value, done } = await reader.read();
              if (done) break;
              for (let i = 0; i < value.length; i += 4093) {
                if (value[i] !== ((received + i) & 255)) throw new Error("bad byte at " + (received + i));
              }
              received += value.length;
            }
            if (received !== total) throw new Error("received " + received);
            """)
    }

    /// A 200 MB response read slowly: the process must not buffer it (RSS stays bounded).
    @Test func slowReaderKeepsMemoryBounded() async throws {
        let baseline = residentSetSize()
        let peak = NIOLockedValueBox(baseline)
        let sampling = Task {
            while !Task.isCancelled {
                let rss = residentSetSize()
                peak.withLockedValue { $0 = max($0, rss) }
                try? await Task.sleep(for: .milliseconds(20))
            }
        }
        try await Self.expectOK("""
            const total = 200 * 1024 * 1024;
            const response = await fetch(server + "/bytes?n=" + total);
            const reader = response.body.getReader();
            let received = 0;
            let pauses = 0;
            for (;;) {
              const { value, done } = await reader.read();
              if (done) break;
              received += value.length;
              // Pause now and then: a reader that stops must stop the download too.
              if (received > (pauses + 1) * 40 * 1024 * 1024) {
                pauses++;
                await new Promise((resolve) => setTimeout(resolve, 300));
              }
            }
            if (received !== total) throw new Error("received " + received);
            """)
        sampling.cancel()
        let growth = peak.withLockedValue { $0 } - baseline
        print("slowReaderKeepsMemoryBounded: RSS grew by \(growth >> 20) MB (peak \(peak.withLockedValue { $0 } >> 20) MB) streaming 200 MB")
        // RSS is process-wide and other suites run in parallel: the bound only says the
        // 200 MB were not held (backpressureStopsTheServer measures it exactly).
        #expect(growth < 150 << 20, "RSS grew by \(growth >> 20) MB while streaming 200 MB")
    }

    /// While JS does not read, the server cannot send more than the socket buffers and
    /// fetch's small read-ahead hold.
    @Test func backpressureStopsTheServer() async throws {
        try await Self.expectOK("""
            const total = 200 * 1024 * 1024;
            const response = await fetch(server + "/bytes?id=bp&n=" + total);
            const reader = response.body.getReader();
            let received = 0;
            while (received < 1024 * 1024) received += (await reader.read()).value.length;
            await new Promise((resolve) => setTimeout(resolve, 500));
            const sent = Number(await (await fetch(server + "/progress?id=bp")).text());
            if (sent > 48 * 1024 * 1024) throw new Error("the server sent " + sent + " bytes to a reader that took " + received);
            await reader.cancel();
            """)
    }

    @Test func abortMidBody() async throws {
        try await Self.expectOK("""
            const controller = new AbortController();
            const response = await fetch(server + "/stall?after=100", { signal: controller.signal });
            const reader = response.body.getReader();
            const first = await reader.read();
            if (first.value.length !== 100) throw new Error("first chunk " + first.value.length);
            const pending = reader.read();
            const reason = new Error("stop now");
            controller.abort(reason);
            const error = await pending.then(() => null, (e) => e);
            if (error !== reason) throw new Error("rejected with " + error);
            """)
    }

    @Test func abortWhileWaitingForHeaders() async throws {
        try await Self.expectOK("""
            const controller = new AbortController();
            const p = fetch(server + "/stall-head", { signal: controller.signal });
            setTimeout(() => controller.abort(), 20);
            const error = await p.then(() => null, (e) => e);
            if (!error || error.name !== "AbortError") throw new Error("rejected with " + error);
            """)
    }

    @Test func timeoutViaAbortSignalTimeout() async throws {
        try await Self.expectOK("""
            const started = Date.now();
            const error = await fetch(server + "/stall-head", { signal: AbortSignal.timeout(100) }).then(() => null, (e) => e);
            if (!error || error.name !== "TimeoutError") throw new Error("rejected with " + error);
            if (Date.now() - started > 5000) throw new Error("took too long");
            """)
    }

    @Test(arguments: [301, 302, 303, 307, 308])
    func redirectKinds(status: Int) async throws {
        let rewritten = status == 301 || status == 302 || status == 303
        try await Self.expectOK("""
            const response = await fetch(server + "/redirect/\(status)?to=/echo", { method: "POST", body: "b" });
            if (!response.redirected) throw new Error("not redirected");
            if (response.url !== server + "/echo") throw new Error("url " + response.url);
            const echo = await response.json();
            if (echo.method !== "\(rewritten ? "GET" : "POST")") throw new Error("method " + echo.method);
            if (echo.body !== "\(rewritten ? "" : "b")") throw new Error("body " + echo.body);
            const manual = await fetch(server + "/redirect/\(status)?to=/echo", { redirect: "manual" });
            if (manual.status !== \(status)) throw new Error("manual status " + manual.status);
            const error = await fetch(server + "/redirect/\(status)?to=/echo", { redirect: "error" }).then(() => null, (e) => e);
            if (!(error instanceof TypeError)) throw new Error("redirect: error gave " + error);
            """)
    }

    @Test func redirectLimitAndLoops() async throws {
        try await Self.expectOK("""
            const ok = await fetch(server + "/redirect-chain/20");
            if (ok.status !== 200) throw new Error("20 redirects: " + ok.status);
            const tooMany = await fetch(server + "/redirect-chain/21").then(() => null, (e) => e);
            if (!(tooMany instanceof TypeError)) throw new Error("21 redirects: " + tooMany);
            const loop = await fetch(server + "/redirect-loop").then(() => null, (e) => e);
            if (!(loop instanceof TypeError)) throw new Error("loop: " + loop);
            """)
    }

    @Test func chunkedAndContentLengthBodies() async throws {
        try await Self.expectOK("""
            for (const path of ["/chunked?n=123457&chunk=1000", "/content-length?n=123457"]) {
              const bytes = new Uint8Array(await (await fetch(server + path)).arrayBuffer());
              if (bytes.length !== 123457) throw new Error(path + ": " + bytes.length);
              for (let i = 0; i < bytes.length; i++) if (bytes[i] !== (i & 255)) throw new Error(path + " byte " + i);
            }
            """)
    }

    @Test func contentEncodingsAreDecoded() async throws {
        try await Self.expectOK("""
            for (const coding of ["gzip", "deflate", "deflate-raw", "br"]) {
              const text = await (await fetch(server + "/encoded/" + coding + "?n=300000")).text();
              if (text.length !== 300000 || !text.startsWith("0123456789")) throw new Error(coding + ": " + text.length);
            }
            const corrupt = await fetch(server + "/encoded/gzip?n=100000&corrupt=1");
            const error = await corrupt.arrayBuffer().then(() => null, (e) => e);
            if (!(error instanceof TypeError)) throw new Error("corrupt gzip: " + error);
            """)
    }

    @Test func largeHeaders() async throws {
        try await Self.expectOK("""
            const response = await fetch(server + "/large-headers?size=60000");
            if (response.headers.get("x-large-0").length !== 60000) throw new Error("response header");
            const big = "h".repeat(30000);
            const echo = await (await fetch(server + "/echo", { headers: { "x-big": big } })).json();
            if (!echo.headers.some(([n, v]) => n === "x-big" && v === big)) throw new Error("request header");
            """)
    }

    @Test func connectionRefused() async throws {
        // A port that was just free: bind, note it, close.
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let channel = try await ServerBootstrap(group: group).bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress?.port ?? 1
        try await channel.close()
        try await group.shutdownGracefully()
        try await Self.expectOK("""
            const error = await fetch("http://127.0.0.1:\(port)/").then(() => null, (e) => e);
            if (!(error instanceof TypeError) || error.message !== "fetch failed") throw new Error("got " + error);
            if (error.cause.code !== "ECONNREFUSED") throw new Error("cause " + error.cause + " code " + error.cause.code);
            """)
    }

    @Test func unsupportedSchemes() async throws {
        try await Self.expectOK("""
            const error = await fetch("file:///etc/passwd").then(() => null, (e) => e);
            if (!(error instanceof TypeError) || !error.message.includes("file:")) throw new Error("got " + error);
            """)
    }

    @Test func relativeURLWithoutLocationIsATypeError() async throws {
        try await Self.expectOK("""
            const error = await fetch("/relative").then(() => null, (e) => e);
            if (!(error instanceof TypeError)) throw new Error("got " + error);
            if (typeof location !== "undefined") throw new Error("no location expected");
            """)
    }

    @Test func relativeURLWithLocation() async throws {
        let source = """
            const server = process.env.VERGE_TEST_SERVER;
            fetch("/echo?rel=1").then((r) => r.json()).then((echo) => console.log(echo.url + " " + location.href),
              (e) => console.log("FAILED " + e));
            """
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let server = try await TestServer.start(group: group)
        let lines = NIOLockedValueBox<[String]>([])
        let console = ConsoleSink { _, text in lines.withLockedValue { $0.append(text) } }
        _ = try await ScriptRunner.run(on: group.next(), source: source, sourceURL: "t.js",
                                       env: ["VERGE_TEST_SERVER": server.origin], location: server.origin + "/base/",
                                       console: console, timeout: .seconds(30)).get()
        try await server.shutdown()
        try await group.shutdownGracefully()
        #expect(lines.withLockedValue { $0 } == ["/echo?rel=1 \(server.origin)/base/"])
    }

    @Test func subrequestLimit() async throws {
        var limits = IsolateLimits.unlimited
        limits.subrequestsPerInvocation = 3
        try await Self.expectOK("""
            // All in one task: the invocation counts four starts.
            const results = await Promise.allSettled([1, 2, 3, 4].map((i) => fetch(server + "/echo?i=" + i)));
            const rejected = results.filter((r) => r.status === "rejected");
            if (rejected.length !== 1) throw new Error("rejected " + rejected.length);
            const error = rejected[0].reason;
            if (!(error instanceof TypeError) || !/subrequests/.test(error.message)) throw new Error("got " + error);
            // data: URLs are not subrequests.
            await fetch("data:,x");
            """, limits: limits)
    }

    @Test func responseBodyNeverReadDoesNotHang() async throws {
        let result = try await Self.run("""
            fetch(process.env.VERGE_TEST_SERVER + "/bytes?n=50000000").then((r) => console.log("status " + r.status));
            """, timeout: .seconds(20))
        #expect(result.lines == ["status 200"])
        #expect(!result.outcome.timedOut, "the isolate went idle although the body was never read")
    }
}

/// The zlib/brotli codec behind CompressionStream and Content-Encoding.
struct CodecTests {
    static func roundTrip(_ format: Codec.Format, _ input: [UInt8]) throws -> [UInt8] {
        let compressor = try Codec(format: format, decompress: false)
        let compressed = try input.withUnsafeBytes { try compressor.processAll($0, finish: true) }
        defer { free(compressed.output) }
        let bytes = Array(UnsafeRawBufferPointer(start: compressed.output, count: compressed.count))
        let decompressor = try Codec(format: format, decompress: true)
        let result = try bytes.withUnsafeBytes { try decompressor.processAll($0, finish: true) }
        defer { free(result.output) }
        #expect(decompressor.ended)
        return Array(UnsafeRawBufferPointer(start: result.output, count: result.count))
    }

    @Test(arguments: [Codec.Format.deflate, .deflateRaw, .gzip, .brotli])
    func roundTrips(format: Codec.Format) throws {
        let input = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 * 7 / 3) }
        #expect(try Self.roundTrip(format, input) == input)
        #expect(try Self.roundTrip(format, []) == [])
    }

    @Test func corruptInputIsAnError() throws {
        let decompressor = try Codec(format: .gzip, decompress: true)
        let garbage: [UInt8] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
        #expect(throws: Codec.Failure.self) {
            _ = try garbage.withUnsafeBytes { try decompressor.processAll($0, finish: false) }
        }
    }

    @Test func truncatedInputIsAnErrorAtFinish() throws {
        let compressor = try Codec(format: .deflate, decompress: false)
        let input = Array(repeating: UInt8(65), count: 1000)
        let compressed = try input.withUnsafeBytes { try compressor.processAll($0, finish: true) }
        defer { free(compressed.output) }
        let half = Array(UnsafeRawBufferPointer(start: compressed.output, count: compressed.count / 2))
        let decompressor = try Codec(format: .deflate, decompress: true)
        let partial = try half.withUnsafeBytes { try decompressor.processAll($0, finish: false) }
        free(partial.output)
        #expect(throws: Codec.Failure.self) {
            _ = try decompressor.processAll(UnsafeRawBufferPointer(start: nil, count: 0), finish: true)
        }
    }

    @Test func httpDeflateAcceptsZlibAndRaw() throws {
        let input = Array("content-encoding: deflate, both ways".utf8)
        for format in [Codec.Format.deflate, .deflateRaw] {
            let compressor = try Codec(format: format, decompress: false)
            let compressed = try input.withUnsafeBytes { try compressor.processAll($0, finish: true) }
            let bytes = Array(UnsafeRawBufferPointer(start: compressed.output, count: compressed.count))
            free(compressed.output)
            let decoder = try Codec(format: .deflateAuto, decompress: true)
            // One byte at a time exercises the auto-detection's held byte.
            var output: [UInt8] = []
            for byte in bytes {
                let step = try [byte].withUnsafeBytes { try decoder.processAll($0, finish: false) }
                output += Array(UnsafeRawBufferPointer(start: step.output, count: step.count))
                free(step.output)
            }
            #expect(output == input, "\(format)")
        }
    }
}
