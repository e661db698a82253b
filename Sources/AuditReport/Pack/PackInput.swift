import AuditModel

/// An input file as the manifest records it.
public struct PackInput: Sendable, Hashable, Comparable {
  /// `exports`, `register`, `baseline`, `policy`.
  public var role: String
  public var path: String
  public var sha256: String
  public var size: Int
  public var kind: String?
  public var serialisation: String
  public var encoding: String
  public var ledger: FileLedger?

  public init(
    role: String, path: String, sha256: String, size: Int, kind: String?, serialisation: String,
    encoding: String, ledger: FileLedger?
  ) {
    self.role = role
    self.path = path
    self.sha256 = sha256
    self.size = size
    self.kind = kind
    self.serialisation = serialisation
    self.encoding = encoding
    self.ledger = ledger
  }

  public static func < (lhs: PackInput, rhs: PackInput) -> Bool {
    (lhs.role, lhs.path, lhs.sha256) < (rhs.role, rhs.path, rhs.sha256)
  }
}

/// What a run was asked to do, recorded in the manifest so a verifier can re-perform it.
public struct RunSettings: Sendable, Hashable {
  public var toolVersion: String
  public var asOf: Int64
  public var organisation: String?
  /// Options in the order given, without paths to inputs.
  public var options: [(String, String)]

  public init(toolVersion: String, asOf: Int64, organisation: String?, options: [(String, String)]) {
    self.toolVersion = toolVersion
    self.asOf = asOf
    self.organisation = organisation
    self.options = options
  }

  public static func == (lhs: RunSettings, rhs: RunSettings) -> Bool {
    lhs.toolVersion == rhs.toolVersion && lhs.asOf == rhs.asOf && lhs.organisation == rhs.organisation
      && lhs.options.map { $0.0 + "=" + $0.1 } == rhs.options.map { $0.0 + "=" + $0.1 }
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(toolVersion)
    hasher.combine(asOf)
  }
}
