// Fuzz target: the Export-Clixml reader (libxml2 through CXMLBridge), then the whole ingest.
import AuditIngest
import FuzzSupport

runFuzzer { data, size in
  let input = bytes(data, size)
  var emitted = 0
  let report = CLIXMLReader.read(bytes: input, file: "fuzz.xml") { record in
    emitted += 1
    require(record.location.file == "fuzz.xml", "record located in another file")
  }
  require(report.recordCount == emitted + report.rejected.count, "recordCount != emitted + rejected")
  IngestInvariants.ingest(input, name: "fuzz.xml")
  return 0
}
