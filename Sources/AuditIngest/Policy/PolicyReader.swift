import AuditModel

/// Reads the policy file (`--policy`, JSON): review period, sensitive mailboxes, broad principals,
/// internal domains, severity overrides and waivers. Absent keys keep their defaults (null counts
/// as absent); an unknown key or a value of the wrong type is an error naming the key.
public enum PolicyReader {
  static let knownKeys = [
    "reviewPeriodDays", "sensitiveMailboxes", "broadPrincipals", "internalDomains", "severityOverrides",
    "waivers",
  ]
  static let waiverKeys = ["code", "mailbox", "trustee", "reason", "expires"]

  /// The policy in a JSON file's bytes (UTF-8 with or without BOM, or UTF-16 with BOM).
  public static func read(bytes: [UInt8], file: String) -> Result<Policy, IngestError> {
    let text = TextEncoding.decode(bytes).utf8
    let root: FieldValue
    switch AuditDataJSON.parseDetailed(text) {
    case .success(let value):
      root = value
    case .failure(let error):
      let (line, column) = AuditDataJSON.lineAndColumn(of: error.offset, in: text)
      return .failure(
        IngestError(
          location: SourceLocation(file: file, line: line, column: column),
          message: "the policy is not valid JSON: \(error.message)",
          hint: "the policy is one JSON object, e.g. {\"reviewPeriodDays\": 90}"))
    }
    do {
      return .success(try policy(root, file: file))
    } catch {
      return .failure(error)
    }
  }

  static func policy(_ root: FieldValue, file: String) throws(IngestError) -> Policy {
    let location = SourceLocation(file: file)
    func fail(_ message: String, hint: String? = nil) -> IngestError {
      IngestError(location: location, message: message, hint: hint)
    }
    guard case .object(let fields) = root else {
      throw fail("the policy must be a JSON object", hint: "e.g. {\"reviewPeriodDays\": 90}")
    }
    var policy = Policy()
    var seen = Set<String>()
    for field in fields {
      guard knownKeys.contains(field.name) else {
        throw fail(
          "unknown key '\(field.name)' in the policy",
          hint: NearMiss.suggest(field.name, among: knownKeys).map { "did you mean '\($0)'?" }
            ?? "known keys: \(knownKeys.joined(separator: ", "))")
      }
      guard seen.insert(field.name).inserted else {
        throw fail("key '\(field.name)' appears twice in the policy")
      }
      if field.value == .null { continue }
      switch field.name {
      case "reviewPeriodDays":
        guard case .number(let text) = field.value, let days = Int(text), days > 0 else {
          throw fail("reviewPeriodDays must be a whole number of days greater than 0", hint: "e.g. 90")
        }
        policy.reviewPeriodDays = days
      case "sensitiveMailboxes":
        policy.sensitiveMailboxes = try strings(field.value, key: field.name, fail)
      case "broadPrincipals":
        policy.broadPrincipals = try strings(field.value, key: field.name, fail)
      case "internalDomains":
        policy.internalDomains = try strings(field.value, key: field.name, fail)
      case "severityOverrides":
        policy.severityOverrides = try severities(field.value, fail)
      default:
        policy.waivers = try waivers(field.value, fail)
      }
    }
    return policy
  }

  static func strings(
    _ value: FieldValue, key: String, _ fail: (String, String?) -> IngestError
  ) throws(IngestError) -> [String] {
    guard case .list(let items) = value else {
      throw fail("\(key) must be an array of strings", "e.g. \"\(key)\": [\"ceo@contoso.com\"]")
    }
    var result: [String] = []
    for item in items {
      guard case .string(let text) = item else { throw fail("\(key) must be an array of strings", nil) }
      result.append(text)
    }
    return result
  }

  static func severities(
    _ value: FieldValue, _ fail: (String, String?) -> IngestError
  ) throws(IngestError) -> [String: Severity] {
    let allowed = Severity.allCases.map(\.rawValue).joined(separator: ", ")
    guard case .object(let fields) = value else {
      throw fail(
        "severityOverrides must be an object of finding code to severity",
        "e.g. {\"TRUSTEE_EXTERNAL\": \"low\"}")
    }
    var result: [String: Severity] = [:]
    for field in fields {
      guard case .string(let text) = field.value, let severity = Severity(rawValue: text.lowercased()) else {
        throw fail("severityOverrides.\(field.name) must be one of \(allowed)", nil)
      }
      result[field.name] = severity
    }
    return result
  }

  static func waivers(
    _ value: FieldValue, _ fail: (String, String?) -> IngestError
  ) throws(IngestError) -> [Policy.Waiver] {
    guard case .list(let items) = value else {
      throw fail(
        "waivers must be an array of objects", "each waiver has code, mailbox, trustee, reason, expires")
    }
    var result: [Policy.Waiver] = []
    for (index, item) in items.enumerated() {
      let name = "waivers[\(index)]"
      guard case .object(let fields) = item else { throw fail("\(name) must be an object", nil) }
      var values: [String: String] = [:]
      for field in fields {
        guard waiverKeys.contains(field.name) else {
          throw fail(
            "unknown key '\(field.name)' in \(name)",
            NearMiss.suggest(field.name, among: waiverKeys).map { "did you mean '\($0)'?" }
              ?? "known keys: \(waiverKeys.joined(separator: ", "))")
        }
        switch field.value {
        case .null: continue
        case .string(let text): values[field.name] = text
        default: throw fail("\(name).\(field.name) must be a string", nil)
        }
      }
      for key in ["code", "reason", "expires"] where (values[key] ?? "").isEmpty {
        throw fail(
          "\(name) has no \(key)", "a waiver needs code, reason and expires; mailbox and trustee narrow it")
      }
      let expiresText = values["expires"] ?? ""
      guard let expires = DateParser.parseDay(expiresText) else {
        throw fail("\(name).expires '\(expiresText)' is not an ISO 8601 date (YYYY-MM-DD)", "e.g. 2027-03-31")
      }
      result.append(
        Policy.Waiver(
          code: values["code"] ?? "", mailbox: values["mailbox"], trustee: values["trustee"],
          reason: values["reason"] ?? "", expires: expires))
    }
    return result
  }
}
