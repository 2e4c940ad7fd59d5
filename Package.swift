// swift-tools-version: 6.0
import Foundation
import PackageDescription

let package = Package(
    name: "consult",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "consult", targets: ["consult"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
    ],
    targets: [
        // What every edge shares, without Foundation: the two languages, atomic file writes, terminal-safe
        // text, system errors in the user's words.
        .target(name: "ConsultBase"),
        // Locations, diagnostics and their rendering; depends on nothing.
        .target(name: "ConsultDiagnostics"),
        // The typed, total, sandboxed condition language.
        .target(name: "ConsultExpression", dependencies: ["ConsultDiagnostics"]),
        // YAML playbooks and answers files -> a checked Program and Answers.
        .target(name: "ConsultPlaybook", dependencies: [
            "ConsultBase", "ConsultExpression", "ConsultDiagnostics",
            .product(name: "Yams", package: "Yams"),
        ]),
        // Program x Answers -> Diagnosis -> Plan; example runner.
        .target(name: "ConsultEngine", dependencies: ["ConsultPlaybook", "ConsultExpression"]),
        // Charts as inline SVG: numbers and labels in, deterministic bytes out; knows no plan.
        .target(name: "ConsultCharts", dependencies: ["ConsultBase"]),
        // Plan -> terminal text | Markdown | HTML | JSON.
        .target(name: "ConsultRender", dependencies: [
            "ConsultCharts",
            "ConsultEngine", "ConsultPlaybook", "ConsultBase", "ConsultDiagnostics", "ConsultExpression",
            .product(name: "Mustache", package: "swift-mustache"),
        ]),
        // Portfolio runs: CSV / xlsx / JSON Lines / answers files -> plans and a portfolio summary.
        .target(name: "ConsultBatch", dependencies: [
            "ConsultCharts",
            "ConsultRender", "ConsultEngine", "ConsultPlaybook", "ConsultExpression", "ConsultDiagnostics", "ConsultBase",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        // Consultations, visits, answers and plans in SQLite (GRDB); never loses an accepted answer.
        .target(name: "ConsultStore", dependencies: [
            "ConsultEngine", "ConsultPlaybook", "ConsultExpression",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // libedit, reached through static inline wrappers (its setters are variadic).
        .systemLibrary(name: "CLibEdit", path: "Sources/CLibEdit", pkgConfig: "libedit",
                       providers: [.apt(["libedit-dev"])]),
        // The interactive consultation shell: line reader seam over libedit, commands, input loop.
        .target(name: "ConsultShell", dependencies: ["ConsultStore", "ConsultRender", "ConsultEngine", "ConsultPlaybook",
                                                     "ConsultExpression", "ConsultDiagnostics", "ConsultBase", "CLibEdit"]),
        .executableTarget(name: "consult", dependencies: [
            "ConsultShell", "ConsultStore", "ConsultBatch", "ConsultRender", "ConsultEngine", "ConsultPlaybook", "ConsultDiagnostics",
            "ConsultExpression", "ConsultBase",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // The inputs from outside that must never trap: driven by libFuzzer (scripts/fuzz) and replayed by tests.
        .target(name: "ConsultFuzzEntries", dependencies: [
            "ConsultBatch", "ConsultEngine", "ConsultExpression", "ConsultPlaybook", "ConsultRender", "ConsultStore", "ConsultDiagnostics",
        ]),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "ConsultExpressionTests", dependencies: ["ConsultExpression"]),
        .testTarget(name: "ConsultPlaybookTests", dependencies: ["ConsultPlaybook", "TestSupport"]),
        .testTarget(name: "ConsultEngineTests", dependencies: ["ConsultEngine", "ConsultRender", "TestSupport"],
                    exclude: ["Golden"]),
        .testTarget(name: "ConsultCLITests", dependencies: ["consult", "TestSupport"]),
        .testTarget(name: "ConsultShellTests", dependencies: ["consult", "ConsultShell", "ConsultStore", "TestSupport"],
                    exclude: ["Recorded"]),
        .testTarget(name: "ConsultBatchTests", dependencies: ["consult", "ConsultBatch", "ConsultEngine", "ConsultRender", "TestSupport"],
                    exclude: ["Fixtures", "Golden"]),
        .testTarget(name: "ConsultStoreTests", dependencies: ["consult", "ConsultStore", "TestSupport"]),
        .testTarget(name: "ConsultChartsTests", dependencies: ["ConsultCharts", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "ConsultFuzzTests", dependencies: ["ConsultFuzzEntries", "TestSupport"]),
    ]
)

// The libFuzzer executable exists only for scripts/fuzz (CONSULT_FUZZ=1): it has no main of its
// own (libFuzzer's), so an ordinary build must not try to link it.
if ProcessInfo.processInfo.environment["CONSULT_FUZZ"] == "1" {
    package.targets.append(.executableTarget(name: "consult-fuzz", dependencies: ["ConsultFuzzEntries"], path: "Fuzz/ConsultFuzz",
                                             swiftSettings: [.unsafeFlags(["-parse-as-library"])]))
}
