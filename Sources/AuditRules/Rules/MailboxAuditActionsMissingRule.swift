import AuditModel

/// MAILBOX_AUDIT_ACTIONS_MISSING: a user or shared mailbox whose AuditDelegate or AuditAdmin lacks
/// SendAs, SendOnBehalf or UpdateFolderPermissions; one finding per mailbox, listing every gap.
///
/// A list the export did not carry (nil) is not judged; `unassessedMailboxes` counts those
/// mailboxes so the EXT-08.4 verdict can say it is not fully assessed.
enum MailboxAuditActionsMissingRule: Rule {
  static let code = FindingCode.mailboxAuditActionsMissing
  static let requiredActions = ["SendAs", "SendOnBehalf", "UpdateFolderPermissions"]
  static let scopedTypes: Set<String> = ["usermailbox", "sharedmailbox"]

  static func findings(in context: EvaluationContext) -> [Finding] {
    // Tenants share a few action sets (the Microsoft defaults): judge each distinct list once.
    var missingByList: [[String]: [String]] = [:]
    func missing(_ actions: [String]) -> [String] {
      if let known = missingByList[actions] { return known }
      let present = Set(actions.map(\.foldedCase))
      let missing = requiredActions.filter { !present.contains($0.foldedCase) }
      missingByList[actions] = missing
      return missing
    }
    let mailboxes = context.inventory.mailboxes
    return inScope(context.inventory).map(\.id).sorted().compactMap { id -> Finding? in
      guard let mailbox = mailboxes[id] else { return nil }
      let gaps = [("AuditDelegate", mailbox.auditDelegate), ("AuditAdmin", mailbox.auditAdmin)]
        .compactMap { name, actions -> (String, [String])? in
          guard let actions else { return nil }
          let lacking = missing(actions)
          return lacking.isEmpty ? nil : (name, lacking)
        }
      guard !gaps.isEmpty else { return nil }
      let list = gaps.map { "\($0.0) lacks \($0.1.joined(separator: ", "))" }.joined(separator: "; ")
      return finding(
        mailbox: mailbox.id, trustee: nil, right: gaps.map(\.0).joined(separator: ", "),
        message: "\(mailbox.id) (\(mailbox.recipientTypeDetails)): \(list)",
        evidence: mailbox.location.map { [$0] } ?? [])
    }
  }

  /// User and shared mailboxes, in no particular order (findings are sorted later).
  static func inScope(_ inventory: Inventory) -> [Mailbox] {
    inventory.mailboxes.values.filter { scopedTypes.contains($0.recipientTypeDetails.foldedCase) }
  }

  /// In-scope mailboxes whose AuditDelegate or AuditAdmin list was not exported.
  static func unassessedMailboxes(_ inventory: Inventory) -> Int {
    inventory.mailboxes.values.count {
      ($0.auditDelegate == nil || $0.auditAdmin == nil)
        && scopedTypes.contains($0.recipientTypeDetails.foldedCase)
    }
  }
}
