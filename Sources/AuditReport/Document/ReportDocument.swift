/// The report as structure, rendered to Markdown and HTML by separate renderers.
///
/// Prose is Markdown written by us (templates); every value from an input reaches the report only
/// through `Inline.text` or table cells, which each renderer escapes for its format.
public struct ReportDocument: Sendable {
  public var title: String
  public var blocks: [Block]

  public init(title: String, blocks: [Block] = []) {
    self.title = title
    self.blocks = blocks
  }

  public enum Block: Sendable {
    /// A heading of level 1–4 with an anchor id.
    case heading(level: Int, text: String, anchor: String)
    /// A paragraph made of trusted Markdown and escaped values.
    case paragraph([Inline])
    case bulletList([[Inline]])
    /// Several Markdown blocks rendered from one of our templates (values inside already escaped).
    case markdown(String)
    case table(Table)
    /// A page break in print (HTML only).
    case pageBreak
  }

  public enum Inline: Sendable {
    /// Trusted Markdown from the tool's own templates.
    case markdown(String)
    /// An untrusted value: escaped for the destination.
    case text(String)
    /// An untrusted value shown as code.
    case code(String)
  }

  public struct Table: Sendable {
    public var columns: [String]
    public var rows: [[String]]
    /// Shown under the table when rows were left out (e.g. "first 200 of 5,120; see data/findings.csv").
    public var note: String?
    /// The column whose cells are verdict statuses (`satisfied`, `not-satisfied`, `not-assessed`);
    /// HTML gives each such cell the class `verdict-<status>`, styled by report.css.
    public var verdictColumn: Int?

    public init(columns: [String], rows: [[String]], note: String? = nil, verdictColumn: Int? = nil) {
      self.columns = columns
      self.rows = rows
      self.note = note
      self.verdictColumn = verdictColumn
    }
  }
}
