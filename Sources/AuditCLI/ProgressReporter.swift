/// One line of progress on stderr while a run reads its inputs: files, rows, megabytes per
/// second and elapsed time, redrawn in place with a carriage return.
///
/// It writes only when stderr is a terminal and `--quiet` was not given, and only once the run
/// has taken longer than a second, so short runs, tests and CI logs never see it. The clock is
/// injected so tests can drive it.
final class ProgressReporter {
  /// How long a run goes before the line appears.
  static let delay = Duration.seconds(1)
  /// The shortest time between two redraws.
  static let interval = Duration.milliseconds(100)

  let isEnabled: Bool
  private let console: Console
  private let elapsed: () -> Duration
  private var stage = "reading"
  private var totalFiles = 0
  private var filesDone = 0
  private var rows = 0
  private var bytes = 0
  private var lastDraw: Duration?
  private var drawnWidth = 0

  /// - Parameters:
  ///   - enabled: false for `--quiet`; the reporter is also off when stderr is not a terminal.
  ///   - elapsed: time since the run started (default: a monotonic clock started now).
  init(console: Console, enabled: Bool = true, elapsed: (() -> Duration)? = nil) {
    self.console = console
    self.isEnabled = enabled && console.stderrIsTerminal
    if let elapsed {
      self.elapsed = elapsed
    } else {
      let clock = ContinuousClock()
      let start = clock.now
      self.elapsed = { clock.now - start }
    }
  }

  /// The number of files the run will read.
  func begin(files: Int) {
    totalFiles = files
  }

  /// One file has been read: its size in bytes and the records it held.
  func fileRead(bytes: Int, rows: Int) {
    filesDone += 1
    self.bytes += bytes
    self.rows += rows
    draw(force: filesDone == totalFiles)
  }

  /// The run moved on to another stage (`evaluating`, `writing`).
  func enter(_ stage: String) {
    self.stage = stage
    draw(force: true)
  }

  /// Clears the line, if one was drawn, so that what follows starts on a clean line.
  func finish() {
    guard drawnWidth > 0 else { return }
    console.errRaw("\r" + String(repeating: " ", count: drawnWidth) + "\r")
    drawnWidth = 0
  }

  private func draw(force: Bool) {
    guard isEnabled else { return }
    let now = elapsed()
    guard now >= Self.delay else { return }
    if !force, let lastDraw, now - lastDraw < Self.interval { return }
    lastDraw = now
    let line = Self.line(
      stage: stage, filesDone: filesDone, totalFiles: totalFiles, rows: rows, bytes: bytes, elapsed: now)
    let padding = String(repeating: " ", count: max(0, drawnWidth - line.count))
    console.errRaw("\r" + line + padding)
    drawnWidth = line.count
  }

  /// `reading: 3/7 files, 120345 rows, 45.6 MB at 12.3 MB/s, 3.7 s`.
  static func line(stage: String, filesDone: Int, totalFiles: Int, rows: Int, bytes: Int, elapsed: Duration)
    -> String
  {
    let seconds = Self.seconds(elapsed)
    let megabytes = Double(bytes) / 1_000_000
    let rate = seconds > 0 ? megabytes / seconds : 0
    return
      "\(stage): \(filesDone)/\(totalFiles) files, \(rows) rows, \(tenths(megabytes)) MB at \(tenths(rate)) MB/s, "
      + "\(tenths(seconds)) s"
  }

  static func seconds(_ duration: Duration) -> Double {
    let parts = duration.components
    return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
  }

  /// One decimal place, without Foundation's formatter: `12.3`.
  static func tenths(_ value: Double) -> String {
    let scaled = Int((max(0, value) * 10).rounded())
    return "\(scaled / 10).\(scaled % 10)"
  }
}
