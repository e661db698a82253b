import AuditModel
import CMemory
import Digest
import Foundation

/// The pack's data files that need nothing but the inventory: the grant population, the reverse
/// index and the exclusion and rejection ledgers, the pack's largest files. A run builds them
/// while the rules evaluate, on the core the evaluation leaves idle (`RunPipeline`), and gives
/// them to ``PackBuilder``; without them, ``PackBuilder`` builds them itself.
public struct InventoryFiles: Sendable {
  public var inventory: Inventory
  /// The run's as-of, stated in `data/grants.json`.
  public var asOf: Int64
  /// The exclusion ledger's rows, which `data/excluded.csv` takes (and so lets go of) once.
  private let excludedRows: ExcludedRowsHolder

  /// Files for `inventory`. Build them once.
  public init(inventory: Inventory, asOf: Int64) {
    var inventory = inventory
    self.init(movingExcludedRowsOf: &inventory, asOf: asOf)
  }

  /// Files for `inventory`, taking its exclusion ledger's rows (it keeps their counts), so that
  /// they are let go of as soon as `data/excluded.csv` is built. Build the files once.
  public init(movingExcludedRowsOf inventory: inout Inventory, asOf: Int64) {
    excludedRows = ExcludedRowsHolder(inventory.moveExcludedRows())
    self.inventory = inventory
    self.asOf = asOf
  }

  /// Holds the rows until the one job that needs them takes them.
  private final class ExcludedRowsHolder: @unchecked Sendable {
    private var rows: ExcludedRows?
    private let lock = NSLock()

    init(_ rows: ExcludedRows) {
      self.rows = rows
    }

    func take() -> ExcludedRows {
      lock.withLock {
        defer { rows = nil }
        return rows ?? []
      }
    }
  }

  /// The files, built and hashed.
  public struct Built: Sendable {
    let files: [PackBuilder.BuiltFile]
  }

  /// Builds every file, concurrently.
  public func build() -> Built {
    Built(files: ConcurrentJobs.run(jobs).flatMap { (try? $0.get()) ?? [] })
  }

  /// One job per file, largest first, so that the longest jobs start at once.
  var jobs: [@Sendable () throws -> [PackBuilder.BuiltFile]] {
    [
      {
        let file = [PackBuilder.BuiltFile("data/excluded.csv", Self.excludedCSV(excludedRows.take()))]
        // The rows are gone (100k tenant: about 200 MB of small blocks): return their memory
        // before the other files and the rules' results grow.
        cmem_release_free_memory()
        return file
      },
      { [PackBuilder.BuiltFile("data/grants.json", grantsJSON())] },
      { [PackBuilder.BuiltFile("data/grants.csv", grantsCSV())] },
      { [PackBuilder.BuiltFile("data/by-trustee.csv", byTrusteeCSV())] },
      { [PackBuilder.BuiltFile("data/rejected.csv", rejectedCSV())] },
    ]
  }

  func grantsCSV() -> [UInt8] {
    var size = 0
    for grant in inventory.grants {
      size +=
        grant.key.mailbox.utf8.count + grant.mailboxDisplayName.utf8.count + grant.key.trustee.utf8.count
        + grant.trusteeDisplayName.utf8.count + grant.key.right.name.utf8.count
        + (grant.key.folder?.utf8.count ?? 0) + 16 + Self.sourcesSize(grant.sources)
    }
    var csv = CSVWriter(
      header: [
        "Mailbox", "MailboxDisplayName", "Trustee", "TrusteeDisplayName", "TrusteeKind", "Right", "Folder",
        "IsInherited", "Sources",
      ],
      reservingCapacity: size + inventory.grants.count
        * (9 * CSVWriter.overheadPerCell + CSVWriter.overheadPerRow))
    for grant in inventory.grants {
      csv.cell(grant.key.mailbox)
      csv.cell(grant.mailboxDisplayName)
      csv.cell(grant.key.trustee)
      csv.cell(grant.trusteeDisplayName)
      csv.cell(grant.trusteeKind.rawValue)
      csv.cell(grant.key.right.name)
      csv.cell(grant.key.folder ?? "")
      csv.cell(grant.isInherited ? "True" : "False")
      csv.cell(Self.sourcesCell(grant.sources))
      csv.endRow()
    }
    return csv.data
  }

