import AuditModel

/// TRUSTEE_DISABLED: a grant to an account the directory export shows as disabled.
enum TrusteeDisabledRule: Rule {
  static let code = FindingCode.trusteeDisabled

  static func findings(in context: EvaluationContext) -> [Finding] {
    guard !context.accountEnabled.isEmpty else { return [] }
    return context.inventory.grants.indices.compactMap { index in
      guard context.accountEnabled[context.grantKeys[index].trustee] == false else { return nil }
      let grant = context.inventory.grants[index]
      return finding(
        about: grant,
        "\(grant.key.trustee) is a disabled account (directory export) but still holds \(grant.key.right) on "
          + "\(grant.key.mailbox)\(Messages.folder(grant))")
    }
  }
}
