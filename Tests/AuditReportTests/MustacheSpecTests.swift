import Foundation
import Testing

@testable import AuditReport

/// Runs the official Mustache specification (mustache/spec `specs/*.json`) against `MustacheTemplate`.
///
/// The spec files live in the shared folder beside the checkout (`../shared/mustache-spec`); when it
/// is absent, as on a plain clone, the test is skipped.
@Suite("Mustache specification")
struct MustacheSpecTests {
  /// One test of one spec file.
  struct SpecCase: Sendable, CustomTestStringConvertible {
    let file: String
    let name: String
    let template: String
    let data: MustacheValue
    let partials: [String: String]
    let expected: String

    var testDescription: String { "\(file): \(name)" }
  }

  /// The spec folder, found by walking up from this file to a folder holding `shared/mustache-spec`.
  static let specFolder: URL? = {
    var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while folder.path != "/" {
      let candidate = folder.appendingPathComponent("shared/mustache-spec")
      if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
      folder.deleteLastPathComponent()
    }
    return nil
  }()

  static let specFolderExists = specFolder != nil

  static let specMissing: Comment =
    "mustache spec not found: no shared/mustache-spec folder above \(#filePath)"

  /// Spec files this engine does not implement: lambdas need code in the data, which JSON lacks.
  static let unsupportedFilePrefixes = ["~lambdas"]

  /// Every test of every supported spec file, in file order.
  static let cases: [SpecCase] = {
    guard let folder = specFolder else { return [] }
    let files =
      ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
      .filter { $0.hasSuffix(".json") }
      .filter { file in !unsupportedFilePrefixes.contains { file.hasPrefix($0) } }
      .sorted()
    var cases: [SpecCase] = []
    for file in files {
      let url = folder.appendingPathComponent(file)
      guard let data = try? Data(contentsOf: url),
        let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
        let tests = root["tests"] as? [[String: Any]]
      else { continue }
      let fileName = String(file.dropLast(".json".count))
      var seenNames: [String: Int] = [:]
      for test in tests {
        var name = test["name"] as? String ?? "unnamed"
        // A few spec files repeat a test name; number the repeats so each case is distinct.
        seenNames[name, default: 0] += 1
        if let count = seenNames[name], count > 1 { name += " #\(count)" }
        cases.append(
          SpecCase(
            file: fileName, name: name,
            template: test["template"] as? String ?? "",
            data: mustacheValue(fromJSON: test["data"] ?? NSNull()),
            partials: test["partials"] as? [String: String] ?? [:],
            expected: test["expected"] as? String ?? ""))
      }
    }
    return cases
  }()

  /// Converts a JSONSerialization value to a MustacheValue; JSON numbers become `.number`.
  static func mustacheValue(fromJSON json: Any) -> MustacheValue {
    switch json {
    case let text as String:
      return .string(text)
    case let number as NSNumber:
      // JSON booleans come back as NSNumber too; their Objective-C type is "c" (char).
      if String(cString: number.objCType) == "c" { return .bool(number.boolValue) }
      return .number(number.doubleValue)
    case let list as [Any]:
      return .list(list.map(mustacheValue(fromJSON:)))
    case let object as [String: Any]:
      return .object(object.mapValues(mustacheValue(fromJSON:)))
    default:
      return .null
    }
  }

  @Test(
    "spec case",
    .enabled(if: specFolderExists, specMissing),
    arguments: cases)
  func specCase(_ spec: SpecCase) throws {
    let template = try MustacheTemplate(spec.template, name: spec.name)
    let rendered = try template.render(spec.data, partials: spec.partials)
    #expect(rendered == spec.expected, "\(spec.file): \(spec.name)")
  }

  @Test(
    "every core spec file is present and parsed",
    .enabled(if: specFolderExists, specMissing))
  func coreFilesPresent() {
    let files = Set(Self.cases.map(\.file))
    for core in ["comments", "delimiters", "interpolation", "inverted", "partials", "sections"] {
      #expect(files.contains(core), "missing spec file \(core).json")
    }
  }
}
