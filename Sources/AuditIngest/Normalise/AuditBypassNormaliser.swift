import AuditModel

/// Get-MailboxAuditBypassAssociation rows: which accounts bypass mailbox auditing.
///
/// Every readable row is produced, also `False` ones: they are the evidence that an account was
/// checked and does not bypass auditing.
enum AuditBypassNormaliser {
  static func consume(_ record: Record, into facts: inout FileFacts) {
    guard let account = record.text("Identity", "Name", "UserPrincipalName", "DisplayName") else {
      facts.reject(record, "row has no Identity value")
      return
    }
    guard let enabled = BooleanParser.parse(record["AuditBypassEnabled"]) else {
      let given = record["AuditBypassEnabled"]?.text ?? ""
      facts.reject(
        record,
        given.isEmpty
          ? "row has no AuditBypassEnabled value" : "AuditBypassEnabled value '\(given)' is not True or False"
      )
      return
    }
    facts.auditBypass.append(
      RawAuditBypass(account: account, bypassEnabled: enabled, location: record.location))
    facts.produced()
  }
}
