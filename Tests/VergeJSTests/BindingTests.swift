import Testing
@testable import VergeJS

@Suite("JavaScriptCore binding")
struct BindingTests {
    let vm = JSVirtualMachine()

    @Test func stringsRoundTripIncludingNULAndAstralCharacters() throws {
        let realm = JSRealm(vm: vm)
        for text in ["", "ascii", "naïve café", "emoji 🎉 and 𝄞", "nul\u{0}inside", String(repeating: "x", count: 100_000)] {
            let value = realm.string(text)
            #expect(try value.toString() == text)
            #expect(try realm.evaluate("(s) => s.length").call([value]).toDouble() == Double(text.utf16.count))
        }
    }

    @Test func numbersBooleansNullUndefined() throws {
        let realm = JSRealm(vm: vm)
        #expect(try realm.number(42.5).toDouble() == 42.5)
        #expect(realm.boolean(true).toBool())
        #expect(realm.null.isNull)
        #expect(realm.undefined.isUndefined)
        #expect(try realm.evaluate("1/0").toDouble() == .infinity)
        #expect(try realm.evaluate("NaN").toDouble().isNaN)
    }

    @Test func objectsPropertiesAndArrays() throws {
        let realm = JSRealm(vm: vm)
        let object = realm.object([("a", realm.number(1)), ("b", realm.string("two"))])
        #expect(try object.get("a").toDouble() == 1)
        try object.set("c", realm.boolean(true))
        #expect(try object.propertyNames() == ["a", "b", "c"])
        #expect(try object.toJSON() == #"{"a":1,"b":"two","c":true}"#)
        let array = try realm.array([realm.number(1), realm.number(2), realm.number(3)])
        #expect(array.isArray)
        #expect(try array.arrayElements().map { try $0.toDouble() } == [1, 2, 3])
        #expect(try object.delete("a"))
        #expect(!object.has("a"))
    }

    @Test func typedArraysAreReadWithoutCopyAndViewOffsetsRespected() throws {
        let realm = JSRealm(vm: vm)
        let view = try realm.evaluate("new Uint8Array([1, 2, 3, 4, 5, 6]).subarray(2, 5)")
        #expect(view.bytes() == [3, 4, 5])
        let buffer = try realm.evaluate("new Uint16Array([0x0102, 0x0304]).buffer")
        #expect(buffer.bytes() == [2, 1, 4, 3])
        // Writing through the borrowed pointer is visible to JS: no copy was made.
        let array = try realm.evaluate("globalThis.shared = new Uint8Array(4); shared")
        _ = array.withUnsafeBytes { bytes in
            UnsafeMutableRawBufferPointer(mutating: bytes)[0] = 0xAB
        }
        #expect(try realm.evaluate("shared[0]").toDouble() == 0xAB)
        #expect(try realm.evaluate("({})").bytes() == nil)
    }

    @Test func swiftMemoryHandedToJavaScriptWithoutCopy() throws {
        let realm = JSRealm(vm: vm)
        let memory = malloc(3)!
        memory.storeBytes(of: 7, toByteOffset: 0, as: UInt8.self)
        memory.storeBytes(of: 8, toByteOffset: 1, as: UInt8.self)
        memory.storeBytes(of: 9, toByteOffset: 2, as: UInt8.self)
        let array = realm.wrap(try realm.makeUint8Array(takingMalloced: memory, count: 3))
        #expect(try realm.evaluate("(a) => Array.from(a).join()").call([array]).toString() == "7,8,9")
        let copied = realm.wrap(try realm.makeUint8Array(copying: [1, 2, 3]))
        #expect(copied.bytes() == [1, 2, 3])
    }

    @Test func exceptionsCarryNameMessageAndStack() throws {
        let realm = JSRealm(vm: vm)
        do {
            try realm.evaluate("function inner() { throw new RangeError('too far'); }\ninner();", sourceURL: "file.js")
            Issue.record("expected a throw")
        } catch {
            #expect(error.name == "RangeError")
            #expect(error.message == "too far")
            #expect(error.stack.contains("inner@file.js:1"))
            #expect(error.description.hasPrefix("RangeError: too far"))
        }
        do {
            try realm.evaluate("throw 42")
            Issue.record("expected a throw")
        } catch {
            #expect(error.message == "42")
            #expect(try error.value?.toDouble() == 42)
        }
    }

