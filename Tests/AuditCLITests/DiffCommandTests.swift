import AuditModel
import Foundation
import Testing

@testable import AuditCLI

/// `delegation-audit diff OLD NEW`: added, removed and changed grants between packs and exports.
@Suite struct DiffCommandTests {
  typealias Permission = SnapshotFixture.Permission

  static let old = [
    Permission(mailbox: "ceo@contoso.com", trustee: "alex@contoso.com"),
    Permission(mailbox: "ceo@contoso.com", trustee: "carol@contoso.com"),
    Permission(mailbox: "ceo@contoso.com", trustee: "dave@contoso.com"),
  ]
  static let new = [
    Permission(mailbox: "ceo@contoso.com", trustee: "alex@contoso.com"),
    Permission(mailbox: "ceo@contoso.com", trustee: "bob@contoso.com"),
    Permission(mailbox: "ceo@contoso.com", trustee: "dave@contoso.com", inherited: true),
    Permission(mailbox: "cfo@contoso.com", trustee: "alex@contoso.com", rights: "ChangePermission"),
  ]

  static let lists = """
    added:
      ceo@contoso.com  bob@contoso.com  FullAccess
      cfo@contoso.com  alex@contoso.com  ChangePermission
    removed:
      ceo@contoso.com  carol@contoso.com  FullAccess
    changed:
      ceo@contoso.com  dave@contoso.com  FullAccess  (inherited false -> true)

    """

