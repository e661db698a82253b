extension FrameworkCatalog {
  /// Checks the rules JSON decoding cannot express; throws the first broken one.
  ///
  /// - id is lowercase letters, digits and hyphens, and equals the file name without `.json`;
  /// - text fields that narratives print are not blank;
  /// - requirement ids are unique; a current requirement has at least one mapping, a moved or
  ///   removed one has none; `movedTo` is given exactly for moved requirements and names a
  ///   current requirement of the same catalog;
  /// - a requirement maps each part of EXT-08 at most once, and every rationale is non-blank;
  /// - every attribute key has a label in `attributeLabels`.
  func validate(file: String, expectedID: String) throws(FrameworkCatalogError) {
    func fail(_ path: String?, _ message: String) -> FrameworkCatalogError {
      FrameworkCatalogError(.invalidCatalog, file: file, path: path, message)
    }

    if !Self.isValidID(id) {
      throw fail("id", "catalog id \"\(id)\" must be lowercase letters, digits and hyphens")
    }
    if id != expectedID {
      throw fail("id", "catalog id \"\(id)\" does not match the file name (expected \"\(expectedID)\")")
    }
    let requiredText: [(String, String)] = [
      ("title", title), ("shortTitle", shortTitle), ("version", version),
      ("catalogVersion", catalogVersion), ("publisher", publisher), ("source", source),
      ("licence", licence), ("notCovered", notCovered),
    ]
    for (field, value) in requiredText where value.isBlank {
      throw fail(field, "\(field) must not be empty")
    }
    if requirements.isEmpty {
      throw fail("requirements", "a catalog needs at least one requirement")
    }

    var seen = Set<String>()
    for (index, requirement) in requirements.enumerated() where !seen.insert(requirement.id).inserted {
      throw fail(Self.path(index, requirement.id), "duplicate requirement id \"\(requirement.id)\"")
    }
    let currentIDs = Set(requirements.filter { $0.status == .current }.map(\.id))

    for (index, requirement) in requirements.enumerated() {
      let path = Self.path(index, requirement.id)
      if requirement.id.isBlank { throw fail(path + ".id", "requirement id must not be empty") }
      if requirement.title.isBlank { throw fail(path + ".title", "requirement title must not be empty") }

      switch requirement.status {
      case .current:
        if requirement.mappings.isEmpty {
          throw fail(path + ".mappings", "a current requirement needs at least one mapping to EXT-08")
        }
        if requirement.movedTo != nil {
          throw fail(path + ".movedTo", "only a moved requirement may name movedTo")
        }
      case .moved, .removed:
        if !requirement.mappings.isEmpty {
          throw fail(
            path + ".mappings",
            "a \(requirement.status.rawValue) requirement carries no mappings (map its successor instead)")
        }
        if requirement.status == .removed, requirement.movedTo != nil {
          throw fail(path + ".movedTo", "a removed requirement has no successor; use status \"moved\"")
        }
        if requirement.status == .moved {
          guard let target = requirement.movedTo else {
            throw fail(path + ".movedTo", "a moved requirement must name movedTo")
          }
          if !currentIDs.contains(target) {
            throw fail(
              path + ".movedTo", "movedTo \"\(target)\" is not a current requirement of this catalog")
          }
        }
      }

      var mapped = Set<Control>()
      for (mappingIndex, mapping) in requirement.mappings.enumerated() {
        let mappingPath = "\(path).mappings[\(mappingIndex)]"
        if !mapped.insert(mapping.control).inserted {
          throw fail(mappingPath + ".control", "\(mapping.control.rawValue) is mapped twice")
        }
        if mapping.rationale.isBlank {
          throw fail(mappingPath + ".rationale", "rationale must not be empty")
        }
      }

      for key in requirement.attributes.keys.sorted() where attributeLabels[key] == nil {
        throw fail(path + ".attributes", "attribute \"\(key)\" has no label in attributeLabels")
      }
    }
  }

  /// Catalog ids: lowercase ASCII letters, digits and inner hyphens.
  static func isValidID(_ id: String) -> Bool {
    let bytes = Array(id.utf8)
    guard let first = bytes.first, let last = bytes.last, first != UInt8(ascii: "-"),
      last != UInt8(ascii: "-")
    else { return false }
    return bytes.allSatisfy { byte in
      (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
        || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
    }
  }

  static func path(_ index: Int, _ id: String) -> String {
    "requirements[\(index)] (\"\(id)\")"
  }
}

extension String {
  fileprivate var isBlank: Bool { allSatisfy(\.isWhitespace) }
}
