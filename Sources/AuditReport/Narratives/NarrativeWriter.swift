import AuditModel

/// Writes one control narrative per framework catalog: `narratives/<id>.md` and its HTML page.
///
/// The Markdown comes from the `narrative.md.mustache` template (overridable with `--templates`,
/// like its partials) rendered with Markdown escaping, so every value from an input stays text.
/// The HTML is that Markdown through cmark, wrapped with the report's CSS.
public enum NarrativeWriter {
  /// The template every narrative is rendered from, by its key under Templates/.
  public static let templateName = "narrative.md.mustache"
  /// Folder of the narratives inside the pack.
  public static let folder = "narratives"

  /// A template the build should have bundled is missing.
  public struct MissingTemplate: Error, CustomStringConvertible {
    public var name: String
    public var description: String { "error: template \(name) is missing from this build" }
  }

  /// The narrative files of every catalog: pack-relative path → bytes.
  ///
  /// - Parameters:
  ///   - catalogs: The frameworks to narrate (one pair of files each).
  ///   - assessment: The finished evaluation; its facts are stated, never re-derived.
  ///   - inventory: For the method section: ledgers, exclusions, audit-log coverage.
  ///   - inputs: The input files as the manifest records them, listed with their SHA-256.
  ///   - settings: Tool version, organisation and options of the run.
  ///   - templateOverrides: Files of a `--templates` folder by relative path; they replace the
  ///     bundled narrative template and partials file by file.
  ///   - outputs: Pack files built before the narratives (`data/…`); the evidence section lists
  ///     the relevant ones with their SHA-256.
  ///   - digests: The SHA-256 of `outputs` where already computed.
  /// - Throws: ``MustacheError`` when a template does not parse.
  public static func files(
    catalogs: [FrameworkCatalog], assessment: Assessment, inventory: Inventory, inputs: [PackInput],
    settings: RunSettings, templateOverrides: [String: [UInt8]], outputs: [String: [UInt8]] = [:],
    digests: OutputDigests = OutputDigests()
  ) throws -> [String: [UInt8]] {
    guard let source = BundledTemplates.text(templateName, overrides: templateOverrides) else {
      throw MissingTemplate(name: templateName)
    }
    let template = try MustacheTemplate(source, name: templateName)
    let partials = partialSources(overrides: templateOverrides)
    let css = BundledTemplates.text("report.css", overrides: templateOverrides) ?? ""
    let facts = RunFacts(assessment: assessment)
    var files: [String: [UInt8]] = [:]
    for catalog in catalogs {
      let context = NarrativeContext(
        catalog: catalog, facts: facts, assessment: assessment, inventory: inventory, inputs: inputs,
        outputs: outputs, digests: digests, settings: settings)
      let markdown = try template.render(
        context.value(), partials: partials, escape: { Escaping.markdown($0) })
      let title = "\(ControlText.controlID) control narrative: \(catalog.shortTitle)"
      files["\(folder)/\(catalog.id).md"] = Array(markdown.utf8)
      files["\(folder)/\(catalog.id).html"] = Array(
        NarrativePage.html(markdown: markdown, title: title, css: css).utf8)
    }
    return files
  }

  /// Every Mustache template at the top of Templates/ (bundled, then overridden), by partial name:
  /// `narrative-part.md.mustache` is the partial `narrative-part`.
  static func partialSources(overrides: [String: [UInt8]]) -> [String: String] {
    var sources: [String: String] = [:]
    for key in Set(BundledTemplates.files.keys).union(overrides.keys).sorted()
    where key.hasSuffix(".mustache") && !key.contains("/") {
      var name = String(key.dropLast(".mustache".count))
      if name.hasSuffix(".md") { name.removeLast(3) }
      sources[name] = BundledTemplates.text(key, overrides: overrides)
    }
    return sources
  }
}
