import ArgumentParser
import Verge

@main
struct VergeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verge",
        abstract: "Verge: an edge-runtime server. Edge routes run JavaScript in a JavaScriptCore sandbox; node routes run Swift.",
        subcommands: [RunCommand.self, DevCommand.self, BuildCommand.self, StartCommand.self, RoutesCommand.self, ConformanceCommand.self]
    )
}
