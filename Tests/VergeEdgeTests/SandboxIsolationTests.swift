import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import Testing
import VergeJS
@testable import VergeEdge

/// Two event loops (threads) for isolates that run side by side.
private let isolationGroup = MultiThreadedEventLoopGroup(numberOfThreads: 2)

/// Segments never share a realm or a Web API object: what one realm does to its built-ins
/// and Web API classes is invisible to every other realm, in the same isolate (VM) or in
/// another one, and a limit breach in one isolate leaves the others running.
@Suite("Sandbox isolation between realms and isolates")
struct SandboxIsolationTests {
    /// A script that pollutes everything a script can reach.
    static let pollute = """
        Object.prototype.polluted = "yes";
        Array.prototype.push = function () { return "patched push"; };
        Function.prototype.call = function () { return "patched call"; };
        JSON.parse = () => "patched parse";
        Promise.prototype.then = function () { return "patched then"; };
        URL.prototype.toString = () => "patched URL";
        Object.defineProperty(URL.prototype, "href", { get() { return "patched href"; } });
        URLSearchParams.prototype.get = () => "patched get";
        EventTarget.prototype.addEventListener = () => { throw new Error("patched addEventListener"); };
        Event.prototype.preventDefault = () => "patched preventDefault";
        DOMException.prototype.constructor = null;
        globalThis.setTimeout = () => "patched setTimeout";
        globalThis.shared = "leaked";
        console.log = () => {};
        process.env.INJECTED = "1";
        Object.freeze(Object.prototype);
        "polluted"
        """

    /// Checks, in a clean realm, that nothing of `pollute` is visible. Returns "clean" or what leaked.
    static let check = """
        (() => {
          const leaks = [];
          if (({}).polluted !== undefined) leaks.push("Object.prototype");
          const a = [];
          if (a.push(1) !== 1) leaks.push("Array.prototype.push");
          if ((function () { return 7; }).call(null) !== 7) leaks.push("Function.prototype.call");
          if (JSON.parse("1") !== 1) leaks.push("JSON.parse");
          if (typeof Promise.resolve(1).then(() => {}) !== "object") leaks.push("Promise.prototype.then");
          const url = new URL("https://example.com/a?x=1");
          if (url.toString() !== "https://example.com/a?x=1") leaks.push("URL.prototype.toString");
          if (url.href !== "https://example.com/a?x=1") leaks.push("URL.prototype.href");
          if (url.searchParams.get("x") !== "1") leaks.push("URLSearchParams.prototype.get");
          const target = new EventTarget();
          let fired = false;
          target.addEventListener("e", () => { fired = true; });
          target.dispatchEvent(new Event("e"));
          if (!fired) leaks.push("EventTarget.prototype.addEventListener");
          if (DOMException.prototype.constructor !== DOMException) leaks.push("DOMException.prototype.constructor");
          if (typeof setTimeout(() => {}, 0) !== "number") leaks.push("setTimeout");
          if (typeof shared !== "undefined") leaks.push("globalThis.shared");
          if (process.env.INJECTED !== undefined) leaks.push("process.env");
          if (Object.isFrozen(Object.prototype)) leaks.push("frozen Object.prototype");
          return leaks.length ? leaks.join(", ") : "clean";
        })()
        """

    func options() -> RealmOptions {
        var options = RealmOptions()
        options.console = .discard
        return options
    }

    @Test func pollutionStaysInItsRealmWithinOneIsolate() async throws {
        let loop = testGroup.next()
        let result = try await loop.submit { () -> String in
            let isolate = Isolate(eventLoop: loop)
            let a = try isolate.makeRealm(name: "a", options: self.options())
            let b = try isolate.makeRealm(name: "b", options: self.options())
            defer {
                a.close()
                b.close()
            }
            // Touch the lazily installed globals in b first, then pollute a: b's copies are its own.
            _ = try b.evaluate("new URL('https://x/'); new EventTarget(); 1", sourceURL: "warm.js")
            #expect(try a.evaluate(Self.pollute, sourceURL: "pollute.js").toString() == "polluted")
            let fromB = try b.evaluate(Self.check, sourceURL: "check.js").toString()
            // A realm made after the pollution is clean too.
            let c = try isolate.makeRealm(name: "c", options: self.options())
            defer { c.close() }
            let fromC = try c.evaluate(Self.check, sourceURL: "check.js").toString()
            return fromB + " / " + fromC
        }.get()
        #expect(result == "clean / clean")
    }

    @Test func pollutionStaysInItsIsolate() async throws {
        let first = isolationGroup.next()
        let second = isolationGroup.next()
        // The polluted isolate stays alive (bound to its loop) while the other one checks.
        let polluted = try await first.submit { () -> NIOLoopBound<(Isolate, Realm)> in
            let isolate = Isolate(eventLoop: first)
            let realm = try isolate.makeRealm(name: "polluter", options: self.options())
            _ = try realm.evaluate(Self.pollute, sourceURL: "pollute.js")
            return NIOLoopBound((isolate, realm), eventLoop: first)
        }.get()
        let result = try await second.submit { () -> String in
            let isolate = Isolate(eventLoop: second)
            let realm = try isolate.makeRealm(name: "victim", options: self.options())
            defer { realm.close() }
            return try realm.evaluate(Self.check, sourceURL: "check.js").toString()
        }.get()
        try await first.submit { polluted.value.1.close() }.get()
        #expect(result == "clean")
    }

