import Foundation
import Testing

@testable import AuditCLI

#if canImport(Glibc)
  import Glibc
#endif

// The built binary under hostile conditions: a signal in the middle of writing the pack, a
// signal while reading, and limit-breaking inputs measured for peak memory (wait4's ru_maxrss).
// In process, the same limit inputs sit beside the sample tenant and the pack is still written.

/// The `delegation-audit` executable next to the test bundle, run with posix_spawn.
struct SpawnedBinary {
  static var path: String {
    URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("delegation-audit").path
  }

  static var isBuilt: Bool { FileManager.default.isExecutableFile(atPath: path) }

  /// How the process ended and how much memory it used at most.
  struct Ended {
    var exitCode: Int32?
    var signal: Int32?
    var maxRSSMegabytes: Int
    var stderr: String
  }

  let pid: pid_t
  let stderrPath: String

  /// Starts the binary with its stdout discarded and stderr kept in a file in `folder` (paths in
  /// `arguments` must be absolute); `environment` adds to or overrides what is passed through.
  init(_ arguments: [String], in folder: URL, environment extra: [String: String] = [:]) throws {
    stderrPath = folder.appendingPathComponent("stderr-\(UUID().uuidString).txt").path
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    // Sanitizer settings pass through, so that `make test-sanitize` runs the binary the same way.
    let inherited = ProcessInfo.processInfo.environment.filter {
      [
        "ASAN_OPTIONS", "LSAN_OPTIONS", "UBSAN_OPTIONS", "TSAN_OPTIONS", "ASAN_SYMBOLIZER_PATH",
        "SWIFT_BACKTRACE",
      ].contains($0.key)
    }
    let variables: [String] =
      inherited.merging(extra) { _, given in given }.map { "\($0.key)=\($0.value)" } + ["LANG=C.UTF-8"]
    let environment: [UnsafeMutablePointer<CChar>?] = variables.map { strdup($0) } + [nil]
    let words: [String] = [Self.path] + arguments
    let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
    defer {
      for pointer in argv { free(pointer) }
      for pointer in environment { free(pointer) }
    }
    // Test threads block signals and a spawned process inherits the mask: unblock and reset them.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t()
    sigemptyset(&none)
    var reset = sigset_t()
    sigemptyset(&reset)
    for signal in [SIGINT, SIGTERM, SIGHUP, SIGPIPE] { sigaddset(&reset, signal) }
    posix_spawnattr_setsigmask(&attributes, &none)
    posix_spawnattr_setsigdefault(&attributes, &reset)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var pid: pid_t = 0
    let status = posix_spawn(&pid, Self.path, &actions, &attributes, argv, environment)
    guard status == 0 else { throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EINVAL) }
    self.pid = pid
  }

  func send(_ signal: Int32) { kill(pid, signal) }

  /// Waits for the process to end, reading its peak resident memory (VmHWM) every 2 ms.
  ///
  /// wait4's ru_maxrss cannot be used: posix_spawn starts the child in the test process's memory
  /// (vfork), and Linux carries that peak across exec into the child's rusage.
  func wait() -> Ended {
    var status: Int32 = 0
    var peakKilobytes = 0
    while true {
      if let text = Self.procStatus(pid),
        let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
        let value = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
      {
        peakKilobytes = max(peakKilobytes, value)
      }
      let reaped = waitpid(pid, &status, WNOHANG)
      if reaped == pid || (reaped < 0 && errno != EINTR) { break }
      usleep(2000)
    }
    let stderr = Self.readWhole(stderrPath)
    let exited = status & 0x7F == 0
    return Ended(
      exitCode: exited ? (status >> 8) & 0xFF : nil, signal: exited ? nil : status & 0x7F,
      maxRSSMegabytes: peakKilobytes / 1024, stderr: stderr)
  }

  /// `/proc/PID/status`.
  static func procStatus(_ pid: pid_t) -> String? {
    let text = readWhole("/proc/\(pid)/status")
    return text.isEmpty ? nil : text
  }

  /// A whole file, read with open/read: FoundationEssentials' String(contentsOfFile:) leaks its
  /// buffer on files that report a size of 0 (empty files, /proc), which LeakSanitizer reports.
  static func readWhole(_ path: String) -> String {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { return "" }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count <= 0 { break }
      bytes += buffer[..<count]
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Runs to the end.
  static func run(_ arguments: [String], in folder: URL, environment: [String: String] = [:]) throws -> Ended
  {
    try SpawnedBinary(arguments, in: folder, environment: environment).wait()
  }
}

