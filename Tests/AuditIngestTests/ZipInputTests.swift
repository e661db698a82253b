import AuditModel
import Foundation
import Testing

@testable import AuditIngest

/// `.zip` inputs: members become input files; hostile archives are refused before anything is read.
@Suite struct ZipInputTests {
  static let mailboxPermissions = Array(
    "Identity,User,AccessRights,IsInherited,Deny\nceo,assistant@contoso.com,FullAccess,False,False\n".utf8)
  static let recipientPermissions = Array(
    "Identity,Trustee,AccessControlType,AccessRights,IsInherited\nceo,assistant@contoso.com,Allow,SendAs,False\n"
      .utf8)

  // MARK: - Expanding

  @Test func zipOfTwoExportsGivesTwoFilesNamedAfterTheArchive() throws {
    let folder = try TemporaryFolder()
    let zip = folder.url.appendingPathComponent("exports.zip")
    try ZipMaker.make(
      zip,
      [
        .init("recipient-permissions.csv", Self.recipientPermissions),
        .init("mailbox-permissions.csv", Self.mailboxPermissions),
        .init("README.md", Array("notes".utf8)),
        .init("__MACOSX/._mailbox-permissions.csv", [0, 5, 22, 7]),
        .init(".DS_Store", [0, 0, 0, 1]),
        .init("subfolder/.hidden.csv", Array("a,b\n".utf8)),
        .folder("empty/"),
      ])
    let files = try InputCollector.collect([zip.path])
    // Documentation members are read too; the ingest leaves them out with a note when no export is detected.
    #expect(
      files.map(\.displayPath) == [
        "exports.zip/README.md", "exports.zip/mailbox-permissions.csv",
        "exports.zip/recipient-permissions.csv",
      ])
    #expect(
      files.map(\.contents) == [Array("notes".utf8), Self.mailboxPermissions, Self.recipientPermissions])
    #expect(files[1].source == .archiveMember(archive: zip, path: "mailbox-permissions.csv"))
    #expect(files[1].url == zip)
  }

  @Test func zipInsideAFolderIsExpandedUnderItsRelativePath() throws {
    let folder = try TemporaryFolder()
    try FileManager.default.createDirectory(
      at: folder.url.appendingPathComponent("tenant/2026"), withIntermediateDirectories: true)
    try Data(Self.mailboxPermissions).write(
      to: folder.url.appendingPathComponent("tenant/mailbox-permissions.csv"))
    try ZipMaker.make(
      folder.url.appendingPathComponent("tenant/2026/exports.zip"),
      [.init("sendas/recipient-permissions.csv", Self.recipientPermissions)])
    let files = try InputCollector.collect([folder.url.appendingPathComponent("tenant").path])
    #expect(
      files.map(\.displayPath) == [
        "2026/exports.zip/sendas/recipient-permissions.csv", "mailbox-permissions.csv",
      ])
    #expect(files[0].contents == Self.recipientPermissions)
    #expect(files[1].contents == nil)
  }

  @Test func backslashSeparatorsFromWindowsPowerShellAreNormalised() throws {
    let folder = try TemporaryFolder()
    let zip = folder.url.appendingPathComponent("exports.zip")
    try ZipMaker.make(
      zip, [.init("exports\\mailbox-permissions.csv", Self.mailboxPermissions, madeOnWindows: true)])
    let files = try InputCollector.collect([zip.path])
    #expect(files.map(\.displayPath) == ["exports.zip/exports/mailbox-permissions.csv"])
  }

  @Test func utf8AndLegacyCodePageNamesAreRead() throws {
    let folder = try TemporaryFolder()
    let zip = folder.url.appendingPathComponent("exports.zip")
    // "Xbersicht.csv" is stored as CP437 "Übersicht.csv" (0x9A), without the UTF-8 flag.
    try ZipMaker.make(
      zip,
      [
        .init("Prüfung/Postfächer.csv", Self.mailboxPermissions),
        .init("Xbersicht.csv", Self.recipientPermissions, legacyName: [0x9A] + Array("bersicht.csv".utf8)),
      ])
    let files = try InputCollector.collect([zip.path])
    #expect(files.map(\.displayPath) == ["exports.zip/Prüfung/Postfächer.csv", "exports.zip/Übersicht.csv"])
  }

  @Test func nestedZipIsNotExpanded() throws {
    let folder = try TemporaryFolder()
    let inner = folder.url.appendingPathComponent("inner.zip")
    try ZipMaker.make(inner, [.init("mailbox-permissions.csv", Self.mailboxPermissions)])
    let outer = folder.url.appendingPathComponent("outer.zip")
    try ZipMaker.make(outer, [.init("inner.zip", Array(try Data(contentsOf: inner)))])
    let files = try InputCollector.collect([outer.path])
    #expect(files.map(\.displayPath) == ["outer.zip/inner.zip"])
    let ingested = FileIngestor.ingest(files[0])
    #expect(ingested.kind == nil)
  }

  @Test func memberIsIngestedFromItsBytesAndTheBytesAreDropped() throws {
    let folder = try TemporaryFolder()
    let zip = folder.url.appendingPathComponent("exports.zip")
    try ZipMaker.make(zip, [.init("mailbox-permissions.csv", Self.mailboxPermissions)])
    let input = try #require(try InputCollector.collect([zip.path]).first)
    let fromBytes = FileIngestor.ingest(input)
    #expect(fromBytes.kind == .mailboxPermission)
    #expect(fromBytes.size == Self.mailboxPermissions.count)
    #expect(fromBytes.input.displayPath == "exports.zip/mailbox-permissions.csv")
    #expect(fromBytes.input.contents == nil)
    #expect(fromBytes.facts.ledger.file == "exports.zip/mailbox-permissions.csv")
    // Without the bytes in memory, the member is read from the archive again.
    let reread = FileIngestor.ingest(fromBytes.input)
    #expect(reread.sha256 == fromBytes.sha256)
    #expect(reread.facts.ledger.produced == fromBytes.facts.ledger.produced)
  }

  @Test func emptyMemberIsKeptAndReportedByTheIngestor() throws {
    let folder = try TemporaryFolder()
    let zip = folder.url.appendingPathComponent("exports.zip")
    try ZipMaker.make(zip, [.init("mailbox-permissions.csv", [])])
    let files = try InputCollector.collect([zip.path])
    #expect(files.map(\.contents) == [[]])
    let ingested = FileIngestor.ingest(files[0])
    #expect(ingested.report.diagnostics.map(\.message) == ["the file is empty"])
  }

  // MARK: - Hostile archives

  @Test(arguments: [
    ("../mailbox-permissions.csv", "it contains a '..' segment"),
    ("exports/../../etc/passwd", "it contains a '..' segment"),
    ("/etc/passwd", "it is an absolute path"),
    ("C:/exports/a.csv", "it is an absolute path"),
    ("exports/a\u{1}.csv", "it contains a control character"),
  ])
  func unsafeMemberPathIsRefused(name: String, reason: String) throws {
    let folder = try TemporaryFolder()
    let zip = folder.url.appendingPathComponent("evil.zip")
    try ZipMaker.make(zip, [.init("fine.csv", Self.mailboxPermissions), .init(name, Array("a,b\n".utf8))])
    let error = try #require(throws: IngestError.self) { try InputCollector.collect([zip.path]) }
    #expect(error.location?.file == "evil.zip")
    #expect(error.message.hasPrefix("the zip archive holds a member with an unsafe path"))
    #expect(error.message.hasSuffix(reason))
    #expect(!error.description.contains("\u{1}"))
  }

  @Test func encryptedMemberIsRefused() throws {
    let folder = try TemporaryFolder()
    let zip = folder.url.appendingPathComponent("locked.zip")
    // Python cannot encrypt; the member is stored and only flagged as encrypted (general purpose
    // bit 0, in the local and the central header), which is all libarchive looks at.
    try ZipMaker.make(zip, [.init("mailbox-permissions.csv", Self.mailboxPermissions, encryptedFlag: true)])
    let error = try #require(throws: IngestError.self) { try InputCollector.collect([zip.path]) }
    #expect(error.message == "encrypted zip members are not supported; extract it first")
    #expect(error.location?.file == "locked.zip/mailbox-permissions.csv")
  }

  @Test func truncatedArchiveIsRefused() throws {
    let folder = try TemporaryFolder()
    let zip = folder.url.appendingPathComponent("exports.zip")
    try ZipMaker.make(
      zip,
      [
        .init("mailbox-permissions.csv", Self.mailboxPermissions),
        .init("recipient.csv", Self.recipientPermissions),
      ])
    let whole = try Data(contentsOf: zip)
    try whole.prefix(whole.count * 2 / 3).write(to: zip)
    let error = try #require(throws: IngestError.self) { try InputCollector.collect([zip.path]) }
    #expect(error.description.hasPrefix("exports.zip: error: cannot read the zip archive: "))
  }

  @Test func notAZipIsRefused() throws {
    let folder = try TemporaryFolder()
    let zip = folder.url.appendingPathComponent("exports.zip")
    try Data(Self.mailboxPermissions).write(to: zip)
    let error = try #require(throws: IngestError.self) { try InputCollector.collect([zip.path]) }
    #expect(error.description.hasPrefix("exports.zip: error: cannot read the zip archive: "))
  }

  @Test func corruptMemberDataIsRefused() throws {
    let folder = try TemporaryFolder()
    let zip = folder.url.appendingPathComponent("exports.zip")
    let text = Array(String(repeating: "ceo,assistant@contoso.com,FullAccess,False,False\n", count: 200).utf8)
    try ZipMaker.make(zip, [.init("mailbox-permissions.csv", text)])
    var bytes = Array(try Data(contentsOf: zip))
    // Flip a byte in the deflated data (after the 30-byte local header and the 23-byte name).
    bytes[60] ^= 0xFF
    try Data(bytes).write(to: zip)
    let error = try #require(throws: IngestError.self) { try InputCollector.collect([zip.path]) }
    #expect(error.location?.file == "exports.zip/mailbox-permissions.csv")
    #expect(error.message.hasPrefix("cannot read the zip archive: "))
  }

  @Test func zipBombIsRefusedNamingTheMember() throws {
    let folder = try TemporaryFolder()
    let zip = folder.url.appendingPathComponent("exports.zip")
    try ZipMaker.make(
      zip,
      [.init("mailbox-permissions.csv", Self.mailboxPermissions), .zeros("padding.csv", count: 50_000_000)])
    #expect(try Data(contentsOf: zip).count < 100_000)
    let error = try #require(throws: IngestError.self) { try InputCollector.collect([zip.path]) }
    #expect(error.location?.file == "exports.zip/padding.csv")
    #expect(error.message.hasPrefix("the zip member expands more than 1000 times"))
    #expect(error.message.hasSuffix("refusing a possible zip bomb"))
  }

  @Test func highlyCompressibleSmallMemberIsAccepted() throws {
    let folder = try TemporaryFolder()
    let zip = folder.url.appendingPathComponent("exports.zip")
    try ZipMaker.make(zip, [.zeros("padding.csv", count: 1 << 20)])
    let files = try InputCollector.collect([zip.path])
    #expect(files.first?.contents?.count == 1 << 20)
  }

  @Test func memberOverTheSizeLimitIsRefused() throws {
    let folder = try TemporaryFolder()
    let zip = folder.url.appendingPathComponent("exports.zip")
    try ZipMaker.make(
      zip,
      [
        .init("mailbox-permissions.csv", Self.mailboxPermissions),
        .init("big.csv", Array(repeating: 0x41, count: 5000)),
      ])
    let limits = ZipLimits(maxMemberSize: 4096, maxTotalSize: 1 << 20, maxRatio: 1000, ratioFloor: 1 << 20)
    let error = try #require(throws: IngestError.self) {
      try InputCollector.collect([zip.path], zipLimits: limits)
    }
    #expect(error.location?.file == "exports.zip/big.csv")
    #expect(error.message == "the zip member is larger than 4 KiB uncompressed; refusing to read it")
  }

  @Test func archiveOverTheTotalLimitIsRefused() throws {
    let folder = try TemporaryFolder()
    let zip = folder.url.appendingPathComponent("exports.zip")
    let chunk = Array(repeating: UInt8(0x41), count: 3000)
    try ZipMaker.make(zip, [.init("a.csv", chunk), .init("b.csv", chunk), .init("c.csv", chunk)])
    let limits = ZipLimits(maxMemberSize: 4096, maxTotalSize: 8192, maxRatio: 1000, ratioFloor: 1 << 20)
    let error = try #require(throws: IngestError.self) {
      try InputCollector.collect([zip.path], zipLimits: limits)
    }
    #expect(error.location?.file == "exports.zip/c.csv")
    #expect(error.message == "the zip archive expands to more than 8 KiB; refusing to read further")
  }

  @Test func duplicateMemberNamesAreRefused() throws {
    let folder = try TemporaryFolder()
    let zip = folder.url.appendingPathComponent("exports.zip")
    try ZipMaker.make(
      zip, [.init("a.csv", Self.mailboxPermissions), .init("./a.csv", Self.recipientPermissions)])
    let error = try #require(throws: IngestError.self) { try InputCollector.collect([zip.path]) }
    #expect(error.message == "the zip archive holds two members named a.csv")
  }

  // MARK: - Member paths

  @Test(arguments: [
    ("a.csv", ZipMemberPath.read("a.csv")),
    ("./exports//a.csv", .read("exports/a.csv")),
    ("exports\\a.csv", .read("exports/a.csv")),
    ("__MACOSX/exports/._a.csv", .skip),
    ("exports/.DS_Store", .skip),
    (".git/config", .skip),
    ("exports/README.md", .read("exports/README.md")),
    ("exports/LICENSE", .read("exports/LICENSE")),
    ("notes.TXT", .read("notes.TXT")),
    ("a..b.csv", .read("a..b.csv")),
  ])
  func memberPathClassification(raw: String, expected: ZipMemberPath) {
    #expect(ZipMemberPath.classify(raw) == expected)
  }

  @Test func sizesAreDescribedInBinaryUnits() {
    #expect(ZipInputExpander.describe(ZipLimits.standard.maxMemberSize) == "2 GiB")
    #expect(ZipInputExpander.describe(ZipLimits.standard.maxTotalSize) == "8 GiB")
    #expect(ZipInputExpander.describe(1500) == "1500 bytes")
  }
}

