import AuditIngest
import Foundation

/// Finds each input the manifest records among candidate files by SHA-256, so names and
/// locations may differ from the original run.
struct InputLocator: Sendable {
  /// A recorded input and the candidate file with its content.
  struct Located: Sendable {
    var input: PackManifest.Input
    var url: URL
  }

  var found: [Located] = []
  var missing: [PackManifest.Input] = []
  /// Files found under the `--inputs` arguments.
  var candidateCount = 0

  /// Collects the candidates under `arguments` (files, or folders read recursively, as `run` reads
  /// them) and matches them. Only candidates whose size equals a recorded input's size are hashed:
  /// a different size cannot give the same SHA-256.
  static func locate(_ inputs: [PackManifest.Input], among arguments: [String]) throws(VerifyFailure)
    -> InputLocator
  {
    let candidates: [InputFile]
    do {
      candidates = try InputCollector.collect(arguments)
    } catch {
      throw VerifyFailure("--inputs: \(error.message)", hint: error.hint)
    }
    let sizes = Set(inputs.map(\.size))
    var byHash: [String: URL] = [:]
    for candidate in candidates {
      let url = candidate.url.resolvingSymlinksInPath()
      guard let size = Self.size(of: url), sizes.contains(size), let digest = try? FileDigest.sha256(of: url)
      else { continue }
      if byHash[digest.sha256] == nil { byHash[digest.sha256] = url }
    }
    var result = InputLocator(candidateCount: candidates.count)
    for input in inputs.sorted(by: { ($0.role, $0.path) < ($1.role, $1.path) }) {
      if let url = byHash[input.sha256] {
        result.found.append(Located(input: input, url: url))
      } else {
        result.missing.append(input)
      }
    }
    return result
  }

  static func size(of url: URL) -> Int? {
    ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber)?.intValue
  }
}