extension SpawnedBinary {
  /// Whether the process has not ended yet (a zombie has ended); it is not reaped here.
  var isRunning: Bool {
    guard let status = Self.procStatus(pid),
      let line = status.split(separator: "\n").first(where: { $0.hasPrefix("State:") })
    else { return false }
    return !line.contains("Z") && !line.contains("X")
  }
}

/// Tells when an entry is created in a folder (inotify), so a test can act at that moment.
struct FolderWatch: ~Copyable {
  let descriptor: Int32

  init(_ folder: URL) throws {
    descriptor = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
    guard descriptor >= 0, inotify_add_watch(descriptor, folder.path, UInt32(IN_CREATE)) >= 0 else {
      throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EINVAL)
    }
  }

  deinit { close(descriptor) }

  /// Waits for an entry whose name satisfies `matches`; false when `alive` turns false first.
  /// The 20 ms poll timeout only bounds how late the end of the process is noticed.
  func waitForCreation(where matches: (String) -> Bool, while alive: () -> Bool) -> Bool {
    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    while alive() {
      var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
      guard poll(&request, 1, 20) > 0 else { continue }
      let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      var offset = 0
      // struct inotify_event: wd, mask, cookie, len (4 bytes each), then len bytes of name.
      while count > 0 && offset + 16 <= count {
        let length = buffer[offset + 12..<offset + 16].reversed().reduce(0) { $0 << 8 | Int($1) }
        let name = buffer[offset + 16..<min(offset + 16 + length, count)].prefix { $0 != 0 }
        if matches(String(decoding: name, as: UTF8.self)) { return true }
        offset += 16 + length
      }
    }
    return false
  }
}

/// A scratch folder with a mailbox-permission export large enough that writing its pack takes a
/// noticeable time (about 17 MB of pack).
private struct LargeTenant {
  let root: URL

  init(rows: Int = 20_000) throws {
    root = FileManager.default.temporaryDirectory.appendingPathComponent("da-binary-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
      at: root.appendingPathComponent("exports"), withIntermediateDirectories: true)
    var csv = "\"Identity\",\"User\",\"AccessRights\",\"IsInherited\",\"Deny\"\r\n"
    csv.reserveCapacity(rows * 80)
    for row in 0..<rows {
      csv +=
        "\"mbx\(row % 2000)@contoso.com\",\"user\(row)@contoso.com\",\"FullAccess\",\"False\",\"False\"\r\n"
    }
    try Data(csv.utf8).write(to: root.appendingPathComponent("exports/mailbox-permissions.csv"))
  }

  func remove() { try? FileManager.default.removeItem(at: root) }

  /// `run exports --out pack --as-of DATE --quiet`, with absolute paths.
  func arguments(asOf: String) -> [String] {
    [
      "run", root.appendingPathComponent("exports").path, "--out", root.appendingPathComponent("pack").path,
      "--as-of", asOf, "--quiet",
    ]
  }

  /// Hidden temporary folders and files a writer left beside the pack.
  func partials() -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).filter {
      $0.contains(".partial-")
    }
  }

  func exists(_ name: String) -> Bool {
    FileManager.default.fileExists(atPath: root.appendingPathComponent(name).path)
  }
}

@Suite(
  "Hostile binary: signals and memory", .serialized,
  .enabled(if: SpawnedBinary.isBuilt, "run `swift build` first"))
