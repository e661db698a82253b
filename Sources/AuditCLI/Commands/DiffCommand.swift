import AuditModel
import AuditReport
import AuditRules
import Foundation

/// `delegation-audit diff OLD NEW`: grants added, removed and changed between two snapshots,
/// each a previous evidence pack or raw exports. Exits 0 whether or not they differ.
struct DiffCommand {
  var arguments: ParsedArguments
  var console: Console

  /// The differences between the two snapshots, by grant key.
  struct Differences {
    var added: [Grant]
    var removed: [Grant]
    var changed: [(old: Grant, new: Grant)]
  }

  func execute() -> ExitCode {
    var snapshots: [BaselineSnapshot] = []
    for path in arguments.positionals {
      switch BaselineLoader.load(path) {
      case .success(let snapshot): snapshots.append(snapshot)
      case .failure(let error):
        console.err(error.description)
        return .inputUnusable
      }
    }
    let (old, new) = (snapshots[0], snapshots[1])
    for snapshot in [old, new] { printDiagnostics(of: snapshot) }
    let differences = Self.compare(old: old, new: new)
    for note in Self.notes(old: old, new: new) { console.err(note) }
    if arguments.has("json") {
      console.out(json(differences, old: old, new: new).serialised())
    } else {
      console.out(text(differences, old: old, new: new))
    }
    return .packWritten
  }

  /// Aligns each side's identities (and unrecorded sharing flags) to the other's, then diffs.
  static func compare(old: BaselineSnapshot, new: BaselineSnapshot) -> Differences {
    var oldAligned = old.inventory
    oldAligned.grants = BaselineAlignment.grants(of: old, alignedTo: new.inventory)
    let newGrants = BaselineAlignment.grants(of: new, alignedTo: oldAligned)
    let diff = GrantDiff.diff(old: oldAligned.grants, new: newGrants)
    return Differences(added: diff.added, removed: diff.removed, changed: diff.changed)
  }

  /// Warnings and errors from reading an exports side, with file names made relative to the
  /// working folder (the two sides often hold files of the same name).
  func printDiagnostics(of snapshot: BaselineSnapshot) {
    var isDirectory: ObjCBool = false
    let isFolder =
      FileManager.default.fileExists(atPath: snapshot.path, isDirectory: &isDirectory)
      && isDirectory.boolValue
    let shown = snapshot.inventory.diagnostics.filter { $0.level != .note }.map { diagnostic in
      var copy = diagnostic
      if var location = copy.location {
        location.file = isFolder ? PackSnapshotReader.join(snapshot.path, location.file) : snapshot.path
        copy.location = location
      }
      return copy
    }
    DiagnosticPrinter.print(shown, to: console, quiet: false)
  }

  /// What the reader should know to trust the lists: an export only one side has, and sharing
  /// flags a pack did not record.
  static func notes(old: BaselineSnapshot, new: BaselineSnapshot) -> [String] {
    var notes: [String] = []
    let oldKinds = old.inventory.kindsPresent.intersection(BaselineLoader.grantKinds)
    let newKinds = new.inventory.kindsPresent.intersection(BaselineLoader.grantKinds)
    if !oldKinds.isEmpty && !newKinds.isEmpty {
      for kind in newKinds.subtracting(oldKinds).sorted() {
        notes.append("note: only NEW has a \(kind.rawValue) export; its grants are listed as added")
      }
      for kind in oldKinds.subtracting(newKinds).sorted() {
        notes.append("note: only OLD has a \(kind.rawValue) export; its grants are listed as removed")
      }
    }
    for (name, side, other) in [("OLD", old, new), ("NEW", new, old)]
    where !side.sharingFlagsKnown && other.sharingFlagsKnown
      && other.inventory.grants.contains(where: { !$0.sharingFlags.isEmpty })
    {
      notes.append(
        "note: \(name) is a pack that does not record folder sharing flags; flag changes against it are not shown"
      )
    }
    return notes
  }

  func text(_ differences: Differences, old: BaselineSnapshot, new: BaselineSnapshot) -> String {
    var lines = [
      "\(differences.added.count) added, \(differences.removed.count) removed, \(differences.changed.count) changed "
        + "(old: \(describe(old)); new: \(describe(new)))"
    ]
    lines.append("added:")
    lines += differences.added.isEmpty ? ["  (none)"] : differences.added.map { "  " + Self.line($0) }
    lines.append("removed:")
    lines += differences.removed.isEmpty ? ["  (none)"] : differences.removed.map { "  " + Self.line($0) }
    lines.append("changed:")
    lines +=
      differences.changed.isEmpty
      ? ["  (none)"] : differences.changed.map { "  " + Self.line($0.new) + "  (" + Self.change($0) + ")" }
    return lines.joined(separator: "\n")
  }

  func describe(_ snapshot: BaselineSnapshot) -> String {
    switch snapshot.source {
    case .pack: "\(snapshot.path), pack as of \(snapshot.asOf.map(DateParser.iso) ?? "unknown")"
    case .exports: "\(snapshot.path), exports"
    }
  }

  /// `mailbox  trustee  right[  folder]`.
  static func line(_ grant: Grant) -> String {
    [grant.key.mailbox, grant.key.trustee, grant.key.right.name, grant.key.folder].compactMap { $0 }
      .joined(separator: "  ")
  }

  /// `inherited false -> true; sharing flags Delegate -> none`.
  static func change(_ pair: (old: Grant, new: Grant)) -> String {
    var parts: [String] = []
    if pair.old.isInherited != pair.new.isInherited {
      parts.append("inherited \(pair.old.isInherited) -> \(pair.new.isInherited)")
    }
    func flags(_ grant: Grant) -> String {
      grant.sharingFlags.isEmpty ? "none" : grant.sharingFlags.joined(separator: ",")
    }
    if flags(pair.old) != flags(pair.new) {
      parts.append("sharing flags \(flags(pair.old)) -> \(flags(pair.new))")
    }
    return parts.joined(separator: "; ")
  }

  func json(_ differences: Differences, old: BaselineSnapshot, new: BaselineSnapshot) -> JSONValue {
    func side(_ snapshot: BaselineSnapshot) -> JSONValue {
      .object([
        ("asOf", snapshot.asOf.map { .string(DateParser.iso($0)) } ?? .null),
        ("source", .string(snapshot.source.rawValue)),
      ])
    }
    return .object([
      ("schemaVersion", .int(1)),
      ("old", side(old)),
      ("new", side(new)),
      ("added", .array(differences.added.map(GrantJSON.encode))),
      ("removed", .array(differences.removed.map(GrantJSON.encode))),
      (
        "changed",
        .array(
          differences.changed.map {
            .object([("old", GrantJSON.encode($0.old)), ("new", GrantJSON.encode($0.new))])
          })
      ),
    ])
  }
}
