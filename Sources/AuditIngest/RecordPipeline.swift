import Dispatch

/// Hands a reader's records to a sink on another thread, in batches and in order, so that a
/// large XML file's parsing (libxml2 and the record builder) and its normalising use two cores.
/// (Measured on JSON, whose tokenizer is several times faster, the hand-over cost more than it
/// saved.)
///
/// The reader's thread calls `add`; the sink is touched only by the pipeline's serial queue
/// until `finish` has waited for it. At most two batches wait, so memory stays bounded.
final class RecordPipeline: @unchecked Sendable {
  private var sink: RecordSink
  private var batch: [Record] = []
  private let queue = DispatchQueue(label: "delegation-audit.records")
  private let room = DispatchSemaphore(value: 2)

  /// Records handed over at a time.
  static let batchSize = 2048

  /// A file this large (in bytes) is worth a second thread.
  static let minimumFileSize = 8 << 20

  init(_ sink: RecordSink) {
    self.sink = sink
    batch.reserveCapacity(Self.batchSize)
  }

  /// Takes the reader's next record.
  func add(_ record: Record) {
    batch.append(record)
    if batch.count == Self.batchSize { send() }
  }

  /// Waits until every record has been consumed; the sink that consumed them.
  func finish() -> RecordSink {
    if !batch.isEmpty { send() }
    return queue.sync { sink }
  }

  private func send() {
    let records = batch
    batch = []
    batch.reserveCapacity(Self.batchSize)
    room.wait()
    queue.async {
      for record in records { self.sink.consume(record) }
      self.room.signal()
    }
  }
}
