// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "auditlint",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "auditlint", targets: ["auditlint"]),
        .library(name: "AuditLintKit", targets: ["AuditLintKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.0")
    ],
    targets: [
        // The library: parsers, decoder, estimator, capacity model, lint engine, reporters.
        // It never prints and never exits.
        .target(name: "AuditLintKit"),
        // The rule catalog, one file a rule (compliance rules live with their requirements).
        .target(
            name: "AuditLintRules",
            dependencies: ["AuditLintKit"],
            path: "Rules",
            exclude: ["README.md"]
        ),
        // The thin command-line front end.
        .executableTarget(
            name: "auditlint",
            dependencies: [
                "AuditLintKit",
                "AuditLintRules",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmarks are a separate executable, never a timed unit test.
        .executableTarget(
            name: "auditlint-bench",
            dependencies: ["AuditLintKit", "AuditLintRules"],
            path: "Benchmarks/auditlint-bench"
        ),
        // Test helpers shared by the test targets (locating ../shared, encoder-made trails,
        // the stock settings).
        .target(name: "AuditLintTestSupport", dependencies: ["AuditLintKit"], path: "Tests/Support"),
        .testTarget(
            name: "AuditLintKitTests",
            dependencies: ["AuditLintKit", "AuditLintTestSupport"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "AuditLintRulesTests",
            dependencies: ["AuditLintKit", "AuditLintRules", "AuditLintTestSupport"],
            exclude: ["Fixtures"]
        ),
        // The command-line tests run the built binary, and parse command lines in process
        // (the option sweep) through the executable target's command definitions.
        .testTarget(
            name: "AuditLintCLITests",
            dependencies: ["auditlint", "AuditLintKit", "AuditLintTestSupport"],
            exclude: ["Fixtures"]
        ),
    ]
)
