import Foundation
import Testing

@testable import AuditReport

/// `--zip`: the pack as one deterministic archive, checked by reading it back with Python's zipfile.
@Suite struct PackZipWriterTests {
  static let files: [String: [UInt8]] = [
    "index.html": Array("<!doctype html><title>pack</title>\n".utf8),
    "manifest.json": Array("{\"schemaVersion\": 1}\n".utf8),
    "SHA256SUMS": Array("0000  index.html\n".utf8),
    "data/grants.csv": Array(
      String(repeating: "ceo@contoso.com,assistant@contoso.com,FullAccess\n", count: 500).utf8),
    "data/findings.json": Array("{\"findings\": []}\n".utf8),
    "data/excluded.csv": [],
    "narratives/soc2.md": Array("# SOC 2\n".utf8),
  ]

  @Test func sameFilesGiveTheSameBytesAtDifferentTimes() throws {
    let first = try PackZipWriter.zipData(Self.files, root: "pack")
    Thread.sleep(forTimeInterval: 1.1)
    let second = try PackZipWriter.zipData(Self.files, root: "pack")
    #expect(first == second)
    let other = try PackZipWriter.zipData(Self.files, root: "pack", modificationTime: 1_790_771_696)
    #expect(other != first)
  }

  @Test func writtenFilesAreByteIdenticalAcrossRuns() throws {
    let folder = try ScratchFolder()
    let first = folder.url.appendingPathComponent("first.zip")
    let second = folder.url.appendingPathComponent("second.zip")
    try PackZipWriter.write(Self.files, root: "pack", to: first)
    Thread.sleep(forTimeInterval: 1.1)
    try PackZipWriter.write(Self.files, root: "pack", to: second)
    #expect(try Data(contentsOf: first) == Data(contentsOf: second))
  }

  @Test func entriesAreSortedUnderTheRootWithFixedTimesOwnersAndModes() throws {
    let folder = try ScratchFolder()
    let zip = folder.url.appendingPathComponent("pack.zip")
    try PackZipWriter.write(Self.files, root: "pack-2026-09-30", to: zip)
    let listing = try ZipListing.read(zip)
    let root = "pack-2026-09-30/"
    #expect(
      listing.names == [
        root, root + "SHA256SUMS", root + "data/", root + "data/excluded.csv", root + "data/findings.json",
        root + "data/grants.csv", root + "index.html", root + "manifest.json", root + "narratives/",
        root + "narratives/soc2.md",
      ])
    #expect(listing.bad == nil)
    #expect(listing.entries.allSatisfy { $0.dateTime == [1980, 1, 1, 0, 0, 0] })
    #expect(listing.entries.allSatisfy { $0.utMtime == Int(PackZipWriter.earliestTime) })
    #expect(listing.entries.allSatisfy { $0.uid == 0 && $0.gid == 0 })
    for entry in listing.entries {
      #expect(entry.mode == (entry.name.hasSuffix("/") ? 0o40755 : 0o100644), "\(entry.name)")
      // Only the fixed "UT" (mtime) and "ux" (uid/gid) extra fields.
      #expect(entry.extraIDs == [0x5455, 0x7875], "\(entry.name)")
      if !entry.name.hasSuffix("/") {
        let path = String(entry.name.dropFirst(root.count))
        #expect(entry.contents == Self.files[path], "\(entry.name)")
      }
    }
    #expect(listing.entries.first { $0.name.hasSuffix("grants.csv") }?.compressType == 8)
  }

  @Test func modificationTimeIsStoredInUTC() throws {
    let folder = try ScratchFolder()
    let zip = folder.url.appendingPathComponent("pack.zip")
    // 2026-09-30T12:34:56Z
    try PackZipWriter.write(Self.files, root: "pack", modificationTime: 1_790_771_696, to: zip)
    let listing = try ZipListing.read(zip)
    #expect(listing.entries.allSatisfy { $0.dateTime == [2026, 9, 30, 12, 34, 56] })
    #expect(listing.entries.allSatisfy { $0.utMtime == 1_790_771_696 })
  }

  @Test func timesOutsideTheZipRangeAreClamped() throws {
    let folder = try ScratchFolder()
    let zip = folder.url.appendingPathComponent("pack.zip")
    try PackZipWriter.write(["a.txt": [0x61]], root: "pack", modificationTime: 0, to: zip)
    #expect(try ZipListing.read(zip).entries.allSatisfy { $0.dateTime == [1980, 1, 1, 0, 0, 0] })
    try PackZipWriter.write(["a.txt": [0x61]], root: "pack", modificationTime: .max, to: zip)
    #expect(try ZipListing.read(zip).entries.allSatisfy { $0.dateTime == [2106, 2, 7, 6, 28, 14] })
  }

  @Test func nonASCIIRootIsStoredAsFlaggedUTF8() throws {
    let folder = try ScratchFolder()
    let zip = folder.url.appendingPathComponent("pack.zip")
    try PackZipWriter.write(["Übersicht.md": [0x61]], root: "Prüfung-2026", to: zip)
    let listing = try ZipListing.read(zip)
    #expect(listing.names == ["Prüfung-2026/", "Prüfung-2026/Übersicht.md"])
    #expect(listing.entries.allSatisfy { $0.utf8Flag })
  }

  @Test func unzipTestsTheArchiveClean() throws {
    let unzip = URL(fileURLWithPath: "/usr/bin/unzip")
    try #require(FileManager.default.isExecutableFile(atPath: unzip.path), "unzip is not installed")
    let folder = try ScratchFolder()
    let zip = folder.url.appendingPathComponent("pack.zip")
    try PackZipWriter.write(Self.files, root: "pack", to: zip)
    let process = Process()
    process.executableURL = unzip
    process.arguments = ["-tq", zip.path]
    process.standardOutput = Pipe()
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
  }

  @Test(arguments: ["../escape.txt", "/etc/passwd", "data//x.csv", "./x.csv", ""])
  func unsafeFilePathsAreRefused(path: String) {
    #expect(throws: PackWriter.Failure.self) { try PackZipWriter.zipData([path: [0x61]], root: "pack") }
  }

  @Test(arguments: ["", ".", "..", "a/b", "a\\b", "tab\there"])
  func unsafeRootsAreRefused(root: String) {
    #expect(throws: PackWriter.Failure.self) { try PackZipWriter.zipData(["a.txt": [0x61]], root: root) }
  }

  @Test func writeReplacesAnEarlierZipAndLeavesNoTemporaryFile() throws {
    let folder = try ScratchFolder()
    let zip = folder.url.appendingPathComponent("pack.zip")
    try Data("old".utf8).write(to: zip)
    try PackZipWriter.write(Self.files, root: "pack", to: zip)
    #expect(try Data(contentsOf: zip) == Data(PackZipWriter.zipData(Self.files, root: "pack")))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["pack.zip"])
    let permissions =
      try FileManager.default.attributesOfItem(atPath: zip.path)[.posixPermissions] as? NSNumber
    #expect(permissions?.intValue == 0o644)
  }

  @Test func writeRefusesASymbolicLinkOrAFolder() throws {
    let folder = try ScratchFolder()
    let target = folder.url.appendingPathComponent("target.zip")
    try Data("keep".utf8).write(to: target)
    let link = folder.url.appendingPathComponent("link.zip")
    try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
    #expect(throws: PackWriter.Failure.self) { try PackZipWriter.write(Self.files, root: "pack", to: link) }
    #expect(try Data(contentsOf: target) == Data("keep".utf8))
    #expect(throws: PackWriter.Failure.self) {
      try PackZipWriter.write(Self.files, root: "pack", to: folder.url)
    }
  }
}

