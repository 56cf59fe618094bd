import ArgumentParser
import Foundation
import NIOCore
import NIOPosix
import Verge

/// `verge run FILE.js`: evaluates FILE as a classic script in a fresh edge sandbox and runs
/// its event loop until idle. Exit status: 0 clean, 1 uncaught errors, 2 unreadable file or
/// syntax error.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a script in a fresh edge sandbox until its event loop is idle."
    )

    @Argument(help: "The script to run (a classic script: top-level declarations become globals).")
    var file: String

    @Option(name: .customLong("cpu-limit-ms"), help: "CPU time one task may use, in milliseconds (default: unlimited).")
    var cpuLimitMs: Int?

    @Option(name: .customLong("heap-limit-mb"), help: "JavaScript heap limit, in megabytes (default: unlimited).")
    var heapLimitMb: Int?

    @Option(name: .customLong("location"), help: "A URL for `location` and the base of relative URLs.")
    var location: String?

    @Option(name: .customLong("env"), help: "NAME=VALUE to put in process.env (repeatable).")
    var env: [String] = []

    func validate() throws {
        if let cpuLimitMs, cpuLimitMs <= 0 { throw ValidationError("--cpu-limit-ms must be a positive number of milliseconds") }
        if let heapLimitMb, heapLimitMb <= 0 { throw ValidationError("--heap-limit-mb must be a positive number of megabytes") }
        for pair in env where !pair.contains("=") {
            throw ValidationError("--env takes NAME=VALUE, got '\(pair)'")
        }
    }

    func run() throws {
        let source: String
        do {
            source = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            let reason = FileManager.default.fileExists(atPath: file) ? "it is not readable UTF-8 text" : "no such file"
            printError("verge run: cannot read \(file): \(reason)")
            throw ExitCode(2)
        }

        var limits = IsolateLimits.unlimited
        if let cpuLimitMs {
            limits.cpuTimePerInvocation = .milliseconds(cpuLimitMs)
            limits.startupCPUTime = .milliseconds(cpuLimitMs)
        }
        if let heapLimitMb { limits.heapBytes = heapLimitMb << 20 }
        var environment: [String: String] = [:]
        for pair in env {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            environment[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }

        let status = ScriptRunner.run(source: source, sourceURL: file, limits: limits,
                                      env: environment, location: location)
        FetchClient.shutdown()  // close fetch()'s pooled connections before exiting
        if status != 0 { throw ExitCode(status) }
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
