/// A parsed template: its source (for error locations) and its node tree.
struct MustacheParsedTemplate: Sendable {
  let source: MustacheSource
  let nodes: [MustacheNode]

  init(source: MustacheSource) throws(MustacheError) {
    self.source = source
    self.nodes = try MustacheParser.parse(source)
  }
}

/// Walks a parsed template against a context stack, appending everything to one output string.
struct MustacheRenderer {
  /// How many partials and parents may be expanded inside one another.
  static let maximumPartialDepth = 100
  /// How many sections, blocks and partials may be open at once across all templates.
  ///
  /// Rendering recurses once per level; debug builds on a test thread crash somewhere between
  /// 2,000 and 3,000 levels, so this stays well below that.
  static let maximumDepth = 500

  /// What the next line start or output must do about indentation, just after content was
  /// inserted by a partial, parent or block.
  private enum LineState: Equatable {
    /// Line starts write the indentation; output is written as is.
    case normal
    /// The insertion replaced a standalone line: indent before the first output.
    case indentBeforeOutput
    /// The insertion continues a line: its first line start writes nothing.
    case skipNextLineStart
  }

  /// Blocks given by one parent tag, with the template they were written in.
  private struct OverrideScope {
    let blocks: [String: [MustacheNode]]
    let source: MustacheSource
  }

  private(set) var output = ""
  private var indentation = ""
  private var lineState = LineState.normal
  private var contexts: [MustacheValue]
  /// Enclosing parents' blocks, outermost first: the outermost definition of a block wins.
  private var overrideScopes: [OverrideScope] = []
  private var partialDepth = 0
  private var depth = 0
  private let partialSources: [String: String]
  private var parsedPartials: [String: MustacheParsedTemplate] = [:]
  private let escape: @Sendable (String) -> String

  init(
    context: MustacheValue, partials: [String: String], escape: @escaping @Sendable (String) -> String
  ) {
    self.contexts = [context]
    self.partialSources = partials
    self.escape = escape
  }

  /// Renders a whole template.
  mutating func render(_ template: MustacheParsedTemplate) throws(MustacheError) {
    try render(template.nodes, from: template.source)
  }

  /// Renders nodes in order. Each case is handled in its own function to keep this frame, which
  /// recursion repeats once per nesting level, small.
  private mutating func render(
    _ nodes: [MustacheNode], from source: MustacheSource
  ) throws(MustacheError) {
    for node in nodes {
      switch node {
      case .text(let text):
        write(text)
      case .lineStart:
        startLine()
      case .variable(let name, let escaped):
        interpolate(name, escaped: escaped)
      case .section(let name, let inverted, let children):
        try renderSection(name, inverted: inverted, children: children, from: source)
      case .partial(let name, let partialIndentation, let offset):
        try include(name, indentation: partialIndentation, at: offset, from: source)
      case .parent(let name, let parentIndentation, let overrides, let offset):
        try includeParent(
          name, indentation: parentIndentation, overrides: overrides, at: offset, from: source)
      case .block(let block):
        try renderBlock(block, from: source)
      }
    }
  }

  private mutating func interpolate(_ name: MustacheName, escaped: Bool) {
    guard let value = resolve(name) else { return }
    let text = value.interpolationText
    if !text.isEmpty { write(escaped ? escape(text) : text) }
  }

  // MARK: - Sections

  private mutating func renderSection(
    _ name: MustacheName, inverted: Bool, children: [MustacheNode], from source: MustacheSource
  ) throws(MustacheError) {
    let value = resolve(name) ?? .null
    depth += 1
    defer { depth -= 1 }
    if inverted {
      if !value.isTruthy { try render(children, from: source) }
      return
    }
    switch value {
    case .list(let items):
      for item in items {
        contexts.append(item)
        defer { contexts.removeLast() }
        try render(children, from: source)
      }
    default:
      guard value.isTruthy else { return }
      contexts.append(value)
      defer { contexts.removeLast() }
      try render(children, from: source)
    }
  }

  // MARK: - Partials, parents and blocks

