import AuditModel
import Testing

@testable import AuditRules

/// The identity matcher: every form resolves case-insensitively; an ambiguous form matches nothing.
@Suite struct IdentityMatcherTests {
  let matcher = IdentityMatcher(principals: [
    "alex.wilber@contoso.com": Principal(
      id: "alex.wilber@contoso.com", displayName: "Alex Wilber", kind: .user,
      aliases: ["alex.wilber", "CN=Alex Wilber,OU=Users,DC=contoso,DC=com", "Alex"]),
    "alex.smith@contoso.com": Principal(
      id: "alex.smith@contoso.com", displayName: "Alex Smith", kind: .user, aliases: ["Alex"]),
    "emily.braun@contoso.com": Principal(
      id: "emily.braun@contoso.com", displayName: "Emily Braun", kind: .user,
      aliases: ["29319eac-0a9c-4b29-a780-065b6404ffbd"]),
    "S-1-5-21-1-2-3-500": Principal(
      id: "S-1-5-21-1-2-3-500", displayName: "S-1-5-21-1-2-3-500", kind: .unresolvedSID),
  ])

  @Test(arguments: [
    ("alex.wilber@contoso.com", "alex.wilber@contoso.com"),
    ("ALEX.WILBER@CONTOSO.COM", "alex.wilber@contoso.com"),
    ("SMTP:alex.wilber@contoso.com", "alex.wilber@contoso.com"), (" alex wilber ", "alex.wilber@contoso.com"),
    ("CONTOSO\\alex.wilber", "alex.wilber@contoso.com"),
    (
      "NAMPR03A001.prod.outlook.com/Microsoft Exchange Hosted Organizations/contoso.onmicrosoft.com/29319eac-0a9c-4b29-a780-065b6404ffbd",
      "emily.braun@contoso.com"
    ),
    ("CN=Emily Braun,OU=Users,DC=contoso,DC=com", "emily.braun@contoso.com"),
    ("emily.braun", "emily.braun@contoso.com"), ("s-1-5-21-1-2-3-500", "S-1-5-21-1-2-3-500"),
  ])
  func resolves(form: String, id: String) {
    #expect(matcher.match(form) == .principal(id))
    #expect(matcher.matchKey(form) == id.lowercased())
  }

  @Test func ambiguousAndUnknown() {
    #expect(matcher.match("alex") == .ambiguous(["alex.smith@contoso.com", "alex.wilber@contoso.com"]))
    #expect(matcher.matchKey("Alex") == nil)
    #expect(matcher.match("Finance Team") == .unknown)
    #expect(matcher.matchKey(" Finance Team ") == "finance team")
    #expect(matcher.canonicalID("Finance Team") == "Finance Team")
    #expect(matcher.canonicalID("Ann@Fabrikam.com") == "ann@fabrikam.com")
    #expect(
      matcher.note("Finance Team", role: "trustee") == "trustee 'Finance Team' matches no known principal")
    #expect(matcher.matchKey("") == nil)
  }
}
