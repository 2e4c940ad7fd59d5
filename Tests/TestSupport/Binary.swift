import Foundation

/// Where the repository and the built `consult` binary are, for end-to-end tests.
public enum Repo {
    /// The repository root (found from this file's path).
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// The `consult` executable the tests run: `$CONSULT_BINARY` (the installed release binary,
    /// in scripts/test's second pass), else next to the test bundle, else under .build/debug.
    public static let binary: String = {
        if let given = ProcessInfo.processInfo.environment["CONSULT_BINARY"], !given.isEmpty { return given }
        let bundleDir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [bundleDir.appendingPathComponent("consult").path,
                          bundleDir.deletingLastPathComponent().appendingPathComponent("consult").path,
                          path(".build/debug/consult")]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates.last!
    }()

    /// A fresh temporary directory, removed by the caller if it cares.
    public static func temporaryDirectory(_ label: String = "consult-test") -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// The outcome of running the binary: what a user would see.
public struct RunResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Runs `consult` with arguments, optional stdin and environment, from the repository root.
public func consult(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:],
                    directory: String? = nil) throws -> RunResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Repo.binary)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory ?? Repo.root.path)
    var env = ProcessInfo.processInfo.environment
    env["LANG"] = "C.UTF-8"
    env.removeValue(forKey: "LC_ALL")
    env["NO_COLOR"] = "1"
    // The developer's own configuration file must not change what a test sees.
    env["CONSULT_CONFIG"] = "/nonexistent/consult-test-config.yaml"
    for (k, v) in environment { env[k] = v }
    process.environment = env
    let out = Pipe(), err = Pipe(), input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    // Read both pipes concurrently so a large output cannot dead-lock the child.
    let errData = LockedData()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
        errData.set(err.fileHandleForReading.readDataToEndOfFile())
        group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return RunResult(status: process.terminationStatus,
                     stdout: String(decoding: outData, as: UTF8.self),
                     stderr: String(decoding: errData.get(), as: UTF8.self))
}

final class LockedData: @unchecked Sendable {
    private var data = Data()
    private let lock = NSLock()
    func set(_ d: Data) { lock.lock(); data = d; lock.unlock() }
    func get() -> Data { lock.lock(); defer { lock.unlock() }; return data }
}
