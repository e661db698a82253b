import AuditModel

/// INHERITED_FULLACCESS: FullAccess inherited by a non-system principal. It is effective access:
/// it is also in the EXT-08.3 population.
enum InheritedFullAccessRule: Rule {
  static let code = FindingCode.inheritedFullAccess

  static func findings(in context: EvaluationContext) -> [Finding] {
    context.grants(of: RightName.fullAccess).compactMap { index in
      let grant = context.inventory.grants[index]
      guard grant.isInherited, !context.trustee(at: index, is: .system) else { return nil }
      return finding(
        about: grant,
        "\(grant.key.trustee) holds FullAccess on \(grant.key.mailbox) by inheritance (IsInherited True): "
          + "effective access set on a parent object, not on the mailbox itself")
    }
  }
}
