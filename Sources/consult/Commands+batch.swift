import ArgumentParser

extension Consult {
    static var batchCommands: [any ParsableCommand.Type] { [Batch.self, Columns.self] }
}
