/// The fictional names the generator draws from: people, departments, rooms, partner domains.
///
/// A few names carry characters that exercise every writer's escaping and encoding: accents
/// (UTF-8 and UTF-16 output), an apostrophe (JSON), an ampersand (XML) and a comma (CSV quoting).
enum SampleNames {
  static let firstNames = [
    "Aaron", "Abigail", "Adrian", "Aisha", "Alan", "Alicia", "Amir", "Ana", "Andrea", "Anton", "Ava",
    "Benjamin", "Bianca", "Bruno", "Camille", "Carlos", "Chen", "Chloe", "Daniel", "Dana", "Dmitri",
    "Elena", "Elif", "Emma", "Erik", "Fatima", "Felix", "Freya", "Gabriel", "Grace", "Hannah", "Hugo",
    "Ines", "Isaac", "Ivan", "Jana", "Javier", "Jonas", "José", "Julia", "Kai", "Karin", "Kenji", "Laila",
    "Lars", "Lena", "Leo", "Lucía", "Magnus", "Maya", "Mei", "Mohammed", "Nadia", "Noah", "Nora",
    "Olga", "Omar", "Paula", "Priya", "Rafael", "Renée", "Rosa", "Samir", "Sara", "Søren", "Tariq",
    "Tomas", "Uma", "Victor", "Yara", "Yusuf", "Zoë",
  ]

  static let lastNames = [
    "Abbott", "Adeyemi", "Alvarez", "Andersen", "Bauer", "Becker", "Bianchi", "Brooks", "Castillo",
    "Chang", "Costa", "Dalton", "Dubois", "Eriksen", "Fischer", "Fontaine", "García", "Gupta", "Hall",
    "Hansen", "Hoffmann", "Ibrahim", "Ito", "Jansen", "Kaur", "Keller", "Kim", "Kowalski", "Larsen",
    "Lindqvist", "Lopez", "Mahmoud", "Martin", "Meyer", "Moreau", "Müller", "Nakamura", "Nguyen",
    "Novak", "Núñez", "O'Brien", "Okafor", "Olsen", "Park", "Patel", "Peralta", "Petrov", "Quinn",
    "Rossi", "Sato", "Schmidt", "Silva", "Singh", "Sokolov", "Tanaka", "Torres", "Van Dijk", "Vogel",
    "Wagner", "Walsh", "Weber", "Yilmaz", "Zhang",
  ]

  /// Shared mailboxes: alias and display name.
  static let sharedMailboxes: [(alias: String, displayName: String)] = [
    ("finance", "Finance Department"), ("hr", "Human Resources"), ("legal", "Legal Department"),
    ("info", "Tailspin Info"), ("support", "Customer Support"), ("sales", "Sales & Marketing"),
    ("payroll", "Payroll"), ("accounts-payable", "Accounts Payable, EMEA"), ("it-helpdesk", "IT Helpdesk"),
    ("press", "Press Office"), ("procurement", "Procurement"), ("recruiting", "Recruiting"),
    ("facilities", "Facilities"), ("compliance", "Compliance Office"), ("orders", "Order Desk"),
    ("returns", "Returns"), ("partners", "Partner Programme"), ("events", "Events Team Inbox"),
    ("board", "Board Secretariat"), ("security", "Security Operations"),
  ]

  /// Suffixes that make more shared mailboxes when a large tenant needs them.
  static let regions = ["emea", "amer", "apac", "nordics", "dach", "iberia", "uk", "benelux"]

  static let rooms = [
    "Board Room", "Training Room", "Harbour View", "Lighthouse", "Atrium", "Skyline", "Workshop",
    "Library", "Orchard", "Studio",
  ]

  /// Groups that may hold delegations (broad principals in the policy).
  static let groups = [
    "Sales Team", "Finance Team", "All Staff", "Support Agents", "Marketing Team", "HR Team",
    "Engineering", "Warehouse Staff",
  ]

  static let partnerDomains = [
    "fabrikam.com", "contoso.com", "northwindtraders.com", "adventure-works.com", "wingtiptoys.com",
    "litware.com", "proseware.com", "woodgrovebank.com",
  ]

  /// Alias-safe ASCII for a name: accents folded, apostrophes and spaces removed, lowercase.
  static func aliasPart(_ name: String) -> String {
    var text = ""
    for scalar in name.lowercased().unicodeScalars {
      switch scalar {
      case "á", "à", "â", "ä", "ã": text += "a"
      case "é", "è", "ê", "ë": text += "e"
      case "í", "ì", "î", "ï": text += "i"
      case "ó", "ò", "ô", "ö", "õ": text += "o"
      case "ø": text += "o"
      case "ú", "ù", "û", "ü": text += "u"
      case "ñ": text += "n"
      case "ç": text += "c"
      case "'", " ", "-": continue
      default:
        if scalar.isASCII { text.unicodeScalars.append(scalar) }
      }
    }
    return text
  }
}
