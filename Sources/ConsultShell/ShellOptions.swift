import ConsultPlaybook
import ConsultRender
import ConsultStore

/// Reads the playbooks (at start and for `.reload`); the message says what is wrong, ready to print.
public typealias ProgramLoader = @Sendable () -> Result<Program, ShellLoadError>

public struct ShellLoadError: Error, Sendable {
    public var message: String
    public init(message: String) { self.message = message }
}

/// Which stored consultation to take up at start without asking (`--resume ID|last`), for
/// scripted sessions and anyone who knows what they want.
public enum ResumeRequest: Equatable, Sendable {
    /// The most recently active unfinished consultation.
    case last
    case session(SessionID)

    /// `last` or a consultation number (`12`, `#12`).
    public init?(argument: String) {
        if argument.lowercased() == "last" {
            self = .last
        } else if let id = SessionID(argument) {
            self = .session(id)
        } else {
            return nil
        }
    }
}

/// How a shell session is set up by the executable.
/// A merchant's answers taken from an export row or an answers file, to start from.
public struct Prefill: Sendable {
    public var merchant: MerchantInfo
    public var answers: [(fact: String, raw: String)]
    /// Provenance the file gives; answers without one are platform data.
    public var provenance: [String: Provenance]
    /// "compass_live.xlsx 第3行": shown in `.review` beside each answer it gave.
    public var origin: String
    public var warnings: [String]

    public init(merchant: MerchantInfo, answers: [(fact: String, raw: String)], provenance: [String: Provenance],
                origin: String, warnings: [String]) {
        self.merchant = merchant
        self.answers = answers
        self.provenance = provenance
        self.origin = origin
        self.warnings = warnings
    }
}

/// Reads a prefill from a file and a row (number or name) against the program already loaded;
/// the executable provides it, since reading exports is the portfolio module's job. Throws with a
/// message for the consultant.
public typealias PrefillReader = @Sendable (_ path: String, _ row: String?, _ program: Program, _ language: Language) throws -> Prefill

public struct ShellOptions: Sendable {
    public var language: Language
    /// Print each input line (scripted sessions), after the prompt it answers.
    public var echo = false
    /// Stop at the first error with exit status 1.
    public var bail = false
    public var consultVersion: String
    /// The interview date (session metadata, YYYY-MM-DD); it also dates the plan's review.
    public var date: String?
    /// Who is consulting (the configuration's `consultant`), recorded with each new consultation.
    public var consultant: String?
    /// The consultation database; nil keeps the consultation in memory only (`--no-store`).
    public var database: String?
    /// Why there is no database when one was wanted (no HOME to put it in), said at start.
    public var databaseProblem: String?
    public var resume: ResumeRequest?
    /// `--follow-up MERCHANT`: start a follow-up visit of a merchant the database knows.
    public var followUp: String?
    /// Prints `.export pdf`; it lives in the executable, which owns processes (headless Chromium).
    public var printer: (any DocumentPrinter)?
    /// Answers to start from (`consult --from FILE`).
    public var prefill: Prefill?
    /// Reads `.load FILE [ROW]`; nil: `.load` is not available.
    public var prefillReader: PrefillReader?

    public init(language: Language, consultVersion: String, echo: Bool = false, bail: Bool = false, date: String? = nil,
                database: String? = nil, resume: ResumeRequest? = nil, printer: (any DocumentPrinter)? = nil) {
        self.language = language
        self.consultVersion = consultVersion
        self.echo = echo
        self.bail = bail
        self.date = date
        self.database = database
        self.resume = resume
        self.printer = printer
    }
}
