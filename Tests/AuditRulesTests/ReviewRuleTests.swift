import AuditModel
import Testing

@testable import AuditRules

/// FULLACCESS_NOT_REVIEWED, FULLACCESS_REVIEW_OVERDUE, REVIEW_BY_TRUSTEE and REVIEW_REMOVAL_NOT_DONE:
/// one review finding per FullAccess grant, in that precedence.
@Suite struct ReviewRuleTests {
  let finance = "finance@contoso.com"
  let lynne = "lynne.robbins@contoso.com"
  static var reviewRules: [any Rule.Type] {
    [
      ReviewRemovalNotDoneRule.self, ReviewByTrusteeRule.self, FullAccessNotReviewedRule.self,
      FullAccessReviewOverdueRule.self,
    ]
  }

  /// Every review finding for the tenant, whichever rule made it.
  func reviewFindings(_ tenant: Inventory, policy: Policy = Policy()) -> [Finding] {
    Self.reviewRules.flatMap { findings($0, in: tenant, policy: policy) }
  }

  @Test func noRegisterRowMeansNotReviewed() {
    let tenant = inventory([grant(finance, "grady.archie@contoso.com", .fullAccess)], register: [])
    let found = reviewFindings(tenant)
    #expect(
      found.map(\.brief) == [
        "FULLACCESS_NOT_REVIEWED finance@contoso.com grady.archie@contoso.com FullAccess"
      ])
    #expect(found.map(\.requirement) == ["EXT-08.3"])
    #expect(
      found.map(\.message) == [
        "grady.archie@contoso.com holds FullAccess on finance@contoso.com with no register row, so no review is recorded"
      ])
  }

  @Test func rowWithoutReviewDateOrReviewerIsNotReviewed() {
    let tenant = inventory(
      [grant(finance, "a@contoso.com", .fullAccess), grant(finance, "b@contoso.com", .fullAccess)],
      register: [
        row(finance, "a@contoso.com", .fullAccess, line: 2),
        row(finance, "b@contoso.com", .fullAccess, reviewed: "2026-11-01", line: 3),
      ])
    let found = reviewFindings(tenant)
    #expect(found.map(\.code) == ["FULLACCESS_NOT_REVIEWED", "FULLACCESS_NOT_REVIEWED"])
    #expect(found.map { $0.message.hasSuffix("has no LastReviewedOn") } == [true, false])
    #expect(
      found.last?.message.hasSuffix("its review on 2026-11-01 (register.csv:3) names no reviewer") == true)
  }

  @Test func reviewOlderThanThePeriodIsOverdue() {
    let tenant = inventory(
      [grant("hr@contoso.com", "irvin.sayers@contoso.com", .fullAccess)],
      register: [
        row(
          "hr@contoso.com", "irvin.sayers@contoso.com", .fullAccess, reviewed: "2026-03-02", reviewedBy: lynne
        )
      ])
    let found = reviewFindings(tenant)
    #expect(
      found.map(\.brief) == ["FULLACCESS_REVIEW_OVERDUE hr@contoso.com irvin.sayers@contoso.com FullAccess"])
    #expect(
      found.map(\.message) == [
        "irvin.sayers@contoso.com's FullAccess on hr@contoso.com was last reviewed on 2026-03-02, 273 days before "
          + "2026-11-30 (review period 90 days)"
      ])
  }

  @Test func reviewOnTheFirstDayOfThePeriodIsCurrent() {
    let grants = [grant(finance, "a@contoso.com", .fullAccess)]
    let onTime = inventory(
      grants,
      register: [row(finance, "a@contoso.com", .fullAccess, reviewed: "2026-09-01", reviewedBy: lynne)])
    let late = inventory(
      grants,
      register: [row(finance, "a@contoso.com", .fullAccess, reviewed: "2026-08-31", reviewedBy: lynne)])
    #expect(reviewFindings(onTime).isEmpty)
    #expect(reviewFindings(late).map(\.code) == ["FULLACCESS_REVIEW_OVERDUE"])
    let shorter = Policy.with { $0.reviewPeriodDays = 30 }
    #expect(reviewFindings(onTime, policy: shorter).map(\.code) == ["FULLACCESS_REVIEW_OVERDUE"])
  }

  @Test func reviewerNamedByDisplayNameIsTheTrustee() {
    let tenant = inventory(
      [grant(finance, lynne, .fullAccess)],
      register: [
        row(
          finance, lynne, .fullAccess, approvedBy: "ceo@contoso.com", reviewed: "2026-10-20",
          reviewedBy: "Lynne Robbins", outcome: .keep)
      ],
      principals: [person(lynne, "Lynne Robbins")])
    let found = reviewFindings(tenant)
    #expect(
      found.map(\.brief) == ["REVIEW_BY_TRUSTEE finance@contoso.com lynne.robbins@contoso.com FullAccess"])
    #expect(found.first?.message.contains("reviewed by the trustee (ReviewedBy 'Lynne Robbins')") == true)
  }

  @Test func approverIsTheTrusteeOutranksMissingReview() {
    let tenant = inventory(
      [grant(finance, lynne, .fullAccess)],
      register: [row(finance, lynne, .fullAccess, approvedBy: "LYNNE.ROBBINS@contoso.com")])
    #expect(reviewFindings(tenant).map(\.code) == ["REVIEW_BY_TRUSTEE"])
  }

  @Test func removalNotDoneReplacesTheReviewFinding() {
    let tenant = inventory(
      [grant("info@contoso.com", "pradeep.gupta@contoso.com", .fullAccess)],
      register: [
        row(
          "info@contoso.com", "pradeep.gupta@contoso.com", .fullAccess,
          approvedBy: "pradeep.gupta@contoso.com",
          reviewed: "2026-10-28", reviewedBy: "debra.berger@contoso.com", outcome: .remove)
      ])
    let found = reviewFindings(tenant)
    #expect(
      found.map(\.brief) == ["REVIEW_REMOVAL_NOT_DONE info@contoso.com pradeep.gupta@contoso.com FullAccess"])
    #expect(
      found.map(\.message) == [
        "a review on 2026-10-28 by debra.berger@contoso.com (register.csv:2) decided to remove "
          + "pradeep.gupta@contoso.com's FullAccess on info@contoso.com, but the grant is still present"
      ])
  }

  @Test func currentReviewByAnotherPersonGivesNoFinding() {
    let tenant = inventory(
      [grant(finance, "a@contoso.com", .fullAccess, inherited: true)],
      register: [
        row(finance, "a@contoso.com", .fullAccess, reviewed: "2026-10-20", reviewedBy: lynne, outcome: .keep)
      ])
    #expect(reviewFindings(tenant).isEmpty)
  }

  @Test func theLatestReviewDecides() {
    let tenant = inventory(
      [grant(finance, "a@contoso.com", .fullAccess)],
      register: [
        row(
          finance, "a@contoso.com", .fullAccess, reviewed: "2026-10-20", reviewedBy: lynne, outcome: .keep,
          line: 3),
        row(
          finance, "a@contoso.com", .fullAccess, reviewed: "2025-10-20", reviewedBy: lynne, outcome: .remove,
          line: 2),
      ])
    #expect(reviewFindings(tenant).isEmpty)
  }
}
