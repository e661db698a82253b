import AuditModel
import Foundation
import Testing

@testable import AuditCLI

/// A temporary folder of small exports and packs made in process, shared by the baseline and diff tests.
struct SnapshotFixture {
  /// One Get-MailboxPermission row.
  struct Permission {
    var mailbox: String
    var trustee: String
    var rights = "FullAccess"
    var inherited = false
  }

  /// One Purview audit-log record of a mailbox-permission change.
  struct Event {
    var id: String
    var time: String
    var operation = "Add-MailboxPermission"
    var mailbox: String
    var trustee: String
    var rights = "FullAccess"
  }

  let root: URL

  init() throws {
    root = FileManager.default.temporaryDirectory.appendingPathComponent("da-baseline-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
  }

  func remove() { try? FileManager.default.removeItem(at: root) }

  func path(_ name: String) -> String { root.appendingPathComponent(name).path }

  /// Writes `name/mailbox-permissions.csv` (and `audit-log.csv` when events are given); returns the folder.
  @discardableResult
  func exports(
    _ name: String, _ permissions: [Permission], events: [Event]? = nil, extra: [String: String] = [:]
  )
    throws -> String
  {
    let folder = root.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    var csv = "\"Identity\",\"User\",\"AccessRights\",\"IsInherited\",\"Deny\",\"InheritanceType\"\r\n"
    for row in permissions {
      csv +=
        "\"\(row.mailbox)\",\"\(row.trustee)\",\"\(row.rights)\",\"\(row.inherited ? "True" : "False")\",\"False\",\"All\"\r\n"
    }
    try write(csv, to: folder.appendingPathComponent("mailbox-permissions.csv"))
    if let events {
      var log = "RecordId,CreationDate,RecordType,Operation,UserId,AuditData\r\n"
      for event in events {
        let data =
          "{\"CreationTime\":\"\(event.time)\",\"Id\":\"\(event.id)\",\"Operation\":\"\(event.operation)\","
          + "\"RecordType\":1,\"ResultStatus\":\"True\",\"UserId\":\"admin@contoso.com\",\"Workload\":\"Exchange\","
          + "\"ObjectId\":\"\(event.mailbox)\",\"Parameters\":[{\"Name\":\"Identity\",\"Value\":\"\(event.mailbox)\"},"
          + "{\"Name\":\"User\",\"Value\":\"\(event.trustee)\"},{\"Name\":\"AccessRights\",\"Value\":\"\(event.rights)\"},"
          + "{\"Name\":\"InheritanceType\",\"Value\":\"All\"}]}"
        log +=
          "\(event.id),\(event.time).0000000Z,ExchangeAdmin,\(event.operation),admin@contoso.com,"
          + "\"\(data.replacingOccurrences(of: "\"", with: "\"\""))\"\r\n"
      }
      try write(log, to: folder.appendingPathComponent("audit-log.csv"))
    }
    for (file, text) in extra { try write(text, to: folder.appendingPathComponent(file)) }
    return folder.path
  }

  /// Runs `run` in process on `exports`, writing the pack `name`; returns its folder.
  func pack(_ name: String, from exports: String, asOf: String) throws -> String {
    let (code, capture) = Self.main(["run", exports, "--out", path(name), "--as-of", asOf, "--quiet"])
    try #require(code == 0, "run failed: \(capture.stderr)")
    return path(name)
  }

  /// The JSON object in a pack file.
  func json(_ pack: String, _ file: String) throws -> [String: Any] {
    let data = try Data(contentsOf: URL(fileURLWithPath: pack).appendingPathComponent(file))
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  func write(_ text: String, to url: URL) throws {
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
  }

  /// The tool in process: exit code and captured output.
  static func main(_ arguments: [String]) -> (Int32, Console.Capture) {
    let capture = Console.Capture()
    let code = CommandLineTool.main(arguments, console: capture.console())
    return (code, capture)
  }
}

/// `run --baseline`: a previous pack or exports as the snapshot that grants added since are checked against.
@Suite struct BaselineTests {
  static let before = [
    SnapshotFixture.Permission(mailbox: "ceo@contoso.com", trustee: "alex@contoso.com")
  ]
  static let after =
    before + [SnapshotFixture.Permission(mailbox: "ceo@contoso.com", trustee: "bob@contoso.com")]
  /// Adds an unrelated grant, so that the log is present but says nothing of bob.
  static let unrelatedEvent = SnapshotFixture.Event(
    id: "e-1", time: "2026-10-01T09:00:00", mailbox: "cfo@contoso.com", trustee: "carol@contoso.com")
  static let bobEvent = SnapshotFixture.Event(
    id: "e-2", time: "2026-10-14T09:12:44", mailbox: "ceo@contoso.com", trustee: "bob@contoso.com")

