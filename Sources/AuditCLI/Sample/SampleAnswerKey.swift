import AuditModel
import AuditReport

/// The answer key: every finding the tenant must give, derived from the tenant's facts by
/// applying PRODUCT.md §7 here, independently of the Evaluator (which the tests check against
/// this key), with the verdicts that follow.
struct SampleAnswerKey: Sendable {
  /// One expected finding.
  struct Finding: Sendable, Hashable, Comparable {
    var code: String
    var requirement: String
    var mailbox: String?
    var trustee: String?
    var right: String?
    var folder: String?
    var waived = false
    /// Only a run with the baseline can find it (CHANGE_UNLOGGED).
    var needsBaseline = false
    /// The planted situation (or clean fact) it comes from.
    var situation: String

    /// The Evaluator's order: requirement, code, mailbox, trustee, right, folder.
    static func < (lhs: Finding, rhs: Finding) -> Bool {
      let left = (
        lhs.requirement, lhs.code, lhs.mailbox ?? "", lhs.trustee ?? "", lhs.right ?? "", lhs.folder ?? ""
      )
      let right = (
        rhs.requirement, rhs.code, rhs.mailbox ?? "", rhs.trustee ?? "", rhs.right ?? "", rhs.folder ?? ""
      )
      if left != right { return left < right }
      return (lhs.situation, lhs.waived ? 1 : 0) < (rhs.situation, rhs.waived ? 1 : 0)
    }
  }

  var findings: [Finding]
  /// Requirement id → verdict, with the baseline and without it.
  var verdicts: [(String, String)]
  var verdictsWithoutBaseline: [(String, String)]

  static let requirements = ["EXT-08.1", "EXT-08.2", "EXT-08.3", "EXT-08.4"]

  /// Judges the tenant.
  static func judge(_ tenant: SampleTenant) -> SampleAnswerKey {
    var judge = Judge(tenant)
    judge.run()
    let findings = judge.findings.sorted()
    return SampleAnswerKey(
      findings: findings, verdicts: verdicts(findings, tenant: tenant),
      verdictsWithoutBaseline: verdicts(findings.filter { !$0.needsBaseline }, tenant: tenant))
  }

  /// PRODUCT.md §7: exceptions make a requirement not satisfied; otherwise missing evidence makes
  /// it not assessed (only the lossy export's FullAccess column here); otherwise satisfied.
  static func verdicts(_ findings: [Finding], tenant: SampleTenant) -> [(String, String)] {
    requirements.map { requirement in
      let exceptions = findings.filter { $0.requirement == requirement && !$0.waived }.count
      let missing = requirement == "EXT-08.3" && tenant.exportLossy
      return (requirement, exceptions > 0 ? "not-satisfied" : missing ? "not-assessed" : "satisfied")
    }
  }

  /// Findings per code (waived included), every code listed.
  var counts: [(String, Int)] {
    SampleAnswerKey.codes.map { code in (code, findings.filter { $0.code == code }.count) }
  }

  /// Every finding code of PRODUCT.md §7, in its table's order.
  static let codes = [
    "SENDAS_UNDOCUMENTED", "SENDOB_UNDOCUMENTED", "APPROVAL_EXPIRED", "FULLACCESS_NOT_REVIEWED",
    "FULLACCESS_REVIEW_OVERDUE", "REVIEW_BY_TRUSTEE", "REVIEW_REMOVAL_NOT_DONE", "REGISTER_ENTRY_STALE",
    "AUDIT_DISABLED", "UAL_INGESTION_DISABLED", "AUDIT_BYPASS_ENABLED", "MAILBOX_AUDIT_ACTIONS_MISSING",
    "AUDIT_LOG_INCOMPLETE", "CHANGE_UNAPPROVED", "CHANGE_UNLOGGED", "TRUSTEE_UNRESOLVED_SID",
    "TRUSTEE_EXTERNAL",
    "TRUSTEE_DISABLED", "TRUSTEE_BROAD_GROUP", "FULLACCESS_WITH_SENDAS", "SENSITIVE_MAILBOX_DELEGATION",
    "PERMISSION_ESCALATION_RIGHT", "FOLDER_BROAD_ACCESS", "INHERITED_FULLACCESS", "EXPORT_LOSSY",
  ]

