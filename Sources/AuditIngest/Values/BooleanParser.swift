/// Reads a boolean in any exported form: `True`/`False`, `true`/`false`, `"True"`, `1`/`0`, `$true`.
public enum BooleanParser {
  public static func parse(_ value: FieldValue?) -> Bool? {
    guard let value else { return nil }
    switch value {
    case .bool(let b): return b
    case .number(let n): return n == "0" ? false : (n == "1" ? true : nil)
    case .string(let s): return parse(text: s)
    case .enumeration(let name, _): return parse(text: name)
    case .list(let items): return items.count == 1 ? parse(items[0]) : nil
    case .null, .object: return nil
    }
  }

  public static func parse(text: String) -> Bool? {
    // Export-Csv writes `True` / `False`; JSON writes `true` / `false`: answer those without copying.
    switch text {
    case "True", "true": return true
    case "False", "false": return false
    default: break
    }
    return switch Substring(text).trimmingSpaces().lowercased() {
    case "true", "$true", "1", "yes": true
    case "false", "$false", "0", "no": false
    default: nil
    }
  }
}
