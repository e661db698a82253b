/// A delegated right: a mailbox right, SendAs, SendOnBehalf, or a folder role.
public struct Right: Sendable, Hashable, Comparable, CustomStringConvertible {
  public let name: String

  public init(_ name: String) { self.name = name }

  public static let fullAccess = Right("FullAccess")
  public static let sendAs = Right("SendAs")
  public static let sendOnBehalf = Right("SendOnBehalf")
  public static let readPermission = Right("ReadPermission")
  public static let changePermission = Right("ChangePermission")
  public static let changeOwner = Right("ChangeOwner")
  public static let deleteItem = Right("DeleteItem")
  public static let externalAccount = Right("ExternalAccount")

  /// The MailboxRights flags enum (FORMATS.md §1.1), name and bit, in bit order.
  public static let mailboxRightFlags: [(right: Right, bit: Int64)] = [
    (.fullAccess, 1), (.sendAs, 2), (.externalAccount, 4), (.deleteItem, 65536),
    (.readPermission, 131072), (.changePermission, 262144), (.changeOwner, 524288),
  ]

  /// Folder roles of Get-MailboxFolderPermission (FORMATS.md §1.2).
  public static let folderRoles: [String] = [
    "Owner", "PublishingEditor", "Editor", "PublishingAuthor", "Author", "NonEditingAuthor",
    "Reviewer", "Contributor", "AvailabilityOnly", "LimitedDetails", "None",
  ]

  public var description: String { name }

  public static func < (lhs: Right, rhs: Right) -> Bool { lhs.name < rhs.name }
}
