import AuditModel
import Digest

/// Turns a finished inventory into the pack's files (relative path → bytes). Never re-derives facts.
public struct PackBuilder: Sendable {
  public var inventory: Inventory
  public var assessment: Assessment
  /// The framework catalogs selected with `--frameworks`, one narrative each.
  public var catalogs: [FrameworkCatalog]
  public var inputs: [PackInput]
  public var settings: RunSettings
  public var templateOverrides: [String: [UInt8]]

  public init(
    inventory: Inventory, assessment: Assessment, catalogs: [FrameworkCatalog], inputs: [PackInput],
    settings: RunSettings, templateOverrides: [String: [UInt8]] = [:]
  ) {
    self.inventory = inventory
    self.assessment = assessment
    self.catalogs = catalogs
    self.inputs = inputs.sorted()
    self.settings = settings
    self.templateOverrides = templateOverrides
  }

  /// One built file with its SHA-256, computed once, on the thread that built it.
  struct BuiltFile: Sendable {
    var path: String
    var bytes: [UInt8]
    var sha256: String

    init(_ path: String, _ bytes: [UInt8]) {
      self.path = path
      self.bytes = bytes
      self.sha256 = SHA256.hex(bytes)
    }
  }

  /// All files of the pack, manifest and SHA256SUMS included.
  ///
  /// Data files come first; narratives and OSCAL reference them by hash; the manifest comes last.
  /// Files that do not depend on one another are built concurrently, each hashed once by the
  /// job that built it; the bytes are the same however the jobs are scheduled.
  /// - Throws: ``MustacheError`` when an overriding template does not parse.
  public func build() throws -> [String: [UInt8]] {
    // The data files and the report need nothing but the assessment. Largest first, so that the
    // longest jobs start at once; the report, which is not a data file, last.
    let assessmentFiles = AssessmentFiles(inventory: inventory, assessment: assessment)
    var firstJobs: [@Sendable () throws -> [BuiltFile]] = [
      { [BuiltFile("data/excluded.csv", excludedCSV())] },
      { [BuiltFile("data/grants.json", grantsJSON())] },
      { [BuiltFile("data/grants.csv", grantsCSV())] },
      { [BuiltFile("data/by-trustee.csv", byTrusteeCSV())] },
    ]
    for (path, build) in assessmentFiles.builders() {
      firstJobs.append { [BuiltFile(path, build())] }
    }
    firstJobs.append { [BuiltFile("data/rejected.csv", rejectedCSV())] }
    firstJobs.append { try reportFiles() }
    var firstResults = ConcurrentJobs.run(firstJobs)
    let report = firstResults.removeLast()

    var files: [String: [UInt8]] = [:]
    var digests = OutputDigests()
    func add(_ built: [BuiltFile]) {
      for file in built {
        files[file.path] = file.bytes
        digests.record(file.path, sha256: file.sha256)
      }
    }
    for result in firstResults { add(try result.get()) }

    // Narratives and OSCAL list the data files with their SHA-256.
    let dataFiles = files
    let dataDigests = digests
    let secondJobs: [@Sendable () throws -> [BuiltFile]] = [
      {
        let narratives = try NarrativeWriter.files(
          catalogs: catalogs, assessment: assessment, inventory: inventory, inputs: inputs,
          settings: settings, templateOverrides: templateOverrides, outputs: dataFiles, digests: dataDigests)
        return narratives.map { BuiltFile($0.key, $0.value) }
      },
      {
        let oscal = OSCALWriter.data(
          catalogs: catalogs, assessment: assessment, inventory: inventory, inputs: inputs,
          outputs: dataFiles, digests: dataDigests, settings: settings)
        return [BuiltFile(OSCALWriter.path, oscal)]
      },
    ]
    for result in ConcurrentJobs.run(secondJobs) { add(try result.get()) }
    // A failing narrative template is reported before the report's, as when built in turn.
    add(try report.get())

    add([BuiltFile(PackWriter.manifestName, manifest(outputs: files, digests: digests).serialisedBytes())])
    files["SHA256SUMS"] = Array(PackWriter.checksums(files, digests: digests).utf8)
    return files
  }

