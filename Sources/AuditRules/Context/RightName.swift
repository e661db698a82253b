import AuditModel

/// Case- and punctuation-insensitive names of rights and folders, so that a register's
/// `sendas`, `Send-As` or `SendOnBehalfOf` meets the grant's `SendAs` / `SendOnBehalf`.
enum RightName {
  /// The comparison form of a right name: lowercase, without spaces, hyphens and underscores.
  static func normalised(_ name: String) -> String {
    if let known = known[name] { return known }
    return normalising(name)
  }

  /// The exact names grants carry, normalised once (the hot path of 2.4M-grant inventories).
  private static let known: [String: String] = Dictionary(
    uniqueKeysWithValues: (Right.mailboxRightFlags.map(\.right.name) + [Right.sendOnBehalf.name]
      + Right.folderRoles)
      .map { ($0, normalising($0)) })

  private static func normalising(_ name: String) -> String {
    var text = ""
    text.reserveCapacity(name.utf8.count)
    for scalar in name.unicodeScalars where scalar != " " && scalar != "-" && scalar != "_" && scalar != "\t"
    {
      text.unicodeScalars.append(scalar)
    }
    text = text.lowercased()
    switch text {
    case "sendonbehalfof", "grantsendonbehalfto": return "sendonbehalf"
    default: return text
    }
  }

  /// The comparison form of a folder path: lowercase, without a `mailbox:` prefix and leading
  /// separators (`ceo@contoso.com:\Calendar`, `\Calendar` and `Calendar` are one folder).
  static func folder(_ folder: String?) -> String {
    guard let folder else { return "" }
    var text = Substring(folder).trimmingSpaces()
    if let colon = text.firstIndex(of: ":") { text = text[text.index(after: colon)...] }
    while let first = text.first, first == "\\" || first == "/" { text = text.dropFirst() }
    return text.lowercased()
  }

  static let fullAccess = normalised(Right.fullAccess.name)
  static let sendAs = normalised(Right.sendAs.name)
  static let sendOnBehalf = normalised(Right.sendOnBehalf.name)
  static let readPermission = normalised(Right.readPermission.name)
  static let changePermission = normalised(Right.changePermission.name)
  static let changeOwner = normalised(Right.changeOwner.name)
}

extension RightName {
  /// Normalised folder role names (Owner … None), for rows that name a role but no folder.
  static let folderRoles: Set<String> = Set(Right.folderRoles.map(normalised))

  /// True when the right is a folder role, or is held on a folder.
  static func isFolderRight(_ right: String, folder: String) -> Bool {
    !folder.isEmpty || folderRoles.contains(right)
  }
}
