import CLibEdit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Line editing on a terminal with libedit's native API: emacs keys, history in a file, Tab
/// completion, and Ctrl-C bound as a key that throws the line away. Binding Ctrl-C as a key
/// (with the tty's interrupt character switched off while editing) is what the prototype found
/// reliable; a SIGINT handler lost keystrokes in 2 of 30 runs. See shared/libedit-notes.md.
///
/// libedit is not thread-safe and keeps one global editor for its signal handling: use one
/// instance at a time, from one thread.
public final class EditLineReader: LineReader {
    public var completer: ((String) -> Completion)?
    public var isInteractive: Bool { true }

    private let editor: OpaquePointer
    /// What Up-arrow walks: the commands of every session, and this consultation's answers.
    private let history: OpaquePointer
    /// What the history file keeps: commands only. A merchant's figures never come back on
    /// Up-arrow in another merchant's consultation, nor stay on disk.
    private let commands: OpaquePointer
    private let historyPath: String?
    /// The prompt handed to libedit; it must stay valid after the prompt callback returns.
    private var promptBuffer: UnsafeMutablePointer<CChar>
    private var cancelled = false
    private var cancelledEmpty = false
    private var closed = false

    /// nil when libedit cannot start on this terminal. Call `Terminal.useUTF8Locale()` first
    /// (once, before other threads start), or Chinese input is dropped.
    public init?(historyPath: String?) {
        guard let editor = shim_el_init("consult") else { return nil }
        guard let history = history_init() else {
            el_end(editor)
            return nil
        }
        guard let commands = history_init() else {
            history_end(history)
            el_end(editor)
            return nil
        }
        self.editor = editor
        self.history = history
        self.commands = commands
        self.historyPath = historyPath
        self.promptBuffer = strdup("> ")
        configure()
    }

    deinit {
        close()
        free(promptBuffer)
    }

    private func configure() {
        shim_el_set_clientdata(editor, Unmanaged.passUnretained(self).toOpaque())
        // \1 brackets the colour escapes in the prompt so that libedit does not count them as columns.
        shim_el_set_prompt_esc(editor, { el in EditLineReader.instance(el)?.promptBuffer }, 1)
        shim_el_set_editor(editor, "emacs")
        // Restores the tty on fatal signals, follows window resizes, and survives ^Z / fg.
        shim_el_set_signal(editor, 1)
        for h in [history, commands] {
            shim_history_setsize(h, Int32(HistoryFile.limit))
            shim_history_setunique(h, 1)
            if let historyPath { _ = shim_history_load(h, historyPath) }
        }
        dropAnswersFromFile()
        shim_el_set_hist(editor, history)
        shim_el_addfn(editor, "consult-complete", "Complete the word before the cursor") { el, _ in
            guard let el, let reader = EditLineReader.instance(el) else { return UInt8(CC_ERROR) }
            return reader.complete()
        }
        shim_el_bind(editor, "^I", "consult-complete")
        shim_el_setty(editor, "-d", "-intr")
        shim_el_addfn(editor, "consult-cancel", "Throw the line away") { el, _ in
            guard let el, let reader = EditLineReader.instance(el) else { return UInt8(CC_ERROR) }
            return reader.cancel()
        }
        shim_el_bind(editor, "^C", "consult-cancel")
        // Keys terminals send that libedit's emacs map leaves unbound (they inserted "[1~" and
        // the like): Home and End in their xterm, VT and rxvt forms, word moves with Ctrl or Alt.
        for (keys, function) in Self.keyBindings {
            for key in keys { shim_el_bind(editor, key, function) }
        }
    }

    static let keyBindings: [([String], String)] = [
        (["\\e[1~", "\\e[7~", "\\e[H", "\\eOH"], "ed-move-to-beg"),
        (["\\e[4~", "\\e[8~", "\\e[F", "\\eOF"], "ed-move-to-end"),
        (["\\e[3~"], "ed-delete-next-char"),
        (["\\e[1;5D", "\\e[1;3D", "\\e[5D", "\\e\\e[D"], "ed-prev-word"),
        (["\\e[1;5C", "\\e[1;3C", "\\e[5C", "\\e\\e[C"], "em-next-word"),
    ]

    private static func instance(_ el: OpaquePointer?) -> EditLineReader? {
        guard let el, let pointer = shim_el_get_clientdata(el) else { return nil }
        return Unmanaged<EditLineReader>.fromOpaque(pointer).takeUnretainedValue()
    }

