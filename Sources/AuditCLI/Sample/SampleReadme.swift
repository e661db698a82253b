import AuditRules

/// README.md of a generated tenant: how to run it, what each file is, what was planted.
enum SampleReadme {
  static func text(_ tenant: SampleTenant, key: SampleAnswerKey, files: [SampleLayout.File]) -> String {
    let options = tenant.options
    let asOf = SampleClock.iso(options.asOf)
    var out = """
      # Synthetic tenant: Tailspin Toys (seed \(options.seed), \(options.mailboxes) mailboxes, \(options.format.rawValue))

      Written by `delegation-audit sample --mailboxes \(options.mailboxes) --seed \(options.seed) --format \(options.format.rawValue) --as-of \(asOf)`.
      Everything here is fictional and generated: the same options always give byte-identical files.
      Issues were planted for every finding code of control EXT-08; `answer-key.json` lists every
      finding a correct evaluation gives as of \(asOf), and nothing else.

      ## Run it

      From this folder:

      ```
      delegation-audit run exports --register register.csv --policy policy.json \\
        --baseline baseline --as-of \(asOf) --out pack
      ```

      Without `--baseline`, the findings marked `"needsBaseline": true` in the key (CHANGE_UNLOGGED)
      cannot be found; `verdictsWithoutBaseline` gives the verdicts of such a run. The assessment
      period is the review period (90 days): \(SampleClock.iso(tenant.periodStart)) to \(asOf).

      ## Files

      | File | Kind | Encoding | Produced by |
      |---|---|---|---|

      """
    for file in files {
      out +=
        "| `\(file.path)` | \(file.kind) | \(file.encoding.label) | \(file.producedBy.replacingOccurrences(of: "|", with: "\\|")) |\n"
    }
    out += """
      | `answer-key.json` | answer key | UTF-8 | this generator |

      `baseline/` holds the same three grant exports as they stood at the start of the period
      (grants added since are absent, grants removed since present); give it to `--baseline`.

      ## This seed's variants

      - Organisation auditing: `AuditDisabled` \(tenant.auditDisabled ? "**True** (planted: odd seed)" : "False").
      - Unified audit log ingestion: \(tenant.ualIngestionEnabled ? "on" : "**off** (planted: seed % 4 = 1)").
      - Audit log: \(SampleClock.iso(tenant.logStart)) to \(SampleClock.iso(tenant.logEnd))\(tenant.logStart > tenant.periodStart + SampleClock.day ? " — **starts 12 days late** (planted: seed % 3 = 2)" : ", covering the period").
      - Lossy export: \(tenant.exportLossy ? "**yes** — `mailbox-permissions-shared.csv` holds `System.Collections.ArrayList` cells (seed % 3 = 0), so EXT-08.3 cannot be fully assessed and FullAccess register rows are not judged stale" : "no").

      ## Planted findings

      | Code | Findings | Meaning |
      |---|---:|---|

      """
    for (code, count) in key.counts {
      let title = FindingCode(rawValue: code)?.entry.title ?? ""
      out += "| \(code) | \(count) | \(title) |\n"
    }
    let waived = key.findings.filter(\.waived).count
    out += """

      \(key.findings.count) findings in all (\(waived) waived by the policy, \(key.findings.filter(\.needsBaseline).count) found only with the baseline).

      Verdicts: \(key.verdicts.map { "\($0.0) \($0.1)" }.joined(separator: ", ")).

      ## Traps (no finding)

      \(traps(tenant).map { "- \($0)\n" }.joined())
      ## The answer key

      `answer-key.json`: `findings` sorted as the evaluation sorts them (requirement, code, mailbox,
      trustee, right, folder), each with `waived`, `needsBaseline` and the planted `situation`;
      `verdicts` (with the baseline) and `verdictsWithoutBaseline`; `counts` per code. Identities
      are canonical: lowercase UPN for mailboxes, users and guests, the name for groups, the SID
      for orphans. The key was computed from the generator's facts with the rules of PRODUCT.md §7,
      not by running the evaluation.

      """
    return out
  }

  /// The traps this tenant holds (situations that must give no finding), as README lines.
  static func traps(_ tenant: SampleTenant) -> [String] {
    let principals = tenant.principals
    var lines = [
      "`NT AUTHORITY\\SELF` on every mailbox; the platform's inherited entries (Deny FullAccess for the "
        + "admin groups, SYSTEM, NETWORK, Exchange Servers, Exchange Trusted Subsystem, JitUsers, "
        + "ExchFullAccessAdmin, …) on most mailboxes; explicit Deny FullAccess rows.",
      "The discovery mailbox's Discovery Management FullAccess and the service account's audit record granting it.",
      "Calendars: Default `AvailabilityOnly`, Anonymous `None`.",
    ]
    let localised = Set(principals.filter(\.isMailbox).map(\.calendarName)).subtracting(["Calendar"]).sorted()
    if !localised.isEmpty {
      lines.append("Localised calendar folders: \(localised.map { "`\\\($0)`" }.joined(separator: ", ")).")
    }
    if principals.contains(where: { $0.kind == .room && !($0.audit?.delegate.contains("SendAs") ?? true) }) {
      lines.append(
        "Room mailboxes whose AuditDelegate lacks SendAs (rooms are outside the audit-action rule).")
    }
    let sameDay = tenant.register.contains { row in
      tenant.grants.contains {
        $0.mailbox == row.mailbox && $0.trustee == row.trustee && $0.logged
          && $0.addedAt.map(SampleClock.midnight) == row.approvedOn
      }
    }
    if sameDay { lines.append("Approvals dated the same day as the change they approve.") }
    lines.append(
      "Future ExpiresOn dates; grants removed in the period whose review decided `remove`; an "
        + "Add-MailboxPermission that failed; one audit record delivered twice; non-delegation operations "
        + "(inbox rules, auto-replies, quotas, calendar processing).")
    lines.append(
      "Register and audit identities written as aliases, display names, object-id Names and "
        + "`Microsoft Exchange Hosted Organizations` paths.")
    let names = principals.map(\.displayName).joined()
    var special: [String] = []
    if names.unicodeScalars.contains(where: { !$0.isASCII }) { special.append("accents") }
    if names.contains("'") { special.append("an apostrophe") }
    if names.contains("&") { special.append("an ampersand") }
    if names.contains(",") { special.append("a comma") }
    if !special.isEmpty { lines.append("Display names with \(special.joined(separator: ", ")).") }
    if tenant.waivers.contains(where: { $0.expires < SampleClock.midnight(tenant.options.asOf) }) {
      lines.append("A waiver that expired before as-of does not waive its finding.")
    }
    return lines
  }
}
