import CArchive
import Foundation

/// Writes an evidence pack as one deterministic `.zip` (`--zip`), through libarchive.
///
/// Every file sits under a top folder named after the pack; entries (folders included) are sorted
/// by path; every entry has the same modification time, uid and gid 0, mode 0644 (files) or 0755
/// (folders); members are deflated. libarchive 3.6 always adds the "UT" (mtime only, as no other
/// time is set) and "ux" (uid/gid 0) extra fields; both carry only these fixed values. It derives
/// the DOS date and time from the local time zone, so they are rewritten afterwards from UTC:
/// the same files and time give the same bytes on any machine with the same zlib.
public enum PackZipWriter {
  /// 1980-01-01T00:00:00Z, the earliest instant a zip header can hold; the default entry time.
  public static let earliestTime: Int64 = 315_532_800
  /// 2106-02-07T06:28:14Z, the last even second the 32-bit "UT" field holds; later times are clamped.
  public static let latestTime: Int64 = 4_294_967_294

  /// The zip of `files` (pack-relative path → bytes) under the top folder `root`.
  ///
  /// `modificationTime` (seconds since 1970, UTC; e.g. the as-of) is given to every entry,
  /// clamped to the range a zip can hold; DOS times keep even seconds only.
  public static func zipData(
    _ files: [String: [UInt8]], root: String, modificationTime: Int64 = earliestTime
  ) throws(PackWriter.Failure) -> [UInt8] {
    guard isSafeRoot(root) else {
      throw PackWriter.Failure(message: "internal: unsafe pack folder name \(root)")
    }
    for path in files.keys where !PackWriter.isSafeRelativePath(path) {
      throw PackWriter.Failure(message: "internal: unsafe output path \(path)")
    }
    let time = min(max(modificationTime, earliestTime), latestTime)
    var bytes = try deflatedArchive(entries(files, root: root), time: time)
    try ZipTimestamps.pin(&bytes, dosDateTime: ZipTimestamps.dosDateTime(utc: time))
    return bytes
  }

  /// Writes the zip of `files` to `url` atomically: a temporary sibling renamed into place.
  public static func write(
    _ files: [String: [UInt8]], root: String, modificationTime: Int64 = earliestTime, to url: URL
  ) throws(PackWriter.Failure) {
    let bytes = try zipData(files, root: root, modificationTime: modificationTime)
    let manager = FileManager.default
    if let attributes = try? manager.attributesOfItem(atPath: url.path) {
      if attributes[.type] as? FileAttributeType == .typeSymbolicLink {
        throw PackWriter.Failure(
          message: "\(url.path) is a symbolic link; refusing to write through it",
          hint: "give a real file path")
      }
      if attributes[.type] as? FileAttributeType == .typeDirectory {
        throw PackWriter.Failure(
          message: "\(url.path) exists and is a folder", hint: "choose another --out path")
      }
    }
    let temporary = url.deletingLastPathComponent().appendingPathComponent(
      ".\(url.lastPathComponent).partial-\(getpid())")
    try? manager.removeItem(at: temporary)
    WriteInterruption.begin()
    defer { WriteInterruption.end() }
    guard
      manager.createFile(
        atPath: temporary.path, contents: Data(bytes), attributes: [.posixPermissions: 0o644])
    else {
      try? manager.removeItem(at: temporary)
      throw PackWriter.Failure(message: "cannot write \(temporary.path)")
    }
    try PackWriter.stopIfInterrupted(removing: temporary)
    guard rename(temporary.path, url.path) == 0 else {
      let reason = String(cString: strerror(errno))
      try? manager.removeItem(at: temporary)
      throw PackWriter.Failure(message: "cannot write the pack zip to \(url.path): \(reason)")
    }
  }

  /// One entry to write: a folder (path ends in `/`) or a file with its bytes.
  private struct Entry {
    var path: String
    var bytes: [UInt8]?
  }

  /// The files and every folder above them, under `root/`, sorted by the bytes of their paths.
  private static func entries(_ files: [String: [UInt8]], root: String) -> [Entry] {
    var folders: Set<String> = ["\(root)/"]
    var entries: [Entry] = []
    for (path, bytes) in files {
      let segments = path.split(separator: "/")
      for depth in 1..<max(segments.count, 1) {
        folders.insert("\(root)/" + segments.prefix(depth).joined(separator: "/") + "/")
      }
      entries.append(Entry(path: "\(root)/\(path)", bytes: bytes))
    }
    entries += folders.map { Entry(path: $0, bytes: nil) }
    return entries.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
  }

