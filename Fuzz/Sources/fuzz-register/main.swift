// Fuzz target: the approved-delegation register, read through FileIngestor as kind register
// (CSV or JSON, whichever the bytes look like), then built into an inventory.
import AuditIngest
import FuzzSupport

runFuzzer { data, size in
  IngestInvariants.ingest(bytes(data, size), name: "register.csv", kind: .register)
  return 0
}
