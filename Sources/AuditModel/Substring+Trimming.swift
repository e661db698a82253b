extension Substring {
  /// The substring without leading and trailing spaces and tabs.
  public func trimmingSpaces() -> Substring {
    var s = self
    while let c = s.first, c == " " || c == "\t" || c == "\r" || c == "\n" { s.removeFirst() }
    while let c = s.last, c == " " || c == "\t" || c == "\r" || c == "\n" { s.removeLast() }
    return s
  }
}
