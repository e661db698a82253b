import AuditModel
import Digest
import Dispatch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A UTF-16 file (Windows PowerShell 5.1's Export-Clixml) read from disk as UTF-8 as the XML
/// reader asks for it, a chunk at a time: the UTF-16 bytes are hashed and transcoded as they are
/// read and neither they nor their UTF-8 are held whole, so that memory stays flat whatever the
/// file's size. While the reader parses one chunk's text, the next chunk is read, hashed and
/// transcoded on another thread.
///
/// The text is what `UTF16Transcoder` makes of the whole file: unpaired surrogates become U+FFFD
/// and an odd trailing byte is dropped, either making `hadInvalidSequences` true.
final class UTF16FileSource {
  let bigEndian: Bool
  private let chunks: Chunks
  /// The text being served, and how much of it has been.
  private var text: [UInt8] = []
  private var served = 0
  /// The job making the next chunk's text, while there is one.
  private var ahead: DispatchGroup?

  /// Bytes read at a time.
  static let chunkSize = 1 << 22

  private init(chunks: Chunks) {
    self.chunks = chunks
    bigEndian = chunks.transcoder.bigEndian
  }

  /// The file as a source when it starts with a UTF-16 byte order mark and its first character
  /// is `<`; nil for any other file (read it whole instead).
  static func openIfXML(path: String) throws(IngestError) -> UTF16FileSource? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw FileBytes.failure("cannot open it", errno) }
    var isSource = false
    defer { if !isSource { close(descriptor) } }
    // The first bytes tell; a file that is not UTF-16 XML is left to be read whole.
    var head = [UInt8](repeating: 0, count: 4096)
    head.removeLast(head.count - (try FileBytes.fill(&head, from: descriptor)))
    guard head.count >= 2, head[0] == 0xFF && head[1] == 0xFE || head[0] == 0xFE && head[1] == 0xFF,
      TextEncoding.firstCharacter(of: head) == UInt8(ascii: "<")
    else { return nil }
    var chunk = [UInt8](repeating: 0, count: chunkSize)
    chunk.replaceSubrange(0..<head.count, with: head)
    let filled = head.count + (try FileBytes.fill(&chunk, from: descriptor, at: head.count))
    isSource = true
    return UTF16FileSource(
      chunks: Chunks(descriptor: descriptor, chunk: chunk, filled: filled, bigEndian: head[0] == 0xFE))
  }

  /// Copies the next UTF-8 bytes, at most `count`, to `buffer`: how many, 0 at the end of the
  /// file, -1 when it cannot be read (`readError` says why).
  func read(into buffer: UnsafeMutableRawPointer, count: Int) -> Int {
    while served == text.count {
      settle()
      chunks.spare = text
      text = []
      guard let next = chunks.next() else { return chunks.readError == nil ? 0 : -1 }
      text = next
      served = 0
      if !chunks.ended {
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { [chunks] in chunks.makeAhead() }
        ahead = group
      }
    }
    let given = min(count, text.count - served)
    text.withUnsafeBytes { text in buffer.copyMemory(from: text.baseAddress! + served, byteCount: given) }
    served += given
    return given
  }

  /// Waits for the job making the next chunk's text, if there is one.
  private func settle() {
    ahead?.wait()
    ahead = nil
  }

  /// Whether the text read so far had unpaired surrogates or an odd trailing byte.
  var hadInvalidSequences: Bool {
    settle()
    return chunks.transcoder.invalid
  }

  /// The bytes read so far: the file's size once `finish()` has run.
  var size: Int {
    settle()
    return chunks.size
  }

  /// Why the file could not be read to its end, if it could not.
  var readError: IngestError? {
    settle()
    return chunks.readError
  }

  /// Hashes what the reader left unread: the SHA-256 of the whole file, nil when it could not
  /// be read to its end.
  func finish() -> String? {
    settle()
    return chunks.hashRest()
  }

  /// The file, its hash and the transcoder's state: used by one thread at a time (the source's,
  /// or the job it waits for before it touches them again).
  private final class Chunks: @unchecked Sendable {
    let descriptor: Int32
    var transcoder: UTF16Transcoder
    var hasher: SHA256? = SHA256()
    /// The chunk read and not yet transcoded (its first `filled` bytes; none at the end).
    var chunk: [UInt8]
    var filled: Int
    var first = true
    var size = 0
    var readError: IngestError?
    /// Every chunk's text has been made.
    var ended = false
    /// A text already served, whose storage the next text reuses.
    var spare: [UInt8] = []
    /// The next text when `makeAhead` made it (nil inside when there was none).
    private var madeAhead: [UInt8]??

    init(descriptor: Int32, chunk: [UInt8], filled: Int, bigEndian: Bool) {
      self.descriptor = descriptor
      self.chunk = chunk
      self.filled = filled
      transcoder = UTF16Transcoder(bigEndian: bigEndian)
    }

    deinit { close(descriptor) }

    func makeAhead() { madeAhead = make() }

    /// The next chunk's text: made ahead, or made now; nil at the end or when a read failed.
    func next() -> [UInt8]? {
      if let made = madeAhead {
        madeAhead = nil
        return made
      }
      return make()
    }

    /// Hashes and transcodes the chunk read, then reads the next.
    private func make() -> [UInt8]? {
      guard !ended else { return nil }
      spare.removeAll(keepingCapacity: true)
      transcoder.output = spare
      spare = []
      if filled == 0 {
        ended = true
        transcoder.finish()
      } else {
        let skipped = first ? 2 : 0
        chunk.withUnsafeBytes { bytes in
          let read = UnsafeRawBufferPointer(rebasing: bytes[..<filled])
          hasher!.update(read)
          transcoder.add(UnsafeRawBufferPointer(rebasing: read[skipped...]))
        }
        size += filled
        first = false
        if !refill() { ended = true }
      }
      let text = transcoder.output
      transcoder.output = []
      return text.isEmpty && ended ? nil : text
    }

    /// Hashes the chunks no text was made of: the file's SHA-256, nil when a read failed.
    func hashRest() -> String? {
      while filled > 0 {
        chunk.withUnsafeBytes { hasher!.update(UnsafeRawBufferPointer(rebasing: $0[..<filled])) }
        size += filled
        guard refill() else { return nil }
      }
      guard readError == nil, let hasher = hasher.take() else { return nil }
      return hasher.finalizeHex()
    }

    /// Reads the next chunk; false (with `readError` set) when the read failed.
    private func refill() -> Bool {
      do {
        filled = try FileBytes.fill(&chunk, from: descriptor)
        return true
      } catch {
        filled = 0
        readError = error
        return false
      }
    }
  }
}
