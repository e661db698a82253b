import Foundation

extension InputFile {
  /// The byte size, to schedule large files first; 0 when unknown.
  var sizeHint: Int {
    if let contents { return contents.count }
    guard case .file(let url) = source,
      let size = try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber
    else { return 0 }
    return size.intValue
  }
}
