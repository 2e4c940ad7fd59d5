import ConsultPlaybook
import Foundation
import TestSupport

/// What the shell tests share: the bundled program, a whole consultation as typed, and the
/// environment the real binary runs in.
enum Fixtures {
    /// The bundled playbooks, loaded once.
    static let program: Program = {
        let directory = Repo.path("playbooks")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory))?.filter { $0.hasSuffix(".yaml") }.sorted() ?? []
        let sources = names.map { name in
            PlaybookSource(name: directory + "/" + name, text: (try? String(contentsOfFile: directory + "/" + name, encoding: .utf8)) ?? "")
        }
        guard let program = PlaybookLoader.load(sources).program else { fatalError("the bundled playbooks do not load") }
        return program
    }()

    /// The 54 core answers of examples/cold_start_stall.yaml, in interview order and in the forms
    /// a consultant types them (Chinese labels, 万, %, 是/否, 不清楚).
    static let coldStart: [String] = [
        "抖音", "kids_mother_baby", "织里童装", "稳定增长期", "档口/批发", "2", "in_peak", "2", "没有", "否", "1",
        "3.5万", "growing", "50万", "6", "2万", "是", "是", "high",
        "60", "45%", "20", "35", "no",
        "4.7", "25", "0.8%", "36", "否", "reactive", "0",
        "18", "300", "declining", "25", "2.5", "0.8%", "65", "none", "否", "否", "3",
        "0",
        "不清楚", "否", "0",
        "否", "是", "否", "10", "10%", "12%", "6%", "60",
    ]

    /// The environment of a spawned `consult`: UTF-8, no colour, history in a fresh directory.
    static func environment(state: URL, color: Bool = false) -> [String: String] {
        var env: [String: String] = [
            "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TERM": "xterm",
            "HOME": state.path, "XDG_STATE_HOME": state.appendingPathComponent("state").path,
            // No pager unless a test is about paging: a listing must not wait in `less`.
            "PAGER": "",
        ]
        if !color { env["NO_COLOR"] = "1" }
        return env
    }

    static var shellArguments: [String] { ["shell", "--lang", "zh", "--playbooks", Repo.path("playbooks")] }
}
