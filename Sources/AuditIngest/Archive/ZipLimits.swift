/// Bounds that keep a hostile `.zip` input from exhausting memory: sizes and compression ratio.
///
/// Members are read into memory, so every limit is checked against the bytes actually inflated,
/// not only against the sizes the archive declares (which an attacker controls).
public struct ZipLimits: Sendable, Hashable {
  /// The largest uncompressed member accepted.
  public var maxMemberSize: Int64
  /// The largest uncompressed total of all members read from one archive.
  public var maxTotalSize: Int64
  /// The largest accepted ratio of uncompressed to compressed bytes, for members above `ratioFloor`.
  public var maxRatio: Int64
  /// Members up to this many uncompressed bytes are never refused for their ratio.
  public var ratioFloor: Int64

  public init(maxMemberSize: Int64, maxTotalSize: Int64, maxRatio: Int64, ratioFloor: Int64) {
    self.maxMemberSize = maxMemberSize
    self.maxTotalSize = maxTotalSize
    self.maxRatio = maxRatio
    self.ratioFloor = ratioFloor
  }

  /// 2 GiB a member, 8 GiB an archive, 1000:1 for members over 1 MiB.
  public static let standard = ZipLimits(
    maxMemberSize: 2 << 30, maxTotalSize: 8 << 30, maxRatio: 1000, ratioFloor: 1 << 20)
}
