#if canImport(Glibc)
import Glibc
/// POSIX_SPAWN_SETSID, which Swift's Glibc module hides behind a feature macro.
private let spawnSetSID: Int32 = 0x80
#elseif canImport(Darwin)
import Darwin
private let spawnSetSID = Int32(POSIX_SPAWN_SETSID)
#endif

/// Measures what a consultant feels when typing `consult`: the time from exec to the first prompt
/// appearing on a terminal. The program runs on a fresh pseudo-terminal (as its own session, so
/// the pty is its controlling terminal) and the clock stops when `marker` has been drawn.
/// Tests reuse the same technique from Tests/TestSupport/Pty.swift; this copy lets the
/// executable benchmark itself without depending on test code.
public enum StartupProbe {
    /// One step of a run: keys to type (after the terminal is in raw mode), then text to wait for.
    public struct Step: Sendable {
        public var send: String?
        public var marker: String
        public init(send: String? = nil, marker: String) {
            self.send = send
            self.marker = marker
        }
    }

    /// For each run, the milliseconds from exec to the end of each step; or why it could not run.
    public static func measure(executable: String, arguments: [String], environment: [String: String],
                               steps: [Step], runs: Int) -> Result<[[Double]], ShellLoadError> {
        var times: [[Double]] = []
        for _ in 0..<runs {
            switch once(executable, arguments, environment, steps) {
            case .success(let run): times.append(run)
            case .failure(let error): return .failure(error)
            }
        }
        return .success(times)
    }

    private static func once(_ executable: String, _ arguments: [String], _ environment: [String: String],
                             _ steps: [Step]) -> Result<[Double], ShellLoadError> {
        var master: Int32 = 0, slave: Int32 = 0
        var size = winsize(ws_row: 30, ws_col: 100, ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&master, &slave, nil, nil, &size) == 0 else { return .failure(ShellLoadError(message: "openpty failed")) }
        defer { close(master) }
        _ = fcntl(master, F_SETFD, FD_CLOEXEC)
        var name = [CChar](repeating: 0, count: 128)
        guard ttyname_r(slave, &name, name.count) == 0 else { return .failure(ShellLoadError(message: "ttyname_r failed")) }
        let tty = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let start = now()
        guard let pid = spawn(executable, arguments, environment, tty: tty) else {
            close(slave)
            return .failure(ShellLoadError(message: "cannot start \(executable)"))
        }
        close(slave)
        defer {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        var seen: [UInt8] = []
        var times: [Double] = []
        for step in steps {
            if let keys = step.send {
                waitForRawMode(master)
                _ = keys.withCString { write(master, $0, strlen($0)) }
            }
            guard read(master, into: &seen, until: Array(step.marker.utf8), deadline: start + 10_000) else {
                return .failure(ShellLoadError(message: "no \(step.marker.debugDescription) within 10 s; output: " + String(decoding: seen, as: UTF8.self)))
            }
            times.append(now() - start)
            seen.removeAll()
        }
        return .success(times)
    }

    /// Reads from the terminal until `marker` has appeared; false at the deadline or end of output.
    private static func read(_ master: Int32, into seen: inout [UInt8], until marker: [UInt8], deadline: Double) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while now() < deadline {
            if contains(seen, marker) { return true }
            var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 100) > 0 else { continue }
            let n = systemRead(master, &buffer, buffer.count)
            if n <= 0 { return false }
            seen += buffer[0..<n]
        }
        return contains(seen, marker)
    }

    /// Keys typed before libedit switches the terminal to raw mode would be line-edited by the kernel.
    private static func waitForRawMode(_ master: Int32) {
        var attributes = termios()
        let deadline = now() + 2_000
        while now() < deadline, tcgetattr(master, &attributes) == 0, attributes.c_lflag & tcflag_t(ICANON) != 0 {
            usleep(200)
        }
    }

    /// posix_spawn as a new session whose stdin, stdout and stderr are the terminal at `tty`.
    private static func spawn(_ executable: String, _ arguments: [String], _ environment: [String: String], tty: String) -> pid_t? {
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        posix_spawn_file_actions_addopen(&actions, 0, tty, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        posix_spawnattr_setflags(&attributes, Int16(spawnSetSID))
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        return posix_spawn(&pid, executable, &actions, &attributes, argv, envp) == 0 ? pid : nil
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        return (0...(haystack.count - needle.count)).contains { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    private static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) * 1000 + Double(ts.tv_nsec) / 1_000_000
    }
}

/// read(2), out of reach of `StartupProbe.read`'s name.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}
