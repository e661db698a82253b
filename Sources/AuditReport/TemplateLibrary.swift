/// The templates bundled into the binary, by file name; `--templates DIR` overrides them file by file.
public enum BundledTemplates {
  /// Path relative to Templates/ → content, for every file under Templates/.
  ///
  /// SwiftPM's `.embedInCode` names each resource by its base name only, so two files with the
  /// same base name in different folders would clash; keep base names unique.
  public static let files: [String: [UInt8]] = [
    "report.css": PackageResources.report_css,
    "method.md.mustache": PackageResources.method_md_mustache,
    "narrative.md.mustache": PackageResources.narrative_md_mustache,
    "narrative-part.md.mustache": PackageResources.narrative_part_md_mustache,
    "narrative-requirement.md.mustache": PackageResources.narrative_requirement_md_mustache,
    "frameworks/cis-controls.json": PackageResources.cis_controls_json,
    "frameworks/cis-m365.json": PackageResources.cis_m365_json,
    "frameworks/cisa-scuba.json": PackageResources.cisa_scuba_json,
    "frameworks/hipaa.json": PackageResources.hipaa_json,
    "frameworks/iso27001.json": PackageResources.iso27001_json,
    "frameworks/nist-800-53.json": PackageResources.nist_800_53_json,
    "frameworks/nist-csf.json": PackageResources.nist_csf_json,
    "frameworks/pci-dss.json": PackageResources.pci_dss_json,
    "frameworks/soc2.json": PackageResources.soc2_json,
  ]
}

extension BundledTemplates {
  /// A bundled template as text, with an override folder's copy taking precedence.
  public static func text(_ name: String, overrides: [String: [UInt8]] = [:]) -> String? {
    guard let bytes = overrides[name] ?? files[name] else { return nil }
    return String(decoding: bytes, as: UTF8.self)
  }
}
