import AuditModel

/// Bounds on one record, far above anything a genuine export holds, so that a corrupt or hostile
/// file cannot make one value or one row cost every later stage (and every file of the pack)
/// without limit. A record beyond them is rejected with a located error; the file's other
/// records are read as usual.
public enum RecordLimits {
  /// Fields in one record (Get-Mailbox with every property gives about 270 columns).
  public static let maximumFields = 10_000
  /// UTF-8 bytes of one value or field name (an audit-log AuditData cell is a few KiB).
  public static let maximumValueBytes = 1 << 20

  /// Why a record breaks a limit, as a diagnostic message; nil when it keeps within them.
  static func violation(_ record: Record) -> String? {
    if record.fields.count > maximumFields {
      return "the record has \(record.fields.count) fields; no export has more than \(maximumFields)"
    }
    for field in record.fields {
      if field.name.utf8.count > maximumValueBytes {
        return "a column name is \(field.name.utf8.count) bytes long; no export has names over 1 MiB"
      }
      let length = longestText(field.value)
      if length > maximumValueBytes {
        return "the value of column \(shown(field.name)) is \(length) bytes long; "
          + "no export value is longer than 1 MiB"
      }
    }
    return nil
  }

  /// The longest string or name inside a value, in UTF-8 bytes.
  static func longestText(_ value: FieldValue) -> Int {
    switch value {
    case .null, .bool: 0
    case .string(let text), .number(let text): text.utf8.count
    case .enumeration(let name, _): name.utf8.count
    case .list(let items): items.reduce(0) { max($0, longestText($1)) }
    case .object(let fields):
      fields.reduce(0) { max($0, $1.name.utf8.count, longestText($1.value)) }
    }
  }

  /// A name short enough for a message.
  static func shown(_ name: String) -> String {
    name.unicodeScalars.count <= 64
      ? name : String(String.UnicodeScalarView(name.unicodeScalars.prefix(64))) + "…"
  }
}
