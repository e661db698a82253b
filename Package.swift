// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "delegation-audit",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "delegation-audit", targets: ["delegation-audit"]),
    // For the libFuzzer harnesses in Fuzz/, a separate package that depends on this one by path.
    .library(name: "AuditIngest", targets: ["AuditIngest"]),
    .library(name: "AuditReport", targets: ["AuditReport"]),
    .library(name: "AuditCLI", targets: ["AuditCLI"]),
  ],
  targets: [
    // C libraries from Debian, one system-library target each.
    .systemLibrary(
      name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
    .systemLibrary(name: "CCmark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),
    .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
    .systemLibrary(
      name: "CArchive", pkgConfig: "libarchive", providers: [.apt(["libarchive-dev"])]),
    // The only code that includes libxml2 headers (see ARCHITECTURE.md, the ICU clash).
    .target(name: "CXMLBridge", dependencies: ["CLibXML2"]),
    // glibc's malloc_trim, for letting go of a large tenant's exclusion ledger.
    .target(name: "CMemory"),

    .target(name: "Digest", dependencies: ["CCrypto"]),
    .target(name: "AuditModel"),
    .target(name: "AuditIngest", dependencies: ["AuditModel", "Digest", "CXMLBridge", "CArchive"]),
    .target(name: "AuditRules", dependencies: ["AuditModel"]),
    .target(
      name: "AuditReport",
      dependencies: ["AuditModel", "Digest", "CCmark", "CArchive", "CMemory"],
      resources: [.embedInCode("Templates")]
    ),
    .target(name: "AuditCLI", dependencies: ["AuditModel", "Digest", "AuditIngest", "AuditRules", "AuditReport"]),
    .executableTarget(name: "delegation-audit", dependencies: ["AuditCLI"]),

    .testTarget(name: "AuditModelTests", dependencies: ["AuditModel"]),
    .testTarget(name: "AuditIngestTests", dependencies: ["AuditIngest"], resources: [.copy("Fixtures")]),
    .testTarget(name: "AuditRulesTests", dependencies: ["AuditRules", "AuditIngest"]),
    .testTarget(
      name: "AuditReportTests", dependencies: ["AuditReport"], exclude: ["oscal-validate.sh"], resources: [.copy("Snapshots")]),
    .testTarget(name: "AuditCLITests", dependencies: ["AuditCLI"], exclude: ["html-validate.sh", "Snapshots"]),
  ],
  swiftLanguageModes: [.v6]
)
