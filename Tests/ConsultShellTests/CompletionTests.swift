@testable import ConsultShell
import Testing

/// Tab completion, without a terminal: what is offered for the text before the cursor, and what
/// the line editor then does with it.
@Suite struct CompletionTests {
    let program = Fixtures.program

    func complete(_ before: String, at fact: String? = nil, files: [String] = []) -> Completion {
        var completer = ShellCompleter(program: program, question: fact.flatMap(program.question))
        completer.listDirectory = { _ in files }
        return completer.complete(before)
    }

    @Test(arguments: [
        (".wh", ["why", "whynot", "whatif"]),
        ("。go", ["goto"]),
        (".", CommandName.allCases.map(\.rawValue)),
    ])
    func commands(typed: String, expected: [String]) {
        #expect(complete(typed).candidates == expected)
    }

    @Test func aUniqueCommandTakingAnArgumentGetsASpace() {
        #expect(complete(".got").edit == .replace(delete: 3, insert: "goto "))
        #expect(complete(".rev").edit == .replace(delete: 3, insert: "review"))
    }

    @Test func factIdsAfterGotoSetUnsetAndWhatif() {
        #expect(complete(".goto store_r").candidates == ["store_rating"])
        #expect(complete(".set return_").candidates == ["return_rate"])
        #expect(complete(".unset ad_r").candidates == ["ad_roi"])
        #expect(complete(".whatif store_rating=4.8 return_r").candidates == ["return_rate="])
    }

    @Test func choicesAfterSetAndInWhatif() {
        #expect(complete(".set platform 快").candidates == ["快手"])
        #expect(complete(".whatif platform=kuai").candidates == ["kuaishou"])
        #expect(complete(".whatif platform=kuai").replacing == "kuai")
    }

    @Test func ruleCodesAreCaseInsensitive() {
        let result = complete(".whynot sv-0")
        #expect(result.candidates.first == "SV-01")
        #expect(result.candidates.allSatisfy { $0.hasPrefix("SV-0") })
        #expect(result.edit == .list(result.candidates))
    }

    /// A plain line answers the question on screen: Chinese labels by prefix, or anywhere in the label.
    @Test func chineseChoiceLabels() {
        #expect(complete("童", at: "category").edit == .replace(delete: 1, insert: "童装童鞋/母婴"))
        #expect(complete("母婴", at: "category").edit == .replace(delete: 2, insert: "童装童鞋/母婴"))
        #expect(complete("档", at: "merchant_origin").candidates == ["档口/批发"])
        #expect(complete("", at: "has_persona").candidates == ["是", "否", "yes", "no"])
        #expect(complete("4", at: "store_rating") == .none)
    }

    @Test func commonPrefixCompletesBeforeListing() {
        let result = Completion(replacing: "ab", candidates: ["abcd", "abce"])
        #expect(result.edit == .replace(delete: 2, insert: "abc"))
        #expect(Completion(replacing: "x", candidates: []).edit == .beep)
    }

    @Test func pathsAfterExportAndAnswers() {
        let files = ["plan.md", "plans/", "notes.txt", ".hidden"]
        #expect(complete(".export md pl", files: files).candidates == ["plan.md", "plans/"])
        #expect(complete(".answers n", files: files).candidates == ["notes.txt"])
        #expect(complete(".export ", files: files).candidates == ["md", "html", "pdf", "png", "json", "text"])
        #expect(complete(".export h").edit == .replace(delete: 1, insert: "html "))
    }

    @Test func sourcesAndStoredConsultations() {
        #expect(complete(".source e").candidates == ["estimate"])
        #expect(complete("。source 估").edit == .replace(delete: 1, insert: "估算"))
        #expect(complete(".source ").edit == .list(["口述 said", "数据 data", "估算 estimate"]))
        var completer = ShellCompleter(program: program, question: nil)
        completer.sessions = { [("12", "卡丹路 2026-11-20"), ("3", "小芽 2026-10-01"), ("1", "卡丹路 2026-09-01")] }
        #expect(completer.complete(".open 1").candidates == ["12", "1"])
        #expect(completer.complete(".open 1").edit == .list(["12 卡丹路 2026-11-20", "1 卡丹路 2026-09-01"]))
        #expect(completer.complete(".open 3").edit == .replace(delete: 1, insert: "3"))
    }

    @Test func columnsFitTheWidthWithWideCharacters() {
        let text = Completion.columns(["童装童鞋/母婴", "服装", "鞋包", "皮革皮草"], width: 40)
        for line in text.split(separator: "\n") {
            #expect(DisplayWidthProbe.width(String(line)) <= 40)
        }
    }
}

import ConsultDiagnostics

enum DisplayWidthProbe {
    static func width(_ s: String) -> Int { DisplayWidth.of(s) }
}