/// A folder under the temporary directory, removed when the value is released.
final class ScratchFolder {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("pack-zip-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit {
    try? FileManager.default.removeItem(at: url)
  }
}

/// A zip as Python's `zipfile` reads it: an independent reader of what the writer produced.
struct ZipListing: Decodable {
  struct Entry: Decodable {
    var name: String
    var dateTime: [Int]
    var mode: Int
    var compressType: Int
    var utf8Flag: Bool
    var extraIDs: [Int]
    var utMtime: Int?
    var uid: Int?
    var gid: Int?
    var data: String

    var contents: [UInt8] { Array(Data(base64Encoded: data) ?? Data()) }
  }

  var entries: [Entry]
  /// `testzip()`: the first member whose CRC or header is bad, nil when all are good.
  var bad: String?

  var names: [String] { entries.map(\.name) }

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  static func read(_ url: URL) throws -> ZipListing {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script, url.path]
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    let output = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      let message = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      throw Failure(description: "python3 could not read the zip: \(message)")
    }
    return try JSONDecoder().decode(ZipListing.self, from: output)
  }

  private static let script = #"""
    import base64, json, struct, sys, zipfile
    entries = []
    with zipfile.ZipFile(sys.argv[1]) as archive:
        bad = archive.testzip()
        for info in archive.infolist():
            extra = info.extra
            ids, ut, uid, gid = [], None, None, None
            position = 0
            while position + 4 <= len(extra):
                kind, size = struct.unpack("<HH", extra[position:position + 4])
                body = extra[position + 4:position + 4 + size]
                ids.append(kind)
                if kind == 0x5455 and body[0] & 1:
                    ut = struct.unpack("<I", body[1:5])[0]
                if kind == 0x7875:
                    uid = int.from_bytes(body[2:2 + body[1]], "little")
                    rest = body[2 + body[1]:]
                    gid = int.from_bytes(rest[1:1 + rest[0]], "little")
                position += 4 + size
            entries.append({
                "name": info.filename, "dateTime": list(info.date_time), "mode": info.external_attr >> 16,
                "compressType": info.compress_type, "utf8Flag": bool(info.flag_bits & 0x800),
                "extraIDs": ids, "utMtime": ut, "uid": uid, "gid": gid,
                "data": "" if info.is_dir() else base64.b64encode(archive.read(info)).decode(),
            })
    print(json.dumps({"entries": entries, "bad": bad}))
    """#
}
