import AuditReport

/// The `sample` generator as one call: options in, the tenant folder's files (relative path →
/// bytes) and the answer key out. Pure: no clock, no randomness but the seed's, no I/O.
enum SampleGenerator {
  struct Output: Sendable {
    var files: [String: [UInt8]]
    var tenant: SampleTenant
    var key: SampleAnswerKey
  }

  static func generate(_ options: SampleOptions) -> Output {
    let tenant = SampleTenantBuilder.build(options)
    let key = SampleAnswerKey.judge(tenant)
    let layout = SampleLayout(tenant)
    let written = layout.exportFiles()
    var files: [String: [UInt8]] = [:]
    for file in written { files[file.path] = file.bytes }
    files["answer-key.json"] = Array(key.json(tenant).serialised().utf8)
    files["README.md"] = Array(SampleReadme.text(tenant, key: key, files: written).utf8)
    return Output(files: files, tenant: tenant, key: key)
  }
}