  /// answer-key.json.
  func json(_ tenant: SampleTenant) -> JSONValue {
    func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
    let options = tenant.options
    return .object([
      ("schemaVersion", .int(1)),
      ("seed", .int(Int64(bitPattern: options.seed))),
      ("mailboxes", .int(Int64(options.mailboxes))),
      ("asOf", .string(SampleClock.iso(options.asOf))),
      ("format", .string(options.format.rawValue)),
      ("periodStart", .string(SampleClock.iso(tenant.periodStart))),
      (
        "variants",
        .object([
          ("auditDisabled", .bool(tenant.auditDisabled)),
          ("ualIngestionDisabled", .bool(!tenant.ualIngestionEnabled)),
          ("auditLogStartsLate", .bool(tenant.logStart > tenant.periodStart + SampleClock.day)),
          ("exportLossy", .bool(tenant.exportLossy)),
        ])
      ),
      ("baseline", .string("baseline")),
      (
        "findings",
        .array(
          findings.map { finding in
            .object([
              ("code", .string(finding.code)), ("requirement", .string(finding.requirement)),
              ("mailbox", optional(finding.mailbox)), ("trustee", optional(finding.trustee)),
              ("right", optional(finding.right)), ("folder", optional(finding.folder)),
              ("waived", .bool(finding.waived)), ("needsBaseline", .bool(finding.needsBaseline)),
              ("situation", .string(finding.situation)),
            ])
          })
      ),
      ("verdicts", .object(verdicts.map { ($0.0, .string($0.1)) })),
      ("verdictsWithoutBaseline", .object(verdictsWithoutBaseline.map { ($0.0, .string($0.1)) })),
      ("counts", .object(counts.map { ($0.0, .int(Int64($0.1))) })),
    ])
  }
}

/// Applies PRODUCT.md §7 to the tenant's facts, rule by rule.
private struct Judge {
  let tenant: SampleTenant
  let principals: [SamplePrincipal]
  let asOfDay: Int64
  var findings: [SampleAnswerKey.Finding] = []

  init(_ tenant: SampleTenant) {
    self.tenant = tenant
    principals = tenant.principals
    asOfDay = SampleClock.midnight(tenant.options.asOf) / SampleClock.day
  }

  /// A grant's or row's comparison key: mailbox, trustee, right and folder, case-insensitive.
  struct Key: Hashable {
    var mailbox: Int
    var trustee: Int
    var right: String
    var folder: String
  }

  static func folderKey(_ folder: String?) -> String {
    guard var text = folder?.lowercased() else { return "" }
    while text.hasPrefix("\\") { text.removeFirst() }
    return text
  }

  static func key(_ grant: SampleGrant) -> Key {
    Key(
      mailbox: grant.mailbox, trustee: grant.trustee, right: grant.right.name.lowercased(),
      folder: folderKey(grant.folder))
  }

  static func key(_ row: SampleRegisterRow) -> Key {
    Key(
      mailbox: row.mailbox, trustee: row.trustee, right: row.right.lowercased(), folder: folderKey(row.folder)
    )
  }

  func day(_ instant: Int64) -> Int64 { SampleClock.midnight(instant) / SampleClock.day }

  /// The requirement of a right-dependent code.
  static func requirement(of right: String) -> String {
    switch right {
    case "SendAs": "EXT-08.1"
    case "SendOnBehalf": "EXT-08.2"
    case "FullAccess": "EXT-08.3"
    default: "risk"
    }
  }

