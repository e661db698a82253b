import AuditReport

extension VerifyReport {
  /// The machine summary (`--json`); add fields, never rename.
  var json: JSONValue {
    var members: [(String, JSONValue)] = [
      ("schemaVersion", .int(1)),
      ("pack", .string(pack)),
      (
        "tool", .object([("name", .string(manifest.tool.name)), ("version", .string(manifest.tool.version))])
      ),
      ("asOf", .string(manifest.asOf)),
      ("intact", .bool(integrity.isIntact)),
      ("changed", .array(integrity.changed.map(Self.json))),
      ("missing", .array(integrity.missing.map { .string($0) })),
      ("extra", .array(integrity.extra.map { .string($0) })),
      ("reproduced", reproduced.map { .bool($0) } ?? .null),
      (
        "inputsMissing",
        .array(
          (located?.missing ?? []).map { input in
            .object([
              ("role", .string(input.role)), ("path", .string(input.path)), ("sha256", .string(input.sha256)),
              ("size", .int(Int64(input.size))),
            ])
          })
      ),
      ("differing", .array((reproduction?.differing ?? []).map(Self.json))),
      ("identical", reproduction.map { .int(Int64($0.identical)) } ?? .null),
      ("notes", .array(notes.map { .string($0) })),
    ]
    if let failure { members.append(("error", .string(failure.message))) }
    return .object(members)
  }

  static func json(_ difference: FileDifference) -> JSONValue {
    .object([
      ("path", .string(difference.path)),
      ("sha256", difference.sha256.map { .string($0) } ?? .null),
      ("expectedSha256", difference.expectedSHA256.map { .string($0) } ?? .null),
      ("size", difference.size.map { .int(Int64($0)) } ?? .null),
      ("expectedSize", difference.expectedSize.map { .int(Int64($0)) } ?? .null),
      ("detail", difference.detail.map { .string($0) } ?? .null),
    ])
  }
}
