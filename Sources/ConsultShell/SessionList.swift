import ConsultRender
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ConsultDiagnostics
import ConsultPlaybook
import ConsultStore

/// One line of `.sessions`: enough to recognise a visit (number, date, merchant), see how far it
/// got (answered of the questions that apply) and whether it was ended.
struct SessionRow {
    var summary: SessionSummary
    var progress: String
    /// The consultation on screen, marked `*`.
    var current: Bool

    static func table(_ rows: [SessionRow], language: Language, width: Int, paint: (String, Style) -> String) -> [String] {
        let zh = language == .zh
        let head = zh ? [" 编号", "日期", "商家", "进度", "状态", "最后活动"] : [" ID", "DATE", "MERCHANT", "ANSWERED", "STATUS", "LAST ACTIVE"]
        let cells = rows.map { row -> [String] in
            let s = row.summary
            let name = s.merchant.name.isEmpty ? (zh ? "（未命名）" : "(unnamed)") : Wrap.truncate(s.merchant.name, to: 16)
            let status = s.isFinished ? (zh ? "已结束" : "ended") : (zh ? "未结束" : "open")
            return [(row.current ? "*" : " ") + "#\(s.id)", s.day, name, row.progress, status, Timestamp.local(s.lastActivity)]
        }
        let all = [head] + cells
        let widths = head.indices.map { i in all.map { DisplayWidth.of($0[i]) }.max() ?? 0 }
        let lines = all.map { row in
            row.enumerated().map { i, cell in i == row.count - 1 ? cell : DisplayWidth.pad(cell, to: widths[i]) }
                .joined(separator: "  ")
        }
        return [paint(Wrap.truncate(lines[0], to: width), .dim)] + lines.dropFirst().map { Wrap.truncate($0, to: width) }
    }
}

