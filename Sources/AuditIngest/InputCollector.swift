import AuditModel
import Foundation

/// One file to read, named relative to the argument it was found under.
///
/// A plain file is read from its URL; a member of a `.zip` input carries its bytes, read when the
/// archive was expanded (the archive is never extracted to disk).
public struct InputFile: Sendable, Hashable, Comparable {
  /// Where a file's bytes come from.
  public enum Source: Sendable, Hashable {
    /// A file on disk.
    case file(URL)
    /// A member of a zip archive, by its normalised path inside the archive.
    case archiveMember(archive: URL, path: String)
  }

  /// Path shown in diagnostics and the manifest: relative to the argument (the file name when
  /// the argument is the file itself; `<archive>/<member path>` for a zip member); never absolute.
  public var displayPath: String
  public var source: Source
  /// The bytes of an archive member, read when the archive was expanded; nil for a file on disk,
  /// and dropped by `FileIngestor` once read, so results do not keep every member in memory.
  public var contents: [UInt8]?

  public init(displayPath: String, source: Source, contents: [UInt8]? = nil) {
    self.displayPath = displayPath
    self.source = source
    self.contents = contents
  }

  /// A file on disk.
  public init(displayPath: String, url: URL) {
    self.init(displayPath: displayPath, source: .file(url))
  }

  /// The file's URL; for an archive member, the archive's URL (read `contents` for its bytes).
  public var url: URL {
    switch source {
    case .file(let url): url
    case .archiveMember(let archive, _): archive
    }
  }

  /// Hashes the name and source only: the contents can be large, and equal values share both.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(displayPath)
    hasher.combine(source)
  }

  public static func < (lhs: InputFile, rhs: InputFile) -> Bool { lhs.displayPath < rhs.displayPath }
}

/// Expands INPUT arguments (files, folders read recursively, `.zip` archives) into files, sorted
/// within each argument.
public enum InputCollector {
  /// The files to read; a `.zip` argument, or a `.zip` inside a folder, becomes its members.
  public static func collect(
    _ arguments: [String], zipLimits: ZipLimits = .standard
  ) throws(IngestError) -> [InputFile] {
    var files: [InputFile] = []
    let manager = FileManager.default
    for argument in arguments {
      var isDirectory: ObjCBool = false
      guard manager.fileExists(atPath: argument, isDirectory: &isDirectory) else {
        throw IngestError(message: "no such file or folder: \(argument)", hint: "check the path")
      }
      let root = URL(fileURLWithPath: argument)
      if !isDirectory.boolValue {
        if ZipInputExpander.isZip(root.lastPathComponent) {
          files += try ZipInputExpander.expand(root, displayPath: root.lastPathComponent, limits: zipLimits)
        } else {
          files.append(InputFile(displayPath: root.lastPathComponent, url: root))
        }
        continue
      }
      let rootPath = root.standardizedFileURL.path
      guard
        let enumerator = manager.enumerator(
          at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
      else { continue }
      var found: [InputFile] = []
      for case let url as URL in enumerator {
        guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
        let path = url.standardizedFileURL.path
        var relative =
          path.hasPrefix(rootPath) ? String(path.dropFirst(rootPath.count)) : url.lastPathComponent
        while relative.hasPrefix("/") { relative.removeFirst() }
        if ZipInputExpander.isZip(relative) {
          found += try ZipInputExpander.expand(url, displayPath: relative, limits: zipLimits)
        } else {
          found.append(InputFile(displayPath: relative, url: url))
        }
      }
      files += found.sorted()
    }
    return files
  }

  /// Names that usually hold documentation next to the data (`*.md`, `*.txt`, `LICENSE`); such a
  /// file is still read, and left out with a note only when no export is detected in it.
  static func isDocumentationName(_ relativePath: String) -> Bool {
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
