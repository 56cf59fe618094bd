import Foundation
import NIOCore
import Testing
import VergeJS
@testable import VergeEdge

@Suite("Isolate, event loop and sandbox")
struct IsolateTests {
    @Test func timersRunInDeadlineThenStartOrderWithArguments() async throws {
        let (outcome, console) = try await runScript("""
            setTimeout((a, b) => console.log('t20', a, b), 20, 'x', 'y');
            setTimeout(() => console.log('t0-first'), 0);
            setTimeout(() => console.log('t0-second'), 0);
            setTimeout(() => console.log('t5'), 5);
            const cancelled = setTimeout(() => console.log('never'), 1);
            clearTimeout(cancelled);
            queueMicrotask(() => console.log('micro'));
            console.log('sync');
            """)
        #expect(outcome.status == 0)
        #expect(console.output == ["sync", "micro", "t0-first", "t0-second", "t5", "t20 x y"])
    }

    @Test func intervalsRepeatUntilClearedAndIdsArePositiveAndUnique() async throws {
        let (outcome, console) = try await runScript("""
            let n = 0;
            const ids = new Set([setTimeout(() => {}, 0), setTimeout(() => {}, 0)]);
            const id = setInterval(() => { n++; if (n === 3) { clearInterval(id); console.log('done', n); } }, 1);
            console.log(ids.size === 2 && [...ids].every((i) => i > 0) && !ids.has(id));
            """)
        #expect(outcome.status == 0)
        #expect(console.output == ["true", "done 3"])
    }

    @Test func nestedTimersAreClampedToFourMillisecondsAfterFiveLevels() async throws {
        let (_, console) = try await runScript("""
            const times = [];
            function tick(level) {
              const now = Date.now();
              times.push(now);
              if (level < 12) setTimeout(() => tick(level + 1), 0);
              else {
                const gaps = times.slice(1).map((t, i) => t - times[i]);
                const late = gaps.slice(6);
                console.log(late.every((g) => g >= 3));
              }
            }
            setTimeout(() => tick(1), 0);
            """)
        #expect(console.output == ["true"])
    }

    @Test func uncaughtErrorsAreReportedWithStacksAndTheLoopContinues() async throws {
        let (outcome, console) = try await runScript("""
            function explode() { throw new TypeError('kaboom'); }
            setTimeout(explode, 0);
            setTimeout(() => console.log('still running'), 5);
            Promise.reject(new RangeError('nobody listens'));
            """)
        #expect(outcome.status == 1)
        #expect(outcome.uncaught.count == 2)
        #expect(console.output.contains("still running"))
        let messages = outcome.uncaught.map(\.message).joined(separator: "\n")
        #expect(messages.contains("Uncaught TypeError: kaboom"))
        #expect(messages.contains("at explode (test.js:1"))
        #expect(messages.contains("Uncaught (in promise) RangeError: nobody listens"))
    }

    @Test func errorEventListenersCanCancelReporting() async throws {
        let (outcome, console) = try await runScript("""
            addEventListener('error', (e) => { console.log('caught', e.error.message); e.preventDefault(); });
            onunhandledrejection = (e) => { console.log('rejection', e.reason); return false; };
            setTimeout(() => { throw new Error('handled'); }, 0);
            Promise.reject('quiet');
            """)
        #expect(outcome.status == 0)
        #expect(console.output.sorted() == ["caught handled", "rejection quiet"])
    }

    @Test func idleMeansNoTimersAndNoHostOperations() async throws {
        let result = try await onIsolate { isolate, realm -> [Bool] in
            var states = [isolate.isIdle]
            try realm.evaluate("globalThis.id = setTimeout(() => {}, 1000)", sourceURL: "idle.js")
            states.append(isolate.isIdle)
            try realm.evaluate("clearTimeout(id)", sourceURL: "idle.js")
            states.append(isolate.isIdle)
            return states
        }
        #expect(result == [true, false, true])
    }

