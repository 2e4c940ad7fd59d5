import ConsultDiagnostics
import ConsultExpression

/// How the plan decomposes GMV and walks the live-room funnel, the way 罗盘's live review does:
/// 场次 × 场观 × 转化率 × 客单价 beside the reported GMV, then the steps a viewer passes through.
/// Data (intake.yaml `funnel:`), so the engine knows no fact by name.
public struct FunnelSpec: Sendable {
    /// One term of the product: a fact, or a constant with its unit (4.3 weeks a month).
    public enum Factor: Sendable {
        case fact(String)
        case constant(Number, unit: Text)
    }

    public var factors: [Factor]
    /// The derived fact holding the product of the factors.
    public var result: String
    /// The GMV the merchant reported, which the product is checked against.
    public var reported: String
    /// The derived ratio of the product to the reported GMV; a finding reading it says they do not add up.
    public var ratio: String?
    /// Funnel steps, first to last (曝光进入率 → 商品点击率 → 点击成交率).
    public var steps: [String]
    public var location: SourceLocation
}

extension SectionBuilder {
    /// `funnel: { decomposition: [...], result:, reported:, ratio:, steps: [...] }`
    func funnel(_ node: YNode) -> FunnelSpec? {
        guard let f = reader.fields(node, "the funnel", allowed: ["decomposition", "result", "reported", "ratio", "steps"],
                                    required: ["decomposition", "result", "reported"]) else { return nil }
        func numericFact(_ n: YNode?, _ what: String) -> String? {
            guard let n, let id = reader.identifier(n, what) else { return nil }
            guard let fact = declarations[id], fact.kind.isNumeric else {
                reader.error("playbook.value", "\(what) '\(id)' must name a numeric fact\(Suggestion.didYouMean(id, in: Array(declarations.keys)))", at: n)
                return nil
            }
            return id
        }
        var factors: [FunnelSpec.Factor] = []
        for n in reader.sequence(f["decomposition"], "decomposition") {
            if n.mapping != nil {
                guard let cf = reader.fields(n, "a constant factor", allowed: ["constant", "unit"], required: ["constant", "unit"]),
                      let value = reader.number(cf["constant"], "constant"), let unit = reader.text(cf["unit"], "unit of the constant") else { continue }
                factors.append(.constant(value, unit: unit))
            } else if let id = numericFact(n, "decomposition factor") {
                factors.append(.fact(id))
            }
        }
        guard let result = numericFact(f["result"], "funnel result"), let reported = numericFact(f["reported"], "reported GMV") else { return nil }
        let steps = reader.sequence(f["steps"], "funnel steps").compactMap { numericFact($0, "funnel step") }
        return FunnelSpec(factors: factors, result: result, reported: reported, ratio: numericFact(f["ratio"], "funnel ratio"),
                          steps: steps, location: reader.location(node))
    }
}
