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
      csv.row(
        [grant.key.mailbox, grant.key.trustee, grant.key.right.name, grant.key.folder ?? ""]
          + Array(repeating: "", count: header.count - 4))
    }
    return csv.data
  }

  /// Rights a register documents: SendAs, SendOnBehalf, FullAccess and folder roles.
  public static func isRegistered(_ grant: Grant) -> Bool {
    grant.key.right == .sendAs || grant.key.right == .sendOnBehalf || grant.key.right == .fullAccess
      || grant.key.folder != nil
  }
}
