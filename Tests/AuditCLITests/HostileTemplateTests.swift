import Foundation
import Testing

@testable import AuditCLI

/// A hostile `--templates` folder: a narrative template whose sections or partials repeat one
/// another stops the run with exit 2 (input unusable), the template's error and a hint, and
/// writes nothing: no pack, no temporary folder.
@Suite("Hostile templates: exponential narratives stop the run")
struct HostileTemplateTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var testDescription: String
    /// Template files by name under the --templates folder.
    var files: [String: String]
    /// The start of the error line.
    var error: String
  }

  static let cases: [Case] = [
    Case(
      testDescription: "sections over the requirements nested 30 deep",
      files: [
        "narrative.md.mustache": String(repeating: "{{#requirements}}", count: 30) + "{{id}} and more text\n"
          + String(repeating: "{{/requirements}}", count: 30)
      ],
      error: "narrative.md.mustache:1:1: error: rendering stopped after"),
    Case(
      testDescription: "a partial that includes itself twice",
      files: [
        "narrative.md.mustache": "{{>narrative-part}}\n",
        "narrative-part.md.mustache": "x {{>narrative-part}}{{>narrative-part}}",
      ],
      error: "narrative-part:1:3: error: partials nest more than 100 deep, is 'narrative-part' recursive"),
  ]

  @Test(.timeLimit(.minutes(1)), arguments: cases)
  func exponentialTemplateStopsTheRun(_ template: Case) throws {
    let scratch = try MistakeScratch()
    defer { scratch.remove() }
    for (name, text) in template.files { try scratch.write(text, "templates/\(name)") }
    let outcome = scratch.run([
      "run", MistakeScratch.sampleExports, "--templates", scratch.path("templates"), "--out",
      scratch.path("pack"), "--as-of", "2026-11-30", "--quiet",
    ])
    #expect(outcome.code == 2)
    #expect(outcome.stderr.hasPrefix(template.error), "\(outcome.stderr)")
    #expect(outcome.stderr.hasSuffix("\n  hint: fix the template in the --templates folder\n"))
    #expect(outcome.stdout.isEmpty)
    #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.root.path) == ["templates"])
  }
}
