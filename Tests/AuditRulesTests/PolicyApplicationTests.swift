import AuditModel
import Testing

@testable import AuditRules

/// Severity overrides and waivers from the policy.
@Suite struct PolicyApplicationTests {
  let support = "support@contoso.com"
  let guest = "partner_fabrikam.com#ext#@contoso.onmicrosoft.com"

  func tenant() -> Inventory {
    inventory(
      [
        grant(support, guest, .fullAccess, kind: .guest),
        grant("legal@contoso.com", guest, .fullAccess, kind: .guest),
      ],
      principals: [
        person(support, "Customer Support", kind: .sharedMailbox),
        Principal(
          id: guest, displayName: "Fabrikam Partner", kind: .guest, aliases: ["partner_fabrikam.com#EXT#"]),
      ])
  }

  func waiver(
    mailbox: String? = "support", trustee: String? = "Fabrikam Partner", expires: String = "2027-03-31"
  )
    -> Policy.Waiver
  {
    Policy.Waiver(
      code: "TRUSTEE_EXTERNAL", mailbox: mailbox, trustee: trustee, reason: "contract MSA-2026-014",
      expires: day(expires))
  }

  func external(_ policy: Policy, asOf: Int64 = now) -> [Finding] {
    Evaluator.evaluate(tenant(), policy: policy, asOf: asOf).findings.filter { $0.code == "TRUSTEE_EXTERNAL" }
  }

  @Test func waiverMatchesThroughTheResolverAndKeepsTheFinding() {
    let found = external(Policy.with { $0.waivers = [waiver()] })
    #expect(found.map(\.mailbox) == ["legal@contoso.com", support])
    #expect(found.map(\.waived) == [false, true])
    #expect(found.last?.waiverReason == "contract MSA-2026-014 (waiver until 2027-03-31)")
  }

  @Test func waiverWithoutMailboxCoversEveryMailbox() {
    #expect(external(Policy.with { $0.waivers = [waiver(mailbox: nil)] }).map(\.waived) == [true, true])
  }

  @Test func waiverAppliesThroughItsExpiryDay() {
    let policy = Policy.with { $0.waivers = [waiver(expires: "2026-11-30")] }
    #expect(external(policy, asOf: day("2026-11-30T23:59:59Z")).map(\.waived) == [false, true])
    #expect(external(policy, asOf: day("2026-12-01")).map(\.waived) == [false, false])
  }

  @Test func waiverForAnotherCodeOrTrusteeDoesNotApply() {
    var other = waiver()
    other.code = "TRUSTEE_DISABLED"
    #expect(
      external(Policy.with { $0.waivers = [other, waiver(trustee: "someone@contoso.com")] }).map(\.waived)
        == [false, false])
  }

  @Test func severityOverride() {
    let found = external(Policy.with { $0.severityOverrides = ["TRUSTEE_EXTERNAL": .low] })
    #expect(found.map(\.severity) == [.low, .low])
    #expect(external(Policy()).map(\.severity) == [.high, .high])
  }

  @Test func waivedFindingsAreNotExceptions() {
    let support = "support@contoso.com"
    let rows = [row(support, guest, .sendAs, expires: "2026-10-31")]
    let tenant = inventory([grant(support, guest, .sendAs, kind: .guest)], register: rows)
    var waiver = Policy.Waiver(
      code: "APPROVAL_EXPIRED", mailbox: support, trustee: guest, reason: "renewal pending",
      expires: day("2026-12-31"))
    let waived = Evaluator.evaluate(tenant, policy: Policy.with { $0.waivers = [waiver] }, asOf: now)
    #expect(waived.results[0].status == .satisfied)
    #expect(waived.results[0].exceptions == 0)
    #expect(waived.results[0].reason.contains("1 waived finding not counted"))
    waiver.expires = day("2026-11-01")
    let expired = Evaluator.evaluate(tenant, policy: Policy.with { $0.waivers = [waiver] }, asOf: now)
    #expect(expired.results[0].status == .notSatisfied)
  }
}
