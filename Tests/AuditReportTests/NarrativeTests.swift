import AuditModel
import Digest
import Testing

@testable import AuditReport

/// A small hand-built run: one verdict of each kind, a waived finding, a risk finding, and
/// Markdown/HTML payloads in an input file name and a mailbox.
enum NarrativeFixture {
  static let payload = "[x](javascript:alert(1))<script>alert(1)</script>"
  static let payloadMailbox = "\(payload)@contoso.com"
  static let payloadFile = "exports/\(payload).csv"

  static func day(_ text: String) -> Int64 { DateParser.parse(text)! }

  static let settings = RunSettings(
    toolVersion: "0.1.0", asOf: day("2026-09-30T00:00:00Z"), organisation: "Contoso Ltd",
    options: [("--frameworks", "soc2,iso27001,cis-m365"), ("--period-start", "2026-07-01")])

  static let assessment = Assessment(
    asOf: day("2026-09-30T00:00:00Z"), periodStart: day("2026-07-01T00:00:00Z"),
    periodEnd: day("2026-09-30T23:59:59Z"),
    results: [
      RequirementResult(
        requirement: .sendAsDocumented, status: .notSatisfied, population: 3, exceptions: 2,
        reason: "2 exceptions (SENDAS_UNDOCUMENTED 1, APPROVAL_EXPIRED 1) among 3 effective SendAs grants."),
      RequirementResult(
        requirement: .sendOnBehalfTracked, status: .satisfied, population: 1, exceptions: 0,
        reason: "The one SendOnBehalf delegate has a register row with ApprovedBy and ApprovedOn."),
      RequirementResult(
        requirement: .fullAccessReviewed, status: .notAssessed, population: 4, exceptions: 0,
        reason: "Not assessed without the register; 4 effective FullAccess grants counted.",
        missingEvidence: ["register: delegation-audit register init exports/ --out register.csv"]),
      RequirementResult(
        requirement: .changesMonitored, status: .notSatisfied, population: 2, exceptions: 1,
        reason:
          "1 exception (CHANGE_UNAPPROVED 1) across the audit configuration and 2 delegation events in the period."
      ),
    ],
    findings: [
      Finding(
        id: "F-0001", code: "APPROVAL_EXPIRED", requirement: "EXT-08.1", severity: .medium,
        mailbox: "ceo@contoso.com", trustee: "pa@contoso.com", right: "SendAs",
        message: "approval expired on 2026-08-01",
        evidence: [SourceLocation(file: "recipient-permissions.json", path: "[2]")]),
      Finding(
        id: "F-0002", code: "SENDAS_UNDOCUMENTED", requirement: "EXT-08.1", severity: .high,
        mailbox: payloadMailbox, trustee: "assistant@contoso.com", right: "SendAs",
        message: "SendAs grant without a register row", evidence: [SourceLocation(file: payloadFile, line: 3)]
      ),
      Finding(
        id: "F-0003", code: "SENDAS_UNDOCUMENTED", requirement: "EXT-08.1", severity: .high,
        mailbox: "shared@contoso.com", trustee: "ops@contoso.com", right: "SendAs", waived: true,
        waiverReason: "migration until 2026-12-31", message: "SendAs grant without a register row",
        evidence: [SourceLocation(file: payloadFile, line: 4)]),
      Finding(
        id: "F-0004", code: "CHANGE_UNAPPROVED", requirement: "EXT-08.4", severity: .high,
        mailbox: "finance@contoso.com", trustee: "temp@contoso.com", right: "FullAccess",
        message: "Add-MailboxPermission on 2026-08-12 without a matching approval",
        evidence: [SourceLocation(file: "audit-log.csv", line: 7)]),
      Finding(
        id: "F-0005", code: "TRUSTEE_EXTERNAL", requirement: "risk", severity: .medium,
        mailbox: "finance@contoso.com", trustee: "guest#EXT#@contoso.com", right: "FullAccess",
        message: "grant to a guest", evidence: [SourceLocation(file: "mailbox-permissions.csv", line: 9)]),
    ],
    changes: [
      ChangeRecord(
        source: .auditLog, change: .added, mailbox: "finance@contoso.com", trustee: "temp@contoso.com",
        right: "FullAccess", time: day("2026-08-12T10:00:00Z"), recordID: "r1", reconciliation: "unapproved",
        evidence: [SourceLocation(file: "audit-log.csv", line: 7)]),
      ChangeRecord(
        source: .auditLog, change: .added, mailbox: "ceo@contoso.com", trustee: "pa@contoso.com",
        right: "SendAs",
        time: day("2026-07-02T09:00:00Z"), recordID: "r2", reconciliation: "approved",
        evidence: [SourceLocation(file: "audit-log.csv", line: 3)]),
    ])