/// A folder under the temporary directory, removed when the value is released.
final class TemporaryFolder {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("zip-input-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit {
    try? FileManager.default.removeItem(at: url)
  }
}

/// Builds zip archives with Python's `zipfile` (python3 is part of the build environment).
enum ZipMaker {
  struct Member {
    var name: String
    var bytes: [UInt8] = []
    var zeros = 0
    var isFolder = false
    var madeOnWindows = false
    var encryptedFlag = false
    /// Bytes that replace the (ASCII, same-length) name in both headers, with no UTF-8 flag.
    var legacyName: [UInt8]?

    init(
      _ name: String, _ bytes: [UInt8], madeOnWindows: Bool = false, encryptedFlag: Bool = false,
      legacyName: [UInt8]? = nil
    ) {
      self.name = name
      self.bytes = bytes
      self.madeOnWindows = madeOnWindows
      self.encryptedFlag = encryptedFlag
      self.legacyName = legacyName
    }

    static func zeros(_ name: String, count: Int) -> Member {
      var member = Member(name, [])
      member.zeros = count
      return member
    }

    static func folder(_ name: String) -> Member {
      var member = Member(name, [])
      member.isFolder = true
      return member
    }
  }

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// Writes a deflated zip of `members`, in order, to `url`.
  static func make(_ url: URL, _ members: [Member]) throws {
    let spec: [[String: Any]] = members.map {
      [
        "name": $0.name, "data": Data($0.bytes).base64EncodedString(), "zeros": $0.zeros,
        "folder": $0.isFolder, "windows": $0.madeOnWindows, "encrypted": $0.encryptedFlag,
        "legacy": $0.legacyName.map { Data($0).base64EncodedString() } ?? "",
      ]
    }
    let input = try JSONSerialization.data(withJSONObject: ["path": url.path, "members": spec])
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script]
    let stdin = Pipe()
    let stderr = Pipe()
    process.standardInput = stdin
    process.standardError = stderr
    try process.run()
    stdin.fileHandleForWriting.write(input)
    try stdin.fileHandleForWriting.close()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      let message = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      throw Failure(description: "python3 could not build the zip: \(message)")
    }
  }

  private static let script = #"""
    import base64, json, struct, sys, warnings, zipfile
    warnings.simplefilter("ignore")
    spec = json.load(sys.stdin)
    encrypted = []
    legacy = []
    with zipfile.ZipFile(spec["path"], "w", zipfile.ZIP_DEFLATED) as archive:
        for member in spec["members"]:
            info = zipfile.ZipInfo(member["name"], (2026, 9, 30, 12, 0, 0))
            if member["folder"]:
                info.external_attr = 0o40755 << 16 | 0x10
                archive.writestr(info, b"")
                continue
            info.compress_type = zipfile.ZIP_DEFLATED
            if member["windows"]:
                info.create_system = 0
            data = b"\0" * member["zeros"] if member["zeros"] else base64.b64decode(member["data"])
            archive.writestr(info, data)
            if member["encrypted"]:
                encrypted.append(info.header_offset)
            if member["legacy"]:
                legacy.append((member["name"].encode("ascii"), base64.b64decode(member["legacy"])))
    if encrypted or legacy:
        with open(spec["path"], "r+b") as handle:
            blob = bytearray(handle.read())
            for name, replacement in legacy:
                blob = blob.replace(name, replacement)
            for offset in encrypted:
                blob[offset + 6] |= 1
            position = struct.unpack("<I", blob[-6:-2])[0]
            while blob[position:position + 4] == b"PK\x01\x02":
                name, extra, comment = struct.unpack("<HHH", blob[position + 28:position + 34])
                if struct.unpack("<I", blob[position + 42:position + 46])[0] in encrypted:
                    blob[position + 8] |= 1
                position += 46 + name + extra + comment
            handle.seek(0)
            handle.write(blob)
    """#
}

@Suite struct DocumentationFileTests {
  @Test func readmeBesideExportsIsLeftOutWithANote() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("da-docs-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data("# Exports\n\nTaken on 2026-11-30 by the admin.\n".utf8).write(
      to: folder.appendingPathComponent("README.md"))
    try Data("Identity,User,AccessRights,IsInherited,Deny\nceo,a@contoso.com,FullAccess,False,False\n".utf8)
      .write(to: folder.appendingPathComponent("permissions.txt"))
    let result = try Ingest.run([folder.path])
    #expect(result.files.map(\.input.displayPath) == ["permissions.txt"])
    #expect(result.inventory.grants.count == 1)
    let note = result.inventory.diagnostics.first { $0.location?.file == "README.md" }
    #expect(note?.level == .note)
    #expect(note?.message == "not read: no export was detected in this file (documentation?)")
  }
}
