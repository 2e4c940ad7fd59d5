import Foundation
import TestSupport
import Testing

/// What a hostile or careless user can hand consult, across every entry point: answers files,
/// playbooks, templates, the piped shell, the store, portfolio exports, `columns` and `explain`.
/// Each case runs once in Chinese and once in English and must end with its exit status, say what
/// is wrong where it is wrong (file:line:column) in that language, and keep out of every output
/// the bytes listed (terminal escapes, live HTML, spreadsheet formulas, a file read through a
/// symlink). No case may crash: a trap would show as status 132-139.
struct HostileInputTests {
    /// One thing put in the case's directory before the run.
    enum Setup: Sendable {
        case file(String, [UInt8])
        /// A copy of the bundled playbooks at `pb/` with these `(file, from, to)` replacements
        /// (an empty `from` appends `to`) and extra files.
        case playbooks(edits: [Edit], extra: [String: String])
        case directory(String)
        case symlink(String, to: String)
        /// A consult command run first (`$D` is the case's directory), its result ignored.
        case consult([String])
        /// SQL run on a new or existing SQLite file through the sqlite3 command.
        case sqlite(String, String)
    }

    struct Edit: Sendable {
        var file: String
        var from: String
        var to: String
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var setup: [Setup]
        var args: [String]
        var stdin: String?
        var status: Int32
        var zh: [String]
        var en: [String]
        /// Must not appear in stdout, stderr or any of `outputs`.
        var absent: [String] = []
        var outputs: [String] = []
        /// Files the run must not create.
        var notCreated: [String] = []
        var testDescription: String { name }
    }

    static func text(_ path: String, _ content: String) -> Setup { .file(path, Array(content.utf8)) }
    static func answers(_ lines: String, merchant: String = "x") -> Setup {
        text("a.yaml", "merchant: \(merchant)\nanswers:\n" + lines)
    }
    static func edit(_ file: String, _ from: String, _ to: String) -> Edit { Edit(file: file, from: from, to: to) }
    static let run = ["run", "--answers", "$D/a.yaml"]
    static let escape = "\u{1B}]0;pwned\u{07}店\u{1B}[2J\u{9B}31m\r"
    static let terminalBytes = ["\u{1B}", "\u{07}", "\u{9B}", "\r"]
    /// Declared last-first, so the sort has to walk the whole chain from the first fact it meets.
    static let derivedChain: String = (0..<12_000).reversed().map { k in
        "  - { id: chain_\(k), type: number, title: { zh: 链\(k), en: Chain \(k) }, formula: \(k == 0 ? "store_rating" : "chain_\(k - 1)") + 1 }\n"
    }.joined()

    static let cases: [Case] = answersCases + playbookCases + templateCases + shellCases + storeCases + batchCases + otherCases

