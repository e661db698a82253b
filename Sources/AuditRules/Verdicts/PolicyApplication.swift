import AuditModel

/// Applies the policy to findings: severity overrides per code, then waivers.
struct PolicyApplication {
  /// A waiver with its identities resolved once.
  private struct ResolvedWaiver {
    var waiver: Policy.Waiver
    /// Nil means any; `.some(nil)` means the identity is ambiguous and matches nothing.
    var mailbox: String??
    var trustee: String??
  }

  private let overrides: [String: Severity]
  private let waivers: [ResolvedWaiver]
  private let identities: IdentityMatcher

  init(_ policy: Policy, identities: IdentityMatcher, asOf: Int64) {
    var overrides: [String: Severity] = [:]
    for (code, severity) in policy.severityOverrides { overrides[code.uppercased()] = severity }
    self.overrides = overrides
    self.identities = identities
    waivers = policy.waivers.compactMap { waiver in
      // A waiver applies while as-of is before the end of its expiry day.
      guard Day.of(asOf) <= Day.of(waiver.expires) else { return nil }
      return ResolvedWaiver(
        waiver: waiver, mailbox: waiver.mailbox.map(identities.matchKey),
        trustee: waiver.trustee.map(identities.matchKey))
    }
  }

  /// True when the policy changes nothing (no override, no unexpired waiver).
  var isEmpty: Bool { overrides.isEmpty && waivers.isEmpty }

  /// Sets each finding's policy severity and, when an unexpired waiver covers it, marks it waived.
  func apply(to findings: inout [Finding]) {
    guard !isEmpty else { return }
    let codes = Set(overrides.keys).union(waivers.map { $0.waiver.code.uppercased() })
    for index in findings.indices where codes.contains(findings[index].code) {
      apply(to: &findings[index])
    }
  }

  /// Sets one finding's policy severity and, when an unexpired waiver covers it, marks it waived.
  func apply(to finding: inout Finding) {
    if let severity = overrides[finding.code] { finding.severity = severity }
    if let waiver = waivers.first(where: { covers($0, finding) }) {
      finding.waived = true
      finding.waiverReason =
        "\(waiver.waiver.reason) (waiver until \(DateParser.day(waiver.waiver.expires)))"
    }
  }

  private func covers(_ waiver: ResolvedWaiver, _ finding: Finding) -> Bool {
    guard waiver.waiver.code.uppercased() == finding.code else { return false }
    return matches(waiver.mailbox, finding.mailbox) && matches(waiver.trustee, finding.trustee)
  }

  private func matches(_ wanted: String??, _ actual: String?) -> Bool {
    guard let wanted else { return true }
    guard let wanted, let actual else { return false }
    return identities.matchKey(actual) == wanted
  }
}
