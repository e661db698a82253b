import Foundation
import Testing

@testable import AuditReport

// Safe output at the writer: a failed write leaves neither half a pack nor the temporary folder
// and keeps an earlier pack whole; symbolic links are refused at --out and never followed inside
// an earlier pack or at the temporary folder's name; a folder that is not a pack is not cleared.

/// A scratch folder for one test.
private struct Scratch {
  let root: URL

  init() throws {
    root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "da-hostile-out-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
  }

  func url(_ path: String) -> URL { root.appendingPathComponent(path) }

  func write(_ text: String, _ path: String) throws {
    let url = url(path)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
  }

  func read(_ path: String) throws -> String { try String(contentsOf: url(path), encoding: .utf8) }

  func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: url(path).path) }

  /// Names in the scratch folder, hidden ones included, sorted.
  func listing(_ path: String = "") throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: url(path).path).sorted()
  }

  func remove() { try? FileManager.default.removeItem(at: root) }
}

private let manifest = Array("{\"tool\":{\"name\":\"delegation-audit\"}}\n".utf8)

@Suite("Hostile output: the pack writer")
struct HostilePackWriterTests {
  @Test("A write that fails half way leaves no pack and no temporary folder")
  func failedWriteLeavesNothing() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    // `data` as a file, then `data/x.csv` under it: the second write fails after the first.
    let files: [String: [UInt8]] = ["manifest.json": manifest, "data": [1], "data/x.csv": [2]]
    #expect(throws: PackWriter.Failure.self) {
      try PackWriter.write(files, to: scratch.url("pack"), force: false)
    }
    #expect(try scratch.listing() == [])
  }

  @Test("A write that fails keeps the earlier pack whole")
  func failedReplaceKeepsEarlierPack() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    try PackWriter.write(
      ["manifest.json": manifest, "data/a.csv": Array("old".utf8)], to: scratch.url("pack"), force: false)
    #expect(throws: PackWriter.Failure.self) {
      try PackWriter.write(
        ["manifest.json": manifest, "data": [1], "data/x.csv": [2]], to: scratch.url("pack"), force: false)
    }
    #expect(try scratch.read("pack/data/a.csv") == "old")
    #expect(try scratch.listing() == ["pack"])
  }

  @Test("An unsafe path in the pack fails the write before anything is renamed into place")
  func unsafePathFailsTheWrite() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    for unsafe in ["../escaped.txt", "/tmp/escaped.txt", "data/../../escaped.txt", "data//x"] {
      #expect(throws: PackWriter.Failure.self) {
        try PackWriter.write(
          ["manifest.json": manifest, unsafe: [1]], to: scratch.url("out/pack"), force: false)
      }
    }
    #expect(!scratch.exists("escaped.txt"))
    #expect(!scratch.exists("out/pack"))
    #expect(try scratch.listing("out") == [])
  }

  @Test("--out that is a symbolic link, live or dangling, is refused even with force")
  func symbolicLinkOutIsRefused() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    try scratch.write("keep", "victim/mine.txt")
    try FileManager.default.createSymbolicLink(
      at: scratch.url("live"), withDestinationURL: scratch.url("victim"))
    try FileManager.default.createSymbolicLink(
      at: scratch.url("dangling"), withDestinationURL: scratch.url("nowhere"))
    for link in ["live", "dangling"] {
      for force in [false, true] {
        #expect(throws: PackWriter.Failure.self) {
          try PackWriter.write(["manifest.json": manifest], to: scratch.url(link), force: force)
        }
      }
    }
    #expect(try scratch.listing("victim") == ["mine.txt"])
    #expect(!scratch.exists("nowhere"))
  }

  @Test("A symbolic link inside an earlier pack is removed as a link, never followed")
  func linkInsideEarlierPackIsNotFollowed() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    try scratch.write("keep", "victim/mine.txt")
    try PackWriter.write(["manifest.json": manifest], to: scratch.url("pack"), force: false)
    try FileManager.default.createSymbolicLink(
      at: scratch.url("pack/data"), withDestinationURL: scratch.url("victim"))
    try PackWriter.write(
      ["manifest.json": manifest, "data/grants.csv": [1]], to: scratch.url("pack"), force: false)
    #expect(try scratch.listing("victim") == ["mine.txt"])
    let type = try FileManager.default.attributesOfItem(atPath: scratch.url("pack/data").path)[.type]
    #expect(type as? FileAttributeType == .typeDirectory)
  }

  @Test("A symbolic link planted at the temporary folder's name is not written through")
  func plantedTemporaryLinkIsNotFollowed() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    try scratch.write("keep", "victim/mine.txt")
    try FileManager.default.createSymbolicLink(
      at: scratch.url(".pack.partial-\(getpid())"), withDestinationURL: scratch.url("victim"))
    try PackWriter.write(
      ["manifest.json": manifest, "index.html": [1]], to: scratch.url("pack"), force: false)
    #expect(try scratch.listing("victim") == ["mine.txt"])
    #expect(try scratch.listing("pack") == ["index.html", "manifest.json"])
    #expect(try scratch.listing() == ["pack", "victim"])
  }

  @Test("A folder that is not a pack is refused and left as it was; a file at --out too")
  func foreignFolderIsNeverCleared() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    try scratch.write("mine", "notes/todo.txt")
    try scratch.write("{}", "notes/manifest.json.bak")
    #expect(throws: PackWriter.Failure.self) {
      try PackWriter.write(["manifest.json": manifest], to: scratch.url("notes"), force: false)
    }
    #expect(try scratch.listing("notes") == ["manifest.json.bak", "todo.txt"])
    try scratch.write("a file", "report")
    for force in [false, true] {
      #expect(throws: PackWriter.Failure.self) {
        try PackWriter.write(["manifest.json": manifest], to: scratch.url("report"), force: force)
      }
    }
    #expect(try scratch.read("report") == "a file")
  }

  @Test("A symbolic link among the parent folders is followed: system paths have them (/tmp, /home)")
  func parentLinkIsFollowed() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    try FileManager.default.createDirectory(at: scratch.url("real"), withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(
      at: scratch.url("link"), withDestinationURL: scratch.url("real"))
    try PackWriter.write(["manifest.json": manifest], to: scratch.url("link/pack"), force: false)
    #expect(try scratch.listing("real") == ["pack"])
  }
}
