namespace TextDiffusion.Data;

/// <summary>
/// Readers for the language-modelling corpora: WikiText-2 (articles with " = Heading = " lines),
/// the One Billion Word benchmark and PTB (one sentence per line), PTB's character variant (characters
/// separated by spaces, '_' between words) and tiny Shakespeare (raw text for character models).
/// </summary>
public static class LmCorpora
{
    /// <summary>Non-blank lines, trimmed (LM1B, PTB word level).</summary>
    public static IEnumerable<string> ReadSentences(string path) =>
        LineReader.Read(path).Select(l => l.Text.Trim()).Where(t => t.Length > 0);

    /// <summary>
    /// WikiText paragraphs: non-blank lines, trimmed. Heading lines such as "= Homarus gammarus =" are
    /// left out unless <paramref name="keepHeadings"/> is set.
    /// </summary>
    public static IEnumerable<string> ReadWikiText(string path, bool keepHeadings = false) =>
        ReadSentences(path).Where(t => keepHeadings || !IsWikiTextHeading(t));

    /// <summary>True for a WikiText heading line ("= Title =", "= = Section = =").</summary>
    public static bool IsWikiTextHeading(string trimmedLine) =>
        trimmedLine.Length >= 3 && trimmedLine[0] == '=' && trimmedLine[^1] == '=';

    /// <summary>PTB character lines decoded back to words ("c a t _ s a t" → "cat sat").</summary>
    public static IEnumerable<string> ReadPtbChar(string path) =>
        ReadSentences(path).Select(DecodePtbChar);

    /// <summary>Decodes one PTB character-level line.</summary>
    public static string DecodePtbChar(string line) =>
        string.Join(' ', line.Split(" _ ", StringSplitOptions.RemoveEmptyEntries)
                             .Select(word => word.Replace(" ", "", StringComparison.Ordinal)))
              .Trim();

    /// <summary>The whole file as one string, line breaks included (tiny Shakespeare).</summary>
    public static string ReadText(string path) => File.ReadAllText(path);
}
