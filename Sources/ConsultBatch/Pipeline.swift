import ConsultPlaybook
import Foundation

/// A merchant ready to plan, numbered in input order.
struct PlanJob: Sendable {
    var seq: Int
    var record: MerchantRecord
    var answers: Answers
}

/// A bounded first-in first-out queue between the reader and the workers: the reader waits when
/// it is full, so memory does not grow with the portfolio.
final class WorkQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [PlanJob] = []
    private var head = 0
    private var closed = false
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    func push(_ job: PlanJob) {
        condition.lock()
        while items.count - head >= capacity { condition.wait() }
        items.append(job)
        condition.broadcast()
        condition.unlock()
    }

    /// The next job, or nil once the queue is closed and empty.
    func pop() -> PlanJob? {
        condition.lock()
        defer { condition.unlock() }
        while items.count == head && !closed { condition.wait() }
        guard head < items.count else { return nil }
        let job = items[head]
        head += 1
        if head > 1024 && head * 2 > items.count {
            items.removeFirst(head)
            head = 0
        }
        condition.broadcast()
        return job
    }

    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}

/// Puts finished merchants back in input order for the summary, whichever worker finished first.
/// The reader may run at most `window` merchants ahead of the collector.
final class ReorderBuffer: @unchecked Sendable {
    private let condition = NSCondition()
    private var done: [Int: MerchantOutcome] = [:]
    private var next = 1
    private var last: Int?
    private let window: Int

    init(window: Int) { self.window = window }

    func put(_ outcome: MerchantOutcome) {
        condition.lock()
        done[outcome.seq] = outcome
        condition.broadcast()
        condition.unlock()
    }

    /// Blocks the reader until merchant `seq` fits in the window.
    func waitForRoom(_ seq: Int) {
        condition.lock()
        while seq - next >= window { condition.wait() }
        condition.unlock()
    }

    /// No merchant after `seq` will come.
    func finish(after seq: Int) {
        condition.lock()
        last = seq
        condition.broadcast()
        condition.unlock()
    }

    /// The next merchant in input order, or nil when all are taken.
    func take() -> MerchantOutcome? {
        condition.lock()
        defer { condition.unlock() }
        while done[next] == nil {
            if let last, next > last { return nil }
            condition.wait()
        }
        let outcome = done.removeValue(forKey: next)!
        next += 1
        condition.broadcast()
        return outcome
    }
}
