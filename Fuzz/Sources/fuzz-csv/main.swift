// Fuzz target: the byte-level CSV scanner and reader, then the whole ingest of the file.
import AuditIngest
import FuzzSupport

runFuzzer { data, size in
  let input = bytes(data, size)
  var emitted = 0
  var columnCount = -1
  let report = CSVRecordReader.read(utf8: input, file: "fuzz.csv", encoding: .utf8) { record in
    emitted += 1
    if columnCount < 0 { columnCount = record.fields.count }
    require(record.fields.count == columnCount, "records with different field counts")
    require(record.location.file == "fuzz.csv", "record located in another file")
  }
  require(report.recordCount == emitted + report.rejected.count, "recordCount != emitted + rejected")
  if emitted > 0 { require(columnCount == report.columns.count, "a record's fields differ from the header") }
  IngestInvariants.ingest(input, name: "fuzz.csv")
  return 0
}
