import AuditModel

/// Which export shows which grants, and which lossy column hides them.
enum Evidence {
  /// The input kinds whose files show grants of a right (normalised) on a folder (normalised).
  static func grantKinds(right: String, folder: String) -> [InputKind] {
    if RightName.isFolderRight(right, folder: folder) { return folderKinds }
    switch right {
    case RightName.sendAs: return sendAsKinds
    case RightName.sendOnBehalf: return sendOnBehalfKinds
    default: return mailboxRightKinds
    }
  }

  private static let folderKinds: [InputKind] = [.folderPermission]
  private static let sendAsKinds: [InputKind] = [.recipientPermission, .adPermission]
  private static let sendOnBehalfKinds: [InputKind] = [.mailbox]
  private static let mailboxRightKinds: [InputKind] = [.mailboxPermission]

  /// True when a lossy column of one of those kinds is the one that carries the right.
  static func isLossy(_ column: LossyColumn, for right: String, folder: String) -> Bool {
    guard let kind = column.kind, grantKinds(right: right, folder: folder).contains(kind) else {
      return false
    }
    return carriesRights(column)
  }

  /// True when a lossy column is the one its kind's grants are read from: AccessRights
  /// (mailbox-, recipient- and folder-permission), ExtendedRights (ad-permission),
  /// GrantSendOnBehalfTo (mailbox).
  static func carriesRights(_ column: LossyColumn) -> Bool {
    let name = column.column.lowercased()
    switch column.kind {
    case .mailboxPermission, .recipientPermission, .folderPermission: return name.hasSuffix("accessrights")
    case .adPermission: return name.hasSuffix("extendedrights") || name.hasSuffix("accessrights")
    case .mailbox: return name.hasSuffix("grantsendonbehalfto")
    default: return false
    }
  }

  /// `mailbox export (Get-EXOMailbox …)`: a missing export named with the PowerShell that produces it.
  static func missing(_ kind: InputKind, _ what: String? = nil) -> String {
    "\(kind.rawValue) export\(what.map { " (\($0))" } ?? ""): \(kind.exportCommand)"
  }
}
