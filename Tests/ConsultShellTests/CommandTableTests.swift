@testable import ConsultShell
import Testing

/// The command registry is its own help: every command has usage, summary and detail in both
/// languages, and lines are read as commands only when they should be.
@Suite struct CommandTableTests {
    @Test(arguments: CommandName.allCases)
    func everyCommandHasHelpInBothLanguages(_ name: CommandName) {
        #expect(name.usage.hasPrefix("." + name.rawValue))
        for text in [name.summary, name.detail] {
            #expect(!text.zh.isEmpty && !text.en.isEmpty)
        }
    }

    @Test func theIssueListOfCommandsIsComplete() {
        let listed = ["help", "back", "skip", "goto", "review", "set", "unset", "why", "whynot", "whatif",
                      "plan", "export", "answers", "lang", "reload", "quit",
                      "sessions", "open", "note", "source",  // issue 5
                      "load",  // issue 12
                      "save", "findings", "echo", "bail", "read",  // issue 14: transcripts that do not shift, the compact diagnosis
                      "followup", "output"]  // issue 14: the visit, not just the interview; psql habits
        #expect(Set(CommandName.allCases.map(\.rawValue)) == Set(listed))
    }

    @Test(arguments: [
        (".goto store_rating", "goto", ["store_rating"]),
        ("。goto store_rating", "goto", ["store_rating"]),
        ("．plan", "plan", []),
        ("  .set industrial_belt \"白沟 箱包\" ", "set", ["industrial_belt", "白沟 箱包"]),
        (".whatif a=1\u{3000}b=2", "whatif", ["a=1", "b=2"]),
    ])
    func commandsAreParsed(line: String, name: String, arguments: [String]) throws {
        let command = try #require(CommandInput(line))
        #expect(command.name == name)
        #expect(command.arguments == arguments)
    }

    @Test func answersAreNotCommands() {
        #expect(CommandInput("4.7") == nil)
        #expect(CommandInput(".5") == nil)
        #expect(CommandInput("抖音") == nil)
    }

    @Test func setKeepsTheRestOfTheLine() throws {
        let command = try #require(CommandInput(".set merchant 卡丹路 旗舰店"))
        #expect(command.rest == "merchant 卡丹路 旗舰店")
    }

    @Test func aliases() {
        #expect(CommandName.named("exit") == .quit)
        #expect(CommandName.named("GOTO") == .goto)
        #expect(CommandName.named("nope") == nil)
    }
}
