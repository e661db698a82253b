import Foundation
import Testing

@testable import AuditReport

// Safe output at the writer: a failed write leaves neither half a pack nor the temporary folder
// and keeps an earlier pack whole; symbolic links are refused at --out and never followed inside
// an earlier pack or at the temporary folder's name; a folder that is not a pack is never cleared,
// and a pack whose files were edited is replaced only with force.

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

/// `files` with the manifest and the `SHA256SUMS` that mark a folder as a pack, as PackBuilder adds them.
private func pack(_ files: [String: [UInt8]] = [:]) -> [String: [UInt8]] {
  var files = files
  files["manifest.json"] = manifest
  files["SHA256SUMS"] = Array(PackWriter.checksums(files).utf8)
  return files
}

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
    try PackWriter.write(pack(["data/a.csv": Array("old".utf8)]), to: scratch.url("pack"), force: false)
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
    try PackWriter.write(pack(), to: scratch.url("pack"), force: false)
    try FileManager.default.createSymbolicLink(
      at: scratch.url("pack/data"), withDestinationURL: scratch.url("victim"))
    // The planted link is a change to the pack: only --force replaces it.
    #expect(PackDestination.inspect(scratch.url("pack")) == .editedPack("data was added"))
    try PackWriter.write(pack(["data/grants.csv": [1]]), to: scratch.url("pack"), force: true)
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

  @Test("A folder that is not a pack is refused with or without force and left as it was; a file too")
  func foreignFolderIsNeverCleared() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    try scratch.write("mine", "notes/todo.txt")
    try scratch.write("{}", "notes/manifest.json.bak")
    // A manifest alone does not make a pack: SHA256SUMS must be there too.
    try scratch.write("{}", "half/manifest.json")
    try scratch.write("mine", "half/todo.txt")
    for folder in ["notes", "half"] {
      #expect(PackDestination.inspect(scratch.url(folder)) == .foreignFolder)
      for force in [false, true] {
        let failure = #expect(throws: PackWriter.Failure.self) {
          try PackWriter.write(pack(), to: scratch.url(folder), force: force)
        }
        #expect(
          failure?.description
            == "error: \(scratch.url(folder).path) exists and is not an evidence pack (it has no manifest.json "
            + "and SHA256SUMS); refusing to replace it, with or without --force\n"
            + "  hint: choose a new --out folder, or empty this one first")
      }
    }
    #expect(try scratch.listing("notes") == ["manifest.json.bak", "todo.txt"])
    #expect(try scratch.listing("half") == ["manifest.json", "todo.txt"])
    #expect(try scratch.listing() == ["half", "notes"])
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

  @Test("An intact pack and an empty folder are replaced; a pack whose files were edited needs force")
  func editedPackNeedsForce() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let out = scratch.url("pack")
    let first = pack(["data/a.csv": Array("a".utf8), "index.html": Array("<p>".utf8)])
    try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
    #expect(PackDestination.inspect(out) == .emptyFolder)
    try PackWriter.write(first, to: out, force: false)
    #expect(PackDestination.inspect(out) == .intactPack)
    try PackWriter.write(first, to: out, force: false)
    let edits: [(String, (URL) throws -> Void)] = [
      ("data/a.csv was changed", { try Data("b".utf8).write(to: $0.appendingPathComponent("data/a.csv")) }),
      (
        "data/notes.txt was added",
        { try Data("mine".utf8).write(to: $0.appendingPathComponent("data/notes.txt")) }
      ),
      (
        "index.html was removed",
        { try FileManager.default.removeItem(at: $0.appendingPathComponent("index.html")) }
      ),
      (
        "SHA256SUMS was changed",
        { try Data("not sums\n".utf8).write(to: $0.appendingPathComponent("SHA256SUMS")) }
      ),
    ]
    for (change, edit) in edits {
      try PackWriter.write(first, to: out, force: false)
      try edit(out)
      #expect(PackDestination.inspect(out) == .editedPack(change))
      let failure = #expect(throws: PackWriter.Failure.self) {
        try PackWriter.write(first, to: out, force: false)
      }
      #expect(
        failure?.description
          == "error: \(out.path) is an evidence pack whose files changed since it was written (\(change)); "
          + "refusing to replace it\n"
          + "  hint: choose a new --out folder, or pass --force to replace the pack and discard those changes"
      )
      #expect(PackDestination.inspect(out) == .editedPack(change), "the refused write left it as it was")
      try PackWriter.write(first, to: out, force: true)
      #expect(PackDestination.inspect(out) == .intactPack)
      #expect(try scratch.read("pack/data/a.csv") == "a")
    }
    #expect(try scratch.listing() == ["pack"])
  }
}
