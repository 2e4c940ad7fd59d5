/// What one read from the user gave.
public enum LineEvent: Equatable, Sendable {
    case line(String)
    /// Ctrl-C: the line was thrown away. `wasEmpty` lets the shell tell a stray Ctrl-C on an
    /// empty line (someone trying to leave) from one that cleared a half-typed answer.
    case cancelled(wasEmpty: Bool)
    /// Ctrl-D on an empty line, or the end of piped input.
    case endOfInput
}

/// The seam between the shell and where lines come from: libedit on a terminal, `readLine()` on a
/// pipe, a list of lines in tests. The shell's one input loop runs over any of them.
public protocol LineReader: AnyObject {
    /// True when a person is typing: prompts, pre-filled corrections and confirmations make sense.
    var isInteractive: Bool { get }
    /// Called on Tab with the text before the cursor.
    var completer: ((String) -> Completion)? { get set }
    /// Reads one line after showing `prompt` (which may hold ANSI colour codes). `prefill` is
    /// typed in for the user, e.g. a refused answer to correct; `remember` adds the line to history.
    func read(prompt: String, prefill: String?, remember: Bool) -> LineEvent
    /// Saves history and gives the terminal back as it was; safe to call more than once.
    func close()
    /// A consultation starts or is taken up: answers typed for another merchant leave the history.
    func startConsultation()
}

extension LineReader {
    public func startConsultation() {}
}

/// Lines from standard input with Swift's `readLine()`: no prompt, no editing, no colour. Used
/// whenever stdin or stdout is not a terminal; `readLine` also strips CRLF and keeps bad bytes
/// visible as U+FFFD, where libedit would drop them silently.
public final class PlainLineReader: LineReader {
    public var completer: ((String) -> Completion)?
    public var isInteractive: Bool { false }

    public init() {}

    public func read(prompt: String, prefill: String?, remember: Bool) -> LineEvent {
        guard let line = Swift.readLine(strippingNewline: true) else { return .endOfInput }
        return .line(line)
    }

    public func close() {}
}

/// Lines from an array, for driving the shell in-process.
public final class ScriptedLineReader: LineReader {
    public var completer: ((String) -> Completion)?
    public var isInteractive: Bool { false }
    private var pending: [String]

    public init(_ lines: [String]) { pending = lines }

    public func read(prompt: String, prefill: String?, remember: Bool) -> LineEvent {
        pending.isEmpty ? .endOfInput : .line(pending.removeFirst())
    }

    public func close() {}
}
