import Foundation

/// The arguments a re-run gets: paths inside the staging folder.
struct StagedInputs: Sendable {
  var exports: [String] = []
  var register: String?
  var policy: String?
  var baseline: String?
  var templates: String?
}

/// Lays the found inputs out in a temporary folder under the paths the manifest records, so a
/// re-run sees the same display paths as the original run and writes byte-identical outputs.
///
/// Exports go under `exports/` (a second `exports-2/` only when two inputs share a path, as when
/// the original run had two arguments each holding `mailboxes.csv`), passed as folder arguments;
/// a root-level hidden file, which a folder read would skip, is passed
/// as its own file argument. The register and policy go under `register/` and `policy/`.
///
/// Limitation: when two inputs share a display path, the ingest keeps them in argument order,
/// which the manifest does not record; they are staged in the manifest's (SHA-256) order, so such
/// a run can fail to reproduce in the order of its input table.
enum InputStaging {
  /// Stages `located`, runs `body` with the argument paths, and removes the folder afterwards.
  static func withStaged<T>(
    _ located: [InputLocator.Located], _ body: (StagedInputs) -> T
  ) throws(VerifyFailure) -> T {
    let manager = FileManager.default
    let root = manager.temporaryDirectory.appendingPathComponent(
      "delegation-audit-verify-\(UUID().uuidString)")
    defer { try? manager.removeItem(at: root) }
    do {
      try manager.createDirectory(at: root, withIntermediateDirectories: true)
      let staged = try stage(located, in: root)
      return body(staged)
    } catch {
      throw VerifyFailure(
        "cannot stage the inputs in \(root.path): \(error.localizedDescription)",
        hint: "check that the temporary folder (TMPDIR) is writable")
    }
  }

  static func stage(_ located: [InputLocator.Located], in root: URL) throws -> StagedInputs {
    var staged = StagedInputs()
    var folders: [Set<String>] = []
    var loneFiles = 0
    for item in located where item.input.role == "exports" {
      let path = item.input.path
      if !path.contains("/") && isSkippedInFolders(path) {
        loneFiles += 1
        let url = root.appendingPathComponent("file-\(loneFiles)").appendingPathComponent(path)
        try place(item.url, at: url)
        staged.exports.append(url.path)
        continue
      }
      let index = folders.firstIndex { !conflicts(path, with: $0) } ?? folders.count
      if index == folders.count { folders.append([]) }
      folders[index].insert(path)
      try place(item.url, at: exportsFolder(root, index).appendingPathComponent(path))
    }
    staged.exports = folders.indices.map { exportsFolder(root, $0).path } + staged.exports

    let registers = located.filter { $0.input.role == "register" }
    let registerFolder = root.appendingPathComponent("register")
    for item in registers { try place(item.url, at: registerFolder.appendingPathComponent(item.input.path)) }
    if registers.count == 1, !registers[0].input.path.contains("/") {
      staged.register = registerFolder.appendingPathComponent(registers[0].input.path).path
    } else if !registers.isEmpty {
      staged.register = registerFolder.path
    }

    if let policy = located.first(where: { $0.input.role == "policy" }) {
      let url = root.appendingPathComponent("policy").appendingPathComponent(policy.input.path)
      try place(policy.url, at: url)
      staged.policy = url.path
    }
    // A baseline (a previous pack's manifest and grants, or raw exports) and a templates folder
    // are staged as folders under their recorded relative paths.
    for (role, folder) in [("baseline", "baseline"), ("templates", "templates")] {
      let items = located.filter { $0.input.role == role }
      guard !items.isEmpty else { continue }
      let url = root.appendingPathComponent(folder)
      for item in items { try place(item.url, at: url.appendingPathComponent(item.input.path)) }
      if role == "baseline" { staged.baseline = url.path } else { staged.templates = url.path }
    }
    return staged
  }

  static func exportsFolder(_ root: URL, _ index: Int) -> URL {
    root.appendingPathComponent(index == 0 ? "exports" : "exports-\(index + 1)")
  }

  /// True when `path` cannot sit in a folder that already holds `taken` (same path, or one is
  /// the other's folder).
  static func conflicts(_ path: String, with taken: Set<String>) -> Bool {
    taken.contains(path) || taken.contains { $0.hasPrefix(path + "/") || path.hasPrefix($0 + "/") }
  }

  /// Names a recursive folder read skips (see `InputCollector`): hidden files.
  static func isSkippedInFolders(_ name: String) -> Bool {
    name.hasPrefix(".")
  }

  /// A hard link where the file system allows one, else a copy: never a symbolic link, which a
  /// folder read would skip.
  static func place(_ source: URL, at destination: URL) throws {
    let manager = FileManager.default
    try manager.createDirectory(
      at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
    do {
      try manager.linkItem(at: source, to: destination)
    } catch {
      try manager.copyItem(at: source, to: destination)
    }
  }
}
