import AuditModel
import Foundation
import Testing

@testable import AuditIngest

// Writers that serialise fixtures the way PowerShell does (FORMATS.md §2.2–2.4), so that a test
// states its data once and reads it back in every shape.

/// One input file of a fixture: its name and its bytes exactly as written.
struct PitfallFile: Sendable {
  var name: String
  var bytes: [UInt8]

  init(_ name: String, _ text: String, _ encoding: FileEncoding = .utf8) {
    self.name = name
    self.bytes = encoding.encode(text)
  }

  init(_ name: String, bytes: [UInt8]) {
    self.name = name
    self.bytes = bytes
  }
}

/// Reads the files (in order) through `FileIngestor.ingest(bytes:input:)` and builds the inventory.
func ingestFiles(_ files: [PitfallFile]) -> IngestOutcome {
  let ingested = files.map {
    FileIngestor.ingest(
      bytes: $0.bytes,
      input: InputFile(displayPath: $0.name, url: URL(fileURLWithPath: "/nonexistent/" + $0.name)))
  }
  return IngestOutcome(files: ingested, inventory: InventoryBuilder.build(ingested))
}

/// The encodings the PowerShell hosts write (FORMATS.md §2.2, §10.1).
enum FileEncoding: String, Sendable, CaseIterable {
  /// PowerShell 7 default (utf8NoBOM).
  case utf8
  /// Windows PowerShell 5.1 `-Encoding UTF8`.
  case utf8BOM
  /// Windows PowerShell 5.1 `Out-File`/`>` and Export-Clixml default (`Unicode`).
  case utf16LE
  /// `-Encoding BigEndianUnicode`.
  case utf16BE
  /// Windows PowerShell 5.1 Export-Csv default: every non-ASCII UTF-16 unit becomes `?`.
  case ascii
  /// `-Encoding Default` on a western-European Windows: the ANSI code page 1252.
  case windows1252

