using System.Text;

namespace TextDiffusion.Data;

/// <summary>Lazily reads a UTF-8 text file line by line (LF or CRLF endings, optional BOM).</summary>
public static class LineReader
{
    /// <summary>Yields every line with its number; the file is opened on the first MoveNext and closed at the end.</summary>
    public static IEnumerable<NumberedLine> Read(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        int number = 0;
        while (reader.ReadLine() is { } line)
            yield return new NumberedLine(++number, line);
    }

    /// <summary>Counts lines the way <c>wc -l</c> does, except that a last line without a newline also counts.</summary>
    public static int Count(string path) => Read(path).Count();
}

/// <summary>One line of a text file with its 1-based line number.</summary>
public readonly record struct NumberedLine(int Number, string Text);
