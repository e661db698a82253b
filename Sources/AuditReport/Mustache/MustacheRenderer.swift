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
  /// How many bytes one rendering may produce: 64 MiB, far above any narrative (tens of KiB) and
  /// low enough that a template whose sections or partials repeat each other fails in a second
  /// instead of filling memory.
  static let maximumOutputBytes = 64 << 20
  /// How many template nodes one rendering may visit: a template that repeats sections over
  /// lists inside one another can do exponential work while writing nothing. The bundled
  /// narratives visit about 5,000.
  static let maximumSteps = 1_000_000

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
  private var outputBytes = 0
  private var steps = 0
  /// The partial or parent tag whose content is being rendered (the template's start at the
  /// top): where a limit of the whole rendering is reported.
  private var place = (source: MustacheSource(name: "template", text: ""), offset: 0)
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
    place = (template.source, 0)
    try render(template.nodes, from: template.source)
  }

  /// Renders nodes in order. Each case is handled in its own function to keep this frame, which
  /// recursion repeats once per nesting level, small.
  private mutating func render(
    _ nodes: [MustacheNode], from source: MustacheSource
  ) throws(MustacheError) {
    for node in nodes {
      steps += 1
      if steps > Self.maximumSteps { throw limitError(.renderingTooLong, "\(Self.maximumSteps) steps") }
      switch node {
      case .text(let text):
        try write(text)
      case .lineStart:
        try startLine()
      case .variable(let name, let escaped):
        try interpolate(name, escaped: escaped)
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

  private mutating func interpolate(_ name: MustacheName, escaped: Bool) throws(MustacheError) {
    guard let value = resolve(name) else { return }
    let text = value.interpolationText
    if !text.isEmpty { try write(escaped ? escape(text) : text) }
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
    let enclosingPlace = place
    place = (source, offset)
    defer {
      partialDepth -= 1
      place = enclosingPlace
    }
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

  private mutating func write(_ text: String) throws(MustacheError) {
    if lineState == .indentBeforeOutput { try append(indentation) }
    lineState = .normal
    try append(text)
  }

  private mutating func startLine() throws(MustacheError) {
    if lineState == .skipNextLineStart {
      lineState = .normal
      return
    }
    lineState = .normal
    try append(indentation)
  }

  /// Appends to the output, failing once the output would pass `maximumOutputBytes`.
  private mutating func append(_ text: String) throws(MustacheError) {
    outputBytes += text.utf8.count
    if outputBytes > Self.maximumOutputBytes {
      throw limitError(.outputTooLarge, "\(Self.maximumOutputBytes >> 20) MiB of output")
    }
    output += text
  }

  /// The error for a limit of the whole rendering, at the tag whose content was being rendered.
  private func limitError(_ code: MustacheError.Code, _ limit: String) -> MustacheError {
    MustacheError(
      code, "rendering stopped after \(limit), do sections or partials repeat one another",
      in: place.source, at: place.offset)
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
