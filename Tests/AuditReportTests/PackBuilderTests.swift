import AuditModel
import Digest
import Foundation
import Testing

@testable import AuditReport

enum PackFixture {
  /// Grants in key order, with trustees that are equal only canonically (`é` composed and
  /// decomposed), folder roles beside mailbox rights, and values that need escaping.
  static let grants: [Grant] = {
    let keys = [
      Grant.Key(mailbox: "a@contoso.com", trustee: "zoe@contoso.com", right: .fullAccess),
      Grant.Key(mailbox: "a@contoso.com", trustee: "ren\u{E9}@contoso.com", right: .sendAs),
      Grant.Key(
        mailbox: "b@contoso.com", trustee: "bob@contoso.com", right: Right("Editor"), folder: "\\Calendar"),
      Grant.Key(mailbox: "b@contoso.com", trustee: "bob@contoso.com", right: .fullAccess),
      Grant.Key(mailbox: "b@contoso.com", trustee: "rene\u{301}@contoso.com", right: .fullAccess),
      Grant.Key(mailbox: "c@contoso.com", trustee: "=cmd|' /C calc'!A0", right: .sendOnBehalf),
      Grant.Key(mailbox: "c@contoso.com", trustee: "zoe@contoso.com", right: Right("Reviewer"), folder: ""),
      Grant.Key(
        mailbox: "c@contoso.com", trustee: "zoe@contoso.com", right: Right("Reviewer"), folder: "\\Inbox"),
      Grant.Key(mailbox: "\"quoted\", mailbox", trustee: "bob@contoso.com", right: .sendAs),
    ].sorted()
    return keys.enumerated().map { index, key in
      Grant(
        key: key, mailboxDisplayName: "Mailbox \u{2028}\(index)", trusteeDisplayName: "Trustee\t\(index)",
        trusteeKind: .user, isInherited: index % 2 == 0,
        sources: [
          SourceLocation(file: "exports/mailbox-permissions.csv", line: index + 2),
          SourceLocation(file: "exports/folders.json", path: "[\(index)]"),
        ])
    }
  }()

  /// The order `data/by-trustee.csv` had before: a stable sort by the whole tuple.
  static func referenceByTrusteeOrder(_ grants: [Grant]) -> [Int] {
    grants.indices.sorted {
      let lhs = grants[$0].key
      let rhs = grants[$1].key
      return (lhs.trustee, lhs.mailbox, lhs.right.name, lhs.folder ?? "")
        < (rhs.trustee, rhs.mailbox, rhs.right.name, rhs.folder ?? "")
    }
  }
}

@Suite struct PackBuilderTests {
  @Test func byTrusteeOrderIsTheTupleOrder() {
    let grants = PackFixture.grants
    #expect(PackBuilder.byTrusteeOrder(grants) == PackFixture.referenceByTrusteeOrder(grants))
    // Not in key order: the whole tuple is compared.
    let shuffled = [3, 0, 8, 5, 1, 7, 2, 6, 4].map { grants[$0] }
    #expect(PackBuilder.byTrusteeOrder(shuffled) == PackFixture.referenceByTrusteeOrder(shuffled))
    #expect(PackBuilder.byTrusteeOrder([]) == [])
  }
}

@Suite struct ExclusionCountsTests {
  @Test func countsEveryRuleAsADictionaryWould() {
    let rules: [ExclusionRule] = [
      .selfPrincipal, .selfPrincipal, .denyEntry, .selfPrincipal, .duplicateRow, .duplicateRow,
      .notDelegationEvent, .denyEntry,
    ]
    let rows = rules.enumerated().map { index, rule in
      ExcludedRow(
        location: SourceLocation(file: "f.csv", line: index + 2), rule: rule, mailbox: "m", trustee: "t",
        rights: "r")
    }
    var expected: [ExclusionRule: Int] = [:]
    for row in rows { expected[row.rule, default: 0] += 1 }
    #expect(ExclusionCounts.byRule(rows) == expected)
    #expect(ExclusionCounts.byRule([]).isEmpty)
  }
}
