/// The verdict on one EXT-08 requirement, with its population and exceptions.
public struct RequirementResult: Sendable, Hashable {
  public enum Status: String, Sendable, Hashable {
    case satisfied
    case notSatisfied = "not-satisfied"
    case notAssessed = "not-assessed"
  }

  public var requirement: Requirement
  public var status: Status
  /// Size of the population tested; nil when its export was not supplied.
  public var population: Int?
  /// Unwaived exceptions found in the population.
  public var exceptions: Int
  public var reason: String
  /// For not-assessed: each missing piece of evidence with the PowerShell that produces it.
  public var missingEvidence: [String]

  public init(
    requirement: Requirement, status: Status, population: Int?, exceptions: Int, reason: String,
    missingEvidence: [String] = []
  ) {
    self.requirement = requirement
    self.status = status
    self.population = population
    self.exceptions = exceptions
    self.reason = reason
    self.missingEvidence = missingEvidence
  }
}
