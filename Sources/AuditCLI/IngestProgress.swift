import AuditIngest
import Foundation

/// Feeds the progress line from the ingest, which reads files on several threads at once.
final class IngestProgress: IngestObserver, @unchecked Sendable {
  private let reporter: ProgressReporter
  private let lock = NSLock()

  init(_ reporter: ProgressReporter) {
    self.reporter = reporter
  }

  func ingestBegan(files: Int) {
    lock.withLock { reporter.begin(files: files) }
  }

  func fileIngested(_ file: IngestedFile) {
    lock.withLock { reporter.fileRead(bytes: file.size, rows: file.facts.ledger.recordsRead) }
  }
}
