import AuditModel
import Testing

@testable import AuditIngest

@Suite struct PolicyIngestTests {
  func read(_ text: String) -> Result<Policy, IngestError> {
    PolicyReader.read(bytes: Array(text.utf8), file: "policy.json")
  }

  func error(_ text: String) -> IngestError? {
    if case .failure(let error) = read(text) { return error }
    return nil
  }

  @Test func happyPath() throws {
    let text = """
      {
        "reviewPeriodDays": 60,
        "sensitiveMailboxes": ["ceo@contoso.com", "legal@contoso.com"],
        "broadPrincipals": ["Finance Team"],
        "internalDomains": ["contoso.com", "contoso.onmicrosoft.com"],
        "severityOverrides": {"TRUSTEE_EXTERNAL": "Low", "EXPORT_LOSSY": "info"},
        "waivers": [
          {
            "code": "TRUSTEE_EXTERNAL",
            "mailbox": "support@contoso.com",
            "trustee": "partner_fabrikam.com#EXT#@contoso.onmicrosoft.com",
            "reason": "Fabrikam runs tier-1 support under contract MSA-2026-014",
            "expires": "2027-03-31"
          },
          {"code": "AUDIT_BYPASS_ENABLED", "trustee": null, "reason": "backup service", "expires": "2026-12-31"}
        ]
      }
      """
    let policy = try read(text).get()
    #expect(policy.reviewPeriodDays == 60)
    #expect(policy.sensitiveMailboxes == ["ceo@contoso.com", "legal@contoso.com"])
    #expect(policy.broadPrincipals == ["Finance Team"])
    #expect(policy.internalDomains == ["contoso.com", "contoso.onmicrosoft.com"])
    #expect(policy.severityOverrides == ["TRUSTEE_EXTERNAL": .low, "EXPORT_LOSSY": .info])
    #expect(
      policy.waivers == [
        Policy.Waiver(
          code: "TRUSTEE_EXTERNAL", mailbox: "support@contoso.com",
          trustee: "partner_fabrikam.com#EXT#@contoso.onmicrosoft.com",
          reason: "Fabrikam runs tier-1 support under contract MSA-2026-014",
          expires: DateParser.parseDay("2027-03-31") ?? 0),
        Policy.Waiver(
          code: "AUDIT_BYPASS_ENABLED", mailbox: nil, trustee: nil, reason: "backup service",
          expires: DateParser.parseDay("2026-12-31") ?? 0),
      ])
  }

  @Test func emptyObjectKeepsDefaultsAndBOMIsAccepted() throws {
    let policy = try PolicyReader.read(bytes: [0xEF, 0xBB, 0xBF] + Array("{}\r\n".utf8), file: "p.json").get()
    #expect(policy == Policy())
    #expect(policy.reviewPeriodDays == 90)
  }

  @Test func unknownKeyIsNamedWithASuggestion() {
    let failure = error(#"{"reviewPeriod": 30}"#)
    #expect(failure?.message == "unknown key 'reviewPeriod' in the policy")
    #expect(failure?.hint == "did you mean 'reviewPeriodDays'?")
    #expect(failure?.location?.file == "policy.json")
    #expect(error(#"{"sensitiveMailbox": []}"#)?.hint == "did you mean 'sensitiveMailboxes'?")
    #expect(error(#"{"colour": "blue"}"#)?.hint?.hasPrefix("known keys: reviewPeriodDays") == true)
    #expect(
      error(#"{"waivers": [{"code": "X", "reason": "r", "expiry": "2027-01-01"}]}"#)?.message
        == "unknown key 'expiry' in waivers[0]")
  }

  @Test(arguments: [
    (#"{"reviewPeriodDays": "90"}"#, "reviewPeriodDays must be a whole number of days greater than 0"),
    (#"{"reviewPeriodDays": 0}"#, "reviewPeriodDays must be a whole number of days greater than 0"),
    (#"{"reviewPeriodDays": 7.5}"#, "reviewPeriodDays must be a whole number of days greater than 0"),
    (#"{"sensitiveMailboxes": "ceo@contoso.com"}"#, "sensitiveMailboxes must be an array of strings"),
    (#"{"broadPrincipals": [1]}"#, "broadPrincipals must be an array of strings"),
    (#"{"severityOverrides": ["high"]}"#, "severityOverrides must be an object of finding code to severity"),
    (
      #"{"severityOverrides": {"TRUSTEE_EXTERNAL": "urgent"}}"#,
      "severityOverrides.TRUSTEE_EXTERNAL must be one of high, medium, low, info"
    ),
    (#"{"waivers": {}}"#, "waivers must be an array of objects"),
    (
      #"{"waivers": [{"code": "X", "reason": "r", "expires": "31/03/2027"}]}"#,
      "waivers[0].expires '31/03/2027' is not an ISO 8601 date (YYYY-MM-DD)"
    ),
    (#"{"waivers": [{"code": "X", "expires": "2027-03-31"}]}"#, "waivers[0] has no reason"),
    (
      #"{"waivers": [{"code": 5, "reason": "r", "expires": "2027-03-31"}]}"#,
      "waivers[0].code must be a string"
    ),
    (#"[]"#, "the policy must be a JSON object"),
    (
      #"{"reviewPeriodDays": 30, "reviewPeriodDays": 60}"#,
      "key 'reviewPeriodDays' appears twice in the policy"
    ),
  ])
  func wrongTypesNameTheKey(text: String, message: String) {
    #expect(error(text)?.message == message)
  }

  @Test func invalidJSONGivesLineAndColumn() {
    let failure = error("{\n  \"reviewPeriodDays\": 90,\n}")
    #expect(failure?.message == "the policy is not valid JSON: expected a key string")
    #expect(failure?.location == SourceLocation(file: "policy.json", line: 3, column: 1))
    #expect(failure?.description.hasPrefix("policy.json:3:1: error: the policy is not valid JSON") == true)
  }

  @Test func nearestName() {
    #expect(NearMiss.suggest("waiver", among: PolicyReader.knownKeys) == "waivers")
    #expect(NearMiss.suggest("internaldomains", among: PolicyReader.knownKeys) == "internalDomains")
    #expect(NearMiss.suggest("zzz", among: PolicyReader.knownKeys) == nil)
  }
}
