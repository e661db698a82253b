#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Loads the framework catalogs bundled under `Templates/frameworks/`, with user overrides.
///
/// Catalog files are keyed like every other template, by their path relative to the templates
/// folder: `frameworks/<id>.json`. An override with the same key replaces the bundled file; an
/// override with a new name adds a catalog. Keys outside `frameworks/` or not ending in `.json`
/// are ignored, so the whole `--templates` folder can be passed as overrides.
public enum FrameworkCatalogs {
  /// Folder of the catalog files inside the templates folder.
  public static let folder = "frameworks"

  /// Frameworks a run narrates when `--frameworks` is not given.
  public static let defaultSelection = ["soc2", "iso27001", "cis-m365"]

  /// Every catalog, bundled and overridden, sorted by id.
  ///
  /// Throws ``FrameworkCatalogError`` naming the first file (in name order) that cannot be used.
  public static func all(overrides: [String: [UInt8]] = [:]) throws -> [FrameworkCatalog] {
    let overrideFiles = catalogFiles(in: overrides)
    if overrideFiles.isEmpty { return try bundled.get() }
    let files = catalogFiles(in: BundledTemplates.files).merging(overrideFiles) { _, override in override }
    return try decodeAll(files)
  }

  /// The catalog with this id (case-insensitive), or nil when there is none.
  ///
  /// Only that catalog's file is read, so a broken unrelated override does not hide it.
  public static func catalog(id: String, overrides: [String: [UInt8]] = [:]) throws -> FrameworkCatalog? {
    let id = id.lowercased()
    guard FrameworkCatalog.isValidID(id) else { return nil }
    let key = fileKey(for: id)
    if let bytes = catalogFiles(in: overrides)[key] { return try decode(bytes, file: key) }
    guard let bytes = BundledTemplates.files[key] else { return nil }
    if case .success(let catalogs) = bundled { return catalogs.first { $0.id == id } }
    return try decode(bytes, file: key)
  }

  /// Ids of the bundled catalogs, sorted; taken from the file names, so nothing is decoded.
  public static var bundledIDs: [String] {
    catalogFiles(in: BundledTemplates.files).keys.map(catalogID(forFileKey:)).sorted()
  }

  /// The key of a catalog file in `BundledTemplates.files` and in overrides: `frameworks/<id>.json`.
  public static func fileKey(for id: String) -> String {
    "\(folder)/\(id).json"
  }

  /// Decodes and validates one catalog file; `file` is its key (`frameworks/soc2.json`).
  public static func decode(_ bytes: [UInt8], file: String) throws(FrameworkCatalogError) -> FrameworkCatalog
  {
    let data = Data(bytes)
    let decoder = JSONDecoder()

    let header: SchemaHeader
    do {
      header = try decoder.decode(SchemaHeader.self, from: data)
    } catch {
      throw catalogError(from: error, file: file, bytes: bytes, data: data)
    }
    if let schemaVersion = header.schemaVersion {
      if schemaVersion > FrameworkCatalog.supportedSchemaVersion {
        throw FrameworkCatalogError(
          .unsupportedSchemaVersion, file: file, path: "schemaVersion",
          "catalog format \(schemaVersion) is newer than this build reads "
            + "(\(FrameworkCatalog.supportedSchemaVersion)); use a newer delegation-audit")
      }
      if schemaVersion < 1 {
        throw FrameworkCatalogError(
          .invalidField, file: file, path: "schemaVersion", "schemaVersion must be 1 or more")
      }
    }

    let catalog: FrameworkCatalog
    do {
      catalog = try decoder.decode(FrameworkCatalog.self, from: data)
    } catch {
      throw catalogError(from: error, file: file, bytes: bytes, data: data)
    }
    try catalog.validate(file: file, expectedID: catalogID(forFileKey: file))
    return catalog
  }

  // MARK: - Internals

  /// Bundled catalogs, decoded once per process.
  private static let bundled: Result<[FrameworkCatalog], FrameworkCatalogError> = Result {
    () throws(FrameworkCatalogError) in try decodeAll(catalogFiles(in: BundledTemplates.files))
  }

  /// The entries of a template dictionary that are catalog files.
  static func catalogFiles(in files: [String: [UInt8]]) -> [String: [UInt8]] {
    files.filter { key, _ in
      guard key.hasPrefix(folder + "/"), key.hasSuffix(".json") else { return false }
      let name = key.dropFirst(folder.count + 1)
      return !name.contains("/") && name.count > ".json".count
    }
  }

  /// `frameworks/soc2.json` → `soc2`.
  static func catalogID(forFileKey key: String) -> String {
    var name = Substring(key)
    if let slash = name.lastIndex(of: "/") { name = name[name.index(after: slash)...] }
    if name.hasSuffix(".json") { name = name.dropLast(".json".count) }
    return String(name)
  }

