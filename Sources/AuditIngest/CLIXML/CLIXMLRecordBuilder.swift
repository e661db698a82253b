import AuditModel
internal import CXMLBridge

/// Turns a stream of CLIXML element events into records, one per top-level `<Obj>`.
///
/// Only the frames of the record being read are held, plus the bounded back-reference
/// store; each record is handed to `emit` as soon as its `</Obj>` is read.
struct CLIXMLRecordBuilder {
  /// The file name used in locations.
  let file: String
  /// The deepest element nesting accepted.
  let maxDepth: Int
  /// Bytes of the file before the UTF-8 the parser reads (a BOM), to turn parser offsets
  /// into file offsets; nil when they do not correspond (transcoded UTF-16).
  let fileOffsetOfInput: Int?
  /// The report being filled in.
  var report: ReaderReport

  private var stack: [CLIXMLFrame] = []
  private var references = CLIXMLReferences()
  private var fieldCache = CLIXMLFieldCache()
  /// Elements read so far, to measure objects for the back-reference store.
  private var elementCount = 0
  private var emittedCount = 0
  /// The previous record's field count, to size the next record's fields.
  private var recordFieldCount = 0
  private var rootOpened = false
  private var rootClosed = false
  /// Top-level elements seen: `Obj`s, and others by name, for paths like `Obj[3]`.
  private var topLevelObjects = 0
  private var topLevelOthers: [String: Int] = [:]
  /// The open top-level element's path, and why its record must be rejected, if it must.
  private var recordPath: String?
  private var recordProblem: String?
  /// Warnings by kind, so that a file with 100 000 alike problems lists only the first few.
  private var warningCounts: [String: (count: Int, message: String)] = [:]
  private static let warningsListedPerKind = 10

  init(file: String, maxDepth: Int, fileOffsetOfInput: Int?, report: ReaderReport) {
    self.file = file
    self.maxDepth = maxDepth
    self.fileOffsetOfInput = fileOffsetOfInput
    self.report = report
  }

  /// Reads every event of `stream`, emitting records, then records how reading ended.
  mutating func read(_ stream: CLIXMLStream, emit: (Record) -> Void) {
    var event = CLIXMLEvent()
    reading: while true {
      switch stream.next(&event) {
      case .start:
        guard start(event) else { break reading }
      case .end:
        end(emit: emit)
      case .leaf:
        guard leaf(event, emit: emit) else { break reading }
      case .endOfDocument, .error:
        break reading
      }
    }
    finish(stream)
  }

  // MARK: - Events

  /// Opens a structural element; returns false when reading must stop.
  private mutating func start(_ event: CLIXMLEvent) -> Bool {
    elementCount += 1
    guard let parent = stack.indices.last else { return openRoot(event) }
    let parentRole = stack[parent].role
    var role = CLIXMLFrame.Role.ignored
    var owner = -1
    var propertyName: String?
    var refId: Int?
    switch (event.tag, parentRole) {
    case (.obj, .root), (.obj, .members), (.obj, .list), (.obj, .entry):
      role = .object
      refId = event.refId
      if parentRole == .root {
        beginTopLevel(isObject: true, event)
      } else if parentRole != .list {
        propertyName = event.propertyNameBytes.map(CLIXMLText.string)
      }
    case (.tn, .object):
      role = .typeNames
      owner = parent
      refId = event.refId
    case (.props, .object), (.ms, .object):
      role = .members
      owner = parent
      if parent == 1 && !stack[parent].hasMembers {
        // Records of one file look alike: size the fields like the previous record's.
        stack[parent].fields.reserveCapacity(recordFieldCount)
      }
      stack[parent].hasMembers = true
    case (.lst, .object), (.ie, .object), (.stk, .object), (.que, .object):
      role = .list
      owner = parent
      stack[parent].collection = .list
    case (.dct, .object):
      role = .dictionary
      owner = parent
      stack[parent].collection = .dictionary
    case (.en, .dictionary):
      role = .entry
      owner = stack[parent].owner
    case (_, .root):
      beginTopLevel(isObject: false, event)
    case (_, .ignored):
      break
    default:
      misplaced(event)
    }
    stack.append(
      CLIXMLFrame(
        role: role, owner: owner, line: event.line, propertyName: propertyName, refId: refId,
        firstElement: elementCount))
    return true
  }

