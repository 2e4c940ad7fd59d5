import ArgumentParser

extension Consult {
    static var shellCommands: [any ParsableCommand.Type] { [] }
}
