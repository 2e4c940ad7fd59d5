#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Long output at a terminal goes through a pager, as git and psql do: `$PAGER` (set empty to
/// turn it off), else `less` when installed. `LESS=FRX` unless the user set LESS: one screen or
/// less is printed as is, colours pass, and the text stays on screen after quitting.
enum Pager {
    /// The pager command line for this environment; nil: print straight to the screen.
    static func command(environment: [String: String]) -> String? {
        if let pager = environment["PAGER"] { return pager.allSatisfy(\.isWhitespace) ? nil : pager }
        let path = environment["PATH"] ?? "/usr/bin:/bin"
        let found = path.split(separator: ":").contains { access("\($0)/less", X_OK) == 0 }
        return found ? "less" : nil
    }

    /// Runs `command` through /bin/sh with `text` on its standard input and waits for it to end
    /// (the user quits it). False when it could not be started: the caller prints instead.
    static func show(_ text: String, command: String) -> Bool {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return false }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fds[0], 0)
        posix_spawn_file_actions_addclose(&actions, fds[1])
        var environment = environ()
        if getenv("LESS") == nil { environment.append("LESS=FRX") }
        // `exec`: the shell becomes the pager, so Ctrl-C (sent to the whole foreground group)
        // cannot end the shell and leave the pager running behind the prompt.
        let simple = !command.contains { "|;&<>".contains($0) }
        let argv = ["/bin/sh", "-c", simple ? "exec " + command : command]
        var pid: pid_t = 0
        let started = withCStrings(argv) { args in
            withCStrings(environment) { env in posix_spawn(&pid, "/bin/sh", &actions, nil, args, env) }
        }
        close(fds[0])
        guard started == 0 else {
            close(fds[1])
            return false
        }
        // Quitting the pager early closes the pipe: the write fails with EPIPE, not a SIGPIPE
        // that would end the shell.
        let previous = signal(SIGPIPE, SIG_IGN)
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { write(fds[1], $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { break }
            bytes = bytes.dropFirst(n)
        }
        close(fds[1])
        signal(SIGPIPE, previous)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        return true
    }

    private static func environ() -> [String] {
        var out: [String] = []
        #if canImport(Glibc)
        var entry = Glibc.environ
        #else
        var entry = Darwin.environ
        #endif
        while let pointer = entry.pointee {
            out.append(String(cString: pointer))
            entry += 1
        }
        return out
    }

    private static func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
        var pointers = strings.map { strdup($0) }
        pointers.append(nil)
        defer { pointers.forEach { free($0) } }
        return body(pointers)
    }
}
