#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Merchants as dots: GMV across (a log scale, since a portfolio spans 1万 to 1亿 a month),
/// priority up, each dot a link to the merchant's plan. Severity is the dot's shape as well as
/// its colour: critical a filled square, high a filled circle, the rest hollow circles.
public struct ScatterChart: Sendable {
    public enum Mark: String, Sendable { case critical, high, other }

    public struct Dot: Sendable {
        public var x: Double
        public var y: Double
        public var label: String
        public var href: String?
        public var mark: Mark

        public init(x: Double, y: Double, label: String, href: String?, mark: Mark) {
            self.x = x
            self.y = y
            self.label = label
            self.href = href
            self.mark = mark
        }
    }

    public var id: String
    public var title: String
    public var xLabel: String
    public var yLabel: String
    /// Gridlines across: value and its text ("100万").
    public var xTicks: [(value: Double, text: String)]
    public var legend: [(mark: Mark, text: String)]
    public var dots: [Dot]

    public init(id: String, title: String, xLabel: String, yLabel: String, xTicks: [(value: Double, text: String)],
                legend: [(mark: Mark, text: String)], dots: [Dot]) {
        self.id = id
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xTicks = xTicks
        self.legend = legend
        self.dots = dots
    }

    static let width = 640.0, height = 320.0, left = 46.0, right = 16.0, top = 28.0, bottom = 44.0

    /// nil without a dot with a positive GMV to place.
    public func svg() -> String? {
        let placed = dots.filter { $0.x > 0 }
        guard !placed.isEmpty else { return nil }
        let logs = placed.map { log10($0.x) }
        let lowX = floor(logs.min()!), highX = max(ceil(logs.max()!), lowX + 1)
        let highY = max(1, placed.map(\.y).max()!) * 1.1
        let plotRight = Self.width - Self.right, plotBottom = Self.height - Self.bottom
        func px(_ v: Double) -> Double { Self.left + (log10(v) - lowX) / (highX - lowX) * (plotRight - Self.left) }
        func py(_ v: Double) -> Double { plotBottom - v / highY * (plotBottom - Self.top) }
        var body = [SVG.line(Self.left, plotBottom, plotRight, plotBottom, className: "axis"),
                    SVG.line(Self.left, Self.top, Self.left, plotBottom, className: "axis")]
        for tick in xTicks where tick.value > 0 && log10(tick.value) >= lowX && log10(tick.value) <= highX {
            body.append(SVG.line(px(tick.value), Self.top, px(tick.value), plotBottom, className: "grid"))
            body.append(SVG.text(tick.text, x: px(tick.value), y: plotBottom + 15, anchor: "middle", className: "muted"))
        }
        body.append(SVG.text(xLabel, x: plotRight, y: Self.height - 6, anchor: "end", className: "muted"))
        body.append(SVG.text(yLabel, x: 4, y: 16, className: "muted"))
        // Legend, top right.
        var legendX = plotRight
        for item in legend.reversed() {
            let textWidth = Double(item.text.count) * 11 + 20
            legendX -= textWidth
            body.append(mark(item.mark, x: legendX + 5, y: 12))
            body.append(SVG.text(item.text, x: legendX + 14, y: 16, className: "muted"))
        }
        // The least urgent first, so the urgent ones are drawn on top.
        for dot in placed.reversed() {
            let shape = mark(dot.mark, x: px(dot.x), y: py(dot.y), title: dot.label)
            body.append(dot.href.map { "<a href=\"\(SVG.escape($0))\">\(shape)</a>" } ?? shape)
        }
        let description = placed.map(\.label).joined(separator: "; ")
        return SVG.document(id: id, width: Self.width, height: Self.height, title: title, description: description, body: body, className: "scatter")
    }

    /// A dot's shape; `title` (a hover text and a screen reader's name) when given.
    private func mark(_ mark: Mark, x: Double, y: Double, title: String? = nil) -> String {
        let (open, close): (String, String) = switch mark {
        case .critical: ("<rect x=\"\(SVG.number(x - 4.5))\" y=\"\(SVG.number(y - 4.5))\" width=\"9\" height=\"9\" class=\"dot critical\"", "rect")
        case .high: ("<circle cx=\"\(SVG.number(x))\" cy=\"\(SVG.number(y))\" r=\"5\" class=\"dot high\"", "circle")
        case .other: ("<circle cx=\"\(SVG.number(x))\" cy=\"\(SVG.number(y))\" r=\"4.5\" class=\"dot other\"", "circle")
        }
        return title.map { open + "><title>\(SVG.escape($0))</title></\(close)>" } ?? open + "/>"
    }
}
