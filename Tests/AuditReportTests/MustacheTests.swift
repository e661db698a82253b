import Testing

@testable import AuditReport

/// Behaviour of the Mustache engine beyond the official spec: error locations, escaping,
/// limits against hostile templates, number rendering and name resolution.
@Suite("Mustache engine")
struct MustacheTests {
  /// Renders a template, or returns the error it throws.
  private func render(
    _ source: String, _ context: MustacheValue = [:], partials: [String: String] = [:],
    name: String = "template"
  ) -> Result<String, MustacheError> {
    Result { () throws(MustacheError) -> String in
      try MustacheTemplate(source, name: name).render(context, partials: partials)
    }
  }

  /// The error a template throws when parsed or rendered, or nil when it renders.
  private func error(
    _ source: String, _ context: MustacheValue = [:], partials: [String: String] = [:],
    name: String = "template"
  ) -> MustacheError? {
    if case .failure(let error) = render(source, context, partials: partials, name: name) {
      return error
    }
    return nil
  }

  // MARK: - Errors with locations

  struct BadTemplate: Sendable, CustomTestStringConvertible {
    let source: String
    let line: Int
    let column: Int
    let message: String
    var testDescription: String { message }
  }

  @Test(
    "malformed templates fail with a located syntax error",
    arguments: [
      BadTemplate(
        source: "Hello\n  {{name", line: 2, column: 3, message: "unclosed tag, expected '}}'"),
      BadTemplate(
        source: "{{{name}}", line: 1, column: 1, message: "unclosed tag, expected '}}}'"),
      BadTemplate(
        source: "a {{! never closed", line: 1, column: 3, message: "unclosed tag, expected '}}'"),
      BadTemplate(
        source: "{{#items}}\n- {{.}}\n", line: 1, column: 1,
        message: "unclosed section 'items', expected '{{/items}}' before the end"),
      BadTemplate(
        source: "{{#a}}\n  {{^b}}x{{/b}}\n  {{/c}}", line: 3, column: 3,
        message: "end tag 'c' does not match section 'a' opened on line 1"),
      BadTemplate(
        source: "text{{/a}}", line: 1, column: 5,
        message: "end tag 'a' has no open section to close"),
      BadTemplate(source: "x {{ }}", line: 1, column: 3, message: "tag has no name"),
      BadTemplate(
        source: "{{first name}}", line: 1, column: 1,
        message: "tag name 'first name' contains whitespace"),
      BadTemplate(source: "{{a..b}}", line: 1, column: 1, message: "invalid name 'a..b'"),
      BadTemplate(source: "{{#.a}}{{/.a}}", line: 1, column: 1, message: "invalid name '.a'"),
      BadTemplate(
        source: "{{=<% =}}", line: 1, column: 1,
        message: "set delimiter tag needs two delimiters separated by whitespace"),
      BadTemplate(
        source: "{{=<% %>=}}\n<%#a%><%/b%>", line: 2, column: 7,
        message: "end tag 'b' does not match section 'a' opened on line 2"),
      BadTemplate(
        source: "{{<parent}}{{$a}}{{/parent}}", line: 1, column: 18,
        message: "end tag 'parent' does not match block 'a' opened on line 1"),
      BadTemplate(
        source: "é — {{oops", line: 1, column: 5, message: "unclosed tag, expected '}}'"),
    ])
  func syntaxErrors(_ bad: BadTemplate) {
    let thrown = error(bad.source, name: "report.md")
    #expect(thrown?.code == .syntax)
    #expect(thrown?.templateName == "report.md")
    #expect(thrown?.line == bad.line)
    #expect(thrown?.column == bad.column)
    #expect(thrown?.message == bad.message)
  }

