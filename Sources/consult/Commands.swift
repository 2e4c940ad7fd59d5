import ArgumentParser

/// Each area registers its subcommands in its own file, so they grow without touching Main.swift.
extension Consult {
    static var allSubcommands: [any ParsableCommand.Type] {
        [Run.self, Lint.self, Test.self, Explain.self, Bench.self]
            + shellCommands + storeCommands + documentCommands + batchCommands
    }
}
