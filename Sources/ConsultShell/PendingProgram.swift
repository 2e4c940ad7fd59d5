import ConsultPlaybook
import Foundation

/// The playbooks, loading on another thread while the consultant types the merchant's name.
/// Loading and checking nine playbooks takes longer than the 20 ms the first prompt may take, and
/// the name needs no playbook, so the first prompt does not wait; the first line typed does.
public final class PendingProgram: @unchecked Sendable {
    private let condition = NSCondition()
    private var result: Result<Program, ShellLoadError>?

    /// Starts `load` at once on a background thread.
    public init(loading load: @escaping @Sendable () -> Result<Program, ShellLoadError>) {
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            let loaded = load()
            condition.lock()
            result = loaded
            condition.broadcast()
            condition.unlock()
        }
    }

    /// Already loaded (tests, `.reload`).
    public init(_ program: Program) {
        result = .success(program)
    }

    /// The program, waiting for it if it is still loading.
    public func wait() -> Result<Program, ShellLoadError> {
        condition.lock()
        defer { condition.unlock() }
        while result == nil { condition.wait() }
        return result!
    }
}
