#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C while a command runs (an export through Chromium, a long listing): outside line
/// editing the terminal sends SIGINT, which by default ends the shell. The shell catches it
/// instead and the running step stops at its next check (`requested`) and returns to the prompt;
/// a child process is terminated by whoever waits for it. Inside line editing Ctrl-C is a key
/// (see EditLineReader), so this handler never races libedit.
public enum Interruption {
    /// Set by the signal handler; read and cleared by the shell between commands.
    nonisolated(unsafe) private static var flag: sig_atomic_t = 0

    /// Installs the handler (without SA_RESTART, so a blocked read returns).
    public static func install() {
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = { _ in Interruption.flag = 1 }
        #else
        action.__sigaction_u.__sa_handler = { _ in Interruption.flag = 1 }
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
        // A parent's blocked mask is inherited (a thread pool's workers block every signal):
        // unblock SIGINT, or Ctrl-C would wait in the queue until the next prompt.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    /// Ctrl-C was pressed since the last `clear()`.
    public static var requested: Bool { flag != 0 }

    public static func clear() { flag = 0 }
}

/// The step was stopped by Ctrl-C; said as such, not as a failure.
public struct Interrupted: Error, CustomStringConvertible {
    public init() {}
    public var description: String { "interrupted" }
}
