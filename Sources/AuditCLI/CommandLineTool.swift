/// Placeholder; replaced by the argument parser and commands.
public enum CommandLineTool {
  public static func main(_ arguments: [String]) -> Int32 { 0 }
}
