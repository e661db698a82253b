import AuditCLI

#if canImport(Glibc)
  import Glibc
#endif

@main
struct Entrypoint {
  static func main() {
    exit(CommandLineTool.main(Array(CommandLine.arguments.dropFirst())))
  }
}
