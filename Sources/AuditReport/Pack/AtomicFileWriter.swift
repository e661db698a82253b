import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes one file so that it is either whole or absent: the bytes go to a temporary sibling
/// (`.NAME.partial-PID`) that is renamed into place, and an earlier file at the path is replaced
/// only by that rename.
///
/// A failed write removes the temporary file. A signal during the write (see
/// `WriteInterruption`) is noticed between chunks: the temporary file is removed and the process
/// ends by the signal, leaving an earlier file as it was.
public enum AtomicFileWriter {
  /// Bytes written between two looks at `WriteInterruption`.
  static let chunkSize = 1 << 20

  /// Writes `bytes` at `url`; refuses a folder or a symbolic link there (a link is never
  /// replaced or written through).
  public static func write(_ bytes: [UInt8], to url: URL) throws(PackWriter.Failure) {
    try write(bytes, to: url, chunkSize: chunkSize) { (temporary: URL) throws(PackWriter.Failure) in
      try PackWriter.stopIfInterrupted(removing: temporary)
    }
  }

  /// The temporary sibling a write of `url` uses.
  public static func temporaryURL(for url: URL) -> URL {
    url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial-\(getpid())")
  }

  /// Writes `bytes` at `url` in chunks of `chunkSize`, calling `checkpoint` with the temporary
  /// file after each chunk (and once for no bytes); a checkpoint that throws fails the write.
  static func write(
    _ bytes: [UInt8], to url: URL, chunkSize: Int, checkpoint: (URL) throws(PackWriter.Failure) -> Void
  ) throws(PackWriter.Failure) {
    switch PackDestination.entryType(url) {
    case .typeSymbolicLink?:
      throw PackWriter.Failure(
        message: "\(url.path) is a symbolic link; refusing to replace it", hint: "give a real file path")
    case .typeDirectory?:
      throw PackWriter.Failure(
        message: "\(url.path) exists and is a folder", hint: "choose another --out path")
    default:
      break
    }
    let temporary = temporaryURL(for: url)
    // A leftover of this process id, or a planted link: removed (a link as a link), never followed.
    unlink(temporary.path)
    WriteInterruption.begin()
    defer { WriteInterruption.end() }
    let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
    guard descriptor >= 0 else {
      throw failure(writing: url)
    }
    var isOpen = true
    do throws(PackWriter.Failure) {
      var offset = 0
      repeat {
        let end = min(offset + max(chunkSize, 1), bytes.count)
        try writeAll(descriptor, bytes, from: offset, to: end, url: url)
        offset = end
        try checkpoint(temporary)
      } while offset < bytes.count
      isOpen = false
      guard close(descriptor) == 0 else { throw failure(writing: url) }
      guard rename(temporary.path, url.path) == 0 else { throw failure(writing: url) }
    } catch {
      if isOpen { close(descriptor) }
      unlink(temporary.path)
      throw error
    }
  }

  /// Writes `bytes[from..<to]`.
  private static func writeAll(
    _ descriptor: Int32, _ bytes: [UInt8], from start: Int, to end: Int, url: URL
  ) throws(PackWriter.Failure) {
    let error = bytes.withUnsafeBytes { buffer in
      DescriptorWriting.writeAll(descriptor, UnsafeRawBufferPointer(rebasing: buffer[start..<end]))
    }
    if let error { throw failure(writing: url, error) }
  }

  /// The failure to write `url`, for the error `code` (by default the last call's `errno`).
  private static func failure(writing url: URL, _ code: Int32 = errno) -> PackWriter.Failure {
    PackWriter.Failure(message: "cannot write \(url.path): \(String(cString: strerror(code)))")
  }
}
