import AuditModel

/// A grant as one export row states it, before identities are resolved.
public struct RawGrant: Sendable, Hashable {
  public var mailbox: String
  public var trustee: String
  public var trusteeSID: String?
  public var right: Right
  public var folder: String?
  public var isInherited: Bool
  public var sharingFlags: [String]
  public var location: SourceLocation
}

/// A mailbox as a Get-Mailbox row states it.
public struct RawMailbox: Sendable, Hashable {
  /// Every identity form the row gives (Name, Alias, UPN, SMTP addresses, GUIDs, DN, …).
  public var forms: [String]
  public var primaryAddress: String?
  public var displayName: String
  public var recipientTypeDetails: String
  public var auditEnabled: Bool?
  public var auditOwner: [String]?
  public var auditDelegate: [String]?
  public var auditAdmin: [String]?
  /// GrantSendOnBehalfTo entries as given; nil when the column was absent or lossy.
  public var sendOnBehalf: [String]?
  /// False when the row had no GrantSendOnBehalfTo column (its delegates are unknown).
  public var sendOnBehalfExported = true
  public var location: SourceLocation
}

/// A directory entry (Get-User / Get-Recipient / Entra export): identity forms and account state.
public struct RawDirectoryEntry: Sendable, Hashable {
  public var forms: [String]
  public var primaryAddress: String?
  public var displayName: String
  public var kind: Principal.Kind
  public var enabled: Bool?
  public var location: SourceLocation
}

/// Get-OrganizationConfig / Get-AdminAuditLogConfig settings as one record states them.
public struct RawOrgConfig: Sendable, Hashable {
  public var auditDisabled: Bool?
  public var unifiedAuditLogIngestionEnabled: Bool?
  public var location: SourceLocation
}

/// One Get-MailboxAuditBypassAssociation row: the account and whether auditing is bypassed.
public struct RawAuditBypass: Sendable, Hashable {
  public var account: String
  public var bypassEnabled: Bool
  public var location: SourceLocation
}

/// One audit-log record: its id and time (for coverage and de-duplication) and what it produced.
public struct RawAuditRecord: Sendable, Hashable {
  /// `Id` in AuditData (`Identity` / `RecordId` in exports); nil when the record names none.
  public var recordID: String?
  /// UTC seconds; nil when neither CreationTime nor CreationDate could be read.
  public var time: Int64?
  public var location: SourceLocation
  /// Delegation events, identities as the record gives them; empty when the record was excluded.
  public var events: [AuditEvent]
  /// Folder path (`\Calendar`) of folder-permission events.
  public var folder: String?
  /// The exclusion rule applied to the record; nil when it produced events.
  public var exclusion: ExclusionRule?
}

/// Everything one input file contributed, with its ledger.
public struct FileFacts: Sendable {
  public var ledger: FileLedger
  public var grants: [RawGrant] = []
  /// Deny entries (excluded rows), kept so that they can override matching Allow grants.
  public var denies: [RawGrant] = []
  public var mailboxes: [RawMailbox] = []
  public var directory: [RawDirectoryEntry] = []
  public var orgConfig: [RawOrgConfig] = []
  public var auditBypass: [RawAuditBypass] = []
  /// Audit-log records that were produced or excluded (rejected ones are only in `rejected`).
  public var auditRecords: [RawAuditRecord] = []
  /// The highest `ResultCount` a Search-UnifiedAuditLog export states.
  public var auditResultCount: Int?
  public var register: [RegisterEntry] = []
  public var excluded: [ExcludedRow] = []
  /// False when only the count of excluded rows is wanted (a baseline's): `excluded` then stays
  /// empty, which saves a row per excluded row, about a million on a large tenant.
  var listsExcludedRows = true
  public var rejected: [RejectedRow] = []
  public var lossy: [String: LossyColumn] = [:]
  public var diagnostics: [Diagnostic] = []
  /// Content hash of each row that produced something, to count exact duplicates across files once.
  public var producedRowHashes: [(location: SourceLocation, hash: Int)] = []
  /// AccessRights texts already parsed in this file, by the enum their integers belong to.
  private var mailboxRights = TextCache<AccessRightsParser.Outcome>()
  private var recipientRights = TextCache<AccessRightsParser.Outcome>()
  private var folderRoleTexts = TextCache<AccessRightsParser.Outcome>()
  /// Audit action list texts already split in this file (text → action names).
  var actionLists = TextCache<[String]>()
  /// Whether the mailbox of the previous mailbox-permission row is a system mailbox.
  var lastSystemMailboxAnswer = LastTextAnswer()
  /// Mailbox-permission trustees already classified in this file.
  var trusteeClasses = TextCache<MailboxPermissionNormaliser.TrusteeClass>()

