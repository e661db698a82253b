import AuditModel

/// The register's verdict on one grant, computed once per grant: documentation for SendAs and
/// SendOnBehalf, review for FullAccess, nothing for other rights.
enum RegisterStatus: Sendable {
  case none
  case documentation(DocumentationStatus)
  case review(ReviewStatus)

  /// Every grant's status, index for index; empty without a register.
  static func all(grantKeys: [MatchKey], register: RegisterIndex?, asOf: Int64, reviewPeriodDays: Int)
    -> [RegisterStatus]
  {
    guard let register else { return [] }
    return grantKeys.map { key in
      switch key.right {
      case RightName.sendAs, RightName.sendOnBehalf:
        return .documentation(.of(register.rows(for: key), asOf: asOf))
      case RightName.fullAccess:
        return .review(
          .of(register.rows(for: key), trustee: key.trustee, asOf: asOf, reviewPeriodDays: reviewPeriodDays))
      default:
        return .none
      }
    }
  }
}

extension EvaluationContext {
  /// The documentation status of the grant at `index`; nil without a register or for other rights.
  func documentation(ofGrantAt index: Int) -> DocumentationStatus? {
    guard index < registerStatus.count, case .documentation(let status) = registerStatus[index] else {
      return nil
    }
    return status
  }

  /// The review status of the grant at `index`; nil without a register or for other rights.
  func review(ofGrantAt index: Int) -> ReviewStatus? {
    guard index < registerStatus.count, case .review(let status) = registerStatus[index] else { return nil }
    return status
  }
}
