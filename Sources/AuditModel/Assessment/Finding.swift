/// One finding: a stable code, the requirement it bears on, and the evidence behind it.
public struct Finding: Sendable, Hashable, Comparable {
  /// `F-0001`, assigned after sorting so reruns give the same ids.
  public var id: String
  public var code: String
  /// `EXT-08.1` … `EXT-08.4`, `risk` or `input`.
  public var requirement: String
  public var severity: Severity
  public var mailbox: String?
  public var trustee: String?
  public var right: String?
  public var folder: String?
  public var waived: Bool
  public var waiverReason: String?
  public var message: String
  public var evidence: [SourceLocation]

  public init(
    id: String = "", code: String, requirement: String, severity: Severity, mailbox: String? = nil,
    trustee: String? = nil, right: String? = nil, folder: String? = nil, waived: Bool = false,
    waiverReason: String? = nil, message: String, evidence: [SourceLocation]
  ) {
    self.id = id
    self.code = code
    self.requirement = requirement
    self.severity = severity
    self.mailbox = mailbox
    self.trustee = trustee
    self.right = right
    self.folder = folder
    self.waived = waived
    self.waiverReason = waiverReason
    self.message = message
    self.evidence = evidence
  }

  /// Sorted by requirement, code, mailbox, trustee, right, folder, then first evidence.
  public static func < (lhs: Finding, rhs: Finding) -> Bool {
    (lhs.requirement, lhs.code, lhs.mailbox ?? "", lhs.trustee ?? "", lhs.right ?? "", lhs.folder ?? "")
      < (rhs.requirement, rhs.code, rhs.mailbox ?? "", rhs.trustee ?? "", rhs.right ?? "", rhs.folder ?? "")
      || ((lhs.requirement, lhs.code, lhs.mailbox ?? "", lhs.trustee ?? "", lhs.right ?? "", lhs.folder ?? "")
        == (
          rhs.requirement, rhs.code, rhs.mailbox ?? "", rhs.trustee ?? "", rhs.right ?? "", rhs.folder ?? ""
        )
        && (lhs.evidence.first.map { [$0] } ?? []).lexicographicallyPrecedes(
          rhs.evidence.first.map { [$0] } ?? []))
  }
}