  /// The top folder's name: one path segment, no control characters.
  private static func isSafeRoot(_ root: String) -> Bool {
    !root.isEmpty && root != "." && root != ".." && !root.contains("/") && !root.contains("\\")
      && !root.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
  }

  /// Collects what libarchive writes, through the write callback's client pointer.
  private final class ByteSink {
    var bytes: [UInt8] = []
  }

  /// The archive as libarchive writes it (DOS times still in the local time zone).
  private static func deflatedArchive(_ entries: [Entry], time: Int64) throws(PackWriter.Failure) -> [UInt8] {
    let sink = ByteSink()
    guard let archive = archive_write_new() else {
      throw PackWriter.Failure(message: "libarchive: out of memory")
    }
    defer { archive_write_free(archive) }
    guard let entry = archive_entry_new() else {
      throw PackWriter.Failure(message: "libarchive: out of memory")
    }
    defer { archive_entry_free(entry) }

    try check(archive_write_set_format_zip(archive), archive)
    try check(archive_write_set_format_option(archive, "zip", "compression", "deflate"), archive)
    try check(archive_write_set_format_option(archive, "zip", "compression-level", "6"), archive)
    // Names are given as UTF-8 and flagged so, whatever the process locale is.
    try check(archive_write_set_format_option(archive, "zip", "hdrcharset", "UTF-8"), archive)
    // Unblocked output: no padding after the end of the archive.
    try check(archive_write_set_bytes_per_block(archive, 0), archive)
    let client = Unmanaged.passUnretained(sink).toOpaque()
    try check(
      archive_write_open2(
        archive, client, nil,
        { _, client, buffer, length in
          guard let client, let buffer else { return 0 }
          let sink = Unmanaged<ByteSink>.fromOpaque(client).takeUnretainedValue()
          sink.bytes.append(contentsOf: UnsafeRawBufferPointer(start: buffer, count: length))
          return la_ssize_t(length)
        }, nil, nil),
      archive)

    for item in entries {
      archive_entry_clear(entry)
      archive_entry_set_pathname_utf8(entry, item.path)
      archive_entry_set_mtime(entry, time_t(time), 0)
      archive_entry_set_uid(entry, 0)
      archive_entry_set_gid(entry, 0)
      if let bytes = item.bytes {
        archive_entry_set_filetype(entry, regularFileType)
        archive_entry_set_perm(entry, 0o644)
        archive_entry_set_size(entry, la_int64_t(bytes.count))
      } else {
        archive_entry_set_filetype(entry, directoryType)
        archive_entry_set_perm(entry, 0o755)
        archive_entry_set_size(entry, 0)
      }
      try check(archive_write_header(archive, entry), archive, item.path)
      if let bytes = item.bytes, !bytes.isEmpty {
        let written = bytes.withUnsafeBytes { archive_write_data(archive, $0.baseAddress, $0.count) }
        guard written == bytes.count else {
          throw PackWriter.Failure(message: "cannot zip \(item.path): \(errorMessage(archive))")
        }
      }
      try check(archive_write_finish_entry(archive), archive, item.path)
    }
    try check(archive_write_close(archive), archive)
    return withExtendedLifetime(sink) { sink.bytes }
  }

  /// `AE_IFREG` and `AE_IFDIR`, whose C macros carry casts Swift does not import.
  private static let regularFileType: UInt32 = 0o100000
  private static let directoryType: UInt32 = 0o040000

  /// Throws unless libarchive returned `ARCHIVE_OK` (a warning is a failure here).
  private static func check(_ status: Int32, _ archive: OpaquePointer, _ path: String? = nil)
    throws(PackWriter.Failure)
  {
    guard status != ARCHIVE_OK else { return }
    let subject = path.map { "cannot zip \($0)" } ?? "cannot write the pack zip"
    throw PackWriter.Failure(message: "\(subject): \(errorMessage(archive))")
  }

  private static func errorMessage(_ archive: OpaquePointer) -> String {
    archive_error_string(archive).map { String(cString: $0) } ?? "unknown libarchive error"
  }
}

