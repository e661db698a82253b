/// Every command of PRODUCT.md §3, with its options and help.
enum CommandTable {
  static let version = "0.1.0"

  static let run = CommandSpec(
    name: "run", summary: "Ingest exports, evaluate EXT-08 and write the evidence pack.",
    usage: "delegation-audit run INPUT... --out DIR [options]",
    options: [
      .init(
        name: "out", value: "DIR",
        help: "folder to write the evidence pack to (required): new, empty, or an earlier pack to replace"),
      .init(
        name: "as-of", value: "DATE",
        help: "evaluation instant, ISO 8601 (default: SOURCE_DATE_EPOCH, else now)"),
      .init(name: "org", value: "NAME", help: "organisation name shown in the report"),
      .init(name: "kind", value: "KIND", help: "treat every input as this kind instead of detecting it"),
      .init(
        name: "force", value: nil,
        help: "replace an earlier pack even when its files were edited; never a folder that is not a pack"),
      .init(name: "json", value: nil, help: "print a JSON summary on stdout"),
      .init(name: "quiet", value: nil, help: "print nothing but errors"),
      .init(name: "register", value: "FILE", help: "approved-delegation register, CSV or JSON"),
      .init(
        name: "baseline", value: "PACK|DIR",
        help: "previous pack or exports to diff against; the period then starts at its as-of"),
      .init(name: "policy", value: "FILE", help: "policy JSON: review period, sensitive mailboxes, waivers"),
      .init(
        name: "frameworks", value: "IDS",
        help: "framework narratives to write (default soc2,iso27001,cis-m365; see 'frameworks')"),
      .init(
        name: "period-start", value: "DATE",
        help: "start of the period (default: the baseline's as-of, else as-of minus the review period)"),
      .init(name: "period-end", value: "DATE", help: "end of the assessment period (default: as-of)"),
      .init(
        name: "templates", value: "DIR", help: "folder of templates overriding the bundled ones file by file"),
      .init(name: "zip", value: nil, help: "also write <out>.zip (sorted entries, fixed timestamps)"),
      .init(
        name: "fail-on", value: "SEVERITY",
        help: "exit 1 when an unwaived finding at or above high|medium|low|info exists"),
    ],
    example: "delegation-audit run exports/ --out pack/ --as-of 2026-11-30",
    isImplemented: true, positionals: 1...Int.max)

  static let inspect = CommandSpec(
    name: "inspect",
    summary: "Show what each input file is: format, encoding, kind, columns, counts and problems.",
    usage: "delegation-audit inspect INPUT... [--json] [--kind KIND]",
    options: [
      .init(name: "json", value: nil, help: "print JSON instead of text"),
      .init(name: "kind", value: "KIND", help: "treat every input as this kind instead of detecting it"),
    ],
    example: "delegation-audit inspect exports/mailbox-permissions.csv",
    isImplemented: true, positionals: 1...Int.max)

  static let register = CommandSpec(
    name: "register", summary: "Write an approved-delegation register pre-filled with every current grant.",
    usage: "delegation-audit register init INPUT... --out FILE",
    options: [
      .init(name: "out", value: "FILE", help: "register CSV to write"),
      .init(name: "force", value: nil, help: "overwrite an existing file"),
      .init(name: "quiet", value: nil, help: "print nothing but errors"),
    ],
    example: "delegation-audit register init exports/ --out register.csv",
    isImplemented: true, positionals: 1...Int.max)

  static let diff = CommandSpec(
    name: "diff", summary: "Show grants added, removed and changed between two snapshots (exports or packs).",
    usage: "delegation-audit diff OLD NEW [--json]",
    options: [.init(name: "json", value: nil, help: "print JSON instead of text")],
    example: """
      delegation-audit diff packs/2026-08 exports/2026-11

      OLD and NEW are each an evidence pack (a folder with manifest.json) or exports (files or a
      folder). Changed means the same grant with a different inherited flag or sharing flags.
      Exit codes: 0 whether or not the snapshots differ; 2 a snapshot could not be used; 64 usage error.
      """,
    isImplemented: true, positionals: 2...2)

