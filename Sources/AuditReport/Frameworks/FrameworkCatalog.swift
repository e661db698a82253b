/// One compliance framework's requirements and how each maps to the parts of control EXT-08.
///
/// Decoded from `Templates/frameworks/<id>.json`. Titles, rationales and expectations are our own
/// paraphrases; a catalog never carries the framework owner's licensed prose. Decoding is strict:
/// an unknown field or keyword is an error naming the file (keys starting with `$` are ignored, so
/// a catalog may carry `$comment`).
public struct FrameworkCatalog: Codable, Sendable, Hashable {
  /// The catalog file format this build reads.
  public static let supportedSchemaVersion = 1

  /// Catalog file format version (not the framework's version).
  public var schemaVersion: Int
  /// Stable key, equal to the file name without `.json` (`soc2`, `cis-m365`).
  public var id: String
  /// Full name of the framework.
  public var title: String
  /// Short name for headings and tables (`SOC 2`); the title when the file gives none.
  public var shortTitle: String
  /// Framework edition the requirement ids belong to.
  public var version: String
  /// Version of our own catalog content, shown in the manifest (`2026.12`).
  public var catalogVersion: String
  /// Who owns the framework.
  public var publisher: String
  /// Where the ids came from and when they were checked.
  public var source: String
  /// Licence of the framework text and what the catalog therefore holds.
  public var licence: String
  /// When the framework applies to mailboxes at all (PCI DSS: only in CDE scope), if limited.
  public var applicability: String?
  /// Who made the EXT-08 mappings.
  public var mappingSource: MappingSource
  /// What the framework does not address, for the narrative's limitations section.
  public var notCovered: String
  /// Further facts about the framework edition, renumbering or caveats.
  public var notes: [String]
  /// Display label for every key used in the requirements' `attributes`.
  public var attributeLabels: [String: String]
  /// Requirements in the order the framework lists them.
  public var requirements: [Requirement]

  enum CodingKeys: String, CodingKey, CaseIterable {
    case schemaVersion, id, title, shortTitle, version, catalogVersion, publisher, source, licence
    case applicability, mappingSource, notCovered, notes, attributeLabels, requirements
  }

  public init(
    schemaVersion: Int = FrameworkCatalog.supportedSchemaVersion, id: String, title: String,
    shortTitle: String? = nil, version: String, catalogVersion: String, publisher: String,
    source: String, licence: String, applicability: String? = nil,
    mappingSource: MappingSource = .analyst, notCovered: String, notes: [String] = [],
    attributeLabels: [String: String] = [:], requirements: [Requirement]
  ) {
    self.schemaVersion = schemaVersion
    self.id = id
    self.title = title
    self.shortTitle = shortTitle ?? title
    self.version = version
    self.catalogVersion = catalogVersion
    self.publisher = publisher
    self.source = source
    self.licence = licence
    self.applicability = applicability
    self.mappingSource = mappingSource
    self.notCovered = notCovered
    self.notes = notes
    self.attributeLabels = attributeLabels
    self.requirements = requirements
  }

  /// A part of control EXT-08 that a framework requirement maps to.
  public enum Control: String, Codable, Sendable, Hashable, CaseIterable, Comparable {
    case sendAsDocumented = "EXT-08.1"
    case sendOnBehalfTracked = "EXT-08.2"
    case fullAccessReviewed = "EXT-08.3"
    case changesMonitored = "EXT-08.4"

    public static func < (lhs: Control, rhs: Control) -> Bool { lhs.rawValue < rhs.rawValue }
  }

  /// Who made a catalog's mappings.
  public enum MappingSource: String, Codable, Sendable, Hashable, CaseIterable {
    /// Our own judgement, not the framework owner's.
    case analyst
    /// The framework owner publishes the link.
    case frameworkOwner = "framework-owner"
    /// A third party publishes the link.
    case thirdParty = "third-party"
  }

  /// One framework requirement (criterion, control, safeguard, subcategory, policy).
  public struct Requirement: Codable, Sendable, Hashable {
    /// The framework's own identifier, verbatim (`CC6.3`, `A.5.18`, `AC-6(7)`, `MS.EXO.13.1v1`).
    public var id: String
    /// Our own paraphrased short title; never the owner's text.
    public var title: String
    /// The owner's short name where it is an identifier or public domain (ISO control names, NIST titles).
    public var name: String?
    /// OSCAL control id where a public OSCAL catalog exists (`ac-6.7`).
    public var oscalID: String?
    /// CIS Global Recommendation ID (v7.0.0 and later), when known.
    public var grid: String?
    /// Whether the id is current or has moved or been removed in the framework.
    public var status: Status
    /// The current id a moved requirement now lives under (same catalog).
    public var movedTo: String?
    /// Ids this requirement had in earlier editions.
    public var previousIDs: [PreviousID]
    /// Framework-specific facts, keyed by the catalog's `attributeLabels` keys (profile, IG, …).
    public var attributes: [String: String]
    /// What an auditor or assessor typically asks for, in our words.
    public var auditorExpectation: String?
    /// A caveat about this requirement (baseline membership, renumbering, a known gap).
    public var note: String?
    /// Links to other frameworks published by third parties (ScubaGear, MITRE SAF tags).
    public var crossReferences: [CrossReference]
    /// How this requirement relates to the parts of EXT-08; empty for moved or removed ids.
    public var mappings: [Mapping]

