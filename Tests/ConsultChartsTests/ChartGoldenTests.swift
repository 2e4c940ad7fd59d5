import ConsultCharts
import Foundation
import Testing
import TestSupport

/// Each chart kind against its recorded SVG (Tests/ConsultChartsTests/Golden): the same numbers
/// give the same bytes on every machine, and the text a screen reader reads says what the
/// drawing shows. Re-record with CONSULT_RECORD=1 after looking at the charts in Chromium.
@Suite struct ChartGoldenTests {
    static let rising = TrajectoryChart.Series(label: "月成交额", points: [
        .init(label: "现状", value: 35_000, text: "3.5万"), .init(label: "30天", value: 112_500, text: "11.3万"),
        .init(label: "60天", value: 190_000, text: "19万"), .init(label: "90天", value: 267_500, text: "26.8万"),
    ])
    static let falling = TrajectoryChart.Series(label: "退货率", points: [
        .init(label: "现状", value: 46, text: "46%"), .init(label: "30天", value: 41, text: "41%"),
        .init(label: "60天", value: nil, text: "—"), .init(label: "90天", value: 35, text: "35%"),
    ])
    static let flat = TrajectoryChart.Series(label: "团队人数（人）", points: [
        .init(label: "现状", value: 3, text: "3"), .init(label: "30天", value: 3, text: "3"),
        .init(label: "60天", value: 3, text: "3"), .init(label: "90天", value: 3, text: "3"),
    ])
    /// Today's value unknown and one target: nothing to draw a path between.
    static let unknown = TrajectoryChart.Series(label: "复购率", points: [
        .init(label: "现状", value: nil, text: "未知"), .init(label: "30天", value: 12, text: "12%"),
        .init(label: "60天", value: nil, text: "—"), .init(label: "90天", value: nil, text: "—"),
    ])

    @Test func kpiTrajectories() throws {
        let chart = TrajectoryChart(id: "chart-kpi", title: "90天目标", series: [Self.rising, Self.falling, Self.flat, Self.unknown])
        let html = try #require(chart.html())
        assertSnapshot(html, golden: "Tests/ConsultChartsTests/Golden/trajectory.svg.html")
        #expect(html.components(separatedBy: "<svg").count - 1 == 3, "a KPI without two known points gets no panel")
        #expect(html.contains("<desc id=\"chart-kpi-2-desc\">现状 46%, 30天 41%, 60天 —, 90天 35%</desc>"))
        #expect(TrajectoryChart(id: "x", title: "t", series: [Self.unknown]).html() == nil)
    }

    @Test func funnelAgainstPeers() throws {
        let chart = FunnelChart(id: "chart-funnel", title: "Live-room funnel", referenceName: "peer median", steps: [
            .init(label: "Exposure-to-entry rate", value: 10, text: "10%", reference: 8, referenceText: " (peer median 8%)"),
            .init(label: "Product click rate", value: 12, text: "12%", reference: 10, referenceText: " (peer median 10%)"),
            .init(label: "Click-to-order rate", value: 6, text: "6%", reference: 8, referenceText: " (peer median 8%)"),
            .init(label: "Conversion <rate> & more", value: 0.8, text: "0.8%", reference: nil, referenceText: nil),
        ])
        let svg = try #require(chart.svg())
        assertSnapshot(svg, golden: "Tests/ConsultChartsTests/Golden/funnel.svg")
        #expect(svg.contains("Conversion &lt;rate&gt; &amp; more"), "labels are escaped")
        #expect(svg.components(separatedBy: "class=\"reference\"").count - 1 == 4, "three steps with a median, and the legend")
        #expect(FunnelChart(id: "x", title: "t", referenceName: "p", steps: []).svg() == nil)
    }

    @Test func actionRoadmap() throws {
        let chart = RoadmapChart(id: "chart-roadmap", title: "行动计划", weekLabel: "周", lanes: [
            .init(label: "商家", spans: [.init(from: 2, to: 4, text: "1项"), .init(from: 9, to: 12, text: "2项")]),
            .init(label: "顾问", spans: [.init(from: 1, to: 1, text: "5项"), .init(from: 2, to: 4, text: "4项")]),
            .init(label: "投手", spans: []),
        ])
        let svg = try #require(chart.svg())
        assertSnapshot(svg, golden: "Tests/ConsultChartsTests/Golden/roadmap.svg")
        #expect(!svg.contains("投手"), "an owner without actions has no lane")
        #expect(svg.contains("<desc id=\"chart-roadmap-desc\">商家: 2–4 周 1项, 9–12 周 2项; 顾问: 1–1 周 5项, 2–4 周 4项</desc>"))
        #expect(RoadmapChart(id: "x", title: "t", weekLabel: "w", lanes: []).svg() == nil)
    }
}
