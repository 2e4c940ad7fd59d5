import ConsultBase

/// The few pieces of SVG the charts are drawn with. Coordinates are written with one decimal from
/// integer arithmetic, so the bytes of a chart are the same on every machine and in every locale.
public enum SVG {
    /// `12.3`, `-4`, `0`: one decimal, trailing `.0` dropped (also a chart label's short figures).
    public static func number(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let whole = tenths / 10, rest = abs(tenths % 10)
        let sign = tenths < 0 && whole == 0 ? "-" : ""
        return rest == 0 ? "\(sign)\(whole)" : "\(sign)\(whole).\(rest)"
    }

    static func escape(_ text: String) -> String { HTMLText.escape(text) }

    /// The root element: scales to its container's width (phone or print), with a title and a
    /// description a screen reader reads in place of the drawing.
    static func document(id: String, width: Double, height: Double, title: String, description: String, body: [String],
                         className: String? = nil) -> String {
        // Never drawn wider than designed (type keeps its size on a desktop); narrower screens scale it down.
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\(className.map { " " + $0 } ?? "")\" viewBox=\"0 0 \(number(width)) \(number(height))\""
        out += " style=\"max-width:\(number(width))px\""
        out += " role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\">\n"
        out += "<title id=\"\(id)-title\">\(escape(title))</title>\n<desc id=\"\(id)-desc\">\(escape(description))</desc>\n"
        out += body.joined(separator: "\n") + "\n</svg>"
        return out
    }

    static func text(_ content: String, x: Double, y: Double, anchor: String = "start", className: String) -> String {
        "<text x=\"\(number(x))\" y=\"\(number(y))\" text-anchor=\"\(anchor)\" class=\"\(className)\">\(escape(content))</text>"
    }

    static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, className: String) -> String {
        "<line x1=\"\(number(x1))\" y1=\"\(number(y1))\" x2=\"\(number(x2))\" y2=\"\(number(y2))\" class=\"\(className)\"/>"
    }

    static func rect(x: Double, y: Double, width: Double, height: Double, className: String) -> String {
        "<rect x=\"\(number(x))\" y=\"\(number(y))\" width=\"\(number(max(0, width)))\" height=\"\(number(height))\" class=\"\(className)\"/>"
    }
}

/// Colours, strokes and type of the charts: one style sheet beside the plan's own, so a template
/// can restyle them. Blue and orange tell apart in every common colour-vision deficiency, and
/// shape (line vs tick, filled vs hollow) repeats what colour says.
public enum ChartStyle {
    public static let css = """
    svg.chart { display: block; width: 100%; height: auto; margin: 6px 0 10px; font-family: inherit; }
    .chart-panels { display: flex; flex-wrap: wrap; gap: 2px 10px; margin: 6px 0 8px; break-inside: avoid; }
    .chart-panels svg.chart { flex: 0 1 176px; margin: 0; }
    svg.chart .axis { stroke: #aab4bf; stroke-width: 1; }
    svg.chart .grid { stroke: #e3e8ee; stroke-width: 1; }
    svg.chart .trend { fill: none; stroke: #1f6f8b; stroke-width: 2.5; }
    svg.chart .point { fill: #fff; stroke: #1f6f8b; stroke-width: 2; }
    svg.chart .point.now { fill: #1f6f8b; }
    svg.chart .bar { fill: #1f6f8b; }
    svg.chart .reference { stroke: #c2570c; stroke-width: 3; }
    svg.chart .label { fill: #1b2631; font-size: 12px; }
    svg.chart .value { fill: #1b2631; font-size: 10.5px; font-weight: 700; }
    svg.chart .muted { fill: #5b6875; font-size: 10px; }
    svg.chart .panel-title { fill: #14365d; font-size: 11.5px; font-weight: 700; }
    svg.chart .legend-reference { fill: #c2570c; font-size: 10.5px; }
    svg.chart .bar-text { fill: #fff; font-size: 11px; font-weight: 700; }
    svg.chart .dot.critical { fill: #b42318; }
    svg.chart .dot.high { fill: #c2570c; }
    svg.chart .dot.other { fill: #fff; stroke: #1f6f8b; stroke-width: 1.5; }
    /* Print keeps the funnel (narrow) and leaves the KPI paths and the roadmap to the tables right
       under them: on A4 a table reads at a glance, and the plan stays within four pages. Screens,
       phones and the long image show them all. */
    @media print {
      .chart-panels, svg.chart.roadmap { display: none; }
      svg.chart.funnel { max-width: 300px !important; }
    }
    """
}
