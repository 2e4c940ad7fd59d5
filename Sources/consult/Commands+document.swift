import ArgumentParser

extension Consult {
    static var documentCommands: [any ParsableCommand.Type] { [] }
}
