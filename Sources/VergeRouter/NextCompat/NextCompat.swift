import Foundation

/// Next.js compatibility at build time: the `next/*` modules Verge ships, written under
/// `.verge/next/` and wired into esbuild (see docs/next-compat.md).
public enum NextCompat {
    /// The specifiers Verge answers, besides `next/dist/server/web/spec-extension/cookies`.
    public static let supportedModules = ["next/server", "next/headers"]

    /// Why any other `next/*` import fails the build.
    public static let unsupportedReason =
        "Verge's edge runtime provides only next/server and next/headers (see docs/next-compat.md); remove the import or move this code to a Swift (nodejs) route"

    /// Writes the modules into `directory` (only files whose content changed, so watchers
    /// see no spurious changes) and returns it.
    @discardableResult
    public static func install(into directory: URL) throws -> URL {
        let fileManager = FileManager.default
        for (path, source) in NextCompatModules.files {
            let url = directory.appendingPathComponent(path)
            if let existing = try? String(contentsOf: url, encoding: .utf8), existing == source { continue }
            try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try source.write(to: url, atomically: true, encoding: .utf8)
        }
        return directory
    }

    /// The absolute path of the shipped `next/server` module inside `directory`.
    static func serverModulePath(in directory: URL) -> String {
        directory.appendingPathComponent("server.js").standardizedFileURL.path
    }
}

extension EdgeBundler {
    /// Makes `next/server` and `next/headers` resolve to Verge's modules (written under
    /// `.verge/next/` beside the bundles), whether or not a `next` package is installed, and
    /// makes every other `next/*` import a build error naming it.
    public mutating func enableNextCompat() throws {
        let directory = try NextCompat.install(into: outputDirectory.deletingLastPathComponent().appendingPathComponent("next"))
        aliases["next"] = directory.standardizedFileURL.path
        unsupportedPrefixes["next"] = NextCompat.unsupportedReason
        unsupportedPrefixes["next/"] = NextCompat.unsupportedReason
        nextCompatDirectory = directory.standardizedFileURL.path
    }
}
