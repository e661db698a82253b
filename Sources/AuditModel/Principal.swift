/// Someone or something that can hold a right: a user, a group, a SID, a folder special user.
public struct Principal: Sendable, Hashable {
  public enum Kind: String, Sendable, Hashable, CaseIterable {
    case user
    case sharedMailbox = "shared-mailbox"
    case group
    case guest
    case external
    case system
    case unresolvedSID = "unresolved-sid"
    case folderSpecial = "folder-special"
    case unknown
  }

  /// Lowercase primary SMTP / UPN when known, else the SID, else the trimmed name as given.
  public var id: String
  public var displayName: String
  public var kind: Kind
  /// Every other form this principal was seen under.
  public var aliases: Set<String>

  public init(id: String, displayName: String, kind: Kind, aliases: Set<String> = []) {
    self.id = id
    self.displayName = displayName
    self.kind = kind
    self.aliases = aliases
  }
}
