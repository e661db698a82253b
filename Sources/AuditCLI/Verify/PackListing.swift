import Foundation

/// Every entry of a pack folder that is not a folder, as relative paths, hidden files included.
///
/// Symbolic links are listed as entries and never followed, so a link cannot pull files from
/// outside the pack into the check.
enum PackListing {
  /// A non-folder entry of the pack.
  struct Entry: Sendable, Hashable {
    var path: String
    var isRegularFile: Bool
  }

  static func entries(of root: URL) -> [Entry] {
    var found: [Entry] = []
    walk(root, prefix: "", into: &found)
    return found.sorted { $0.path < $1.path }
  }

  static func walk(_ folder: URL, prefix: String, into found: inout [Entry]) {
    let manager = FileManager.default
    guard let names = try? manager.contentsOfDirectory(atPath: folder.path) else { return }
    for name in names {
      let url = folder.appendingPathComponent(name)
      let relative = prefix + name
      let type = (try? manager.attributesOfItem(atPath: url.path))?[.type] as? FileAttributeType
      switch type {
      case .typeDirectory?: walk(url, prefix: relative + "/", into: &found)
      case .typeRegular?: found.append(Entry(path: relative, isRegularFile: true))
      default: found.append(Entry(path: relative, isRegularFile: false))
      }
    }
  }

  /// The kind of entry at `url` without following a symbolic link: nil when absent.
  static func entryType(_ url: URL) -> FileAttributeType? {
    (try? FileManager.default.attributesOfItem(atPath: url.path))?[.type] as? FileAttributeType
  }
}
