namespace TextDiffusion.Data;

/// <summary>
/// A line of a dataset file could not be parsed. Names the file, the 1-based line number and the
/// offending text, so the problem can be found with an editor.
/// </summary>
public sealed class DataFormatException : Exception
{
    /// <summary>Longest excerpt of the offending text put into the message.</summary>
    public const int MaxExcerpt = 200;

    public DataFormatException(string filePath, int lineNumber, string lineText, string reason, Exception? inner = null)
        : base($"{filePath}:{lineNumber}: {reason}: \"{Excerpt(lineText)}\"", inner)
    {
        FilePath = filePath;
        LineNumber = lineNumber;
        LineText = lineText;
        Reason = reason;
    }

    /// <summary>The file that holds the bad line.</summary>
    public string FilePath { get; }

    /// <summary>1-based line number where the bad record starts (or where the error was found).</summary>
    public int LineNumber { get; }

    /// <summary>The full text of the offending line.</summary>
    public string LineText { get; }

    /// <summary>What is wrong with it.</summary>
    public string Reason { get; }

    private static string Excerpt(string text) =>
        text.Length <= MaxExcerpt ? text : text[..MaxExcerpt] + "...";
}
