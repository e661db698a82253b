import AuditModel

/// CHANGE_UNAPPROVED: a grant-adding audit event in the period with no register approval dated
/// on or before the event's UTC day; one finding per event × right.
enum ChangeUnapprovedRule: Rule {
  static let code = FindingCode.changeUnapproved

  static func findings(in context: EvaluationContext) -> [Finding] {
    context.events.compactMap { reconciled in
      guard case .unapproved(let later) = reconciled.status, let right = reconciled.right else { return nil }
      let item = reconciled.item
      let event = item.event
      var message =
        "\(item.trustee) was given \(right) on \(item.mailbox)\(item.folder.map { " (\($0))" } ?? "") by "
        + "\(event.actor.isEmpty ? "an unnamed actor" : event.actor) on \(DateParser.iso(event.time)) "
        + "(\(event.operation), record \(event.recordID)) "
      var evidence = [event.location]
      if let later, let approvedOn = later.entry.approvedOn {
        message += "before its approval, dated \(DateParser.day(approvedOn)) (\(later.entry.location))"
        evidence.append(later.entry.location)
      } else {
        message += "with no approval in the register"
      }
      if !item.notes.isEmpty { message += "; \(item.notes.joined(separator: "; "))" }
      return finding(
        mailbox: item.mailbox, trustee: item.trustee, right: right.name, folder: item.folder,
        message: message,
        evidence: evidence)
    }
  }
}