  func encode(_ text: String) -> [UInt8] {
    switch self {
    case .utf8: Array(text.utf8)
    case .utf8BOM: [0xEF, 0xBB, 0xBF] + Array(text.utf8)
    case .utf16LE: [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    case .utf16BE: [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    case .ascii: text.utf16.map { $0 < 0x80 ? UInt8($0) : UInt8(ascii: "?") }
    case .windows1252:
      text.unicodeScalars.map { scalar in
        switch scalar.value {
        case 0..<0x80, 0xA0..<0x100: UInt8(scalar.value)
        case 0x20AC: 0x80  // €
        case 0x201E: 0x84  // „
        case 0x201C: 0x93  // “
        default: UInt8(ascii: "?")
        }
      }
    }
  }
}

/// How Export-Csv quotes: 5.1 always; 7.x `-UseQuotes AsNeeded`.
enum CSVQuoting: Sendable {
  case always
  case asNeeded
}

/// A CSV document as Export-Csv writes it: optional `#TYPE` line, header, rows.
func exportCSV(
  _ rows: [[String]], type: String? = nil, delimiter: Character = ",", quoting: CSVQuoting = .always,
  newline: String = "\r\n"
) -> String {
  var text = type.map { "#TYPE " + $0 + newline } ?? ""
  for row in rows {
    let cells = row.map { cell -> String in
      let needsQuotes =
        quoting == .always || cell.contains(delimiter) || cell.contains("\"") || cell.contains("\n")
        || cell.contains("\r")
      return needsQuotes ? "\"" + cell.replacing("\"", with: "\"\"") + "\"" : cell
    }
    text += cells.joined(separator: String(delimiter)) + newline
  }
  return text
}

/// A JSON string literal, escaped as ConvertTo-Json escapes.
func jsonString(_ text: String) -> String {
  var out = "\""
  for scalar in text.unicodeScalars {
    switch scalar {
    case "\"": out += "\\\""
    case "\\": out += "\\\\"
    case "\n": out += "\\n"
    case "\r": out += "\\r"
    case "\t": out += "\\t"
    default: out.unicodeScalars.append(scalar)
    }
  }
  return out + "\""
}

/// A JSON object from members whose values are already JSON text, compact (JSONL) or
/// PowerShell 7 style (2-space indent, one space after the colon).
func jsonObject(_ members: [(String, String)], indent: String? = nil) -> String {
  guard let indent else {
    return "{" + members.map { jsonString($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
  }
  let inner = indent + "  "
  return "{\n"
    + members.map { inner + jsonString($0.0) + ": " + $0.1 }.joined(separator: ",\n")
    + "\n" + indent + "}"
}

/// A JSON array as PowerShell 7 ConvertTo-Json writes the pipeline (2-space indent).
func jsonArray(_ objects: [[(String, String)]]) -> String {
  "[\n" + objects.map { "  " + jsonObject($0, indent: "  ") }.joined(separator: ",\n") + "\n]"
}

/// A JSON array of JSON values, compact.
func jsonList(_ values: [String]) -> String {
  "[" + values.joined(separator: ",") + "]"
}

/// Builds Export-Clixml documents in document order, with `RefId`s and `TN`/`TNRef` reuse as
/// PowerShell writes them.
struct CLIXMLWriter {
  private var nextObject = 0
  private var typeNames: [[String]: Int] = [:]

  static let enumTypes = ["System.Enum", "System.ValueType", "System.Object"]

  /// `<Objs>` around the records.
  static func document(_ body: String) -> String {
    "<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">\r\n" + body
      + "</Objs>"
  }

  static func escape(_ text: String) -> String {
    text.replacing("&", with: "&amp;").replacing("<", with: "&lt;").replacing(">", with: "&gt;")
      .replacing("\"", with: "&quot;")
  }

  private static func named(_ name: String?) -> String {
    name.map { " N=\"\(escape($0))\"" } ?? ""
  }

  /// `<TN RefId>` the first time a type list is written, `<TNRef>` after.
  mutating func typeList(_ names: [String]) -> String {
    if let id = typeNames[names] { return "<TNRef RefId=\"\(id)\" />" }
    let id = typeNames.count
    typeNames[names] = id
    return "<TN RefId=\"\(id)\">" + names.map { "<T>\(Self.escape($0))</T>" }.joined() + "</TN>"
  }

  /// Opens an `<Obj>` with its type list; the caller writes its parts and `</Obj>`.
  mutating func open(_ name: String? = nil, types: [String]) -> String {
    let id = nextObject
    nextObject += 1
    return "<Obj\(Self.named(name)) RefId=\"\(id)\">" + typeList(types)
  }

  /// An enum value: `ToString` gives the name, `I32` the number.
  mutating func enumeration(_ name: String? = nil, type: String, text: String, value: Int) -> String {
    open(name, types: [type] + Self.enumTypes)
      + "<ToString>\(Self.escape(text))</ToString><I32>\(value)</I32></Obj>"
  }

  /// A list property: `<Obj N><TN/><LST>items</LST></Obj>`.
  mutating func list(_ name: String? = nil, types: [String], items: [String]) -> String {
    let head = open(name, types: types)
    return head + (items.isEmpty ? "<LST />" : "<LST>" + items.joined() + "</LST>") + "</Obj>"
  }

  static func s(_ name: String?, _ value: String) -> String {
    "<S\(named(name))>\(escape(value))</S>"
  }

  static func b(_ name: String, _ value: Bool) -> String {
    "<B\(named(name))>\(value ? "true" : "false")</B>"
  }

  static func i32(_ name: String, _ value: Int) -> String {
    "<I32\(named(name))>\(value)</I32>"
  }
}

/// The grants of an inventory, one line each: `mailbox|trustee|right|inherited|kind`.
func grantLines(_ inventory: Inventory) -> [String] {
  inventory.grants.map {
    "\($0.key.mailbox)|\($0.key.trustee)|\($0.key.right.name)\($0.key.folder.map { "|" + $0 } ?? "")"
      + "|\($0.isInherited ? "inherited" : "explicit")|\($0.trusteeKind.rawValue)"
  }
}

/// The exclusions of an inventory, one line each: `rule location`.
func exclusionLines(_ inventory: Inventory) -> [String] {
  inventory.excluded.map { "\($0.rule.rawValue) \($0.location)" }
}

/// The rejections of an inventory, one line each: `location: reason`.
func rejectionLines(_ inventory: Inventory) -> [String] {
  inventory.rejected.map { "\($0.location): \($0.reason)" }
}

/// The audit events of an inventory, one line each, with the UTC time.
func eventLines(_ inventory: Inventory) -> [String] {
  inventory.events.map {
    "\($0.change.rawValue) \($0.operation) \($0.mailbox) <- \($0.trustee) [\($0.rights.map(\.name).joined(separator: ","))]"
      + " @\(utcText($0.time))"
  }
}

/// UTC seconds as `yyyy-MM-ddTHH:mm:ssZ`, for readable expectations.
func utcText(_ seconds: Int64) -> String {
  let days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
  let rest = seconds - days * 86400
  // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
  let z = days + 719_468
  let era = (z >= 0 ? z : z - 146_096) / 146_097
  let doe = z - era * 146_097
  let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
  let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
  let mp = (5 * doy + 2) / 153
  let day = doy - (153 * mp + 2) / 5 + 1
  let month = mp < 10 ? mp + 3 : mp - 9
  let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
  func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
  return "\(year)-\(two(month))-\(two(day))T\(two(rest / 3600)):\(two(rest % 3600 / 60)):\(two(rest % 60))Z"
}

/// Diagnostics of errors and warnings, in compiler style with their hint.
func problemLines(_ inventory: Inventory) -> [String] {
  inventory.diagnostics.filter { $0.level != .note }.map(\.description)
}

/// Every diagnostic of an inventory, in compiler style with its hint.
///
/// The pitfall fixtures use small Get-Mailbox exports as identity tables, without the
/// GrantSendOnBehalfTo column; the warning that says so is covered by its own test and left out here.
func diagnosticLines(_ inventory: Inventory) -> [String] {
  inventory.diagnostics.map(\.description).filter { !$0.contains("has no GrantSendOnBehalfTo column") }
}

/// The mailboxes of an inventory, one line each: `id|type|owner=…|delegate=…|admin=…` (`-` = not known).
func mailboxLines(_ inventory: Inventory) -> [String] {
  func list(_ actions: [String]?) -> String { actions.map { $0.joined(separator: ",") } ?? "-" }
  return inventory.mailboxes.values.sorted { $0.id < $1.id }.map {
    "\($0.id)|\($0.recipientTypeDetails)|owner=\(list($0.auditOwner))|delegate=\(list($0.auditDelegate))"
      + "|admin=\(list($0.auditAdmin))"
  }
}

/// Ledgers one line each: `file kind read=… produced=… excluded=… rejected=…`.
func ledgerLines(_ inventory: Inventory) -> [String] {
  inventory.ledgers.map {
    "\($0.file) \($0.kind?.rawValue ?? "unknown") read=\($0.recordsRead) produced=\($0.produced)"
      + " excluded=\($0.excluded) rejected=\($0.rejected)"
  }
}

/// A set of input files and everything the ingest must make of them.
struct Scenario: Sendable, CustomTestStringConvertible {
  var label: String
  var files: [PitfallFile]
  var grants: [String] = []
  var excluded: [String] = []
  var rejected: [String] = []
  var events: [String] = []
  /// Every diagnostic, all levels, in compiler style.
  var diagnostics: [String] = []
  /// Checked only when given.
  var ledgers: [String]?
  var mailboxes: [String]?
  /// The rights text of each excluded row, as the ledger CSV lists it.
  var excludedRights: [String]?
  /// The source locations of each grant.
  var grantSources: [[String]]?
  /// `rows=… unique=… truncated=… from … to …` of the audit-log coverage.
  var coverage: String?

  var testDescription: String { label }
}

/// Ingests a scenario and checks every outcome it states, and that every ledger reconciles.
@discardableResult
func check(_ scenario: Scenario, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Inventory {
  let inventory = ingestFiles(scenario.files).inventory
  #expect(grantLines(inventory) == scenario.grants, "grants", sourceLocation: sourceLocation)
  #expect(exclusionLines(inventory) == scenario.excluded, "excluded", sourceLocation: sourceLocation)
  #expect(rejectionLines(inventory) == scenario.rejected, "rejected", sourceLocation: sourceLocation)
  #expect(eventLines(inventory) == scenario.events, "events", sourceLocation: sourceLocation)
  #expect(diagnosticLines(inventory) == scenario.diagnostics, "diagnostics", sourceLocation: sourceLocation)
  if let ledgers = scenario.ledgers {
    #expect(ledgerLines(inventory) == ledgers, "ledgers", sourceLocation: sourceLocation)
  }
  if let mailboxes = scenario.mailboxes {
    #expect(mailboxLines(inventory) == mailboxes, "mailboxes", sourceLocation: sourceLocation)
  }
  if let rights = scenario.excludedRights {
    #expect(inventory.excluded.map(\.rights) == rights, "excluded rights", sourceLocation: sourceLocation)
  }
  if let sources = scenario.grantSources {
    #expect(
      inventory.grants.map { $0.sources.map(\.description) } == sources, "grant sources",
      sourceLocation: sourceLocation)
  }
  if let coverage = scenario.coverage {
    let actual = inventory.auditLogCoverage.map {
      "rows=\($0.rows) unique=\($0.uniqueRecords) truncated=\($0.possiblyTruncated)"
        + " from \($0.earliest.map(utcText) ?? "-") to \($0.latest.map(utcText) ?? "-")"
    }
    #expect(actual == coverage, "coverage", sourceLocation: sourceLocation)
  }
  expectReconciled(inventory, sourceLocation: sourceLocation)
  return inventory
}

// MARK: - Exchange object shapes

/// Type names of a Get-MailboxPermission ACE that came over remoting (FORMATS.md §2.4).
let aceTypeNames = [
  "Deserialized.Microsoft.Exchange.Management.RecipientTasks.MailboxAcePresentationObject",
  "Deserialized.Microsoft.Exchange.Management.RecipientTasks.AcePresentationObject",
  "Deserialized.Microsoft.Exchange.Data.ConfigurableObject", "Deserialized.System.Object",
]

/// Type names of the AccessRights array of that ACE.
let mailboxRightsArrayTypeNames = [
  "Deserialized.Microsoft.Exchange.Management.RecipientTasks.MailboxRights[]", "Deserialized.System.Array",
  "Deserialized.System.Object",
]

let mailboxRightsEnumType = "Microsoft.Exchange.Management.RecipientTasks.MailboxRights"

/// An enum value as CLIXML writes it: `ToString` name and `I32` number.
struct CLIXMLEnumItem: Sendable {
  var text: String
  var value: Int

  init(_ text: String, _ value: Int) {
    self.text = text
    self.value = value
  }
}

/// How an AccessRights value is written in CLIXML.
enum CLIXMLRights: Sendable {
  /// `LST` of enum `Obj`s (`ToString` + `I32`): the classic one-element combined flags value.
  case enumList([CLIXMLEnumItem])
  /// `LST` of `S`.
  case strings([String])
  /// One enum `Obj`, not in a list.
  case enumValue(text: String, value: Int)
}

extension CLIXMLWriter {
  /// One deserialized MailboxAcePresentationObject (FORMATS.md §2.4), with remoting notes in `MS`.
  mutating func mailboxACE(
    identity: String, user: String, rights: CLIXMLRights, deny: Bool = false, inherited: Bool = false,
    userSid: String? = nil
  ) -> String {
    var xml = open(types: aceTypeNames)
    xml += "<ToString>\(Self.escape(user))</ToString><Props>"
    switch rights {
    case .enumList(let values):
      xml += open("AccessRights", types: mailboxRightsArrayTypeNames) + "<LST>"
      for value in values {
        xml += enumeration(type: mailboxRightsEnumType, text: value.text, value: value.value)
      }
      xml += "</LST></Obj>"
    case .strings(let texts):
      xml += list("AccessRights", types: mailboxRightsArrayTypeNames, items: texts.map { Self.s(nil, $0) })
    case .enumValue(let text, let value):
      xml += enumeration("AccessRights", type: mailboxRightsEnumType, text: text, value: value)
    }
    xml += Self.b("Deny", deny)
    xml += enumeration(
      "InheritanceType", type: "System.DirectoryServices.ActiveDirectorySecurityInheritance", text: "All",
      value: 1)
    xml += Self.s("User", user)
    if let userSid { xml += Self.s("UserSid", userSid) }
    xml += Self.s("Identity", identity) + Self.b("IsInherited", inherited) + Self.b("IsValid", true)
    xml += Self.s("ObjectState", "Unchanged") + "</Props><MS>"
    xml += Self.s("PSComputerName", "outlook.office365.com")
    xml +=
      "<G N=\"RunspaceId\">6f717724-3c5c-4b0a-9b43-1f0e5a3f9c11</G>" + Self.b("PSShowComputerName", false)
    return xml + "</MS></Obj>\r\n"
  }
}
