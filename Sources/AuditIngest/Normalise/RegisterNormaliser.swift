import AuditModel

/// Rows of the approved-delegation register (PRODUCT.md §6), CSV or JSON, column names in any case.
///
/// A row with a bad value is rejected as a whole, with one error diagnostic per bad value, so an
/// owner's typo never silently turns into a missing approval.
enum RegisterNormaliser {
  /// The rights a register row may name: the three delegation rights and the folder roles.
  static let allowedRights = ["FullAccess", "SendAs", "SendOnBehalf"] + Right.folderRoles

  static func consume(_ record: Record, into facts: inout FileFacts) {
    var problems: [(message: String, hint: String?)] = []
    func value(_ column: String) -> String? {
      guard let text = record[column]?.text else { return nil }
      let trimmed = String(Substring(text).trimmingSpaces())
      return trimmed.isEmpty ? nil : trimmed
    }
    func day(_ column: String) -> Int64? {
      guard let text = value(column) else { return nil }
      guard let seconds = DateParser.parseDay(text) else {
        problems.append(
          ("\(column) '\(text)' is not an ISO 8601 date (YYYY-MM-DD)", "write dates as 2026-09-30"))
        return nil
      }
      return seconds
    }

    let mailbox = value("Mailbox")
    let trustee = value("Trustee")
    for (column, given) in [("Mailbox", mailbox), ("Trustee", trustee)] where given == nil {
      problems.append(("row has no \(column) value", nil))
    }
    var right: Right?
    if let name = value("Right") {
      right = self.right(name)
      if right == nil {
        let suggestion = NearMiss.suggest(name, among: allowedRights)
        problems.append(
          (
            "Right '\(name)' is not one of FullAccess, SendAs, SendOnBehalf or a folder role "
              + "(\(Right.folderRoles.joined(separator: ", ")))",
            suggestion.map { "did you mean '\($0)'?" }
          ))
      }
    } else {
      problems.append(("row has no Right value", "one of \(allowedRights.joined(separator: ", "))"))
    }
    let approvedOn = day("ApprovedOn")
    let expiresOn = day("ExpiresOn")
    let lastReviewedOn = day("LastReviewedOn")
    var outcome: RegisterEntry.ReviewOutcome?
    if let text = value("ReviewOutcome") {
      outcome = RegisterEntry.ReviewOutcome(rawValue: text.lowercased())
      if outcome == nil {
        problems.append(
          ("ReviewOutcome '\(text)' is not keep or remove", "leave it empty when there is no review yet"))
      }
    }

    guard problems.isEmpty, let mailbox, let trustee, let right else {
      for problem in problems {
        facts.diagnostics.append(Diagnostic(.error, at: record.location, problem.message, hint: problem.hint))
      }
      let reasons = problems.map { problem in
        problem.hint.map { problem.message + " (\($0))" } ?? problem.message
      }
      facts.reject(record, reasons.joined(separator: "; "))
      return
    }
    facts.register.append(
      RegisterEntry(
        mailbox: mailbox, trustee: trustee, right: right, folder: value("Folder"),
        approvedBy: value("ApprovedBy"), approvedOn: approvedOn, ticket: value("Ticket"),
        justification: value("Justification"), expiresOn: expiresOn, lastReviewedOn: lastReviewedOn,
        reviewedBy: value("ReviewedBy"), reviewOutcome: outcome, location: record.location))
    facts.produced()
  }

  /// The canonical right for a register value, matched case-insensitively; nil when not allowed.
  static func right(_ name: String) -> Right? {
    let lower = name.lowercased()
    return allowedRights.first { $0.lowercased() == lower }.map(Right.init)
  }
}
