import AuditModel

/// Date arithmetic and the date spellings the exports use, on UTC seconds (never the clock).
enum SampleClock {
  static let day: Int64 = 86_400
  static let hour: Int64 = 3_600

  /// Midnight UTC of the day holding `instant`.
  static func midnight(_ instant: Int64) -> Int64 {
    (instant >= 0 ? instant / day : (instant - (day - 1)) / day) * day
  }

  /// `2026-11-30`.
  static func date(_ instant: Int64) -> String { DateParser.day(instant) }

  /// `2026-11-30T00:00:00Z`.
  static func iso(_ instant: Int64) -> String { DateParser.iso(instant) }

  /// `2026-10-14T09:12:44` (AuditData CreationTime: UTC without a zone).
  static func isoNoZone(_ instant: Int64) -> String { String(iso(instant).dropLast()) }

  /// `2026-10-14T09:12:44.0000000Z` (Purview CreationDate).
  static func isoSevenDigits(_ instant: Int64) -> String { isoNoZone(instant) + ".0000000Z" }

  /// `8/29/2026 10:40:00 AM` (en-US culture, as Export-Csv renders a DateTime).
  static func usCulture(_ instant: Int64) -> String {
    let (year, month, dayOfMonth) = civil(midnight(instant) / day)
    let seconds = instant - midnight(instant)
    let hour24 = seconds / hour
    let hour12 = hour24 % 12 == 0 ? 12 : hour24 % 12
    let minutes = seconds / 60 % 60
    let rest = seconds % 60
    return
      "\(month)/\(dayOfMonth)/\(year) \(hour12):\(two(minutes)):\(two(rest)) \(hour24 < 12 ? "AM" : "PM")"
  }

  /// `\/Date(1788000000000)\/` (Windows PowerShell 5.1 ConvertTo-Json).
  static func msDate(_ instant: Int64) -> String { "\\/Date(\(instant * 1000))\\/" }

  /// Year, month, day of a day number (days since 1970-01-01).
  static func civil(_ days: Int64) -> (Int64, Int64, Int64) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (m <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, m, d)
  }

  private static func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
