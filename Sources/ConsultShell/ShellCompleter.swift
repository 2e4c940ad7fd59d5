import ConsultPlaybook

/// What Tab offers, from the text before the cursor: command names; fact ids after `.goto`,
/// `.set`, `.unset`, `.whatif`; rule codes after `.why`/`.whynot`; a fact's choices (id and
/// Chinese label) after `.set FACT ` or `FACT=`, or as the answer to the question on screen;
/// file paths after `.export FORMAT` and `.answers`. Pure, so it is tested without a terminal.
struct ShellCompleter {
    let program: Program
    /// The question being asked, whose choices complete a plain answer.
    let question: Question?
    var listDirectory: (String) -> [String]? = PathCompleter.list

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
            return Completion(replacing: current, candidates: Self.match(current, in: ["md", "json", "text"]), appendSpace: true)
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
        return ShellCompleter(program: program, question: question).complete(before)
    }
}
