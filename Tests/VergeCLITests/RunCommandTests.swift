import Foundation
import Testing

/// Runs the built `verge` binary (it sits beside the test bundle).
func verge(_ arguments: [String], cwd: URL? = nil, environment: [String: String] = [:]) throws -> (status: Int32, stdout: String, stderr: String) {
    let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    var binary = products.appendingPathComponent("verge")
    if !FileManager.default.fileExists(atPath: binary.path) {
        binary = products.deletingLastPathComponent().appendingPathComponent("verge")
    }
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    if let cwd { process.currentDirectoryURL = cwd }
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "VERGE_RUNTIME_APIS_DIR")
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
}

func temporaryScript(_ source: String, name: String = "script.js") throws -> URL {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("verge-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let file = directory.appendingPathComponent(name)
    try source.write(to: file, atomically: true, encoding: .utf8)
    return file
}

@Suite("verge run")
struct RunCommandTests {
    @Test func printsWhatTheScriptLogsAndExitsZeroWhenIdle() throws {
        let file = try temporaryScript("""
            console.log('hello', 1 + 1);
            setTimeout(() => console.log('later'), 5);
            console.error('to stderr');
            """)
        let result = try verge(["run", file.path])
        #expect(result.status == 0)
        #expect(result.stdout == "hello 2\nlater\n")
        #expect(result.stderr == "to stderr\n")
    }

    @Test func topLevelDeclarationsBecomeGlobals() throws {
        let file = try temporaryScript("var a = 1; function b() { return 2 } console.log(globalThis.a + globalThis.b());")
        let result = try verge(["run", file.path])
        #expect(result.stdout == "3\n")
    }

    @Test func uncaughtErrorsPrintTheirStackKeepTheLoopRunningAndExitOne() throws {
        let file = try temporaryScript("""
            function fail() { throw new Error('boom'); }
            setTimeout(fail, 0);
            setTimeout(() => console.log('after the error'), 10);
            Promise.reject(new TypeError('unhandled'));
            """, name: "errors.js")
        let result = try verge(["run", file.path])
        #expect(result.status == 1)
        #expect(result.stdout == "after the error\n")
        #expect(result.stderr.contains("Uncaught Error: boom"))
        #expect(result.stderr.contains("at fail (\(file.path):1"))
        #expect(result.stderr.contains("Uncaught (in promise) TypeError: unhandled"))
    }

    @Test func missingFileIsExitTwoWithOneLine() throws {
        let result = try verge(["run", "/nonexistent/nope.js"])
        #expect(result.status == 2)
        #expect(result.stderr == "verge run: cannot read /nonexistent/nope.js: no such file\n")
    }

    @Test func syntaxErrorIsExitTwoWithFileAndLine() throws {
        let file = try temporaryScript("console.log('fine');\nconst x = ;\n", name: "broken.js")
        let result = try verge(["run", file.path])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("\(file.path):2: SyntaxError:"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func cpuLimitFlagEndsARunawayLoop() throws {
        let file = try temporaryScript("setTimeout(() => console.log('survived'), 1); for (;;) {}")
        let result = try verge(["run", "--cpu-limit-ms", "50", file.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("CPU time limit exceeded"))
        #expect(result.stdout == "survived\n")
    }

    @Test func heapLimitFlagCondemnsTheIsolate() throws {
        let file = try temporaryScript("const keep = []; for (;;) keep.push(new Array(100000).fill(1));")
        let result = try verge(["run", "--heap-limit-mb", "32", file.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("heap limit exceeded"))
    }

    @Test func envFlagFillsProcessEnvOnly() throws {
        let file = try temporaryScript("console.log(JSON.stringify(process.env)); try { process.argv } catch (e) { console.log(e.message) }")
        let result = try verge(["run", "--env", "A=1", "--env", "B=two=2", file.path])
        #expect(result.stdout == "{\"A\":\"1\",\"B\":\"two=2\"}\nA Node.js API is used (process.argv) which is not supported in the edge runtime\n")
    }

    @Test func theHelloExampleRuns() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let result = try verge(["run", "examples/hello.js"], cwd: root)
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("Hello from the Verge edge sandbox!"))
    }
}
