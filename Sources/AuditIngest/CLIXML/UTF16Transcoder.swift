/// UTF-16 code units after the byte order mark to UTF-8, in pieces (an odd byte or a high
/// surrogate at the end of a piece waits for the next): unpaired surrogates become U+FFFD and an
/// odd trailing byte is dropped, either making `invalid` true.
///
/// Each piece is encoded into a scratch buffer through a pointer, then appended in one copy.
struct UTF16Transcoder {
  let bigEndian: Bool
  var output: [UInt8] = []
  var invalid = false
  private var pendingByte: UInt8?
  private var pendingHighSurrogate: UInt32?
  private var scratch: [UInt8] = []

  init(bigEndian: Bool) {
    self.bigEndian = bigEndian
  }

  mutating func add(_ bytes: UnsafeRawBufferPointer) {
    // At most three UTF-8 bytes per unit (four per surrogate pair), plus a waiting surrogate.
    let needed = (bytes.count / 2 + 2) * 3 + 8
    if scratch.count < needed { scratch = [UInt8](repeating: 0, count: needed) }
    var state = (pendingByte: pendingByte, high: pendingHighSurrogate, invalid: invalid)
    let bigEndian = bigEndian
    let written = scratch.withUnsafeMutableBufferPointer { out in
      var written = 0
      @inline(__always) func add(unit: UInt32) {
        if let high = state.high {
          state.high = nil
          if unit >= 0xDC00 && unit <= 0xDFFF {
            written += Self.encode(
              0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00), into: out, at: written)
            return
          }
          written += Self.encode(0xFFFD, into: out, at: written)
          state.invalid = true
        }
        if unit >= 0xD800 && unit <= 0xDBFF {
          state.high = unit
        } else if unit >= 0xDC00 && unit <= 0xDFFF {
          written += Self.encode(0xFFFD, into: out, at: written)
          state.invalid = true
        } else {
          written += Self.encode(unit, into: out, at: written)
        }
      }
      @inline(__always) func unit(_ first: UInt8, _ second: UInt8) -> UInt32 {
        bigEndian ? UInt32(first) << 8 | UInt32(second) : UInt32(second) << 8 | UInt32(first)
      }
      var index = 0
      if let byte = state.pendingByte, !bytes.isEmpty {
        state.pendingByte = nil
        add(unit: unit(byte, bytes[0]))
        index = 1
      }
      // Markup and most values are ASCII: eight units at a time while no surrogate waits and
      // every unit is below 0x80, one byte each; anything else one unit at a time.
      let asciiMask: UInt64 = bigEndian ? 0x80FF_80FF_80FF_80FF : 0xFF80_FF80_FF80_FF80
      let lowByteShift: UInt64 = bigEndian ? 8 : 0
      while index + 1 < bytes.count {
        if state.high == nil && index + 16 <= bytes.count {
          let first = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))
          let second = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index + 8, as: UInt64.self))
          if (first | second) & asciiMask == 0 {
            for position in 0..<4 {
              let shift = UInt64(position * 16) + lowByteShift
              out[written + position] = UInt8(truncatingIfNeeded: first >> shift)
              out[written + 4 + position] = UInt8(truncatingIfNeeded: second >> shift)
            }
            written += 8
            index += 16
            continue
          }
        }
        add(unit: unit(bytes[index], bytes[index + 1]))
        index += 2
      }
      if index < bytes.count { state.pendingByte = bytes[index] }
      return written
    }
    (pendingByte, pendingHighSurrogate, invalid) = state
    output.append(contentsOf: scratch[..<written])
  }

  /// Ends the text: a surrogate or a byte still waiting has no partner.
  mutating func finish() {
    if pendingHighSurrogate != nil {
      pendingHighSurrogate = nil
      output += [0xEF, 0xBF, 0xBD]  // U+FFFD
      invalid = true
    }
    if pendingByte != nil {
      pendingByte = nil
      invalid = true
    }
    scratch = []
  }

  /// Writes one scalar as UTF-8 at `offset`; returns the number of bytes written.
  @inline(__always)
  private static func encode(_ scalar: UInt32, into out: UnsafeMutableBufferPointer<UInt8>, at offset: Int)
    -> Int
  {
    switch scalar {
    case 0..<0x80:
      out[offset] = UInt8(truncatingIfNeeded: scalar)
      return 1
    case 0x80..<0x800:
      out[offset] = UInt8(truncatingIfNeeded: 0xC0 | (scalar >> 6))
      out[offset + 1] = UInt8(truncatingIfNeeded: 0x80 | (scalar & 0x3F))
      return 2
    case 0x800..<0x10000:
      out[offset] = UInt8(truncatingIfNeeded: 0xE0 | (scalar >> 12))
      out[offset + 1] = UInt8(truncatingIfNeeded: 0x80 | ((scalar >> 6) & 0x3F))
      out[offset + 2] = UInt8(truncatingIfNeeded: 0x80 | (scalar & 0x3F))
      return 3
    default:
      out[offset] = UInt8(truncatingIfNeeded: 0xF0 | (scalar >> 18))
      out[offset + 1] = UInt8(truncatingIfNeeded: 0x80 | ((scalar >> 12) & 0x3F))
      out[offset + 2] = UInt8(truncatingIfNeeded: 0x80 | ((scalar >> 6) & 0x3F))
      out[offset + 3] = UInt8(truncatingIfNeeded: 0x80 | (scalar & 0x3F))
      return 4
    }
  }
}
