import AuditModel

/// FOLDER_BROAD_ACCESS: Default, Anonymous or a broad group holds a reading role on a mailbox
/// folder (see `FolderRole`: LimitedDetails reads, Contributor does not).
enum FolderBroadAccessRule: Rule {
  static let code = FindingCode.folderBroadAccess

  static func findings(in context: EvaluationContext) -> [Finding] {
    context.inventory.grants.indices.compactMap { index in
      let grant = context.inventory.grants[index]
      guard let folder = grant.key.folder, FolderRole.isReading(grant.key.right.name) else { return nil }
      let who: String
      if context.trustee(at: index, is: .folderSpecial) {
        who =
          grant.key.trustee.lowercased() == "anonymous"
          ? "Anonymous (anyone the folder is published to, unauthenticated)"
          : "\(grant.key.trustee) (every user in the organisation)"
      } else if context.isBroad(index) {
        who = "\(grant.key.trustee) (a group or broad principal)"
      } else {
        return nil
      }
      let detail =
        RightName.normalised(grant.key.right.name) == "limiteddetails"
        ? ", which shows item subjects and locations," : ""
      return finding(
        about: grant, "\(who) holds \(grant.key.right)\(detail) on \(folder) of \(grant.key.mailbox)")
    }
  }
}