    @Test func hostOperationsSettlePromisesOnTheIsolateLoop() async throws {
        let loop = testGroup.next()
        let recorder = ConsoleRecorder()
        let sink = recorder.sink
        try await loop.flatSubmit { () -> EventLoopFuture<Void> in
            let isolate = Isolate(eventLoop: loop)
            var options = RealmOptions()
            options.console = sink
            let realm = try! isolate.makeRealm(name: "host-op", options: options)
            let op = realm.js.function("slowDouble", length: 1) { frame in
                let input = try frame.double(0)
                return try realm.hostOperation({ () async throws -> Double in
                    try await Task.sleep(for: .milliseconds(10))
                    return input * 2
                }) { value in realm.js.makeNumber(value) }
            }
            try! realm.js.global.set("slowDouble", op)
            try! realm.evaluate("slowDouble(21).then((v) => console.log('got', v, 'on the loop'))", sourceURL: "op.js")
            #expect(!isolate.isIdle)
            return isolate.whenIdle().map { withExtendedLifetime((isolate, realm)) {} }
        }.get()
        #expect(recorder.output == ["got 42 on the loop"])
    }

    @Test func cpuLimitEndsARunawayTaskAndTheIsolateIsReused() async throws {
        let (outcome, console) = try await runScript("""
            setTimeout(() => { for (;;) {} }, 0);
            setTimeout(() => console.log('next task ran'), 5);
            """, limits: IsolateLimits(cpuTimePerInvocation: .milliseconds(50)))
        #expect(outcome.status == 1)
        #expect(console.output.contains("next task ran"))
        #expect(outcome.uncaught.first?.kind == .limit)
        #expect(outcome.uncaught.first?.message.contains("CPU time limit exceeded") == true)
        #expect(outcome.uncaught.first?.message.contains("50 ms") == true)
    }

    @Test func cpuLimitEndsAnEndlessMicrotaskChain() async throws {
        // Each microtask re-enters the VM, which restarts JavaScriptCore's watchdog; the
        // isolate checks the budget at garbage collections instead.
        let (outcome, console) = try await runScript("""
            let n = 0;
            function again() { n++; Promise.resolve().then(again); }
            setTimeout(() => console.log('timer ran after the chain was ended'), 5);
            again();
            """, limits: IsolateLimits(cpuTimePerInvocation: .milliseconds(100)))
        #expect(outcome.status == 1)
        #expect(console.output.contains("timer ran after the chain was ended"))
        #expect(outcome.uncaught.first?.message.contains("CPU time limit exceeded") == true)
    }

    @Test func cpuLimitCannotBeCaughtByTheScript() async throws {
        let reused = try await onIsolate(limits: IsolateLimits(cpuTimePerInvocation: .milliseconds(30))) { _, realm -> String in
            do {
                try realm.evaluate("try { while (true) {} } catch (e) { 'swallowed' }", sourceURL: "loop.js")
                return "not terminated"
            } catch let error as EdgeError {
                guard case .cpuTimeLimitExceeded = error else { return "wrong error \(error)" }
            }
            return try realm.evaluate("'alive ' + (1 + 1)", sourceURL: "after.js").toString()
        }
        #expect(reused == "alive 2")
    }

    /// The server's breach handler calls into JS (it aborts the request's signal). A breach
    /// can be found inside a JavaScriptCore trap or a heap finalizer, where calling into JS
    /// aborted the process; the handler runs once the entry has unwound.
    @Test func breachHandlerRunsAfterTheEntryAndMayCallIntoJS() async throws {
        let seen = try await onIsolate(limits: IsolateLimits(cpuTimePerInvocation: .milliseconds(20))) { isolate, realm -> [String] in
            var seen: [String] = []
            let invocation = Invocation(cpuBudget: .milliseconds(20), realmName: realm.name)
            invocation.onBreach = { error in
                seen.append(isolate.currentInvocation == nil ? "after the entry" : "inside the entry")
                // Allocating strings and calling JS, as EdgeExchange.limitHit does.
                let echoed = try? realm.run { try realm.js.evaluate("(s) => s + '!'").call([realm.js.string("called")]).toString() }
                seen.append(echoed ?? "call failed")
            }
            do {
                // Allocation keeps the collector (and its finalizer's budget check) busy.
                try realm.run(invocation: invocation) {
                    try realm.js.evaluate("const keep = []; for (;;) { keep.push({ a: [1, 2, 3], s: 'x' + keep.length }); if (keep.length > 50000) keep.length = 0; }")
                }
                seen.append("not terminated")
            } catch let error as EdgeError {
                if case .cpuTimeLimitExceeded = error { seen.append("terminated") } else { seen.append("\(error)") }
            }
            return seen
        }
        #expect(seen == ["after the entry", "called!", "terminated"])
    }