    public func read(prompt: String, prefill: String?, remember: Bool) -> LineEvent {
        setPrompt(prompt)
        cancelled = false
        if let prefill, !prefill.isEmpty { el_push(editor, prefill) }
        var count: Int32 = 0
        guard let bytes = el_gets(editor, &count) else {
            // -1 is a signal that interrupted the read; treat it like Ctrl-C, never as an end.
            return count < 0 ? .cancelled(wasEmpty: false) : .endOfInput
        }
        var line = String(cString: bytes)
        if line.hasSuffix("\n") { line.removeLast() }
        if cancelled { return .cancelled(wasEmpty: cancelledEmpty) }
        if remember, !line.trimmed.isEmpty { addToHistory(line) }
        return .line(line)
    }

    private func addToHistory(_ line: String) {
        shim_history_enter(history, line)
        guard Self.keptAcrossConsultations(line) else { return }
        shim_history_enter(commands, line)
        guard let historyPath, HistoryFile.prepareDirectory(of: historyPath) else { return }
        // Saved after every command, so a killed terminal loses nothing.
        if shim_history_save(commands, historyPath) >= 0 { HistoryFile.restrict(historyPath) }
    }

    /// A history file written before answers were kept out of it: its answers are dropped, once.
    private func dropAnswersFromFile() {
        var entries: [String] = []
        var entry = shim_history_oldest(commands)
        while let text = entry {
            entries.append(String(cString: text))
            entry = shim_history_newer(commands)
        }
        let kept = entries.filter(Self.keptAcrossConsultations)
        guard kept.count < entries.count, let historyPath else { return }
        for h in [history, commands] {
            shim_history_clear(h)
            for line in kept { shim_history_enter(h, line) }
        }
        if shim_history_save(commands, historyPath) >= 0 { HistoryFile.restrict(historyPath) }
    }

    /// Commands, but not those that carry a merchant's figures or words (`.set`, `.note`, `.whatif`).
    static func keptAcrossConsultations(_ line: String) -> Bool {
        guard let command = CommandInput(line) else { return false }
        return !["set", "note", "whatif"].contains(CommandName.named(command.name)?.rawValue ?? "")
    }

    /// A new or another consultation: Up-arrow no longer offers the last one's answers.
    public func startConsultation() {
        shim_history_clear(history)
        if let historyPath { _ = shim_history_load(history, historyPath) }
    }

    public func close() {
        guard !closed else { return }
        closed = true
        history_end(history)
        history_end(commands)
        el_end(editor)  // gives the terminal back in the mode it had
    }

    /// Colour escapes are wrapped in \1 … \1 for EL_PROMPT_ESC. Adjacent escapes (a colour
    /// reset, then the next colour) share one pair: libedit reads `\1\1` as a literal \1, which
    /// would print the escapes and swallow the rest of the prompt.
    private func setPrompt(_ prompt: String) {
        var marked = ""
        var inEscape = false
        var justClosed = false
        for scalar in prompt.unicodeScalars {
            if scalar == "\u{1B}" {
                if justClosed { marked.unicodeScalars.removeLast() } else { marked += "\u{1}" }
                inEscape = true
            }
            marked.unicodeScalars.append(scalar)
            justClosed = false
            if inEscape, scalar == "m" {
                marked += "\u{1}"
                inEscape = false
                justClosed = true
            }
        }
        free(promptBuffer)
        promptBuffer = strdup(marked)
    }

    /// ^C: remember whether the line was empty, then End + "^C" + Enter so libedit finishes the
    /// line cleanly below a wrapped line; `read` throws the text away.
    private func cancel() -> UInt8 {
        if let info = el_line(editor)?.pointee {
            cancelledEmpty = info.buffer == info.lastchar
        }
        cancelled = true
        el_push(editor, "\u{05}^C\n")
        return UInt8(CC_NORM)
    }

    private func complete() -> UInt8 {
        guard let completer, let info = el_line(editor)?.pointee else { return UInt8(CC_ERROR) }
        let length = info.cursor - info.buffer
        let before = info.buffer.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
        switch completer(before).edit {
        case .replace(let delete, let insert):
            if delete > 0 { el_deletestr(editor, Int32(delete)) }
            _ = el_insertstr(editor, insert)
            return UInt8(CC_REFRESH)
        case .list(let items):
            shim_stdout_write("\n" + Completion.columns(items, width: Terminal.currentWidth()) + "\n")
            return UInt8(CC_REDISPLAY)
        case .beep:
            return UInt8(CC_REFRESH_BEEP)
        }
    }
}
