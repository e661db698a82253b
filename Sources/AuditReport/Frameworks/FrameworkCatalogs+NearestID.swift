extension FrameworkCatalogs {
  /// The catalog id a mistyped one probably meant (`soc-2` → `soc2`, `ISO 27001` → `iso27001`,
  /// `pci` → `pci-dss`), or nil when nothing is close.
  ///
  /// Compares case-insensitively, both as typed and with everything but letters and digits
  /// removed. The only id that starts with the input (three characters or more) wins, else the
  /// only id that contains it; otherwise the smallest edit distance wins if it is at most half the
  /// input's length, capped at 3. Ties go to the alphabetically first id, so the answer is
  /// deterministic.
  public static func nearestID(to input: String) -> String? {
    nearestID(to: input, among: bundledIDs)
  }

  /// ``nearestID(to:)`` over a given list of ids (for example including override catalogs).
  public static func nearestID(to input: String, among ids: [String]) -> String? {
    let typed = Array(input.lowercased().unicodeScalars)
    let compact = typed.filter(isAlphanumeric)
    guard !compact.isEmpty else { return nil }
    let candidates = ids.sorted()

    // Same id once case and punctuation are ignored.
    if let exact = candidates.first(where: { Array($0.unicodeScalars).filter(isAlphanumeric) == compact }) {
      return exact
    }

    // Unambiguous prefix, then unambiguous part: "iso" → iso27001, "scuba" → cisa-scuba,
    // "800-53" → nist-800-53 (but "cis" and "nist" are ambiguous).
    if compact.count >= 3 {
      let needle = String(String.UnicodeScalarView(compact))
      let compactIDs = candidates.map {
        ($0, String(String.UnicodeScalarView($0.unicodeScalars.filter(isAlphanumeric))))
      }
      let prefixed = compactIDs.filter { $0.1.hasPrefix(needle) }
      if prefixed.count == 1 { return prefixed[0].0 }
      let containing = compactIDs.filter { $0.1.contains(needle) }
      if prefixed.isEmpty, containing.count == 1 { return containing[0].0 }
    }

    let limit = min(3, max(1, compact.count / 2))
    var best: (id: String, distance: Int)?
    for id in candidates {
      let scalars = Array(id.unicodeScalars)
      let distance = min(
        editDistance(typed, scalars), editDistance(compact, scalars.filter(isAlphanumeric)))
      if distance <= limit, distance < (best?.distance ?? Int.max) {
        best = (id, distance)
      }
    }
    return best?.id
  }

  /// Levenshtein distance (insert, delete, substitute each cost 1).
  static func editDistance(_ lhs: [Unicode.Scalar], _ rhs: [Unicode.Scalar]) -> Int {
    if lhs.isEmpty { return rhs.count }
    if rhs.isEmpty { return lhs.count }
    var previous = Array(0...rhs.count)
    var current = [Int](repeating: 0, count: rhs.count + 1)
    for (i, left) in lhs.enumerated() {
      current[0] = i + 1
      for (j, right) in rhs.enumerated() {
        let substitution = previous[j] + (left == right ? 0 : 1)
        current[j + 1] = min(substitution, previous[j + 1] + 1, current[j] + 1)
      }
      swap(&previous, &current)
    }
    return previous[rhs.count]
  }

  private static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
    scalar.properties.isAlphabetic || scalar.properties.numericType != nil
  }
}
