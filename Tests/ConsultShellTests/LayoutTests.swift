import ConsultRender
import ConsultPlaybook
@testable import ConsultShell
import Testing

/// Everything the shell prints fits 80 columns, in both languages, with Chinese counted as two.
@Suite struct LayoutTests {
    static let languages: [Language] = [.zh, .en]

    func widest(_ text: String) -> (Int, String) {
        text.split(separator: "\n").map { (Wrap.width(of: String($0)), String($0)) }.max { $0.0 < $1.0 } ?? (0, "")
    }

    @Test(arguments: languages)
    func everyQuestionFits(_ language: Language) {
        for question in Fixtures.program.questions {
            let view = QuestionView(question: question, language: language, width: 80)
            for line in view.lines(current: Answers(), paint: { s, _ in s }) {
                #expect(Wrap.width(of: line) <= 80, "\(question.id): \(line)")
            }
        }
    }

    @Test(arguments: languages)
    func commandOutputFits(_ language: Language) {
        let rules = Fixtures.program.rules.map(\.code)
        let commands = [".help", ".review", ".plan", ".whatif store_rating=4.2 monthly_budget=20万 has_persona=是"]
            + rules.flatMap { [".why \($0)", ".whynot \($0)"] } + CommandName.allCases.map { ".help \($0.rawValue)" }
        let lines = ["小芽童装档口", ".lang \(language.rawValue)"] + Fixtures.coldStart + commands
        let output = ShellLoopTests().run(lines).output
        let (width, line) = widest(output)
        #expect(width <= 80, "\(line)")
    }

    @Test func chinesePunctuationNeverStartsALine() {
        let text = String(repeating: "这是一句很长的中文说明", count: 3) + "、" + String(repeating: "再来一句", count: 10)
        for width in 20...40 {
            for line in Wrap.lines(text, width: width) {
                #expect(!line.hasPrefix("、"))
                #expect(Wrap.width(of: line) <= width)
            }
        }
    }

    @Test func colourDoesNotCountAsWidth() {
        #expect(Wrap.width(of: "\u{1B}[31m卡丹路\u{1B}[0m") == 6)
    }
}
