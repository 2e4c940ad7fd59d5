import CLibEdit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the process is attached to: whether to edit lines and to colour (asked once at start-up),
/// how wide to draw (asked for each screen). Everything that looks at the environment for the shell is here.
public struct Terminal: Sendable {
    /// stdin and stdout are both terminals: libedit, prompts and colour are allowed.
    public var interactive: Bool
    public var color: Bool
    /// Columns to draw in. On a terminal it is read again for every screen, so after the window
    /// is resized the next output fits it; piped output and tests keep a fixed width.
    public var width: Int {
        get { followsWindow ? Self.currentWidth() : fixedWidth }
        set { fixedWidth = newValue; followsWindow = false }
    }
    private var fixedWidth: Int
    private var followsWindow = false
    /// The pager long output goes through at a terminal (`Pager.command`); nil prints it.
    public var pager: String?

    /// Rows of the window now; 24 when it cannot be read.
    public var height: Int {
        var size = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_row >= 5 else { return 24 }
        return Int(size.ws_row)
    }

    public init(interactive: Bool, color: Bool, width: Int) {
        self.interactive = interactive
        self.color = color
        self.fixedWidth = width
    }

    /// Reads the attached streams and NO_COLOR / TERM from `environment`.
    public static func detect(environment: [String: String]) -> Terminal {
        let interactive = isatty(0) == 1 && isatty(1) == 1
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        let dumb = environment["TERM"] == "dumb"
        var terminal = Terminal(interactive: interactive, color: interactive && !noColor && !dumb, width: 80)
        terminal.followsWindow = interactive
        terminal.pager = interactive ? Pager.command(environment: environment) : nil
        return terminal
    }

    /// Prose longer than this is hard to read, however wide the window.
    static let widest = 140

    /// The terminal's width in columns now (one ioctl; cheap beside drawing a screen), at most
    /// `widest`; 80 when it cannot be read.
    static func currentWidth() -> Int {
        var size = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 20 else { return 80 }
        return min(widest, Int(size.ws_col))
    }

    /// Without a UTF-8 C locale libedit silently drops every Chinese character typed, so this runs
    /// before libedit starts; it falls back to C.UTF-8 when the user's locale is missing or not UTF-8.
    @discardableResult
    public static func useUTF8Locale() -> Bool {
        shim_setlocale_utf8() == 1
    }
}
