import ArgumentParser

extension Consult {
    static var storeCommands: [any ParsableCommand.Type] { [] }
}
