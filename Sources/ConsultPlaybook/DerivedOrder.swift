import ConsultDiagnostics

/// Orders derived facts so each is computed after everything it reads; a cycle is an error
/// naming every fact in it.
enum DerivedOrder {
    static func sort(_ derived: [DerivedFact], report: inout (Diagnostic) -> Void) -> [DerivedFact]? {
        let byId = Dictionary(derived.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var state: [String: Int] = [:]   // 1 = visiting, 2 = done
        var ordered: [DerivedFact] = []
        var stack: [String] = []
        var cycles: [[String]] = []

        // Depth-first with an explicit stack (a fact and the index of its next dependency), so a
        // chain of thousands of derived facts cannot overflow the thread's stack.
        for root in derived where state[root.id] == nil {
            var work: [(id: String, next: Int)] = [(root.id, 0)]
            state[root.id] = 1
            stack.append(root.id)
            while let top = work.last {
                let fact = byId[top.id]!
                if top.next < fact.reads.count {
                    work[work.count - 1].next += 1
                    let dependency = fact.reads[top.next]
                    guard byId[dependency] != nil else { continue }
                    switch state[dependency] {
                    case 2?: continue
                    case 1?:
                        if let start = stack.firstIndex(of: dependency) { cycles.append(Array(stack[start...]) + [dependency]) }
                    default:
                        state[dependency] = 1
                        stack.append(dependency)
                        work.append((dependency, 0))
                    }
                } else {
                    work.removeLast()
                    stack.removeLast()
                    state[top.id] = 2
                    ordered.append(fact)
                }
            }
        }

        var reported = Set<Set<String>>()
        for cycle in cycles where reported.insert(Set(cycle)).inserted {
            let first = cycle.dropLast().min { byId[$0]!.location < byId[$1]!.location }!
            report(.error("playbook.cycle", "derived facts form a cycle: \(cycle.joined(separator: " -> "))",
                          at: byId[first]!.location, length: first.count))
        }
        return cycles.isEmpty ? ordered : nil
    }
}
