import AuditModel

/// PERMISSION_ESCALATION_RIGHT: an explicit (not inherited) ChangePermission or ChangeOwner grant,
/// which lets its holder grant themselves any other right.
enum PermissionEscalationRightRule: Rule {
  static let code = FindingCode.permissionEscalationRight
  static let rights: Set<String> = [RightName.changePermission, RightName.changeOwner]

  static func findings(in context: EvaluationContext) -> [Finding] {
    context.inventory.grants.indices.compactMap { index in
      let grant = context.inventory.grants[index]
      guard !grant.isInherited, grant.key.folder == nil, rights.contains(context.grantKeys[index].right)
      else {
        return nil
      }
      return finding(
        about: grant,
        "\(grant.key.trustee) holds an explicit \(grant.key.right) on \(grant.key.mailbox): they can change "
          + "the mailbox's permissions and grant themselves FullAccess")
    }
  }
}
