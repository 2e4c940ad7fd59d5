/// The action plan over twelve weeks, one lane per owner: a bar for each period that has actions
/// (week 1, weeks 2–4, 5–8, 9–12), with how many. Who is busy when shows at a glance; the table
/// under it says what.
public struct RoadmapChart: Sendable {
    public struct Span: Sendable {
        /// 1…12, inclusive.
        public var from: Int
        public var to: Int
        public var text: String

        public init(from: Int, to: Int, text: String) {
            self.from = from
            self.to = to
            self.text = text
        }
    }

    public struct Lane: Sendable {
        public var label: String
        public var spans: [Span]

        public init(label: String, spans: [Span]) {
            self.label = label
            self.spans = spans
        }
    }

    public var id: String
    public var title: String
    /// "周" / "week", under the week numbers.
    public var weekLabel: String
    public var lanes: [Lane]

    public init(id: String, title: String, weekLabel: String, lanes: [Lane]) {
        self.id = id
        self.title = title
        self.weekLabel = weekLabel
        self.lanes = lanes
    }

    static let width = 600.0, laneHeight = 28.0, left = 64.0, right = 10.0, weeks = 12

    /// nil without an action to place.
    public func svg() -> String? {
        let drawn = lanes.filter { !$0.spans.isEmpty }
        guard !drawn.isEmpty else { return nil }
        let column = (Self.width - Self.left - Self.right) / Double(Self.weeks)
        let top = 6.0, bottom = top + Double(drawn.count) * Self.laneHeight
        var body: [String] = []
        for week in 1...Self.weeks {
            let x = Self.left + Double(week - 1) * column
            body.append(SVG.line(x, top, x, bottom, className: "grid"))
            body.append(SVG.text("\(week)", x: x + column / 2, y: bottom + 14, anchor: "middle", className: "muted"))
        }
        body.append(SVG.text(weekLabel, x: Self.width - Self.right, y: bottom + 28, anchor: "end", className: "muted"))
        for (i, lane) in drawn.enumerated() {
            let y = top + Double(i) * Self.laneHeight
            body.append(SVG.text(lane.label, x: Self.left - 8, y: y + 18, anchor: "end", className: "label"))
            for span in lane.spans {
                let x = Self.left + Double(max(1, span.from) - 1) * column + 1.5
                let w = Double(min(Self.weeks, span.to) - max(1, span.from) + 1) * column - 3
                body.append(SVG.rect(x: x, y: y + 5, width: w, height: Self.laneHeight - 10, className: "bar"))
                body.append(SVG.text(span.text, x: x + 6, y: y + 18, className: "bar-text"))
            }
        }
        let description = drawn.map { lane in
            lane.label + ": " + lane.spans.map { "\($0.from)–\($0.to) \(weekLabel) \($0.text)" }.joined(separator: ", ")
        }.joined(separator: "; ")
        return SVG.document(id: id, width: Self.width, height: bottom + 34, title: title, description: description, body: body,
                            className: "roadmap")
    }
}
