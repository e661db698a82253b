import AuditModel

/// FULLACCESS_WITH_SENDAS: one trustee holds both FullAccess and SendAs on one mailbox (full
/// impersonation); one finding per mailbox × trustee.
enum FullAccessWithSendAsRule: Rule {
  static let code = FindingCode.fullAccessWithSendAs

  static func findings(in context: EvaluationContext) -> [Finding] {
    context.grants(of: RightName.fullAccess).compactMap { index in
      var sendAsKey = context.grantKeys[index]
      sendAsKey.right = RightName.sendAs
      guard let sendAs = context.grant(sendAsKey) else { return nil }
      let fullAccess = context.inventory.grants[index]
      return finding(
        mailbox: fullAccess.key.mailbox, trustee: fullAccess.key.trustee, right: "FullAccess+SendAs",
        message: "\(fullAccess.key.trustee) holds FullAccess and SendAs on \(fullAccess.key.mailbox): "
          + "they can read the mailbox and send as its owner (full impersonation)",
        evidence: fullAccess.sources + sendAs.sources)
    }
  }
}