  mutating func add(
    _ code: String, _ requirement: String, mailbox: Int? = nil, trustee: Int? = nil, right: String? = nil,
    folder: String? = nil, needsBaseline: Bool = false, situation: String
  ) {
    var finding = SampleAnswerKey.Finding(
      code: code, requirement: requirement, mailbox: mailbox.map { principals[$0].id },
      trustee: trustee.map { principals[$0].id }, right: right, folder: folder, needsBaseline: needsBaseline,
      situation: situation)
    finding.waived = tenant.waivers.contains { waiver in
      waiver.code == code && waiver.mailbox == mailbox && waiver.trustee == trustee
        && asOfDay <= day(waiver.expires)
    }
    findings.append(finding)
  }

  mutating func run() {
    var rows: [Key: [SampleRegisterRow]] = [:]
    for row in tenant.register { rows[Self.key(row), default: []].append(row) }
    let grantKeys = Set(tenant.grants.map(Self.key))
    documentation(rows)
    reviews(rows)
    staleEntries(grantKeys)
    auditConfiguration()
    changes(rows)
    risks()
    if tenant.exportLossy {
      add(
        "EXPORT_LOSSY", "input",
        situation:
          "variant: a mailbox-permission export whose AccessRights cells hold System.Collections.ArrayList")
    }
  }

  /// SendAs and SendOnBehalf: an approved row not expired at as-of documents the grant; only
  /// expired approved rows give APPROVAL_EXPIRED; no approved row gives the UNDOCUMENTED code.
  mutating func documentation(_ rows: [Key: [SampleRegisterRow]]) {
    for grant in tenant.grants where grant.right == .sendAs || grant.right == .sendOnBehalf {
      let approved = (rows[Self.key(grant)] ?? []).filter { $0.approvedBy != nil && $0.approvedOn != nil }
      let right = grant.right.name
      if approved.contains(where: { $0.expiresOn.map { day($0) >= asOfDay } ?? true }) { continue }
      if !approved.isEmpty {
        add(
          "APPROVAL_EXPIRED", Self.requirement(of: right), mailbox: grant.mailbox, trustee: grant.trustee,
          right: right, situation: grant.story)
      } else {
        add(
          grant.right == .sendAs ? "SENDAS_UNDOCUMENTED" : "SENDOB_UNDOCUMENTED", Self.requirement(of: right),
          mailbox: grant.mailbox, trustee: grant.trustee, right: right, situation: grant.story)
      }
    }
  }

  /// FullAccess (inherited included): one review finding per grant, judged on its most recently
  /// reviewed row: removal not done; reviewed or approved by the trustee; no review; overdue.
  mutating func reviews(_ rows: [Key: [SampleRegisterRow]]) {
    for grant in tenant.grants where grant.right == .fullAccess {
      let candidates = rows[Self.key(grant)] ?? []
      guard var row = candidates.first else {
        add(
          "FULLACCESS_NOT_REVIEWED", "EXT-08.3", mailbox: grant.mailbox, trustee: grant.trustee,
          right: "FullAccess", situation: grant.story)
        continue
      }
      for candidate in candidates.dropFirst()
      where (candidate.lastReviewedOn ?? .min) > (row.lastReviewedOn ?? .min) {
        row = candidate
      }
      let code: String?
      if row.outcome == "remove" {
        code = "REVIEW_REMOVAL_NOT_DONE"
      } else if row.reviewedBy == grant.trustee || row.approvedBy == grant.trustee {
        code = "REVIEW_BY_TRUSTEE"
      } else if let reviewed = row.lastReviewedOn, row.reviewedBy != nil {
        code =
          asOfDay - day(reviewed) > Int64(SampleTenant.reviewPeriodDays) ? "FULLACCESS_REVIEW_OVERDUE" : nil
      } else {
        code = "FULLACCESS_NOT_REVIEWED"
      }
      if let code {
        add(
          code, "EXT-08.3", mailbox: grant.mailbox, trustee: grant.trustee, right: "FullAccess",
          situation: grant.story)
      }
    }
  }

