import AuditModel
import Dispatch

/// Evaluates control EXT-08 on an inventory: every rule, the policy, the verdicts and the changes.
public enum Evaluator {
  /// The assessment as of `asOf` (UTC seconds). The period ends at `periodEnd` (default: as-of)
  /// and starts at `periodStart` (default: as-of minus the policy's review period). `baseline`
  /// is the previous snapshot's inventory, for grants added since.
  public static func evaluate(
    _ inventory: Inventory, policy: Policy, asOf: Int64, periodStart: Int64? = nil, periodEnd: Int64? = nil,
    baseline: Inventory? = nil
  ) -> Assessment {
    let context = EvaluationContext(
      inventory: inventory, policy: policy, asOf: asOf, periodStart: periodStart, periodEnd: periodEnd,
      baseline: baseline)
    let findings = findings(in: context)
    return Assessment(
      asOf: asOf, periodStart: context.periodStart, periodEnd: context.periodEnd,
      results: Verdicts.results(context, findings: findings), findings: findings,
      changes: ChangeRecords.records(context))
  }

  /// Every rule's findings with the policy applied, sorted, with ids `F-0001`, `F-0002`, ….
  static func findings(in context: EvaluationContext) -> [Finding] {
    // The rules are independent: they run on every core, their findings joined in rule order.
    let ruleCount = RuleRegistry.rules.count
    let found = ResultSlots<[Finding]>(count: ruleCount)
    DispatchQueue.concurrentPerform(iterations: ruleCount) { index in
      found.set(index, RuleRegistry.rules[index].findings(in: context))
    }
    var findings = found.values().flatMap { $0 }
    PolicyApplication(context.policy, identities: context.identities, asOf: context.asOf).apply(to: &findings)
    // Sort indices, not the (large) findings, then permute once.
    let order = findings.indices.sorted { ordered(findings[$0], findings[$1]) }
    findings = order.map { findings[$0] }
    for index in findings.indices { findings[index].id = identifier(index + 1) }
    return findings
  }

  /// `Finding`'s order (requirement, code, mailbox, trustee, right, folder, first evidence), then
  /// the message, so that the order is total and reruns number findings alike.
  static func ordered(_ lhs: Finding, _ rhs: Finding) -> Bool {
    if lhs.requirement != rhs.requirement { return lhs.requirement < rhs.requirement }
    if lhs.code != rhs.code { return lhs.code < rhs.code }
    let (mailboxL, mailboxR) = (lhs.mailbox ?? "", rhs.mailbox ?? "")
    if mailboxL != mailboxR { return mailboxL < mailboxR }
    let (trusteeL, trusteeR) = (lhs.trustee ?? "", rhs.trustee ?? "")
    if trusteeL != trusteeR { return trusteeL < trusteeR }
    let (rightL, rightR) = (lhs.right ?? "", rhs.right ?? "")
    if rightL != rightR { return rightL < rightR }
    let (folderL, folderR) = (lhs.folder ?? "", rhs.folder ?? "")
    if folderL != folderR { return folderL < folderR }
    switch (lhs.evidence.first, rhs.evidence.first) {
    case (nil, .some): return true
    case (.some, nil): return false
    case (let left?, let right?) where left != right: return left < right
    default: return lhs.message < rhs.message
    }
  }

  /// `F-0001` for 1; more digits when needed.
  static func identifier(_ number: Int) -> String {
    let digits = String(number)
    return "F-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
  }
}
