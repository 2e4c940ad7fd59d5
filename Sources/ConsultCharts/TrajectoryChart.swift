/// A KPI's path from today's value through its day-30, 60 and 90 targets, one small panel per KPI
/// (small multiples: each KPI on its own scale, since stay in seconds and GMV in 万 share none).
public struct TrajectoryChart: Sendable {
    public struct Point: Sendable {
        /// "现状", "30天" …
        public var label: String
        /// nil: not known (today's value) or no target at that horizon; the line skips it.
        public var value: Double?
        /// The value as the plan writes it ("3.5万元", "≥ 32.5").
        public var text: String

        public init(label: String, value: Double?, text: String) {
            self.label = label
            self.value = value
            self.text = text
        }
    }

    public struct Series: Sendable {
        public var label: String
        public var points: [Point]

        public init(label: String, points: [Point]) {
            self.label = label
            self.points = points
        }
    }

    public var id: String
    public var title: String
    public var series: [Series]

    public init(id: String, title: String, series: [Series]) {
        self.id = id
        self.title = title
        self.series = series
    }

    static let panelWidth = 176.0, panelHeight = 104.0

    /// One small SVG per KPI in a group that wraps to the width (three across on a desktop or a
    /// printed page, one or two on a phone, never shrunk to unreadable type); nil when no KPI has
    /// two known points to draw a path between.
    public func html() -> String? {
        let drawn = series.filter { $0.points.compactMap(\.value).count >= 2 }
        guard !drawn.isEmpty else { return nil }
        let panels = drawn.enumerated().map { i, kpi in
            let description = kpi.points.map { "\($0.label) \($0.text)" }.joined(separator: ", ")
            return SVG.document(id: "\(id)-\(i + 1)", width: Self.panelWidth, height: Self.panelHeight,
                                title: kpi.label, description: description, body: panel(kpi))
        }
        return "<div class=\"chart-panels\" role=\"group\" aria-label=\"\(SVG.escape(title))\">\n" + panels.joined(separator: "\n") + "\n</div>"
    }

    /// One KPI: its name, a line through the known points on the KPI's own scale, each point's
    /// value above it and its horizon below the axis.
    private func panel(_ kpi: Series) -> [String] {
        let left = 12.0, right = Self.panelWidth - 14, top = 32.0, bottom = 64.0
        let values = kpi.points.compactMap(\.value)
        let low = values.min()!, high = values.max()!
        let span = high - low
        func y(_ v: Double) -> Double { span == 0 ? (top + bottom) / 2 : bottom - (v - low) / span * (bottom - top) }
        let step = kpi.points.count > 1 ? (right - left) / Double(kpi.points.count - 1) : 0
        var out = [SVG.text(kpi.label, x: left - 6, y: 13, className: "panel-title"), SVG.line(left - 6, bottom + 21, right + 6, bottom + 21, className: "axis")]
        let known = kpi.points.enumerated().compactMap { i, p in p.value.map { (left + Double(i) * step, y($0)) } }
        out.append("<polyline points=\"" + known.map { "\(SVG.number($0.0)),\(SVG.number($0.1))" }.joined(separator: " ") + "\" class=\"trend\"/>")
        let last = kpi.points.count - 1
        for (i, point) in kpi.points.enumerated() {
            let x = left + Double(i) * step
            let anchor = i == 0 ? "start" : i == last ? "end" : "middle"
            out.append(SVG.text(point.label, x: i == 0 ? x - 6 : i == last ? x + 6 : x, y: bottom + 34, anchor: anchor, className: "muted"))
            guard let value = point.value else { continue }
            let cy = y(value)
            out.append("<circle cx=\"\(SVG.number(x))\" cy=\"\(SVG.number(cy))\" r=\"3.5\" class=\"point\(i == 0 ? " now" : "")\"/>")
            // Beside a point lower than the next one the label sits under the line, so the labels
            // of a rising path do not run into each other.
            let next = i < last ? kpi.points[i + 1].value : nil
            let below = next.map { $0 > value } ?? false
            out.append(SVG.text(point.text, x: i == 0 ? x - 6 : i == last ? x + 6 : x, y: below ? cy + 15 : cy - 8, anchor: anchor, className: "value"))
        }
        return out
    }
}
