import ConsultPlaybook

/// Reads the playbooks (at start and for `.reload`); the message says what is wrong, ready to print.
public typealias ProgramLoader = @Sendable () -> Result<Program, ShellLoadError>

public struct ShellLoadError: Error, Sendable {
    public var message: String
    public init(message: String) { self.message = message }
}

/// How a shell session is set up by the executable.
public struct ShellOptions: Sendable {
    public var language: Language
    /// Print each input line (scripted sessions), after the prompt it answers.
    public var echo = false
    /// Stop at the first error with exit status 1.
    public var bail = false
    public var consultVersion: String
    /// The interview date (session metadata, YYYY-MM-DD); it also dates the plan's review.
    public var date: String?

    public init(language: Language, consultVersion: String, echo: Bool = false, bail: Bool = false, date: String? = nil) {
        self.language = language
        self.consultVersion = consultVersion
        self.echo = echo
        self.bail = bail
        self.date = date
    }
}