struct HostileBinaryTests {
  /// Stops the process the moment its temporary folder appears, checks that the pack is then
  /// half written (temporary folder present, pack absent), sends SIGTERM and lets it go on.
  /// A trial that stops the process too late (after the rename) is repeated.
  @Test("SIGTERM in the middle of writing the pack removes the temporary folder and keeps the earlier pack")
  func sigtermDuringWrite() throws {
    let tenant = try LargeTenant()
    defer { tenant.remove() }
    // An earlier pack at --out, which the interrupted run must leave whole.
    let earlier = try SpawnedBinary.run(tenant.arguments(asOf: "2026-10-31"), in: tenant.root)
    try #require(earlier.exitCode == 0, "\(earlier.stderr)")
    let earlierSums = try String(
      contentsOf: tenant.root.appendingPathComponent("pack/SHA256SUMS"), encoding: .utf8)
    var caught = 0
    for _ in 0..<5 where caught == 0 {
      let process = try SpawnedBinary(tenant.arguments(asOf: "2026-11-30"), in: tenant.root)
      var stoppedMidWrite = false
      var reaped: SpawnedBinary.Ended?
      while reaped == nil {
        if !tenant.partials().isEmpty {
          process.send(SIGSTOP)
          stoppedMidWrite = !tenant.partials().isEmpty
          process.send(SIGTERM)
          process.send(SIGCONT)
          break
        }
        var status: Int32 = 0
        if waitpid(process.pid, &status, WNOHANG) == process.pid {
          reaped = SpawnedBinary.Ended(
            exitCode: (status >> 8) & 0xFF, signal: nil, maxRSSMegabytes: 0, stderr: "")
        }
        usleep(200)
      }
      let ended = reaped ?? process.wait()
      // Whatever the timing: no temporary folder is left, and the pack is whole.
      #expect(tenant.partials().isEmpty, "left behind: \(tenant.partials())")
      let sums = try String(
        contentsOf: tenant.root.appendingPathComponent("pack/SHA256SUMS"), encoding: .utf8)
      if stoppedMidWrite {
        caught += 1
        #expect(ended.signal == SIGTERM, "exit \(String(describing: ended.exitCode)): \(ended.stderr)")
        #expect(sums == earlierSums, "the earlier pack was changed")
      }
    }
    #expect(caught > 0, "no trial stopped the process while it was writing")
  }

  /// As for the pack: stops `register init --force` the moment its temporary file appears (told
  /// by inotify), checks that it is then mid-write, sends SIGTERM and lets it go on. The earlier
  /// register must be left as it was and no temporary file may remain.
  @Test("SIGTERM in the middle of writing a register removes the temporary file and keeps the earlier one")
  func sigtermDuringRegisterWrite() throws {
    let tenant = try LargeTenant(rows: 20_000)
    defer { tenant.remove() }
    let register = tenant.root.appendingPathComponent("register.csv")
    let earlier = Array("earlier register, kept\n".utf8)
    let arguments = [
      "register", "init", tenant.root.appendingPathComponent("exports").path, "--out", register.path,
      "--force", "--quiet",
    ]
    var caught = 0
    for _ in 0..<5 where caught == 0 {
      try Data(earlier).write(to: register)
      let watch = try FolderWatch(tenant.root)
      let process = try SpawnedBinary(arguments, in: tenant.root)
      var stoppedMidWrite = false
      if watch.waitForCreation(
        where: { $0.hasPrefix(".register.csv.partial-") }, while: { process.isRunning })
      {
        process.send(SIGSTOP)
        stoppedMidWrite = !tenant.partials().isEmpty
        process.send(SIGTERM)
        process.send(SIGCONT)
      }
      let ended = process.wait()
      #expect(tenant.partials().isEmpty, "left behind: \(tenant.partials())")
      let written = Array(try Data(contentsOf: register))
      if stoppedMidWrite {
        caught += 1
        #expect(ended.signal == SIGTERM, "exit \(String(describing: ended.exitCode)): \(ended.stderr)")
        #expect(written == earlier, "the earlier register was changed")
      } else {
        // Too late: the new register is whole.
        #expect(String(decoding: written, as: UTF8.self).hasSuffix("\r\n"))
        #expect(written.count > 20_000 * 40)
      }
    }
    #expect(caught > 0, "no trial stopped the process while it was writing")
  }

