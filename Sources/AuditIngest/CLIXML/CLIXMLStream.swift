internal import CXMLBridge

/// libxml2's process-wide initialisation, run once before the first reader (Swift runs a
/// global's initialiser exactly once, thread-safely).
private let libxml2Initialised: Void = cxb_init()

/// One bridge reader over UTF-8, in a buffer or from a source: the single owner of a `cxb_reader`.
///
/// A stream exists only inside `CLIXMLStream.reading(_:maxDepth:_:)`, so neither it nor the
/// input it reads can outlive the buffer or the source.
final class CLIXMLStream {
  private let reader: OpaquePointer

  private init(reader: OpaquePointer) {
    self.reader = reader
  }

  deinit {
    cxb_reader_free(reader)
  }

  /// Opens a stream over `bytes` for the duration of `body`.
  ///
  /// - Returns: `body`'s result, or nil when the reader could not be allocated.
  /// - Warning: Do not let the stream escape `body`: it reads `bytes` in place.
  static func reading<Result>(
    _ bytes: UnsafeRawBufferPointer, maxDepth: Int, _ body: (CLIXMLStream) -> Result
  ) -> Result? {
    _ = libxml2Initialised
    guard let reader = cxb_reader_open_memory(bytes.baseAddress, bytes.count, Int32(clamping: maxDepth))
    else { return nil }
    let stream = CLIXMLStream(reader: reader)
    return withExtendedLifetime(stream) { body(stream) }
  }

  /// Opens a stream over the UTF-8 that `source` gives as the parser asks, for the duration of
  /// `body`.
  ///
  /// - Returns: `body`'s result, or nil when the reader could not be allocated.
  static func reading<Result>(
    _ source: UTF16FileSource, maxDepth: Int, _ body: (CLIXMLStream) -> Result
  ) -> Result? {
    _ = libxml2Initialised
    let give: cxb_source_fn = { context, buffer, length in
      Unmanaged<UTF16FileSource>.fromOpaque(context!).takeUnretainedValue().read(into: buffer, count: length)
    }
    return withExtendedLifetime(source) {
      let context = Unmanaged.passUnretained(source).toOpaque()
      guard let reader = cxb_reader_open_source(give, context, Int32(clamping: maxDepth)) else { return nil }
      let stream = CLIXMLStream(reader: reader)
      return withExtendedLifetime(stream) { body(stream) }
    }
  }

  /// Advances to the next element event, describing it in `event`.
  ///
  /// The strings in `event` belong to the reader and stay valid until the next call.
  func next(_ event: inout CLIXMLEvent) -> CLIXMLEvent.Kind {
    let kind = cxb_reader_next(reader, &event.node)
    switch kind {
    case .endOfDocument: return .endOfDocument
    case .start: return .start
    case .end: return .end
    case .leaf: return .leaf
    case .error: return .error
    }
  }

  /// The first error the reader met, if any.
  var error: CLIXMLStreamError? {
    var error = cxb_error()
    guard cxb_reader_error(reader, &error) != 0 else { return nil }
    let message = error.message.map { String(cString: $0) } ?? ""
    return CLIXMLStreamError(
      kind: CLIXMLStreamError.Kind(error.kind), line: error.line, column: Int(error.column),
      byteOffset: error.byte_offset >= 0 ? Int(error.byte_offset) : nil, message: message,
      isRecoverable: error.recoverable != 0)
  }

  /// The line the parser has reached (a little ahead of the current event).
  var parserLine: Int { cxb_reader_line(reader) }
}

/// Why a stream stopped, as the bridge classified it.
struct CLIXMLStreamError: Sendable, Hashable {
  enum Kind: Sendable, Hashable {
    case malformed, truncated, encoding, doctype, entity, depth, resources
  }

  var kind: Kind
  /// 1-based line and column, 0 when unknown.
  var line: Int
  var column: Int
  var byteOffset: Int?
  /// libxml2's (or the bridge's) one-line message.
  var message: String
  /// libxml2 recovered and kept parsing.
  var isRecoverable: Bool
}

extension CLIXMLStreamError.Kind {
  fileprivate init(_ kind: cxb_error_kind) {
    switch kind {
    case .none, .malformed: self = .malformed
    case .truncated: self = .truncated
    case .encoding: self = .encoding
    case .doctype: self = .doctype
    case .entity: self = .entity
    case .depth: self = .depth
    case .resources: self = .resources
    }
  }
}
