import CLibEdit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the process is attached to, asked once at start-up: whether to edit lines, whether to
/// colour, how wide to draw. Everything that looks at the environment for the shell is here.
public struct Terminal: Sendable {
    /// stdin and stdout are both terminals: libedit, prompts and colour are allowed.
    public var interactive: Bool
    public var color: Bool
    /// Columns to draw in: the terminal's width, never more than 80.
    public var width: Int

    public init(interactive: Bool, color: Bool, width: Int) {
        self.interactive = interactive
        self.color = color
        self.width = width
    }

    /// Reads the attached streams and NO_COLOR / TERM from `environment`.
    public static func detect(environment: [String: String]) -> Terminal {
        let interactive = isatty(0) == 1 && isatty(1) == 1
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        let dumb = environment["TERM"] == "dumb"
        return Terminal(interactive: interactive, color: interactive && !noColor && !dumb,
                        width: interactive ? currentWidth() : 80)
    }

    /// The terminal's width in columns, capped at 80 so that every line fits a standard terminal.
    static func currentWidth() -> Int {
        var size = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 else { return 80 }
        return min(80, Int(size.ws_col))
    }

    /// Without a UTF-8 C locale libedit silently drops every Chinese character typed, so this runs
    /// before libedit starts; it falls back to C.UTF-8 when the user's locale is missing or not UTF-8.
    @discardableResult
    public static func useUTF8Locale() -> Bool {
        shim_setlocale_utf8() == 1
    }
}
