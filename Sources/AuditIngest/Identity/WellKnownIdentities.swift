/// Facts about identities that need no directory: SIDs, SELF, system principals, system mailboxes.
public enum WellKnownIdentities {
  /// `S-1-…` security identifiers.
  public static func isSID(_ text: String) -> Bool {
    let t = text.utf8
    guard t.count > 4 else { return false }
    let p = Array(t.prefix(4))
    return (p[0] == 0x53 || p[0] == 0x73) && p[1] == 0x2D && p[2] == 0x31 && p[3] == 0x2D
  }

  /// `NT AUTHORITY\SELF` and its SID S-1-5-10: the mailbox owner's own entry.
  public static func isSelf(_ text: String) -> Bool {
    text.lowercasedEquals("nt authority\\self") || text.lowercasedEquals("s-1-5-10")
      || text.lowercasedEquals("self")
  }

  /// Principals whose inherited entries are platform defaults (FORMATS.md §2.1).
  public static func isSystemPrincipal(_ text: String) -> Bool {
    if let answer = text.withASCIIBytes({ isSystemPrincipalASCII($0) }) { return answer }
    let t = text.lowercased()
    if t.hasPrefix("nt authority\\") || t == "s-1-5-18" || t == "s-1-5-19" || t == "s-1-5-20" {
      return true
    }
    if t.contains("exchfullaccessadmin") { return true }
    let account = t.split(separator: "\\").last.map(String.init) ?? t
    return systemAccountNames.contains(account)
  }

  /// `isSystemPrincipal` for ASCII text, on its bytes.
  static func isSystemPrincipalASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    if ASCIIMatching.hasPrefix(bytes, "nt authority\\") || ASCIIMatching.equals(bytes, "s-1-5-18")
      || ASCIIMatching.equals(bytes, "s-1-5-19") || ASCIIMatching.equals(bytes, "s-1-5-20")
    {
      return true
    }
    if ASCIIMatching.contains(bytes, "exchfullaccessadmin") { return true }
    let account = ASCIIMatching.lastSegment(bytes, separator: 0x5C) ?? 0..<bytes.count
    guard account.count <= longestSystemAccountName else { return false }
    return systemAccountNames.contains(ASCIIMatching.lowercasedString(bytes, account))
  }

  static let longestSystemAccountName = systemAccountNames.map(\.utf8.count).max() ?? 0

  static let systemAccountNames: Set<String> = [
    "administrator", "domain admins", "enterprise admins", "organization management",
    "exchange servers", "exchange trusted subsystem", "managed availability servers",
    "exchange windows permissions", "exchange domain servers", "exchange services",
    "public folder management", "delegated setup", "discovery management",
    "view-only organization management", "jitusers", "recipient management",
    "compliance management", "hygiene management", "records management", "server management",
    "um management", "help desk", "organization management (default)", "system",
  ]

  /// System mailboxes that are not user delegation (`DiscoverySearchMailbox{…}`, `SystemMailbox{…}`, …).
  public static func isSystemMailbox(_ text: String) -> Bool {
    if let answer = text.withASCIIBytes({ bytes in
      let name = ASCIIMatching.lastSegment(bytes, separator: 0x2F) ?? 0..<bytes.count
      // Most names start with a letter no prefix starts with: answer those from one byte each.
      let starts = (
        bytes.isEmpty ? 0 : ASCIIMatching.folded(bytes[0]),
        name.isEmpty ? 0 : ASCIIMatching.folded(bytes[name.lowerBound])
      )
      guard systemMailboxInitials.contains(starts.0) || systemMailboxInitials.contains(starts.1) else {
        return false
      }
      return systemMailboxPrefixes.contains { prefix in
        ASCIIMatching.hasPrefix(bytes, from: name.lowerBound, prefix)
          || ASCIIMatching.hasPrefix(bytes, prefix)
      }
    }) {
      return answer
    }
    let t = text.lowercased()
    let name = t.split(separator: "/").last.map(String.init) ?? t
    for prefix in systemMailboxPrefixes where name.hasPrefix(prefix) || t.hasPrefix(prefix) {
      return true
    }
    return false
  }

  static let systemMailboxPrefixes = [
    "discoverysearchmailbox", "systemmailbox{", "federatedemail.", "migration.",
    "quarantineorgshard", "healthmailbox", "exchangepublishedcalendars",
  ]

  /// The first bytes of `systemMailboxPrefixes`.
  static let systemMailboxInitials = Set(systemMailboxPrefixes.compactMap(\.utf8.first))

  /// Guests invited through Entra B2B (`partner_fabrikam.com#EXT#@contoso.onmicrosoft.com`).
  public static func isGuest(_ text: String) -> Bool {
    text.lowercasedContains("#ext#")
  }

  /// The identity as canonical id when nothing resolves it: lowercase for addresses, SIDs in
  /// upper case, anything else trimmed as given.
  public static func fallbackID(_ text: String) -> String {
    let trimmed = String(Substring(text).trimmingSpaces())
    if trimmed.withASCIIBytes({ $0.contains(0x40) }) ?? trimmed.contains("@") {
      return stripSMTPPrefix(trimmed).lowercased()
    }
    if isSID(trimmed) { return trimmed.uppercased() }
    return trimmed
  }

  /// `SMTP:a@b` / `smtp:a@b` → `a@b`.
  public static func stripSMTPPrefix(_ text: String) -> String {
    text.lowercasedHasPrefix("smtp:") ? String(text.dropFirst(5)) : text
  }
}
