import AuditModel
import Foundation

/// Recognises a folder that `sample` wrote, so that `sample --force` replaces only such a folder.
///
/// A sample tenant is a folder whose `answer-key.json` records the options it was generated with
/// (seed, mailboxes, format, as-of) and whose every file is one that `sample` writes for those
/// options. Files of the tenant may have been edited or deleted (`--force` discards the edits);
/// a file or link that `sample` would not have written means the folder holds something of the
/// user's, and it is never replaced.
enum SampleTenantFolder {
  static let answerKeyName = "answer-key.json"

  /// The options recorded in the folder's `answer-key.json`, or nil when there is none that
  /// `sample` could have written.
  static func recordedOptions(in folder: URL) -> SampleOptions? {
    let url = folder.appendingPathComponent(answerKeyName)
    guard entryType(url) == .typeRegular, let data = try? Data(contentsOf: url),
      let key = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      key["schemaVersion"] as? Int == 1, key["findings"] is [Any],
      let mailboxes = key["mailboxes"] as? Int,
      (SampleOptions.minimumMailboxes...SampleOptions.maximumMailboxes).contains(mailboxes),
      let seed = key["seed"] as? Int64,
      let format = (key["format"] as? String).flatMap(SampleFormat.init(rawValue:)),
      let asOfText = key["asOf"] as? String, let asOf = DateParser.iso8601(Substring(asOfText))
    else { return nil }
    return SampleOptions(mailboxes: mailboxes, seed: UInt64(bitPattern: seed), format: format, asOf: asOf)
  }

  /// Entries of `folder` (relative paths, sorted) that are not among `expected` regular files;
  /// symbolic links are entries, never followed.
  static func foreignEntries(in folder: URL, expected: Set<String>) -> [String] {
    var foreign: [String] = []
    walk(folder, prefix: "", expected: expected, into: &foreign)
    return foreign.sorted()
  }

  static func walk(_ folder: URL, prefix: String, expected: Set<String>, into foreign: inout [String]) {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    for name in names {
      let url = folder.appendingPathComponent(name)
      let relative = prefix + name
      switch entryType(url) {
      case .typeDirectory?:
        if expected.contains(where: { $0.hasPrefix(relative + "/") }) {
          walk(url, prefix: relative + "/", expected: expected, into: &foreign)
        } else {
          foreign.append(relative + "/")
        }
      case .typeRegular? where expected.contains(relative):
        continue
      default:
        foreign.append(relative)
      }
    }
  }

  /// The kind of entry at `url`, a symbolic link not followed; nil when absent.
  static func entryType(_ url: URL) -> FileAttributeType? {
    (try? FileManager.default.attributesOfItem(atPath: url.path))?[.type] as? FileAttributeType
  }
}