  /// Closes a structural element.
  private mutating func end(emit: (Record) -> Void) {
    guard var frame = stack.popLast() else { return }
    let atTopLevel = stack.count == 1
    switch frame.role {
    case .root:
      rootClosed = true
    case .object:
      frame.appendToStringField()
      let value = frame.objectValue
      if let refId = frame.refId {
        let object = CLIXMLReferences.Object(value: value, typeNames: frame.typeNames)
        references.keep(object, refId: refId, cost: elementCount - frame.firstElement + 1)
      }
      if atTopLevel {
        finishTopLevel(frame, emit: emit)
      } else {
        deliver(value, named: frame.propertyName)
      }
    case .typeNames:
      if let refId = frame.refId, frame.owner >= 0 {
        references.keepTypeNames(
          stack[frame.owner].typeNames, isEnum: stack[frame.owner].isEnum, refId: refId)
      }
    case .entry:
      if frame.owner >= 0, let key = frame.key {
        stack[frame.owner].entries.append(Field(key.text ?? "", frame.value ?? .null))
      }
    case .ignored:
      if atTopLevel { rejectTopLevel(line: frame.line, "a top-level element that is not an <Obj>") }
    case .members, .list, .dictionary:
      break
    }
  }

  /// Reads a leaf element; returns false when reading must stop.
  private mutating func leaf(_ event: CLIXMLEvent, emit: (Record) -> Void) -> Bool {
    elementCount += 1
    guard let parent = stack.indices.last else { return openRoot(event) }
    if event.leafHadElements {
      problem("<\(event.elementName)> holds child elements, which clixml never writes")
    }
    if event.tag == .other { warnUnknownElement(event) }
    switch stack[parent].role {
    case .typeNames:
      if event.tag == .t {
        let owner = stack[parent].owner
        let name = CLIXMLText.string(event.textBytes)
        if CLIXMLFrame.isEnumTypeName(name) { stack[owner].isEnum = true }
        stack[owner].typeNames.append(name)
      } else {
        misplaced(event)
      }
    case .object:
      objectPart(event, of: parent)
    case .members where stack[parent].owner == 1 && event.isPrimitive:
      // A record's own property: reuse the previous record's field when it repeats.
      let record = 1
      guard let name = event.propertyNameBytes else {
        problem("a property without a name (N attribute)")
        return true
      }
      let field = fieldCache.field(
        at: stack[record].fields.count, tag: event.tag, name: name, value: event.textBytes
      ) { name in Field(name, event.primitiveValue ?? .null) }
      stack[record].fields.append(field)
    case .members, .list, .entry:
      guard let value = value(of: event) else { return misplaced(event) }
      deliver(value, named: event.propertyNameBytes.map(CLIXMLText.string))
    case .root:
      topLevelLeaf(event, emit: emit)
    case .dictionary:
      misplaced(event)
    case .ignored:
      break
    }
    return true
  }

  /// A leaf directly inside an `Obj`: its type list, `ToString`, or a primitive value.
  private mutating func objectPart(_ event: CLIXMLEvent, of object: Int) {
    switch event.tag {
    case .tnRef:
      guard let refId = event.refId else { return }
      if let (names, isEnum) = references.typeNames(refId) {
        stack[object].typeNames = names
        stack[object].isEnum = isEnum
      } else {
        warn(CLIXMLDiagnostics.unresolvedTypeNames(refId, location(line: event.line)), kind: "tnref")
      }
    case .toString where object == 1:
      let field = fieldCache.toStringField(event.textBytes)
      if case .string(let text) = field.value { stack[object].toString = text }
      stack[object].toStringField = field
    case .toString:
      stack[object].toString = CLIXMLText.string(event.textBytes)
    case .t, .ref:
      misplaced(event)
    default:
      if let value = event.primitiveValue { stack[object].primitive = value }
    }
  }

  /// The value of a leaf that stands for a value: a primitive, or a resolved `Ref`.
  private mutating func value(of event: CLIXMLEvent) -> FieldValue? {
    guard event.tag == .ref else { return event.primitiveValue }
    guard let refId = event.refId else { return .null }
    if let object = references.object(refId) { return object.value }
    warn(CLIXMLDiagnostics.unresolvedReference(refId, location(line: event.line)), kind: "ref")
    return .null
  }

