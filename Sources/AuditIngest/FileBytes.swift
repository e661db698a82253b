#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads a whole file into one array, with no intermediate `Data` copy: large exports are read
/// once, straight into the buffer the readers scan.
enum FileBytes {
  static func read(path: String) throws(IngestError) -> [UInt8] {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw failure("cannot open it", errno) }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else { throw failure("cannot read its size", errno) }
    let size = Int(status.st_size)
    var readError: Int32 = 0
    var bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
      count = 0
      while count < size {
        let got = systemRead(descriptor, buffer.baseAddress! + count, size - count)
        if got < 0 && errno == EINTR { continue }
        if got < 0 { readError = errno }
        if got <= 0 { return }
        count += got
      }
    }
    if readError != 0 { throw failure("read failed", readError) }
    // A file that grew while it was read (or reports no size) is read to its end in chunks.
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let got = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress!, $0.count) }
      if got < 0 && errno == EINTR { continue }
      if got < 0 { throw failure("read failed", errno) }
      if got == 0 { return bytes }
      bytes.append(contentsOf: chunk[..<got])
    }
  }

  /// Reads into `buffer` from `start` until it is full or the file ends; the count read.
  static func fill(_ buffer: inout [UInt8], from descriptor: Int32, at start: Int = 0)
    throws(IngestError)
    -> Int
  {
    var count = 0
    var readError: Int32 = 0
    buffer.withUnsafeMutableBytes { whole in
      let bytes = UnsafeMutableRawBufferPointer(rebasing: whole[start...])
      while count < bytes.count {
        let got = systemRead(descriptor, bytes.baseAddress! + count, bytes.count - count)
        if got < 0 && errno == EINTR { continue }
        if got < 0 { readError = errno }
        if got <= 0 { return }
        count += got
      }
    }
    if readError != 0 { throw failure("read failed", readError) }
    return count
  }

  private static func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int
  {
    #if canImport(Glibc)
      Glibc.read(descriptor, buffer, count)
    #else
      Darwin.read(descriptor, buffer, count)
    #endif
  }

  static func failure(_ message: String, _ code: Int32) -> IngestError {
    IngestError(message: "\(message): \(String(cString: strerror(code)))")
  }
}
