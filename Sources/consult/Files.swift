import ConsultBase
import ConsultDiagnostics
import ConsultPlaybook
import Foundation

/// All file-system work of the executable: finding and reading playbooks, reading answers,
/// writing outputs atomically.
enum Files {
    /// The playbook directory: the option, $CONSULT_PLAYBOOKS, ./playbooks, or the one next to the binary's checkout.
    static func playbookDirectory(_ option: String?) throws -> String {
        if let option { return option }
        if let env = ProcessInfo.processInfo.environment["CONSULT_PLAYBOOKS"], !env.isEmpty { return env }
        if let configured = Config.current.playbooks { return configured }
        let fm = FileManager.default
        if fm.fileExists(atPath: "playbooks") { return "playbooks" }
        // The running binary itself (found on PATH, argv[0] is only "consult"), links resolved,
        // so an installed copy finds PREFIX/share/consult/playbooks.
        let exe = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
        for up in ["../../playbooks", "../share/consult/playbooks", "../../../playbooks"] {
            let candidate = exe.appendingPathComponent(up).standardized.path
            if fm.fileExists(atPath: candidate) { return candidate }
        }
        throw Failure(Text(zh: "找不到手册；请用 --playbooks 目录 指定放着 *.yaml 手册的目录", en: "no playbooks found; pass --playbooks DIR (a directory of *.yaml playbooks)"))
    }

    /// This process's executable: /proc/self/exe on Linux, else argv[0].
    static var executablePath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    static func playbookSources(_ directory: String) throws -> [PlaybookSource] {
        var notText: [String] = []
        let sources = try playbookSources(directory, notText: &notText)
        if !notText.isEmpty { throw Failure(message: notText.joined(separator: "\n")) }
        return sources
    }

    /// For lint: a file that is not UTF-8 is reported (in `notText`, located) and still checked,
    /// its bad bytes read as U+FFFD, so its other problems and every other file's are reported in
    /// the same run, without a flood of "unknown fact" for what it declares.
    static func playbookSources(_ directory: String, notText: inout [String]) throws -> [PlaybookSource] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Failure(Text(zh: "手册目录“\(directory)”不存在", en: "playbook directory '\(directory)' does not exist"))
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        if names.isEmpty { throw Failure(Text(zh: "“\(directory)”里没有 *.yaml 手册", en: "no *.yaml playbooks in '\(directory)'")) }
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        // Every file that cannot be read is reported, not only the first.
        var sources: [PlaybookSource] = []
        var problems: [String] = []
        for name in names {
            let path = prefix + name
            guard let data = FileManager.default.contents(atPath: path) else {
                problems.append(cannotRead(path)[Environment.language])
                continue
            }
            if let text = String(data: data, encoding: .utf8) {
                sources.append(PlaybookSource(name: path, text: text))
            } else {
                notText.append(notUTF8(path, data))
                sources.append(PlaybookSource(name: path, text: String(decoding: data, as: UTF8.self)))
            }
        }
        if !problems.isEmpty { throw Failure(message: problems.joined(separator: "\n")) }
        return sources
    }

    /// `path:LINE:COLUMN` of the first byte that is not UTF-8, so the consultant can find it.
    static func notUTF8(_ path: String, _ data: Data, _ language: Language = Environment.language) -> String {
        var line = 1, column = 1
        var decoder = Unicode.UTF8.ForwardParser()
        var iterator = data.makeIterator()
        while true {
            switch decoder.parseScalar(from: &iterator) {
            case .valid(let unit):
                if unit.count == 1, unit.first == 0x0A { line += 1; column = 1 } else { column += 1 }
            case .emptyInput:
                return Text(zh: "错误：\(path) 不是 UTF-8 文字", en: "error: \(path) is not UTF-8 text")[language]
            case .error:
                return Text(zh: "\(path):\(line):\(column): error: 不是 UTF-8 文字（请把文件存为 UTF-8；Windows 记事本或 WPS 存的 GBK 文件是常见原因）",
                            en: "\(path):\(line):\(column): error: not UTF-8 text (save the file as UTF-8; a GBK file from Windows Notepad or WPS is the usual cause)")[language]
            }
        }
    }

    /// `-` reads standard input (to its end).
    static func read(_ path: String) throws -> String {
        if path == "-" {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            guard let text = String(data: data, encoding: .utf8) else { throw Failure(message: notUTF8("standard input", data)) }
            return text
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw Failure(cannotRead(path)) }
        guard let text = String(data: data, encoding: .utf8) else {
            throw Failure(message: notUTF8(path, data))
        }
        return text
    }

    /// "无法读取“x”：没有这个文件或目录" / "cannot read 'x': no such file or directory".
    static func cannotRead(_ path: String) -> Text {
        let why = SystemProblem.text(readProblem(path))
        return Text(zh: "无法读取“\(path)”：\(why.zh)", en: "cannot read '\(path)': \(why.en)")
    }

    /// Why a file could not be read, as an errno: missing, a directory, or not permitted.
    static func readProblem(_ path: String) -> Int32 {
        var info = stat()
        if stat(path, &info) != 0 { return errno }
        if info.st_mode & S_IFMT == S_IFDIR { return EISDIR }
        return access(path, R_OK) != 0 ? errno : EIO
    }

    /// Writes via a temporary file in the same directory and a rename, so a reader never sees
    /// half a document.
    static func writeAtomically(_ text: String, to path: String) throws {
        try writeAtomically(Data(text.utf8), to: path)
    }

    /// `-` writes standard output.
    static func writeAtomically(_ data: Data, to path: String) throws {
        if path == "-" {
            FileHandle.standardOutput.write(data)
            return
        }
        do {
            try AtomicFile.write([UInt8](data), to: path)
        } catch {
            throw Failure(message: error.message(Environment.language))
        }
    }

    /// Loads and checks playbooks, or fails with every diagnostic rendered.
    static func program(_ option: String?) throws -> (Program, [PlaybookSource]) {
        let sources = try playbookSources(playbookDirectory(option))
        let result = PlaybookLoader.load(sources)
        guard let program = result.program else {
            let renderer = DiagnosticRenderer.forUser(Dictionary(sources.map { ($0.name, $0.text) }, uniquingKeysWith: { a, _ in a }))
            let errors = result.diagnostics.errors
            let n = errors.count
            throw Failure(message: renderer.render(errors) + "\n" + Text(zh: "手册有 \(n) 处错误；consult lint 逐条列出", en: "\(n) error\(n == 1 ? "" : "s") in the playbooks; consult lint lists them")[Environment.language])
        }
        return (program, sources)
    }
}

extension FileHandle {
    static func writeError(_ text: String) {
        standardError.write(Data(TerminalText.safe(text.hasSuffix("\n") ? text : text + "\n").utf8))
    }
}

extension DiagnosticRenderer {
    /// A renderer whose "… and N more" is in the user's language.
    static func forUser(_ sources: [String: String], language: Language = Environment.language) -> DiagnosticRenderer {
        let zh = language == .zh
        return DiagnosticRenderer(sources: sources, more: { n in zh ? "… 另有 \(n) 处" : "… and \(n) more" })
    }
}
