import NIOCore
import Testing
@testable import VergeEdge

/// Stream behaviours seen from the host: nothing internal leaks as an unhandled rejection,
/// an unhandled rejection of user code is reported once, large transfers finish, BYOB reads
/// detach buffers (the conformance suite covers the Streams Standard itself).
@Suite("Streams in the sandbox")
struct StreamsTests {
    @Test func erroredPipesTeesAndTransformsReportNoUnhandledRejections() async throws {
        let (outcome, console) = try await runScript("""
            const boom = new Error('boom');
            const errored = () => new ReadableStream({ start(c) { c.error(boom); } });
            errored().pipeTo(new WritableStream()).catch(() => console.log('pipe rejected'));
            errored().pipeThrough(new TransformStream());
            const [a, b] = errored().tee();
            a.cancel().catch(() => {});
            new WritableStream({ write() { throw boom; } }).getWriter().write('x').catch(() => console.log('write rejected'));
            const ts = new TransformStream({ transform() { throw boom; } });
            ts.writable.getWriter().write(1).catch(() => console.log('transform rejected'));
            ts.readable.getReader().read().catch(() => {});
            setTimeout(() => console.log('done'), 10);
            """)
        #expect(outcome.status == 0, "uncaught: \(outcome.uncaught.map(\.message))")
        #expect(outcome.uncaught.isEmpty)
        #expect(console.output.contains("pipe rejected"))
        #expect(console.output.contains("write rejected"))
        #expect(console.output.contains("transform rejected"))
        #expect(console.output.last == "done")
    }

    @Test func aRejectedReadThatNobodyHandlesIsReportedOnce() async throws {
        let (outcome, _) = try await runScript("""
            new ReadableStream({ start(c) { c.error(new Error('nobody listens')); } }).getReader().read();
            """)
        #expect(outcome.status == 1)
        #expect(outcome.uncaught.count == 1)
        #expect(outcome.uncaught.first?.message.contains("nobody listens") == true)
    }

    @Test func pipingManyMegabytesThroughATransformFinishes() async throws {
        let (outcome, console) = try await runScript("""
            const chunk = new Uint8Array(64 * 1024);
            let sent = 0, received = 0;
            const total = 64 * 1024 * 1024;
            new ReadableStream({
              pull(c) { if (sent >= total) { c.close(); return; } sent += chunk.byteLength; c.enqueue(chunk); },
            }).pipeThrough(new TransformStream())
              .pipeTo(new WritableStream({ write(c) { received += c.byteLength; } }))
              .then(() => console.log('received', received));
            """)
        #expect(outcome.status == 0)
        #expect(console.output == ["received 67108864"])
    }

    @Test func byobReadsDetachTheCallersBuffer() async throws {
        let (outcome, console) = try await runScript("""
            const rs = new ReadableStream({ type: 'bytes', pull(c) { c.byobRequest.view[0] = 7; c.byobRequest.respond(1); } });
            const buffer = new ArrayBuffer(8);
            rs.getReader({ mode: 'byob' }).read(new Uint8Array(buffer)).then(({ value }) => {
              console.log(buffer.byteLength, value.byteLength, value[0], value.buffer.byteLength);
            });
            """)
        #expect(outcome.status == 0)
        #expect(console.output == ["0 1 7 8"])
    }
}
