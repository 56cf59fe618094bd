import Foundation

/// Running a local checkout of web-platform-tests (`verge conformance --wpt PATH`).
///
/// Each `.any.js` file runs in a fresh edge sandbox the way WPT's server runs it as a
/// dedicated worker (`.any.worker.js`): `self.GLOBAL`, then the checkout's own
/// `resources/testharness.js`, then the META scripts and the test, then `done()`. An adapter
/// (below) makes the sandbox look like a dedicated worker to testharness.js, reads the
/// results through `add_completion_callback` and prints them for the runner. The adapter
/// only ever runs in conformance sandboxes; handler sandboxes never see these globals.
///
/// Files that need what the sandbox or the runner does not have (the WPT Python server,
/// other origins, a window, WebDriver) are skipped by `skipRules`, each with its reason.
public enum WPT {
    /// The WPT directories whose `.any.js` files cover the Web APIs Verge promises.
    public static let defaultDirectories = [
        "url", "urlpattern", "encoding", "fetch/api", "streams", "compression", "dom/abort", "dom/events",
        "html/webappapis/atob", "html/webappapis/timers", "html/webappapis/structured-clone",
        "WebCryptoAPI", "hr-time", "console",
    ]

    /// META `global=` values the sandbox can stand in for: it is worker-like, and also
    /// passes for a JS shell or a ShadowRealm global.
    static let workerLikeGlobals: Set<String> = [
        "worker", "worker-module", "dedicatedworker", "dedicatedworker-module", "sharedworker",
        "sharedworker-module", "serviceworker", "serviceworker-module", "jsshell", "shadowrealm",
    ]

    /// What a skip rule looks at.
    public struct Candidate {
        public var file: TestFile
        /// The test file's source.
        public var source: String
        /// The META scripts' sources (nil for a script missing from the checkout).
        public var scriptSources: [(reference: String, source: String?)]
    }

    /// A documented reason not to run a file.
    public struct SkipRule: Sendable {
        public var name: String
        /// One line for docs/conformance.md and `--verbose` output.
        public var summary: String
        /// The reason shown for a file, or nil when the rule does not apply.
        public var check: @Sendable (Candidate) -> String?
    }