  private static func decodeAll(_ files: [String: [UInt8]]) throws(FrameworkCatalogError)
    -> [FrameworkCatalog]
  {
    var catalogs: [FrameworkCatalog] = []
    for key in files.keys.sorted() {
      catalogs.append(try decode(files[key]!, file: key))
    }
    return catalogs.sorted { $0.id < $1.id }
  }

  /// Just enough of a catalog to check its format version before the strict decode.
  private struct SchemaHeader: Decodable {
    var schemaVersion: Int?
  }

  /// Requirement ids by position, to name requirements in error paths; nil when unreadable.
  private struct RequirementIDs: Decodable {
    var requirements: [Entry]?
    struct Entry: Decodable { var id: String? }
  }

  private static func catalogError(
    from error: any Error, file: String, bytes: [UInt8], data: Data
  ) -> FrameworkCatalogError {
    if String(validating: bytes, as: UTF8.self) == nil {
      return FrameworkCatalogError(.invalidJSON, file: file, "not valid JSON: the file is not UTF-8 text")
    }
    if let problem = CatalogJSONSyntax.firstProblem(in: bytes) {
      return FrameworkCatalogError(
        .invalidJSON, file: file, line: problem.line, column: problem.column,
        "not valid JSON: \(problem.message)")
    }
    guard let decodingError = error as? DecodingError else {
      return FrameworkCatalogError(
        .invalidJSON, file: file, "not valid JSON: \(sentence(String(describing: error)))")
    }
    let ids = (try? JSONDecoder().decode(RequirementIDs.self, from: data))?.requirements?.map(\.id)
    func path(_ codingPath: [any CodingKey]) -> String? {
      codingPath.isEmpty ? nil : render(codingPath, requirementIDs: ids)
    }

    switch decodingError {
    case .dataCorrupted(let context) where context.codingPath.isEmpty:
      let detail = context.underlyingError.map { String(describing: $0) } ?? context.debugDescription
      return FrameworkCatalogError(.invalidJSON, file: file, "not valid JSON: \(sentence(detail))")
    case .dataCorrupted(let context):
      return FrameworkCatalogError(
        .invalidField, file: file, path: path(context.codingPath), sentence(context.debugDescription))
    case .keyNotFound(let key, let context):
      return FrameworkCatalogError(
        .invalidField, file: file, path: path(context.codingPath),
        "missing required field \"\(key.stringValue)\"")
    case .typeMismatch(let type, let context):
      // Foundation says "Expected to decode Dictionary<String, Any> but found an array instead".
      var found = ""
      if let range = context.debugDescription.firstRange(of: " but found ") {
        found = " " + sentence(String(context.debugDescription[range.lowerBound...].dropFirst()))
      }
      return FrameworkCatalogError(
        .invalidField, file: file, path: path(context.codingPath), "expected \(jsonKind(type))\(found)")
    case .valueNotFound(let type, let context):
      return FrameworkCatalogError(
        .invalidField, file: file, path: path(context.codingPath), "expected \(jsonKind(type)), found null")
    @unknown default:
      return FrameworkCatalogError(.invalidField, file: file, sentence(String(describing: decodingError)))
    }
  }

  /// `requirements[2] ("CC6.3").mappings[0].relationship`.
  private static func render(_ codingPath: [any CodingKey], requirementIDs: [String?]?) -> String {
    var text = ""
    for (position, key) in codingPath.enumerated() {
      if let index = key.intValue {
        text += "[\(index)]"
        if position == 1, codingPath[0].stringValue == "requirements", let ids = requirementIDs,
          index < ids.count, let id = ids[index]
        {
          text += " (\"\(id)\")"
        }
      } else {
        text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
      }
    }
    return text
  }

  /// How a JSON reader would name the value a Swift type decodes from.
  private static func jsonKind(_ type: Any.Type) -> String {
    switch type {
    case is String.Type: return "a string"
    case is Int.Type: return "an integer"
    case is Bool.Type: return "true or false"
    case is Double.Type: return "a number"
    default:
      let name = String(describing: type)
      if name.hasPrefix("Array") || name.hasPrefix("[") && !name.contains(":") { return "an array" }
      if name.hasPrefix("Dictionary") || name.contains(":") { return "an object" }
      return name
    }
  }

  /// House style for messages: lowercase first letter, no trailing period.
  private static func sentence(_ text: String) -> String {
    var text = String(text.drop { $0.isWhitespace })
    while let last = text.last, last.isWhitespace || last == "." { text.removeLast() }
    guard let first = text.first, first.isUppercase,
      text.dropFirst().first.map({ !$0.isUppercase }) ?? true
    else { return text }
    return first.lowercased() + text.dropFirst()
  }
}
