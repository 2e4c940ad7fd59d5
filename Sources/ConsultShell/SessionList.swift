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
            return [(row.current ? "*" : " ") + "#\(s.id)", s.day, name, row.progress, status, SessionTime.local(s.lastActivity)]
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

/// Stored times are UTC (`2026-11-20T08:05:00.000Z`); a consultant thinks in local time.
enum SessionTime {
    /// `11-20 16:05` in the local time zone; the stored text when it cannot be read.
    static func local(_ stamp: String) -> String {
        let numbers = stamp.split { !$0.isNumber }.compactMap { Int32($0) }
        guard numbers.count >= 5 else { return stamp }
        var utc = tm()
        utc.tm_year = numbers[0] - 1900
        utc.tm_mon = numbers[1] - 1
        utc.tm_mday = numbers[2]
        utc.tm_hour = numbers[3]
        utc.tm_min = numbers[4]
        var seconds = timegm(&utc)
        var local = tm()
        guard localtime_r(&seconds, &local) != nil else { return stamp }
        return two(local.tm_mon + 1) + "-" + two(local.tm_mday) + " " + two(local.tm_hour) + ":" + two(local.tm_min)
    }

    private static func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
