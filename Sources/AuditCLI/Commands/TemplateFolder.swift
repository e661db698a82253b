import AuditModel
import AuditReport
import Foundation

/// Reads a `--templates` folder: each file overrides the bundled template of the same relative path.
enum TemplateFolder {
  static func load(_ path: String) -> Result<[String: [UInt8]], RunFailure> {
    let root = URL(fileURLWithPath: path)
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue
    else {
      return .failure(RunFailure(code: .usage, message: "error: --templates \(path) is not a folder"))
    }
    let rootPath = root.standardizedFileURL.path
    var files: [String: [UInt8]] = [:]
    let enumerator = FileManager.default.enumerator(
      at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
    while let url = enumerator?.nextObject() as? URL {
      guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
      var relative = String(url.standardizedFileURL.path.dropFirst(rootPath.count))
      while relative.hasPrefix("/") { relative.removeFirst() }
      guard BundledTemplates.files[relative] != nil else {
        let suggestion = NearMiss.suggest(relative, among: Array(BundledTemplates.files.keys))
        return .failure(
          RunFailure(
            code: .usage,
            message: "error: --templates: '\(relative)' does not override any bundled template\n  hint: "
              + (suggestion.map { "did you mean '\($0)'?" }
                ?? "templates: \(BundledTemplates.files.keys.sorted().joined(separator: ", "))")))
      }
      guard let data = try? Data(contentsOf: url) else {
        return .failure(RunFailure(code: .inputUnusable, message: "error: cannot read \(url.path)"))
      }
      files[relative] = Array(data)
    }
    return .success(files)
  }
}
