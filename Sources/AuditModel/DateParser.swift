/// Parses the date forms exports use, to UTC seconds since 1970, without locale-dependent APIs.
public enum DateParser {
  /// ISO 8601 (`2026-09-30`, `2026-09-30T12:00:00`, with `Z`, offsets or fractions; no zone means UTC),
  /// PowerShell 5.1 JSON `\/Date(ms)\/`, and `M/d/yyyy h:mm:ss AM` (US culture, as CSV exports show).
  public static func parse(_ text: String) -> Int64? {
    let s = Substring(text).trimmingSpaces()
    if s.isEmpty { return nil }
    if let ms = msDate(s) { return ms }
    if let iso = iso8601(s) { return iso }
    return usCulture(s)
  }

  /// A date only (`2026-09-30`), as the register uses; nil otherwise.
  public static func parseDay(_ text: String) -> Int64? {
    let s = Array(Substring(text).trimmingSpaces().utf8)
    guard s.count == 10, s[4] == 0x2D, s[7] == 0x2D,
      let y = number(s, 0, 4), let m = number(s, 5, 2), let d = number(s, 8, 2),
      valid(y, m, d)
    else { return nil }
    return daysFromCivil(y, m, d) * 86400
  }

  static func msDate(_ s: Substring) -> Int64? {
    var body = s
    if body.hasPrefix("\\/") {
      body = body.dropFirst(2)
    } else if body.hasPrefix("/") {
      body = body.dropFirst()
    }
    guard body.hasPrefix("Date(") else { return nil }
    body = body.dropFirst(5)
    guard let close = body.firstIndex(of: ")") else { return nil }
    var digits = body[..<close]
    // `\/Date(1777676368000+0100)\/`: the offset is informational; the number is UTC ms.
    if let sign = digits.dropFirst().firstIndex(where: { $0 == "+" || $0 == "-" }) {
      digits = digits[..<sign]
    }
    guard let ms = Int64(digits) else { return nil }
    return ms >= 0 ? ms / 1000 : (ms - 999) / 1000
  }

  public static func iso8601(_ text: Substring) -> Int64? {
    let s = Array(text.utf8)
    guard s.count >= 10, s[4] == 0x2D, s[7] == 0x2D,
      let y = number(s, 0, 4), let m = number(s, 5, 2), let d = number(s, 8, 2), valid(y, m, d)
    else { return nil }
    var seconds = daysFromCivil(y, m, d) * 86400
    if s.count == 10 { return seconds }
    guard s[10] == 0x54 || s[10] == 0x20, s.count >= 16, s[13] == 0x3A,
      let hh = number(s, 11, 2), let mm = number(s, 14, 2), hh < 24, mm < 60
    else { return nil }
    seconds += hh * 3600 + mm * 60
    var i = 16
    if i < s.count && s[i] == 0x3A {
      guard let ss = number(s, 17, 2), ss < 61 else { return nil }
      seconds += ss
      i = 19
      if i < s.count && (s[i] == 0x2E || s[i] == 0x2C) {
        i += 1
        while i < s.count && s[i] >= 0x30 && s[i] <= 0x39 { i += 1 }
      }
    }
    if i == s.count { return seconds }
    if s[i] == 0x5A && i == s.count - 1 { return seconds }  // Z
    if s[i] == 0x2B || s[i] == 0x2D {  // +hh:mm / -hh:mm
      let sign: Int64 = s[i] == 0x2B ? 1 : -1
      guard let oh = number(s, i + 1, 2) else { return nil }
      var om: Int64 = 0
      if i + 3 < s.count {
        let minuteStart = s[i + 3] == 0x3A ? i + 4 : i + 3
        guard let value = number(s, minuteStart, 2), minuteStart + 2 == s.count else { return nil }
        om = value
      } else if i + 3 != s.count {
        return nil
      }
      return seconds - sign * (oh * 3600 + om * 60)
    }
    return nil
  }

  static func usCulture(_ text: Substring) -> Int64? {
    let parts = text.split(separator: " ")
    guard let datePart = parts.first else { return nil }
    let dmy = datePart.split(separator: "/")
    guard dmy.count == 3, let m = Int64(dmy[0]), let d = Int64(dmy[1]), let y = Int64(dmy[2]),
      valid(y, m, d)
    else { return nil }
    var seconds = daysFromCivil(y, m, d) * 86400
    if parts.count >= 2 {
      let hms = parts[1].split(separator: ":").compactMap { Int64($0) }
      guard hms.count >= 2 else { return nil }
      var hour = hms[0]
      if parts.count >= 3 {
        let marker = parts[2].uppercased()
        if marker == "PM" && hour < 12 { hour += 12 }
        if marker == "AM" && hour == 12 { hour = 0 }
      }
      seconds += hour * 3600 + hms[1] * 60 + (hms.count > 2 ? hms[2] : 0)
    }
    return seconds
  }

  static func number(_ s: [UInt8], _ start: Int, _ length: Int) -> Int64? {
    guard start + length <= s.count else { return nil }
    var value: Int64 = 0
    for i in start..<(start + length) {
      let c = s[i]
      guard c >= 0x30 && c <= 0x39 else { return nil }
      value = value * 10 + Int64(c - 0x30)
    }
    return value
  }

  static func valid(_ y: Int64, _ m: Int64, _ d: Int64) -> Bool {
    guard y >= 1, m >= 1, m <= 12, d >= 1 else { return false }
    let days: [Int64] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
    return d <= days[Int(m - 1)] + (m == 2 && leap ? 1 : 0)
  }

  /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
  public static func daysFromCivil(_ year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146097 + doe - 719468
  }

  /// `2026-09-30T12:00:00Z` for UTC seconds.
  public static func iso(_ seconds: Int64) -> String {
    let days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
    let rest = seconds - days * 86400
    let (y, m, d) = civil(fromDays: days)
    return
      "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(rest / 3600, 2)):\(pad(rest / 60 % 60, 2)):\(pad(rest % 60, 2))Z"
  }

  /// `2026-09-30` for UTC seconds.
  public static func day(_ seconds: Int64) -> String {
    String(iso(seconds).prefix(10))
  }

  static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
    let z = z0 + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let y = yoe + era * 400
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (m <= 2 ? y + 1 : y, m, d)
  }

  static func pad(_ value: Int64, _ width: Int) -> String {
    let text = String(value)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
  }
}
