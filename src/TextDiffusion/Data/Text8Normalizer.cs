using System.Text;

namespace TextDiffusion.Data;

/// <summary>
/// Normalises text the way text8 was made from Wikipedia (Matt Mahoney's wikifil.pl): letters are
/// lowercased, each digit is spelled out as a word ("2007" → "two zero zero seven"), every other
/// character (punctuation, accented letters, line breaks) becomes a space, and runs of spaces collapse
/// to one. Leading and trailing spaces are removed. The result holds only 'a'–'z' and ' '.
/// </summary>
public static class Text8Normalizer
{
    private static readonly string[] DigitWords = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

    /// <summary>The text8 form of <paramref name="text"/>.</summary>
    public static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        bool pendingSpace = false;
        void Emit(string word)
        {
            if (pendingSpace && sb.Length > 0) sb.Append(' ');
            pendingSpace = false;
            sb.Append(word);
        }
        foreach (char c in text)
        {
            if (c is >= 'a' and <= 'z') Emit(c.ToString());
            else if (c is >= 'A' and <= 'Z') Emit(((char)(c + ('a' - 'A'))).ToString());
            else if (c is >= '0' and <= '9')
            {
                pendingSpace = true;
                Emit(DigitWords[c - '0']);
                pendingSpace = true;
            }
            else pendingSpace = true;
        }
        return sb.ToString();
    }

    /// <summary>Normalises many lines into one text8-style string (lines joined by a space).</summary>
    public static string Normalize(IEnumerable<string> lines) => Normalize(string.Join(' ', lines));
}
