using System.Text.RegularExpressions;

namespace TextDiffusion.Evaluation;

/// <summary>
/// sacreBLEU's default "13a" tokenisation (mteval-v13a): unescape a few HTML entities, split off
/// punctuation and symbols, split periods and commas unless they sit between digits, split a dash
/// after a digit, collapse whitespace.
/// </summary>
public static partial class Tokenizer13a
{
    [GeneratedRegex(@"([\{-\~\[-\` -\&\(-\+\:-\@\/])")] private static partial Regex Symbols();
    [GeneratedRegex(@"([^0-9])([\.,])")] private static partial Regex PeriodAfterNonDigit();
    [GeneratedRegex(@"([\.,])([^0-9])")] private static partial Regex PeriodBeforeNonDigit();
    [GeneratedRegex(@"([0-9])(-)")] private static partial Regex DashAfterDigit();

    public static string[] Tokenize(string line)
    {
        line = line.Replace("<skipped>", "").Replace("-\n", "").Replace("\n", " ");
        if (line.Contains('&'))
            line = line.Replace("&quot;", "\"").Replace("&amp;", "&").Replace("&lt;", "<").Replace("&gt;", ">");
        line = $" {line} ";
        line = Symbols().Replace(line, " $1 ");
        line = PeriodAfterNonDigit().Replace(line, "$1 $2 ");
        line = PeriodBeforeNonDigit().Replace(line, " $1 $2");
        line = DashAfterDigit().Replace(line, "$1 $2 ");
        return line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
    }
}
