// Fuzz target: the Mustache parser and renderer. The input is the template; it is also offered
// as the partial and parent `p`, so that partials, inheritance and recursion are reached.
import AuditReport
import FuzzSupport

// Lists hold one item: sections over a longer list nested a hundred deep render k^100 times,
// which is what a template asks for, not a parser defect (templates come from --templates).
let context: MustacheValue = [
  "name": "<b>&\"'", "empty": "", "yes": true, "no": false, "n": 3,
  "list": [["name": "a"]], "strings": ["c"], "none": [],
  "nested": ["name": "inner", "list": [1]],
]

runFuzzer { data, size in
  let text = String(decoding: bytes(data, size), as: UTF8.self)
  guard let template = try? MustacheTemplate(text, name: "fuzz") else { return 0 }
  let output = try? template.render(context, partials: ["p": text, "q": "{{name}}"])
  // Rendering is bounded: the output never exceeds what nesting limits allow for this input.
  if let output { require(output.utf8.count <= 64 << 20, "output of \(output.utf8.count) bytes") }
  return 0
}
