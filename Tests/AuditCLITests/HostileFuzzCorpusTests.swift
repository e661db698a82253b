import AuditReport
import Foundation
import Testing

@testable import AuditCLI

// Replays the committed Mustache and command-line fuzz corpus (Fuzz/Corpus/) through what
// fuzz-mustache and fuzz-arguments call, so that a fixed crash stays fixed. See Fuzz/README.md.

enum CLIFuzzCorpus {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fuzz/Corpus")

  static func files(_ target: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(target).path)) ?? [])
      .sorted()
  }

  static func bytes(_ target: String, _ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: root.appendingPathComponent(target).appendingPathComponent(name)))
  }
}

@Suite("Hostile fuzz corpus: templates and command lines")
struct HostileCLIFuzzCorpusTests {
  @Test("Mustache corpus", arguments: CLIFuzzCorpus.files("mustache"))
  func mustache(name: String) throws {
    let text = String(decoding: try CLIFuzzCorpus.bytes("mustache", name), as: UTF8.self)
    let context: MustacheValue = [
      "name": "<b>", "list": [["name": "a"]], "yes": true, "nested": ["name": "i"],
    ]
    if let template = try? MustacheTemplate(text, name: "fuzz") {
      let output = try? template.render(context, partials: ["p": text, "q": "{{name}}"])
      #expect((output?.utf8.count ?? 0) <= 64 << 20)
    }
  }

  /// Command lines that cannot touch files: parse them for every command, validate `run`'s
  /// options, and run print-only ones through `CommandLineTool.main`.
  @Test("Command-line corpus", arguments: CLIFuzzCorpus.files("arguments"))
  func arguments(name: String) throws {
    let arguments = try CLIFuzzCorpus.bytes("arguments", name).split(
      separator: 0, omittingEmptySubsequences: false
    )
    .prefix(64).map { String(decoding: $0, as: UTF8.self) }
    for spec in CommandTable.all {
      do {
        let parsed = try ArgumentParser.parse(Array(arguments.dropFirst()), for: spec)
        if spec.name == "run", parsed.value("out") != nil {
          _ = RunCommand(arguments: parsed, console: Console.Capture().console()).parse()
        }
      } catch {
        #expect(error.description.hasPrefix("error: "))
      }
    }
    if let first = arguments.first, ["help", "frameworks", "--help", "-h", "--version"].contains(first) {
      let capture = Console.Capture()
      let code = CommandLineTool.main(arguments, console: capture.console())
      #expect([0, 64].contains(code))
    }
  }
}
