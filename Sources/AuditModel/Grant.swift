/// One right of one trustee on one mailbox (or one of its folders), with every row behind it.
public struct Grant: Sendable, Hashable, Comparable {
  public struct Key: Sendable, Hashable, Comparable {
    public var mailbox: String
    public var trustee: String
    public var right: Right
    /// Folder path for folder roles (`\Calendar`), nil for mailbox-level rights.
    public var folder: String?

    public init(mailbox: String, trustee: String, right: Right, folder: String? = nil) {
      self.mailbox = mailbox
      self.trustee = trustee
      self.right = right
      self.folder = folder
    }

    public static func < (lhs: Key, rhs: Key) -> Bool {
      (lhs.mailbox, lhs.trustee, lhs.right.name, lhs.folder ?? "")
        < (rhs.mailbox, rhs.trustee, rhs.right.name, rhs.folder ?? "")
    }
  }

  public var key: Key
  public var mailboxDisplayName: String
  public var trusteeDisplayName: String
  public var trusteeKind: Principal.Kind
  public var isInherited: Bool
  /// Calendar delegate flags (`Delegate`, `CanViewPrivateItems`) for folder roles.
  public var sharingFlags: [String]
  public var sources: [SourceLocation]

  public init(
    key: Key, mailboxDisplayName: String, trusteeDisplayName: String,
    trusteeKind: Principal.Kind, isInherited: Bool, sharingFlags: [String] = [],
    sources: [SourceLocation]
  ) {
    self.key = key
    self.mailboxDisplayName = mailboxDisplayName
    self.trusteeDisplayName = trusteeDisplayName
    self.trusteeKind = trusteeKind
    self.isInherited = isInherited
    self.sharingFlags = sharingFlags
    self.sources = sources
  }

  public static func < (lhs: Grant, rhs: Grant) -> Bool { lhs.key < rhs.key }
}