  /// Hands a completed value to the frame it belongs to.
  private mutating func deliver(_ value: FieldValue, named name: String?) {
    guard let top = stack.indices.last else { return }
    let owner = stack[top].owner
    switch stack[top].role {
    case .members:
      guard let name, owner >= 0 else { return problem("a property without a name (N attribute)") }
      stack[owner].fields.append(Field(name, value))
    case .list:
      if owner >= 0 { stack[owner].items.append(value) }
    case .entry:
      switch name {
      case "Key": stack[top].key = value
      case "Value": stack[top].value = value
      default: problem("a dictionary entry part named \(name.map { "\"\($0)\"" } ?? "without a name")")
      }
    case .root, .object, .typeNames, .dictionary, .ignored:
      break
    }
  }

  // MARK: - Records

  /// Opens the root element, which must be `<Objs>`.
  private mutating func openRoot(_ event: CLIXMLEvent) -> Bool {
    guard !rootOpened, event.tag == .objs, event.depth == 0 else {
      if !rootClosed {
        let at = SourceLocation(file: file, line: event.line)
        report.diagnostics.append(CLIXMLDiagnostics.notCLIXML(root: event.elementName, at))
      }
      return false
    }
    rootOpened = true
    stack.append(CLIXMLFrame(role: .root, line: event.line))
    return true
  }

  /// Starts a top-level element: a record if it is an `Obj`.
  private mutating func beginTopLevel(isObject: Bool, _ event: CLIXMLEvent) {
    if isObject {
      topLevelObjects += 1
      recordPath = "Obj[" + String(topLevelObjects) + "]"
    } else {
      let name = event.elementName
      let index = topLevelOthers[name, default: 0] + 1
      topLevelOthers[name] = index
      recordPath = "\(name)[\(index)]"
    }
    recordProblem = nil
  }

  /// A leaf at the top level: a `Ref` to an earlier record repeats it; anything else is
  /// rejected (Export-Clixml writes `<S>` there for a piped string, not an object).
  private mutating func topLevelLeaf(_ event: CLIXMLEvent, emit: (Record) -> Void) {
    beginTopLevel(isObject: false, event)
    defer { recordPath = nil }
    let name = event.elementName
    guard event.tag == .ref else {
      return rejectTopLevel(line: event.line, "a top-level <\(name)> value, not an object")
    }
    guard let refId = event.refId, let object = references.object(refId),
      case .object(let fields) = object.value
    else {
      return rejectTopLevel(
        line: event.line, "a top-level <Ref> to an object that is unknown or was not kept")
    }
    emitRecord(
      Record(fields: fields, location: location(line: event.line), typeNames: object.typeNames), emit)
  }

  /// Completes a top-level `Obj`: emits its record or rejects it.
  private mutating func finishTopLevel(_ frame: CLIXMLFrame, emit: (Record) -> Void) {
    defer { recordPath = nil }
    if let recordProblem { return rejectTopLevel(line: frame.line, recordProblem) }
    if !frame.hasMembers && (frame.collection != .none || frame.primitive != nil || frame.isEnum) {
      return rejectTopLevel(line: frame.line, "a top-level <Obj> that holds a list or a value, not an object")
    }
    recordFieldCount = frame.fields.count
    let record = Record(
      fields: frame.fields, location: location(line: frame.line), typeNames: frame.typeNames)
    emitRecord(record, emit)
  }

  private mutating func emitRecord(_ record: Record, _ emit: (Record) -> Void) {
    if emittedCount == 0 {
      report.columns = record.fields.map(\.name)
      report.typeName = record.typeNames.first
    }
    emittedCount += 1
    emit(record)
  }

  private mutating func rejectTopLevel(line: Int, _ reason: String) {
    report.rejected.append(RejectedRow(location: location(line: line), reason: reason))
  }

  // MARK: - Problems

  /// Marks the current record as not valid CLIXML (it will be rejected, not emitted).
  private mutating func problem(_ reason: String) {
    if recordProblem == nil { recordProblem = reason }
  }

  /// Notes an element where CLIXML does not put it; returns true (reading goes on).
  @discardableResult
  private mutating func misplaced(_ event: CLIXMLEvent) -> Bool {
    problem("<\(event.elementName)> where clixml does not put it (line \(event.line))")
    return true
  }

  private mutating func warnUnknownElement(_ event: CLIXMLEvent) {
    let name = event.elementName
    warn(CLIXMLDiagnostics.unknownElement(name, location(line: event.line)), kind: "element:\(name)")
  }

  /// Adds a warning, listing only the first few of each kind.
  private mutating func warn(_ diagnostic: Diagnostic, kind: String) {
    var entry = warningCounts[kind] ?? (0, diagnostic.message)
    entry.count += 1
    warningCounts[kind] = entry
    if entry.count <= Self.warningsListedPerKind { report.diagnostics.append(diagnostic) }
  }

  // MARK: - Locations and the end

  /// A location in the current record.
  private func location(line: Int, column: Int = 0) -> SourceLocation {
    SourceLocation(file: file, line: line, column: column, path: currentPath)
  }

  /// The open top-level element's path or, between records, the next record's.
  private var currentPath: String? {
    if let recordPath { return recordPath }
    return rootOpened && !rootClosed ? "Obj[\(topLevelObjects + 1)]" : nil
  }

  /// Records how reading ended: the stream's error, if any, and the counts.
  private mutating func finish(_ stream: CLIXMLStream) {
    if let error = stream.error {
      let at = location(line: error.line, column: error.column)
      let offset = error.byteOffset.flatMap { offset in fileOffsetOfInput.map { offset + $0 } }
      report.diagnostics.append(CLIXMLDiagnostics.stopped(error, at, maxDepth: maxDepth, byteOffset: offset))
    }
    for (_, entry) in warningCounts.sorted(by: { $0.key < $1.key })
    where entry.count > Self.warningsListedPerKind {
      report.diagnostics.append(
        CLIXMLDiagnostics.suppressed(
          entry.count - Self.warningsListedPerKind, like: entry.message, file: file))
    }
    report.recordCount = emittedCount + report.rejected.count
  }
}
