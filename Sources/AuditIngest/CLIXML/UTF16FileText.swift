import AuditModel
import Digest

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A UTF-16 file (Windows PowerShell 5.1's Export-Clixml) read from disk as UTF-8, chunk by chunk:
/// the UTF-16 bytes are hashed and transcoded as they are read and never held whole, so that a
/// large export costs its UTF-8 text in memory, not that and twice as much again.
///
/// The text is what `CLIXMLInput.transcodeUTF16` makes of the whole file: unpaired surrogates
/// become U+FFFD and an odd trailing byte is dropped, either making `hadInvalidSequences` true.
struct UTF16FileText {
  var utf8: [UInt8]
  var bigEndian: Bool
  var hadInvalidSequences: Bool
  /// The SHA-256 of the file's bytes, and their count.
  var sha256: String
  var size: Int

  /// Bytes read at a time.
  static let chunkSize = 1 << 22

  /// The file as UTF-8 when it starts with a UTF-16 byte order mark and its first character is
  /// `<`; nil for any other file (read it whole instead).
  static func readIfXML(path: String) throws(IngestError) -> UTF16FileText? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw failure("cannot open it", errno) }
    defer { close(descriptor) }
    // The first bytes tell; a file that is not UTF-16 XML is left to be read whole.
    var head = [UInt8](repeating: 0, count: 4096)
    head.removeLast(head.count - (try fill(&head, from: descriptor)))
    guard head.count >= 2, head[0] == 0xFF && head[1] == 0xFE || head[0] == 0xFE && head[1] == 0xFF,
      TextEncoding.firstCharacter(of: head) == UInt8(ascii: "<")
    else { return nil }
    var chunk = [UInt8](repeating: 0, count: chunkSize)
    chunk.replaceSubrange(0..<head.count, with: head)
    var filled = head.count + (try fill(&chunk, from: descriptor, at: head.count))
    var status = stat()
    let size = fstat(descriptor, &status) == 0 ? Int(status.st_size) : 0
    var transcoder = Transcoder(bigEndian: head[0] == 0xFE)
    // About one UTF-8 byte per UTF-16 unit (markup and names are ASCII), with room to spare;
    // pages never written cost no memory.
    transcoder.output.reserveCapacity(size / 2 + size / 8 + 1024)
    var hasher = SHA256()
    var total = 0
    var first = true
    while filled > 0 {
      chunk.withUnsafeBytes { bytes in
        let read = UnsafeRawBufferPointer(rebasing: bytes[..<filled])
        hasher.update(read)
        transcoder.add(UnsafeRawBufferPointer(rebasing: read[(first ? 2 : 0)...]))
      }
      total += filled
      first = false
      filled = try fill(&chunk, from: descriptor)
    }
    transcoder.finish()
    return UTF16FileText(
      utf8: transcoder.output, bigEndian: transcoder.bigEndian, hadInvalidSequences: transcoder.invalid,
      sha256: hasher.finalizeHex(), size: total)
  }

  /// Reads into `buffer` from `start` until it is full or the file ends; the count read.
  private static func fill(_ buffer: inout [UInt8], from descriptor: Int32, at start: Int = 0)
    throws(IngestError)
    -> Int
  {
    var count = 0
    var readError: Int32 = 0
    buffer.withUnsafeMutableBytes { whole in
      let bytes = UnsafeMutableRawBufferPointer(rebasing: whole[start...])
      while count < bytes.count {
        #if canImport(Glibc)
          let got = Glibc.read(descriptor, bytes.baseAddress! + count, bytes.count - count)
        #else
          let got = Darwin.read(descriptor, bytes.baseAddress! + count, bytes.count - count)
        #endif
        if got < 0 && errno == EINTR { continue }
        if got < 0 { readError = errno }
        if got <= 0 { return }
        count += got
      }
    }
    if readError != 0 { throw failure("read failed", readError) }
    return count
  }

  private static func failure(_ message: String, _ code: Int32) -> IngestError {
    IngestError(message: "\(message): \(String(cString: strerror(code)))")
  }

  /// UTF-16 code units to UTF-8, across chunk boundaries (an odd byte or a high surrogate at the
  /// end of a chunk waits for the next). Each chunk is encoded into a scratch buffer through a
  /// pointer, then appended in one copy.
  struct Transcoder {
    let bigEndian: Bool
    var output: [UInt8] = []
    var invalid = false
    private var pendingByte: UInt8?
    private var pendingHighSurrogate: UInt32?
    private var scratch: [UInt8] = []

    init(bigEndian: Bool) {
      self.bigEndian = bigEndian
    }

    mutating func add(_ bytes: UnsafeRawBufferPointer) {
      // At most three UTF-8 bytes per unit (four per surrogate pair), plus a waiting surrogate.
      let needed = (bytes.count / 2 + 2) * 3 + 8
      if scratch.count < needed { scratch = [UInt8](repeating: 0, count: needed) }
      var state = (pendingByte: pendingByte, high: pendingHighSurrogate, invalid: invalid)
      let bigEndian = bigEndian
      let written = scratch.withUnsafeMutableBufferPointer { out in
        var written = 0
        @inline(__always) func add(unit: UInt32) {
          if let high = state.high {
            state.high = nil
            if unit >= 0xDC00 && unit <= 0xDFFF {
              written += CLIXMLInput.encode(
                0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00), into: out, at: written)
              return
            }
            written += CLIXMLInput.encode(0xFFFD, into: out, at: written)
            state.invalid = true
          }
          if unit >= 0xD800 && unit <= 0xDBFF {
            state.high = unit
          } else if unit >= 0xDC00 && unit <= 0xDFFF {
            written += CLIXMLInput.encode(0xFFFD, into: out, at: written)
            state.invalid = true
          } else {
            written += CLIXMLInput.encode(unit, into: out, at: written)
          }
        }
        @inline(__always) func unit(_ first: UInt8, _ second: UInt8) -> UInt32 {
          bigEndian ? UInt32(first) << 8 | UInt32(second) : UInt32(second) << 8 | UInt32(first)
        }
        var index = 0
        if let byte = state.pendingByte, !bytes.isEmpty {
          state.pendingByte = nil
          add(unit: unit(byte, bytes[0]))
          index = 1
        }
        while index + 1 < bytes.count {
          add(unit: unit(bytes[index], bytes[index + 1]))
          index += 2
        }
        if index < bytes.count { state.pendingByte = bytes[index] }
        return written
      }
      (pendingByte, pendingHighSurrogate, invalid) = state
      output.append(contentsOf: scratch[..<written])
    }

    /// Ends the text: a surrogate or a byte still waiting has no partner.
    mutating func finish() {
      if pendingHighSurrogate != nil {
        pendingHighSurrogate = nil
        output += [0xEF, 0xBF, 0xBD]  // U+FFFD
        invalid = true
      }
      if pendingByte != nil {
        pendingByte = nil
        invalid = true
      }
      scratch = []
    }
  }
}