  /// `report.md` and `index.html`, from one report document.
  func reportFiles() throws -> [BuiltFile] {
    let document = try ReportContent(
      inventory: inventory, assessment: assessment, catalogs: catalogs, inputs: inputs, settings: settings,
      templateOverrides: templateOverrides
    ).document()
    let css = BundledTemplates.text("report.css", overrides: templateOverrides) ?? ""
    return [
      BuiltFile("report.md", Array(MarkdownRenderer.render(document).utf8)),
      BuiltFile("index.html", Array(HTMLRenderer.render(document, css: css).utf8)),
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
    json.member("asOf", .string(DateParser.iso(settings.asOf)))
    json.key("grants")
    json.beginArray()
    for grant in grants { json.value(Self.grantJSON(grant)) }
    json.end()
    json.end()
    return json.finish()
  }

  /// One element of `grants` in `data/grants.json`.
  static func grantJSON(_ grant: Grant) -> JSONValue {
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

  static func locationJSON(_ location: SourceLocation) -> JSONValue {
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

  func excludedCSV() -> [UInt8] {
    // By index, field by field: about a million rows, and copying a row retains its five strings.
    let rows = inventory.excluded
    var size = 0
    for index in rows.indices {
      size +=
        rows[index].location.file.utf8.count + 20 + (rows[index].location.path?.utf8.count ?? 0)
        + rows[index].rule.rawValue.utf8.count + rows[index].mailbox.utf8.count
        + rows[index].trustee.utf8.count + rows[index].rights.utf8.count
    }
    var csv = CSVWriter(
      header: ["File", "Line", "Path", "Rule", "Mailbox", "Trustee", "Rights"],
      reservingCapacity: size + rows.count * (7 * CSVWriter.overheadPerCell + CSVWriter.overheadPerRow))
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

  /// - Parameter digests: The outputs' SHA-256 where already computed.
  func manifest(outputs: [String: [UInt8]], digests: OutputDigests = OutputDigests()) -> JSONValue {
    .object([
      ("schemaVersion", .int(1)),
      ("tool", .object([("name", .string("delegation-audit")), ("version", .string(settings.toolVersion))])),
      ("control", .string("EXT-08")),
      ("asOf", .string(DateParser.iso(settings.asOf))),
      ("organisation", settings.organisation.map { .string($0) } ?? .null),
      ("options", .object(settings.options.map { ($0.0, .string($0.1)) })),
      (
        "inputs",
        .array(
          inputs.map { input in
            var members: [(String, JSONValue)] = [
              ("role", .string(input.role)),
              ("path", .string(input.path)),
              ("sha256", .string(input.sha256)),
              ("size", .int(Int64(input.size))),
              ("kind", input.kind.map { .string($0) } ?? .null),
              ("serialisation", .string(input.serialisation)),
              ("encoding", .string(input.encoding)),
            ]
            if let ledger = input.ledger {
              members.append(
                (
                  "rows",
                  .object([
                    ("read", .int(Int64(ledger.recordsRead))),
                    ("produced", .int(Int64(ledger.produced))),
                    ("excluded", .int(Int64(ledger.excluded))),
                    ("rejected", .int(Int64(ledger.rejected))),
                    ("reconciles", .bool(ledger.reconciles)),
                  ])
                ))
            }
            return .object(members)
          })
      ),
      (
        "outputs",
        .array(
          outputs.keys.sorted().map { path in
            .object([
              ("path", .string(path)), ("sha256", .string(digests.sha256(path, outputs[path]!))),
              ("size", .int(Int64(outputs[path]!.count))),
            ])
          })
      ),
    ])
  }
}
