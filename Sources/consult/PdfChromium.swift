import ConsultBase
import ConsultRender
import ConsultShell
import Foundation

/// Prints the HTML plan to PDF with headless Chromium: the same document a browser shows, with
/// its print style sheet (A4, page breaks, running header). Lives in the executable because it
/// starts a process; the render module only knows the `PDFPrinter` protocol.
struct ChromiumPrinter: PDFPrinter {
    /// What to install when no browser is found, named in the error (Debian package names).
    static let packages = "chromium fonts-noto-cjk"
    static let candidates = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]

    var executable: String
    var timeout: TimeInterval = 120

    /// `$CONSULT_CHROMIUM`, else the first of `candidates` on `$PATH`.
    static func find(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ChromiumPrinter {
        if let path = environment["CONSULT_CHROMIUM"], !path.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: path) else {
                throw Failure(Text(zh: "CONSULT_CHROMIUM='\(path)' 不是可执行文件；请设为 Chromium 或 Chrome 的程序路径，或者取消这个设置",
                                   en: "CONSULT_CHROMIUM='\(path)' is not an executable file; set it to a Chromium or Chrome binary, or unset it"))
            }
            return ChromiumPrinter(executable: path)
        }
        let directories = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        for name in candidates {
            for directory in directories where FileManager.default.isExecutableFile(atPath: directory + "/" + name) {
                return ChromiumPrinter(executable: directory + "/" + name)
            }
        }
        let list = candidates.joined(separator: ", ")
        throw Failure(Text(zh: """
            --format pdf 要用无界面的 Chromium 打印 HTML 方案，但没有找到它（在 PATH 里找了 \(list)）
              连同中文字体一起安装：sudo apt-get install \(packages)
              或者把 CONSULT_CHROMIUM 设为 Chromium/Chrome 的程序路径；--format html 给出同样的文档，只是不打印
            """, en: """
            --format pdf prints the HTML plan with headless Chromium, which was not found (looked for \(list) on PATH)
              install it with the Chinese fonts: sudo apt-get install \(packages)
              or set CONSULT_CHROMIUM to a Chromium/Chrome binary; --format html gives the same document without printing
            """))
    }

    func pdf(html: String) throws -> Data {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("consult-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let input = work.appendingPathComponent("plan.html"), output = work.appendingPathComponent("plan.pdf")
        let log = work.appendingPathComponent("chromium.log")
        try Data(html.utf8).write(to: input)
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let status = try run([
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
            "--user-data-dir=\(work.appendingPathComponent("profile").path)",
            "--no-pdf-header-footer", "--print-to-pdf=\(output.path)", input.absoluteString,
        ], log: log)
        guard status == 0, let pdf = FileManager.default.contents(atPath: output.path), pdf.starts(with: Data("%PDF".utf8)) else {
            let tail = (try? String(contentsOf: log, encoding: .utf8))?.split(separator: "\n").suffix(5).joined(separator: "\n  ") ?? ""
            let detail = tail.isEmpty ? "" : ":\n  " + tail
            throw Failure(Text(zh: "\(executable) 没有打印出 PDF（退出码 \(status)）" + detail, en: "\(executable) did not print the PDF (exit status \(status))" + detail))
        }
        return pdf
    }

    /// Runs the browser with its output in `log`, killing it if it hangs past `timeout`.
    private func run(_ arguments: [String], log: URL) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        try process.run()
        // Waits in short steps, so Ctrl-C in the shell (Interruption) stops the browser at once.
        let deadline = DispatchTime.now() + timeout
        while done.wait(timeout: .now() + 0.05) == .timedOut {
            if Interruption.requested {
                process.terminate()
                done.wait()
                throw Interrupted()
            }
            if DispatchTime.now() > deadline {
                process.terminate()
                done.wait()
                throw Failure(Text(zh: "\(executable) 在 \(Int(timeout)) 秒内没有打印完", en: "\(executable) did not finish printing within \(Int(timeout)) s"))
            }
        }
        return process.terminationStatus
    }
}

extension ChromiumPrinter {
    /// Chinese text prints as empty boxes without a CJK font; say so before printing rather than
    /// hand the merchant a broken document. Silent when fontconfig cannot be asked.
    static func chineseFontWarning() -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/fc-list")
        process.arguments = [":lang=zh", "family"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let found = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard found.isEmpty else { return nil }
        return "warning: no Chinese font is installed (fc-list :lang=zh is empty); Chinese text will print as boxes. Install fonts-noto-cjk"
    }
}

/// A printer for long-lived drivers (the shell's `.export`): finds Chromium when a PDF is asked
/// for, not at start-up, and reports a missing browser as an error the driver can print.
struct OnDemandChromiumPrinter: PDFPrinter {
    func pdf(html: String) throws -> Data {
        do {
            return try ChromiumPrinter.find().pdf(html: html)
        } catch let failure as Failure {
            throw PrintError(description: failure.message)
        }
    }
}

/// Why a PDF could not be printed, in the words `consult run` uses.
struct PrintError: Error, CustomStringConvertible, LocalizedError {
    var description: String
    var errorDescription: String? { description }
}
