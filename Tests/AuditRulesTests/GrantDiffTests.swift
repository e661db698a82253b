import AuditModel
import Testing

@testable import AuditRules

/// GrantDiff: added, removed and changed grants between two snapshots.
@Suite struct GrantDiffTests {
  @Test func addedRemovedAndChanged() {
    let old = [
      grant("ceo@contoso.com", "alex.wilber@contoso.com", .fullAccess),
      grant("ceo@contoso.com", "megan.bowen@contoso.com", .sendAs),
      grant("hr@contoso.com", "irvin.sayers@contoso.com", .fullAccess, inherited: true),
      grant("ceo@contoso.com", "alex.wilber@contoso.com", Right("Editor"), folder: "\\Calendar"),
    ]
    let new = [
      grant("CEO@contoso.com", "Alex.Wilber@contoso.com", .fullAccess),
      grant("hr@contoso.com", "irvin.sayers@contoso.com", .fullAccess),
      grant(
        "ceo@contoso.com", "alex.wilber@contoso.com", Right("Editor"), folder: "\\Calendar",
        flags: ["Delegate"]),
      grant("info@contoso.com", "adele.vance@contoso.com", .sendAs),
    ]
    let diff = GrantDiff.diff(old: old, new: new)
    #expect(diff.added.map(\.key.trustee) == ["adele.vance@contoso.com"])
    #expect(diff.removed.map(\.key.trustee) == ["megan.bowen@contoso.com"])
    #expect(
      diff.changed.map { "\($0.old.key.mailbox) \($0.old.key.right) \($0.new.isInherited)" } == [
        "ceo@contoso.com Editor false", "hr@contoso.com FullAccess false",
      ])
  }

  @Test func flagOrderAndDuplicatesDoNotCount() {
    let a = grant(
      "ceo@contoso.com", "x@contoso.com", Right("Editor"), folder: "\\Calendar",
      flags: ["Delegate", "CanViewPrivateItems"])
    let b = grant(
      "ceo@contoso.com", "x@contoso.com", Right("Editor"), folder: "\\Calendar",
      flags: ["canviewprivateitems", "Delegate"])
    let diff = GrantDiff.diff(old: [a, a], new: [b, b])
    #expect(diff.added.isEmpty && diff.removed.isEmpty && diff.changed.isEmpty)
  }

  @Test func emptySnapshots() {
    let grants = [grant("ceo@contoso.com", "x@contoso.com", .sendAs)]
    #expect(GrantDiff.diff(old: [], new: grants).added.count == 1)
    #expect(GrantDiff.diff(old: grants, new: []).removed.count == 1)
  }

  @Test func largeSnapshotsDiffInLinearTime() {
    let old = (0..<200_000).map { grant("m\($0 / 8)@contoso.com", "t\($0 % 8)@contoso.com", .fullAccess) }
    var new = old
    new.removeFirst(1000)
    new.append(grant("m0@contoso.com", "new@contoso.com", .sendAs))
    let clock = ContinuousClock()
    var diff: (added: [Grant], removed: [Grant], changed: [(old: Grant, new: Grant)])?
    let elapsed = clock.measure { diff = GrantDiff.diff(old: old, new: new) }
    #expect(diff?.added.count == 1)
    #expect(diff?.removed.count == 1000)
    #expect(elapsed < .seconds(20))
  }
}
