import AuditModel
import Digest
import Dispatch
import Foundation

/// Writes a pack's files into a temporary sibling folder and renames it into place, so a failed
/// run never leaves half a pack; adds `manifest.json` outputs and `SHA256SUMS` last.
public enum PackWriter {
  public struct Failure: Error, CustomStringConvertible {
    public var message: String
    public var hint: String?
    public var description: String { "error: \(message)" + (hint.map { "\n  hint: \($0)" } ?? "") }

    public init(message: String, hint: String? = nil) {
      self.message = message
      self.hint = hint
    }
  }

  /// The file name of the manifest; with `SHA256SUMS` its presence marks a folder as a pack.
  public static let manifestName = "manifest.json"

  /// Checks that `out` may be (re)written: absent, an empty folder or an intact pack; with
  /// `force`, also a pack whose files were changed since it was written. A folder that is not a
  /// pack, a file and a symbolic link are refused whatever `force` says.
  public static func checkDestination(_ out: URL, force: Bool) throws(Failure) {
    let path = out.path
    switch PackDestination.inspect(out) {
    case .absent, .emptyFolder, .intactPack:
      return
    case .editedPack(let change):
      if force { return }
      throw Failure(
        message: "\(path) is an evidence pack whose files changed since it was written (\(change)); "
          + "refusing to replace it",
        hint: "choose a new --out folder, or pass --force to replace the pack and discard those changes")
    case .foreignFolder:
      throw Failure(
        message: "\(path) exists and is not an evidence pack (it has no manifest.json and SHA256SUMS); "
          + "refusing to replace it, with or without --force",
        hint: "choose a new --out folder, or empty this one first")
    case .file, .symbolicLink:
      try refuseLinkOrFile(out)
    }
  }

  /// Refuses a symbolic link (live or dangling) or a file at `out`, whoever checks the rest.
  static func refuseLinkOrFile(_ out: URL) throws(Failure) {
    switch PackDestination.entryType(out) {
    case nil, .typeDirectory?:
      return
    case .typeSymbolicLink?:
      throw Failure(
        message: "\(out.path) is a symbolic link; refusing to write through it",
        hint: "give a real folder path")
    default:
      throw Failure(message: "\(out.path) exists and is a file", hint: "choose another --out folder")
    }
  }

  /// Writes `files` (relative path → bytes) as the pack at `out`.
  ///
  /// A signal during the write (see `WriteInterruption`) removes the temporary folder and ends the
  /// process; an earlier pack at `out` is replaced only once every file is written.
  public static func write(_ files: [String: [UInt8]], to out: URL, force: Bool) throws(Failure) {
    try write(files, to: out) { (url: URL) throws(Failure) in try checkDestination(url, force: force) }
  }

  /// Writes `files` at `out` as `write(_:to:force:)` does, after `check` (instead of
  /// `checkDestination`) has accepted what is at `out`: for folders that are not packs but that
  /// the caller recognises as its own, such as a sample tenant.
  public static func write(
    _ files: [String: [UInt8]], to out: URL, checkingDestination check: (URL) throws(Failure) -> Void
  ) throws(Failure) {
    try refuseLinkOrFile(out)
    try check(out)
    let manager = FileManager.default
    let parent = out.deletingLastPathComponent()
    let temporary = parent.appendingPathComponent(".\(out.lastPathComponent).partial-\(getpid())")
    WriteInterruption.begin()
    do {
      try? manager.removeItem(at: temporary)
      try manager.createDirectory(at: temporary, withIntermediateDirectories: true)
      let entries = files.sorted(by: { $0.key < $1.key })
      var folders: Set<String> = [""]
      for (relative, _) in entries {
        guard isSafeRelativePath(relative) else {
          throw Failure(message: "internal: unsafe output path \(relative)")
        }
        let folder = relative.split(separator: "/").dropLast().joined(separator: "/")
        if folders.insert(folder).inserted {
          try manager.createDirectory(
            at: temporary.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
      }
      // The files on every core (copying a few hundred MB into the page cache is most of a large
      // pack's write); after a signal, files not yet begun are left unwritten.
      let failures = ResultSlots<String?>(count: entries.count)
      let base = temporary.path
      DispatchQueue.concurrentPerform(iterations: entries.count) { index in
        guard WriteInterruption.checkpoint() == nil else { return failures.set(index, nil) }
        let (relative, bytes) = entries[index]
        failures.set(index, writeNewFile(bytes, atPath: base + "/" + relative).map { "\(relative): \($0)" })
      }
      try stopIfInterrupted(removing: temporary)
      if let failure = failures.values().lazy.compactMap({ $0 }).first {
        throw Failure(message: "cannot write the pack to \(out.path): \(failure)")
      }
      if manager.fileExists(atPath: out.path) {
        try manager.removeItem(at: out)
      }
      try manager.moveItem(at: temporary, to: out)
    } catch let failure as Failure {
      try? manager.removeItem(at: temporary)
      WriteInterruption.end()
      throw failure
    } catch {
      try? manager.removeItem(at: temporary)
      WriteInterruption.end()
      throw Failure(message: "cannot write the pack to \(out.path): \(error.localizedDescription)")
    }
    WriteInterruption.end()
  }

  /// Creates the file at `path` (which must not exist; a symlink there is not followed), mode
  /// 0644, and writes `bytes` from the array's own storage; nil when done, else why not.
  ///
  /// Writes that a signal cuts short (`EINTR`, or fewer bytes than asked) are resumed: the
  /// handlers are installed without `SA_RESTART`.
  static func writeNewFile(_ bytes: [UInt8], atPath path: String) -> String? {
    let descriptor = open(path, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { return errorText(errno) }
    let writeError = bytes.withUnsafeBytes { DescriptorWriting.writeAll(descriptor, $0) }
    // Linux releases the descriptor even when close reports EINTR; nothing to retry.
    let closeError: Int32? = close(descriptor) == 0 || errno == EINTR ? nil : errno
    if let error = writeError ?? closeError { return errorText(error) }
    return nil
  }

  private static func errorText(_ code: Int32) -> String {
    String(cString: strerror(code))
  }

  /// Removes the temporary folder and ends the process when a signal came during the write.
  static func stopIfInterrupted(removing temporary: URL) throws(Failure) {
    guard let signalNumber = WriteInterruption.checkpoint() else { return }
    try? FileManager.default.removeItem(at: temporary)
    WriteInterruption.terminate(signalNumber)
  }

  /// No absolute paths, no `..`, no empty segments.
  static func isSafeRelativePath(_ path: String) -> Bool {
    if path.isEmpty || path.hasPrefix("/") { return false }
    return !path.split(separator: "/", omittingEmptySubsequences: false).contains {
      $0.isEmpty || $0 == ".." || $0 == "."
    }
  }

  /// `SHA256SUMS` text for the files, in `sha256sum -c` format, sorted by path.
  public static func checksums(_ files: [String: [UInt8]]) -> String {
    checksums(files, digests: OutputDigests())
  }

  /// `SHA256SUMS` text for the files, taking each file's SHA-256 from `digests` where recorded.
  public static func checksums(_ files: [String: [UInt8]], digests: OutputDigests) -> String {
    files.keys.sorted().map { "\(digests.sha256($0, files[$0]!))  \($0)\n" }.joined()
  }
}
