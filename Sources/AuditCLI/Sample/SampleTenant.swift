/// The synthetic tenant: principals, grants, register, audit trail and settings, as facts.
///
/// Every writer renders these facts in one export shape, and the answer key judges them with the
/// rules of PRODUCT.md §7; nothing here knows about files. Principals, grants, rows and events
/// refer to principals by index into `principals`.
struct SampleTenant: Sendable {
  var options: SampleOptions
  var principals: [SamplePrincipal] = []
  /// Current grants (what today's exports show), in export order.
  var grants: [SampleGrant] = []
  /// Grants the baseline shows that were removed since (with a removal event in the period).
  var removedGrants: [SampleGrant] = []
  /// Explicit Deny FullAccess rows (mailbox, trustee): they grant nothing.
  var denies: [(mailbox: Int, trustee: Int)] = []
  var register: [SampleRegisterRow] = []
  var events: [SampleEvent] = []
  /// Mailboxes (principal indices) the policy lists as sensitive.
  var sensitiveMailboxes: [Int] = []
  /// Principals (indices) the policy lists in `broadPrincipals`.
  var broadPrincipals: [Int] = []
  var waivers: [SampleWaiver] = []
  /// Administrators who make changes in the audit log (principal indices).
  var administrators: [Int] = []
  var auditDisabled = false
  var ualIngestionEnabled = true
  /// When the organisation setting was last changed (for WhenChanged).
  var orgConfigChanged: Int64 = 0
  /// The audit log's first and last record.
  var logStart: Int64 = 0
  var logEnd: Int64 = 0
  /// The seed's variant that adds a mailbox-permission file with type-name cells.
  var exportLossy = false
  /// Shared mailboxes (indices) repeated in the lossy file.
  var lossyMailboxes: [Int] = []
  let domain = "tailspintoys.com"
  let tenantDomain = "tailspintoys.onmicrosoft.com"
  let forest = "EURPR05A002.prod.outlook.com"
  let forestPrefix = "EURPRD05"
  var organisationID = ""

  init(options: SampleOptions) {
    self.options = options
  }

  /// The start of the assessment period: as-of minus the review period.
  var periodStart: Int64 { options.asOf - Int64(SampleTenant.reviewPeriodDays) * SampleClock.day }

  static let reviewPeriodDays = 90

  /// Mailbox principals (users, shared, rooms, the discovery mailbox) in export order.
  var mailboxIndices: [Int] { principals.indices.filter { principals[$0].isMailbox } }

  /// The `Microsoft Exchange Hosted Organizations` path of a recipient, as audit records write it.
  func directoryPath(_ index: Int) -> String {
    "\(forest)/Microsoft Exchange Hosted Organizations/\(tenantDomain)/\(principals[index].name)"
  }
}

/// The generator's options, validated.
struct SampleOptions: Sendable, Hashable {
  var mailboxes: Int
  var seed: UInt64
  var format: SampleFormat
  /// The instant the answer key is for (UTC seconds).
  var asOf: Int64

  static let defaultMailboxes = 50
  static let minimumMailboxes = 20
  /// Every file is built in memory before the folder is written: at 300,000 mailboxes (the
  /// largest size `make bench` uses, for CSV) the CSV exports are about 1.5 GB and CLIXML ones
  /// several times that, so larger samples are refused.
  static let maximumMailboxes = 300_000
  /// 2026-11-30T00:00:00Z.
  static let defaultAsOf: Int64 = 1_795_996_800
}

/// How the exports are serialised.
enum SampleFormat: String, Sendable, Hashable, CaseIterable {
  case csv, json, clixml, mixed
}

/// What a principal is.
enum SamplePrincipalKind: String, Sendable, Hashable {
  case user, shared, room, discovery, group, guest, orphanSID, folderDefault, folderAnonymous

  /// RecipientTypeDetails of mailboxes and guests.
  var recipientTypeDetails: String {
    switch self {
    case .user: "UserMailbox"
    case .shared: "SharedMailbox"
    case .room: "RoomMailbox"
    case .discovery: "DiscoveryMailbox"
    case .guest: "GuestMailUser"
    case .group: "MailUniversalSecurityGroup"
    case .orphanSID, .folderDefault, .folderAnonymous: ""
    }
  }
}

/// A mailbox, person, group, guest, orphaned SID or folder special user.
struct SamplePrincipal: Sendable, Hashable {
  var kind: SamplePrincipalKind
  /// The canonical id the tool shows: lowercase UPN for mailboxes and guests, the name as given
  /// for groups and folder special users, the SID for orphans.
  var id: String
  /// The recipient Name (alias, display name or, for new mailboxes, the object id).
  var name: String
  var alias: String
  var displayName: String
  /// UPN as the directory spells it (guests keep `#EXT#` upper case); empty for groups and SIDs.
  var upn: String
  var objectID: String
  var accountDisabled = false
  var auditBypass = false
  var audit: SampleAuditActions?
  /// Has the inherited platform rows in Get-MailboxPermission (EXO shows them on most mailboxes).
  var platformRows = true
  /// The calendar folder's localised name (`Calendar`, `Kalender`, `Calendrier`).
  var calendarName = "Calendar"
  /// Who approves and reviews delegations on this mailbox (a user index); nil for non-mailboxes.
  var owner: Int?

  var isMailbox: Bool { kind == .user || kind == .shared || kind == .room || kind == .discovery }
}

/// A mailbox's audited actions per logon type.
struct SampleAuditActions: Sendable, Hashable {
  var owner: [String]
  var delegate: [String]
  var admin: [String]
  /// What the answer key says about a planted gap, if any.
  var story: String?

