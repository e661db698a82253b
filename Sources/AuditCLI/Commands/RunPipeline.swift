import AuditIngest
import AuditModel
import AuditReport
import AuditRules
import Digest
import Foundation

/// Everything a run needs, already validated: what `run` parses and what `verify` reconstructs.
struct RunRequest: Sendable {
  var inputs: [String]
  var register: String?
  /// A previous pack or exports (`--baseline`), for grants added since.
  var baseline: String?
  var policy: String?
  var asOf: Int64
  var periodStart: Int64?
  var periodEnd: Int64?
  var organisation: String?
  var kind: InputKind?
  /// Framework catalog ids, validated, in the order given.
  var frameworks: [String] = FrameworkCatalogs.defaultSelection
  /// A `--templates` folder overriding bundled templates file by file.
  var templates: String?
}

/// A run that could not produce a pack, with the exit code to give.
struct RunFailure: Error {
  var code: ExitCode
  var message: String
  /// Input diagnostics gathered before the run gave up, printed before the message.
  var diagnostics: [Diagnostic] = []
}

/// What a run produced, before anything is written.
struct RunOutput {
  var files: [String: [UInt8]]
  var ingest: Ingest.Result
  var assessment: Assessment
}

/// Ingest → evaluate → render, with no output written: shared by `run` and `verify`.
enum RunPipeline {
  /// - Parameter progress: told of each file read and each stage, for the progress line.
  static func build(_ request: RunRequest, progress: ProgressReporter? = nil) -> Result<RunOutput, RunFailure>
  {
    var policy = Policy()
    var extraInputs: [PackInput] = []
    if let path = request.policy {
      let url = URL(fileURLWithPath: path)
      guard let data = try? Data(contentsOf: url) else {
        return .failure(
          RunFailure(
            code: .inputUnusable,
            message: "error: cannot read the policy file \(path)\n  hint: check the path"))
      }
      let bytes = Array(data)
      switch PolicyReader.read(bytes: bytes, file: url.lastPathComponent) {
      case .success(let value): policy = value
      case .failure(let error): return .failure(RunFailure(code: .inputUnusable, message: error.description))
      }
      extraInputs.append(
        PackInput(
          role: "policy", path: url.lastPathComponent, sha256: SHA256.hex(bytes), size: bytes.count,
          kind: "policy",
          serialisation: "json", encoding: TextEncoding.decode(bytes).encoding.rawValue, ledger: nil))
    }

    // The inputs are read first, on every core; the baseline is then loaded while the inputs'
    // inventory is built, which uses one core. A baseline failure is still reported first.
    let observer = progress.map(IngestProgress.init)
    let loadBaseline = { @Sendable () -> Result<BaselineSnapshot, BaselineError>? in
      let loaded = request.baseline.map { BaselineLoader.load($0) }
      if loaded != nil { StageClock.mark("baseline loaded") }
      return loaded
    }
    let outcome: Result<Ingest.Result, IngestError>
    var loadedBaseline: Result<BaselineSnapshot, BaselineError>?
    do throws(IngestError) {
      var read = try Ingest.read(
        request.inputs, register: request.register, kindOverride: request.kind, observer: observer)
      (outcome, loadedBaseline) = alongside(loadBaseline) { .success(read.inventory()) }
    } catch {
      outcome = .failure(error)
      loadedBaseline = loadBaseline()
    }
    StageClock.mark("inputs and baseline read")
    var baseline: BaselineSnapshot?
    switch loadedBaseline {
    case .success(let value)?: baseline = value
    case .failure(let error)?: return .failure(RunFailure(code: .inputUnusable, message: error.description))
    case nil: break
    }
    loadedBaseline = nil

    var result: Ingest.Result
    switch outcome {
    case .success(let value): result = value
    case .failure(let error): return .failure(RunFailure(code: .inputUnusable, message: error.description))
    }
    if let pack = packAmongInputs(result.files, arguments: request.inputs) {
      return .failure(
        RunFailure(
          code: .inputUnusable,
          message: "error: \(pack) is an evidence pack, not exports; nothing was written\n"
            + (request.inputs.contains(pack)
              ? "  hint: pass the original exports; " : "  hint: move the pack out of the exports folder; ")
            + "to compare with this pack use --baseline \(pack), "
            + "to check it use 'delegation-audit verify \(pack)'"))
    }
    guard result.files.contains(where: { $0.kind != nil && $0.kind != .register }) else {
      return .failure(
        RunFailure(
          code: .inputUnusable,
          message:
            "error: no recognisable export among the \(result.files.count) input file(s); nothing was written\n"
            + "  hint: see the README's export recipe, or run 'delegation-audit inspect' on the files",
          diagnostics: result.inventory.diagnostics))
    }
    if request.register != nil {
      let registerFiles = result.files.filter { $0.kind == .register }
      if registerFiles.allSatisfy({ $0.facts.ledger.produced == 0 && $0.facts.ledger.rejected > 0 }) {
        return .failure(
          RunFailure(
            code: .inputUnusable,
            message: "error: no row of the register could be read; nothing was written\n"
              + "  hint: see the errors above; 'delegation-audit register init' writes a register in the expected form",
            diagnostics: result.inventory.diagnostics))
      }
    }

    var baselineInventory: Inventory?
    var periodStart = request.periodStart
    if let baseline {
      var inventory = baseline.inventory
      inventory.grants = BaselineAlignment.grants(of: baseline, alignedTo: result.inventory)
      baselineInventory = inventory
      extraInputs += baseline.inputs
      if periodStart == nil, let start = baseline.asOf {
        // PRODUCT.md §3: without --period-start the period starts at the baseline's as-of.
        let end = request.periodEnd ?? request.asOf
        guard start <= end else {
          return .failure(
            RunFailure(
              code: .inputUnusable,
              message: "error: \(baseline.path): the baseline's as-of \(DateParser.iso(start)) is after "
                + "the end of this run's period \(DateParser.iso(end)); nothing was written\n"
                + "  hint: check --as-of and --baseline, or give --period-start"))
        }
        periodStart = start
      }
    }
    // From here on the baseline is its aligned inventory: the snapshot's own grants can go.
    baseline = nil

    progress?.enter("evaluating")
    // The pack's files that need only the inventory (the largest) are built while the rules
    // evaluate: the evaluation leaves a core idle most of the time. The exclusion ledger's rows
    // (about a million for a large tenant) go to data/excluded.csv alone, and are let go of once
    // it is built; the rest of the run keeps their counts.
    let filesToBuild = InventoryFiles(movingExcludedRowsOf: &result.inventory, asOf: request.asOf)
    let (assessment, inventoryFiles) = alongside(
      {
        let files = filesToBuild.build()
        StageClock.mark("inventory files built")
        return files
      },
      {
        let assessment = Evaluator.evaluate(
          result.inventory, policy: policy, asOf: request.asOf, periodStart: periodStart,
          periodEnd: request.periodEnd, baseline: baselineInventory)
        StageClock.mark("evaluated")
        return assessment
      })
    // The baseline's inventory is not needed for the pack: let it go before the pack is built.
    baselineInventory = nil
    var inputs =
      result.files.map {
        PackInput(
          role: $0.kind == .register && request.register != nil ? "register" : "exports",
          path: $0.input.displayPath, sha256: $0.sha256, size: $0.size, kind: $0.kind?.rawValue,
          serialisation: $0.report.serialisation.rawValue, encoding: $0.report.encoding.rawValue,
          ledger: $0.facts.ledger)
      }
    var templateOverrides: [String: [UInt8]] = [:]
    if let folder = request.templates {
      switch TemplateFolder.load(folder) {
      case .success(let files):
        templateOverrides = files
        for (name, bytes) in files.sorted(by: { $0.key < $1.key }) {
          extraInputs.append(
            PackInput(
              role: "templates", path: name, sha256: SHA256.hex(bytes), size: bytes.count, kind: "template",
              serialisation: "text", encoding: TextEncoding.decode(bytes).encoding.rawValue, ledger: nil))
        }
      case .failure(let failure): return .failure(failure)
      }
    }
    let catalogs: [FrameworkCatalog]
    do {
      let all = try FrameworkCatalogs.all(overrides: templateOverrides)
      catalogs = request.frameworks.compactMap { id in all.first { $0.id == id } }
    } catch {
      return .failure(RunFailure(code: .inputUnusable, message: "error: \(error)"))
    }
    let settings = RunSettings(
      toolVersion: CommandTable.version, asOf: request.asOf, organisation: request.organisation,
      options: recordedOptions(request))
    inputs += extraInputs
    let files: [String: [UInt8]]
    do {
      files = try PackBuilder(
        inventory: result.inventory, assessment: assessment, catalogs: catalogs, inputs: inputs,
        settings: settings, templateOverrides: templateOverrides, inventoryFiles: inventoryFiles
      ).build()
    } catch {
      return .failure(
        RunFailure(
          code: .inputUnusable, message: "\(error)\n  hint: fix the template in the --templates folder"))
    }
    StageClock.mark("pack built")
    return .success(RunOutput(files: files, ingest: result, assessment: assessment))
  }

