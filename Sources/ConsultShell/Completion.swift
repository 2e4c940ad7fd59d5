import ConsultDiagnostics

/// What Tab offers for the word before the cursor: the candidates and how much typed text
/// (in Unicode scalars, libedit's unit) they replace.
public struct Completion: Equatable, Sendable {
    public var replacing: String
    public var candidates: [String]
    /// Add a space after a unique candidate (a command or fact id that takes more words).
    public var appendSpace: Bool
    /// What to show when the candidates are listed, if not the candidates themselves (a choice's
    /// label and id side by side, rather than as two unrelated words).
    public var listing: [String]?

    public init(replacing: String, candidates: [String], appendSpace: Bool = false, listing: [String]? = nil) {
        self.replacing = replacing
        self.candidates = candidates
        self.appendSpace = appendSpace
        self.listing = listing
    }

    public static let none = Completion(replacing: "", candidates: [])

    /// What the line editor should do with it.
    public enum Edit: Equatable, Sendable {
        /// Delete `delete` scalars before the cursor, then insert `insert`.
        case replace(delete: Int, insert: String)
        /// Show these choices under the line and redraw it.
        case list([String])
        case beep
    }

    /// One candidate completes; several complete their common prefix, or are listed when that
    /// adds nothing to what was typed.
    public var edit: Edit {
        guard let first = candidates.first else { return .beep }
        let typed = replacing.unicodeScalars.count
        if candidates.count == 1 {
            return .replace(delete: typed, insert: first + (appendSpace ? " " : ""))
        }
        let common = candidates.dropFirst().reduce(first) { $0.sharedPrefix(with: $1) }
        if common.count > replacing.count, common.lowercased().hasPrefix(replacing.lowercased()) {
            return .replace(delete: typed, insert: common)
        }
        return .list(listing ?? candidates)
    }

    /// Candidates laid out in columns within `width`, aligned for double-width characters.
    public static func columns(_ items: [String], width: Int) -> String {
        let column = (items.map { DisplayWidth.of($0) }.max() ?? 0) + 2
        let perRow = max(1, width / column)
        var rows: [String] = []
        var row = ""
        for (i, item) in items.enumerated() {
            row += i % perRow == perRow - 1 || i == items.count - 1 ? item : DisplayWidth.pad(item, to: column)
            if i % perRow == perRow - 1 { rows.append(row); row = "" }
        }
        if !row.isEmpty { rows.append(row) }
        return rows.joined(separator: "\n")
    }
}

extension String {
    /// The longest common prefix in Characters (so a Chinese character is never split).
    func sharedPrefix(with other: String) -> String {
        var out = ""
        for (a, b) in zip(self, other) {
            guard a == b else { break }
            out.append(a)
        }
        return out
    }
}