  /// The Sources cell: every location, `; `-separated.
  static func sourcesCell(_ sources: [SourceLocation]) -> String {
    sources.count == 1 ? sources[0].description : sources.map(\.description).joined(separator: "; ")
  }

  /// About the bytes of ``sourcesCell(_:)``, for reserving.
  static func sourcesSize(_ sources: [SourceLocation]) -> Int {
    sources.reduce(0) { $0 + $1.file.utf8.count + ($1.path?.utf8.count ?? 0) + 30 }
  }

  /// `data/grants.json`, written grant by grant (see ``JSONStreamWriter``).
  func grantsJSON() -> [UInt8] {
    let grants = inventory.grants
    var size = 256
    for index in grants.indices {
      // About 300 bytes of keys, indentation and punctuation per grant, besides its strings.
      size +=
        320 + grants[index].key.mailbox.utf8.count + grants[index].mailboxDisplayName.utf8.count
        + grants[index].key.trustee.utf8.count + grants[index].trusteeDisplayName.utf8.count
        + (grants[index].key.folder?.utf8.count ?? 0) + Self.sourcesSize(grants[index].sources) * 3
    }
    var json = JSONStreamWriter(reservingCapacity: size)
    json.beginObject()
    json.member("schemaVersion", .int(1))
    json.member("control", .string("EXT-08"))
    json.member("asOf", .string(DateParser.iso(asOf)))
    json.key("grants")
    json.beginArray()
    for index in grants.indices { Self.write(grants[index], to: &json) }
    json.end()
    json.end()
    return json.finish()
  }

  /// Writes `grantJSON(grant)` member by member, making no tree.
  static func write(_ grant: Grant, to json: inout JSONStreamWriter) {
    json.beginObject()
    json.member("mailbox", .string(grant.key.mailbox))
    json.member("mailboxDisplayName", .string(grant.mailboxDisplayName))
    json.member("trustee", .string(grant.key.trustee))
    json.member("trusteeDisplayName", .string(grant.trusteeDisplayName))
    json.member("trusteeKind", .string(grant.trusteeKind.rawValue))
    json.member("right", .string(grant.key.right.name))
    json.member("folder", grant.key.folder.map { .string($0) } ?? .null)
    json.member("isInherited", .bool(grant.isInherited))
    json.key("sources")
    json.beginArray()
    for location in grant.sources {
      json.beginObject()
      json.member("file", .string(location.file))
      if location.line > 0 { json.member("line", .int(Int64(location.line))) }
      if let path = location.path { json.member("path", .string(path)) }
      json.end()
    }
    json.end()
    json.end()
  }

  /// One element of `grants` in `data/grants.json`.
  public static func grantJSON(_ grant: Grant) -> JSONValue {
    .object([
      ("mailbox", .string(grant.key.mailbox)),
      ("mailboxDisplayName", .string(grant.mailboxDisplayName)),
      ("trustee", .string(grant.key.trustee)),
      ("trusteeDisplayName", .string(grant.trusteeDisplayName)),
      ("trusteeKind", .string(grant.trusteeKind.rawValue)),
      ("right", .string(grant.key.right.name)),
      ("folder", grant.key.folder.map { .string($0) } ?? .null),
      ("isInherited", .bool(grant.isInherited)),
      ("sources", .array(grant.sources.map(Self.locationJSON))),
    ])
  }

  public static func locationJSON(_ location: SourceLocation) -> JSONValue {
    var members: [(String, JSONValue)] = [("file", .string(location.file))]
    if location.line > 0 { members.append(("line", .int(Int64(location.line)))) }
    if let path = location.path { members.append(("path", .string(path))) }
    return .object(members)
  }

