import Foundation
import Testing

/// The air-gapped release: runs Scripts/dist-test.sh on dist/delegation-audit-*.tar.gz.
/// `make test` never builds a release; this runs only when a tarball exists (`make dist`) or
/// DIST_TEST is set (then a missing tarball fails).
@Suite struct DistTarballTests {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  static var tarballs: [URL] {
    let dist = packageRoot.appendingPathComponent("dist")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: dist.path)) ?? []
    return names.filter { $0.hasPrefix("delegation-audit-") && $0.hasSuffix(".tar.gz") }.sorted()
      .map { dist.appendingPathComponent($0) }
  }

  static var wanted: Bool { ProcessInfo.processInfo.environment["DIST_TEST"] != nil || !tarballs.isEmpty }

  @Test(.enabled(if: wanted, "no dist tarball; run 'make dist' (or set DIST_TEST=1)"))
  func tarballRunsWithAnEmptyEnvironment() throws {
    let tarball = try #require(
      Self.tarballs.last, "DIST_TEST is set but dist/ holds no tarball; run 'make dist'")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = [Self.packageRoot.appendingPathComponent("Scripts/dist-test.sh").path, tarball.path]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(output)")
    #expect(output.contains("dist-test: every check passed"))
  }
}
