import AuditModel

/// Turns an AccessRights value in any of its exported forms into rights (FORMATS.md §10.6).
public enum AccessRightsParser {
  /// Which enum an integer belongs to: MailboxRights flags or RecipientAccessRight (SendAs = 1).
  public enum IntegerMeaning: Sendable {
    case mailboxRights
    case recipientAccessRight
  }

  public enum Outcome: Sendable, Hashable {
    case rights([Right])
    /// The cell held a .NET type name: the export lost the values.
    case lossy(typeName: String)
  }

  /// Parses a value: names, joined strings, `{…}` table text, integers, flags, lists of any of these.
  public static func parse(_ value: FieldValue, integers: IntegerMeaning) -> Outcome {
    var rights: [Right] = []
    for item in value.items {
      switch item {
      case .null:
        continue
      case .bool:
        continue
      case .number(let text):
        guard let number = Int64(text) else { continue }
        rights += decode(number, integers)
      case .enumeration(let name, let number):
        if !name.isEmpty {
          if case .lossy(let typeName) = parseText(name, integers, into: &rights) {
            return .lossy(typeName: typeName)
          }
        } else if let number {
          rights += decode(number, integers)
        }
      case .string(let text):
        if case .lossy(let typeName) = parseText(text, integers, into: &rights) {
          return .lossy(typeName: typeName)
        }
      case .list, .object:
        if let text = item.text,
          case .lossy(let typeName) = parseText(text, integers, into: &rights)
        {
          return .lossy(typeName: typeName)
        }
      }
    }
    var seen = Set<Right>()
    return .rights(rights.filter { seen.insert($0).inserted })
  }

  private static func parseText(
    _ text: String, _ integers: IntegerMeaning, into rights: inout [Right]
  ) -> Outcome? {
    var body = Substring(text).trimmingSpaces()
    if body.isEmpty { return nil }
    if let typeName = TypeNameCell.typeName(in: String(body)) { return .lossy(typeName: typeName) }
    if body.hasPrefix("{") { body = body.dropFirst() }
    if body.hasSuffix("}") { body = body.dropLast() }
    for token in body.split(whereSeparator: isSeparator) {
      let name = token.trimmingSpaces()
      if name.isEmpty || name == "..." || name == "…" { continue }
      if let number = Int64(name) {
        rights += decode(number, integers)
      } else {
        rights.append(canonical(String(name)))
      }
    }
    return nil
  }

  /// Separators between right names: `,` (flags ToString, `-join ','`), `;`, `|` (Hawk), and white
  /// space, which joins an array that ConvertTo-Json met beyond `-Depth` (FORMATS.md §10.8). No
  /// right or role name holds a space.
  static func isSeparator(_ character: Character) -> Bool {
    character == "," || character == ";" || character == "|" || character == " " || character == "\t"
  }

  /// The canonical spelling of a right name (case-insensitive match against known names).
  public static func canonical(_ name: String) -> Right {
    let lower = name.lowercased()
    for (right, _) in Right.mailboxRightFlags where right.name.lowercased() == lower { return right }
    if lower == "sendonbehalf" { return .sendOnBehalf }
    if lower == "send-as" { return .sendAs }
    for role in Right.folderRoles where role.lowercased() == lower { return Right(role) }
    return Right(name)
  }

  static func decode(_ number: Int64, _ integers: IntegerMeaning) -> [Right] {
    switch integers {
    case .recipientAccessRight:
      return number == 1 ? [.sendAs] : [Right(String(number))]
    case .mailboxRights:
      var rights: [Right] = []
      var remaining = number
      for (right, bit) in Right.mailboxRightFlags where number & bit != 0 {
        rights.append(right)
        remaining &= ~bit
      }
      if remaining != 0 { rights.append(Right(String(remaining))) }
      return rights
    }
  }
}