  @Test("SIGINT while reading ends the run by the signal with nothing written")
  func sigintDuringIngest() throws {
    let tenant = try LargeTenant()
    defer { tenant.remove() }
    let process = try SpawnedBinary(tenant.arguments(asOf: "2026-11-30"), in: tenant.root)
    usleep(100_000)
    process.send(SIGINT)
    let ended = process.wait()
    #expect(ended.signal == SIGINT, "exit \(String(describing: ended.exitCode)): \(ended.stderr)")
    #expect(!tenant.exists("pack"))
    #expect(tenant.partials().isEmpty)
  }

  /// The crash signal of each `__crash` kind: Swift traps raise SIGILL on x86_64 and SIGTRAP on arm64.
  static let crashes: [(kind: String, signal: Int32)] = {
    #if arch(x86_64)
      let trap = SIGILL
    #else
      let trap = SIGTRAP
    #endif
    return [("trap", trap), ("index", trap), ("abort", SIGABRT), ("segv", SIGSEGV), ("stack", SIGSEGV)]
  }()

  @Test(
    "A crash ends the run with exit 70 and the internal-error message, with or without the Swift backtracer",
    arguments: crashes.map(\.kind), ["default", "enable=no"])
  func crashExitsWithInternalError(kind: String, backtrace: String) throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "da-crash-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let signal = try #require(Self.crashes.first { $0.kind == kind }?.signal)
    let ended = try SpawnedBinary.run(
      ["__crash", kind], in: folder,
      environment: backtrace == "default" ? [:] : ["SWIFT_BACKTRACE": backtrace])
    let message = CrashExit.message(for: signal)
    #expect(message.hasPrefix("delegation-audit: internal error (signal \(signal), SIG"))
    #expect(message.hasSuffix("); please report it with the command you ran\n"))
    #expect(ended.stderr.contains(message), "\(ended.stderr.prefix(2000))")
    #expect(ended.stderr.components(separatedBy: "internal error (signal").count == 2, "one message")
    // AddressSanitizer (make test-sanitize) reports memory faults itself and exits with its own
    // code after the message; everywhere else every crash exits 70.
    let sanitized = ProcessInfo.processInfo.environment["ASAN_OPTIONS"] != nil && signal == SIGSEGV
    #expect(ended.signal == nil, "ended by signal \(String(describing: ended.signal))")
    if !sanitized { #expect(ended.exitCode == 70, "\(ended.stderr.prefix(2000))") }
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: folder.path).allSatisfy { $0.hasPrefix("stderr-") })
  }

  @Test(
    "A limit-breaking file costs bounded memory and gives a located error",
    arguments: ["huge-field.csv", "million-columns.csv", "deep.json", "deep.xml", "noise.bin"])
  func boundedMemory(name: String) throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("da-rss-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let bytes = HostileInputFiles.bytes(name)
    try Data(bytes).write(to: folder.appendingPathComponent(name))
    let ended = try SpawnedBinary.run(["inspect", folder.appendingPathComponent(name).path], in: folder)
    #expect(
      ended.signal == nil,
      "killed by signal \(String(describing: ended.signal)): \(ended.stderr.suffix(2000))")
    // The file is held in memory with a few working copies of one value at most: a budget of
    // five times its size plus what the runtime needs, far below what expanding it would take.
    let budget = 5 * bytes.count / (1 << 20) + 200
    #expect(ended.maxRSSMegabytes < budget, "\(name): \(ended.maxRSSMegabytes) MB, budget \(budget) MB")
  }
}

