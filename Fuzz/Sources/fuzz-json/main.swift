// Fuzz target: the JSON record reader (every top-level shape), the single-value parser used for
// AuditData cells, then the whole ingest of the file.
import AuditIngest
import FuzzSupport

runFuzzer { data, size in
  let input = bytes(data, size)
  var emitted = 0
  let report = JSONRecordReader.read(utf8: input, file: "fuzz.json", encoding: .utf8) { record in
    emitted += 1
    require(record.location.file == "fuzz.json", "record located in another file")
  }
  require(report.recordCount == emitted + report.rejected.count, "recordCount != emitted + rejected")
  if let text = String(validating: input, as: UTF8.self) {
    switch JSONRecordReader.parseValue(text) {
    case .success: break
    case .failure(let error): require(error.line >= 1 && error.column >= 1, "error without a position")
    }
  }
  IngestInvariants.ingest(input, name: "fuzz.json")
  return 0
}
