import Foundation
import NIOConcurrencyHelpers
import Testing
@testable import VergeEdge

/// Behaviour of the basics area that a conformance test cannot show from JavaScript:
/// native base64 ops on large and invalid input, and what keeps an isolate busy.
@Suite struct BasicsTests {
    @Test func eventsLoadOnFirstUseOfTheGlobalsEventTarget() async throws {
        // A realm boots without the event module: the global's addEventListener, dispatchEvent
        // and on* handlers are stand-ins until first used; then they are EventTarget's.
        let states = try await onIsolate { _, realm -> [String] in
            let loaded = { (name: String) throws -> String in
                try realm.hook("isModuleLoaded").call([realm.js.string(name)]).toBool() ? "\(name):yes" : "\(name):no"
            }
            var states = [try loaded("event"), try loaded("abort")]
            let result = try realm.js.evaluate("""
                const seen = [];
                onerror = () => { seen.push("handler"); return true; };
                addEventListener("error", () => seen.push("listener"));
                dispatchEvent(new ErrorEvent("error", { message: "m" }));
                [addEventListener === EventTarget.prototype.addEventListener, seen.join()].join(" ")
                """)
            states.append(try result.toString())
            states.append(try loaded("event"))
            return states
        }
        #expect(states == ["event:no", "abort:no", "true handler,listener", "event:yes"])
    }

    /// Runs `source` in a fresh sandbox until idle; returns (status, console lines, seconds).
    func run(_ source: String) -> (status: Int32, output: [String], seconds: Double) {
        let lines = NIOLockedValueBox<[String]>([])
        let sink = ConsoleSink { _, text in lines.withLockedValue { $0.append(text) } }
        let start = Date()
        let status = ScriptRunner.run(source: source, sourceURL: "basics-test.js", console: sink)
        return (status, lines.withLockedValue { $0 }, Date().timeIntervalSince(start))
    }

    @Test func base64OpsRoundTripAMegabyteOfEveryByte() {
        let result = run("""
            let s = "";
            for (let i = 0; i < 1 << 20; i++) s += String.fromCharCode(i & 255);
            const e = btoa(s);
            console.log(e.length, atob(e) === s, e.slice(0, 8));
            """)
        #expect(result.status == 0)
        #expect(result.output == ["1398104 true AAECAwQF"])
    }

    @Test func base64OpsRejectInvalidInputWithInvalidCharacterError() {
        let result = run("""
            const bad = ["\\u0100", "\\uD800", "a\\u2603"];
            for (const b of bad) { try { btoa(b); console.log("no error"); } catch (e) { console.log(e.name, e.code); } }
            const badAtob = ["Zg=", "=", "Z", "\\uD800AAA", "ab\\u0000c", "Zm9v\\u00a0"];
            for (const b of badAtob) { try { atob(b); console.log("no error"); } catch (e) { console.log(e.name); } }
            console.log(atob(" Zm9v\\n"), atob(""), btoa(""));
            """)
        #expect(result.status == 0)
        #expect(result.output == [
            "InvalidCharacterError 5", "InvalidCharacterError 5", "InvalidCharacterError 5",
            "InvalidCharacterError", "InvalidCharacterError", "InvalidCharacterError",
            "InvalidCharacterError", "InvalidCharacterError", "InvalidCharacterError",
            "foo  ",
        ])
    }

    @Test func aStartedPortWithQueuedMessagesKeepsTheIsolateBusyUntilDelivered() {
        let result = run("""
            const { port1, port2 } = new MessageChannel();
            port2.onmessage = (e) => console.log("got", e.data);
            for (let i = 0; i < 3; i++) port1.postMessage(i);
            """)
        #expect(result.status == 0)
        #expect(result.output == ["got 0", "got 1", "got 2"])
    }

    @Test func aPortThatWasNeverStartedDoesNotKeepTheIsolateBusy() {
        let result = run("""
            const { port1, port2 } = new MessageChannel();
            port2.addEventListener("message", () => console.log("delivered"));
            port1.postMessage("waits for start()");
            """)
        #expect(result.status == 0)
        #expect(result.output.isEmpty)
    }

    @Test func aTimeoutSignalKeepsTheIsolateBusyOnlyWithAnAbortListener() {
        let idle = run("const s = AbortSignal.timeout(60000); const t = AbortSignal.timeout(2 ** 53 - 1);")
        #expect(idle.status == 0)
        #expect(idle.seconds < 10, "an unobserved timeout signal does not hold the isolate")

        let observed = run("""
            const s = AbortSignal.timeout(20);
            s.onabort = () => console.log("aborted", s.reason.name);
            """)
        #expect(observed.output == ["aborted TimeoutError"])

        let dependent = run("""
            const s = AbortSignal.any([AbortSignal.timeout(20)]);
            s.addEventListener("abort", () => console.log("dependent aborted", s.reason.name));
            """)
        #expect(dependent.output == ["dependent aborted TimeoutError"])
    }

    @Test func hugeAndNegativeTimeoutsNeitherCrashNorHang() {
        let result = run("""
            const a = setTimeout(() => console.log("never"), 2 ** 31 - 1);
            clearTimeout(a);
            setTimeout(() => console.log("wrapped to 5 ms"), 2 ** 32 + 5);
            setTimeout(() => console.log("negative is 0"), -1e300);
            setTimeout(() => console.log("NaN is 0"), NaN);
            """)
        #expect(result.status == 0)
        #expect(Set(result.output) == ["wrapped to 5 ms", "negative is 0", "NaN is 0"])
    }

    @Test func uncaughtErrorsInListenersTimersAndMicrotasksAreReportedNotThrown() {
        let result = run("""
            addEventListener("error", (e) => { console.log("error event:", e.error.message); e.preventDefault(); });
            const t = new EventTarget();
            t.addEventListener("x", () => { throw new Error("listener"); });
            t.dispatchEvent(new Event("x"));
            queueMicrotask(() => { throw new Error("microtask"); });
            setTimeout(() => { throw new Error("timer"); }, 0);
            """)
        #expect(result.status == 0)
        #expect(result.output == ["error event: listener", "error event: microtask", "error event: timer"])
    }
}
