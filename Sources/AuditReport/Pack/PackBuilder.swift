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
  /// The inventory's own files, when built already; nil builds them here.
  public var inventoryFiles: InventoryFiles.Built?

  public init(
    inventory: Inventory, assessment: Assessment, catalogs: [FrameworkCatalog], inputs: [PackInput],
    settings: RunSettings, templateOverrides: [String: [UInt8]] = [:],
    inventoryFiles: InventoryFiles.Built? = nil
  ) {
    self.inventory = inventory
    self.assessment = assessment
    self.catalogs = catalogs
    self.inputs = inputs.sorted()
    self.settings = settings
    self.templateOverrides = templateOverrides
    self.inventoryFiles = inventoryFiles
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
    var firstJobs: [@Sendable () throws -> [BuiltFile]] =
      inventoryFiles == nil ? InventoryFiles(inventory: inventory, asOf: settings.asOf).jobs : []
    for (path, build) in assessmentFiles.builders() {
      firstJobs.append { [BuiltFile(path, build())] }
    }
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
    add(inventoryFiles?.files ?? [])
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
