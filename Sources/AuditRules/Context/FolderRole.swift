/// What a folder role lets its holder do with the folder's items.
///
/// Reading roles are every role that shows item content: Owner, PublishingEditor, Editor,
/// PublishingAuthor, Author, NonEditingAuthor, Reviewer, and LimitedDetails, which shows the
/// subject and location of calendar items (a meeting subject is content; "Default:
/// LimitedDetails" on an executive's calendar discloses it to everyone). Not reading: None,
/// AvailabilityOnly (free/busy only) and Contributor (FolderVisible + CreateItems, no
/// ReadItems). A custom rights list reads when it holds ReadItems or FreeBusyDetailed.
enum FolderRole {
  /// True when `role` (a role name or a custom rights list) lets its holder read item content.
  static func isReading(_ role: String) -> Bool {
    let name = RightName.normalised(role)
    if notReading.contains(name) { return false }
    if readingRoles.contains(name) { return true }
    return name.contains("readitems") || name.contains("freebusydetailed")
  }

  /// True when `role` grants more than free/busy: a delegation worth naming on a sensitive mailbox.
  static func isDelegation(_ role: String) -> Bool {
    let name = RightName.normalised(role)
    return name != "none" && name != "availabilityonly"
  }

  static let notReading: Set<String> = ["none", "availabilityonly", "contributor"]
  static let readingRoles: Set<String> = [
    "owner", "publishingeditor", "editor", "publishingauthor", "author", "noneditingauthor", "reviewer",
    "limiteddetails",
  ]
}
