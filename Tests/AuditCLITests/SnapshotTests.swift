import Foundation
import Testing

@testable import AuditCLI

/// Golden files of the SampleData pack: the report, its HTML and one narrative.
///
/// `RECORD_SNAPSHOTS=1 swift test --filter SnapshotTests` rewrites them, and the test fails
/// while recording so a recorded run is never mistaken for a passing one.
@Suite struct SnapshotTests {
  static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  static let snapshots = here.appendingPathComponent("Snapshots")
  static let sample = here.deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("SampleData/contoso")

  static func samplePack() throws -> [String: [UInt8]] {
    let request = RunRequest(
      inputs: [sample.appendingPathComponent("exports").path],
      register: sample.appendingPathComponent("register.csv").path, baseline: nil,
      policy: sample.appendingPathComponent("policy.json").path, asOf: 1_795_996_800, periodStart: nil,
      periodEnd: nil, organisation: "Contoso Ltd", kind: nil)
    switch RunPipeline.build(request) {
    case .success(let output): return output.files
    case .failure(let failure): throw SnapshotFailure(message: failure.message)
    }
  }

  struct SnapshotFailure: Error { var message: String }

  @Test(arguments: [
    ("report.md", "contoso-report.md"), ("index.html", "contoso-index.html"),
    ("narratives/soc2.md", "contoso-narrative-soc2.md"),
  ])
  func samplePackMatchesGoldenFile(packPath: String, snapshot: String) throws {
    let files = try Self.samplePack()
    let actual = try #require(files[packPath])
    let url = Self.snapshots.appendingPathComponent(snapshot)
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
      try Data(actual).write(to: url)
      Issue.record("recorded \(snapshot); run again without RECORD_SNAPSHOTS to compare")
      return
    }
    let expected = try Data(contentsOf: url)
    if Array(expected) != actual {
      let expectedLines = String(decoding: expected, as: UTF8.self).split(
        separator: "\n", omittingEmptySubsequences: false)
      let actualLines = String(decoding: actual, as: UTF8.self).split(
        separator: "\n", omittingEmptySubsequences: false)
      var detail = " in length (\(expectedLines.count) vs \(actualLines.count) lines)"
      for (index, pair) in zip(expectedLines, actualLines).enumerated() where pair.0 != pair.1 {
        detail = " at line \(index + 1):\n- \(pair.0)\n+ \(pair.1)"
        break
      }
      Issue.record(
        "\(packPath) differs from Snapshots/\(snapshot)\(detail)\nif the change is intended, re-record with RECORD_SNAPSHOTS=1"
      )
    }
  }
}
