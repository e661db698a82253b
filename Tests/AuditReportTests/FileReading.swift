import Foundation

/// A file's bytes, read with open/read: FoundationEssentials' `Data(contentsOf:)` leaks its
/// buffer on an empty file, which LeakSanitizer reports under `make test-sanitize`.
func readFileBytes(atPath path: String) throws -> [UInt8] {
  let descriptor = open(path, O_RDONLY)
  guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
  defer { close(descriptor) }
  var bytes: [UInt8] = []
  var buffer = [UInt8](repeating: 0, count: 65536)
  while true {
    let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
    if count < 0 { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    if count == 0 { return bytes }
    bytes += buffer[..<count]
  }
}
