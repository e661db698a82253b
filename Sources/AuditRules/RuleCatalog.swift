import AuditModel

/// The rules stage; filled in by the evaluation work (PRODUCT.md §7).
public enum RuleCatalog {
  public static let requirements = Requirement.allCases
}