  func byTrusteeCSV() -> [UInt8] {
    let grants = inventory.grants
    var size = 0
    for grant in grants {
      size +=
        grant.key.trustee.utf8.count + grant.trusteeDisplayName.utf8.count + grant.key.mailbox.utf8.count
        + grant.mailboxDisplayName.utf8.count + grant.key.right.name.utf8.count
        + (grant.key.folder?.utf8.count ?? 0) + 8
    }
    var csv = CSVWriter(
      header: [
        "Trustee", "TrusteeDisplayName", "TrusteeKind", "Mailbox", "MailboxDisplayName", "Right", "Folder",
      ],
      reservingCapacity: size + grants.count * (7 * CSVWriter.overheadPerCell + CSVWriter.overheadPerRow))
    for index in Self.byTrusteeOrder(grants) {
      let grant = grants[index]
      csv.cell(grant.key.trustee)
      csv.cell(grant.trusteeDisplayName)
      csv.cell(grant.trusteeKind.rawValue)
      csv.cell(grant.key.mailbox)
      csv.cell(grant.mailboxDisplayName)
      csv.cell(grant.key.right.name)
      csv.cell(grant.key.folder ?? "")
      csv.endRow()
    }
    return csv.data
  }

  /// The indices of `grants` in (trustee, mailbox, right, folder) order, ties in array order.
  ///
  /// The inventory keeps its grants sorted by key, (mailbox, trustee, right, folder): a stable
  /// sort of that order by trustee alone gives the same order as sorting by the whole tuple, with
  /// one string comparison per step instead of up to eight. When the grants are not in key order
  /// (the check is linear), they are sorted by the whole tuple.
  static func byTrusteeOrder(_ grants: [Grant]) -> [Int] {
    let keyOrdered = grants.indices.dropFirst().allSatisfy { !(grants[$0].key < grants[$0 - 1].key) }
    if keyOrdered {
      let trustees = grants.map(\.key.trustee)
      return trustees.indices.sorted { trustees[$0] < trustees[$1] }
    }
    return grants.indices.sorted {
      let lhs = grants[$0].key
      let rhs = grants[$1].key
      return (lhs.trustee, lhs.mailbox, lhs.right.name, lhs.folder ?? "")
        < (rhs.trustee, rhs.mailbox, rhs.right.name, rhs.folder ?? "")
    }
  }

  static func excludedCSV(_ excluded: ExcludedRows) -> [UInt8] {
    // By index, field by field: about a million rows, and copying a row retains its five strings.
    let runs = excluded.runs
    var size = 0
    for rows in runs {
      for index in rows.indices {
        size +=
          rows[index].location.file.utf8.count + 20 + (rows[index].location.path?.utf8.count ?? 0)
          + rows[index].rule.rawValue.utf8.count + rows[index].mailbox.utf8.count
          + rows[index].trustee.utf8.count + rows[index].rights.utf8.count
      }
    }
    var csv = CSVWriter(
      header: ["File", "Line", "Path", "Rule", "Mailbox", "Trustee", "Rights"],
      reservingCapacity: size + excluded.count
        * (7 * CSVWriter.overheadPerCell + CSVWriter.overheadPerRow))
    for rows in runs {
      for index in rows.indices {
        csv.cell(rows[index].location.file)
        let line = rows[index].location.line
        if line > 0 { csv.cell(line) } else { csv.cell("") }
        csv.cell(rows[index].location.path ?? "")
        csv.cell(rows[index].rule.rawValue)
        csv.cell(rows[index].mailbox)
        csv.cell(rows[index].trustee)
        csv.cell(rows[index].rights)
        csv.endRow()
      }
    }
    return csv.data
  }

  func rejectedCSV() -> [UInt8] {
    var csv = CSVWriter(header: ["File", "Line", "Path", "Reason"])
    for row in inventory.rejected {
      csv.cell(row.location.file)
      if row.location.line > 0 { csv.cell(row.location.line) } else { csv.cell("") }
      csv.cell(row.location.path ?? "")
      csv.cell(row.reason)
      csv.endRow()
    }
    return csv.data
  }

}