    // MARK: answers files (`consult run`)
    static let answersCases: [Case] = [
        Case(name: "not a number", setup: [answers("  store_rating: 4.x\n")], args: run, status: 1,
             zh: ["a.yaml:3:17: error:", "“4.x” 不是数字", "可填：数字 0–5 分", "答案文件有 1 处错误，没有生成方案"],
             en: ["a.yaml:3:17: error:", "'4.x' is not a number", "accepted: a number from 0 to 5", "1 error in the answers file; nothing was written"]),
        Case(name: "decimal comma in a rate", setup: [answers("  conversion_rate: \"1,6\"\n")], args: run, status: 1,
             zh: ["a.yaml:3:20: error:", "“1,6” 不是数字"], en: ["a.yaml:3:20: error:", "'1,6' is not a number"]),
        Case(name: "thousands separators in money are fine", setup: [answers("  monthly_gmv: \"1,200,000\"\n")], args: run, status: 0,
             zh: ["数据完整度 1/54"], en: ["Data completeness 1/54"]),
        Case(name: "misspelt fact", setup: [answers("  platfrom: douyin\n")], args: run, status: 1,
             zh: ["a.yaml:3:3: error:", "platfrom", "platform"], en: ["a.yaml:3:3: error:", "unknown fact 'platfrom' (did you mean 'platform'?)"]),
        Case(name: "out of range", setup: [answers("  return_rate: 180\n")], args: run, status: 1,
             zh: ["a.yaml:3:16: error:", "超出范围"], en: ["a.yaml:3:16: error:", "'180' is out of range"]),
        Case(name: "not yes or no", setup: [answers("  pre_ship_qc: maybe\n")], args: run, status: 1,
             zh: ["a.yaml:3:16: error:", "不是“是/否”"], en: ["a.yaml:3:16: error:", "is not yes or no"]),
        Case(name: "not a choice", setup: [answers("  platform: 微信\n")], args: run, status: 1,
             zh: ["a.yaml:3:13: error:", "不是可选项", "抖音（douyin）"], en: ["a.yaml:3:13: error:", "douyin"]),
        Case(name: "duplicate answer", setup: [answers("  store_rating: 4.2\n  store_rating: 4.8\n")], args: run, status: 1,
             zh: ["a.yaml:4:3: error:"], en: ["a.yaml:4:3: error:", "store_rating"]),
        Case(name: "duplicate name in merchant", setup: [text("a.yaml", "merchant: { name: 甲, name: 乙 }\nanswers:\n  store_rating: 4.2\n")],
             args: run, status: 1, zh: ["a.yaml:1:22: error:", "“name”在同一处写了两次"], en: ["a.yaml:1:22: error:", "field 'name' appears twice"]),
        Case(name: "control character", setup: [answers("  industrial_belt: \"白沟\u{01}箱包\"\n")], args: run, status: 1,
             zh: ["a.yaml:3:", "U+0001"], en: ["a.yaml:3:", "control character U+0001"]),
        Case(name: "GBK bytes", setup: [.file("a.yaml", Array("merchant: x\nanswers:\n  industrial_belt: ".utf8) + [0xB0, 0xD7, 0xB9, 0xB5, 0x0A])],
             args: run, status: 1, zh: ["a.yaml:3:20: error:", "UTF-8"], en: ["a.yaml:3:20: error: not UTF-8 text"]),
        Case(name: "byte-order mark", setup: [.file("a.yaml", [0xEF, 0xBB, 0xBF] + Array("merchant: 甲\nanswers:\n  store_rating: 4.2\n".utf8))],
             args: run, status: 0, zh: ["甲"], en: ["甲"]),
        Case(name: "byte-order mark in JSON", setup: [.file("a.json", [0xEF, 0xBB, 0xBF] + Array(#"{"merchant": "甲", "answers": {"store_rating": 4.2}}"#.utf8))],
             args: ["run", "--answers", "$D/a.json"], status: 0, zh: ["甲"], en: ["甲"]),
        Case(name: "exponent number", setup: [answers("  aov: 1e2\n")], args: run, status: 0, zh: ["x"], en: ["x"]),
        Case(name: "exponent in JSON", setup: [text("a.json", #"{"merchant": "x", "answers": {"aov": 1e2}}"#)],
             args: ["run", "--answers", "$D/a.json"], status: 0, zh: ["x"], en: ["x"]),
        Case(name: "lone surrogate in JSON", setup: [text("a.json", #"{"merchant": "\uD800\u0041", "answers": {}}"#)],
             args: ["run", "--answers", "$D/a.json"], status: 1, zh: ["a.json:1:", "error:"], en: ["a.json:1:", "surrogate"]),
        Case(name: "complex key", setup: [answers("  ? [a, b]\n  : 1\n")], args: run, status: 1,
             zh: ["a.yaml:3:", "error:"], en: ["a.yaml:3:", "error:"]),
        Case(name: "python tag", setup: [answers("  industrial_belt: !!python/object/apply:os.system [\"rm -rf /\"]\n")], args: run, status: 1,
             zh: ["a.yaml:3:", "error:"], en: ["a.yaml:3:", "error:"]),
        Case(name: "billion laughs", setup: [text("a.yaml", "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\nmerchant: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n")],
             args: run, status: 1, zh: ["a.yaml:1:", "error:"], en: ["a.yaml:1:", "error:"]),
        Case(name: "100k deep nesting", setup: [text("a.yaml", "merchant: x\nanswers: " + String(repeating: "[", count: 100_000) + "\n")],
             args: run, status: 1, zh: ["a.yaml:2:", "error:"], en: ["a.yaml:2:", "error:"]),
        Case(name: "unterminated quote in YAML", setup: [answers("  industrial_belt: \"白沟\n")], args: run, status: 1,
             zh: ["a.yaml:", "error:"], en: ["a.yaml:", "error:"]),
        Case(name: "tab indentation", setup: [text("a.yaml", "merchant: x\nanswers:\n\tstore_rating: 4.2\n")], args: run, status: 1,
             zh: ["a.yaml:3:1: error:"], en: ["a.yaml:3:1: error:"]),
        Case(name: "empty file", setup: [text("a.yaml", "")], args: run, status: 1, zh: ["a.yaml"], en: ["a.yaml"]),
        Case(name: "a list, not a mapping", setup: [text("a.yaml", "- store_rating\n- 4.2\n")], args: run, status: 1,
             zh: ["a.yaml:1:1: error:"], en: ["a.yaml:1:1: error:"]),
        Case(name: "a list as an answer", setup: [answers("  store_rating: [4.4]\n")], args: run, status: 1,
             zh: ["a.yaml:3:17: error:"], en: ["a.yaml:3:17: error:"]),
        Case(name: "missing file", setup: [], args: run, status: 1, zh: ["a.yaml", "没有这个文件"], en: ["a.yaml", "no such file"]),
        Case(name: "directory as answers", setup: [.directory("a.yaml")], args: run, status: 1, zh: ["a.yaml", "目录"], en: ["a.yaml", "directory"]),
        Case(name: "10 MB value", setup: [answers("  industrial_belt: " + String(repeating: "白", count: 3_500_000) + "x: 1\n  store_rating: 9\n")],
             args: run, status: 1, zh: ["…"], en: ["…"]),
        Case(name: "thousands of unknown facts", setup: [answers((1...3_000).map { "  no_such_fact_\($0): 1\n" }.joined())], args: run, status: 1,
             zh: ["没有“no_such_fact_1”这个问题", "… 另有 2800 处"], en: ["no_such_fact_1'", "… and 2800 more"]),
        Case(name: "terminal escapes in a name, text plan", setup: [answers("  store_rating: 4.2\n", merchant: "\"\\e]0;pwned\\a店\\e[2J\\u009B31m\\r\"")],
             args: run + ["--format", "text"], status: 0, zh: ["pwned"], en: ["pwned"], absent: terminalBytes),
        Case(name: "terminal escapes in a name, Markdown plan", setup: [answers("  store_rating: 4.2\n", merchant: "\"\\e]8;;http://evil\\e\\\\点我\\e]8;;\\e\\\\\"")],
             args: run + ["--format", "md"], status: 0, zh: ["点我"], en: ["点我"], absent: terminalBytes),
        Case(name: "script in a name, HTML plan", setup: [answers("  store_rating: 4.2\n", merchant: "\"<script>alert(1)</script><img src=x onerror=alert(2)>\"")],
             args: run + ["--format", "html"], status: 0, zh: ["&lt;script&gt;"], en: ["&lt;script&gt;"], absent: ["<script>alert", "<img src=x"]),
        Case(name: "script in a name, Markdown plan", setup: [answers("  store_rating: 4.2\n", merchant: "\"<script>alert(1)</script>\"")],
             args: run + ["--format", "md"], status: 0, zh: ["alert(1)"], en: ["alert(1)"], absent: ["<script>"]),
        Case(name: "output to a full disk", setup: [answers("  store_rating: 4.2\n")], args: run + ["--output", "/dev/full", "--format", "md"], status: 1,
             zh: ["/dev/full", "磁盘已满"], en: ["/dev/full", "the disk is full"]),
        Case(name: "output to a directory", setup: [answers("  store_rating: 4.2\n"), .directory("out")], args: run + ["--output", "$D/out", "--format", "md"],
             status: 1, zh: ["out", "目录"], en: ["out", "it is a directory"]),
        Case(name: "output into a missing directory", setup: [answers("  store_rating: 4.2\n")], args: run + ["--output", "$D/no/such/plan.md"],
             status: 1, zh: ["plan.md", "没有"], en: ["plan.md", "no such"]),
        Case(name: "standard input, not YAML", setup: [], args: ["run", "--answers", "-"], stdin: "merchant: [x\n", status: 1,
             zh: ["error:"], en: ["error:"]),
        Case(name: "unknown playbook in --only", setup: [answers("  store_rating: 4.2\n")], args: run + ["--only", "after_sale"], status: 2,
             zh: ["after_sale", "after_sales"], en: ["after_sale", "after_sales"]),
        Case(name: "missing playbooks directory", setup: [answers("  store_rating: 4.2\n")], args: run + ["--playbooks", "$D/nope"], status: 1,
             zh: ["nope"], en: ["nope"]),
    ]

    // MARK: playbooks (`consult lint`)
    static func lint(_ edits: [Edit], extra: [String: String] = [:]) -> [Setup] { [.playbooks(edits: edits, extra: extra)] }
    static let lintArgs = ["lint", "$D/pb"]
    static let playbookCases: [Case] = [
        Case(name: "unknown placeholder", setup: lint([edit("after_sales.yaml", "{store_rating}", "{store_ratin}")]), args: lintArgs, status: 1,
             zh: ["after_sales.yaml:", "store_ratin"], en: ["after_sales.yaml:", "store_ratin"]),
        Case(name: "unknown term", setup: lint([edit("after_sales.yaml", "{store_rating}", "{term:nosuch}")]), args: lintArgs, status: 1,
             zh: ["after_sales.yaml:", "nosuch"], en: ["after_sales.yaml:", "nosuch"]),
        Case(name: "missing English text", setup: lint([edit("user_ops.yaml", "title: { zh: 加购未支付没人跟进, en: Cart abandoners not followed up }", "title: { zh: 加购未支付没人跟进 }")]),
             args: lintArgs, status: 1, zh: ["user_ops.yaml:38:12: error:"], en: ["user_ops.yaml:38:12: error:", "has no English (en) text"]),
        Case(name: "duplicate rule code", setup: lint([edit("expectation.yaml", "code: EX-03", "code: EX-02")]), args: lintArgs, status: 1,
             zh: ["expectation.yaml:", "EX-02"], en: ["expectation.yaml:", "rule code 'EX-02' is used twice"]),
        Case(name: "two files not UTF-8 and one more error", setup: [.playbooks(edits: [edit("expectation.yaml", "code: EX-03", "code: EX-02")], extra: [:]),
                                                                  .file("pb/gbk.yaml", Array("playbook: { id: g, title: { zh: 甲, en: G } }\n# ".utf8) + [0xB0, 0xD7, 0x0A]),
                                                                  .file("pb/gbk2.yaml", [0xD6, 0xD0, 0x0A])],
             args: lintArgs, status: 1, zh: ["gbk.yaml:2:3: error:", "gbk2.yaml:1:1: error:", "EX-02"], en: ["gbk.yaml:2:3: error: not UTF-8 text", "gbk2.yaml:1:1: error:", "EX-02"]),
        Case(name: "five errors in one rule", setup: lint([edit("after_sales.yaml", "{store_rating}", "{a1} {a2} {a3} {a4} {a5}")]), args: lintArgs, status: 1,
             zh: ["a1", "a5", "5 errors"], en: ["a1", "a5", "5 errors"]),
        Case(name: "12,000 derived facts in a chain", setup: lint([edit("intake.yaml", "\nderived:\n", "\nderived:\n" + derivedChain)]), args: lintArgs, status: 0,
             zh: ["0 errors"], en: ["0 errors"]),
        Case(name: "unknown function", setup: lint([edit("after_sales.yaml", "when: store_rating < 4.6", "when: frobnicate(store_rating) < 4.6")]), args: lintArgs, status: 1,
             zh: ["after_sales.yaml:", "frobnicate"], en: ["after_sales.yaml:", "frobnicate"]),
        Case(name: "10,000 parentheses", setup: lint([edit("after_sales.yaml", "when: store_rating < 4.6", "when: " + String(repeating: "(", count: 10_000) + "store_rating < 4.6" + String(repeating: ")", count: 10_000))]),
             args: lintArgs, status: 1, zh: ["after_sales.yaml:"], en: ["after_sales.yaml:"]),
        Case(name: "duplicate key in a playbook", setup: lint([edit("after_sales.yaml", "    code: SV-01\n", "    code: SV-01\n    code: SV-01\n")]), args: lintArgs, status: 1,
             zh: ["after_sales.yaml:", "code"], en: ["after_sales.yaml:", "code"]),
        Case(name: "control character in a playbook", setup: lint([edit("after_sales.yaml", "{store_rating}", "{store_rating}\u{01}")]), args: lintArgs, status: 1,
             zh: ["after_sales.yaml:", "U+0001"], en: ["after_sales.yaml:", "U+0001"]),
        Case(name: "billion laughs in a playbook", setup: lint([], extra: ["laughs.yaml": "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nplaybook: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"]),
             args: lintArgs, status: 1, zh: ["laughs.yaml:"], en: ["laughs.yaml:"]),
        Case(name: "one YAML typo in intake.yaml", setup: lint([edit("intake.yaml", "  - id: return_rate\n", "  - id: return_rate :\n")]), args: lintArgs, status: 1,
             zh: ["intake.yaml:590:21: error: YAML syntax", "9 playbooks: 1 error,"], en: ["intake.yaml:590:21: error: YAML syntax", "9 playbooks: 1 error,"]),
        Case(name: "no playbooks in the directory", setup: [.directory("empty")], args: ["lint", "$D/empty"], status: 1, zh: ["empty"], en: ["empty"]),
        Case(name: "playbooks directory missing", setup: [], args: ["lint", "$D/nope"], status: 1, zh: ["nope"], en: ["nope"]),
    ]

    // MARK: templates (`consult run --template`)
    static let templateRun = run + ["--format", "html", "--template", "$D/t"]
    static let templateCases: [Case] = [
        Case(name: "self-recursive partial", setup: [answers("  store_rating: 4.2\n"), text("t/findings.mustache", "{{> findings}}")], args: templateRun, status: 1,
             zh: ["findings"], en: ["findings"]),
        Case(name: "mutually recursive partials", setup: [answers("  store_rating: 4.2\n"), text("t/findings.mustache", "{{> actions}}"), text("t/actions.mustache", "{{> findings}}")],
             args: templateRun, status: 1, zh: ["findings"], en: ["findings"]),
        Case(name: "partial that is a symlink out", setup: [answers("  store_rating: 4.2\n"), .directory("t"), .symlink("t/findings.mustache", to: "/etc/passwd")],
             args: templateRun, status: 1, zh: ["findings.mustache"], en: ["findings.mustache"], absent: ["root:x:0:0"]),
        Case(name: "seven nested sections", setup: [answers("  store_rating: 4.2\n"), text("t/findings.mustache", String(repeating: "{{#playbooks}}", count: 7) + "x" + String(repeating: "{{/playbooks}}", count: 7))],
             args: templateRun, status: 1, zh: ["findings"], en: ["findings"]),
        Case(name: "unclosed section", setup: [answers("  store_rating: 4.2\n"), text("t/findings.mustache", "line\n{{#findings}}\n")], args: templateRun, status: 1,
             zh: ["findings.mustache:3:1: error:", "没有 {{/…}} 结束"], en: ["findings.mustache:3:1: error:", "never closed"]),
    ]

    // MARK: the shell, piped
    static let shellArgs = ["--db", "$D/c.db"]
    static let shellCases: [Case] = [
        Case(name: "shell: escapes in the name", setup: [], args: shellArgs, stdin: escape + "\n.quit\n", status: 0,
             zh: ["咨询 #1"], en: ["Consultation #1"], absent: terminalBytes),
        Case(name: "shell: not a choice", setup: [], args: shellArgs, stdin: "店\n微信\n.quit\n", status: 1,
             zh: ["第 2 行", "“微信” 不是可选项", "抖音"], en: ["line 2", "'微信'", "douyin"]),
        Case(name: "shell: .load of a missing file", setup: [], args: shellArgs, stdin: ".load $D/nope.yaml\n.quit\n", status: 1,
             zh: ["nope.yaml", "无法读取", "个文件或目录"], en: ["nope.yaml", "cannot read", "file or directory"]),
        Case(name: "shell: .answers to a full disk", setup: [], args: shellArgs, stdin: "店\n.answers /dev/full\n.quit\n", status: 1,
             zh: ["/dev/full", "磁盘已满"], en: ["/dev/full", "the disk is full"]),
        Case(name: "shell: damaged database", setup: [text("c.db", "somebody's notes\n")], args: shellArgs, stdin: "店\n.quit\n", status: 1,
             zh: ["文件已损坏", "内存"], en: ["damaged", "memory"]),
        Case(name: "shell: database is a directory", setup: [.directory("c.db")], args: shellArgs, stdin: "店\n.quit\n", status: 1,
             zh: ["目录"], en: ["directory"]),
        Case(name: "shell: --resume with no database", setup: [], args: shellArgs + ["--resume", "last"], stdin: "店\n", status: 1,
             zh: ["没有咨询数据库", "--resume 需要咨询数据库"], en: ["no consultation database", "--resume needs the consultation database"],
             notCreated: ["c.db"]),
        Case(name: "shell: unknown command", setup: [], args: shellArgs, stdin: ".frobnicate\n.quit\n", status: 1,
             zh: [".frobnicate"], en: [".frobnicate"]),
    ]

    // MARK: the store
    static let db = ["--db", "$D/c.db"]
    static let hostileVisit = answers("  store_rating: 4.2\n", merchant: "\"\\e]0;pwned\\a店\\e[2J\\u009B31m\\r\"")
    static let importHostile = Setup.consult(["import", "$D/a.yaml"] + db)
    static let storeCases: [Case] = [
        Case(name: "import: two bad files", setup: [text("a.yaml", "merchant: x\nanswers:\n  store_rating: 4.x\n"), text("b.yaml", "merchant: y\nanswers:\n  return_rate: 180\n")],
             args: ["import", "$D/a.yaml", "$D/b.yaml"] + db, status: 1, zh: ["a.yaml:3:17", "b.yaml:3:16"], en: ["a.yaml:3:17", "b.yaml:3:16", "nothing was stored"]),
        Case(name: "import: escapes in a name", setup: [hostileVisit], args: ["import", "$D/a.yaml"] + db, status: 0, zh: ["pwned"], en: ["pwned"], absent: terminalBytes),
        Case(name: "sessions: escapes in a name", setup: [hostileVisit, importHostile], args: ["sessions"] + db, status: 0, zh: ["pwned"], en: ["pwned"], absent: terminalBytes),
        Case(name: "show: escapes in a name", setup: [hostileVisit, importHostile], args: ["show", "1"] + db, status: 0, zh: ["pwned"], en: ["pwned"], absent: terminalBytes),
        Case(name: "history: escapes in a name", setup: [hostileVisit, importHostile], args: ["history", "pwned"] + db, status: 0, zh: ["pwned"], en: ["pwned"], absent: terminalBytes),
        Case(name: "export: escapes in a name, text", setup: [hostileVisit, importHostile], args: ["export", "1", "--format", "text"] + db, status: 0,
             zh: ["pwned"], en: ["pwned"], absent: terminalBytes),
        Case(name: "history: no such merchant", setup: [hostileVisit, importHostile], args: ["history", "nobody"] + db, status: 1, zh: ["nobody"], en: ["nobody"]),
        Case(name: "show: no such consultation", setup: [hostileVisit, importHostile], args: ["show", "9"] + db, status: 1,
             zh: ["没有编号为 9 的咨询"], en: ["there is no consultation 9"]),
        Case(name: "sessions: database is a directory", setup: [.directory("c.db")], args: ["sessions"] + db, status: 1,
             zh: ["c.db", "这是一个目录"], en: ["c.db", "it is a directory"]),
        Case(name: "sessions: not a database", setup: [text("c.db", "not a database\n")], args: ["sessions"] + db, status: 1,
             zh: ["c.db", "文件已损坏"], en: ["c.db", "damaged"]),
        Case(name: "sessions: another program's database", setup: [.sqlite("c.db", "CREATE TABLE photos(id INTEGER);")], args: ["sessions"] + db, status: 1,
             zh: ["c.db", "别的程序"], en: ["c.db", "another program"]),
        Case(name: "sessions: a newer consult's database", setup: [hostileVisit, importHostile, .sqlite("c.db", "INSERT INTO grdb_migrations VALUES ('v99');")],
             args: ["sessions"] + db, status: 1, zh: ["c.db", "更新版本"], en: ["c.db", "newer version"]),
        Case(name: "sessions: no database yet", setup: [], args: ["sessions"] + db, status: 0, zh: ["还没有存过咨询"], en: ["no consultations stored yet"]),
        Case(name: "import: answers file is a directory", setup: [.directory("a.yaml")], args: ["import", "$D/a.yaml"] + db, status: 1,
             zh: ["a.yaml", "目录"], en: ["a.yaml", "directory"]),
        Case(name: "import: database on a full disk", setup: [answers("  store_rating: 4.2\n")], args: ["import", "$D/a.yaml", "--db", "/dev/full"], status: 1,
             zh: ["/dev/full"], en: ["/dev/full"]),
        Case(name: "diff: visits of two merchants", setup: [answers("  store_rating: 4.2\n", merchant: "甲"), text("b.yaml", "merchant: 乙\nanswers:\n  store_rating: 4.8\n"),
                                                          .consult(["import", "$D/a.yaml"] + db), .consult(["import", "$D/b.yaml"] + db)],
             args: ["diff", "1", "2"] + db, status: 1, zh: ["甲", "乙"], en: ["甲", "乙"]),
    ]

    // MARK: portfolios (`consult batch`)
    static let header = "店铺名称,主平台,成交金额,店铺体验分,退款率,成交转化率\n"
    static let good = "甲,抖音,80万,4.4,38%,1.1\n"
    static func portfolio(_ rows: String, name: String = "p.csv") -> Setup { text(name, header + good + rows + good) }
    static let batchArgs = ["batch", "$D/p.csv", "--out", "$D/out", "--summary-only"]
    static let summaries = ["out/summary.csv", "out/summary.md", "out/summary.json"]
    static let batchCases: [Case] = [
        Case(name: "batch: unterminated quote", setup: [portfolio("\"乙,抖音,80万,4.4,38%,1.1\n丙,快手,30万,4.7,12%,2.4\n")], args: batchArgs, status: 1,
             zh: ["p.csv:3:", "引号"], en: ["p.csv:3:", "quote"]),
        Case(name: "batch: GBK row, skipped, the run goes on", setup: [.file("p.csv", Array((header + good).utf8) + [0xC3, 0x28, 0x2C, 0x0A] + Array((good + good).utf8))],
             args: batchArgs + ["--on-error", "skip"], status: 1, zh: ["p.csv:3:", "UTF-8", "4 个商家：3 个已出方案"], en: ["p.csv:3:", "UTF-8", "4 merchants: 3 planned"]),
        Case(name: "batch: lone surrogate in JSON Lines", setup: [text("p.jsonl", "{\"店铺名称\":\"甲\",\"成交金额\":\"80万\"}\n{\"店铺名称\":\"a\",\"成交金额\":\"\\uD800\\u0041\"}\n{\"店铺名称\":\"丙\"}\n")],
             args: ["batch", "$D/p.jsonl", "--out", "$D/out", "--summary-only"], status: 1, zh: ["p.jsonl:2:", "3 个商家：2 个已出方案"], en: ["p.jsonl:2:", "surrogate", "3 merchants: 2 planned"]),
        Case(name: "batch: duplicate JSON Lines key", setup: [text("p.jsonl", "{\"店铺名称\":\"甲\",\"成交金额\":\"80万\",\"成交金额\":\"90万\"}\n")],
             args: ["batch", "$D/p.jsonl", "--out", "$D/out", "--summary-only"], status: 0, zh: ["p.jsonl：同一行里重复的键", "成交金额"], en: ["p.jsonl", "成交金额"]),
        Case(name: "batch: short row", setup: [portfolio("乙,抖音\n")], args: batchArgs, status: 0, zh: ["第 3 行"], en: ["3"]),
        Case(name: "batch: two GMV columns", setup: [text("p.csv", "店铺名称,成交金额,成交金额\n甲,80万,90万\n")], args: batchArgs, status: 0,
             zh: ["列 成交金额、成交金额 都对应"], en: ["columns 成交金额, 成交金额 all give monthly_gmv"]),
        Case(name: "batch: decimal comma in a rate", setup: [portfolio("乙,抖音,80万,4.4,38%,\"1,6\"\n")], args: batchArgs, status: 1,
             zh: ["p.csv:3:", "“1,6”"], en: ["p.csv:3:", "'1,6'"]),
        Case(name: "batch: out of range", setup: [portfolio("乙,抖音,80万,9.9,38%,1.1\n")], args: batchArgs, status: 1,
             zh: ["p.csv:3:", "超出范围"], en: ["p.csv:3:", "out of range"]),
        Case(name: "batch: formulas in cells", setup: [portfolio("\"=HYPERLINK(\"\"http://evil\"\",\"\"点我\"\")\",抖音,80万,4.4,38%,1.1\n@SUM(A1:A9),抖音,80万,4.4,38%,1.1\n")],
             args: batchArgs, status: 0, zh: ["4 个商家：4 个已出方案"], en: ["4 merchants: 4 planned"],
             absent: [",=HYPERLINK", ",\"=HYPERLINK", ",@SUM", ",\"@SUM"], outputs: ["out/summary.csv"]),
        Case(name: "batch: HTML in a name", setup: [portfolio("\"<script>alert(1)</script><img src=x onerror=alert(2)><style>*{}</style>\",抖音,80万,3.9,38%,1.1\n")],
             args: batchArgs, status: 0, zh: ["已出方案"], en: ["planned"], absent: ["<script>", "<img src", "<style>"], outputs: ["out/summary.md"]),
        Case(name: "batch: escapes in a name", setup: [portfolio("\(escape.replacingOccurrences(of: "\r", with: "")),抖音,80万,9.9,38%,1.1\n")],
             args: batchArgs, status: 1, zh: ["p.csv:3:"], en: ["p.csv:3:"], absent: terminalBytes, outputs: ["out/summary.md", "out/summary.json"]),
        Case(name: "batch: 80 Chinese characters in a name", setup: [portfolio(String(repeating: "织里童装产业带旗舰店", count: 8) + ",抖音,80万,4.4,38%,1.1\n")],
             args: ["batch", "$D/p.csv", "--out", "$D/out"], status: 0, zh: ["3 个商家：3 个已出方案"], en: ["3 merchants: 3 planned"]),
        Case(name: "batch: no inputs", setup: [.directory("in")], args: ["batch", "$D/in", "--out", "$D/out"], status: 1, zh: ["in"], en: ["in"]),
        Case(name: "batch: missing input", setup: [], args: batchArgs, status: 1, zh: ["p.csv", "没有这个文件"], en: ["p.csv", "no such file"]),
        Case(name: "batch: a broken .xlsx", setup: [text("p.xlsx", "PK not really a zip")], args: ["batch", "$D/p.xlsx", "--out", "$D/out"], status: 1,
             zh: ["p.xlsx"], en: ["p.xlsx"]),
        Case(name: "batch: --out is a file", setup: [portfolio(""), text("out", "x")], args: batchArgs, status: 1, zh: ["out"], en: ["out"]),
        Case(name: "batch: a bad answers file among inputs", setup: [text("in/a.yaml", "merchant: x\nanswers:\n  store_rating: 4.x\n"), text("in/b.yaml", "merchant: y\nanswers:\n  store_rating: 4.2\n")],
             args: ["batch", "$D/in", "--out", "$D/out", "--summary-only"], status: 1, zh: ["a.yaml:3: store_rating：“4.x” 不是数字", "2 个商家：1 个已出方案"], en: ["a.yaml:3: store_rating: '4.x' is not a number", "2 merchants: 1 planned"]),
    ]

    // MARK: columns, explain
    static let otherCases: [Case] = [
        Case(name: "columns: missing file", setup: [], args: ["columns", "$D/p.csv"], status: 1, zh: ["p.csv", "没有这个文件"], en: ["p.csv", "no such file"]),
        Case(name: "columns: a broken .xlsx", setup: [text("p.xlsx", "PK\u{03}\u{04} not really a zip")], args: ["columns", "$D/p.xlsx"], status: 1, zh: ["p.xlsx"], en: ["p.xlsx"]),
        Case(name: "columns: duplicate headers", setup: [text("p.csv", "店铺名称,成交金额,成交金额\n甲,80万,90万\n")], args: ["columns", "$D/p.csv"], status: 0,
             zh: ["列 成交金额、成交金额 都对应"], en: ["columns 成交金额, 成交金额 all give monthly_gmv"]),
        Case(name: "explain: a typo", setup: [], args: ["explain", "SV-1"], status: 1, zh: ["SV-1", "SV-01"], en: ["SV-1", "SV-01"]),
        Case(name: "explain: escapes in the argument", setup: [], args: ["explain", "\u{1B}]0;pwned\u{07}"], status: 1, zh: ["pwned"], en: ["pwned"], absent: terminalBytes),
    ]

    // MARK: the run

    @Test func atLeastEightyCasesOverEveryEntryPoint() {
        #expect(Self.cases.count >= 80, "\(Self.cases.count) cases")
        let commands = Set(Self.cases.map { $0.args.first.map { $0.hasPrefix("-") ? "shell" : $0 } ?? "" })
        for command in ["run", "lint", "shell", "import", "sessions", "show", "history", "export", "diff", "batch", "columns", "explain"] {
            #expect(commands.contains(command), "no hostile case for \(command)")
        }
    }

    @Test(arguments: cases)
    func hostileInput(_ c: Case) throws {
        for language in ["zh", "en"] {
            let dir = Repo.temporaryDirectory("consult-hostile")
            defer { try? FileManager.default.removeItem(at: dir) }
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let environment = ["LANG": language == "zh" ? "zh_CN.UTF-8" : "C.UTF-8", "XDG_DATA_HOME": dir.path + "/data"]
            for step in c.setup { try Self.prepare(step, in: dir, environment: environment) }
            let args = c.args.map { $0.replacingOccurrences(of: "$D", with: dir.path) }
            let r = try consult(args, stdin: c.stdin?.replacingOccurrences(of: "$D", with: dir.path), environment: environment)
            let said = r.stdout + r.stderr
            let shown = "[\(language)] status \(r.status)\n\(String(said.prefix(3000)))"
            #expect(r.status == c.status, "\(shown)")
            for expected in language == "zh" ? c.zh : c.en {
                #expect(said.contains(expected), "\(expected) not said: \(shown)")
            }
            if language == "zh" {
                // Every error line is Chinese, whatever its location prefix.
                for line in r.stderr.split(separator: "\n") where line.contains("error:") || line.hasPrefix("错误") {
                    #expect(line.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "not in Chinese: \(line)")
                }
            }
            for file in c.notCreated {
                #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent(file).path), "[\(language)] \(file) was created")
            }
            // `\<` is Markdown's escaped `<`: shown as text, never read as HTML.
            for written in [r.stdout, r.stderr] + c.outputs.map({ (try? String(contentsOf: dir.appendingPathComponent($0), encoding: .utf8)) ?? "" }) {
                let output = written.replacingOccurrences(of: "\\<", with: "")
                for bytes in c.absent {
                    #expect(!output.contains(bytes), "[\(language)] \(bytes.debugDescription) passed through: \(String(output.prefix(400)).debugDescription)")
                }
            }
        }
    }

    static func prepare(_ step: Setup, in dir: URL, environment: [String: String]) throws {
        let fm = FileManager.default
        func make(_ path: String) throws -> URL {
            let url = dir.appendingPathComponent(path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            return url
        }
        switch step {
        case .file(let path, let bytes):
            try Data(bytes).write(to: try make(path))
        case .directory(let path):
            try fm.createDirectory(at: dir.appendingPathComponent(path), withIntermediateDirectories: true)
        case .symlink(let path, let target):
            try fm.createSymbolicLink(atPath: try make(path).path, withDestinationPath: target)
        case .playbooks(let edits, let extra):
            let pb = dir.appendingPathComponent("pb")
            try fm.copyItem(atPath: Repo.path("playbooks"), toPath: pb.path)
            for e in edits {
                let file = pb.appendingPathComponent(e.file)
                let text = try String(contentsOf: file, encoding: .utf8)
                let range = try #require(text.range(of: e.from), "\(e.file) has no \(e.from)")
                try text.replacingCharacters(in: range, with: e.to).write(to: file, atomically: true, encoding: .utf8)
            }
            for (name, text) in extra { try text.write(to: pb.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        case .consult(let args):
            _ = try consult(args.map { $0.replacingOccurrences(of: "$D", with: dir.path) }, environment: environment)
        case .sqlite(let path, let sql):
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
            process.arguments = [dir.appendingPathComponent(path).path, sql]
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "sqlite3 \(sql)")
        }
    }
}
