import AuditModel
import Dispatch

/// The ingest stage as one call: collect the inputs, read each file, build the inventory.
public enum Ingest {
  public struct Result: Sendable {
    /// The files read, with their ledgers, lossy columns and diagnostics; their rows are in
    /// `inventory`.
    public var files: [IngestedFile]
    public var inventory: Inventory
  }

  /// Reads the exports (and the register, when given, always as kind register) into one inventory.
  /// - Parameters:
  ///   - observer: told how many files there are and of each file read (from any thread).
  ///   - listsExcludedRows: false to count excluded rows without listing them (a baseline).
  public static func run(
    _ arguments: [String], register: String? = nil, kindOverride: InputKind? = nil,
    observer: (any IngestObserver)? = nil, listsExcludedRows: Bool = true
  ) throws(IngestError) -> Result {
    var files = try read(
      arguments, register: register, kindOverride: kindOverride, observer: observer,
      listsExcludedRows: listsExcludedRows)
    return files.inventory()
  }

  /// The files of a run, read but not yet joined into an inventory.
  public struct ReadFiles: Sendable {
    var files: [IngestedFile]
    /// Files beside the exports that hold no export and are named like documentation.
    var documentation: [IngestedFile]

    /// Joins the files into the inventory, taking them from here; the files keep their ledgers,
    /// not their rows, so that building the inventory, evaluating and writing the pack do not also
    /// hold the rows of every file.
    public mutating func inventory() -> Result {
      var files = self.files
      self.files = []
      var inventory = InventoryBuilder.build(releasingRowsOf: &files)
      StageClock.mark("inventory of \(files.count) files built")
      for file in documentation {
        inventory.diagnostics.append(
          Diagnostic(
            .note, at: SourceLocation(file: file.input.displayPath),
            "not read: no export was detected in this file (documentation?)",
            hint: "pass it with --kind KIND if it is an export"))
      }
      return Result(files: files, inventory: inventory)
    }
  }

  /// Reads every file of the exports (and the register) on all cores.
  public static func read(
    _ arguments: [String], register: String? = nil, kindOverride: InputKind? = nil,
    observer: (any IngestObserver)? = nil, listsExcludedRows: Bool = true
  ) throws(IngestError) -> ReadFiles {
    let inputs = try InputCollector.collect(arguments)
    var jobs = inputs.map { ($0, kindOverride) }
    if let register {
      let registerInputs = try InputCollector.collect([register])
      jobs += registerInputs.map { ($0, InputKind.register) }
    }
    observer?.ingestBegan(files: jobs.count)
    var files = ingestConcurrently(jobs, observer: observer, listsExcludedRows: listsExcludedRows)
    // A README or notes file beside the exports is not an export: leave it out with a note.
    let documentation = files.filter {
      $0.kind == nil && InputCollector.isDocumentationName($0.input.displayPath)
    }
    files.removeAll { $0.kind == nil && InputCollector.isDocumentationName($0.input.displayPath) }
    StageClock.mark("\(files.count) files read")
    return ReadFiles(files: files, documentation: documentation)
  }

  /// Reads the files on all cores; the results keep the order of `jobs`.
  static func ingestConcurrently(
    _ jobs: [(InputFile, InputKind?)], observer: (any IngestObserver)? = nil, listsExcludedRows: Bool = true
  ) -> [IngestedFile] {
    if jobs.count < 2 {
      return jobs.map {
        let file = FileIngestor.ingest($0.0, kindOverride: $0.1, listsExcludedRows: listsExcludedRows)
        observer?.fileIngested(file)
        return file
      }
    }
    let slots = ResultSlots<IngestedFile>(count: jobs.count)
    // Largest files first, so that the longest job starts at once.
    let order = jobs.indices.sorted { jobs[$0].0.sizeHint > jobs[$1].0.sizeHint }
    DispatchQueue.concurrentPerform(iterations: order.count) { step in
      let index = order[step]
      let file = FileIngestor.ingest(
        jobs[index].0, kindOverride: jobs[index].1, listsExcludedRows: listsExcludedRows)
      observer?.fileIngested(file)
      slots.set(index, file)
    }
    return slots.values()
  }
}

/// Follows an ingest as it goes, e.g. for a progress line; called from several threads at once.
public protocol IngestObserver: AnyObject, Sendable {
  func ingestBegan(files: Int)
  func fileIngested(_ file: IngestedFile)
}