  static var inventory: Inventory {
    var inventory = Inventory()
    inventory.ledgers = [
      FileLedger(
        file: payloadFile, kind: .recipientPermission, serialisation: "csv", encoding: "utf-8",
        recordsRead: 5,
        produced: 4, excluded: 1),
      FileLedger(
        file: "exports/mailbox-permissions.csv", kind: .mailboxPermission, serialisation: "csv",
        encoding: "utf-8",
        recordsRead: 9, produced: 6, excluded: 2, rejected: 1),
      FileLedger(
        file: "exports/audit-log.csv", kind: .auditLog, serialisation: "csv", encoding: "utf-8",
        recordsRead: 8,
        produced: 2, excluded: 6),
    ]
    inventory.excluded = [
      ExcludedRow(
        location: SourceLocation(file: payloadFile, line: 2), rule: .selfPrincipal,
        mailbox: "ceo@contoso.com",
        trustee: "NT AUTHORITY\\SELF", rights: "SendAs"),
      ExcludedRow(
        location: SourceLocation(file: "exports/mailbox-permissions.csv", line: 2), rule: .selfPrincipal,
        mailbox: "ceo@contoso.com", trustee: "NT AUTHORITY\\SELF", rights: "FullAccess"),
    ]
    inventory.rejected = [
      RejectedRow(
        location: SourceLocation(file: "exports/mailbox-permissions.csv", line: 5), reason: "no User")
    ]
    inventory.auditLogCoverage = AuditLogCoverage(
      earliest: day("2026-07-01T00:05:00Z"), latest: day("2026-09-29T23:00:00Z"), rows: 8, uniqueRecords: 8,
      possiblyTruncated: false)
    return inventory
  }

  static let inputs: [PackInput] = [
    PackInput(
      role: "exports", path: "exports/mailbox-permissions.csv", sha256: String(repeating: "a", count: 64),
      size: 900,
      kind: "mailbox-permission", serialisation: "csv", encoding: "utf-8", ledger: nil),
    PackInput(
      role: "exports", path: payloadFile, sha256: String(repeating: "b", count: 64), size: 500,
      kind: "recipient-permission", serialisation: "csv", encoding: "utf-8", ledger: nil),
    PackInput(
      role: "exports", path: "exports/audit-log.csv", sha256: String(repeating: "c", count: 64), size: 4000,
      kind: "audit-log", serialisation: "csv", encoding: "utf-8", ledger: nil),
    PackInput(
      role: "exports", path: "exports/folder permissions: calendar.xml",
      sha256: String(repeating: "d", count: 64),
      size: 700, kind: "folder-permission", serialisation: "clixml", encoding: "utf-16le", ledger: nil),
  ]

  static let outputs: [String: [UInt8]] = [
    "data/grants.csv": Array("Mailbox,Trustee\r\nceo@contoso.com,pa@contoso.com\r\n".utf8),
    "data/findings.csv": Array("Id,Code\r\nF-0001,APPROVAL_EXPIRED\r\n".utf8),
    "data/results.json": Array("{\"schemaVersion\": 1}\n".utf8),
    "data/changes.csv": Array("Source,Change\r\naudit-log,add\r\n".utf8),
  ]

  static func narratives(
    catalogs: [FrameworkCatalog]? = nil, inputs: [PackInput] = inputs, overrides: [String: [UInt8]] = [:]
  ) throws -> [String: [UInt8]] {
    try NarrativeWriter.files(
      catalogs: catalogs ?? FrameworkCatalogs.all(), assessment: assessment, inventory: inventory,
      inputs: inputs,
      settings: settings, templateOverrides: overrides, outputs: outputs)
  }

  static func text(_ files: [String: [UInt8]], _ path: String) -> String {
    String(decoding: files[path] ?? [], as: UTF8.self)
  }
}

