// Strict decoding of catalog files: unknown fields and unknown keywords are errors with a
// readable message, optional lists default to empty, and `$`-prefixed keys are comments.

extension FrameworkCatalog {
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self)
    let container = try decoder.container(keyedBy: CodingKeys.self)
    schemaVersion = try container.decode(Int.self, forKey: .schemaVersion)
    id = try container.decode(String.self, forKey: .id)
    title = try container.decode(String.self, forKey: .title)
    shortTitle = try container.decodeIfPresent(String.self, forKey: .shortTitle) ?? title
    version = try container.decode(String.self, forKey: .version)
    catalogVersion = try container.decode(String.self, forKey: .catalogVersion)
    publisher = try container.decode(String.self, forKey: .publisher)
    source = try container.decode(String.self, forKey: .source)
    licence = try container.decode(String.self, forKey: .licence)
    applicability = try container.decodeIfPresent(String.self, forKey: .applicability)
    mappingSource = try container.decodeIfPresent(MappingSource.self, forKey: .mappingSource) ?? .analyst
    notCovered = try container.decode(String.self, forKey: .notCovered)
    notes = try container.decodeIfPresent([String].self, forKey: .notes) ?? []
    attributeLabels = try container.decodeIfPresent([String: String].self, forKey: .attributeLabels) ?? [:]
    requirements = try container.decode([Requirement].self, forKey: .requirements)
  }
}

extension FrameworkCatalog.Requirement {
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self)
    let container = try decoder.container(keyedBy: CodingKeys.self)
    id = try container.decode(String.self, forKey: .id)
    title = try container.decode(String.self, forKey: .title)
    name = try container.decodeIfPresent(String.self, forKey: .name)
    oscalID = try container.decodeIfPresent(String.self, forKey: .oscalID)
    grid = try container.decodeIfPresent(String.self, forKey: .grid)
    status = try container.decodeIfPresent(Status.self, forKey: .status) ?? .current
    movedTo = try container.decodeIfPresent(String.self, forKey: .movedTo)
    previousIDs = try container.decodeIfPresent([PreviousID].self, forKey: .previousIDs) ?? []
    attributes = try container.decodeIfPresent([String: String].self, forKey: .attributes) ?? [:]
    auditorExpectation = try container.decodeIfPresent(String.self, forKey: .auditorExpectation)
    note = try container.decodeIfPresent(String.self, forKey: .note)
    crossReferences = try container.decodeIfPresent([CrossReference].self, forKey: .crossReferences) ?? []
    mappings = try container.decode([FrameworkCatalog.Mapping].self, forKey: .mappings)
  }
}

extension FrameworkCatalog.Requirement.PreviousID {
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self)
    let container = try decoder.container(keyedBy: CodingKeys.self)
    id = try container.decode(String.self, forKey: .id)
    versions = try container.decode(String.self, forKey: .versions)
  }
}

extension FrameworkCatalog.Requirement.CrossReference {
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self)
    let container = try decoder.container(keyedBy: CodingKeys.self)
    framework = try container.decode(String.self, forKey: .framework)
    ids = try container.decode([String].self, forKey: .ids)
    source = try container.decode(String.self, forKey: .source)
  }
}

extension FrameworkCatalog.Mapping {
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self)
    let container = try decoder.container(keyedBy: CodingKeys.self)
    control = try container.decode(FrameworkCatalog.Control.self, forKey: .control)
    relationship = try container.decode(Relationship.self, forKey: .relationship)
    strength = try container.decode(Strength.self, forKey: .strength)
    rationale = try container.decode(String.self, forKey: .rationale)
  }
}

extension FrameworkCatalog.Control {
  public init(from decoder: any Decoder) throws {
    self = try decodeKeyword(from: decoder, naming: "control")
  }
}

extension FrameworkCatalog.MappingSource {
  public init(from decoder: any Decoder) throws {
    self = try decodeKeyword(from: decoder, naming: "mapping source")
  }
}

extension FrameworkCatalog.Requirement.Status {
  public init(from decoder: any Decoder) throws {
    self = try decodeKeyword(from: decoder, naming: "status")
  }
}

extension FrameworkCatalog.Mapping.Relationship {
  public init(from decoder: any Decoder) throws {
    self = try decodeKeyword(from: decoder, naming: "relationship")
  }
}

extension FrameworkCatalog.Mapping.Strength {
  public init(from decoder: any Decoder) throws {
    self = try decodeKeyword(from: decoder, naming: "strength")
  }
}

/// Decodes a string keyword, or throws `unknown <what> "x" (expected one of a, b, c)`.
private func decodeKeyword<Keyword>(from decoder: any Decoder, naming what: String) throws -> Keyword
where Keyword: RawRepresentable & CaseIterable, Keyword.RawValue == String {
  let container = try decoder.singleValueContainer()
  let text = try container.decode(String.self)
  if let keyword = Keyword(rawValue: text) { return keyword }
  let expected = Keyword.allCases.map(\.rawValue).joined(separator: ", ")
  throw DecodingError.dataCorruptedError(
    in: container, debugDescription: "unknown \(what) \"\(text)\" (expected one of \(expected))")
}

/// A coding key for any field name, used to list the keys an object really has.
private struct AnyCodingKey: CodingKey {
  var stringValue: String
  var intValue: Int?

  init(stringValue: String) { self.stringValue = stringValue }
  init(intValue: Int) {
    self.stringValue = String(intValue)
    self.intValue = intValue
  }
}

extension Decoder {
  /// Throws for the first field (in name order) that `Keys` does not list; `$`-prefixed keys are comments.
  fileprivate func rejectUnknownKeys<Keys: CodingKey & CaseIterable>(_ keys: Keys.Type) throws {
    let container = try container(keyedBy: AnyCodingKey.self)
    let known = Set(Keys.allCases.map(\.stringValue))
    let unknown = container.allKeys
      .filter { !known.contains($0.stringValue) && !$0.stringValue.hasPrefix("$") }
      .sorted { $0.stringValue < $1.stringValue }
    if let first = unknown.first {
      let expected = Keys.allCases.map(\.stringValue).joined(separator: ", ")
      throw DecodingError.dataCorruptedError(
        forKey: first, in: container,
        debugDescription: "unknown field \"\(first.stringValue)\" (expected one of \(expected))")
    }
  }
}
