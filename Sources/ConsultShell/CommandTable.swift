import ConsultPlaybook

/// The dot commands, with their help in both languages. The registry and `.help` are the same
/// table, so a command cannot exist without its help (a test checks every one has both texts).
public enum CommandName: String, CaseIterable, Sendable {
    case help, back, skip, goto, review, findings, set, unset, note, source, load, why, whynot, whatif, plan, export, answers, save, sessions, open,
         followup, read, output, lang, echo, bail, reload, quit

    /// Other spellings people reach for.
    static let aliases: [String: CommandName] = ["exit": .quit, "q": .quit, "h": .help, "?": .help, "whyNot": .whynot]

    static func named(_ word: String) -> CommandName? {
        CommandName(rawValue: word.lowercased()) ?? aliases[word]
    }

    /// Tab adds a space after the command when it takes an argument.
    var takesArgument: Bool {
        switch self {
        case .back, .skip, .review, .findings, .plan, .sessions, .reload, .quit: false
        default: true
        }
    }

    var usage: String {
        switch self {
        case .help: ".help [COMMAND]"
        case .back: ".back"
        case .skip: ".skip [block]"
        case .goto: ".goto FACT|N"
        case .review: ".review"
        case .findings: ".findings"
        case .set: ".set FACT VALUE"
        case .unset: ".unset FACT"
        case .note: ".note TEXT"
        case .source: ".source said|data|estimate"
        case .load: ".load FILE [ROW]"
        case .why: ".why CODE"
        case .whynot: ".whynot CODE"
        case .whatif: ".whatif FACT=VALUE …"
        case .plan: ".plan"
        case .export: ".export FORMAT [FILE]"
        case .answers: ".answers FILE"
        case .save: ".save transcript FILE"
        case .sessions: ".sessions [MERCHANT]"
        case .open: ".open ID [take]"
        case .followup: ".followup [MERCHANT]"
        case .lang: ".lang zh|en"
        case .read: ".read FILE"
        case .output: ".output [FILE]"
        case .echo: ".echo on|off"
        case .bail: ".bail on|off"
        case .reload: ".reload"
        case .quit: ".quit"
        }
    }

    var summary: Text {
        switch self {
        case .help: Text(zh: "命令说明；在问题上还会给出这个问题的填写说明", en: "help on commands; at a question, also how to answer it")
        case .back: Text(zh: "回到上一个问题", en: "go back to the previous question")
        case .skip: Text(zh: "这题记为“不清楚”，继续（.skip block 跳过这一部分没答的题）", en: "record this answer as unknown and go on (.skip block: the rest of this part)")
        case .goto: Text(zh: "跳到某个问题（编号见 .review）", en: "jump to a question (by id or its .review number)")
        case .review: Text(zh: "列出全部答案，带编号", en: "list every answer, numbered")
        case .findings: Text(zh: "目前的诊断：每个问题和它引起的现象，一行一条", en: "the diagnosis so far: each problem and what it causes, one line each")
        case .set: Text(zh: "直接改一个答案，不离开当前问题", en: "change an answer without leaving this question")
        case .unset: Text(zh: "撤回一个答案（之后会重新问）", en: "take an answer back (it will be asked again)")
        case .note: Text(zh: "给这次咨询记一条笔记", en: "add a note to this consultation")
        case .source: Text(zh: "之后答案的来源：商家口述、平台数据或顾问估算", en: "where the next answers come from: the merchant, platform data or your estimate")
        case .load: Text(zh: "从平台导出（xlsx/CSV）或答案文件的一行填入答案，只问还缺的", en: "fill answers from a row of a platform export (xlsx/CSV) or an answers file; only what is missing is asked")
        case .why: Text(zh: "这条规则为什么触发：每个条件的值和阈值", en: "why a rule fires: each condition with its value and threshold")
        case .whynot: Text(zh: "这条规则为什么没触发：每个条件差多少", en: "why a rule does not fire: how far each condition is")
        case .whatif: Text(zh: "假设改几个答案，看方案怎么变（不改动本次咨询）", en: "how the plan would change with other answers (nothing is changed)")
        case .plan: Text(zh: "按现有答案显示诊断方案（含待确认数据）", en: "the plan from the answers so far, with the unknowns")
        case .export: Text(zh: "把方案写入文件：md、html、pdf、png（微信长图）、json、text", en: "write the plan to a file: md, html, pdf, png (WeChat long image), json or text")
        case .answers: Text(zh: "把答案写成 consult run 能用的答案文件", en: "write an answers file that consult run accepts")
        case .save: Text(zh: "把这次咨询写成可以重放的记录（每行“问题=答案”）", en: "write this consultation as a transcript to replay (one fact=value per line)")
        case .sessions: Text(zh: "列出保存的咨询（* 是当前这次）", en: "list the stored consultations (* marks this one)")
        case .open: Text(zh: "打开一次保存的咨询，接着问", en: "open a stored consultation and go on with it")
        case .followup: Text(zh: "回访：对照这个商家上次拜访，看哪些问题解决了、哪些还在、指标达没达标", en: "a follow-up visit: what moved since the merchant's last visit (findings, KPIs against its targets)")
        case .lang: Text(zh: "切换语言", en: "switch language")
        case .read: Text(zh: "把文件里的每一行当作输入（如 .save transcript 写的记录）", en: "take each line of a file as typed (e.g. a transcript .save wrote)")
        case .output: Text(zh: "之后命令的输出写入文件；不给文件名回到屏幕", en: "send what commands print to a file; without FILE, back to the screen")
        case .echo: Text(zh: "读入的每一行是否在提示符后显示（重放记录时用）", en: "print each line read after its prompt (replaying a transcript)")
        case .bail: Text(zh: "遇到第一行出错是否停下（退出状态 1）", en: "stop at the first refused line (exit status 1)")
        case .reload: Text(zh: "重新读取手册，保留仍然有效的答案", en: "re-read the playbooks, keeping the answers they still accept")
        case .quit: Text(zh: "结束咨询", en: "end the consultation")
        }
    }