/// The limit-breaking inputs, written by the tests (see AuditIngestTests/HostileLimitsTests).
enum HostileInputFiles {
  static func bytes(_ name: String) -> [UInt8] {
    switch name {
    case "huge-field.csv":
      return Array("Identity,User,AccessRights,IsInherited,Deny\r\nceo@contoso.com,\"".utf8)
        + [UInt8](repeating: UInt8(ascii: "a"), count: 64 << 20) + Array("\",FullAccess,False,False\r\n".utf8)
    case "million-columns.csv":
      var header = (0..<1_000_000).map { "c\($0)" }.joined(separator: ",")
      header += "\r\n" + String(repeating: ",", count: 999_999) + "\r\n"
      return Array(header.utf8)
    case "deep.json":
      return Array(#"[{"Identity":"ceo","Trustee":"bo","AccessRights":["SendAs"],"X":"#.utf8)
        + [UInt8](repeating: UInt8(ascii: "["), count: 200_000)
        + [UInt8](repeating: UInt8(ascii: "]"), count: 200_000)
        + Array("}]".utf8)
    case "deep.xml":
      let open = String(repeating: #"<Obj N="x"><Props>"#, count: 100_000)
      let close = String(repeating: "</Props></Obj>", count: 100_000)
      return Array(
        (#"<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04"><Obj RefId="0"><MS>"#
          + open + close + "</MS></Obj></Objs>").utf8)
    default:
      var state: UInt64 = 0x5EED
      return (0..<(4 << 20)).map { _ in
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return UInt8(truncatingIfNeeded: state >> 33)
      }
    }
  }
}

@Suite("Hostile limits end to end: the other inputs of the run still make their pack")
struct HostileLimitsEndToEndTests {
  @Test(
    "A limit-breaking file beside the sample tenant: the pack is written, the file's error is located",
    arguments: ["huge-field.csv", "million-columns.csv", "deep.json", "deep.xml", "noise.bin", "laughs.xml"])
  func packStillWritten(name: String) throws {
    let scratch = try MistakeScratch()
    defer { scratch.remove() }
    let exports = try scratch.sampleExports()
    let bytes =
      name == "laughs.xml"
      ? Array(
        ("<?xml version=\"1.0\"?>\n<!DOCTYPE Objs [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n"
          + #"<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04"><Obj RefId="0"><MS><S N="User">&b;</S></MS></Obj></Objs>"#)
          .utf8)
      : HostileInputFiles.bytes(name)
    try Data(bytes).write(to: URL(fileURLWithPath: exports).appendingPathComponent(name))
    let pack = scratch.path("pack")
    let outcome = scratch.run(["run", exports, "--out", pack, "--as-of", "2026-11-30", "--quiet"])
    #expect(outcome.code == 0, "\(outcome.stderr.prefix(2000))")
    let located = outcome.stderr.split(separator: "\n").first {
      $0.hasPrefix("\(name):") && $0.contains(": error: ")
    }
    #expect(located != nil, "no located error for \(name): \(outcome.stderr.prefix(2000))")
    #expect(outcome.stderr.utf8.count < 20_000, "stderr of \(outcome.stderr.utf8.count) bytes")
    // The sample tenant's grants are all there (SampleData/README.md: 18 FullAccess grants).
    let grants = try String(contentsOfFile: pack + "/data/grants.csv", encoding: .utf8)
    #expect(grants.split(separator: "\r\n").filter { $0.contains(",FullAccess,") }.count == 18)
    let manifest = try String(contentsOfFile: pack + "/manifest.json", encoding: .utf8)
    #expect(manifest.contains("\"path\": \"\(name)\""))
    // No value of the hostile file is copied into the pack.
    var packBytes = 0
    let enumerator = FileManager.default.enumerator(atPath: pack)
    while let file = enumerator?.nextObject() as? String {
      packBytes += (try? FileManager.default.attributesOfItem(atPath: pack + "/" + file)[.size] as? Int) ?? 0
    }
    #expect(packBytes < 16 << 20, "the pack holds \(packBytes) bytes")
  }
}
