/// Turns the parser's stream of line starts, text and tags into a node tree, checking that every
/// section, parent and block is closed by a matching end tag.
struct MustacheTreeBuilder {
  /// How deeply sections, parents and blocks may nest in one template.
  static let maximumNesting = 100

  /// An open container and the nodes collected inside it so far.
  private struct Frame {
    /// The opening tag; nil for the template itself.
    let tag: MustacheTag?
    /// The parsed name, for sections and inverted sections.
    var sectionName: MustacheName?
    var nodes: [MustacheNode] = []
  }

  let source: MustacheSource
  private var frames = [Frame(tag: nil, sectionName: nil)]

  init(source: MustacheSource) {
    self.source = source
  }

  /// Whether the innermost container is a parent, whose content other than blocks is ignored.
  private var insideParent: Bool {
    frames[frames.count - 1].tag?.kind == .parent
  }

  /// Marks the start of a template line that is kept.
  mutating func addLineStart() {
    guard !insideParent else { return }
    frames[frames.count - 1].nodes.append(.lineStart)
  }

  /// Adds literal text (at most one line).
  mutating func addText(_ text: String) {
    guard !insideParent, !text.isEmpty else { return }
    frames[frames.count - 1].nodes.append(.text(text))
  }

  /// Adds a tag: opens or closes a container, or adds a leaf node.
  mutating func add(_ tag: MustacheTag) throws(MustacheError) {
    switch tag.kind {
    case .comment, .setDelimiters:
      return
    case .variable, .unescaped:
      append(.variable(try name(of: tag), escaped: tag.kind == .variable))
    case .partial:
      append(
        .partial(
          name: tag.name, indentation: tag.standalone ? tag.lineIndentation : nil,
          offset: tag.start))
    case .section, .invertedSection, .parent, .block:
      var sectionName: MustacheName?
      if tag.kind == .section || tag.kind == .invertedSection { sectionName = try name(of: tag) }
      guard frames.count <= Self.maximumNesting else {
        throw MustacheError(
          .nestingTooDeep,
          "sections, parents and blocks nest more than \(Self.maximumNesting) deep",
          in: source, at: tag.start)
      }
      frames.append(Frame(tag: tag, sectionName: sectionName))
    case .close:
      try close(with: tag)
    }
  }

  /// The finished tree; fails when a container is still open.
  mutating func finish() throws(MustacheError) -> [MustacheNode] {
    if let open = frames.last?.tag {
      throw MustacheError(
        .syntax, "unclosed \(describe(open)), expected '{{/\(open.name)}}' before the end",
        in: source, at: open.start)
    }
    return frames[0].nodes
  }

  private mutating func close(with tag: MustacheTag) throws(MustacheError) {
    guard let open = frames[frames.count - 1].tag else {
      throw MustacheError(
        .syntax, "end tag '\(tag.name)' has no open section to close", in: source, at: tag.start)
    }
    guard open.name == tag.name else {
      let line = source.lineAndColumn(ofByte: open.start).line
      throw MustacheError(
        .syntax,
        "end tag '\(tag.name)' does not match \(describe(open)) opened on line \(line)",
        in: source, at: tag.start)
    }
    let frame = frames.removeLast()
    let children = frame.nodes
    switch open.kind {
    case .parent:
      var overrides: [String: [MustacheNode]] = [:]
      for case .block(let block) in children {
        overrides[block.name] = block.children
      }
      append(
        .parent(
          name: open.name, indentation: open.standalone ? open.lineIndentation : nil,
          overrides: overrides, offset: open.start))
    case .block:
      let indentation = blockIndentation(open: open, close: tag)
      append(
        .block(
          MustacheBlock(
            name: open.name, standalone: open.standalone,
            indentation: String(decoding: indentation, as: UTF8.self),
            children: Self.removing(indentation, from: children))))
    default:
      guard let name = frame.sectionName else { return }
      append(.section(name, inverted: open.kind == .invertedSection, children: children))
    }
  }

  /// Adds a node to the innermost container; a parent keeps only its blocks.
  private mutating func append(_ node: MustacheNode) {
    if insideParent {
      guard case .block = node else { return }
    }
    frames[frames.count - 1].nodes.append(node)
  }

  /// The dotted name of a variable or section tag.
  private func name(of tag: MustacheTag) throws(MustacheError) -> MustacheName {
    guard let name = MustacheName(tag.name) else {
      throw MustacheError(.syntax, "invalid name '\(tag.name)'", in: source, at: tag.start)
    }
    return name
  }

  /// How errors name an opening tag: "section 'a'", "parent 'b'", …
  private func describe(_ tag: MustacheTag) -> String {
    switch tag.kind {
    case .invertedSection: "inverted section '\(tag.name)'"
    case .parent: "parent '\(tag.name)'"
    case .block: "block '\(tag.name)'"
    default: "section '\(tag.name)'"
    }
  }
}