    /// Entries are timed by the monotonic clock, which counts time the thread did not run; an
    /// entry over 1 ms is charged from the thread CPU clock instead (EntryClock). A 30 ms
    /// entry that sleeps (as a preempted one waits) is charged about nothing, one that
    /// computes for 30 ms about 30 ms, and the sleep does not use up a budget.
    @Test func longEntriesAreChargedTheirCPUTimeNotTheirDuration() async throws {
        let charged = try await onIsolate(limits: IsolateLimits(cpuTimePerInvocation: .milliseconds(20))) { _, realm -> [Int64] in
            let sleeping = Invocation(cpuBudget: .milliseconds(20), realmName: realm.name)
            try realm.run(invocation: sleeping) { usleep(30_000) }
            try realm.run(invocation: sleeping) { _ = try realm.js.evaluate("1 + 1") }
            let busy = Invocation(cpuBudget: nil, realmName: realm.name)
            try realm.run(invocation: busy) {
                _ = try realm.js.evaluate("const end = Date.now() + 30; let n = 0; while (Date.now() < end) n++; n")
            }
            return [sleeping.cpuNanoseconds, busy.cpuNanoseconds]
        }
        #expect(charged[0] < 5_000_000, "a sleeping 30 ms entry was charged \(charged[0]) ns")
        #expect(charged[1] > 5_000_000, "a 30 ms busy loop was charged \(charged[1]) ns")
    }

    /// A heap census the watchdog runs inside an entry (milliseconds on a large heap) is the
    /// runtime's work: a stand-in census that computes for 200 ms does not use up a 150 ms
    /// budget.
    @Test func heapCensusesAreNotChargedToTheInterruptedTask() async throws {
        let limits = IsolateLimits(cpuTimePerInvocation: .milliseconds(150), heapBytes: 32 << 20)
        let outcome = try await onIsolate(limits: limits) { isolate, realm -> [String] in
            var censuses = 0
            isolate.heapSizeReader = { _ in
                censuses += 1
                let start = threadCPUTimeNanoseconds()
                while threadCPUTimeNanoseconds() - start < 200_000_000 {}
                return 0
            }
            let invocation = Invocation(cpuBudget: .milliseconds(150), realmName: realm.name)
            // 96 MB of RSS growth (far more than half the room below the limit, so that memory
            // other tests free meanwhile cannot hide it: RSS is the process's) makes the next
            // watchdog look take a census; the loop gives the watchdog several looks (it
            // looks every 5 ms of CPU time; the loop is about 25 ms of CPU, counted in
            // iterations so that a loaded machine cannot make it shorter).
            let result = try realm.run(invocation: invocation) {
                try realm.js.evaluate("""
                    const bytes = new Uint8Array(96 << 20).fill(1);
                    let n = 0; for (let i = 0; i < 3e7; i++) n = (n + i) | 0;
                    bytes[(n >>> 0) % bytes.length]
                    """).toString()
            }
            return [result, censuses > 0 ? "census taken" : "no census",
                    invocation.cpuNanoseconds < 150_000_000 ? "within budget" : "charged \(invocation.cpuNanoseconds) ns"]
        }
        #expect(outcome == ["1", "census taken", "within budget"])
    }