  static let verify = CommandSpec(
    name: "verify",
    summary: "Check a pack against its manifest; with --inputs, re-perform the run and compare.",
    usage: "delegation-audit verify PACK [--inputs DIR...] [--json]",
    options: [
      .init(
        name: "inputs", value: "DIR",
        help: "folder or file holding original inputs, found by SHA-256 (repeatable); re-performs the run",
        repeatable: true),
      .init(name: "json", value: nil, help: "print a JSON summary on stdout"),
      .init(name: "quiet", value: nil, help: "print nothing but errors; the exit code gives the result"),
    ],
    example: """
      delegation-audit verify pack/ --inputs exports/ --inputs register.csv

      Exit codes: 0 pack intact (and, with --inputs, reproduced byte for byte); 1 differences found
      (a changed, missing or extra file, an input not found, an output that differs); 2 unusable
      pack or inputs (no manifest, or the run cannot be re-performed); 64 usage error.
      """,
    isImplemented: true, positionals: 1...1)

  static let sample = CommandSpec(
    name: "sample", summary: "Write a synthetic tenant with planted issues and an answer key.",
    usage:
      "delegation-audit sample --out DIR [--mailboxes N] [--seed S] [--format csv|json|clixml|mixed] [--as-of DATE] [--force]",
    options: [
      .init(
        name: "out", value: "DIR", help: "folder to write the tenant to (required; must be new or empty)"),
      .init(name: "mailboxes", value: "N", help: "number of mailboxes, 20 to 300000 (default 50)"),
      .init(
        name: "seed", value: "S", help: "random seed; the same seed gives byte-identical files (default 1)"),
      .init(name: "format", value: "FORMAT", help: "csv, json, clixml or mixed (default mixed)"),
      .init(
        name: "as-of", value: "DATE", help: "instant the answer key is for (default 2026-11-30T00:00:00Z)"),
      .init(
        name: "force", value: nil,
        help: "replace an earlier sample tenant; never a folder holding files 'sample' did not write"),
    ],
    example: "delegation-audit sample --out tenant/ --mailboxes 1000 --seed 7",
    isImplemented: true, positionals: 0...0)

  static let frameworks = CommandSpec(
    name: "frameworks", summary: "List framework catalogs, or show one catalog's mappings to EXT-08.",
    usage: "delegation-audit frameworks [ID] [--json]",
    options: [.init(name: "json", value: nil, help: "print the list, or the catalog's mappings, as JSON")],
    example: "delegation-audit frameworks soc2",
    isImplemented: true, positionals: 0...1)

  static let help = CommandSpec(
    name: "help", summary: "Show help for a command.", usage: "delegation-audit help [COMMAND]",
    options: [], example: "delegation-audit help run", isImplemented: true, positionals: 0...1)

  static let all = [run, inspect, register, diff, verify, sample, frameworks, help]

  /// Exit codes (PRODUCT.md §3), for the overview and the man page.
  static let exitCodes: [(code: ExitCode, meaning: String)] = [
    (.packWritten, "pack written (verify: pack intact and, with --inputs, reproduced)"),
    (
      .findingsAtOrAboveThreshold,
      "pack written and unwaived findings at or above --fail-on (verify: differences found)"
    ),
    (.inputUnusable, "input could not be used; nothing was written"),
    (.usage, "usage error: an unknown command or option, a missing or bad value"),
    (.internalError, "internal error: the pack could not be written, or the program crashed"),
  ]

  /// Environment variables the tool reads, for the overview and the man page.
  static let environment: [(name: String, meaning: String)] = [
    ("SOURCE_DATE_EPOCH", "the as-of (seconds since 1970) when --as-of is not given"),
    ("NO_COLOR", "when set and not empty, no colour; colour is only ever used on a terminal"),
  ]

  /// A two-column list: `  name  text`, the texts aligned.
  static func columns(_ rows: [(String, String)]) -> String {
    let width = (rows.map(\.0.count).max() ?? 0) + 2
    return rows.map { "  " + $0.0 + String(repeating: " ", count: width - $0.0.count) + $0.1 + "\n" }.joined()
  }

  static var overview: String {
    var text = """
      delegation-audit \(version): evidence for control EXT-08 "Audit Mailbox Delegation" from
      Exchange Online PowerShell exports (CSV, JSON, CLIXML), offline.

      Usage: delegation-audit COMMAND [options]

      Commands:

      """
    text += columns(all.map { ($0.name, $0.summary + ($0.isImplemented ? "" : " (planned)")) })
    text += "\nOptions:\n"
    text += columns([("--help", "show help (also after any command)"), ("--version", "print the version")])
    text += "\nExit codes:\n"
    text += columns(exitCodes.map { (String($0.code.rawValue), $0.meaning) })
    text += "\nEnvironment:\n"
    text += columns(environment)
    text += """

      Example:
        delegation-audit run exports/ --out pack/

      'delegation-audit help COMMAND' shows a command's options and an example.

      """
    return text
  }
}
