import AuditModel
import Foundation

/// Expands a `.zip` input into the files it holds, read into memory; refuses hostile archives.
///
/// Nothing is ever written to disk, so a hostile path cannot escape anywhere; it is refused all
/// the same, because an archive carrying one was not made by exporting. Nested archives are not
/// expanded: a `.zip` member is read like any other file (and is then not a recognised export).
enum ZipInputExpander {
  /// Whether a path names a zip archive to expand (by its `.zip` extension, any case).
  static func isZip(_ path: String) -> Bool {
    path.lowercased().hasSuffix(".zip")
  }

  /// The archive's member files, each named `<displayPath>/<member path>`, sorted.
  static func expand(_ url: URL, displayPath: String, limits: ZipLimits) throws(IngestError) -> [InputFile] {
    var files: [InputFile] = []
    var seen: Set<String> = []
    try walk(url, displayPath: displayPath, limits: limits, wanted: { _ in true }) {
      (path, bytes) throws(IngestError) in
      guard seen.insert(path).inserted else {
        throw IngestError(
          location: SourceLocation(file: displayPath),
          message: "the zip archive holds two members named \(path)",
          hint: "create the archive again from the exported files")
      }
      files.append(
        InputFile(
          displayPath: "\(displayPath)/\(path)", source: .archiveMember(archive: url, path: path),
          contents: bytes))
    }
    return files.sorted()
  }

  /// Reads one member again, by its normalised path, under the same checks as `expand`.
  static func readMember(_ path: String, of url: URL, displayPath: String, limits: ZipLimits)
    throws(IngestError) -> [UInt8]
  {
    var found: [UInt8]?
    try walk(url, displayPath: displayPath, limits: limits, wanted: { $0 == path }) {
      (_, bytes) throws(IngestError) in
      found = bytes
    }
    guard let found else {
      throw IngestError(
        location: SourceLocation(file: displayPath), message: "the zip archive no longer holds \(path)",
        hint: "the archive changed while it was being read; run again")
    }
    return found
  }

  /// Reads every member `wanted` accepts (by normalised path) and hands its bytes to `body`.
  private static func walk(
    _ url: URL, displayPath: String, limits: ZipLimits, wanted: (String) -> Bool,
    _ body: (String, [UInt8]) throws(IngestError) -> Void
  ) throws(IngestError) {
    let archiveLocation = SourceLocation(file: displayPath)
    let reader: ZipArchiveReader
    do {
      reader = try ZipArchiveReader.open(path: url.path)
    } catch {
      throw refusal(error, archive: displayPath, member: nil, limits: limits)
    }
    var total: Int64 = 0
    while true {
      let entry: ZipArchiveReader.Entry
      do {
        guard let next = try reader.nextEntry() else { break }
        entry = next
      } catch {
        throw refusal(error, archive: displayPath, member: nil, limits: limits)
      }
      guard entry.isRegularFile else { continue }
      guard let rawPath = entry.path, !rawPath.isEmpty else {
        throw IngestError(
          location: archiveLocation, message: "the zip archive holds a member whose name cannot be read",
          hint: "extract the archive and pass the files or the folder instead")
      }
      let path: String
      switch ZipMemberPath.classify(rawPath) {
      case .skip: continue
      case .refuse(let reason):
        throw IngestError(
          location: archiveLocation,
          message:
            "the zip archive holds a member with an unsafe path '\(ZipMemberPath.printable(rawPath))': \(reason)",
          hint: "this archive was not made from exported files; check where it came from")
      case .read(let normalised): path = normalised
      }
      guard wanted(path) else { continue }
      let memberLocation = SourceLocation(file: "\(displayPath)/\(path)")
      if entry.isEncrypted {
        throw IngestError(
          location: memberLocation, message: "encrypted zip members are not supported; extract it first")
      }
      if let declared = entry.declaredSize, declared > limits.maxMemberSize {
        throw refusal(.memberTooLarge, archive: displayPath, member: path, limits: limits)
      }
      let bytes: [UInt8]
      do {
        bytes = try reader.readData(declaredSize: entry.declaredSize, limits: limits, alreadyRead: total)
      } catch {
        throw refusal(error, archive: displayPath, member: path, limits: limits)
      }
      total += Int64(bytes.count)
      try body(path, bytes)
    }
  }

  /// The input error for a reader failure, located at the member when there is one.
  private static func refusal(
    _ failure: ZipArchiveReader.Failure, archive: String, member: String?, limits: ZipLimits
  ) -> IngestError {
    let location = SourceLocation(file: member.map { "\(archive)/\($0)" } ?? archive)
    let extract = "extract the archive and pass the files or the folder instead"
    switch failure {
    case .library(let message):
      return IngestError(
        location: location, message: "cannot read the zip archive: \(message)",
        hint: "the file is damaged, truncated or not a zip archive; copy it again, or \(extract)")
    case .memberTooLarge:
      return IngestError(
        location: location,
        message:
          "the zip member is larger than \(describe(limits.maxMemberSize)) uncompressed; refusing to read it",
        hint: "split the export, or \(extract)")
    case .archiveTooLarge:
      return IngestError(
        location: location,
        message:
          "the zip archive expands to more than \(describe(limits.maxTotalSize)); refusing to read further",
        hint: "split the archive, or \(extract)")
    case .ratio(let compressed, let uncompressed):
      return IngestError(
        location: location,
        message:
          "the zip member expands more than \(limits.maxRatio) times (\(compressed) compressed bytes gave \(uncompressed)); refusing a possible zip bomb",
        hint: "if the export is genuine, \(extract)")
    }
  }

  /// A byte count in the largest binary unit that divides it (`2 GiB`, `512 KiB`, `100 bytes`).
  static func describe(_ bytes: Int64) -> String {
    for (shift, unit) in [(40, "TiB"), (30, "GiB"), (20, "MiB"), (10, "KiB")] where bytes >= 1 << shift {
      if bytes % (1 << shift) == 0 { return "\(bytes >> shift) \(unit)" }
    }
    return "\(bytes) bytes"
  }
}