  @Test("errors print as name:line:col: error: message")
  func errorDescription() throws {
    let thrown = try #require(error("Title\n\n  {{#rows}}", name: "report.md"))
    #expect(
      thrown.description
        == "report.md:3:3: error: unclosed section 'rows', expected '{{/rows}}' before the end")
    #expect(thrown.message.first?.isLowercase == true)
    #expect(thrown.message.last != ".")
  }

  @Test("a partial that fails to parse is reported under the partial's name")
  func partialSyntaxError() throws {
    let thrown = try #require(
      error("ok\n{{>row}}\n", partials: ["row": "line one\n{{#open}}"]))
    #expect(thrown.templateName == "row")
    #expect(thrown.line == 2)
    #expect(thrown.column == 1)
  }

  // MARK: - Limits against hostile templates

  @Test("a partial that includes itself stops at depth 100 with an error at the tag")
  func selfRecursivePartial() throws {
    let thrown = try #require(error("{{>loop}}", partials: ["loop": "x\n  {{>loop}}"]))
    #expect(thrown.code == .partialRecursion)
    #expect(thrown.templateName == "loop")
    #expect(thrown.line == 2)
    #expect(thrown.column == 3)
    #expect(thrown.message == "partials nest more than 100 deep, is 'loop' recursive")
  }

  @Test("partials that include each other stop with an error")
  func mutuallyRecursivePartials() {
    let thrown = error("{{>ping}}", partials: ["ping": "{{>pong}}", "pong": "{{>ping}}"])
    #expect(thrown?.code == .partialRecursion)
  }

  @Test("a parent that inherits from itself stops with an error")
  func selfRecursiveParent() {
    let thrown = error("{{<base}}{{/base}}", partials: ["base": "{{<base}}{{$a}}x{{/a}}{{/base}}"])
    #expect(thrown?.code == .partialRecursion)
  }

  @Test("recursion bounded by the data renders normally")
  func dataBoundedRecursion() throws {
    // Every node needs its own `children`: a missing one would resolve to the parent's list.
    let tree: MustacheValue = [
      "name": "root",
      "children": [
        ["name": "a", "children": [["name": "a1", "children": []]]], ["name": "b", "children": []],
      ],
    ]
    let partials = ["node": "{{name}}({{#children}}{{>node}}{{/children}})"]
    #expect(try render("{{>node}}", tree, partials: partials).get() == "root(a(a1())b())")
  }

  @Test("sections nested more than 100 deep are refused when parsing")
  func deepSectionNesting() throws {
    let depth = 150
    let source = String(repeating: "{{#a}}", count: depth) + String(repeating: "{{/a}}", count: depth)
    let thrown = try #require(error(source))
    #expect(thrown.code == .nestingTooDeep)
    #expect(thrown.column == 1 + 6 * MustacheTreeBuilder.maximumNesting)
  }

  @Test("sections nested through recursive partials stop with an error, not a crash")
  func deepNestingThroughPartials() {
    let sections = 90
    let partial =
      String(repeating: "{{#a}}", count: sections) + "{{>deep}}"
      + String(repeating: "{{/a}}", count: sections)
    let thrown = error("{{>deep}}", ["a": true], partials: ["deep": partial])
    #expect(thrown?.code == .nestingTooDeep)
  }

  @Test(
    "a partial that includes itself twice stops at depth 100, before the tree grows", .timeLimit(.minutes(1)))
  func selfDoublingPartial() throws {
    let thrown = try #require(error("{{>twice}}", partials: ["twice": "x{{>twice}}{{>twice}}"]))
    #expect(thrown.code == .partialRecursion)
    #expect(thrown.templateName == "twice")
  }

  @Test("partials that each include the next one twice stop at 64 MiB of output", .timeLimit(.minutes(1)))
  func exponentialPartialChain() throws {
    // p0 → 2 × p1 → … → 2^40 × p40, a 1 MiB line: 2^60 bytes unless the renderer stops.
    var partials = ["p40": String(repeating: "x", count: 1 << 20)]
    for level in 0..<40 { partials["p\(level)"] = "{{>p\(level + 1)}}{{>p\(level + 1)}}" }
    let thrown = try #require(error("{{>p0}}", partials: partials))
    #expect(thrown.code == .outputTooLarge)
    #expect(MustacheRenderer.maximumOutputBytes == 64 * 1024 * 1024)
    #expect(
      thrown.message == "rendering stopped after 64 MiB of output, do sections or partials repeat one another"
    )
    // Reported at the tag that included the content being written when the limit was passed.
    #expect(thrown.templateName == "p39")
    #expect(thrown.line == 1)
    #expect(thrown.description.hasPrefix("p39:1:"))
  }

  @Test("sections over a list nested in one another stop at 64 MiB of output", .timeLimit(.minutes(1)))
  func exponentialSectionsWithOutput() throws {
    let list = MustacheValue.list((0..<10).map { MustacheValue($0) })
    let source =
      String(repeating: "{{#l}}", count: 9) + String(repeating: "-", count: 1000)
      + String(repeating: "{{/l}}", count: 9)
    let thrown = try #require(error(source, ["l": list], name: "narrative.md.mustache"))
    #expect(thrown.code == .outputTooLarge)
    #expect(thrown.templateName == "narrative.md.mustache")
    #expect((thrown.line, thrown.column) == (1, 1))
  }

  @Test("sections over a list that write nothing stop after 1 million steps", .timeLimit(.minutes(1)))
  func exponentialSectionsWithoutOutput() throws {
    let list = MustacheValue.list((0..<10).map { MustacheValue($0) })
    let source =
      String(repeating: "{{#l}}", count: 12) + "{{! nothing }}" + String(repeating: "{{/l}}", count: 12)
    let thrown = try #require(error(source, ["l": list]))
    #expect(thrown.code == .renderingTooLong)
    #expect(
      thrown.message == "rendering stopped after 1000000 steps, do sections or partials repeat one another")
  }

  @Test("output just under the limits renders in full")
  func outputUnderTheLimit() throws {
    let line = String(repeating: "x", count: 1 << 20)
    let output = try MustacheTemplate("{{#l}}{{{line}}}{{/l}}").render(
      ["l": .list((0..<64).map { MustacheValue($0) }), "line": .string(line)])
    #expect(output.utf8.count == MustacheRenderer.maximumOutputBytes)
  }

  @Test("delimiters longer than the limit are refused")
  func longDelimiters() {
    let long = String(repeating: "<", count: 40)
    #expect(error("{{=\(long) >>=}}")?.code == .syntax)
  }

  @Test("large templates parse and render in linear time", .timeLimit(.minutes(1)))
  func largeTemplate() throws {
    let line = "| {{name}} | {{#flag}}yes{{/flag}}{{^flag}}no{{/flag}} | {{count}} |\n"
    let source = String(repeating: line, count: 20_000)
    let rows: MustacheValue = ["name": "Mailbox <A&B>", "flag": true, "count": 3]
    let output = try MustacheTemplate(source).render(rows)
    #expect(output.utf8.count == 20_000 * "| Mailbox &lt;A&amp;B&gt; | yes | 3 |\n".utf8.count)

    let list = MustacheValue.list((0..<50_000).map { ["n": MustacheValue($0)] })
    let listed = try MustacheTemplate("{{#rows}}{{n}},{{/rows}}").render(["rows": list])
    #expect(listed.hasPrefix("0,1,2,"))
    #expect(listed.hasSuffix("49999,"))
  }

  @Test("an unclosed tag at the end of a large template fails quickly", .timeLimit(.minutes(1)))
  func unclosedTagInLargeTemplate() {
    let source = String(repeating: "{ text } and {{ok}}\n", count: 20_000) + "{{broken"
    #expect(error(source)?.line == 20_001)
  }

  // MARK: - Escaping

  @Test("the escape function applies to {{x}} only, not {{{x}}} or {{& x}}")
  func customEscape() throws {
    let template = try MustacheTemplate("{{x}} {{{x}}} {{& x}} {{#list}}{{.}}{{/list}}")
    let output = try template.render(
      ["x": "*bold*", "list": ["_a_", "b"]],
      escape: { text in text.replacing("*", with: "\\*").replacing("_", with: "\\_") })
    #expect(output == "\\*bold\\* *bold* *bold* \\_a\\_b")
  }

  @Test("HTML escaping covers & < > \" and '")
  func htmlEscape() {
    #expect(
      MustacheTemplate.htmlEscape(#"<a href="x">Tom & Jerry's</a>"#)
        == "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;")
    #expect(MustacheTemplate.htmlEscape("plain — ünïcode") == "plain — ünïcode")
  }

  // MARK: - Values

  @Test(
    "numbers render integers without a fraction and others in shortest form",
    arguments: [
      (MustacheValue.number(85), "85"),
      (.number(-3), "-3"),
      (.number(0), "0"),
      (.number(-0.0), "0"),
      (.number(1.21), "1.21"),
      (.number(0.1 + 0.2), "0.30000000000000004"),
      (.number(1_000_000_000_000_000), "1000000000000000"),
      (.number(1e20), "1e+20"),
      (MustacheValue(42 as Int64), "42"),
      (2.5, "2.5"),
    ])
  func numberRendering(_ value: MustacheValue, _ expected: String) throws {
    #expect(try render("{{n}}", ["n": value]).get() == expected)
  }

  @Test("other values interpolate as text")
  func otherInterpolations() throws {
    let context: MustacheValue = [
      "yes": true, "no": false, "nothing": nil, "rights": ["FullAccess", "SendAs"],
      "object": ["a": 1],
    ]
    #expect(
      try render("{{yes}}/{{no}}/{{nothing}}/{{rights}}/{{object}}", context).get()
        == "true/false//FullAccess, SendAs/")
  }

  @Test("falsey values: null, false, empty list, empty string and zero")
  func truthiness() throws {
    let context: MustacheValue = [
      "null": nil, "false": false, "empty": [], "blank": "", "zero": 0,
      "true": true, "list": [1], "text": "x", "one": 1, "object": [:],
    ]
    let template =
      "{{#null}}A{{/null}}{{#false}}B{{/false}}{{#empty}}C{{/empty}}"
      + "{{#blank}}D{{/blank}}{{#zero}}E{{/zero}}|{{#true}}F{{/true}}{{#list}}G{{/list}}"
      + "{{#text}}H{{/text}}{{#one}}I{{/one}}{{#object}}J{{/object}}"
    #expect(try render(template, context).get() == "|FGHIJ")
  }

  // MARK: - Names

  @Test("dotted names resolve the first part up the context stack and the rest below it")
  func dottedNames() throws {
    let context: MustacheValue = [
      "mailbox": ["owner": ["name": "Ann"], "address": "ann@example.com"],
      "tenant": ["name": "Contoso"],
      "rows": [["owner": ["name": "Bob"]], ["other": 1]],
    ]
    #expect(
      try render("{{mailbox.owner.name}} <{{mailbox.address}}>", context).get()
        == "Ann <ann@example.com>")
    #expect(
      try render("{{#rows}}[{{owner.name}}|{{tenant.name}}]{{/rows}}", context).get()
        == "[Bob|Contoso][|Contoso]")
    #expect(try render("{{mailbox.missing.name}}{{tenant.name.deeper}}", context).get() == "")
    #expect(
      try render("{{#mailbox.owner}}{{name}} of {{tenant.name}}{{/mailbox.owner}}", context)
        .get() == "Ann of Contoso")
  }

  @Test("the implicit iterator names the top of the context stack")
  func implicitIterator() throws {
    #expect(try render("{{#.}}<{{.}}>{{/.}}", ["a", "b"]).get() == "<a><b>")
    #expect(try render("{{.}}", "top").get() == "top")
  }

  // MARK: - Partials and indentation

  @Test("missing partials render as nothing")
  func missingPartial() throws {
    #expect(try render("[{{>nowhere}}]").get() == "[]")
  }

  @Test("standalone partials indent every line, nested indentation adds up")
  func nestedPartialIndentation() throws {
    let partials = ["outer": "a\n  {{>inner}}\nd\n", "inner": "b\n{{#c}}\nc\n{{/c}}\n"]
    #expect(
      try render("  {{>outer}}\n", ["c": true], partials: partials).get()
        == "  a\n    b\n    c\n  d\n")
  }

  @Test("a block's default content keeps its own indentation")
  func blockDefaultIndentation() throws {
    #expect(try render("{{$b}}\n    x\n  y\n{{/b}}\nz").get() == "    x\n  y\nz")
    #expect(try render("  {{$b}}first\nsecond{{/b}}").get() == "  first\nsecond")
  }

  @Test("a parent's blocks are indented where the parent places them")
  func parentBlockIndentation() throws {
    let partials = ["layout": "<ul>\n  {{$items}}\n  <li>none</li>\n  {{/items}}\n</ul>\n"]
    let source = """
      {{<layout}}
      {{$items}}
      {{#rows}}
      <li>{{.}}</li>
      {{/rows}}
      {{/items}}
      {{/layout}}

      """
    #expect(
      try render(source, ["rows": ["a", "b"]], partials: partials).get()
        == "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n")
    #expect(
      try render("{{<layout}}{{/layout}}", partials: partials).get()
        == "<ul>\n  <li>none</li>\n</ul>\n")
  }

  // MARK: - Concurrency

  @Test("one template renders concurrently")
  func concurrentRendering() async throws {
    let template = try MustacheTemplate("{{#rows}}{{.}};{{/rows}}")
    let outputs = try await withThrowingTaskGroup(of: String.self) { group in
      for index in 0..<8 {
        group.addTask {
          try template.render(["rows": .list((0..<index).map { MustacheValue($0) })])
        }
      }
      var outputs: [String] = []
      for try await output in group { outputs.append(output) }
      return outputs.sorted()
    }
    #expect(outputs.count == 8)
    #expect(outputs.last == "0;1;2;3;4;5;6;")
  }
}
