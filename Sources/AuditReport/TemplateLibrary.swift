/// The templates bundled into the binary, by file name; `--templates DIR` overrides them file by file.
public enum BundledTemplates {
  /// File name → content, for every file under Templates/.
  public static let files: [String: [UInt8]] = [
    "report.md.mustache": PackageResources.report_md_mustache
  ]
}
