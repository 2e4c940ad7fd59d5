import ArgumentParser

extension Consult {
    /// Consultations kept in SQLite (issue 5).
    static var storeCommands: [any ParsableCommand.Type] {
        [StoreSessions.self, StoreShow.self, StoreExport.self, StoreAnswers.self, StoreHistory.self, StoreDiff.self,
         StoreImport.self, StoreStress.self]
    }
}
