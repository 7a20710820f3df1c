using System.Text;

namespace TextDiffusion.Data;

/// <summary>
/// A small RFC 4180 CSV reader: comma-separated fields, fields optionally in double quotes, a doubled
/// quote inside a quoted field stands for one quote, and quoted fields may contain commas and line
/// breaks (read back as "\n"). Lines are read lazily. A quote inside an unquoted field, text after a
/// closing quote, or an unterminated quoted field is malformed and reported with line number and text.
/// Empty physical lines outside quotes hold no record and are passed over.
/// </summary>
public static class CsvReader
{
    /// <summary>Yields every record of the file, header included.</summary>
    public static IEnumerable<CsvRow> Read(string path, LoadOptions? options = null)
    {
        options ??= LoadOptions.Strict();
        using var lines = LineReader.Read(path).GetEnumerator();
        while (lines.MoveNext())
        {
            var first = lines.Current;
            if (first.Text.Length == 0) continue;
            var fields = new List<string>();
            var field = new StringBuilder();
            var raw = new StringBuilder(first.Text);
            var line = first;
            string? error = null;
            bool inQuotes = false, afterClosingQuote = false;
            int i = 0;
            while (error is null)
            {
                if (i == line.Text.Length)
                {
                    if (!inQuotes)
                    {
                        fields.Add(field.ToString());
                        break;
                    }
                    if (!lines.MoveNext())
                    {
                        error = "unterminated quoted field (end of file inside quotes)";
                        break;
                    }
                    line = lines.Current;
                    raw.Append('\n').Append(line.Text);
                    field.Append('\n');
                    i = 0;
                    continue;
                }

                char c = line.Text[i++];
                if (inQuotes)
                {
                    if (c != '"') field.Append(c);
                    else if (i < line.Text.Length && line.Text[i] == '"') { field.Append('"'); i++; }
                    else { inQuotes = false; afterClosingQuote = true; }
                }
                else if (c == ',')
                {
                    fields.Add(field.ToString());
                    field.Clear();
                    afterClosingQuote = false;
                }
                else if (afterClosingQuote)
                    error = $"unexpected character '{c}' after a closing quote (column {i})";
                else if (c == '"')
                {
                    if (field.Length == 0) inQuotes = true;
                    else error = $"quote inside an unquoted field (column {i})";
                }
                else field.Append(c);
            }

            if (error is null)
                yield return new CsvRow(first.Number, fields, raw.ToString());
            else
                options.Report(new DataFormatException(path, line.Number, raw.ToString(), "malformed CSV: " + error));
        }
    }

    /// <summary>
    /// Reads a CSV file with a header row and yields the data rows. Each row must have as many fields as
    /// the header. <paramref name="header"/> receives the column names (after the first MoveNext).
    /// </summary>
    public static IEnumerable<CsvRow> ReadWithHeader(string path, Action<IReadOnlyList<string>> header, LoadOptions? options = null)
    {
        options ??= LoadOptions.Strict();
        int columns = -1;
        foreach (var row in Read(path, options))
        {
            if (columns < 0)
            {
                columns = row.Fields.Count;
                header(row.Fields);
                continue;
            }
            if (row.Fields.Count != columns)
            {
                options.Report(new DataFormatException(path, row.LineNumber, row.RawText,
                    $"expected {columns} fields as in the header, found {row.Fields.Count}"));
                continue;
            }
            yield return row;
        }
        if (columns < 0)
            throw new DataFormatException(path, 1, "", "CSV file is empty (no header row)");
    }
}

/// <summary>One CSV record: its fields and the 1-based line on which it starts (a quoted field may span lines).</summary>
public sealed record CsvRow(int LineNumber, IReadOnlyList<string> Fields, string RawText);