  @Test func twoExportFolders() throws {
    let fixture = try SnapshotFixture()
    defer { fixture.remove() }
    let before = try fixture.exports("v1", Self.old)
    let after = try fixture.exports("v2", Self.new)
    let (code, capture) = SnapshotFixture.main(["diff", before, after])
    #expect(code == 0)
    #expect(
      capture.stdout == "2 added, 1 removed, 1 changed (old: \(before), exports; new: \(after), exports)\n"
        + Self.lists)
    #expect(capture.stderr.isEmpty)
  }

  @Test func packAgainstExports() throws {
    let fixture = try SnapshotFixture()
    defer { fixture.remove() }
    let pack = try fixture.pack("before", from: fixture.exports("v1", Self.old), asOf: "2026-08-31")
    let after = try fixture.exports("v2", Self.new)
    let (code, capture) = SnapshotFixture.main(["diff", pack, after])
    #expect(code == 0, "\(capture.stderr)")
    #expect(
      capture.stdout
        == "2 added, 1 removed, 1 changed (old: \(pack), pack as of 2026-08-31T00:00:00Z; new: \(after), exports)\n"
        + Self.lists)
    // The manifest itself also names the pack.
    let (again, same) = SnapshotFixture.main(["diff", pack + "/manifest.json", after])
    #expect(again == 0)
    #expect(same.stdout.hasSuffix(Self.lists))
  }

  @Test func identicalSnapshotsExitZero() throws {
    let fixture = try SnapshotFixture()
    defer { fixture.remove() }
    let before = try fixture.exports("v1", Self.old)
    let pack = try fixture.pack("before", from: before, asOf: "2026-08-31")
    let (code, capture) = SnapshotFixture.main(["diff", pack, before])
    #expect(code == 0)
    #expect(capture.stdout.hasPrefix("0 added, 0 removed, 0 changed"))
    #expect(capture.stdout.hasSuffix("added:\n  (none)\nremoved:\n  (none)\nchanged:\n  (none)\n"))
  }

  @Test func jsonShape() throws {
    let fixture = try SnapshotFixture()
    defer { fixture.remove() }
    let pack = try fixture.pack("before", from: fixture.exports("v1", Self.old), asOf: "2026-08-31")
    let after = try fixture.exports("v2", Self.new)
    let (code, capture) = SnapshotFixture.main(["diff", pack, after, "--json"])
    #expect(code == 0)
    #expect(
      capture.stdout.hasPrefix(
        "{\n  \"schemaVersion\": 1,\n  \"old\": {\n    \"asOf\": \"2026-08-31T00:00:00Z\","))
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(capture.stdout.utf8)) as? [String: Any])
    #expect(object["schemaVersion"] as? Int == 1)
    #expect((object["old"] as? [String: Any])?["source"] as? String == "pack")
    #expect((object["new"] as? [String: Any])?["asOf"] is NSNull)
    let added = try #require(object["added"] as? [[String: Any]])
    #expect(
      added.map { "\($0["mailbox"]!) \($0["trustee"]!) \($0["right"]!)" } == [
        "ceo@contoso.com bob@contoso.com FullAccess", "cfo@contoso.com alex@contoso.com ChangePermission",
      ])
    let removed = try #require(object["removed"] as? [[String: Any]])
    #expect(removed.map { $0["trustee"] as? String } == ["carol@contoso.com"])
    let changed = try #require(object["changed"] as? [[String: Any]])
    #expect(changed.count == 1)
    #expect((changed.first?["old"] as? [String: Any])?["isInherited"] as? Bool == false)
    #expect((changed.first?["new"] as? [String: Any])?["isInherited"] as? Bool == true)
    // Entries are data/grants.json entries, plus sharingFlags.
    let packGrants = try #require(try fixture.json(pack, "data/grants.json")["grants"] as? [[String: Any]])
    #expect(Set(added[0].keys) == Set(try #require(packGrants.first).keys).union(["sharingFlags"]))
    let sources = try #require(added[0]["sources"] as? [[String: Any]])
    #expect(sources.first?["file"] as? String == "mailbox-permissions.csv")
    #expect(sources.first?["line"] as? Int == 3)
  }

  @Test func identitiesAreAlignedAcrossSnapshots() throws {
    let fixture = try SnapshotFixture()
    defer { fixture.remove() }
    let before = try fixture.exports("v1", [.init(mailbox: "ceo", trustee: "alex")])
    let mailboxes = """
      "Alias","DisplayName","PrimarySmtpAddress","RecipientTypeDetails"\r
      "ceo","Chief Executive","ceo@contoso.com","UserMailbox"\r
      "alex","Alex Wilber","alex@contoso.com","UserMailbox"\r

      """
    let after = try fixture.exports(
      "v2", [.init(mailbox: "ceo", trustee: "alex")], extra: ["mailboxes.csv": mailboxes])
    let (code, capture) = SnapshotFixture.main(["diff", before, after])
    #expect(code == 0)
    #expect(capture.stdout.hasPrefix("0 added, 0 removed, 0 changed"))
    #expect(capture.stderr.contains("note: only NEW has a mailbox export; its grants are listed as added"))
  }

  @Test func badPathsAreUnusable() throws {
    let fixture = try SnapshotFixture()
    defer { fixture.remove() }
    let after = try fixture.exports("v2", Self.new)
    var (code, capture) = SnapshotFixture.main(["diff", fixture.path("nowhere"), after])
    #expect(code == 2)
    #expect(
      capture.stderr == "error: \(fixture.path("nowhere")): no such file or folder\n  hint: check the path\n")
    #expect(capture.stdout.isEmpty)
    let notes = fixture.path("notes")
    try fixture.write(
      "Colour,Size\r\nred,3\r\n", to: URL(fileURLWithPath: notes).appendingPathComponent("things.csv"))
    (code, capture) = SnapshotFixture.main(["diff", after, notes, "--json"])
    #expect(code == 2)
    #expect(
      capture.stderr.contains("error: \(notes): is neither an evidence pack (no manifest.json) nor exports"))
    #expect(capture.stdout.isEmpty)
  }

  @Test(arguments: [["diff", "only-one"], ["diff", "a", "b", "c"], ["diff", "a", "b", "--jsn"]])
  func usageErrors(_ arguments: [String]) {
    let (code, capture) = SnapshotFixture.main(arguments)
    #expect(code == 64)
    #expect(capture.stderr.hasPrefix("error: "))
  }

  @Test func helpDocumentsTheExitCodes() {
    let (code, capture) = SnapshotFixture.main(["diff", "--help"])
    #expect(code == 0)
    #expect(capture.stdout.contains("Usage: delegation-audit diff OLD NEW [--json]"))
    #expect(capture.stdout.contains("Exit codes: 0 whether or not the snapshots differ"))
    let (_, overview) = SnapshotFixture.main(["--help"])
    let line = overview.stdout.split(separator: "\n").first { $0.hasPrefix("  diff ") }
    #expect(line?.hasSuffix("(planned)") == false)
  }

  @Test func folderGrantLineNamesTheFolder() {
    let grant = Grant(
      key: Grant.Key(
        mailbox: "ceo@contoso.com", trustee: "alex@contoso.com", right: Right("Editor"), folder: "\\Calendar"),
      mailboxDisplayName: "CEO", trusteeDisplayName: "Alex", trusteeKind: .user, isInherited: false,
      sharingFlags: ["Delegate"], sources: [])
    #expect(DiffCommand.line(grant) == "ceo@contoso.com  alex@contoso.com  Editor  \\Calendar")
    var without = grant
    without.sharingFlags = []
    #expect(DiffCommand.change((old: without, new: grant)) == "sharing flags none -> Delegate")
  }
}