  /// The first input folder that is an evidence pack (it holds `manifest.json` and `SHA256SUMS`),
  /// named as the user would name it (the argument, then the folder inside it); nil when none is.
  static func packAmongInputs(_ files: [IngestedFile], arguments: [String]) -> String? {
    var manifests = Set<String>()
    var checksums = Set<String>()
    for file in files {
      guard case .file(let url) = file.input.source else { continue }
      let folder = url.deletingLastPathComponent().standardizedFileURL.path
      switch url.lastPathComponent {
      case PackWriter.manifestName: manifests.insert(folder)
      case "SHA256SUMS": checksums.insert(folder)
      default: continue
      }
    }
    guard let folder = manifests.intersection(checksums).sorted().first else { return nil }
    for argument in arguments {
      let root = URL(fileURLWithPath: argument).standardizedFileURL.path
      if folder == root { return argument }
      if folder.hasPrefix(root + "/") {
        let inside = String(folder.dropFirst(root.count + 1))
        return argument.hasSuffix("/") ? argument + inside : argument + "/" + inside
      }
    }
    return folder
  }

  /// The options the manifest records so that `verify` can re-perform the run.
  static func recordedOptions(_ request: RunRequest) -> [(String, String)] {
    var options: [(String, String)] = [("as-of", DateParser.iso(request.asOf))]
    if let start = request.periodStart { options.append(("period-start", DateParser.iso(start))) }
    if let end = request.periodEnd { options.append(("period-end", DateParser.iso(end))) }
    if let org = request.organisation { options.append(("org", org)) }
    if let kind = request.kind { options.append(("kind", kind.rawValue)) }
    options.append(("frameworks", request.frameworks.joined(separator: ",")))
    if request.templates != nil { options.append(("templates", "yes")) }
    // Only that a baseline was used: its files are inputs with role `baseline`, found by hash.
    if request.baseline != nil { options.append(("baseline", "true")) }
    return options
  }
}
