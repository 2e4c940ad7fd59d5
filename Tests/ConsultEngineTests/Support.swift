import ConsultEngine
import ConsultPlaybook
import Foundation
import TestSupport

/// The bundled program, loaded once per process.
enum Bundled {
    static let sources: [PlaybookSource] = {
        let dir = Repo.path("playbooks")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map {
            PlaybookSource(name: "playbooks/\($0)", text: (try? String(contentsOfFile: dir + "/" + $0, encoding: .utf8)) ?? "")
        }
    }()

    static let program: Program = {
        guard let program = PlaybookLoader.load(sources).program else { fatalError("bundled playbooks do not load") }
        return program
    }()

    static func answers(_ file: String) -> AnswersFile.Parsed {
        let text = (try? String(contentsOfFile: Repo.path(file), encoding: .utf8)) ?? ""
        let (parsed, diagnostics) = AnswersFile.parse(PlaybookSource(name: file, text: text), program: program)
        guard let parsed else { fatalError("\(file): \(diagnostics)") }
        return parsed
    }

    static func plan(_ file: String, _ language: Language = .en, edition: Edition = .merchant) -> Plan {
        let parsed = answers(file)
        let engine = Engine(program: program)
        return Planner(engine: engine).plan(engine.diagnose(parsed.answers), merchant: parsed.merchant, language: language, edition: edition)
    }
}
