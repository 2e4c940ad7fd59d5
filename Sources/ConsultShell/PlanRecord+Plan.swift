import ConsultEngine
import ConsultRender
import ConsultStore

extension PlanRecord {
    /// A plan as the store keeps it: its JSON, language and the versions that made it.
    public init(_ plan: Plan, only: [String]? = nil) {
        self.init(json: JSONRenderer.render(plan), language: plan.language,
                  playbookVersions: Dictionary(plan.versions.map { ($0.playbook, $0.version) }, uniquingKeysWith: { a, _ in a }),
                  consultVersion: plan.consultVersion, only: only)
    }
}
