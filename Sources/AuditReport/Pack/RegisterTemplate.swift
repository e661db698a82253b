import AuditModel

/// The approved-delegation register (PRODUCT.md §6) pre-filled with current grants, for owners to complete.
public enum RegisterTemplate {
  public static let header = [
    "Mailbox", "Trustee", "Right", "Folder", "ApprovedBy", "ApprovedOn", "Ticket", "Justification",
    "ExpiresOn",
    "LastReviewedOn", "ReviewedBy", "ReviewOutcome",
  ]

  /// One row per SendAs, SendOnBehalf, FullAccess and folder-role grant, identities as canonical ids.
  public static func csv(for grants: [Grant]) -> [UInt8] {
    var csv = CSVWriter(header: header)
    for grant in grants where isRegistered(grant) {
      csv.cell(grant.key.mailbox)
      csv.cell(grant.key.trustee)
      csv.cell(grant.key.right.name)
      csv.cell(grant.key.folder ?? "")
      for _ in 4..<header.count { csv.cell("") }
      csv.endRow()
    }
    return csv.data
  }

  /// Rights a register documents: SendAs, SendOnBehalf, FullAccess and folder roles.
  public static func isRegistered(_ grant: Grant) -> Bool {
    grant.key.right == .sendAs || grant.key.right == .sendOnBehalf || grant.key.right == .fullAccess
      || grant.key.folder != nil
  }
}
