import Foundation
import TestSupport
import Testing

/// The consultant's configuration file: defaults for who, where, which playbooks and language,
/// every flag winning over it, and a mistake in it located rather than ignored.
struct ConfigTests {
    func place() throws -> URL {
        let dir = Repo.temporaryDirectory("consult-config")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func defaultsComeFromTheFileAndFlagsWin() throws {
        let dir = try place()
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = dir.appendingPathComponent("config.yaml")
        try "consultant: 李顾问\nlanguage: en\ndatabase: ~/team.sqlite\n".write(to: config, atomically: true, encoding: .utf8)
        let environment = ["CONSULT_CONFIG": config.path, "HOME": dir.path, "LANG": "zh_CN.UTF-8"]
        let shell = try consult(["shell"], stdin: "卡丹路\n抖音\n.quit\n", environment: environment)
        #expect(shell.status == 0, "\(shell.stderr)")
        #expect(shell.stdout.contains("Consultation #1 ended and saved"), "the file's language over LANG: \(shell.stdout)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("team.sqlite").path), "~ is the home directory")
        let listed = try consult(["sessions"], environment: environment)
        #expect(listed.stdout.contains("李顾问") && listed.stdout.contains("卡丹路"), "\(listed.stdout)")
        let chinese = try consult(["sessions", "--lang", "zh"], environment: environment)
        #expect(chinese.stdout.contains("顾问"), "--lang wins: \(chinese.stdout)")
        let other = try consult(["sessions", "--db", dir.appendingPathComponent("other.sqlite").path], environment: environment)
        #expect(other.stderr.contains("no consultations stored yet"), "--db wins: \(other.stderr)")
    }

    @Test(arguments: [("zh_CN.UTF-8", "配置文件里没有“lang”这个字段"), ("C.UTF-8", "unknown field 'lang' in the configuration")])
    func aMistakeInTheFileIsLocatedAndStopsTheCommand(_ locale: String, _ message: String) throws {
        let dir = try place()
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = dir.appendingPathComponent("config.yaml")
        try "consultant: 李顾问\nlang: en\nlanguage: fr\n".write(to: config, atomically: true, encoding: .utf8)
        let r = try consult(["sessions"], environment: ["CONSULT_CONFIG": config.path, "LANG": locale])
        #expect(r.status == 1)
        #expect(r.stderr.contains("config.yaml:2:1: error: " + message), "\(r.stderr)")
        #expect(r.stderr.contains("config.yaml:3:11: error:"), "every mistake at once: \(r.stderr)")
        #expect(r.stdout.isEmpty)
    }
}
