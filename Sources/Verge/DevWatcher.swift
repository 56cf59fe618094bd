import Foundation
import NIOConcurrencyHelpers
import VergeRouter
import VergeServer

/// `verge dev`: polls the project for changes and rebuilds. Segments whose bundle inputs did
/// not change keep their bundle (and their warm realms); changed ones are rebundled and
/// their realms replaced on the next request. The server never stops.
final class DevWatcher: @unchecked Sendable {
    private let builder: ProjectBuilder
    private let server: HTTPServer
    private let queue = DispatchQueue(label: "verge.dev-watcher")
    private var timer: (any DispatchSourceTimer)?
    private var snapshot: [String: FileStamp]
    private var current: ProjectBuild
    private var generation = 1

    struct FileStamp: Equatable {
        var modified: Date
        var size: Int
    }

    init(builder: ProjectBuilder, server: HTTPServer, initial: ProjectBuild) {
        self.builder = builder
        self.server = server
        self.current = initial
        self.snapshot = DevWatcher.scan(builder.project)
    }

    func start() {
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + .milliseconds(300), repeating: .milliseconds(300))
        timer.setEventHandler { [weak self] in self?.poll() }
        timer.resume()
        self.timer = timer
    }

    func stop() {
        timer?.cancel()
        timer = nil
    }

    private func poll() {
        let latest = DevWatcher.scan(builder.project)
        guard latest != snapshot else { return }
        var changed = Set<String>()
        for (path, stamp) in latest where snapshot[path] != stamp { changed.insert(path) }
        for path in snapshot.keys where latest[path] == nil { changed.insert(path) }
        snapshot = latest
        rebuild(changed: changed)
    }

    private func rebuild(changed: Set<String>) {
        let started = Date()
        let envChanged = changed.contains { ($0 as NSString).lastPathComponent.hasPrefix(".env") }
        var reuse: [String: EdgeBundle] = [:]
        if !envChanged {
            for (id, bundle) in current.application.bundles where !bundle.inputs.isEmpty && bundle.inputs.allSatisfy({ !changed.contains($0) }) {
                reuse[id] = bundle
            }
        }
        generation += 1
        do {
            let build = try builder.build(generation: generation, reuse: reuse)
            let rebundled = build.application.bundles.keys.filter { reuse[$0] == nil }.sorted()
            current = build
            server.replaceApplication(build.application)
            let elapsed = Int(Date().timeIntervalSince(started) * 1000)
            var message = "dev: rebuilt in \(elapsed) ms"
            if !rebundled.isEmpty { message += " (bundled: \(rebundled.joined(separator: ", ")))" }
            print(message)
            if let error = build.application.globalBuildError { printError("dev: build error:\n\(error)") }
            for (id, error) in build.application.buildErrors.sorted(by: { $0.key < $1.key }) {
                printError("dev: error in \(id):\n\(error)")
            }
            flushStandardOutput()
        } catch {
            printError("dev: build failed:\n\(error)")
        }
    }

    static let watchedExtensions: Set<String> = ["js", "jsx", "ts", "tsx", "mjs", "mts", "cjs", "json"]

    static func scan(_ root: URL) -> [String: FileStamp] {
        var result: [String: FileStamp] = [:]
        let keys: [URLResourceKey] = [.contentModificationDateKey, .fileSizeKey, .isDirectoryKey]
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: keys) else { return result }
        for case let url as URL in enumerator {
            let name = url.lastPathComponent
            if name == "node_modules" || name == ".verge" || name == ".git" || name.hasPrefix(".build") {
                enumerator.skipDescendants()
                continue
            }
            guard let values = try? url.resourceValues(forKeys: Set(keys)), values.isDirectory != true else { continue }
            guard watchedExtensions.contains(url.pathExtension) || name.hasPrefix(".env") else { continue }
            result[url.standardizedFileURL.path] = FileStamp(modified: values.contentModificationDate ?? .distantPast,
                                                             size: values.fileSize ?? 0)
        }
        return result
    }
}
