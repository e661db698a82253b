import Foundation
import Testing

@testable import AuditReport

/// One file written whole or not at all: bytes go to a temporary sibling renamed into place, a
/// failure removes the temporary file, and an earlier file stays as it was until the rename.
@Suite("Atomic file writer")
struct AtomicFileWriterTests {
  /// A scratch folder for one test.
  struct Scratch {
    let root: URL

    init() throws {
      root = FileManager.default.temporaryDirectory.appendingPathComponent("da-atomic-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    func url(_ name: String) -> URL { root.appendingPathComponent(name) }
    func listing() throws -> [String] {
      try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
    }
    func bytes(_ name: String) throws -> [UInt8] { try readFileBytes(atPath: url(name).path) }
    func remove() { try? FileManager.default.removeItem(at: root) }
  }

  @Test("the bytes are written to a temporary sibling and renamed into place")
  func writesThroughATemporarySibling() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let out = scratch.url("register.csv")
    try Data("earlier".utf8).write(to: out)
    let bytes = (0..<10_000).map { UInt8($0 % 251) }
    var seen: [(listing: [String], temporary: Int, destination: [UInt8])] = []
    try AtomicFileWriter.write(bytes, to: out, chunkSize: 4096) {
      (temporary: URL) throws(PackWriter.Failure) in
      #expect(temporary == AtomicFileWriter.temporaryURL(for: out))
      seen.append(
        (
          (try? scratch.listing()) ?? [],
          ((try? FileManager.default.attributesOfItem(atPath: temporary.path))?[.size] as? Int) ?? -1,
          (try? scratch.bytes("register.csv")) ?? []
        ))
    }
    // Three chunks; at each checkpoint the temporary file held what was written so far and the
    // earlier file was untouched.
    #expect(seen.map(\.temporary) == [4096, 8192, 10_000])
    for state in seen {
      #expect(state.listing == [".register.csv.partial-\(getpid())", "register.csv"])
      #expect(state.destination == Array("earlier".utf8))
    }
    #expect(try scratch.bytes("register.csv") == bytes)
    #expect(try scratch.listing() == ["register.csv"])
  }

  @Test("a write that fails half way removes the temporary file and keeps the earlier file")
  func failureLeavesNoTemporaryFile() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let out = scratch.url("register.csv")
    try Data("earlier".utf8).write(to: out)
    var checkpoints = 0
    #expect(throws: PackWriter.Failure.self) {
      try AtomicFileWriter.write(Array(repeating: 0x41, count: 10_000), to: out, chunkSize: 4096) {
        (_: URL) throws(PackWriter.Failure) in
        checkpoints += 1
        if checkpoints == 2 { throw PackWriter.Failure(message: "stopped") }
      }
    }
    #expect(checkpoints == 2)
    #expect(try scratch.bytes("register.csv") == Array("earlier".utf8))
    #expect(try scratch.listing() == ["register.csv"])
    // No folder to write in: nothing is created anywhere.
    #expect(throws: PackWriter.Failure.self) {
      try AtomicFileWriter.write([1], to: scratch.url("missing/register.csv"))
    }
    #expect(try scratch.listing() == ["register.csv"])
  }

  @Test("an empty file is written whole, and a new file appears only complete")
  func emptyAndNewFiles() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    try AtomicFileWriter.write([], to: scratch.url("empty.csv"))
    #expect(try scratch.bytes("empty.csv") == [])
    var destinationExisted: [Bool] = []
    try AtomicFileWriter.write([1, 2, 3], to: scratch.url("new.csv"), chunkSize: 1) {
      (_: URL) throws(PackWriter.Failure) in
      destinationExisted.append(FileManager.default.fileExists(atPath: scratch.url("new.csv").path))
    }
    #expect(destinationExisted == [false, false, false])
    #expect(try scratch.bytes("new.csv") == [1, 2, 3])
    #expect(try scratch.listing() == ["empty.csv", "new.csv"])
  }

  @Test(
    "a folder or a symbolic link at the path is refused; a link planted at the temporary name is not followed"
  )
  func foldersAndLinks() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    try Data("victim".utf8).write(to: scratch.url("victim.txt"))
    try FileManager.default.createDirectory(at: scratch.url("folder"), withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(
      at: scratch.url("live"), withDestinationURL: scratch.url("victim.txt"))
    try FileManager.default.createSymbolicLink(
      at: scratch.url("dangling"), withDestinationURL: scratch.url("nowhere"))
    for name in ["folder", "live", "dangling"] {
      #expect(throws: PackWriter.Failure.self) { try AtomicFileWriter.write([1], to: scratch.url(name)) }
    }
    let out = scratch.url("register.csv")
    try FileManager.default.createSymbolicLink(
      at: AtomicFileWriter.temporaryURL(for: out), withDestinationURL: scratch.url("victim.txt"))
    try AtomicFileWriter.write(Array("new".utf8), to: out)
    #expect(try scratch.bytes("victim.txt") == Array("victim".utf8))
    #expect(try scratch.bytes("register.csv") == Array("new".utf8))
    #expect(try scratch.listing() == ["dangling", "folder", "live", "register.csv", "victim.txt"])
  }
}
