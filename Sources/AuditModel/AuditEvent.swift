/// A delegation-relevant change read from the unified audit log.
public struct AuditEvent: Sendable, Hashable, Comparable {
  public enum Change: String, Sendable, Hashable {
    case added, removed, modified
  }

  /// The audit record id (`Id` in AuditData, `Identity` / `RecordId` in exports).
  public var recordID: String
  /// UTC seconds since 1970.
  public var time: Int64
  public var actor: String
  public var operation: String
  public var mailbox: String
  public var trustee: String
  public var rights: [Right]
  public var change: Change
  /// Folder path (`\Calendar`) of folder-permission events; nil for mailbox-level rights.
  public var folder: String?
  public var location: SourceLocation

  public init(
    recordID: String, time: Int64, actor: String, operation: String, mailbox: String,
    trustee: String, rights: [Right], change: Change, folder: String? = nil, location: SourceLocation
  ) {
    self.recordID = recordID
    self.time = time
    self.actor = actor
    self.operation = operation
    self.mailbox = mailbox
    self.trustee = trustee
    self.rights = rights
    self.change = change
    self.folder = folder
    self.location = location
  }

  public static func < (lhs: AuditEvent, rhs: AuditEvent) -> Bool {
    (lhs.time, lhs.recordID) < (rhs.time, rhs.recordID)
  }
}
