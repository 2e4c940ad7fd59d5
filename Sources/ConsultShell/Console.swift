import ConsultRender
import ConsultBase
import ConsultDiagnostics
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few looks the shell uses; each is one ANSI SGR code, shown only when colour is on.
enum Style: String {
    case bold = "1", dim = "2", red = "31", green = "32", yellow = "33", cyan = "36", boldRed = "31;1"
}

/// Where the shell writes. Writes go straight to the file descriptors (no buffering), so output
/// stays in order with libedit's own drawing and with the other stream.
final class Console {
    var terminal: Terminal
    /// When capturing (tests of the loop), everything is kept here instead of written: stdout
    /// text as is, stderr lines too, so a test reads one transcript.
    private(set) var captured: String?

    init(terminal: Terminal, capture: Bool = false) {
        self.terminal = terminal
        self.captured = capture ? "" : nil
    }

    /// `.output FILE`: the file command output goes to instead of the screen.
    var file: GrowingFile?
    /// Set by the shell while a command runs, so questions, prompts and errors stay on screen.
    var toFile = false
    /// Why writing to the `.output` file failed, once; the shell says it and goes back to the screen.
    var fileProblem: AtomicFile.Failure?

    private var writingToFile: Bool { toFile && file != nil }
    var color: Bool { terminal.color && !writingToFile }
    var width: Int { terminal.width }
    var interactive: Bool { terminal.interactive }

    /// Writes `text` and a newline to stdout.
    func line(_ text: String = "") { emit(1, text + "\n") }

    /// A message, wrapped to the width (continuation lines indented by two), in `style` if given.
    func say(_ text: String, _ style: Style? = nil) {
        let wrapped = Wrap.lines(text, width: width, hanging: String(repeating: " ", count: text.prefix { $0 == " " }.count + 2))
        lines(style.map { style in wrapped.map { paint($0, style) } } ?? wrapped)
    }

    /// Writes several lines to stdout at once.
    func lines(_ texts: [String]) {
        guard !texts.isEmpty else { return }
        emit(1, texts.joined(separator: "\n") + "\n")
    }

    /// Writes raw text to stdout (a rendered plan already ends in a newline).
    func raw(_ text: String) { emit(1, text) }

    /// Long output (a plan, `.review`): through the pager when it does not fit the window at a
    /// terminal, else written as `raw` (to the `.output` file, a pipe, or a short screen).
    func page(_ text: String) {
        guard !muted, captured == nil, !writingToFile, let pager = terminal.pager,
              text.reduce(0, { $1 == "\n" ? $0 + 1 : $0 }) > terminal.height - 2,
              Pager.show(TerminalText.safe(text), command: pager) else { return raw(text) }
        // Ctrl-C in the pager is the pager's: it does not cancel what comes after.
        Interruption.clear()
    }

    /// Errors go to stderr on a pipe (so a script's output stays clean) and to stdout on a terminal
    /// (so they interleave with what the user typed).
    func error(_ text: String) {
        emit(interactive ? 1 : 2, paint(text, .red) + "\n", screen: true)
    }

    func paint(_ text: String, _ style: Style) -> String {
        color ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }

    /// Output of a command stops at Ctrl-C (a long listing), until the shell clears it.
    var muted: Bool { Interruption.requested }

    /// Output held back by `paged` to go through the pager at once.
    private var held: String?

    /// Runs `body` and shows what it printed through `page` (a listing that may be long).
    func paged(_ body: () -> Void) {
        guard terminal.pager != nil, captured == nil, !writingToFile, held == nil else { return body() }
        held = ""
        body()
        let text = held ?? ""
        held = nil
        page(text)
    }

    private func emit(_ fd: Int32, _ text: String, screen: Bool = false) {
        if muted { return }
        if fd == 1, !screen, held != nil {
            held! += text
            return
        }
        if fd == 1, !screen, writingToFile, let file {
            do {
                try file.append(TerminalText.safe(text, keepColour: false))
            } catch {
                fileProblem = error
                self.file = nil
            }
            return
        }
        if captured != nil {
            captured! += text
            return
        }
        // Merchant names and cells reach the screen through here: neutralised, colours kept.
        var bytes = Array(TerminalText.safe(text).utf8)[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n <= 0 {
                if n < 0 && errno == EINTR { continue }
                return
            }
            bytes = bytes.dropFirst(n)
        }
    }
}
