import Testing
@testable import VergeServer

@Suite("The request log line")
struct RequestLogTests {
    @Test func durationsAreMillisecondsWithThreeTwoOrNoDecimals() {
        func text(_ nanoseconds: Int64) -> String {
            var line = ""
            RequestLogLine.appendMilliseconds(nanoseconds, to: &line)
            return line
        }
        #expect(text(0) == "0.000ms")
        #expect(text(42_400) == "0.042ms")
        #expect(text(42_500) == "0.043ms")
        #expect(text(999_499) == "0.999ms")
        #expect(text(999_500) == "1.00ms")
        #expect(text(3_141_592) == "3.14ms")
        #expect(text(9_994_999) == "9.99ms")
        #expect(text(9_995_000) == "10ms")
        #expect(text(27_400_000) == "27ms")
        #expect(text(1_234_567_890_123) == "1234568ms")
        #expect(text(-5) == "0.000ms")
    }

    @Test func aLineHasEveryFieldInOrder() {
        let line = RequestLogLine(method: "GET", path: "/api/x?y=1", status: 200, runtime: "edge", segment: "/api/[id]",
                                  durationNanoseconds: 1_250_000, cpuNanoseconds: 87_000, note: "client closed")
        #expect(line.text == "GET /api/x?y=1 200 edge /api/[id] 1.25ms cpu=0.087ms client closed")
        let bare = RequestLogLine(method: "HEAD", path: "/", status: 404, runtime: "-", segment: "-",
                                  durationNanoseconds: 12_000_000, cpuNanoseconds: nil, note: nil)
        #expect(bare.text == "HEAD / 404 - - 12ms")
    }
}
