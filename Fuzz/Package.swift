// swift-tools-version:6.0
// libFuzzer harnesses for delegation-audit's parsers. A separate package so that the main build
// never sees fuzzer flags; it depends on the main package by path. Build and run with `make fuzz`
// from the repository root (see Fuzz/README.md).
import PackageDescription

/// One executable per fuzz target: the target name and the main package's products it uses.
let harnesses: [(name: String, products: [String])] = [
  ("fuzz-csv", ["AuditIngest"]),
  ("fuzz-json", ["AuditIngest"]),
  ("fuzz-clixml", ["AuditIngest"]),
  ("fuzz-mustache", ["AuditReport"]),
  ("fuzz-register", ["AuditIngest"]),
  ("fuzz-arguments", ["AuditCLI"]),
]

let package = Package(
  name: "delegation-audit-fuzz",
  dependencies: [.package(name: "delegation-audit", path: "..")],
  targets: [
    // Declares libFuzzer's LLVMFuzzerRunDriver (the runtime is linked by the Makefile's flags).
    .target(name: "CFuzzerDriver"),
    .target(
      name: "FuzzSupport",
      dependencies: ["CFuzzerDriver", .product(name: "AuditIngest", package: "delegation-audit")]),
  ]
    + harnesses.map { harness in
      .executableTarget(
        name: harness.name,
        dependencies: ["FuzzSupport"]
          + harness.products.map { .product(name: $0, package: "delegation-audit") })
    },
  swiftLanguageModes: [.v6]
)