  static func findings(_ fixture: SnapshotFixture, _ pack: String, code: String) throws -> [[String: Any]] {
    let findings = try #require(try fixture.json(pack, "data/findings.json")["findings"] as? [[String: Any]])
    return findings.filter { $0["code"] as? String == code }
  }

  static func periodStart(_ fixture: SnapshotFixture, _ pack: String) throws -> String? {
    try fixture.json(pack, "data/results.json")["periodStart"] as? String
  }

  @Test func grantAddedSinceAPackWithoutAnEventIsChangeUnlogged() throws {
    let fixture = try SnapshotFixture()
    defer { fixture.remove() }
    let baseline = try fixture.pack("before", from: fixture.exports("v1", Self.before), asOf: "2026-08-31")
    let exports = try fixture.exports("v2", Self.after, events: [Self.unrelatedEvent])
    let (code, capture) = SnapshotFixture.main([
      "run", exports, "--out", fixture.path("after"), "--as-of", "2026-11-30", "--baseline", baseline,
      "--quiet",
    ])
    #expect(code == 0, "\(capture.stderr)")
    let unlogged = try Self.findings(fixture, fixture.path("after"), code: "CHANGE_UNLOGGED")
    #expect(unlogged.count == 1)
    #expect(unlogged.first?["mailbox"] as? String == "ceo@contoso.com")
    #expect(unlogged.first?["trustee"] as? String == "bob@contoso.com")
    #expect(unlogged.first?["right"] as? String == "FullAccess")
    let changes = try #require(
      try fixture.json(fixture.path("after"), "data/changes.json")["changes"] as? [[String: Any]])
    let snapshot = changes.filter { $0["source"] as? String == "snapshot" }
    #expect(snapshot.count == 1)
    #expect(snapshot.first?["trustee"] as? String == "bob@contoso.com")
    #expect(snapshot.first?["reconciliation"] as? String == "unlogged")
  }

  @Test func grantAddedWithAnAuditEventIsNotChangeUnlogged() throws {
    let fixture = try SnapshotFixture()
    defer { fixture.remove() }
    let baseline = try fixture.pack("before", from: fixture.exports("v1", Self.before), asOf: "2026-08-31")
    let exports = try fixture.exports("v2", Self.after, events: [Self.unrelatedEvent, Self.bobEvent])
    let (code, capture) = SnapshotFixture.main([
      "run", exports, "--out", fixture.path("after"), "--as-of", "2026-11-30", "--baseline", baseline,
      "--quiet",
    ])
    #expect(code == 0, "\(capture.stderr)")
    #expect(try Self.findings(fixture, fixture.path("after"), code: "CHANGE_UNLOGGED").isEmpty)
    let changes = try #require(
      try fixture.json(fixture.path("after"), "data/changes.json")["changes"] as? [[String: Any]])
    let snapshot = changes.filter { $0["source"] as? String == "snapshot" }
    #expect(snapshot.map { $0["reconciliation"] as? String } == ["logged"])
  }

  @Test func periodStartDefaultsToTheBaselinesAsOf() throws {
    let fixture = try SnapshotFixture()
    defer { fixture.remove() }
    let baseline = try fixture.pack("before", from: fixture.exports("v1", Self.before), asOf: "2026-08-31")
    let exports = try fixture.exports("v2", Self.after)
    var (code, _) = SnapshotFixture.main([
      "run", exports, "--out", fixture.path("a"), "--as-of", "2026-11-30", "--baseline", baseline, "--quiet",
    ])
    #expect(code == 0)
    #expect(try Self.periodStart(fixture, fixture.path("a")) == "2026-08-31T00:00:00Z")
    // --period-start still wins; without a baseline the period is as-of minus 90 days.
    (code, _) = SnapshotFixture.main([
      "run", exports, "--out", fixture.path("b"), "--as-of", "2026-11-30", "--baseline", baseline,
      "--period-start", "2026-10-01", "--quiet",
    ])
    #expect(code == 0)
    #expect(try Self.periodStart(fixture, fixture.path("b")) == "2026-10-01T00:00:00Z")
    (code, _) = SnapshotFixture.main([
      "run", exports, "--out", fixture.path("c"), "--as-of", "2026-11-30", "--quiet",
    ])
    #expect(code == 0)
    #expect(try Self.periodStart(fixture, fixture.path("c")) == "2026-09-01T00:00:00Z")
  }

  @Test func manifestListsTheBaselineFilesWithRoleBaselineAndNoPaths() throws {
    let fixture = try SnapshotFixture()
    defer { fixture.remove() }
    let baseline = try fixture.pack("before", from: fixture.exports("v1", Self.before), asOf: "2026-08-31")
    let exports = try fixture.exports("v2", Self.after)
    let (code, _) = SnapshotFixture.main([
      "run", exports, "--out", fixture.path("after"), "--as-of", "2026-11-30", "--baseline", baseline,
      "--quiet",
    ])
    #expect(code == 0)
    let manifest = try fixture.json(fixture.path("after"), "manifest.json")
    let inputs = try #require(manifest["inputs"] as? [[String: Any]])
    let roles = inputs.map { "\($0["role"] as? String ?? ""):\($0["path"] as? String ?? "")" }
    #expect(
      roles == ["baseline:data/grants.json", "baseline:manifest.json", "exports:mailbox-permissions.csv"])
    let grantsHash = inputs.first { $0["path"] as? String == "data/grants.json" }?["sha256"] as? String
    let grantsBytes = try Data(
      contentsOf: URL(fileURLWithPath: baseline).appendingPathComponent("data/grants.json"))
    #expect(grantsHash?.count == 64)
    #expect(
      inputs.first { $0["path"] as? String == "data/grants.json" }?["size"] as? Int == grantsBytes.count)
    let options = try #require(manifest["options"] as? [String: String])
    #expect(options["baseline"] == "true")
    let text = try String(contentsOfFile: fixture.path("after") + "/manifest.json", encoding: .utf8)
    #expect(!text.contains(fixture.root.path))
  }

  @Test func rawExportsAsBaseline() throws {
    let fixture = try SnapshotFixture()
    defer { fixture.remove() }
    let baseline = try fixture.exports("v1", Self.before)
    let exports = try fixture.exports("v2", Self.after, events: [Self.unrelatedEvent])
    let (code, capture) = SnapshotFixture.main([
      "run", exports, "--out", fixture.path("after"), "--as-of", "2026-11-30", "--baseline", baseline,
      "--quiet",
    ])
    #expect(code == 0, "\(capture.stderr)")
    let unlogged = try Self.findings(fixture, fixture.path("after"), code: "CHANGE_UNLOGGED")
    #expect(unlogged.map { $0["trustee"] as? String } == ["bob@contoso.com"])
    // The as-of of raw exports is unknown: the period falls back to as-of minus the review period.
    #expect(try Self.periodStart(fixture, fixture.path("after")) == "2026-09-01T00:00:00Z")
    let inputs = try #require(
      try fixture.json(fixture.path("after"), "manifest.json")["inputs"] as? [[String: Any]])
    let baselineInput = try #require(inputs.first { $0["role"] as? String == "baseline" })
    #expect(baselineInput["path"] as? String == "mailbox-permissions.csv")
    #expect(baselineInput["kind"] as? String == "mailbox-permission")
  }

  @Test func identitiesOfARawBaselineMeetTheCurrentCanonicalIds() throws {
    let fixture = try SnapshotFixture()
    defer { fixture.remove() }
    // The baseline has no mailbox export, so it names mailbox and trustee by alias.
    let baseline = try fixture.exports("v1", [.init(mailbox: "ceo", trustee: "alex")])
    let mailboxes = """
      "Alias","DisplayName","PrimarySmtpAddress","RecipientTypeDetails"\r
      "ceo","Chief Executive","ceo@contoso.com","UserMailbox"\r
      "alex","Alex Wilber","alex@contoso.com","UserMailbox"\r

      """
    let exports = try fixture.exports(
      "v2", Self.before, events: [Self.unrelatedEvent], extra: ["mailboxes.csv": mailboxes])
    let (code, capture) = SnapshotFixture.main([
      "run", exports, "--out", fixture.path("after"), "--as-of", "2026-11-30", "--baseline", baseline,
      "--quiet",
    ])
    #expect(code == 0, "\(capture.stderr)")
    #expect(try Self.findings(fixture, fixture.path("after"), code: "CHANGE_UNLOGGED").isEmpty)
  }

  @Test func folderThatIsNeitherPackNorExportsIsUnusable() throws {
    let fixture = try SnapshotFixture()
    defer { fixture.remove() }
    let exports = try fixture.exports("v2", Self.after)
    let notes = fixture.path("notes")
    try fixture.write(
      "Colour,Size\r\nred,3\r\n", to: URL(fileURLWithPath: notes).appendingPathComponent("things.csv"))
    let (code, capture) = SnapshotFixture.main([
      "run", exports, "--out", fixture.path("after"), "--as-of", "2026-11-30", "--baseline", notes,
    ])
    #expect(code == 2)
    #expect(
      capture.stderr.contains("error: \(notes): is neither an evidence pack (no manifest.json) nor exports"))
    #expect(capture.stderr.contains("hint: "))
    #expect(!FileManager.default.fileExists(atPath: fixture.path("after")))
  }

  @Test func missingBaselineAndExportsWithoutGrantsAreUnusable() throws {
    let fixture = try SnapshotFixture()
    defer { fixture.remove() }
    let exports = try fixture.exports("v2", Self.after)
    var (code, capture) = SnapshotFixture.main([
      "run", exports, "--out", fixture.path("a"), "--as-of", "2026-11-30", "--baseline",
      fixture.path("nowhere"),
    ])
    #expect(code == 2)
    #expect(capture.stderr.contains("error: \(fixture.path("nowhere")): no such file or folder"))
    let orgOnly = fixture.path("org")
    try fixture.write(
      "{\"Name\": \"contoso\", \"AuditDisabled\": false}",
      to: URL(fileURLWithPath: orgOnly).appendingPathComponent("org.json"))
    (code, capture) = SnapshotFixture.main([
      "run", exports, "--out", fixture.path("b"), "--as-of", "2026-11-30", "--baseline", orgOnly,
    ])
    #expect(code == 2)
    #expect(capture.stderr.contains("holds no grant export"))
  }

  @Test func packWithAnUnknownSchemaVersionIsUnusable() throws {
    let fixture = try SnapshotFixture()
    defer { fixture.remove() }
    let baseline = try fixture.pack("before", from: fixture.exports("v1", Self.before), asOf: "2026-08-31")
    let manifest = URL(fileURLWithPath: baseline).appendingPathComponent("manifest.json")
    let text = try String(contentsOf: manifest, encoding: .utf8)
    try fixture.write(
      text.replacingOccurrences(of: "\"schemaVersion\": 1,", with: "\"schemaVersion\": 7,"), to: manifest)
    let exports = try fixture.exports("v2", Self.after)
    let (code, capture) = SnapshotFixture.main([
      "run", exports, "--out", fixture.path("after"), "--as-of", "2026-11-30", "--baseline", baseline,
    ])
    #expect(code == 2)
    #expect(
      capture.stderr.contains(
        "error: \(baseline)/manifest.json: schemaVersion 7 is not one this version reads (1)"))
    #expect(!FileManager.default.fileExists(atPath: fixture.path("after")))
  }

  @Test func damagedPackGrantsNameTheMember() throws {
    let fixture = try SnapshotFixture()
    defer { fixture.remove() }
    let baseline = try fixture.pack("before", from: fixture.exports("v1", Self.before), asOf: "2026-08-31")
    let grants = URL(fileURLWithPath: baseline).appendingPathComponent("data/grants.json")
    let text = try String(contentsOf: grants, encoding: .utf8)
    try fixture.write(text.replacingOccurrences(of: "\"trustee\":", with: "\"trusty\":"), to: grants)
    let exports = try fixture.exports("v2", Self.after)
    let (code, capture) = SnapshotFixture.main([
      "run", exports, "--out", fixture.path("after"), "--as-of", "2026-11-30", "--baseline", baseline,
    ])
    #expect(code == 2)
    #expect(capture.stderr.contains("error: \(baseline)/data/grants.json: grants[0].trustee is missing"))
  }

  @Test func baselineNewerThanThePeriodEndIsUnusable() throws {
    let fixture = try SnapshotFixture()
    defer { fixture.remove() }
    let baseline = try fixture.pack("before", from: fixture.exports("v1", Self.before), asOf: "2026-12-31")
    let exports = try fixture.exports("v2", Self.after)
    let (code, capture) = SnapshotFixture.main([
      "run", exports, "--out", fixture.path("after"), "--as-of", "2026-11-30", "--baseline", baseline,
    ])
    #expect(code == 2)
    #expect(
      capture.stderr.contains(
        "the baseline's as-of 2026-12-31T00:00:00Z is after the end of this run's period"))
  }

  @Test func sharingFlagsAPackDidNotRecordAreTakenFromTheCurrentSnapshot() {
    func grant(_ mailbox: String, flags: [String]) -> Grant {
      Grant(
        key: Grant.Key(
          mailbox: mailbox, trustee: "alex@contoso.com", right: Right("Editor"), folder: "\\Calendar"),
        mailboxDisplayName: mailbox, trusteeDisplayName: "Alex", trusteeKind: .user, isInherited: false,
        sharingFlags: flags, sources: [])
    }
    var grants = [grant("CEO@contoso.com", flags: []), grant("cfo@contoso.com", flags: [])]
    BaselineAlignment.adoptSharingFlags(&grants, from: [grant("ceo@contoso.com", flags: ["Delegate"])])
    #expect(grants.map(\.sharingFlags) == [["Delegate"], []])
  }
}