    var detail: Text {
        switch self {
        case .help: Text(zh: "例：.help whynot", en: "e.g. .help whynot")
        case .back: Text(zh: "显示上一个问题和当前答案；回车保留，改完后回到没答完的地方继续。", en: "Shows the previous question with its answer; Enter keeps it. After answering, the interview resumes where it left off.")
        case .skip: Text(zh: "“不清楚”不会当成 0；方案会把它列进待确认数据。", en: "Unknown is never taken as 0; the plan lists it among the data to confirm.")
        case .goto: Text(zh: "例：.goto store_rating 或 .goto 12。答完后回到没答完的地方继续。", en: "e.g. .goto store_rating or .goto 12. After answering, the interview resumes where it left off.")
        case .review: Text(zh: "用 .goto 编号 或 .set 修改。", en: "Change one with .goto N or .set FACT VALUE.")
        case .findings: Text(zh: "比 .plan 短：只有问题，按先解决哪个排好；访谈没完时是初步结论。.why 编号 看依据。",
                             en: "Shorter than .plan: the problems only, in the order to fix them; preliminary while the interview goes on. .why CODE shows the evidence.")
        case .set: Text(zh: "例：.set return_rate 18%　.set category 童装童鞋/母婴　.set merchant 新名字", en: "e.g. .set return_rate 18%   .set category apparel   .set merchant New name")
        case .unset: Text(zh: "例：.unset ad_roi", en: "e.g. .unset ad_roi")
        case .note: Text(zh: "例：.note 老板想冲 818，预算可以再谈。笔记和答案一起保存，.review 列出。", en: "e.g. .note owner wants to push for 818. Notes are kept with the answers; .review lists them.")
        case .source: Text(zh: "一直有效，直到再改；不是商家口述时提示符会标出来。只依据估算的发现，方案里会标注“先核实”。也可写中文：.source 口述/数据/估算", en: "Stays until changed; the prompt shows it when it is not the merchant's word. The plan marks findings that rest only on estimates. e.g. .source data")
        case .load: Text(zh: "ROW 是表格里的行号或商家名称（文件只有一个商家时可省）。填入的答案记为“平台数据”，.review 标出来自哪个文件哪一行。例：.load 罗盘直播列表.xlsx 卡丹路", en: "ROW is the row number in the sheet or the merchant's name (optional when the file has one merchant). Answers filled in are marked as platform data; .review shows the file and row. e.g. .load compass.xlsx 3")
        case .why: Text(zh: "例：.why SV-01（规则编号或 id 都可以）", en: "e.g. .why SV-01 (the code or the rule id)")
        case .whynot: Text(zh: "列出条件的每一部分：现在的值、阈值、还差多少，以及要回答哪些问题才能判断。", en: "Lists each part of the condition: the value now, the threshold, the margin, and which questions must be answered to decide.")
        case .whatif: Text(zh: "例：.whatif store_rating=4.8 return_rate=15", en: "e.g. .whatif store_rating=4.8 return_rate=15")
        case .plan: Text(zh: "随时可看；没答的问题算“不清楚”。", en: "Works at any time; unanswered questions count as unknown.")
        case .export: Text(zh: "不给文件名时写到当前目录的 plan_商家_日期.格式。pdf 和 png 需要 Chromium。例：.export html　.export md 小芽童装.md", en: "Without FILE, writes plan_MERCHANT_DATE.EXT in the current directory. pdf and png need Chromium. e.g. .export html   .export md plan.md")
        case .answers: Text(zh: "用 consult run --answers FILE 可以得到完全相同的方案。", en: "consult run --answers FILE then gives exactly the same plan.")
        case .save: Text(zh: "consult < FILE 重放这次咨询：每个答案都写明是哪一题，某一行出错也不会把后面的答案错位到别的题上。",
                         en: "consult < FILE replays the consultation: every answer names its question, so one bad line never moves later answers onto the wrong question.")
        case .sessions: Text(zh: "每次咨询：编号、日期、商家、已答/适用题数、是否结束。给商家名的一部分只列那家。例：.sessions 卡丹", en: "Each consultation: number, date, merchant, answered of the questions that apply, ended or not. Part of a merchant's name lists only that one. e.g. .sessions Kadan")
        case .open: Text(zh: "载入它的答案和笔记，从没答的题接着问；当前这次保留为未结束。另一个窗口正开着它时不打开，加 take 接手（那个窗口就不再写入它）。例：.open 12",
                         en: "Loads its answers and notes and goes on at the first question not answered; the one on screen stays open. One open in another window is not opened; add take to take it over (that window stops writing to it). e.g. .open 12")
        case .followup: Text(zh: "商家名已经问过时，列出自上次拜访以来的变化（方案开头也有）。还没开始时 .followup 商家名 按回访开始：每题显示上次的答案，回车沿用，有变化就输入新值。启动时也可以 consult --follow-up 商家名。",
                             en: "Once the merchant is named, lists what moved since the last visit (the plan opens with it too). Before that, .followup MERCHANT starts a follow-up: each question shows the last visit's answer; Enter keeps it, or type what changed. Also consult --follow-up MERCHANT at start.")
        case .lang: Text(zh: "例：.lang en", en: "e.g. .lang zh")
        case .read: Text(zh: "每行显示在提示符后；出错的行按“文件 第 N 行”报出。答案文件请用 .load。",
                         en: "Each line is shown after its prompt; a refused line is named by file and line. For an answers file use .load.")
        case .output: Text(zh: "和 psql 的 \\o 一样：.plan、.review、.findings、.sessions 等命令的输出写进文件（不带颜色），问题、提示和错误还在屏幕上。文件会被覆盖。例：.output 卡丹路笔记.txt",
                           en: "As psql's \\o: what .plan, .review, .findings, .sessions … print goes to the file (no colour); questions, prompts and errors stay on screen. The file is overwritten. e.g. .output notes.txt")
        case .echo: Text(zh: "和 --echo 一样，可以随时开关。", en: "As --echo, switched at any point.")
        case .bail: Text(zh: "和 --bail 一样，可以随时开关；脚本里先 .bail on，关键的几行出错就不会往下答。",
                         en: "As --bail, switched at any point: a script turns it on so that a refused key line stops it.")
        case .reload: Text(zh: "手册改动后用；失效的答案会列出来。", en: "Use after editing the playbooks; answers that no longer fit are listed.")
        case .quit: Text(zh: "也可以按 Ctrl-D（会先确认）。结束的咨询不再在启动时提示继续，.open 编号 可以再打开。", en: "Ctrl-D also ends it (after asking). An ended consultation is no longer offered at start; .open ID opens it again.")
        }
    }
}

