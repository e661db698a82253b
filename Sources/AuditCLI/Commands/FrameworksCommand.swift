import AuditReport

/// `delegation-audit frameworks [ID]`: the bundled framework catalogs, or one catalog's mappings.
struct FrameworksCommand {
  var arguments: ParsedArguments
  var console: Console

  func execute() -> ExitCode {
    let catalogs: [FrameworkCatalog]
    do {
      catalogs = try FrameworkCatalogs.all()
    } catch {
      console.err("error: \(error)")
      return .internalError
    }
    guard let id = arguments.positionals.first else {
      if arguments.has("json") {
        console.out(
          JSONValue.array(
            catalogs.map {
              .object([
                ("id", .string($0.id)), ("title", .string($0.title)), ("version", .string($0.version)),
                ("catalogVersion", .string($0.catalogVersion)),
                ("default", .bool(FrameworkCatalogs.defaultSelection.contains($0.id))),
              ])
            }
          ).serialised())
        return .packWritten
      }
      let width = (catalogs.map(\.id.count).max() ?? 0) + 2
      var lines = ["Framework catalogs (catalog version \(catalogs.first?.catalogVersion ?? "?")):", ""]
      for catalog in catalogs {
        let marker = FrameworkCatalogs.defaultSelection.contains(catalog.id) ? " (default)" : ""
        lines.append(
          "  " + catalog.id + String(repeating: " ", count: width - catalog.id.count) + catalog.title + ", "
            + catalog.version + marker)
      }
      lines.append("")
      lines.append("Show one with 'delegation-audit frameworks ID'; select with 'run --frameworks ID,ID'.")
      console.out(lines.joined(separator: "\n"))
      return .packWritten
    }
    guard let catalog = catalogs.first(where: { $0.id == id.lowercased() }) else {
      let suggestion = FrameworkCatalogs.nearestID(to: id)
      console.err(
        UsageError(
          message: "unknown framework id '\(id)'",
          hint: suggestion.map { "did you mean '\($0)'?" }
            ?? "known ids: \(catalogs.map(\.id).joined(separator: ", "))"
        ).description)
      return .usage
    }
    console.out(arguments.has("json") ? json(catalog).serialised() : describe(catalog))
    return .packWritten
  }

  /// One catalog's current requirements and their mappings to EXT-08 (`frameworks ID --json`).
  func json(_ catalog: FrameworkCatalog) -> JSONValue {
    .object([
      ("schemaVersion", .int(1)),
      ("id", .string(catalog.id)),
      ("title", .string(catalog.title)),
      ("version", .string(catalog.version)),
      ("catalogVersion", .string(catalog.catalogVersion)),
      ("source", .string(catalog.source)),
      (
        "requirements",
        .array(
          catalog.requirements.filter { $0.status == .current }.map { requirement in
            .object([
              ("id", .string(requirement.id)),
              ("title", .string(requirement.title)),
              (
                "mappings",
                .array(
                  requirement.mappings.map {
                    .object([
                      ("control", .string($0.control.rawValue)),
                      ("relationship", .string($0.relationship.rawValue)),
                      ("strength", .string($0.strength.rawValue)),
                      ("rationale", .string($0.rationale)),
                    ])
                  })
              ),
            ])
          })
      ),
      ("notCovered", .string(catalog.notCovered)),
    ])
  }

  func describe(_ catalog: FrameworkCatalog) -> String {
    var lines = [
      "\(catalog.title) (\(catalog.id))",
      "version: \(catalog.version)",
      "catalog version: \(catalog.catalogVersion)",
      "source: \(catalog.source)",
      "",
      "Requirements mapped to EXT-08:",
    ]
    for requirement in catalog.requirements where requirement.status == .current {
      lines.append("  \(requirement.id)  \(requirement.title)")
      for mapping in requirement.mappings {
        lines.append(
          "      → \(mapping.control.rawValue) \(mapping.relationship.rawValue), \(mapping.strength.rawValue): "
            + mapping.rationale)
      }
    }
    lines.append("")
    lines.append("Not covered: \(catalog.notCovered)")
    return lines.joined(separator: "\n")
  }
}
