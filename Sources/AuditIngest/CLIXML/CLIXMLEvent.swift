internal import CXMLBridge

/// One element event from a `CLIXMLStream`: a view of the bridge's `cxb_node`.
///
/// Byte views (`text`, `propertyName`) point into the reader and are valid only until the
/// stream's next `next(_:)` call; make strings from them before that.
struct CLIXMLEvent {
  /// What `CLIXMLStream.next(_:)` returned.
  enum Kind {
    case endOfDocument, start, end, leaf, error
  }

  /// The bridge's description of the element, filled by the stream.
  var node = cxb_node()

  /// The CLIXML element the event is about.
  var tag: cxb_tag { node.tag }

  /// Element depth; the root element is 0.
  var depth: Int { Int(node.depth) }

  /// 1-based line where the element starts.
  var line: Int { node.line }

  /// The element's local name, for messages.
  var elementName: String { node.name.map { String(cString: $0) } ?? "" }

  /// The `RefId` attribute; nil when absent or not a number.
  var refId: Int? { node.ref_id >= 0 ? Int(node.ref_id) : nil }

  /// Whether the element has a `RefId` attribute that is not a decimal number.
  var hasInvalidRefId: Bool { node.ref_id == -2 }

  /// The `N` attribute's bytes, or nil when absent.
  var propertyNameBytes: UnsafeRawBufferPointer? {
    guard let start = node.property_name else { return nil }
    return UnsafeRawBufferPointer(start: start, count: node.property_name_length)
  }

  /// A leaf's text bytes (empty for other events).
  var textBytes: UnsafeRawBufferPointer {
    guard let start = node.text else { return UnsafeRawBufferPointer(start: nil, count: 0) }
    return UnsafeRawBufferPointer(start: start, count: node.text_length)
  }

  /// Whether a leaf held child elements (not valid CLIXML).
  var leafHadElements: Bool { node.leaf_had_elements != 0 }
}
