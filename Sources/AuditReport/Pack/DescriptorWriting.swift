#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes whole buffers to file descriptors, for the pack and register writers.
enum DescriptorWriting {
  /// Writes every byte of `bytes`, going on after partial writes and interrupted calls (the
  /// signal handlers are installed without `SA_RESTART`); nil when done, else the `errno`.
  static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
    guard var next = bytes.baseAddress else { return nil }
    var remaining = bytes.count
    while remaining > 0 {
      #if canImport(Glibc)
        let written = Glibc.write(descriptor, next, remaining)
      #else
        let written = Darwin.write(descriptor, next, remaining)
      #endif
      if written < 0 {
        if errno == EINTR { continue }
        return errno
      }
      // A regular file takes at least one byte or reports why not; never spin on zero.
      if written == 0 { return EIO }
      next += written
      remaining -= written
    }
    return nil
  }
}
