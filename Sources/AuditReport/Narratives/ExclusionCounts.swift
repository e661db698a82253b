import AuditModel

/// Excluded rows counted per rule, for the report, the narratives and OSCAL.
enum ExclusionCounts {
  /// The number of rows per rule; rules that excluded no row are absent.
  ///
  /// Counts into one slot per rule instead of hashing each row's rule: a large tenant excludes
  /// about a million rows, and several outputs state these counts.
  static func byRule(_ excluded: ExcludedRows) -> [ExclusionRule: Int] {
    let rules = ExclusionRule.allCases
    var counts = [Int](repeating: 0, count: rules.count)
    var previous: (rule: ExclusionRule, slot: Int)?
    // By index, reading only the rule: iterating the rows would copy (retain) each one.
    for rows in excluded.runs {
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
}
