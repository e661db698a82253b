/// Recognises cells that hold a .NET type name instead of values (a lossy export, FORMATS.md §2.2).
public enum TypeNameCell {
  /// The type name when the text is one (`System.Collections.ArrayList`, `System.Object[]`,
  /// `` System.Collections.Generic.List`1[…] ``, `…MultiValuedProperty`1[…]`, `@{Name=…}`), else nil.
  public static func typeName(in text: String) -> String? {
    let trimmed = Substring(text).trimmingSpaces()
    // Every type name starts with `@`, `S`(ystem), `M`(icrosoft) or `D`(eserialized).
    switch trimmed.utf8.first {
    case UInt8(ascii: "@"), UInt8(ascii: "S"), UInt8(ascii: "M"), UInt8(ascii: "D"): break
    default: return nil
    }
    if trimmed.hasPrefix("@{") && trimmed.hasSuffix("}") { return String(trimmed) }
    let body = trimmed.hasPrefix("Deserialized.") ? trimmed.dropFirst("Deserialized.".count) : trimmed
    guard body.hasPrefix("System.") || body.hasPrefix("Microsoft.") else { return nil }
    // Identities never look like dotted .NET names without spaces or `@`.
    if body.contains(" ") && !body.contains("[") { return nil }
    if body.contains("@") || body.contains("\\") || body.contains("/") { return nil }
    return String(trimmed)
  }
}
