import AuditModel
import Foundation

/// The evaluation instant: `--as-of`, else `SOURCE_DATE_EPOCH`, else now.
enum AsOf {
  static func resolve(_ option: String?, environment: [String: String]) -> Result<Int64, UsageError> {
    if let option {
      guard let seconds = DateParser.iso8601(Substring(option)) else {
        return .failure(
          UsageError(
            message: "--as-of '\(option)' is not an ISO 8601 date",
            hint: "write it as 2026-11-30 or 2026-11-30T17:00:00Z"))
      }
      return .success(seconds)
    }
    if let epoch = environment["SOURCE_DATE_EPOCH"] {
      guard let seconds = Int64(epoch) else {
        return .failure(UsageError(message: "SOURCE_DATE_EPOCH '\(epoch)' is not a number of seconds"))
      }
      return .success(seconds)
    }
    return .success(Int64(Date().timeIntervalSince1970))
  }
}
