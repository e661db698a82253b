import AuditModel

/// TRUSTEE_EXTERNAL: a grant to a guest, or to an address outside the policy's internal domains.
///
/// Guests are always external. A trustee address whose domain is neither an internal domain nor
/// a subdomain of one is external when the policy lists internal domains. A mail user or contact
/// (kind `external`) is external unless its address is in an internal domain (hybrid mail users
/// are). Folder Default/Anonymous entries are left to FOLDER_BROAD_ACCESS.
enum TrusteeExternalRule: Rule {
  static let code = FindingCode.trusteeExternal

  static func findings(in context: EvaluationContext) -> [Finding] {
    let internalDomains = context.policy.internalDomains.map { $0.lowercased() }
    return context.inventory.grants.indices.compactMap { index in
      let grant = context.inventory.grants[index]
      guard !context.trustee(at: index, is: .folderSpecial),
        let reason = reason(
          context.identityTable.key(context.grantKeys[index].trustee),
          guest: context.trustee(at: index, is: .guest),
          external: context.trustee(at: index, is: .external), internalDomains: internalDomains)
      else { return nil }
      return finding(
        about: grant,
        "\(grant.key.trustee) (\(reason)) holds \(grant.key.right) on \(grant.key.mailbox)\(Messages.folder(grant))"
      )
    }
  }

  /// Why a trustee (lowercased id) is external, or nil when it is not.
  static func reason(_ trustee: String, guest: Bool, external: Bool, internalDomains: [String]) -> String? {
    if guest || trustee.containsBytes("#ext#") { return "a guest account" }
    guard !internalDomains.isEmpty || external else { return nil }
    let domain = trustee.utf8.lastIndex(of: 0x40).map { String(trustee[trustee.utf8.index(after: $0)...]) }
    if let domain, !internalDomains.isEmpty,
      !internalDomains.contains(where: { domain == $0 || domain.hasSuffix("." + $0) })
    {
      return "an address in \(domain), which is not an internal domain"
    }
    if external && (internalDomains.isEmpty || domain == nil) { return "an external recipient" }
    return nil
  }
}
