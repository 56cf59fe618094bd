import Foundation
import PackagePlugin

/// Embeds `runtime-apis/*.js` (the Web APIs of the edge sandbox) into VergeEdge as a
/// generated Swift source, so the `verge` binary carries them and needs no files at run time.
@main
struct EmbedRuntimeAPIs: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let apiDirectory = context.package.directoryURL.appending(path: "runtime-apis")
        let files = (try? FileManager.default.contentsOfDirectory(
            at: apiDirectory, includingPropertiesForKeys: nil))?
            .filter { $0.pathExtension == "js" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent } ?? []
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedRuntimeAPIs.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) runtime-apis files",
                executable: try context.tool(named: "RuntimeAPIsEmbedder").url,
                arguments: [output.path()] + files.map { $0.path() },
                inputFiles: files,
                outputFiles: [output]
            )
        ]
    }
}
