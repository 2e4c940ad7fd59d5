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

        func visit(_ id: String) {
            guard let fact = byId[id] else { return }
            if state[id] == 2 { return }
            if state[id] == 1 {
                if let start = stack.firstIndex(of: id) { cycles.append(Array(stack[start...]) + [id]) }
                return
            }
            state[id] = 1
            stack.append(id)
            for dependency in fact.reads where byId[dependency] != nil { visit(dependency) }
            stack.removeLast()
            state[id] = 2
            ordered.append(fact)
        }
        for fact in derived { visit(fact.id) }

        var reported = Set<Set<String>>()
        for cycle in cycles where reported.insert(Set(cycle)).inserted {
            let first = cycle.dropLast().min { byId[$0]!.location < byId[$1]!.location }!
            report(.error("playbook.cycle", "derived facts form a cycle: \(cycle.joined(separator: " -> "))",
                          at: byId[first]!.location, length: first.count))
        }
        return cycles.isEmpty ? ordered : nil
    }
}