    @Test func aBusyIsolateDoesNotHoldUpAnother() async throws {
        // Two loops of its own: other tests must not share them.
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        var loops = group.makeIterator()
        guard let spinning = loops.next(), let other = loops.next(), spinning !== other else {
            Issue.record("expected two event loops")
            return
        }
        // Spins until its CPU budget (2 s of CPU time) ends it: however loaded the machine,
        // the small script on the other loop needs far less CPU than that.
        let limits = IsolateLimits(cpuTimePerInvocation: .seconds(2), startupCPUTime: .seconds(2))
        let busyEnded = NIOLockedValueBox(false)
        let busy = ScriptRunner.run(on: spinning, source: "for (;;) {}",
                                    sourceURL: "busy.js", limits: limits, console: .discard, timeout: .seconds(60))
        busy.whenComplete { _ in busyEnded.withLockedValue { $0 = true } }
        // Meanwhile, a small script on the other loop.
        let recorder = ConsoleRecorder()
        let quickFuture = ScriptRunner.run(on: other, source: "console.log(new URL('a', 'https://x/').href)",
                                           sourceURL: "quick.js", console: recorder.sink, timeout: .seconds(60))
        // Read on the loop that completes the future: the test's own continuation may run much
        // later when the machine is loaded.
        let busyStillRunning = NIOLockedValueBox<Bool?>(nil)
        quickFuture.whenComplete { _ in busyStillRunning.withLockedValue { $0 = !busyEnded.withLockedValue { $0 } } }
        let quick = try await quickFuture.get()
        #expect(quick.status == 0)
        #expect(recorder.output == ["https://x/a"])
        #expect(busyStillRunning.withLockedValue { $0 } == true, "the other isolate ran while the first was still busy")
        let ended = try await busy.get()
        #expect(ended.uncaught.first?.kind == .limit)
        try await group.shutdownGracefully()
    }

    @Test func aCondemnedIsolateLeavesOthersWorking() async throws {
        let loop = testGroup.next()
        let result = try await loop.submit { () -> String in
            let condemned = Isolate(eventLoop: loop, limits: IsolateLimits(heapBytes: 64 << 20))
            let healthy = Isolate(eventLoop: loop)
            let a = try condemned.makeRealm(name: "hoarder", options: self.options())
            let b = try healthy.makeRealm(name: "healthy", options: self.options())
            defer {
                a.close()
                b.close()
            }
            do {
                _ = try a.evaluate("const hoard = []; for (;;) hoard.push(new Array(100000).fill(1));", sourceURL: "hoard.js")
                return "the hoarder was not stopped"
            } catch let error as EdgeError {
                guard case .heapLimitExceeded = error else { return "wrong error: \(error)" }
            }
            #expect(condemned.isCondemned)
            do {
                _ = try condemned.makeRealm(name: "again", options: self.options())
                return "a condemned isolate made a realm"
            } catch let error as EdgeError {
                guard case .isolateCondemned = error else { return "wrong error: \(error)" }
            }
            return try b.evaluate("[1, 2, 3].map((x) => x * 2).join()", sourceURL: "ok.js").toString()
        }.get()
        #expect(result == "2,4,6")
    }

    @Test func opsAreNotReachableFromUserCodeInAnyRealm() async throws {
        let (outcome, console) = try await runScript("""
            const seen = new Set();
            const found = [];
            const queue = [globalThis];
            while (queue.length) {
              const object = queue.shift();
              if (seen.has(object)) continue;
              seen.add(object);
              for (const key of Reflect.ownKeys(object)) {
                let descriptor;
                try { descriptor = Object.getOwnPropertyDescriptor(object, key); } catch { continue; }
                for (const value of [descriptor.value, descriptor.get, descriptor.set]) {
                  if (value !== null && (typeof value === "object" || typeof value === "function")) {
                    if (["loadModule", "timerStart", "print", "randomFill"].some((n) => { try { return Object.hasOwn(value, n) && typeof value[n] === "function" && !String(value[n]).includes("=>") && value !== console; } catch { return false; } })) found.push(String(key));
                    queue.push(value);
                  }
                }
              }
              const proto = Object.getPrototypeOf(object);
              if (proto) queue.push(proto);
            }
            console.log(found.length === 0 ? "no ops" : found.join());
            """)
        #expect(outcome.status == 0)
        #expect(console.output == ["no ops"])
    }
}

@Suite("CPU limit: runaway microtasks")
struct RunawayMicrotaskTests {
    @Test func aRunawayMicrotaskIsEndedAndTheNextTaskRuns() async throws {
        let (outcome, console) = try await runScript("""
            setTimeout(() => {
              Promise.resolve().then(() => { console.log("looping"); for (;;) {} });
            }, 0);
            setTimeout(() => console.log("next task ran"), 5);
            """, limits: IsolateLimits(cpuTimePerInvocation: .milliseconds(50)))
        #expect(console.output.filter { !console.errors.contains($0) } == ["looping", "next task ran"])
        #expect(outcome.uncaught.count == 1)
        #expect(outcome.uncaught.first?.kind == .limit)
        #expect(outcome.uncaught.first?.message.contains("CPU time limit exceeded") == true)
    }

    @Test func aRunawayMicrotaskAtStartupIsAStartupBreach() async throws {
        let (outcome, console) = try await runScript("""
            queueMicrotask(() => { for (;;) {} });
            setTimeout(() => console.log("later task ran"), 1);
            """, limits: IsolateLimits(cpuTimePerInvocation: .milliseconds(50), startupCPUTime: .milliseconds(100)))
        #expect(console.output.filter { !console.errors.contains($0) } == ["later task ran"])
        #expect(outcome.uncaught.first?.kind == .limit)
    }
}
