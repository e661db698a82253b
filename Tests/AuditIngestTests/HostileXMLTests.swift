import AuditModel
import Foundation
import Testing

@testable import AuditIngest

#if canImport(Glibc)
  import Glibc
#endif

// Hostile XML: DOCTYPEs, internal and external entities (file and network), entity-expansion
// bombs and constructs that make other XML stacks fetch URLs. Every one is refused or ignored
// with a clear error, quickly, and nothing outside the input is ever opened: a local TCP
// listener proves that no connection is attempted, and inotify that no local file is opened.

// MARK: - Helpers

/// What one CLIXML read produced.
private struct HostileRead {
  var records: [Record] = []
  var report: ReaderReport
  var elapsed: Duration

  var errors: [Diagnostic] { report.diagnostics.filter { $0.level == .error } }
}

private func readHostile(_ bytes: [UInt8], file: String = "hostile.xml") -> HostileRead {
  var records: [Record] = []
  var report: ReaderReport?
  let elapsed = ContinuousClock().measure {
    report = CLIXMLReader.read(bytes: bytes, file: file) { records.append($0) }
  }
  return HostileRead(records: records, report: report!, elapsed: elapsed)
}

private let objsOpen = #"<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">"#

/// One Export-Clixml record whose `User` holds `user` (raw XML, entity references allowed).
private func hostileDocument(prolog: String, user: String) -> String {
  prolog + "\n" + objsOpen + "\n"
    + #"  <Obj RefId="0"><TN RefId="0"><T>Deserialized.System.Object</T></TN><MS>"#
    + #"<S N="Identity">ceo</S><S N="User">"# + user + #"</S><S N="AccessRights">FullAccess</S>"#
    + "</MS></Obj>\n</Objs>\n"
}

/// A TCP listener on 127.0.0.1 that only counts connection attempts.
///
/// The kernel completes a handshake into the listen backlog without `accept`, so an attempt made
/// while a reader ran is visible to a non-blocking `accept` as soon as the reader returns.
private final class ConnectionWitness {
  let socket: Int32
  let port: UInt16

  init() throws {
    let descriptor = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw POSIXError(.EMFILE) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard bound == 0, listen(descriptor, 16) == 0 else {
      close(descriptor)
      throw POSIXError(.EADDRINUSE)
    }
    _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
    }
    socket = descriptor
    port = UInt16(bigEndian: address.sin_port)
  }

  /// Connections attempted since the listener opened (each is accepted and closed).
  func attempts() -> Int {
    var count = 0
    while true {
      let connection = accept(socket, nil, nil)
      if connection < 0 { return count }
      close(connection)
      count += 1
    }
  }

  deinit { close(socket) }
}

/// Watches one file with inotify and counts the times it was opened.
private final class OpenWitness {
  let descriptor: Int32

  init(_ path: String) throws {
    descriptor = inotify_init1(Int32(IN_NONBLOCK))
    guard descriptor >= 0, inotify_add_watch(descriptor, path, UInt32(IN_OPEN | IN_ACCESS)) >= 0 else {
      throw POSIXError(.ENOENT)
    }
  }

  /// inotify events queued since the watch began.
  func events() -> Int {
    var buffer = [UInt8](repeating: 0, count: 4096)
    var count = 0
    while true {
      let read = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
      if read <= 0 { return count }
      var offset = 0
      while offset + MemoryLayout<inotify_event>.size <= read {
        let length = buffer.withUnsafeBytes {
          $0.loadUnaligned(fromByteOffset: offset, as: inotify_event.self).len
        }
        offset += MemoryLayout<inotify_event>.size + Int(length)
        count += 1
      }
    }
  }

  deinit { close(descriptor) }
}

/// Encodes text as UTF-16LE with a byte order mark, as Windows PowerShell's Export-Clixml does.
private func utf16LE(_ text: String) -> [UInt8] {
  [0xFF, 0xFE] + text.utf16.flatMap { [UInt8(truncatingIfNeeded: $0), UInt8(truncatingIfNeeded: $0 >> 8)] }
}

// MARK: - Network and file entities