    /// Loading a Web API module on first use (in a fresh VM: parsing it) is the runtime's
    /// work, not charged to the task that touched the global; the task's own JS still is.
    @Test func firstUseModuleLoadsAreNotChargedToTheTask() async throws {
        let outcome = try await onIsolate(limits: IsolateLimits(cpuTimePerInvocation: .milliseconds(10))) { _, realm -> [String] in
            var outcome: [String] = []
            let invocation = Invocation(cpuBudget: .milliseconds(10), realmName: realm.name)
            let touched = try realm.run(invocation: invocation) {
                try realm.js.evaluate("""
                    [typeof ReadableStream, typeof URL, typeof URLPattern, typeof TextEncoder, typeof Blob, typeof FormData,
                     typeof Request, typeof Response, typeof Headers, typeof crypto, typeof CompressionStream,
                     typeof structuredClone].join(",")
                    """).toString()
            }
            outcome.append(touched)
            outcome.append(invocation.cpuNanoseconds < 10_000_000 ? "within budget" : "charged \(invocation.cpuNanoseconds) ns")
            do {
                try realm.run(invocation: Invocation(cpuBudget: .milliseconds(10), realmName: realm.name)) {
                    _ = try realm.js.evaluate("for (;;) {}")
                }
                outcome.append("loop not terminated")
            } catch let error as EdgeError {
                if case .cpuTimeLimitExceeded = error { outcome.append("loop terminated") } else { outcome.append("\(error)") }
            }
            return outcome
        }
        #expect(outcome == [
            "function,function,function,function,function,function,function,function,function,object,function,function",
            "within budget", "loop terminated",
        ])
    }

    @Test func heapLimitCondemnsTheIsolate() async throws {
        let (outcome, console) = try await runScript("""
            const hoard = [];
            setTimeout(() => console.log('should not run'), 50);
            while (true) hoard.push(new Array(10000).fill({ a: 1 }));
            """, limits: IsolateLimits(heapBytes: 64 << 20))
        #expect(outcome.status == 1)
        #expect(!console.output.contains("should not run"))
        let message = outcome.uncaught.map(\.message).joined()
        #expect(message.contains("heap limit exceeded"))
    }

    @Test func realmsAreIsolatedFromEachOther() async throws {
        let result = try await onIsolate { isolate, realm -> Bool in
            var options = RealmOptions()
            options.console = .discard
            let other = try isolate.makeRealm(name: "other", options: options)
            defer { other.close() }
            try realm.evaluate("Object.prototype.polluted = 1; console.log = null; globalThis.shared = 1", sourceURL: "a.js")
            return try other.evaluate("({}).polluted === undefined && typeof console.log === 'function' && typeof shared === 'undefined'", sourceURL: "b.js").toBool()
        }
        #expect(result)
    }

    @Test func userCodeCannotReachOps() async throws {
        let (outcome, console) = try await runScript("""
            const found = [];
            for (const name of Object.getOwnPropertyNames(globalThis)) {
              try {
                const value = globalThis[name];
                if (value && (value.ops || value.core || value.loadModule)) found.push(name);
              } catch {}
            }
            console.log(JSON.stringify(found), typeof core, typeof ops);
            """)
        #expect(outcome.status == 0)
        #expect(console.output == ["[] undefined undefined"])
    }

    @Test func replacingBuiltinsDoesNotBreakTheRuntime() async throws {
        let (outcome, console) = try await runScript("""
            Array.prototype.push = () => { throw new Error('patched push'); };
            Promise.prototype.then = () => { throw new Error('patched then'); };
            Object.defineProperty = () => { throw new Error('patched defineProperty'); };
            Map.prototype.get = () => { throw new Error('patched get'); };
            setTimeout(() => console.log('timer ok'), 1);
            queueMicrotask(() => console.log('microtask ok'));
            const target = new EventTarget();
            target.addEventListener('x', () => console.log('event ok'));
            target.dispatchEvent(new Event('x'));
            """)
        #expect(outcome.status == 0)
        #expect(console.output == ["event ok", "microtask ok", "timer ok"])
    }

    /// The runtime's weak collections are made on first use, after user code ran: from the
    /// methods read at boot, not from the replaced ones.
    @Test func weakCollectionsMadeAfterUserCodeUseTheOriginalMethods() async throws {
        let (outcome, console) = try await runScript("""
            for (const C of [WeakMap, WeakSet, WeakRef, FinalizationRegistry]) {
              for (const key of Reflect.ownKeys(C.prototype)) {
                if (key === 'constructor' || typeof C.prototype[key] !== 'function') continue;
                C.prototype[key] = () => { throw new Error('patched ' + C.name + '.' + String(key)); };
              }
            }
            const target = new EventTarget();
            target.addEventListener('x', () => console.log('event ok'));
            target.dispatchEvent(new Event('x'));
            console.log(new DOMException('m', 'NotFoundError').code);
            const signal = AbortSignal.any([new AbortController().signal]);
            console.log(signal.aborted);
            console.log(String(Headers).includes('[native code]'));
            """)
        #expect(outcome.status == 0)
        #expect(console.output == ["event ok", "8", "false", "true"])
    }
}