  static let ownerDefault = [
    "Update", "MoveToDeletedItems", "SoftDelete", "HardDelete", "UpdateFolderPermissions", "UpdateInboxRules",
    "UpdateCalendarDelegation", "ApplyRecord",
  ]
  static let delegateDefault = [
    "Update", "MoveToDeletedItems", "SoftDelete", "HardDelete", "SendAs", "SendOnBehalf", "Create",
    "UpdateFolderPermissions", "UpdateInboxRules", "ApplyRecord",
  ]
  static let adminDefault = [
    "Update", "MoveToDeletedItems", "SoftDelete", "HardDelete", "SendAs", "SendOnBehalf", "Create",
    "UpdateFolderPermissions", "UpdateInboxRules", "UpdateCalendarDelegation", "ApplyRecord",
  ]

  static let defaults = SampleAuditActions(
    owner: ownerDefault, delegate: delegateDefault, admin: adminDefault)
}

/// A delegated right as the exports carry it.
enum SampleRight: Sendable, Hashable {
  case fullAccess, sendAs, sendOnBehalf, changePermission, changeOwner
  /// A folder role (`Reviewer`, `Editor`, …).
  case folderRole(String)

  var name: String {
    switch self {
    case .fullAccess: "FullAccess"
    case .sendAs: "SendAs"
    case .sendOnBehalf: "SendOnBehalf"
    case .changePermission: "ChangePermission"
    case .changeOwner: "ChangeOwner"
    case .folderRole(let role): role
    }
  }

  /// The MailboxRights flag value, for mailbox-permission rights.
  var mailboxRightsBit: Int64? {
    switch self {
    case .fullAccess: 1
    case .changePermission: 262_144
    case .changeOwner: 524_288
    default: nil
    }
  }
}

/// One grant: a right of a trustee on a mailbox (or one of its folders).
struct SampleGrant: Sendable, Hashable {
  var mailbox: Int
  var trustee: Int
  var right: SampleRight
  /// `\Calendar` (localised) for folder roles; nil for mailbox-level rights.
  var folder: String?
  var inherited = false
  var sharingFlags: [String] = []
  /// When the grant was added during the period; nil when it predates the baseline.
  var addedAt: Int64?
  /// False for a grant added in the period with no audit event (planted CHANGE_UNLOGGED).
  var logged = true
  /// When it was removed (removed grants only).
  var removedAt: Int64?
  /// The situation this grant belongs to, as the answer key explains it.
  var story: String

  init(
    mailbox: Int, trustee: Int, right: SampleRight, folder: String? = nil, inherited: Bool = false,
    sharingFlags: [String] = [], addedAt: Int64? = nil, story: String
  ) {
    self.mailbox = mailbox
    self.trustee = trustee
    self.right = right
    self.folder = folder
    self.inherited = inherited
    self.sharingFlags = sharingFlags
    self.addedAt = addedAt
    self.story = story
  }
}

/// One row of the approved-delegation register, with the identity forms it is written in.
struct SampleRegisterRow: Sendable, Hashable {
  var mailbox: Int
  var trustee: Int
  var right: String
  var folder: String?
  /// The identities as the register spells them (UPN, alias or display name).
  var mailboxForm: String
  var trusteeForm: String
  var approvedBy: Int?
  var approvedByForm: String?
  /// UTC seconds of the day.
  var approvedOn: Int64?
  var ticket: String
  var justification: String
  var expiresOn: Int64?
  var lastReviewedOn: Int64?
  var reviewedBy: Int?
  var reviewedByForm: String?
  var outcome: String?
  var story: String
}

/// A policy waiver: a finding code accepted for a mailbox and trustee until a day.
struct SampleWaiver: Sendable, Hashable {
  var code: String
  var mailbox: Int
  var trustee: Int
  var reason: String
  /// UTC seconds of the expiry day.
  var expires: Int64
}

/// One audit-log record.
struct SampleEvent: Sendable, Hashable {
  /// What the record says happened.
  enum Action: Sendable, Hashable {
    case addMailboxPermission(mailbox: Int, trustee: Int)
    case removeMailboxPermission(mailbox: Int, trustee: Int)
    case addRecipientPermission(mailbox: Int, trustee: Int)
    case removeRecipientPermission(mailbox: Int, trustee: Int)
    /// Set-Mailbox -GrantSendOnBehalfTo with the resulting list of delegates.
    case setSendOnBehalf(mailbox: Int, delegates: [Int])
    case addFolderPermission(mailbox: Int, trustee: Int, folder: String, role: String)
    /// Not a delegation change: an operation and its parameters.
    case other(operation: String, mailbox: Int, parameters: [SampleParameter])
    /// The service account granting Discovery Management on the discovery mailbox (system noise).
    case discoveryGrant(mailbox: Int)
  }

  var time: Int64
  var recordID: String
  /// Who did it, as UserId shows it.
  var actor: String
  /// UAL UserType: 0 regular user, 2 admin, 3 the service account.
  var actorType: Int
  var action: Action
  /// ResultStatus False: the cmdlet failed and changed nothing.
  var failed = false
  /// Delivered twice, as overlapping result pages do.
  var duplicated = false
  /// Identity parameters written as directory paths instead of UPNs.
  var identityAsPath = false
  var story: String
}

/// A cmdlet parameter as audit records log it (all values are strings).
struct SampleParameter: Sendable, Hashable {
  var name: String
  var value: String
}
