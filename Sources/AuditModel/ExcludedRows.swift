/// The exclusion ledger: every excluded row, in the order of where it was read (file, line,
/// column, path), kept as the files' own arrays so that joining a large tenant's ledgers copies
/// no row (a row holds five strings; copying a million of them is most of a second).
public struct ExcludedRows: Sendable, RandomAccessCollection, ExpressibleByArrayLiteral {
  /// Sorted runs of rows; every row of a run comes before every row of the next.
  public private(set) var runs: [[ExcludedRow]] = []
  /// The position after each run's last row.
  private var ends: [Int] = []

  public init() {}

  public init(arrayLiteral rows: ExcludedRow...) {
    self.init(joining: [rows])
  }

  /// Orders the rows of several arrays: each is sorted (pass them through `sort(_:)` first, where
  /// they are not shared, or sorting here copies them) and the arrays are put in order of their
  /// first rows. Arrays whose rows interleave (never one file's rows in two arrays) are merged.
  public init(joining arrays: [[ExcludedRow]]) {
    var runs = arrays.filter { !$0.isEmpty }
    for index in runs.indices where !Self.isSorted(runs[index]) { runs[index].sort() }
    runs.sort { $0[0] < $1[0] }
    let disjoint = zip(runs, runs.dropFirst()).allSatisfy { earlier, later in
      earlier[earlier.count - 1] < later[0]
    }
    if !disjoint { runs = [runs.flatMap { $0 }.sorted()] }
    self.runs = runs
    var end = 0
    ends = runs.map {
      end += $0.count
      return end
    }
  }

  public var startIndex: Int { 0 }
  public var endIndex: Int { ends.last ?? 0 }

  public subscript(position: Int) -> ExcludedRow {
    precondition(position >= 0 && position < endIndex, "excluded row index out of range")
    // The first run that ends after `position` holds it.
    var low = 0
    var high = ends.count - 1
    while low < high {
      let middle = (low + high) / 2
      if ends[middle] > position { high = middle } else { low = middle + 1 }
    }
    let start = low == 0 ? 0 : ends[low - 1]
    return runs[low][position - start]
  }

  /// The number of rows per rule; rules that excluded no row are absent.
  ///
  /// Counts into one slot per rule instead of hashing each row's rule: a large tenant excludes
  /// about a million rows.
  public func countsByRule() -> [ExclusionRule: Int] {
    let rules = ExclusionRule.allCases
    var counts = [Int](repeating: 0, count: rules.count)
    var previous: (rule: ExclusionRule, slot: Int)?
    // By index, reading only the rule: iterating the rows would copy (retain) each one.
    for rows in runs {
      for index in rows.indices {
        let rule = rows[index].rule
        // Rows come in runs of one rule more often than not.
        if let previous, previous.rule == rule {
          counts[previous.slot] += 1
          continue
        }
        let slot = rules.firstIndex(of: rule)!
        counts[slot] += 1
        previous = (rule, slot)
      }
    }
    var result: [ExclusionRule: Int] = [:]
    for (slot, count) in counts.enumerated() where count > 0 { result[rules[slot]] = count }
    return result
  }

  /// Sorts one file's rows, unless they already are in order (the common case: a reader emits
  /// rows in file order), which costs one pass and no copy.
  public static func sort(_ rows: inout [ExcludedRow]) {
    if !isSorted(rows) { rows.sort() }
  }

  private static func isSorted(_ rows: [ExcludedRow]) -> Bool {
    var index = 1
    while index < rows.count {
      if rows[index] < rows[index - 1] { return false }
      index += 1
    }
    return true
  }
}