  /// Renders the partial `name` in place (nothing when there is no such partial).
  /// A standalone tag indents every line of the partial by its own indentation.
  private mutating func include(
    _ name: String, indentation tagIndentation: String?, at offset: Int,
    from source: MustacheSource
  ) throws(MustacheError) {
    guard partialDepth < Self.maximumPartialDepth else {
      throw MustacheError(
        .partialRecursion,
        "partials nest more than \(Self.maximumPartialDepth) deep, is '\(name)' recursive",
        in: source, at: offset)
    }
    // Checked here only: within one template the parser already limits nesting.
    guard depth < Self.maximumDepth else {
      throw MustacheError(
        .nestingTooDeep,
        "sections, blocks and partials nest more than \(Self.maximumDepth) deep",
        in: source, at: offset)
    }
    guard let template = try partial(named: name) else { return }
    partialDepth += 1
    defer { partialDepth -= 1 }
    if let tagIndentation {
      try insert(
        template.nodes, from: template.source, indentation: indentation + tagIndentation,
        standalone: true)
    } else {
      // An inline partial's lines are not indented, as if its text were pasted in place.
      try insert(template.nodes, from: template.source, indentation: "", standalone: false)
    }
  }

  /// Renders the parent template `name` with this parent tag's blocks overriding its own.
  private mutating func includeParent(
    _ name: String, indentation tagIndentation: String?, overrides: [String: [MustacheNode]],
    at offset: Int, from source: MustacheSource
  ) throws(MustacheError) {
    overrideScopes.append(OverrideScope(blocks: overrides, source: source))
    defer { overrideScopes.removeLast() }
    try include(name, indentation: tagIndentation, at: offset, from: source)
  }

  /// Renders a block: the outermost enclosing parent's content for it, or its default content.
  private mutating func renderBlock(
    _ block: MustacheBlock, from source: MustacheSource
  ) throws(MustacheError) {
    let content = override(named: block.name) ?? (block.children, source)
    try insert(
      content.nodes, from: content.source, indentation: indentation + block.indentation,
      standalone: block.standalone)
  }

  /// Renders inserted content with its own indentation; `standalone` content replaced a whole
  /// line, other content continues the current line.
  private mutating func insert(
    _ nodes: [MustacheNode], from source: MustacheSource, indentation newIndentation: String,
    standalone: Bool
  ) throws(MustacheError) {
    let savedIndentation = indentation
    let savedLineState = lineState
    let entryLineState: LineState = standalone ? .indentBeforeOutput : .skipNextLineStart
    indentation = newIndentation
    lineState = entryLineState
    defer {
      indentation = savedIndentation
      // Content that wrote nothing leaves the line as it found it.
      if lineState == entryLineState { lineState = savedLineState }
    }
    depth += 1
    defer { depth -= 1 }
    try render(nodes, from: source)
  }

  /// The parsed partial, parsed on first use; nil when no partial has that name.
  private mutating func partial(
    named name: String
  ) throws(MustacheError) -> MustacheParsedTemplate? {
    if let parsed = parsedPartials[name] { return parsed }
    guard let text = partialSources[name] else { return nil }
    let parsed = try MustacheParsedTemplate(source: MustacheSource(name: name, text: text))
    parsedPartials[name] = parsed
    return parsed
  }

  /// The outermost enclosing parent's content for a block, if any parent gives one.
  private func override(
    named name: String
  ) -> (nodes: [MustacheNode], source: MustacheSource)? {
    for scope in overrideScopes {
      if let nodes = scope.blocks[name] { return (nodes, scope.source) }
    }
    return nil
  }

  // MARK: - Output

  private mutating func write(_ text: String) {
    if lineState == .indentBeforeOutput { output += indentation }
    lineState = .normal
    output += text
  }

  private mutating func startLine() {
    if lineState == .skipNextLineStart {
      lineState = .normal
      return
    }
    lineState = .normal
    output += indentation
  }

  // MARK: - Names

  /// Resolves a dotted name: the first part against the context stack from the top down, each
  /// further part against the previous result only. Nil when any part is missing.
  private func resolve(_ name: MustacheName) -> MustacheValue? {
    guard let first = name.components.first else { return contexts.last }
    var found: MustacheValue?
    for context in contexts.reversed() {
      if case .object(let fields) = context, let value = fields[first] {
        found = value
        break
      }
    }
    guard var value = found else { return nil }
    for component in name.components.dropFirst() {
      guard case .object(let fields) = value, let next = fields[component] else { return nil }
      value = next
    }
    return value
  }
}
