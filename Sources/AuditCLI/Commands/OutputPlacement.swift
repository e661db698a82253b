import Foundation

/// Where `run --out` may not point, whatever `--force` says: at or above an input, register,
/// policy or templates folder (replacing the pack would delete them), inside an input folder (the
/// next run would read the pack as exports), or, with `--force` (which replaces a pack whose files
/// were edited), at the current folder, one of its parents or the home folder. A folder that is
/// not a pack is refused later, by `PackWriter.checkDestination`, with or without `--force`.
enum OutputPlacement {
  /// The usage error for `out`, or nil when the pack may be written there.
  static func problem(out: String, inputs: [String], force: Bool, home: String?) -> UsageError? {
    let target = components(out)
    for input in inputs {
      let source = components(input)
      if source.starts(with: target) {
        return UsageError(
          message: "--out \(out) holds the input \(input); refusing to write the pack there",
          hint: "choose an --out folder outside the exports, e.g. a sibling folder")
      }
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory), isDirectory.boolValue,
        target.starts(with: source)
      {
        return UsageError(
          message:
            "--out \(out) is inside the input folder \(input); the next run would read the pack as exports",
          hint: "choose an --out folder outside \(input)")
      }
    }
    guard force else { return nil }
    let current = components(FileManager.default.currentDirectoryPath)
    if current.starts(with: target) || target.count <= 1 || home.map(components) == target {
      return UsageError(
        message: "--force would replace \(out), which holds the current folder or is the home or root folder",
        hint: "give --out a folder of its own, e.g. pack/")
    }
    return nil
  }

  /// The absolute path's components with `.`, `..` and symbolic links of existing parts resolved.
  static func components(_ path: String) -> [String] {
    var url = URL(fileURLWithPath: path).standardizedFileURL
    var missing: [String] = []
    while !FileManager.default.fileExists(atPath: url.path) && url.pathComponents.count > 1 {
      missing.insert(url.lastPathComponent, at: 0)
      url = url.deletingLastPathComponent()
    }
    return url.resolvingSymlinksInPath().standardizedFileURL.pathComponents + missing
  }
}
