/// Suggests the closest known name for a mistyped one: a unique prefix, or the nearest by edit distance.
public enum NearMiss {
  public static func suggest(_ word: String, among candidates: [String]) -> String? {
    let lower = word.lowercased()
    if lower.isEmpty { return nil }
    let prefixed = candidates.filter { $0.lowercased().hasPrefix(lower) }
    if prefixed.count == 1 { return prefixed[0] }
    var best: (name: String, distance: Int)?
    for candidate in candidates {
      let distance = editDistance(lower, candidate.lowercased())
      if distance <= max(2, candidate.count / 3), distance < (best?.distance ?? Int.max) {
        best = (candidate, distance)
      }
    }
    return best?.name
  }

  /// Levenshtein distance over UTF-8 bytes.
  public static func editDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a.utf8)
    let y = Array(b.utf8)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var previous = Array(0...y.count)
    var current = [Int](repeating: 0, count: y.count + 1)
    for i in 1...x.count {
      current[0] = i
      for j in 1...y.count {
        let cost = x[i - 1] == y[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      }
      swap(&previous, &current)
    }
    return previous[y.count]
  }
}
