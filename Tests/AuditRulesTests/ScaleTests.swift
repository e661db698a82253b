import AuditModel
import Foundation
import Testing

@testable import AuditRules

/// Evaluation stays linear: a 300,000-mailbox, 2.4M-grant tenant. Run with `AUDIT_RULES_SCALE=1`
/// (in release: `swift test -c release --filter ScaleTests`); skipped otherwise to spare CI.
@Suite struct ScaleTests {
  @Test(.enabled(if: Environment.scale)) func largeTenantEvaluates() {
    let mailboxes = 300_000
    var tenant = Inventory()
    var grants: [Grant] = []
    grants.reserveCapacity(mailboxes * 8)
    var register: [RegisterEntry] = []
    for m in 0..<mailboxes {
      let mailbox = "user\(m)@contoso.com"
      tenant.principals[mailbox] = Principal(
        id: mailbox, displayName: "User \(m)", kind: .user, aliases: ["user\(m)", "User \(m)"])
      tenant.mailboxes[mailbox] = Mailbox(
        id: mailbox, displayName: "User \(m)", recipientTypeDetails: "UserMailbox",
        auditDelegate: ["SendAs", "SendOnBehalf", "UpdateFolderPermissions"], auditAdmin: ["SendAs"])
      let rights: [Right] = [
        .fullAccess, .fullAccess, .fullAccess, .fullAccess, .fullAccess, .sendAs, .sendAs, .sendOnBehalf,
      ]
      for (offset, right) in rights.enumerated() {
        let trustee = "user\((m + offset * 7 + 1) % mailboxes)@contoso.com"
        grants.append(
          Grant(
            key: Grant.Key(mailbox: mailbox, trustee: trustee, right: right), mailboxDisplayName: "",
            trusteeDisplayName: "", trusteeKind: .user, isInherited: false,
            sources: [SourceLocation(file: "grants.csv", line: m * 8 + offset)]))
        if offset % 2 == 0 {
          register.append(
            RegisterEntry(
              mailbox: "User \(m)", trustee: trustee, right: right, approvedBy: "owner", approvedOn: 0,
              lastReviewedOn: offset == 0 ? 1_790_000_000 : nil, reviewedBy: "auditor",
              location: SourceLocation(file: "register.csv", line: register.count + 2)))
        }
      }
    }
    tenant.grants = grants.sorted()
    tenant.register = register
    tenant.ledgers = grantKinds.map(ledger)
    let clock = ContinuousClock()
    var assessment: Assessment?
    let elapsed = clock.measure {
      assessment = Evaluator.evaluate(tenant, policy: Policy(), asOf: now, baseline: tenant)
    }
    print(
      "evaluated \(grants.count) grants, \(register.count) register rows in \(elapsed): \(assessment?.findings.count ?? 0) findings"
    )
    #expect(assessment?.results.count == 4)
    #expect(elapsed < .seconds(120))
  }
}

enum Environment {
  /// True when `AUDIT_RULES_SCALE=1`.
  static var scale: Bool { ProcessInfo.processInfo.environment["AUDIT_RULES_SCALE"] == "1" }
}
