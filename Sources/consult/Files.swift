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
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for up in ["../../playbooks", "../share/consult/playbooks", "../../../playbooks"] {
            let candidate = exe.appendingPathComponent(up).standardized.path
            if fm.fileExists(atPath: candidate) { return candidate }
        }
        throw Failure(message: "error: no playbooks found; pass --playbooks DIR (a directory of *.yaml playbooks)")
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
        return try names.map { try PlaybookSource(name: prefix + $0, text: read(prefix + $0)) }
    }

    /// `-` reads standard input (to its end).
    static func read(_ path: String) throws -> String {
        if path == "-" {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            guard let text = String(data: data, encoding: .utf8) else { throw Failure(message: "error: standard input is not UTF-8 text") }
            return text
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(message: "error: cannot read '\(path)': no such file or not readable")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw Failure(message: "error: '\(path)' is not UTF-8 text")
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
