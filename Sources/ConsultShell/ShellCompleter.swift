import ConsultPlaybook

/// What Tab offers, from the text before the cursor: command names; fact ids after `.goto`,
/// `.set`, `.unset`, `.whatif`; rule codes after `.why`/`.whynot`; a fact's choices (id and
/// Chinese label) after `.set FACT ` or `FACT=`, or as the answer to the question on screen;
/// document formats after `.export` and file paths after `.export FORMAT` and `.answers`; sources
/// after `.source`; stored consultations after `.open`. Pure, so it is tested without a terminal.
struct ShellCompleter {
    let program: Program
    /// The question being asked, whose choices complete a plain answer.
    let question: Question?
    var listDirectory: (String) -> [String]? = PathCompleter.list
    /// Stored consultations, newest first (id, and what to list beside it); read only when asked.
    var sessions: () -> [(id: String, label: String)] = { [] }

    func complete(_ before: String) -> Completion {
        var text = before
        if let first = text.first, first == "。" || first == "．" { text = "." + text.dropFirst() }
        guard text.hasPrefix("."), !(text.dropFirst().first?.isNumber ?? false) else {
            return answer(text)
        }
        let words = CommandInput.split(String(text.dropFirst()))
        let endsWithSpace = text.last == " " || text.last == "\u{3000}"
        let current = endsWithSpace ? "" : (words.last ?? "")
        let position = endsWithSpace ? words.count : max(0, words.count - 1)
        if position == 0 {
            let names = CommandName.allCases.map(\.rawValue)
            let matches = Self.match(current, in: names)
            let takes = matches.count == 1 && CommandName(rawValue: matches[0])?.takesArgument == true
            return Completion(replacing: current, candidates: matches, appendSpace: takes)
        }
        guard let command = CommandName.named(words[0]) else { return .none }
        return argument(command, position: position, current: current, previous: Array(words.dropFirst()))
    }

    private func argument(_ command: CommandName, position: Int, current: String, previous: [String]) -> Completion {
        switch (command, position) {
        case (.help, 1):
            return Completion(replacing: current, candidates: Self.match(current, in: CommandName.allCases.map(\.rawValue)))
        case (.goto, 1), (.unset, 1):
            return Completion(replacing: current, candidates: Self.match(current, in: factIDs))
        case (.set, 1):
            return Completion(replacing: current, candidates: Self.match(current, in: factIDs + ["merchant", "consultant"]), appendSpace: true)
        case (.set, 2):
            return values(of: previous.first ?? "", current)
        case (.whatif, _):
            if let equals = current.firstIndex(where: { $0 == "=" || $0 == "＝" }) {
                return values(of: String(current[..<equals]), String(current[current.index(after: equals)...]))
            }
            let ids = Self.match(current, in: factIDs)
            return Completion(replacing: current, candidates: ids.count == 1 ? [ids[0] + "="] : ids)
        case (.why, 1), (.whynot, 1):
            return Completion(replacing: current, candidates: Self.match(current, in: program.rules.map(\.code).sorted()))
        case (.lang, 1):
            return Completion(replacing: current, candidates: Self.match(current, in: ["zh", "en"]))
        case (.export, 1):
            return Completion(replacing: current, candidates: Self.match(current, in: Shell.exportFormats), appendSpace: true)
        case (.source, 1):
            // Chinese words too: a consultant types 估 and Tab, not estimate.
            let words = Shell.sourceWords
            let matches = Self.match(current, in: words.map(\.id) + words.map(\.zh))
            let listing = words.filter { matches.contains($0.id) || matches.contains($0.zh) }.map { "\($0.zh) \($0.id)" }
            return Completion(replacing: current, candidates: matches, listing: listing)
        case (.open, 1):
            let stored = sessions()
            let ids = Self.match(current.hasPrefix("#") ? String(current.dropFirst()) : current, in: stored.map(\.id))
            let listing = stored.filter { ids.contains($0.id) }.map { "\($0.id) \($0.label)" }
            return Completion(replacing: current, candidates: ids, listing: listing)
        case (.export, 2), (.answers, 1):
            return PathCompleter(list: listDirectory).complete(current)
        default:
            return .none
        }
    }

    /// A plain line answers the question on screen: its choices, or yes/no.
    private func answer(_ text: String) -> Completion {
        guard let question else { return .none }
        return values(of: question.id, text)
    }

    private func values(of fact: String, _ current: String) -> Completion {
        guard let declaration = program.question(fact)?.fact else { return .none }
        switch declaration.kind {
        case .choice:
            let matches = Self.match(current, in: declaration.choices.flatMap { [$0.label.zh, $0.id] })
            let listing = declaration.choices.filter { matches.contains($0.label.zh) || matches.contains($0.id) }
                .map { "\($0.label.zh) \($0.id)" }
            return Completion(replacing: current, candidates: matches, listing: listing)
        case .bool:
            return Completion(replacing: current, candidates: Self.match(current, in: ["是", "否", "yes", "no"]))
        default:
            return .none
        }
    }

    private var factIDs: [String] { program.questions.map(\.id) }

    /// Case-insensitive prefix matches; when there are none, matches anywhere in the word (so
    /// typing 母婴 finds 童装童鞋/母婴).
    static func match(_ typed: String, in candidates: [String]) -> [String] {
        let lower = typed.lowercased()
        let prefixed = candidates.filter { $0.lowercased().hasPrefix(lower) }
        if !prefixed.isEmpty || typed.isEmpty { return prefixed.uniqued() }
        return candidates.filter { $0.lowercased().contains(lower) }.uniqued()
    }
}

extension Shell {
    func complete(_ before: String) -> Completion {
        guard ensureLoaded() else { return .none }
        let question = consultation.merchant == nil ? nil : currentQuestion
        var completer = ShellCompleter(program: program, question: question)
        if let library {
            completer.sessions = {
                let stored = (try? library.sessions(merchant: nil)) ?? []
                return stored.reversed().map { ("\($0.id)", ($0.merchant.name.isEmpty ? "-" : $0.merchant.name) + " " + $0.day) }
            }
        }
        return completer.complete(before)
    }
}
