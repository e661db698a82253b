/// A mailbox as Get-Mailbox describes it.
public struct Mailbox: Sendable, Hashable {
  public var id: String
  public var displayName: String
  /// `UserMailbox`, `SharedMailbox`, `RoomMailbox`, `DiscoveryMailbox`, …
  public var recipientTypeDetails: String
  public var auditEnabled: Bool?
  /// Audit actions per logon type; nil when the export did not carry them.
  public var auditOwner: [String]?
  public var auditDelegate: [String]?
  public var auditAdmin: [String]?
  /// False when the export had no GrantSendOnBehalfTo column: its SendOnBehalf delegates are
  /// unknown, not absent.
  public var sendOnBehalfExported: Bool
  public var location: SourceLocation?

  public init(
    id: String, displayName: String, recipientTypeDetails: String, auditEnabled: Bool? = nil,
    auditOwner: [String]? = nil, auditDelegate: [String]? = nil, auditAdmin: [String]? = nil,
    sendOnBehalfExported: Bool = true, location: SourceLocation? = nil
  ) {
    self.id = id
    self.displayName = displayName
    self.recipientTypeDetails = recipientTypeDetails
    self.auditEnabled = auditEnabled
    self.auditOwner = auditOwner
    self.auditDelegate = auditDelegate
    self.auditAdmin = auditAdmin
    self.sendOnBehalfExported = sendOnBehalfExported
    self.location = location
  }
}
