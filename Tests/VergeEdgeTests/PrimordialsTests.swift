import Testing
@testable import VergeEdge
import VergeJS

/// 01_primordials.js captures, at bootstrap, the originals of exactly the names the
/// modules read (scanned from their sources by `RuntimeAPIs.primordialNames`) and makes
/// each wrapper the first time a module reads it, which may be after user code ran.
@Suite struct PrimordialsTests {
    /// Names the scan finds that this JavaScriptCore build lacks (read behind a typeof check).
    static let optional: Set<String> = ["Float16Array", "SharedArrayBuffer", "SharedArrayBufferPrototypeGetByteLength"]

    @Test func theScanFindsDestructuredAndMemberNames() {
        var names = Set<String>()
        let source = """
            const {
              ArrayPrototypePush, // a comment, with a comma
              StringPrototypeSlice: slice,
            } = core.primordials;
            const { ObjectFreeze } = primordials;
            const y = core.primordials.MathFround(x);
            const { notPrimordials } = other;
            """
        RuntimeAPIs.scanPrimordialNames(Array(source.utf8), into: &names)
        #expect(names == ["ArrayPrototypePush", "StringPrototypeSlice", "ObjectFreeze", "MathFround"])
    }

    @Test func everyNameTheModulesReadResolves() async throws {
        let missing = try await onIsolate { _, realm -> [String] in
            let primordials = try realm.hook("requireModule").call([realm.js.string("primordials")])
            var missing: [String] = []
            for name in RuntimeAPIs.primordialNames.split(separator: "\n").map(String.init) {
                if try primordials.get(name).isUndefined, !Self.optional.contains(name) { missing.append(name) }
            }
            return missing
        }
        #expect(missing == [])
        #expect(RuntimeAPIs.primordialNames.split(separator: "\n").count > 150)
    }

    @Test func laterRealmsRunTheFirstRealmsCaptureCode() async throws {
        // The first realm of the process writes the capture code; every later realm runs it
        // (compiled once per VM) and must end up with the same originals.
        let results = try await onIsolate { isolate, first -> [String] in
            #expect(!RuntimeAPIs.primordialRecipe.withLockedValue { $0 }.isEmpty)
            var options = RealmOptions()
            options.console = .discard
            var results: [String] = []
            for realm in [first, try isolate.makeRealm(name: "second", options: options)] {
                let check = try realm.js.evaluate("""
                    (function (p) {
                      const a = [1];
                      p.ArrayPrototypePush(a, 2);
                      const bytes = new Uint8Array(4);
                      return [a.join(), p.TypedArrayPrototypeGetLength(bytes), p.ObjectFreeze === Object.freeze ? "bound" : "own",
                        typeof p.ObjectKeys, [...p.RegExpPrototypeSymbolMatchAll(/a(.)/g, "abac")].map((m) => m[1]).join(""),
                        p.StringPrototypeToLowerCase("AbC"), typeof p.PromisePrototypeThen].join(" ");
                    })
                    """)
                let primordials = try realm.hook("requireModule").call([realm.js.string("primordials")])
                results.append(try check.call([primordials]).toString())
                var missing: [String] = []
                for name in RuntimeAPIs.primordialNames.split(separator: "\n").map(String.init) {
                    if try primordials.get(name).isUndefined, !Self.optional.contains(name) { missing.append(name) }
                }
                results.append(missing.joined(separator: ","))
                if realm !== first { realm.close() }
            }
            return results
        }
        #expect(results.count == 4)
        #expect(results[0] == results[2])
        #expect(results[0] == "1,2 4 own function bc abc function")
        #expect(results[1] == "" && results[3] == "")
    }

    @Test func builtInsUserCodeReplacesBeforeAModuleLoadsAreNeverCalled() async throws {
        // URL, Headers, Request and bodies load at first use, after this code has run; the
        // wrappers they read are made then, from the originals captured at bootstrap. (The URL
        // parser's own string loops call charCodeAt/slice/indexOf as methods, by design:
        // conformance/url/DIVERGENCES.md; those three are left alone here.)
        let (outcome, console) = try await runScript("""
            let calls = 0;
            const count = () => { calls++; };
            for (const [proto, names] of [
              [String.prototype, ["toLowerCase", "toUpperCase", "split", "trim", "startsWith", "endsWith", "replace", "includes"]],
              [Array.prototype, ["push", "join", "map", "slice", "indexOf", "forEach", "sort", "splice", "concat", "filter"]],
              [Map.prototype, ["get", "set", "has", "delete"]], [Set.prototype, ["add", "has"]], [Promise.prototype, ["then", "catch"]]]) {
              for (const name of names) {
                const original = proto[name];
                // An own `call` on the original, before the runtime pins its own (those a module
                // loaded at bootstrap already read are pinned, and refuse it).
                try {
                  Object.defineProperty(original, "call", { value: function (...args) { count(); return Reflect.apply(original, args[0], args.slice(1)); } });
                } catch {}
                proto[name] = function (...args) { count(); return Reflect.apply(original, this, args); };
              }
            }
            Function.prototype.call = function () { count(); throw new Error("replaced call"); };
            (async () => {
              const url = new URL("HTTPS://Example.COM:443/a/../b?q=1#h");
              const request = new Request(url, { method: "POST", body: "x", headers: [["X-A", "1"]] });
              const text = await request.text();
              console.log(url.href, request.headers.get("x-a"), text, calls === 0 ? "no calls" : calls + " calls");
            })();
            """)
        #expect(outcome.uncaught.isEmpty, "\(outcome.uncaught)")
        #expect(console.output == ["https://example.com/b?q=1#h 1 x no calls"])
    }
}
