/// The live-room funnel step by step: each rate as a bar, the peer median as an orange tick on it,
/// so a step below its peers shows as a bar that stops short of its tick.
public struct FunnelChart: Sendable {
    public struct Step: Sendable {
        public var label: String
        public var value: Double
        public var text: String
        public var reference: Double?
        /// How the description names the reference after the value ("（同行中位 8%）", " (peer median 8%)").
        public var referenceText: String?

        public init(label: String, value: Double, text: String, reference: Double?, referenceText: String?) {
            self.label = label
            self.value = value
            self.text = text
            self.reference = reference
            self.referenceText = referenceText
        }
    }

    public var id: String
    public var title: String
    /// "同行中位" / "peer median", for the legend and the description.
    public var referenceName: String
    public var steps: [Step]

    public init(id: String, title: String, referenceName: String, steps: [Step]) {
        self.id = id
        self.title = title
        self.referenceName = referenceName
        self.steps = steps
    }

    static let width = 440.0, rowHeight = 30.0, labelWidth = 150.0

    /// nil without a step to draw.
    public func svg() -> String? {
        guard !steps.isEmpty else { return nil }
        let scale = max(steps.map(\.value).max() ?? 0, steps.compactMap(\.reference).max() ?? 0) * 1.15
        guard scale > 0 else { return nil }
        let barRight = Self.width - 56
        func x(_ v: Double) -> Double { Self.labelWidth + v / scale * (barRight - Self.labelWidth) }
        var body: [String] = []
        for (i, step) in steps.enumerated() {
            let top = 8 + Double(i) * Self.rowHeight
            body.append(SVG.text(step.label, x: Self.labelWidth - 8, y: top + 15, anchor: "end", className: "label"))
            body.append(SVG.rect(x: Self.labelWidth, y: top + 3, width: x(step.value) - Self.labelWidth, height: 16, className: "bar"))
            body.append(SVG.text(step.text, x: x(step.value) + 6, y: top + 15, className: "value"))
            if let reference = step.reference {
                body.append(SVG.line(x(reference), top, x(reference), top + 22, className: "reference"))
            }
        }
        let height = 8 + Double(steps.count) * Self.rowHeight + 14
        let legendY = height - 6
        body.append(SVG.line(Self.labelWidth, legendY - 9, Self.labelWidth, legendY + 1, className: "reference"))
        body.append(SVG.text(referenceName, x: Self.labelWidth + 6, y: legendY, className: "legend-reference"))
        let description = steps.map { step in
            step.label + " " + step.text + (step.referenceText ?? "")
        }.joined(separator: " → ")
        return SVG.document(id: id, width: Self.width, height: height, title: title, description: description, body: body, className: "funnel")
    }
}
