#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// For measuring where a run's time and memory go: with `DELEGATION_AUDIT_TIMINGS=1` in the
/// environment, each stage a run passes prints one line to stderr (seconds since the first stage,
/// resident and peak memory). `make bench` shows them for the 100k tenant; otherwise silent.
public enum StageClock {
  private static let enabled = getenv("DELEGATION_AUDIT_TIMINGS").map { String(cString: $0) == "1" } ?? false
  private static let start = now()

  /// Notes that `stage` is done.
  public static func mark(_ stage: @autoclosure () -> String) {
    guard enabled else { return }
    let seconds = now() - start
    let line =
      "timing: \(String(Int(seconds * 1000))) ms \(stage()); memory \(memory("VmRSS")) MB, peak \(memory("VmHWM")) MB\n"
    var bytes = Array(line.utf8)
    _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
  }

  private static func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
  }

  /// A `/proc/self/status` figure in MB (Linux); 0 elsewhere.
  private static func memory(_ field: String) -> Int {
    guard let file = fopen("/proc/self/status", "r") else { return 0 }
    defer { fclose(file) }
    var buffer = [CChar](repeating: 0, count: 256)
    while fgets(&buffer, Int32(buffer.count), file) != nil {
      let line = String(cString: buffer)
      guard line.hasPrefix(field + ":") else { continue }
      let kilobytes = Int(line.dropFirst(field.count + 1).filter(\.isNumber)) ?? 0
      return kilobytes / 1024
    }
    return 0
  }
}
