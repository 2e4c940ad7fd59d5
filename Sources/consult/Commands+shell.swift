import ArgumentParser

extension Consult {
    static var shellCommands: [any ParsableCommand.Type] { [Shell.self, BenchShell.self] }

    /// `consult` with no subcommand starts a consultation (design.md).
    static var defaultCommand: (any ParsableCommand.Type)? { Shell.self }
}