  /// Rows with outcome keep (or none) whose grant is gone, judged only where the export that
  /// would show the grant is complete (the lossy variant hides FullAccess).
  mutating func staleEntries(_ grantKeys: Set<Key>) {
    for row in tenant.register where row.outcome != "remove" {
      let mailboxRight = !["sendas", "sendonbehalf"].contains(row.right.lowercased()) && row.folder == nil
      if mailboxRight && tenant.exportLossy { continue }
      if grantKeys.contains(Self.key(row)) { continue }
      add(
        "REGISTER_ENTRY_STALE", Self.requirement(of: row.right), mailbox: row.mailbox, trustee: row.trustee,
        right: row.right, folder: row.folder, situation: row.story)
    }
  }

  /// Organisation switches, bypass associations, mailbox audit actions, audit-log coverage.
  mutating func auditConfiguration() {
    if tenant.auditDisabled {
      add(
        "AUDIT_DISABLED", "EXT-08.4",
        situation: "variant (odd seed): Get-OrganizationConfig AuditDisabled True")
    }
    if !tenant.ualIngestionEnabled {
      add(
        "UAL_INGESTION_DISABLED", "EXT-08.4",
        situation: "variant (seed % 4 = 1): Get-AdminAuditLogConfig UnifiedAuditLogIngestionEnabled False")
    }
    for index in principals.indices where principals[index].auditBypass {
      add("AUDIT_BYPASS_ENABLED", "EXT-08.4", trustee: index, situation: "planted: AuditBypassEnabled True")
    }
    let required = ["SendAs", "SendOnBehalf", "UpdateFolderPermissions"]
    for index in tenant.mailboxIndices {
      let principal = principals[index]
      guard principal.kind == .user || principal.kind == .shared, let audit = principal.audit else {
        continue
      }
      var lists: [String] = []
      if !required.allSatisfy(audit.delegate.contains) { lists.append("AuditDelegate") }
      if !required.allSatisfy(audit.admin.contains) { lists.append("AuditAdmin") }
      guard !lists.isEmpty else { continue }
      add(
        "MAILBOX_AUDIT_ACTIONS_MISSING", "EXT-08.4", mailbox: index, right: lists.joined(separator: ", "),
        situation: audit.story ?? "mailbox audit actions incomplete")
    }
    // One day of slack at each end of the period; the exports never reach the 50,000-row cap.
    if tenant.logStart > tenant.periodStart + SampleClock.day
      || tenant.logEnd < tenant.options.asOf - SampleClock.day
    {
      add(
        "AUDIT_LOG_INCOMPLETE", "EXT-08.4",
        situation: "variant (seed % 3 = 2): the audit log starts 12 days into the period")
    }
  }

  /// The grant-adding events of the period (one per event × right): mailbox, trustee, right, folder.
  func additions() -> [(event: SampleEvent, mailbox: Int, trustee: Int, right: String, folder: String?)] {
    var result: [(event: SampleEvent, mailbox: Int, trustee: Int, right: String, folder: String?)] = []
    for event in tenant.events where !event.failed {
      guard event.time >= tenant.periodStart && event.time <= tenant.options.asOf else { continue }
      switch event.action {
      case .addMailboxPermission(let mailbox, let trustee):
        result.append((event, mailbox, trustee, "FullAccess", nil))
      case .addRecipientPermission(let mailbox, let trustee):
        result.append((event, mailbox, trustee, "SendAs", nil))
      case .setSendOnBehalf(let mailbox, let delegates):
        for delegate in delegates { result.append((event, mailbox, delegate, "SendOnBehalf", nil)) }
      case .addFolderPermission(let mailbox, let trustee, let folder, let role):
        result.append((event, mailbox, trustee, role, folder))
      default: break
      }
    }
    return result
  }