@Suite("Hostile XML: no network, no local files", .serialized)
struct HostileXMLNetworkTests {
  /// Documents that would make a careless XML stack fetch `URL`; `%URL%` is replaced.
  static let fetchingDocuments: [(name: String, prolog: String, user: String)] = [
    ("external general entity", #"<!DOCTYPE Objs [<!ENTITY e SYSTEM "%URL%/e">]>"#, "&e;"),
    ("external DTD subset", #"<!DOCTYPE Objs SYSTEM "%URL%/objs.dtd">"#, "ana"),
    ("public identifier", #"<!DOCTYPE Objs PUBLIC "-//Contoso//DTD Objs//EN" "%URL%/objs.dtd">"#, "ana"),
    ("external parameter entity", #"<!DOCTYPE Objs [<!ENTITY % p SYSTEM "%URL%/p.dtd"> %p;]>"#, "ana"),
    (
      "DOCTYPE after a declaration, a comment and a processing instruction",
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!-- exported -->\n<?pi data?>\n"
        + #"<!DOCTYPE Objs [<!ENTITY e SYSTEM "%URL%/e">]>"#,
      "&e;"
    ),
    ("lowercase doctype", #"<!doctype Objs [<!ENTITY e SYSTEM "%URL%/e">]>"#, "&e;"),
  ]

  static var names: [String] { fetchingDocuments.map(\.name) }

  @Test("The witnesses see a connection and an open when there is one")
  func witnessesWork() throws {
    let witness = try ConnectionWitness()
    let client = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(client) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = witness.port.bigEndian
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(client, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    #expect(connected == 0)
    #expect(witness.attempts() == 1)

    let file = FileManager.default.temporaryDirectory.appendingPathComponent("da-open-\(UUID().uuidString)")
    try Data("x".utf8).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let opens = try OpenWitness(file.path)
    _ = try Data(contentsOf: file)
    #expect(opens.events() > 0)
  }

  @Test("An external entity or DTD over http is refused and never fetched", arguments: names)
  func networkEntityIsNeverFetched(name: String) throws {
    let witness = try ConnectionWitness()
    let url = "http://127.0.0.1:\(witness.port)"
    let document = try #require(Self.fetchingDocuments.first { $0.name == name })
    let text = hostileDocument(
      prolog: document.prolog.replacingOccurrences(of: "%URL%", with: url), user: document.user)
    for bytes in [Array(text.utf8), utf16LE(text)] {
      let result = readHostile(bytes)
      #expect(result.records.isEmpty)
      let error = try #require(result.errors.first)
      #expect(error.location?.file == "hostile.xml")
      #expect((error.location?.line ?? 0) >= 1)
      #expect(error.hint?.isEmpty == false)
      #expect(result.elapsed < .seconds(2))
    }
    #expect(witness.attempts() == 0, "the reader tried to connect to \(url)")
  }

  @Test("A DOCTYPE is refused before libxml2 parses it, so entities are never even declared")
  func doctypeRefusedUpFront() throws {
    let witness = try ConnectionWitness()
    let text = hostileDocument(
      prolog: #"<!DOCTYPE Objs [<!ENTITY e SYSTEM "http://127.0.0.1:\#(witness.port)/e">]>"#, user: "&e;")
    let result = readHostile(Array(text.utf8))
    let error = try #require(result.errors.first)
    #expect(error.message == "refused a document type declaration (DOCTYPE): Export-Clixml never writes one")
    #expect(error.location?.line == 1)
    #expect(error.location?.column == 1)
    #expect(result.report.diagnostics.count == 1)
    #expect(witness.attempts() == 0)
  }

  @Test(
    "XInclude, xml-stylesheet and schemaLocation are not followed",
    arguments: ["xinclude", "stylesheet", "schemaLocation"])
  func otherFetchingConstructsAreIgnored(construct: String) throws {
    let witness = try ConnectionWitness()
    let url = "http://127.0.0.1:\(witness.port)"
    let text: String
    switch construct {
    case "xinclude":
      text = hostileDocument(
        prolog: "",
        user: #"<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="\#(url)/x" parse="text"/>"#)
    case "stylesheet":
      text = hostileDocument(prolog: #"<?xml-stylesheet type="text/xsl" href="\#(url)/s.xsl"?>"#, user: "ana")
    default:
      text = hostileDocument(prolog: "", user: "ana")
        .replacingOccurrences(
          of: "<Objs ",
          with:
            #"<Objs xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="urn:x \#(url)/s.xsd" "#
        )
    }
    let result = readHostile(Array(text.utf8))
    // Read (or, for the include element inside a value, rejected as not CLIXML), never fetched.
    #expect(result.report.recordCount == 1)
    #expect(result.elapsed < .seconds(2))
    #expect(witness.attempts() == 0, "the reader tried to connect for \(construct)")
  }

  @Test("A file entity is refused and the file is never opened")
  func fileEntityIsNeverOpened() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("da-xxe-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let secret = folder.appendingPathComponent("secret.txt")
    try Data("root:x:0:0:secret".utf8).write(to: secret)
    let witness = try OpenWitness(secret.path)
    for prolog in [
      #"<!DOCTYPE Objs [<!ENTITY s SYSTEM "file://\#(secret.path)">]>"#,
      #"<!DOCTYPE Objs [<!ENTITY s SYSTEM "\#(secret.path)">]>"#,
      #"<!DOCTYPE Objs SYSTEM "\#(secret.path)">"#,
    ] {
      let result = readHostile(Array(hostileDocument(prolog: prolog, user: "&s;").utf8))
      #expect(result.records.isEmpty)
      #expect(result.errors.first?.message.contains("DOCTYPE") == true)
      #expect(!result.report.diagnostics.contains { $0.description.contains("root:") })
    }
    // XInclude of the file, without a DOCTYPE.
    let xinclude = readHostile(
      Array(
        hostileDocument(
          prolog: "",
          user:
            #"<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="\#(secret.path)" parse="text"/>"#
        ).utf8))
    #expect(!xinclude.records.contains { $0.fields.contains { $0.value.text?.contains("root:") == true } })
    #expect(witness.events() == 0, "the reader opened \(secret.path)")
  }
}

// MARK: - Expansion bombs

@Suite("Hostile XML: expansion bombs and misplaced declarations")
struct HostileXMLExpansionTests {
  @Test("A quadratic-blowup document is refused at once, in bounded time")
  func quadraticBlowup() throws {
    // One 64 KiB entity referenced 20,000 times: 1.3 GB if expanded.
    let entity = String(repeating: "a", count: 64 * 1024)
    let references = String(repeating: "&a;", count: 20_000)
    let text = hostileDocument(prolog: #"<!DOCTYPE Objs [<!ENTITY a "\#(entity)">]>"#, user: references)
    let result = readHostile(Array(text.utf8), file: "quadratic.xml")
    #expect(result.records.isEmpty)
    #expect(result.elapsed < .seconds(2))
    let error = try #require(result.errors.first)
    #expect(error.message.contains("DOCTYPE"))
    #expect(error.description.hasPrefix("quadratic.xml:1:1: error:"))
    #expect(error.hint?.contains("re-export") == true)
  }

  @Test("A quadratic blowup in UTF-16 behind a byte order mark is refused too")
  func quadraticBlowupUTF16() throws {
    let entity = String(repeating: "a", count: 16 * 1024)
    let text = hostileDocument(
      prolog: "<?xml version=\"1.0\" encoding=\"utf-16\"?>\n"
        + #"<!DOCTYPE Objs [<!ENTITY a "\#(entity)">]>"#,
      user: String(repeating: "&a;", count: 5_000))
    let result = readHostile(utf16LE(text))
    #expect(result.records.isEmpty)
    #expect(result.errors.first?.message.contains("DOCTYPE") == true)
    #expect(result.errors.first?.location?.line == 2)
    #expect(result.elapsed < .seconds(2))
  }

  @Test(
    "Entity references without a DOCTYPE are refused, not expanded", arguments: ["&a;", "&lol9;", "&#x26;a;"])
  func referencesWithoutDeclaration(reference: String) throws {
    let result = readHostile(
      Array(hostileDocument(prolog: "", user: String(repeating: reference, count: 1000)).utf8))
    if reference.hasPrefix("&#") {
      // A character reference is text: `&a;` as characters, never an entity.
      #expect(result.records.first?["User"]?.text == String(repeating: "&a;", count: 1000))
    } else {
      #expect(result.records.isEmpty)
      #expect(result.errors.first?.message.hasPrefix("refused an entity reference") == true)
    }
  }

  @Test("A DOCTYPE inside the root element is malformed XML, not a declaration")
  func doctypeInsideRoot() throws {
    let text =
      objsOpen + #"<!DOCTYPE x [<!ENTITY a "b">]><Obj RefId="0"><MS><S N="User">&a;</S></MS></Obj></Objs>"#
    let result = readHostile(Array(text.utf8))
    #expect(result.records.isEmpty)
    #expect(result.errors.first?.message.hasPrefix("malformed xml") == true)
  }

  @Test("A billion-laughs document read through FileIngestor is an error diagnostic on that file")
  func billionLaughsThroughIngest() throws {
    let laughs = (1...9).map { level in
      #"<!ENTITY lol\#(level) "\#(String(repeating: "&lol\(level - 1);", count: 10))">"#
    }
    let text =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE Objs [\n<!ENTITY lol0 \"lol\">\n" + laughs.joined(separator: "\n")
      + "\n]>\n" + objsOpen + #"<Obj RefId="0"><MS><S N="User">&lol9;</S></MS></Obj></Objs>"#
    let input = InputFile(displayPath: "laughs.xml", url: URL(fileURLWithPath: "/nonexistent/laughs.xml"))
    let file = FileIngestor.ingest(bytes: Array(text.utf8), input: input)
    #expect(file.kind == nil)
    #expect(file.facts.ledger.reconciles)
    let error = try #require(file.facts.diagnostics.first { $0.level == .error })
    #expect(error.description.hasPrefix("laughs.xml:2:1: error:"))
    #expect(error.message.contains("DOCTYPE"))
  }
}
