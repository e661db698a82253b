import AuditModel

/// TRUSTEE_BROAD_GROUP: a mailbox-level grant to a group, or to a principal the policy lists in
/// `broadPrincipals`. Folder grants to broad principals are FOLDER_BROAD_ACCESS's.
enum TrusteeBroadGroupRule: Rule {
  static let code = FindingCode.trusteeBroadGroup

  static func findings(in context: EvaluationContext) -> [Finding] {
    context.inventory.grants.indices.compactMap { index in
      let grant = context.inventory.grants[index]
      guard grant.key.folder == nil, context.isBroad(index) else { return nil }
      let why = context.trustee(at: index, is: .group) ? "a group" : "listed in the policy's broadPrincipals"
      return finding(
        about: grant,
        "\(grant.key.trustee) (\(why)) holds \(grant.key.right) on \(grant.key.mailbox): every member inherits it"
      )
    }
  }
}