/// Rewrites the DOS date and time of every entry of a finished zip, in both the local and the
/// central headers, so they no longer depend on the time zone libarchive saw.
private enum ZipTimestamps {
  private static let localHeader: UInt32 = 0x0403_4b50
  private static let centralHeader: UInt32 = 0x0201_4b50
  private static let endOfCentralDirectory: UInt32 = 0x0605_4b50
  private static let zip64Locator: UInt32 = 0x0706_4b50
  private static let zip64End: UInt32 = 0x0606_4b50

  /// The DOS time (low 16 bits) and date (high 16 bits) of a UTC instant from 1980 to 2107.
  static func dosDateTime(utc seconds: Int64) -> UInt32 {
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    let secondOfDay = seconds - days * 86_400
    // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
    let shifted = days + 719_468
    let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    let date = UInt32((year - 1980) << 9 | month << 5 | day)
    let time = UInt32((secondOfDay / 3600) << 11 | (secondOfDay % 3600 / 60) << 5 | (secondOfDay % 60) / 2)
    return date << 16 | time
  }

  /// Writes `dosDateTime` into every central and local header, found from the end record.
  static func pin(_ bytes: inout [UInt8], dosDateTime: UInt32) throws(PackWriter.Failure) {
    let malformed = PackWriter.Failure(
      message: "internal: libarchive wrote a zip this writer cannot read back")
    let end = bytes.count - 22
    guard end >= 0, read32(bytes, end) == endOfCentralDirectory else { throw malformed }
    var entryCount = UInt64(read16(bytes, end + 10))
    var offset = UInt64(read32(bytes, end + 16))
    if entryCount == 0xFFFF || offset == 0xFFFF_FFFF {
      let locator = end - 20
      guard locator >= 56, read32(bytes, locator) == zip64Locator else { throw malformed }
      let record = read64(bytes, locator + 8)
      guard record <= UInt64(locator - 56), read32(bytes, Int(record)) == zip64End else { throw malformed }
      entryCount = read64(bytes, Int(record) + 32)
      offset = read64(bytes, Int(record) + 48)
    }
    var position = Int(clamping: offset)
    for _ in 0..<entryCount {
      guard position + 46 <= end, read32(bytes, position) == centralHeader else { throw malformed }
      let nameLength = Int(read16(bytes, position + 28))
      let extraLength = Int(read16(bytes, position + 30))
      let commentLength = Int(read16(bytes, position + 32))
      var local = UInt64(read32(bytes, position + 42))
      if local == 0xFFFF_FFFF {
        guard
          let wide = zip64LocalOffset(
            bytes, header: position, extraStart: position + 46 + nameLength, extraLength)
        else { throw malformed }
        local = wide
      }
      guard local + 30 <= UInt64(position), read32(bytes, Int(local)) == localHeader else { throw malformed }
      write32(&bytes, position + 12, dosDateTime)
      write32(&bytes, Int(local) + 10, dosDateTime)
      position += 46 + nameLength + extraLength + commentLength
    }
  }

  /// The local header offset from a central header's Zip64 extra field (after the sizes it holds).
  private static func zip64LocalOffset(_ bytes: [UInt8], header: Int, extraStart: Int, _ extraLength: Int)
    -> UInt64?
  {
    var field = extraStart
    while field + 4 <= extraStart + extraLength {
      let id = read16(bytes, field)
      let size = Int(read16(bytes, field + 2))
      if id == 0x0001 {
        var value = field + 4
        if read32(bytes, header + 24) == 0xFFFF_FFFF { value += 8 }
        if read32(bytes, header + 20) == 0xFFFF_FFFF { value += 8 }
        return value + 8 <= field + 4 + size ? read64(bytes, value) : nil
      }
      field += 4 + size
    }
    return nil
  }

  private static func read16(_ bytes: [UInt8], _ at: Int) -> UInt16 {
    UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
  }

  private static func read32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
    UInt32(read16(bytes, at)) | UInt32(read16(bytes, at + 2)) << 16
  }

  private static func read64(_ bytes: [UInt8], _ at: Int) -> UInt64 {
    UInt64(read32(bytes, at)) | UInt64(read32(bytes, at + 4)) << 32
  }

  private static func write32(_ bytes: inout [UInt8], _ at: Int, _ value: UInt32) {
    for index in 0..<4 { bytes[at + index] = UInt8(truncatingIfNeeded: value >> (8 * index)) }
  }
}
