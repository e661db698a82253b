import AuditCLI

#if canImport(Glibc)
  import Glibc
#endif

@main
struct Entrypoint {
  static func main() {
    CommandLineTool.installSignalHandlers()
    CommandLineTool.leavesResultsToExit = true
    var environment: [String: String] = [:]
    var pointer = environ
    while let entry = pointer.pointee {
      let text = String(cString: entry)
      if let equals = text.firstIndex(of: "=") {
        environment[String(text[..<equals])] = String(text[text.index(after: equals)...])
      }
      pointer += 1
    }
    let console = Console(
      environment: environment, stderrIsTerminal: isatty(2) == 1, stdoutIsTerminal: isatty(1) == 1,
      out: { text in write(1, text) }, err: { text in write(2, text) })
    exit(CommandLineTool.main(Array(CommandLine.arguments.dropFirst()), console: console))
  }
}

/// Writes all of a string to a file descriptor (no buffered global streams; Swift 6 safe).
func write(_ descriptor: Int32, _ text: String) {
  var bytes = Array(text.utf8)
  var offset = 0
  while offset < bytes.count {
    let written = bytes.withUnsafeMutableBytes { buffer in
      Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
    }
    if written <= 0 { return }
    offset += written
  }
}
