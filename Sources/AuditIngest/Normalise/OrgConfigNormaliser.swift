import AuditModel

/// Get-OrganizationConfig (`AuditDisabled`) and Get-AdminAuditLogConfig
/// (`UnifiedAuditLogIngestionEnabled`): one record gives the organisation's audit switches.
enum OrgConfigNormaliser {
  static let columns = ["AuditDisabled", "UnifiedAuditLogIngestionEnabled"]

  static func consume(_ record: Record, into facts: inout FileFacts) {
    var values: [String: Bool] = [:]
    for column in columns {
      guard let value = record[column], value != .null else { continue }
      if value.text?.isEmpty == true { continue }
      guard let flag = BooleanParser.parse(value) else {
        facts.reject(record, "\(column) value '\(value.text ?? "")' is not True or False")
        return
      }
      values[column] = flag
    }
    guard !values.isEmpty else {
      facts.reject(record, "record has no AuditDisabled or UnifiedAuditLogIngestionEnabled value")
      return
    }
    facts.orgConfig.append(
      RawOrgConfig(
        auditDisabled: values["AuditDisabled"],
        unifiedAuditLogIngestionEnabled: values["UnifiedAuditLogIngestionEnabled"], location: record.location)
    )
    facts.produced()
  }
}
