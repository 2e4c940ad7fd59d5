import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A program running on a pseudo-terminal, driven like a person at a keyboard: `send` keys,
/// `expect` what it prints. The program is a session leader whose controlling terminal is the
/// pty, so Ctrl-C, Ctrl-Z and window sizes behave as in a real terminal (shared/libedit-notes.md §6).
///
/// Output is raw (escape sequences included): assert on text the program prints, not on layout.
public final class PtyProcess: @unchecked Sendable {
    public let pid: pid_t
    private let master: Int32
    /// Everything read so far.
    public private(set) var output: [UInt8] = []
    /// Where the last `expect` matched; later expects search after it.
    private var mark = 0
    private var exitStatus: Int32?

    /// Key bytes a test types.
    public enum Key {
        public static let enter = "\r", tab = "\t", backspace = "\u{7F}"
        public static let left = "\u{1B}[D", right = "\u{1B}[C", up = "\u{1B}[A", down = "\u{1B}[B"
        public static let ctrlA = "\u{01}", ctrlC = "\u{03}", ctrlD = "\u{04}", ctrlE = "\u{05}", ctrlU = "\u{15}"
    }

    public struct Timeout: Error, CustomStringConvertible {
        public var waitingFor: String
        public var output: String
        public var description: String { "timed out waiting for \(waitingFor.debugDescription); output so far:\n\(output)" }
    }

    /// Starts `executable` on a new pty of `columns` × `rows` (in this process's directory: give
    /// absolute paths).
    public init(_ executable: String, _ arguments: [String], environment: [String: String],
                columns: UInt16 = 100, rows: UInt16 = 40) throws {
        var master: Int32 = 0, slave: Int32 = 0
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&master, &slave, nil, nil, &size) == 0 else { throw POSIXError(.EIO) }
        _ = fcntl(master, F_SETFD, FD_CLOEXEC)
        _ = fcntl(slave, F_SETFD, FD_CLOEXEC)
        var name = [CChar](repeating: 0, count: 256)
        // ttyname_r, not ttyname: its static buffer mixes up parallel tests.
        guard ttyname_r(slave, &name, name.count) == 0 else { throw POSIXError(.ENOTTY) }
        let tty = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer { posix_spawn_file_actions_destroy(&actions); posix_spawnattr_destroy(&attributes) }
        // A session leader that opens a tty gets it as its controlling terminal.
        posix_spawn_file_actions_addopen(&actions, 0, tty, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        posix_spawnattr_setflags(&attributes, 0x80)  // POSIX_SPAWN_SETSID (hidden by the Glibc module)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        close(slave)
        guard rc == 0 else {
            close(master)
            throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EIO)
        }
        self.pid = pid
        self.master = master
    }

    /// Resizes the window as a terminal emulator does: the program gets SIGWINCH.
    public func resize(columns: UInt16, rows: UInt16 = 40) {
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
    }

    /// The lines printed since byte `offset` of `output`, without escape sequences and carriage returns.
    public func lines(since offset: Int) -> [String] {
        var text = String(decoding: output[min(offset, output.count)...], as: UTF8.self)
        while let escape = text.range(of: "\u{1B}\\[[0-9;?]*[A-Za-z]", options: .regularExpression) { text.removeSubrange(escape) }
        return text.replacingOccurrences(of: "\r", with: "").components(separatedBy: "\n")
    }

    deinit {
        if exitStatus == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        close(master)
    }

    /// Text printed since the last match, as UTF-8.
    public var text: String { String(decoding: output, as: UTF8.self) }

    /// Waits until `needle` appears after the previous match; returns the text up to and including it.
    @discardableResult
    public func expect(_ needle: String, timeout: Double = 10) throws -> String {
        let bytes = Array(needle.utf8)
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let range = find(bytes, from: mark) {
                let found = String(decoding: output[mark..<range], as: UTF8.self)
                mark = range
                return found
            }
            guard Date() < deadline, pump(until: deadline) else {
                throw Timeout(waitingFor: needle, output: String(decoding: output[mark...], as: UTF8.self))
            }
        }
    }

    /// Types `keys`, after waiting until the program has put the terminal in raw mode: keys sent
    /// earlier would be edited by the kernel's line discipline instead of libedit.
    public func send(_ keys: String, waitForRawMode: Bool = true) throws {
        if waitForRawMode { try waitForRaw() }
        var bytes = Array(keys.utf8)[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
            guard n > 0 else { throw POSIXError(.EIO) }
            bytes = bytes.dropFirst(n)
        }
    }

    /// Polls the terminal mode (on Linux the master reports the slave's termios) until ICANON is off.
    public func waitForRaw(timeout: Double = 10) throws {
        let deadline = Date().addingTimeInterval(timeout)
        var attributes = termios()
        while Date() < deadline {
            if tcgetattr(master, &attributes) == 0, attributes.c_lflag & tcflag_t(ICANON) == 0 { return }
            _ = pump(until: Date().addingTimeInterval(0.01))
        }
        throw Timeout(waitingFor: "raw mode", output: text)
    }

    /// Whether the terminal is in cooked (canonical, echoing) mode, as a shell expects it back.
    public var isCooked: Bool {
        var attributes = termios()
        guard tcgetattr(master, &attributes) == 0 else { return false }
        return attributes.c_lflag & tcflag_t(ICANON) != 0 && attributes.c_lflag & tcflag_t(ECHO) != 0
    }

    /// Reads until the program exits; returns its exit status (128 + signal when killed).
    public func waitExit(timeout: Double = 10) throws -> Int32 {
        if let exitStatus { return exitStatus }
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            var status: Int32 = 0
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid {
                while pump(until: Date().addingTimeInterval(0.05)) {}
                let code = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
                exitStatus = code
                return code
            }
            _ = pump(until: Date().addingTimeInterval(0.02))
        }
        throw Timeout(waitingFor: "exit", output: text)
    }

    /// Reads what is available before `deadline`; false when nothing more can come.
    private func pump(until deadline: Date) -> Bool {
        var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        let wait = max(0, Int32(deadline.timeIntervalSinceNow * 1000))
        guard poll(&poller, 1, wait) > 0 else { return Date() < deadline }
        var buffer = [UInt8](repeating: 0, count: 8192)
        let n = read(master, &buffer, buffer.count)
        guard n > 0 else { return false }
        output += buffer[0..<n]
        return true
    }

    /// The end index of the first occurrence of `needle` at or after `start`.
    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        if needle.isEmpty { return start }
        guard output.count - start >= needle.count else { return nil }
        for i in start...(output.count - needle.count) where output[i] == needle[0] {
            if output[i..<(i + needle.count)].elementsEqual(needle) { return i + needle.count }
        }
        return nil
    }
}
