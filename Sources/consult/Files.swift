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
        let fm = FileManager.default
        if fm.fileExists(atPath: "playbooks") { return "playbooks" }
        // The running binary itself (found on PATH, argv[0] is only "consult"), links resolved,
        // so an installed copy finds PREFIX/share/consult/playbooks.
        let exe = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
        for up in ["../../playbooks", "../share/consult/playbooks", "../../../playbooks"] {
            let candidate = exe.appendingPathComponent(up).standardized.path
            if fm.fileExists(atPath: candidate) { return candidate }
        }
        throw Failure(message: "error: no playbooks found; pass --playbooks DIR (a directory of *.yaml playbooks)")
    }

    /// This process's executable: /proc/self/exe on Linux, else argv[0].
    static var executablePath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    static func playbookSources(_ directory: String) throws -> [PlaybookSource] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Failure(message: "error: playbook directory '\(directory)' does not exist")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        if names.isEmpty { throw Failure(message: "error: no *.yaml playbooks in '\(directory)'") }
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        // Every file that cannot be read is reported, not only the first.
        var sources: [PlaybookSource] = []
        var problems: [String] = []
        for name in names {
            do { sources.append(PlaybookSource(name: prefix + name, text: try read(prefix + name))) } catch let failure as Failure {
                problems.append(failure.message)
            }
        }
        if !problems.isEmpty { throw Failure(message: problems.joined(separator: "\n")) }
        return sources
    }

    /// `path:LINE:COLUMN` of the first byte that is not UTF-8, so the consultant can find it.
    static func notUTF8(_ path: String, _ data: Data) -> String {
        var line = 1, column = 1
        var decoder = Unicode.UTF8.ForwardParser()
        var iterator = data.makeIterator()
        while true {
            switch decoder.parseScalar(from: &iterator) {
            case .valid(let unit):
                if unit.count == 1, unit.first == 0x0A { line += 1; column = 1 } else { column += 1 }
            case .emptyInput:
                return "error: \(path) is not UTF-8 text"
            case .error:
                return "error: \(path):\(line):\(column): not UTF-8 text (save the file as UTF-8; a GBK file from Windows Notepad or WPS is the usual cause)"
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
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(message: "error: cannot read '\(path)': no such file or not readable")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw Failure(message: notUTF8(path, data))
        }
        return text
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
            throw Failure(message: "error: \(error)")
        }
    }

    /// Loads and checks playbooks, or fails with every diagnostic rendered.
    static func program(_ option: String?) throws -> (Program, [PlaybookSource]) {
        let sources = try playbookSources(playbookDirectory(option))
        let result = PlaybookLoader.load(sources)
        guard let program = result.program else {
            let renderer = DiagnosticRenderer(sources: Dictionary(sources.map { ($0.name, $0.text) }, uniquingKeysWith: { a, _ in a }))
            let errors = result.diagnostics.errors
            throw Failure(message: renderer.render(errors) + "\n\(errors.count) error\(errors.count == 1 ? "" : "s") in the playbooks")
        }
        return (program, sources)
    }
}

extension FileHandle {
    static func writeError(_ text: String) {
        standardError.write(Data(TerminalText.safe(text.hasSuffix("\n") ? text : text + "\n").utf8))
    }
}
