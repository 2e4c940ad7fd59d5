import Foundation

/// Times in the database: UTC, ISO 8601 with milliseconds (`2026-11-20T08:15:02.123Z`), so they
/// sort as text and read the same in every time zone.
public enum Timestamp {
    static func text(_ date: Date) -> String {
        let millis = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        var seconds = time_t(millis / 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                      Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
                      Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), Int(millis % 1000))
    }

    /// `11-20 16:05` in the local time zone (a consultant thinks in local time); the stored text
    /// when it cannot be read.
    public static func local(_ stamp: String) -> String {
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
