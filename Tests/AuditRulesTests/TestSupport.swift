import AuditModel

@testable import AuditRules

/// Builders that keep rule tests to a few lines: grants, principals, register rows and inventories.

/// UTC seconds of `2026-11-30` or `2026-11-30T09:12:00Z`.
func day(_ text: String) -> Int64 {
  DateParser.parse(text) ?? { preconditionFailure("bad date \(text) in a test") }()
}

/// The as-of instant of most tests: 2026-11-30T00:00:00Z.
let now = day("2026-11-30")

/// A grant with one source row.
func grant(
  _ mailbox: String, _ trustee: String, _ right: Right, folder: String? = nil, inherited: Bool = false,
  kind: Principal.Kind = .user, file: String = "grants.csv", line: Int = 2, flags: [String] = []
) -> Grant {
  Grant(
    key: Grant.Key(mailbox: mailbox, trustee: trustee, right: right, folder: folder),
    mailboxDisplayName: mailbox,
    trusteeDisplayName: trustee, trusteeKind: kind, isInherited: inherited, sharingFlags: flags,
    sources: [SourceLocation(file: file, line: line)])
}

/// A register row; approved by default, so tests state only what matters.
func row(
  _ mailbox: String, _ trustee: String, _ right: Right, folder: String? = nil,
  approvedBy: String? = "owner@contoso.com", approvedOn: String? = "2026-01-05", expires: String? = nil,
  reviewed: String? = nil, reviewedBy: String? = nil, outcome: RegisterEntry.ReviewOutcome? = nil,
  line: Int = 2
) -> RegisterEntry {
  RegisterEntry(
    mailbox: mailbox, trustee: trustee, right: right, folder: folder, approvedBy: approvedBy,
    approvedOn: approvedOn.map(day), expiresOn: expires.map(day), lastReviewedOn: reviewed.map(day),
    reviewedBy: reviewedBy, reviewOutcome: outcome, location: SourceLocation(file: "register.csv", line: line)
  )
}

/// A mailbox principal known by its alias and display name.
func person(_ id: String, _ displayName: String, aliases: Set<String> = [], kind: Principal.Kind = .user)
  -> Principal
{
  let alias = String(id.prefix { $0 != "@" })
  return Principal(id: id, displayName: displayName, kind: kind, aliases: aliases.union([alias]))
}

/// A ledger entry that makes `kind` present.
func ledger(_ kind: InputKind) -> FileLedger {
  FileLedger(file: "\(kind.rawValue).csv", kind: kind, serialisation: "csv", encoding: "utf-8")
}

/// The grant exports: mailbox-, recipient- and folder-permission, and mailbox.
let grantKinds: [InputKind] = [.mailboxPermission, .recipientPermission, .mailbox, .folderPermission]

/// An inventory of these grants, with a principal for every mailbox and trustee (explicit
/// `principals` win), the given kinds present, and a register when rows are given.
func inventory(
  _ grants: [Grant], register: [RegisterEntry]? = nil, principals: [Principal] = [],
  kinds: [InputKind] = grantKinds
) -> Inventory {
  var inventory = Inventory()
  for grant in grants {
    inventory.principals[grant.key.mailbox] = Principal(
      id: grant.key.mailbox, displayName: grant.mailboxDisplayName, kind: .user)
    inventory.principals[grant.key.trustee] = Principal(
      id: grant.key.trustee, displayName: grant.trusteeDisplayName, kind: grant.trusteeKind)
  }
  for principal in principals { inventory.principals[principal.id] = principal }
  inventory.grants = grants.sorted()
  inventory.register = register
  inventory.ledgers = kinds.map(ledger)
  return inventory
}

/// The findings of one rule.
func findings(
  _ rule: any Rule.Type, in inventory: Inventory, policy: Policy = Policy(), asOf: Int64 = now,
  periodStart: Int64? = nil, baseline: Inventory? = nil
) -> [Finding] {
  rule.findings(
    in: EvaluationContext(
      inventory: inventory, policy: policy, asOf: asOf, periodStart: periodStart, baseline: baseline))
}

extension Finding {
  /// `CODE mailbox trustee right`, the shape expectations are written in.
  var brief: String {
    [code, mailbox ?? "-", trustee ?? "-", right ?? "-"].joined(separator: " ")
  }
}

extension Policy {
  /// A policy built inline.
  static func with(_ configure: (inout Policy) -> Void) -> Policy {
    var policy = Policy()
    configure(&policy)
    return policy
  }
}