    @Test func syntaxErrorsReportTheLine() throws {
        let realm = JSRealm(vm: vm)
        do {
            try realm.evaluate("let a = 1;\nlet b = ;\n", sourceURL: "broken.js")
            Issue.record("expected a syntax error")
        } catch {
            #expect(error.name == "SyntaxError")
            #expect(error.line == 2)
        }
        #expect(throws: JSException.self) {
            try JSCompiledScript(vm: vm, source: "function (", sourceURL: "x.js")
        }
    }

    @Test func nativeFunctionsReceiveArgumentsAndThrowJSErrors() throws {
        let realm = JSRealm(vm: vm)
        let add = realm.function("add", length: 2) { frame in
            frame.realm.makeNumber(try frame.double(0) + frame.double(1))
        }
        let fail = realm.function("fail") { _ in throw JSError.typeError("nope") }
        try realm.global.set("add", add)
        try realm.global.set("fail", fail)
        #expect(try realm.evaluate("add(2, 3)").toDouble() == 5)
        #expect(try realm.evaluate("add.name").toString() == "add")
        #expect(try realm.evaluate("add.length").toDouble() == 2)
        #expect(try realm.evaluate("typeof add").toString() == "function")
        #expect(try realm.evaluate("try { fail() } catch (e) { e instanceof TypeError && e.message }").toString() == "nope")
        #expect(try realm.evaluate("add.call(null, 1, 1)").toDouble() == 2)
    }

    @Test func valuesHeldBySwiftSurviveGarbageCollection() throws {
        let realm = JSRealm(vm: vm)
        var held: [JSValue] = []
        for index in 0..<200 {
            held.append(try realm.evaluate("({ index: \(index), payload: 'x'.repeat(1000) })"))
        }
        try realm.evaluate("globalThis.garbage = []; for (let i = 0; i < 20000; i++) garbage.push({ i }); garbage = null;")
        realm.collectGarbage()
        for (index, value) in held.enumerated() {
            #expect(try value.get("index").toDouble() == Double(index))
        }
    }

    @Test func releasedValuesAreCollected() throws {
        let realm = JSRealm(vm: vm)
        try realm.evaluate("globalThis.registry = new FinalizationRegistry(() => { globalThis.collected = (globalThis.collected ?? 0) + 1 }); globalThis.weak = null;")
        do {
            let value = try realm.evaluate("(() => { const o = { big: new Array(1000).fill(1) }; globalThis.weak = new WeakRef(o); return o })()")
            realm.collectGarbage()
            #expect(try realm.evaluate("weak.deref() !== undefined").toBool())
            _ = value
        }
        realm.collectGarbage()
        #expect(try realm.evaluate("weak.deref() === undefined").toBool())
    }

    @Test func promisesSettledFromSwift() async throws {
        let realm = JSRealm(vm: vm)
        let deferred = try JSDeferredPromise(in: realm)
        try realm.global.set("pending", deferred.promise)
        try realm.evaluate("globalThis.result = 'unset'; pending.then((v) => { result = 'resolved:' + v })")
        #expect(try realm.evaluate("result").toString() == "unset")
        // A real asynchronous Swift operation, then settle from Swift.
        let value = await Task.detached { () -> Int in
            try? await Task.sleep(for: .milliseconds(5))
            return 7
        }.value
        deferred.resolve(realm.number(value))
        #expect(try realm.evaluate("result").toString() == "resolved:7")
        #expect(deferred.isSettled)

        let rejected = try JSDeferredPromise(in: realm)
        try realm.global.set("failing", rejected.promise)
        try realm.evaluate("failing.catch((e) => { result = e.name + ':' + e.message })")
        rejected.reject(JSError.rangeError("out"))
        #expect(try realm.evaluate("result").toString() == "RangeError:out")
    }

    @Test func realmsDoNotShareBuiltins() throws {
        let first = JSRealm(vm: vm)
        let second = JSRealm(vm: vm)
        try first.evaluate("Array.prototype.polluted = 1; Object.prototype.evil = true")
        #expect(try second.evaluate("[].polluted === undefined && ({}).evil === undefined").toBool())
    }

    @Test func microtasksDrainWhenTheOutermostCallReturns() throws {
        let realm = JSRealm(vm: vm)
        let order = try realm.evaluate("globalThis.order = []; Promise.resolve().then(() => order.push('micro')); order.push('sync'); order")
        #expect(try order.toJSON() == #"["sync","micro"]"#)
    }

    @Test func executionTimeLimitEndsRunawayScriptsAndTheVMStaysUsable() throws {
        let realm = JSRealm(vm: vm)
        var asked = 0
        vm.setExecutionTimeLimit(seconds: 0.02) {
            asked += 1
            return true
        }
        defer { vm.clearExecutionTimeLimit() }
        do {
            try realm.evaluate("try { for (;;) {} } catch (e) { 'caught' }")
            Issue.record("expected termination")
        } catch {
            #expect(error.isTermination)
        }
        #expect(asked >= 1)
        #expect(try realm.evaluate("1 + 1").toDouble() == 2)
    }

    @Test func aWatchdogThatDeclinesIsAskedAgain() throws {
        let realm = JSRealm(vm: vm)
        var ticks = 0
        vm.setExecutionTimeLimit(seconds: 0.005) {
            ticks += 1
            return ticks > 3
        }
        defer { vm.clearExecutionTimeLimit() }
        #expect(throws: JSException.self) { try realm.evaluate("for (;;) {}") }
        #expect(ticks == 4)
    }

    @Test func evalCanBeDisabled() throws {
        let realm = JSRealm(vm: vm)
        realm.setEvalEnabled(false, message: "no strings")
        #expect(try realm.evaluate("try { eval('1') } catch (e) { e.constructor.name + ':' + e.message }").toString() == "EvalError:no strings")
    }
}

#if canImport(Glibc)
import Glibc
#endif