    enum CodingKeys: String, CodingKey, CaseIterable {
      case id, title, name, oscalID, grid, status, movedTo, previousIDs, attributes
      case auditorExpectation, note, crossReferences, mappings
    }

    public init(
      id: String, title: String, name: String? = nil, oscalID: String? = nil, grid: String? = nil,
      status: Status = .current, movedTo: String? = nil, previousIDs: [PreviousID] = [],
      attributes: [String: String] = [:], auditorExpectation: String? = nil, note: String? = nil,
      crossReferences: [CrossReference] = [], mappings: [Mapping]
    ) {
      self.id = id
      self.title = title
      self.name = name
      self.oscalID = oscalID
      self.grid = grid
      self.status = status
      self.movedTo = movedTo
      self.previousIDs = previousIDs
      self.attributes = attributes
      self.auditorExpectation = auditorExpectation
      self.note = note
      self.crossReferences = crossReferences
      self.mappings = mappings
    }

    /// Lifecycle of a requirement id within its framework.
    public enum Status: String, Codable, Sendable, Hashable, CaseIterable {
      case current
      /// Renumbered or moved; see `movedTo`.
      case moved
      /// Withdrawn without a successor.
      case removed
    }

    /// An id the requirement had in earlier editions of the framework.
    public struct PreviousID: Codable, Sendable, Hashable {
      public var id: String
      /// Which editions used it (`v3.0.0, v3.1.0, v4.0.0`).
      public var versions: String

      enum CodingKeys: String, CodingKey, CaseIterable {
        case id, versions
      }

      public init(id: String, versions: String) {
        self.id = id
        self.versions = versions
      }
    }

    /// Ids in another framework that a third party links to this requirement.
    public struct CrossReference: Codable, Sendable, Hashable {
      /// A catalog id (`nist-800-53`) or another scheme (`mitre-attack`).
      public var framework: String
      public var ids: [String]
      /// Who published the link.
      public var source: String

      enum CodingKeys: String, CodingKey, CaseIterable {
        case framework, ids, source
      }

      public init(framework: String, ids: [String], source: String) {
        self.framework = framework
        self.ids = ids
        self.source = source
      }
    }
  }

  /// How one framework requirement relates to one part of EXT-08.
  public struct Mapping: Codable, Sendable, Hashable {
    public var control: Control
    public var relationship: Relationship
    public var strength: Strength
    /// Our one-sentence reason, used in the narrative.
    public var rationale: String

    enum CodingKeys: String, CodingKey, CaseIterable {
      case control, relationship, strength, rationale
    }

    public init(control: Control, relationship: Relationship, strength: Strength, rationale: String) {
      self.control = control
      self.relationship = relationship
      self.strength = strength
      self.rationale = rationale
    }

    /// How much of the requirement the EXT-08 part addresses.
    ///
    /// Convention of the bundled catalogs: primary evidence is `supports` with strength `strong`
    /// (`moderate` for an enhancement or sub-requirement listed together with its base, such as
    /// SI-4(5) or PCI DSS 10.4.2); direct supporting evidence is `partially-supports`/`moderate`;
    /// tangential or conditional links are `related`/`weak`. `equivalent` is unused so far.
    public enum Relationship: String, Codable, Sendable, Hashable, CaseIterable {
      /// The EXT-08 part and the requirement ask for the same thing.
      case equivalent
      /// The EXT-08 part is primary evidence for the requirement.
      case supports
      /// The EXT-08 part is part of the evidence; more is needed.
      case partiallySupports = "partially-supports"
      /// Relevant context only, or relevant only under a stated condition.
      case related
    }

    /// How strongly an auditor can rely on the EXT-08 evidence for the requirement.
    public enum Strength: String, Codable, Sendable, Hashable, CaseIterable, Comparable {
      case strong, moderate, weak

      private var rank: Int {
        switch self {
        case .strong: 0
        case .moderate: 1
        case .weak: 2
        }
      }

      /// Stronger sorts first.
      public static func < (lhs: Strength, rhs: Strength) -> Bool { lhs.rank < rhs.rank }
    }
  }
}

extension FrameworkCatalog {
  /// The requirement with this exact id, current or not.
  public func requirement(id: String) -> Requirement? {
    requirements.first { $0.id == id }
  }

  /// The current requirement an id refers to: itself, where it moved to, or the requirement that
  /// lists it among its previous ids (for matching results of older tool or benchmark versions).
  public func currentRequirement(for id: String) -> Requirement? {
    if let found = requirement(id: id) {
      if found.status == .current { return found }
      if let target = found.movedTo { return requirement(id: target) }
      return nil
    }
    return requirements.first { $0.status == .current && $0.previousIDs.contains { $0.id == id } }
  }

  /// Current requirements that map to a part of EXT-08, in catalog order.
  public func requirements(for control: Control) -> [Requirement] {
    requirements.filter { requirement in
      requirement.status == .current && requirement.mappings.contains { $0.control == control }
    }
  }

  /// The parts of EXT-08 at least one requirement maps to.
  public var mappedControls: Set<Control> {
    Set(requirements.flatMap { $0.mappings.map(\.control) })
  }
}