    /// The rules, in the order they are tried (the first that applies is reported).
    public static let skipRules: [SkipRule] = [
        SkipRule(name: "window-only",
                 summary: "META global= names no worker-like scope (worker, dedicatedworker, sharedworker, serviceworker, shadowrealm, jsshell): the test needs a window") { candidate in
            let globals = candidate.file.globals
            if globals.isEmpty { return nil } // WPT's default: window and dedicatedworker
            let scopes = globals.filter { !$0.hasPrefix("!") }.map { $0 == "default" ? "dedicatedworker" : $0 }
            if scopes.contains(where: { workerLikeGlobals.contains($0) || $0.hasPrefix("shadowrealm") }) { return nil }
            return "runs only in a window (META global=\(globals.joined(separator: ",")))"
        },
        SkipRule(name: "https", summary: "the file name has .https.: it needs the WPT server over HTTPS (secure context)") { candidate in
            fileName(candidate.file).contains(".https.") ? "needs the WPT server over HTTPS (.https. file)" : nil
        },
        SkipRule(name: "substitutions", summary: "the file name has .sub.: the WPT server fills in {{host}}-style templates") { candidate in
            fileName(candidate.file).contains(".sub.") ? "needs the WPT server's template substitutions (.sub. file)" : nil
        },
        SkipRule(name: "host-info", summary: "META script /common/get-host-info.sub.js: the test talks to the WPT server's other hosts and ports (cross-origin)") { candidate in
            candidate.file.scriptReferences.contains { $0.contains("get-host-info") }
                ? "needs the WPT server's other origins (META script=/common/get-host-info.sub.js)" : nil
        },
        SkipRule(name: "testdriver", summary: "META script /resources/testdriver.js: the test drives the browser through WebDriver") { candidate in
            candidate.file.scriptReferences.contains { $0.contains("testdriver") }
                ? "needs WebDriver (META script=\(candidate.file.scriptReferences.first { $0.contains("testdriver") } ?? "testdriver.js"))" : nil
        },
        SkipRule(name: "meta-substitutions", summary: "a META script has .sub. in its name: it needs the WPT server's substitutions") { candidate in
            candidate.file.scriptReferences.first { $0.contains(".sub.") }.map { "needs the WPT server's template substitutions (META script=\($0))" }
        },
        SkipRule(name: "missing-script", summary: "a META script is not in the checkout (a generated or server-side file)") { candidate in
            candidate.scriptSources.first { $0.source == nil }.map { "META script=\($0.reference) is not in the checkout" }
        },
        SkipRule(name: "python-handlers", summary: "the test or a META script refers to a .py URL: it needs the WPT Python server's handlers (resources/*.py)") { candidate in
            if let handler = pythonHandler(in: candidate.source) { return "needs the WPT server's Python handlers (\(handler))" }
            for script in candidate.scriptSources {
                if let source = script.source, let handler = pythonHandler(in: source) {
                    return "needs the WPT server's Python handlers (\(handler), via META script=\(script.reference))"
                }
            }
            return nil
        },
        SkipRule(name: "import-scripts", summary: "the test calls importScripts(): classic-worker script loading, which the sandbox does not have") { candidate in
            candidate.source.contains("importScripts(") ? "calls importScripts(), which the sandbox does not have" : nil
        },
        SkipRule(name: "workers", summary: "the test creates workers (new Worker, new SharedWorker, navigator.serviceWorker), which the sandbox does not have") { candidate in
            for needle in ["new Worker(", "new SharedWorker(", "navigator.serviceWorker"] where candidate.source.contains(needle) {
                return "creates workers (\(needle.trimmingCharacters(in: CharacterSet(charactersIn: "(")))), which the sandbox does not have"
            }
            return nil
        },
    ]

    static func fileName(_ file: TestFile) -> String {
        file.path.split(separator: "/").last.map(String.init) ?? file.path
    }

    /// The first `name.py` URL in `source` (inside a string or template), if any.
    static func pythonHandler(in source: String) -> String? {
        let pattern = #"[A-Za-z0-9_./{}$-]+\.py(?=["'`?#/]|$)"#
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines]) else { return nil }
        let range = NSRange(source.startIndex..., in: source)
        for match in regex.matches(in: source, range: range) {
            guard let matched = Range(match.range, in: source) else { continue }
            return String(source[matched])
        }
        return nil
    }

    /// Every `.any.js` file under `directories` of the checkout at `root` (paths containing
    /// `filter` only), with skip reasons set. Helper folders (resources, support, common,
    /// tools) are not tests.
    public static func discover(root: URL, directories: [String] = defaultDirectories, filter: String?) throws -> [TestFile] {
        let fileManager = FileManager.default
        let rootPath = root.standardizedFileURL.path
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: rootPath, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DiscoveryError(message: "no web-platform-tests checkout at \(rootPath)")
        }
        var files: [TestFile] = []
        for directory in directories {
            let start = root.appendingPathComponent(directory)
            guard let enumerator = fileManager.enumerator(at: start, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in enumerator {
                guard url.lastPathComponent.hasSuffix(".any.js") else { continue }
                let relative = String(url.standardizedFileURL.path.dropFirst(rootPath.count + 1))
                let components = relative.split(separator: "/")
                if components.dropLast().contains(where: { ["resources", "support", "common", "tools"].contains($0) }) { continue }
                if let filter, !filter.isEmpty, !relative.contains(filter) { continue }
                let source = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
                for var file in TestFile.parse(path: relative, url: url, source: source, suiteRoot: root, api: directory) {
                    let scripts = zip(file.scriptReferences, file.scripts).map { reference, scriptURL in
                        (reference: reference, source: try? String(contentsOf: scriptURL, encoding: .utf8))
                    }
                    let candidate = Candidate(file: file, source: source, scriptSources: scripts)
                    file.skipReason = skipRules.lazy.compactMap { $0.check(candidate) }.first
                    files.append(file)
                }
            }
        }
        return files.sorted { $0.displayName < $1.displayName }
    }

    public struct DiscoveryError: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    // MARK: The adapter around the checkout's testharness.js

    /// Runs first, per file: `META_TITLE` (`// META: title=`), and a stand-in `location` (a
    /// worker's, read-only) when the runtime has no `location` global, so that tests reading
    /// `location.search` (variants) or resolving relative URLs work.
    public static func filePreludeSource(title: String?, location: String?) -> String {
        var source = "(function (global) {\n  \"use strict\";\n"
        if let title {
            source += "  Object.defineProperty(global, \"META_TITLE\", { value: \(jsonString(title)), writable: true, configurable: true });\n"
        }
        if let location {
            source += """
                  if (!("location" in global) && typeof global.URL === "function") {
                    const url = new global.URL(\(jsonString(location)));
                    const location = {};
                    for (const name of ["href", "origin", "protocol", "host", "hostname", "port", "pathname", "search", "hash"]) {
                      const value = url[name];
                      Object.defineProperty(location, name, { get: () => value, enumerable: true, configurable: true });
                    }
                    Object.defineProperty(location, "toString", { value: () => url.href, writable: true, configurable: true });
                    Object.defineProperty(global, "location", { value: location, writable: true, configurable: true });
                  }

                """
        }
        return source + "})(globalThis);\n"
    }

    /// Runs before testharness.js: what WPT's `.any.worker.js` wrapper and a dedicated
    /// worker's global provide, as far as testharness.js looks at them.
    public static let preludeSource = """
            (function (global) {
              "use strict";
              const define = (name, value) => Object.defineProperty(global, name, {
                value, writable: true, configurable: true, enumerable: false,
              });
              // Set by WPT's .any.worker.js wrapper before testharness.js.
              define("GLOBAL", {
                isWindow() { return false; },
                isWorker() { return true; },
                isShadowRealm() { return false; },
              });
              // testharness.js picks its environment with
              // `self instanceof DedicatedWorkerGlobalScope`: the sandbox passes for one.
              // (The global's prototype chain cannot change: JavaScriptCore makes it immutable.)
              const illegal = function () { throw new TypeError("Illegal constructor"); };
              const makeInterface = (name) => {
                const f = { [name]: function () { return illegal(); } }[name];
                Object.defineProperty(f, Symbol.hasInstance, { value: (value) => value === global });
                return f;
              };
              define("WorkerGlobalScope", makeInterface("WorkerGlobalScope"));
              define("DedicatedWorkerGlobalScope", makeInterface("DedicatedWorkerGlobalScope"));
              // DedicatedWorkerTestEnvironment posts its results to `self`; the runner reads
              // them through add_completion_callback instead.
              define("postMessage", function postMessage(message) {});
            })(globalThis);
        """

    /// Runs after testharness.js: reports the results the way our harness does and gives
    /// the runner its two hooks (sync done = the wrapper's trailing `done()`; force complete
    /// = the harness `timeout()` when the sandbox went idle or ran out of time).
    public static let postludeSource = """
        (function (global) {
          "use strict";
          const log = console.log.bind(console);
          const stringify = JSON.stringify;
          const MARKER = "\\u001eVERGE-TESTHARNESS ";
          const statusNames = ["PASS", "FAIL", "TIMEOUT", "NOTRUN", "PRECONDITION_FAILED"];
          const harnessNames = ["OK", "ERROR", "TIMEOUT", "PRECONDITION_FAILED"];
          const text = (value) => (value === null || value === undefined ? null : String(value));
          const known = [];
          let reported = false;
          // Why the runner forced completion (the harness's own timeout() gives no message).
          let forcedReason = null;
          function emit(tests, status, message, stack) {
            if (reported) return;
            reported = true;
            const results = [];
            for (let i = 0; i < tests.length; i++) {
              const t = tests[i];
              results.push({
                name: String(t.name),
                status: statusNames[t.status] || "FAIL",
                message: text(t.message),
                stack: text(t.stack),
              });
            }
            log(MARKER + stringify({ status, message: text(message), stack: text(stack), tests: results }));
          }
          if (typeof global.add_completion_callback !== "function") {
            throw new Error("resources/testharness.js did not define add_completion_callback: is this a web-platform-tests checkout?");
          }
          global.add_completion_callback((tests, status) => {
            const message = status.message === null || status.message === undefined ? forcedReason : status.message;
            emit(tests, harnessNames[status.status] || "ERROR", message, status.stack);
          });
          if (typeof global.add_test_state_callback === "function") {
            global.add_test_state_callback((t) => {
              if (known.indexOf(t) === -1) known.push(t);
            });
          }
          const done = global.done;
          const timeout = global.timeout;
          Object.defineProperty(global, "__vergeHarness", {
            value: Object.freeze({
              syncDone() {
                done();
              },
              forceComplete(reason) {
                if (reported) return;
                forcedReason = reason;
                try {
                  if (typeof timeout === "function") timeout();
                } catch (e) {
                  // Fall through to the report below.
                }
                if (!reported) {
                  for (let i = 0; i < known.length; i++) {
                    if (known[i].status === undefined || known[i].phase === 0) known[i].status = 3;
                  }
                  emit(known, "TIMEOUT", reason, null);
                }
              },
            }),
            writable: false, configurable: true, enumerable: false,
          });
        })(globalThis);
        """
}