@Suite struct NarrativeTests {
  @Test func rendersEveryBundledCatalog() throws {
    let catalogs = try FrameworkCatalogs.all()
    #expect(catalogs.count == FrameworkCatalogs.bundledIDs.count)
    let files = try NarrativeFixture.narratives(catalogs: catalogs)
    #expect(files.count == catalogs.count * 2)
    for catalog in catalogs {
      let markdown = NarrativeFixture.text(files, "narratives/\(catalog.id).md")
      let html = NarrativeFixture.text(files, "narratives/\(catalog.id).html")
      #expect(
        markdown.hasPrefix("# EXT-08 control narrative: \(Escaping.markdown(catalog.shortTitle))\n"),
        "\(catalog.id)")
      #expect(markdown.contains("- **Edition:** \(Escaping.markdown(catalog.version))"), "\(catalog.id)")
      #expect(markdown.contains("- **Assessment period:** 2026-07-01T00:00:00Z to 2026-09-30T23:59:59Z"))
      #expect(markdown.contains("- **As of:** 2026-09-30T00:00:00Z"))
      #expect(markdown.contains("- **Organisation:** Contoso Ltd"))
      for requirement in catalog.requirements
      where requirement.status == .current && !requirement.mappings.isEmpty {
        #expect(
          markdown.contains(
            "### \(Escaping.markdown(requirement.id)): \(Escaping.markdown(requirement.title))"),
          "\(catalog.id) \(requirement.id)")
        for mapping in requirement.mappings {
          #expect(markdown.contains(Escaping.markdown(mapping.rationale)), "\(catalog.id) \(requirement.id)")
        }
      }
      #expect(markdown.contains(Escaping.markdown(catalog.notCovered)), "\(catalog.id)")
      for control in FrameworkCatalog.Control.allCases where !catalog.mappedControls.contains(control) {
        #expect(
          markdown.contains("\n- **\(control.rawValue) "), "\(catalog.id) lists unmapped \(control.rawValue)")
      }
      #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
      #expect(html.contains("<h1>EXT-08 control narrative: "))
      #expect(html.contains("<style>\n:root"))
      for forbidden in ["<script", "<a ", "href", "src=", "<img", "<iframe", "http://", "https://"] {
        #expect(!html.contains(forbidden), "\(catalog.id): \(forbidden)")
      }
      #expect(!markdown.contains("{{") && !markdown.contains("}}"), "\(catalog.id)")
      #expect(!markdown.contains("\r"))
    }
  }

  @Test func statesThisRunsFactsPerMappedPart() throws {
    let soc2 = try #require(try FrameworkCatalogs.catalog(id: "soc2"))
    let markdown = NarrativeFixture.text(
      try NarrativeFixture.narratives(catalogs: [soc2]), "narratives/soc2.md")
    #expect(markdown.contains("### EXT-08.1 SendAs permissions on mailboxes are documented"))
    #expect(markdown.contains("- **Verdict:** not satisfied"))
    #expect(markdown.contains("- **Population:** 3 effective SendAs grants"))
    #expect(markdown.contains("- **Exceptions:** 2 (1 waived finding not counted)"))
    #expect(
      markdown.contains("- **Finding codes:** `APPROVAL_EXPIRED` × 1, `SENDAS_UNDOCUMENTED` × 1 (+1 waived)"))
    #expect(markdown.contains("- **Verdict:** not assessed"))
    #expect(
      markdown.contains(
        "- **Missing evidence:**\n  - register: delegation-audit register init exports/ --out register.csv"))
    #expect(markdown.contains("- **Delegation changes:** 2 (2 audit-log events, 0 snapshot differences)"))
    #expect(markdown.contains("by reconciliation: approved 1, unapproved 1; every change is in"))
    #expect(markdown.contains("  - F-0003 `SENDAS_UNDOCUMENTED` (high, waived: migration until 2026-12-31)"))
    #expect(markdown.contains("`TRUSTEE_EXTERNAL` × 1."))

    // CC6.3 maps all four parts; each mapping carries that part's facts.
    let start = try #require(markdown.range(of: "### CC6.3: "))
    let rest = markdown[start.upperBound...]
    let section = rest[..<(rest.range(of: "\n### ")?.lowerBound ?? rest.endIndex)]
    #expect(
      section.contains(
        "- **EXT-08.1 SendAs permissions on mailboxes are documented:** primary evidence (supports), strong reliance."
      ))
    #expect(
      section.contains(
        "  - This run: not satisfied; population 3 effective SendAs grants; 2 exceptions; finding codes `APPROVAL_EXPIRED` × 1, `SENDAS_UNDOCUMENTED` × 1."
      ))
    #expect(
      section.contains(
        "  - This run: satisfied; population 1 SendOnBehalf delegate; 0 exceptions; finding codes none."))
    #expect(
      section.contains(
        "  - This run: not assessed; population 4 effective FullAccess grants; 0 exceptions; finding codes none."
      ))
    #expect(
      section.contains(
        "  - This run: not satisfied; population 2 delegation events in the period; 1 exception; finding codes `CHANGE_UNAPPROVED` × 1."
      ))
    #expect(
      section.contains(
        "  - Reason: Not assessed without the register; 4 effective FullAccess grants counted."))

    // Evidence: inputs and the pack's data files, with their hashes.
    #expect(
      markdown.contains(
        "- exports/mailbox-permissions.csv (exports, mailbox-permission, 900 bytes; bears on EXT-08.3): SHA-256 `\(String(repeating: "a", count: 64))`"
      ))
    #expect(
      markdown.contains(
        "- exports/folder permissions: calendar.xml (exports, folder-permission, 700 bytes; bears on no verdict (context only))"
      ))
    for path in ["data/grants.csv", "data/changes.csv", "data/findings.csv", "data/results.json"] {
      let hash = SHA256.hex(NarrativeFixture.outputs[path]!)
      #expect(markdown.contains("- \(path): "), "\(path)")
      #expect(markdown.contains("SHA-256 `\(hash)`"), "\(path)")
    }
    #expect(!markdown.contains("- data/excluded.csv:"), "a data file the pack lacks is not listed")

    // Method: reconciliation, exclusions, audit-log coverage, options.
    #expect(markdown.contains("22 read = 12 produced + 9 excluded + 1 rejected"))
    #expect(
      markdown.contains(
        "  - self-principal: 2 rows. NT AUTHORITY\\\\SELF (S-1-5-10) is the mailbox owner's own access"))
    #expect(
      markdown.contains(
        "- **Audit log:** records from 2026-07-01T00:05:00Z to 2026-09-29T23:00:00Z; 8 rows read, 8 unique records."
      ))
    #expect(
      markdown.contains(
        "- **Run options:** \\--frameworks soc2,iso27001,cis-m365; \\--period-start 2026-07-01\n"))
  }

  @Test func statesWhatTheFrameworkDoesNotCover() throws {
    let cis = try #require(try FrameworkCatalogs.catalog(id: "cis-m365"))
    let files = try NarrativeFixture.narratives(catalogs: [cis])
    let markdown = NarrativeFixture.text(files, "narratives/cis-m365.md")
    let html = NarrativeFixture.text(files, "narratives/cis-m365.html")
    #expect(
      markdown.contains(
        "## What CIS M365 does not cover\n\nCIS has no recommendation that inventories or reviews FullAccess, SendAs or SendOnBehalf grants"
      ))
    #expect(
      html.contains(
        "CIS has no recommendation that inventories or reviews FullAccess, SendAs or SendOnBehalf grants"))
  }

  @Test func inputValuesAreEscapedInMarkdownAndInertInHTML() throws {
    let files = try NarrativeFixture.narratives()
    for (path, bytes) in files {
      let text = String(decoding: bytes, as: UTF8.self)
      if path.hasSuffix(".md") {
        #expect(!text.contains("[x](javascript:"), "\(path)")
        #expect(!text.contains("<script>"), "\(path)")
        #expect(
          text.contains("\\[x\\](javascript:alert(1))\\<script\\>alert(1)\\</script\\>@contoso.com"),
          "\(path) mailbox")
        #expect(
          text.contains("exports/\\[x\\](javascript:alert(1))\\<script\\>alert(1)\\</script\\>.csv"),
          "\(path) file")
      } else {
        #expect(!text.contains("<script"), "\(path)")
        #expect(!text.contains("<a "), "\(path)")
        #expect(!text.contains("href"), "\(path)")
        #expect(
          text.contains("[x](javascript:alert(1))&lt;script&gt;alert(1)&lt;/script&gt;@contoso.com"),
          "\(path)")
      }
    }
  }

  @Test func sameInputGivesSameBytes() throws {
    let first = try NarrativeFixture.narratives()
    let second = try NarrativeFixture.narratives(inputs: NarrativeFixture.inputs.reversed())
    #expect(first.keys.sorted() == second.keys.sorted())
    for key in first.keys { #expect(first[key] == second[key], "\(key)") }
  }

  @Test func templateOverrideIsUsed() throws {
    let soc2 = try #require(try FrameworkCatalogs.catalog(id: "soc2"))
    let overrides: [String: [UInt8]] = [
      "narrative.md.mustache": Array(
        "CUSTOM {{framework.id}} for {{organisation}}\n{{#parts}}{{> narrative-part}}{{/parts}}".utf8),
      "narrative-part.md.mustache": Array("* {{id}} {{statusText}} <{{reason}}>\n".utf8),
    ]
    let files = try NarrativeFixture.narratives(catalogs: [soc2], overrides: overrides)
    let markdown = NarrativeFixture.text(files, "narratives/soc2.md")
    #expect(markdown.hasPrefix("CUSTOM soc2 for Contoso Ltd\n* EXT-08.1 not satisfied <2 exceptions"))
    #expect(markdown.contains("* EXT-08.2 satisfied <The one SendOnBehalf delegate"))
    #expect(NarrativeFixture.text(files, "narratives/soc2.html").contains("<p>CUSTOM soc2 for Contoso Ltd"))
  }

  @Test func brokenOverrideNamesTheTemplate() throws {
    let soc2 = try #require(try FrameworkCatalogs.catalog(id: "soc2"))
    let error = #expect(throws: MustacheError.self) {
      try NarrativeFixture.narratives(
        catalogs: [soc2], overrides: ["narrative.md.mustache": Array("{{#parts}}".utf8)])
    }
    #expect(error?.templateName == "narrative.md.mustache")
  }
}