/// A command line split into its name and arguments. Words are separated by spaces (ASCII or
/// ideographic); double quotes keep spaces inside one argument.
struct CommandInput {
    var name: String
    var arguments: [String]
    /// Everything after the name, as typed (for `.set FACT VALUE WITH SPACES`).
    var rest: String

    /// nil unless the line is a command: it starts with `.` or `。` (a Chinese input method's full
    /// stop), and is not a number such as `.5`.
    init?(_ line: String) {
        var text = line.trimmed
        guard let first = text.first, first == "." || first == "。" || first == "．" else { return nil }
        text.removeFirst()
        if let next = text.first, next.isNumber { return nil }
        let words = CommandInput.split(text)
        name = words.first ?? ""
        arguments = Array(words.dropFirst())
        let afterName = text.drop { $0 != " " && $0 != "\u{3000}" }
        rest = String(afterName).trimmed
    }

    static func split(_ text: String) -> [String] {
        var words: [String] = []
        var word = ""
        var quoted = false
        var started = false
        for ch in text {
            if ch == "\"" { quoted.toggle(); started = true; continue }
            if !quoted, ch == " " || ch == "\u{3000}" || ch == "\t" {
                if started { words.append(word) }
                word = ""
                started = false
            } else {
                word.append(ch)
                started = true
            }
        }
        if started { words.append(word) }
        return words
    }
}
