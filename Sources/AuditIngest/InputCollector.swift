import AuditModel
import Foundation

/// One file to read, named relative to the argument it was found under.
public struct InputFile: Sendable, Hashable, Comparable {
  /// Path shown in diagnostics and the manifest: relative to the argument (the file name when
  /// the argument is the file itself); never absolute.
  public var displayPath: String
  public var url: URL

  public static func < (lhs: InputFile, rhs: InputFile) -> Bool { lhs.displayPath < rhs.displayPath }
}

/// Expands INPUT arguments (files, folders read recursively) into files, sorted.
public enum InputCollector {
  public static func collect(_ arguments: [String]) throws(IngestError) -> [InputFile] {
    var files: [InputFile] = []
    let manager = FileManager.default
    for argument in arguments {
      var isDirectory: ObjCBool = false
      guard manager.fileExists(atPath: argument, isDirectory: &isDirectory) else {
        throw IngestError(message: "no such file or folder: \(argument)", hint: "check the path")
      }
      let root = URL(fileURLWithPath: argument)
      if !isDirectory.boolValue {
        files.append(InputFile(displayPath: root.lastPathComponent, url: root))
        continue
      }
      let rootPath = root.standardizedFileURL.path
      guard let enumerator = manager.enumerator(
        at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
      else { continue }
      var found: [InputFile] = []
      for case let url as URL in enumerator {
        guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
        let path = url.standardizedFileURL.path
        var relative = path.hasPrefix(rootPath) ? String(path.dropFirst(rootPath.count)) : url.lastPathComponent
        while relative.hasPrefix("/") { relative.removeFirst() }
        if isIgnored(relative) { continue }
        found.append(InputFile(displayPath: relative, url: url))
      }
      files += found.sorted()
    }
    return files
  }

  /// Files that are never exports: documentation next to the data.
  static func isIgnored(_ relativePath: String) -> Bool {
    let name = relativePath.split(separator: "/").last.map(String.init)?.lowercased() ?? ""
    return name.hasSuffix(".md") || name.hasSuffix(".txt") || name == "license"
  }
}

/// An input problem that stops the run before anything is written (exit code 2).
public struct IngestError: Error, Sendable, CustomStringConvertible {
  public var location: SourceLocation?
  public var message: String
  public var hint: String?

  public init(location: SourceLocation? = nil, message: String, hint: String? = nil) {
    self.location = location
    self.message = message
    self.hint = hint
  }

  public var description: String {
    Diagnostic(.error, at: location, message, hint: hint).description
  }
}
