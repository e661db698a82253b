import CArchive

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads the members of one zip file through libarchive; the only owner of the C reader.
///
/// Only libarchive's seekable zip reader is registered: it trusts the central directory, as
/// Explorer, `unzip` and Python do, so what is read is what the person who made the archive saw,
/// and a truncated archive (no central directory) is an error instead of a silent partial read.
/// Entry pointers never leave a method; `Entry` values copy what is needed.
///
/// libarchive converts member names to the C library's current locale, and a Swift process runs
/// in the "C" locale, where a UTF-8 name has no form at all. The reader owns a UTF-8 locale and
/// makes it the calling thread's locale (`uselocale`, so no other thread is affected) only for the
/// duration of its own libarchive calls. Names not flagged as UTF-8 are CP437, as the zip
/// specification says.
final class ZipArchiveReader {
  /// One member's header, copied out of libarchive.
  struct Entry {
    /// The path as stored, in UTF-8; nil when libarchive could not convert it.
    var path: String?
    var isRegularFile: Bool
    /// The uncompressed size the archive declares, when it declares one.
    var declaredSize: Int64?
    var isEncrypted: Bool
  }

  /// Why reading stopped.
  enum Failure: Error {
    /// libarchive's own message.
    case library(String)
    /// The member inflated past `ZipLimits.maxMemberSize`.
    case memberTooLarge
    /// The archive inflated past `ZipLimits.maxTotalSize`.
    case archiveTooLarge
    /// The member inflates more than `ZipLimits.maxRatio` times.
    case ratio(compressed: Int64, uncompressed: Int64)
  }

  private let handle: OpaquePointer
  private let locale: locale_t?

  private init(handle: OpaquePointer) {
    self.handle = handle
    locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", nil) ?? newlocale(LC_CTYPE_MASK, "UTF-8", nil)
  }

  deinit {
    archive_read_free(handle)
    if let locale { freelocale(locale) }
  }

  /// Opens the zip file at `path` for reading.
  static func open(path: String) throws(Failure) -> ZipArchiveReader {
    guard let handle = archive_read_new() else { throw .library("out of memory") }
    let reader = ZipArchiveReader(handle: handle)
    try reader.inUTF8Locale { () throws(Failure) in
      archive_read_support_format_zip_seekable(handle)
      // Best effort: without iconv's CP437, legacy names keep their bytes.
      _ = archive_read_set_format_option(handle, "zip", "hdrcharset", "CP437")
      guard archive_read_open_filename(handle, path, 64 * 1024) == ARCHIVE_OK else {
        throw .library(errorMessage(handle))
      }
    }
    return reader
  }

  /// Runs `body` with the reader's UTF-8 locale as the calling thread's locale.
  private func inUTF8Locale<T>(_ body: () throws(Failure) -> T) throws(Failure) -> T {
    guard let locale else { return try body() }
    let previous = uselocale(locale)
    defer { uselocale(previous) }
    return try body()
  }

  /// The next member's header, or nil after the last one; the previous member's data is skipped.
  func nextEntry() throws(Failure) -> Entry? {
    try inUTF8Locale { () throws(Failure) in try readHeader() }
  }

  private func readHeader() throws(Failure) -> Entry? {
    var entryPointer: OpaquePointer?
    let status = archive_read_next_header(handle, &entryPointer)
    if status == ARCHIVE_EOF { return nil }
    // ARCHIVE_WARN says a name could not be converted; `path` is then nil and the member refused.
    guard status == ARCHIVE_OK || status == ARCHIVE_WARN, let entry = entryPointer else {
      throw .library(Self.errorMessage(handle))
    }
    return Entry(
      path: Self.path(of: entry),
      isRegularFile: archive_entry_filetype(entry) == Self.regularFileType,
      declaredSize: archive_entry_size_is_set(entry) != 0 ? archive_entry_size(entry) : nil,
      isEncrypted: archive_entry_is_encrypted(entry) != 0)
  }

  /// Inflates the current member into memory, stopping as soon as it breaks a limit.
  ///
  /// `alreadyRead` is the total inflated from this archive so far. The compressed size is what
  /// libarchive consumed from the file while inflating this member, so the ratio is measured,
  /// never taken from a header.
  func readData(declaredSize: Int64?, limits: ZipLimits, alreadyRead: Int64) throws(Failure) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(Int(min(max(declaredSize ?? 0, 0), limits.maxMemberSize, 64 << 20)))
    let start = archive_filter_bytes(handle, -1)
    while true {
      var block: UnsafeRawPointer?
      var size = 0
      var offset: la_int64_t = 0
      let status = archive_read_data_block(handle, &block, &size, &offset)
      if status == ARCHIVE_EOF { break }
      guard status == ARCHIVE_OK || status == ARCHIVE_WARN else {
        throw .library(Self.errorMessage(handle))
      }
      guard offset == Int64(bytes.count) else { throw .library("member data is not contiguous") }
      let count = Int64(bytes.count) + Int64(size)
      if count > limits.maxMemberSize { throw .memberTooLarge }
      if alreadyRead + count > limits.maxTotalSize { throw .archiveTooLarge }
      let compressed = archive_filter_bytes(handle, -1) - start
      if count > limits.ratioFloor && count > compressed * limits.maxRatio {
        throw .ratio(compressed: compressed, uncompressed: count)
      }
      if let block, size > 0 {
        bytes.append(contentsOf: UnsafeRawBufferPointer(start: block, count: size))
      }
    }
    return bytes
  }

  /// `AE_IFREG`, whose C macro carries a cast Swift does not import.
  private static let regularFileType: UInt32 = 0o100000

  private static func path(of entry: OpaquePointer) -> String? {
    if let utf8 = archive_entry_pathname_utf8(entry) { return String(cString: utf8) }
    // A name libarchive kept unconverted: invalid UTF-8 becomes U+FFFD.
    return archive_entry_pathname(entry).map { String(cString: $0) }
  }

  private static func errorMessage(_ handle: OpaquePointer) -> String {
    guard let message = archive_error_string(handle) else { return "unknown libarchive error" }
    return String(cString: message)
  }
}
