import CJavaScriptCore
import Foundation
import VergeJS

/// Ops every realm needs: console output, error reporting, timers, clocks, randomness,
/// and the module loader behind `core.require`.
extension OpRegistry {
    mutating func registerCoreOps() {
        let realm = self.realm
        let timeOrigin = monotonicNanoseconds()
        let timeOriginEpoch = Date().timeIntervalSince1970 * 1000

        add("print") { [unowned realm] frame in
            let level = ConsoleLevel(rawValue: try frame.int(0)) ?? .log
            realm.options.console.write(level, try frame.string(1))
            return nil
        }
        add("reportUncaught") { [unowned realm] frame in
            let kind: UncaughtError.Kind = try frame.string(0) == "rejection" ? .unhandledRejection : .exception
            realm.reportUncaught(message: try frame.string(1), kind: kind)
            return nil
        }
        // timerStart(id, milliseconds, keepsAlive = true)
        add("timerStart") { [unowned realm] frame in
            realm.startTimer(id: try frame.int(0), milliseconds: try frame.double(1),
                             keepsAlive: frame.isUndefined(2) || frame.bool(2))
            return nil
        }
        add("timerCancel") { [unowned realm] frame in
            realm.cancelTimer(id: try frame.int(0))
            return nil
        }
        // Milliseconds since this realm was created, monotonic, sub-microsecond resolution.
        add("now") { [unowned realm] _ in
            realm.js.makeNumber(Double(monotonicNanoseconds() - timeOrigin) / 1_000_000)
        }
        add("timeOrigin") { [unowned realm] _ in realm.js.makeNumber(timeOriginEpoch) }
        // Evaluates a runtime-apis module's wrapper in this realm; returns the function.
        add("loadModule") { [unowned realm] frame in
            let module = try frame.string(0)
            let script = try realm.isolate.compiledModule(module)
            return try realm.js.evaluate(script).ref
        }
        // Around the outermost core.require that loads a module: that time is the runtime's
        // own, not charged to the invocation running (Isolate.beginUnchargedWork).
        add("moduleLoadBegin") { [unowned realm] _ in
            realm.isolate.beginUnchargedWork()
            return nil
        }
        add("moduleLoadEnd") { [unowned realm] _ in
            realm.isolate.endUnchargedWork()
            return nil
        }
        // The names of the runtime-apis modules, one per line (core.hasModule reads them).
        add("moduleNames") { [unowned realm] _ in
            realm.js.makeString(RuntimeAPIs.moduleNameList)
        }
        // Fills an integer typed array with bytes from the system CSPRNG (getrandom(2)).
        add("randomFill") { [unowned realm] frame in
            guard let bytes = frame.bytes(0) else { throw JSError.typeError("randomFill needs a typed array") }
            let target = UnsafeMutableRawBufferPointer(mutating: bytes)
            var generator = SystemRandomNumberGenerator()
            var offset = 0
            while offset < target.count {
                let word = generator.next()
                let count = min(8, target.count - offset)
                withUnsafeBytes(of: word) { source in
                    for index in 0..<count { target[offset + index] = source[index] }
                }
                offset += count
            }
            return realm.js.makeUndefined()
        }
    }
}
