/// A 1-based position in a named source file, so every problem can be shown as `file:line:col`.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}

/// How bad a problem is: errors fail a load or a check, warnings only inform (unless `--strict`).
public enum DiagnosticSeverity: String, Sendable, Hashable {
    case error, warning, note
}

/// A problem found in the core, reported as a value and printed at the edge.
/// `id` is stable (tests and docs refer to it); `message` is what a person reads.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public var id: String
    public var severity: DiagnosticSeverity
    public var message: String
    public var location: SourceLocation?
    /// Columns the caret should cover (at least 1).
    public var length: Int
    public var notes: [String]

    public init(id: String, severity: DiagnosticSeverity = .error, message: String,
                location: SourceLocation? = nil, length: Int = 1, notes: [String] = []) {
        self.id = id
        self.severity = severity
        self.message = message
        self.location = location
        self.length = max(1, length)
        self.notes = notes
    }

    public static func error(_ id: String, _ message: String, at location: SourceLocation? = nil,
                             length: Int = 1, notes: [String] = []) -> Diagnostic {
        Diagnostic(id: id, severity: .error, message: message, location: location, length: length, notes: notes)
    }

    public static func warning(_ id: String, _ message: String, at location: SourceLocation? = nil,
                               length: Int = 1, notes: [String] = []) -> Diagnostic {
        Diagnostic(id: id, severity: .warning, message: message, location: location, length: length, notes: notes)
    }

    /// The one-line form: `file:line:col: error: message`.
    public var description: String {
        let prefix = location.map { "\($0): " } ?? ""
        return "\(prefix)\(severity.rawValue): \(message)"
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }
    public var errors: [Diagnostic] { filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { filter { $0.severity == .warning } }

    /// Stable order for reporting: by file, line, column, then message.
    public func sortedByLocation() -> [Diagnostic] {
        enumerated().sorted { lhs, rhs in
            switch (lhs.element.location, rhs.element.location) {
            case let (l?, r?) where l != r: return l < r
            case (nil, _?): return false
            case (_?, nil): return true
            default: return lhs.offset < rhs.offset
            }
        }.map(\.element)
    }
}
