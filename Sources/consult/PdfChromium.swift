import ConsultBase
import ConsultRender
import ConsultShell
import Foundation

/// Prints the HTML plan to PDF with headless Chromium: the same document a browser shows, with
/// its print style sheet (A4, page breaks, running header). Lives in the executable because it
/// starts a process; the render module only knows the `DocumentPrinter` protocol.
struct ChromiumPrinter: DocumentPrinter {
    /// What to install when no browser is found, named in the error (Debian package names).
    static let packages = "chromium fonts-wqy-microhei fonts-liberation"
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
            PDF 和长图（--format pdf / png）要用无界面的 Chromium 从 HTML 方案生成，但没有找到它（在 PATH 里找了 \(list)）
              连同中文字体一起安装：sudo apt-get install \(packages)
              或者把 CONSULT_CHROMIUM 设为 Chromium/Chrome 的程序路径；--format html 给出同样的文档
            """, en: """
            PDF and the long image (--format pdf / png) are made from the HTML plan by headless Chromium, which was not found (looked for \(list) on PATH)
              install it with the Chinese fonts: sudo apt-get install \(packages)
              or set CONSULT_CHROMIUM to a Chromium/Chrome binary; --format html gives the same document
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

    /// Phone width in CSS pixels and the device scale: a 375 px page drawn at 2× is the 750 px
    /// image WeChat shows sharp on a phone.
    static let phoneWidth = 375, imageScale = 2

    /// The page at phone width as one long PNG. Chromium screenshots only its window, so the page
    /// is measured first, at exactly that width (in a frame: a headless window is never narrower
    /// than 500 px), then shot in a window exactly that tall.
    func longImage(html: String) throws -> Data {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("consult-png-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let input = work.appendingPathComponent("plan.html")
        let output = work.appendingPathComponent("plan.png"), log = work.appendingPathComponent("chromium.log")
        try Data(html.utf8).write(to: input)
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let height = try measure(input, width: Self.phoneWidth, in: work, log: log)
        let status = try run(common(work) + ["--window-size=\(Self.phoneWidth),\(height)", "--force-device-scale-factor=\(Self.imageScale)",
                                             "--screenshot=\(output.path)", input.absoluteString], log: log)
        guard status == 0, let png = FileManager.default.contents(atPath: output.path), png.starts(with: Data([0x89, 0x50, 0x4E, 0x47])) else {
            throw Failure(Text(zh: "\(executable) 没有生成长图（退出码 \(status)）", en: "\(executable) did not make the long image (exit status \(status))"))
        }
        return png
    }

    /// The document's height in CSS pixels when laid out `width` pixels wide.
    private func measure(_ page: URL, width: Int, in work: URL, log: URL) throws -> Int {
        let frame = work.appendingPathComponent("measure.html"), dom = work.appendingPathComponent("dom.html")
        try Data(Self.measuringFrame(page.lastPathComponent, width: width).utf8).write(to: frame)
        _ = FileManager.default.createFile(atPath: dom.path, contents: nil)
        let status = try run(common(work) + ["--allow-file-access-from-files", "--window-size=1200,800", "--dump-dom", frame.absoluteString],
                             log: log, output: dom)
        let text = (try? String(contentsOf: dom, encoding: .utf8)) ?? ""
        guard status == 0, let match = text.firstMatch(of: /data-height="(\d+)"/), let height = Int(match.1), height > 0 else {
            throw Failure(Text(zh: "\(executable) 没有量出方案页面的高度（退出码 \(status)）", en: "\(executable) did not measure the plan page (exit status \(status))"))
        }
        return height
    }

    /// A page holding `file` in a frame `width` pixels wide, which writes the document's height
    /// into its own root element once the frame has loaded (read back with --dump-dom).
    static func measuringFrame(_ file: String, width: Int) -> String {
        """
        <!DOCTYPE html><html><body style="margin:0"><iframe id="plan" src="\(file)" style="width:\(width)px;height:600px;border:0"></iframe>
        <script>document.getElementById('plan').addEventListener('load', function () {
          document.documentElement.setAttribute('data-height', Math.ceil(this.contentDocument.documentElement.getBoundingClientRect().height));
        });</script></body></html>
        """
    }

    private func common(_ work: URL) -> [String] {
        ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
         "--user-data-dir=\(work.appendingPathComponent("profile").path)", "--hide-scrollbars"]
    }

    /// Runs the browser with its output in `log`, killing it if it hangs past `timeout`.
    /// `output`: where standard output goes (`--dump-dom`), else the log.
    private func run(_ arguments: [String], log: URL, output: URL? = nil) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }
        let out = try output.map { try FileHandle(forWritingTo: $0) }
        defer { try? out?.close() }
        process.standardOutput = out ?? handle
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
        return "warning: no Chinese font is installed (fc-list :lang=zh is empty); Chinese text will print as boxes. Install fonts-wqy-microhei"
    }
}

/// A printer for long-lived drivers (the shell's `.export`): finds Chromium when a PDF is asked
/// for, not at start-up, and reports a missing browser as an error the driver can print.
struct OnDemandChromiumPrinter: DocumentPrinter {
    func pdf(html: String) throws -> Data {
        try reported { try ChromiumPrinter.find().pdf(html: html) }
    }

    func longImage(html: String) throws -> Data {
        try reported { try ChromiumPrinter.find().longImage(html: html) }
    }

    private func reported(_ body: () throws -> Data) throws -> Data {
        do {
            return try body()
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
