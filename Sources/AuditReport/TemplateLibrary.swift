/// The templates bundled into the binary, by file name; `--templates DIR` overrides them file by file.
public enum BundledTemplates {
  /// File name → content, for every file under Templates/.
  public static let files: [String: [UInt8]] = [
    "report.css": PackageResources.report_css,
    "report.md.mustache": PackageResources.report_md_mustache,
  ]
}

extension BundledTemplates {
  /// A bundled template as text, with an override folder's copy taking precedence.
  public static func text(_ name: String, overrides: [String: [UInt8]] = [:]) -> String? {
    guard let bytes = overrides[name] ?? files[name] else { return nil }
    return String(decoding: bytes, as: UTF8.self)
  }
}