  /// CHANGE_UNAPPROVED: an adding event with no approved row for the same mailbox, trustee and
  /// right dated on or before its UTC day. CHANGE_UNLOGGED: a grant the baseline does not show
  /// with no adding event (needs the baseline).
  mutating func changes(_ rows: [Key: [SampleRegisterRow]]) {
    var rowsAnyFolder: [Key: [SampleRegisterRow]] = [:]
    for (key, list) in rows {
      rowsAnyFolder[
        Key(mailbox: key.mailbox, trustee: key.trustee, right: key.right, folder: ""), default: []] += list
    }
    var added = Set<Key>()
    for addition in additions() {
      let key = Key(
        mailbox: addition.mailbox, trustee: addition.trustee, right: addition.right.lowercased(), folder: "")
      added.insert(key)
      let eventDay = day(addition.event.time)
      let approved = (rowsAnyFolder[key] ?? []).contains { row in
        row.approvedBy != nil && (row.approvedOn.map { day($0) <= eventDay } ?? false)
      }
      if !approved {
        add(
          "CHANGE_UNAPPROVED", "EXT-08.4", mailbox: addition.mailbox, trustee: addition.trustee,
          right: addition.right,
          folder: addition.folder, situation: addition.event.story)
      }
    }
    for grant in tenant.grants where grant.addedAt != nil && grant.folder == nil {
      let key = Key(
        mailbox: grant.mailbox, trustee: grant.trustee, right: grant.right.name.lowercased(), folder: "")
      if !added.contains(key) {
        add(
          "CHANGE_UNLOGGED", "EXT-08.4", mailbox: grant.mailbox, trustee: grant.trustee,
          right: grant.right.name,
          needsBaseline: true, situation: grant.story)
      }
    }
  }

  /// The risk codes, per grant (FULLACCESS_WITH_SENDAS per mailbox × trustee).
  mutating func risks() {
    let sensitive = Set(tenant.sensitiveMailboxes)
    let broad = Set(tenant.broadPrincipals)
    let sendAs = Set(
      tenant.grants.filter { $0.right == .sendAs }.map { Self.pairKey($0.mailbox, $0.trustee) })
    let readingRoles: Set<String> = [
      "owner", "publishingeditor", "editor", "publishingauthor", "author", "noneditingauthor", "reviewer",
      "limiteddetails",
    ]
    for grant in tenant.grants {
      let trustee = principals[grant.trustee]
      let right = grant.right.name
      func risk(_ code: String) {
        add(
          code, "risk", mailbox: grant.mailbox, trustee: grant.trustee, right: right, folder: grant.folder,
          situation: grant.story)
      }
      let isFolderSpecial = trustee.kind == .folderDefault || trustee.kind == .folderAnonymous
      if trustee.kind == .orphanSID { risk("TRUSTEE_UNRESOLVED_SID") }
      if trustee.kind == .guest { risk("TRUSTEE_EXTERNAL") }
      if trustee.accountDisabled && !isFolderSpecial { risk("TRUSTEE_DISABLED") }
      if broad.contains(grant.trustee) && grant.folder == nil { risk("TRUSTEE_BROAD_GROUP") }
      if sensitive.contains(grant.mailbox)
        && (grant.folder == nil || !["none", "availabilityonly"].contains(right.lowercased()))
      {
        risk("SENSITIVE_MAILBOX_DELEGATION")
      }
      if !grant.inherited && grant.folder == nil
        && (grant.right == .changePermission || grant.right == .changeOwner)
      {
        risk("PERMISSION_ESCALATION_RIGHT")
      }
      if grant.folder != nil && readingRoles.contains(right.lowercased())
        && (isFolderSpecial || broad.contains(grant.trustee))
      {
        risk("FOLDER_BROAD_ACCESS")
      }
      if grant.right == .fullAccess && grant.inherited { risk("INHERITED_FULLACCESS") }
      if grant.right == .fullAccess && sendAs.contains(Self.pairKey(grant.mailbox, grant.trustee)) {
        add(
          "FULLACCESS_WITH_SENDAS", "risk", mailbox: grant.mailbox, trustee: grant.trustee,
          right: "FullAccess+SendAs",
          situation: grant.story)
      }
    }
  }

  static func pairKey(_ mailbox: Int, _ trustee: Int) -> Int64 { Int64(mailbox) << 32 | Int64(trustee) }
}
