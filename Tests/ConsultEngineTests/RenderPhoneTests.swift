import Foundation
import Testing
import TestSupport

/// Issue 15 §2: the plan reads on a phone. Every example's HTML, both languages and both editions,
/// is laid out by Chromium at 390 px (a phone) and 1000 px (a desktop), and a script in the page
/// looks for anything wider than the page (a table that would scroll sideways) and for a short
/// heading broken over two lines ("先解/决"). `--format png` makes the WeChat long image.
@Suite(.serialized)
struct RenderPhoneTests {
    /// Every example's HTML, written into `dir`; the file names.
    func documents(in dir: URL) throws -> [String] {
        let examples = try FileManager.default.contentsOfDirectory(atPath: Repo.path("examples")).filter { $0.hasSuffix(".yaml") }.sorted()
        var names: [String] = []
        for file in examples {
            for language in ["zh", "en"] {
                for edition in ["merchant", "consultant"] {
                    let name = "\(file.dropLast(5)).\(language).\(edition).html"
                    let run = try consult(["run", "--answers", "examples/" + file, "--format", "html", "--lang", language,
                                           "--edition", edition, "--output", dir.appendingPathComponent(name).path])
                    #expect(run.status == 0, "\(name): \(run.stderr)")
                    names.append(name)
                }
            }
        }
        return names
    }

    /// One page holding every document in a frame `width` pixels wide; once all have loaded, it
    /// writes what it found into its root element, which `--dump-dom` prints.
    static func probe(_ names: [String], width: Int) -> String {
        let frames = names.map { "<iframe src=\"\($0)\" style=\"width:\(width)px;height:400px;border:0\"></iframe>" }.joined(separator: "\n")
        return """
        <!DOCTYPE html><html><body style="margin:0">\(frames)
        <script>
        window.addEventListener('load', function () {
          var report = {};
          document.querySelectorAll('iframe').forEach(function (frame) {
            var doc = frame.contentDocument, root = doc.documentElement, width = root.clientWidth, found = [];
            if (root.scrollWidth > width) found.push('page scrolls sideways: ' + root.scrollWidth + ' > ' + width);
            doc.querySelectorAll('body *').forEach(function (e) {
              var r = e.getBoundingClientRect();
              if (r.width > 0 && r.right > width + 1 && found.length < 6) found.push('wider than the page: ' + e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ')[0] : ''));
            });
            doc.querySelectorAll('h1, h2, h3, .fix-first-title, .fix-first-label').forEach(function (h) {
              for (var n = h.firstChild; n; n = n.nextSibling) {
                var text = n.nodeType === 3 ? n.textContent.trim() : '';
                if (text.length === 0 || text.length > 10) continue;
                var range = doc.createRange(); range.selectNodeContents(n);
                var lines = {}; Array.prototype.forEach.call(range.getClientRects(), function (x) { lines[Math.round(x.top)] = 1; });
                if (Object.keys(lines).length > 1) found.push('heading broken over lines: ' + text);
              }
            });
            report[frame.getAttribute('src')] = found;
          });
          document.documentElement.setAttribute('data-report', JSON.stringify(report));
        });
        </script></body></html>
        """
    }

    @Test(arguments: [390, 1000])
    func everyExampleFitsTheWidth(_ width: Int) throws {
        guard Tools.find("chromium") != nil else {
            Issue.record("chromium is not installed; CI must install: apt-get install \(RenderPDFTests.packages)")
            return
        }
        let dir = Repo.temporaryDirectory("consult-phone")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let names = try documents(in: dir)
        let probe = dir.appendingPathComponent("probe.html")
        try Data(Self.probe(names, width: width).utf8).write(to: probe)
        let dom = try Tools.run("chromium", ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--allow-file-access-from-files",
                                             "--user-data-dir=" + dir.appendingPathComponent("profile").path,
                                             "--window-size=1200,800", "--dump-dom", probe.absoluteString])
        let attribute = try #require(dom.firstMatch(of: /data-report="([^"]*)"/), "no report from the page:\n\(dom.prefix(300))")
        let json = String(attribute.1).replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: [String]])
        #expect(report.count == names.count, "every document was laid out")
        for name in names {
            let found = report[name] ?? ["not laid out"]
            #expect(found.isEmpty, "\(name) at \(width) px: \(found.joined(separator: "; "))")
        }
    }

    /// The long image: 750 px wide (a 375 px page drawn at 2×), as tall as the whole plan.
    @Test func theLongImageIsTheWholePlanAtPhoneWidth() throws {
        guard Tools.find("chromium") != nil else {
            Issue.record("chromium is not installed; CI must install: apt-get install \(RenderPDFTests.packages)")
            return
        }
        let dir = Repo.temporaryDirectory("consult-png")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let png = dir.appendingPathComponent("plan.png").path
        let run = try consult(["run", "--answers", "examples/cold_start_stall.yaml", "--lang", "zh", "--output", png])
        #expect(run.status == 0, "\(run.stderr)")
        let bytes = try #require(FileManager.default.contents(atPath: png))
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "a PNG file")
        let header = [UInt8](bytes.prefix(24))
        let width = header[16..<20].reduce(0) { $0 << 8 | Int($1) }, height = header[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect(width == 750)
        // The whole plan, not one screen: a four-page plan at phone width is several screens tall.
        #expect(height > 8 * 1334, "\(width)×\(height)")
    }
}