  public init(ledger: FileLedger) {
    self.ledger = ledger
  }

  /// Lets go of the rows once the inventory holds them: the ledger, lossy columns and diagnostics
  /// stay, for the manifest and `inspect`.
  mutating func releaseRows() {
    var kept = FileFacts(ledger: ledger)
    kept.lossy = lossy
    kept.diagnostics = diagnostics
    kept.auditResultCount = auditResultCount
    self = kept
  }

  /// `AccessRightsParser.parse(value, integers:)`, worked out once per distinct text.
  mutating func rights(
    _ value: FieldValue, integers: AccessRightsParser.IntegerMeaning
  ) -> AccessRightsParser.Outcome {
    guard case .string(let text) = value else { return AccessRightsParser.parse(value, integers: integers) }
    let parse = { (text: String) in AccessRightsParser.parse(.string(text), integers: integers) }
    switch integers {
    case .mailboxRights: return mailboxRights.value(for: text, make: parse)
    case .recipientAccessRight: return recipientRights.value(for: text, make: parse)
    }
  }

  /// `FolderPermissionNormaliser.roles(value)`, worked out once per distinct text.
  mutating func folderRoles(_ value: FieldValue) -> AccessRightsParser.Outcome {
    guard case .string(let text) = value else { return FolderPermissionNormaliser.roles(value) }
    return folderRoleTexts.value(for: text) { FolderPermissionNormaliser.roles(.string($0)) }
  }

  mutating func produced() { ledger.produced += 1 }

  mutating func exclude(
    _ record: Record, _ rule: ExclusionRule, mailbox: String, trustee: String, rights: String
  ) {
    ledger.excluded += 1
    guard listsExcludedRows else { return }
    excluded.append(
      ExcludedRow(location: record.location, rule: rule, mailbox: mailbox, trustee: trustee, rights: rights))
  }

  mutating func reject(_ record: Record, _ reason: String) {
    ledger.rejected += 1
    rejected.append(RejectedRow(location: record.location, reason: reason))
  }

  /// Counts a type-name cell for the lossy-export report.
  mutating func noteLossy(_ record: Record, column: String, typeName: String) {
    let key = column.lowercased()
    if var entry = lossy[key] {
      entry.rows += 1
      lossy[key] = entry
    } else {
      lossy[key] = LossyColumn(
        file: ledger.file, column: column, kind: ledger.kind, rows: 1, typeName: typeName,
        firstLocation: record.location)
    }
  }
}

extension FileFacts {
  /// Appends what a later part of the same file gave (see `CSVSplitReader`), as if one reader had
  /// read both parts in turn.
  mutating func append(_ later: FileFacts) {
    ledger.produced += later.ledger.produced
    ledger.excluded += later.ledger.excluded
    ledger.rejected += later.ledger.rejected
    grants += later.grants
    denies += later.denies
    mailboxes += later.mailboxes
    directory += later.directory
    orgConfig += later.orgConfig
    auditBypass += later.auditBypass
    auditRecords += later.auditRecords
    if let count = later.auditResultCount { auditResultCount = max(auditResultCount ?? 0, count) }
    register += later.register
    excluded += later.excluded
    rejected += later.rejected
    for (key, column) in later.lossy {
      if var entry = lossy[key] {
        entry.rows += column.rows
        lossy[key] = entry
      } else {
        lossy[key] = column
      }
    }
    // A note made once per file is kept once.
    let sendAsBitNoted = diagnostics.contains { $0.message == MailboxPermissionNormaliser.sendAsBitMessage }
    diagnostics += later.diagnostics.filter {
      !(sendAsBitNoted && $0.message == MailboxPermissionNormaliser.sendAsBitMessage)
    }
    producedRowHashes += later.producedRowHashes
  }
}
