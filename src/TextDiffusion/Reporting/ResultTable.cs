using Torch;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.DotNet.Interactive.Formatting;

namespace TextDiffusion.Reporting;

/// <summary>
/// A results table (e.g. a paper table next to our reproduction) with any columns. Cells keep
/// their values: numbers are formatted with <see cref="NumberFormat"/> for display and written at
/// full precision to CSV; a <see cref="Metric"/> prints as <c>mean ± half-width</c>. Renders as
/// HTML in notebooks and as Markdown and CSV under results/.
/// </summary>
[TypeFormatterSource(typeof(ResultTableFormatterSource), PreferredMimeTypes = ["text/html", "text/plain"])]
public sealed class ResultTable
{
    private readonly List<object?[]> _rows = [];

    /// <summary>Creates an empty table with the given column headers.</summary>
    public ResultTable(string title, params string[] columns)
    {
        if (columns.Length == 0)
        {
            throw new ArgumentException("A table needs at least one column.", nameof(columns));
        }

        Title = title;
        Columns = columns;
    }

    /// <summary>The caption.</summary>
    public string Title { get; }

    /// <summary>The column headers.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The rows' raw cell values.</summary>
    public IReadOnlyList<IReadOnlyList<object?>> Rows => _rows;

    /// <summary>.NET format for floating-point and decimal cells in HTML and Markdown.</summary>
    public string NumberFormat { get; set; } = "0.###";

    /// <summary>The usual reproduction table: a row label, our value, the paper's value and a note.</summary>
    public static ResultTable Comparison(string title, string rowHeader = "Setting") =>
        new(title, rowHeader, "Ours", "Paper", "Note");

    /// <summary>Adds a row; it must have one value per column.</summary>
    public ResultTable AddRow(params object?[] cells)
    {
        if (cells.Length != Columns.Count)
        {
            throw new ArgumentException($"The row has {cells.Length} cells but the table has {Columns.Count} columns.", nameof(cells));
        }

        _rows.Add(cells);
        return this;
    }

    /// <summary>Adds several rows, e.g. one per variant of an ablation.</summary>
    public ResultTable AddRows(IEnumerable<object?[]> rows)
    {
        foreach (var row in rows)
        {
            AddRow(row);
        }

        return this;
    }

    /// <summary>Adds a row of a <see cref="Comparison"/> table.</summary>
    public ResultTable AddComparison(string label, object? ours, object? paper, string? note = null) =>
        AddRow(label, ours, paper, note);

    /// <summary>A GitHub-flavoured Markdown table, captioned with the title; numeric columns right-aligned.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        if (!string.IsNullOrEmpty(Title))
        {
            text.Append("**").Append(EscapeMarkdown(Title)).Append("**\n\n");
        }

        text.Append("| ").AppendJoin(" | ", Columns.Select(EscapeMarkdown)).Append(" |\n");
        text.Append('|').AppendJoin('|', Columns.Select((_, c) => IsNumericColumn(c) ? " ---: " : " --- ")).Append("|\n");
        foreach (var row in _rows)
        {
            text.Append("| ").AppendJoin(" | ", row.Select(cell => EscapeMarkdown(Display(cell)))).Append(" |\n");
        }

        return text.ToString();
    }

    /// <summary>RFC 4180 CSV with a header row; numbers at full precision, invariant culture.</summary>
    public string ToCsv()
    {
        var text = new StringBuilder();
        text.AppendJoin(',', Columns.Select(QuoteCsv)).Append('\n');
        foreach (var row in _rows)
        {
            text.AppendJoin(',', row.Select(cell => QuoteCsv(Raw(cell)))).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>An HTML table with the title as caption; values are HTML-encoded.</summary>
    public string ToHtml()
    {
        var html = new StringBuilder();
        html.Append("<table class=\"td-result-table\">\n");
        if (!string.IsNullOrEmpty(Title))
        {
            html.Append("<caption>").Append(WebUtility.HtmlEncode(Title)).Append("</caption>\n");
        }

        html.Append("<thead><tr>");
        for (var c = 0; c < Columns.Count; c++)
        {
            html.Append("<th").Append(Align(c)).Append('>').Append(WebUtility.HtmlEncode(Columns[c])).Append("</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in _rows)
        {
            html.Append("<tr>");
            for (var c = 0; c < row.Length; c++)
            {
                html.Append("<td").Append(Align(c)).Append('>').Append(WebUtility.HtmlEncode(Display(row[c]))).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
        return html.ToString();
    }

    /// <summary>
    /// Writes <c>{name}.md</c> and <c>{name}.csv</c> atomically under <paramref name="directory"/>
    /// (default <see cref="ResultPaths.Directory"/>); the name defaults to a slug of the title.
    /// </summary>
    public ResultFiles Save(string? name = null, string? directory = null)
    {
        name ??= ResultPaths.Slug(Title, fallback: "table");
        directory ??= ResultPaths.Directory;
        return new ResultFiles(
            AtomicFile.WriteAllText(Path.Combine(directory, name + ".md"), ToMarkdown()),
            AtomicFile.WriteAllText(Path.Combine(directory, name + ".csv"), ToCsv()));
    }

    /// <inheritdoc />
    public override string ToString() => ToMarkdown();

    private string Align(int column) => IsNumericColumn(column) ? " style=\"text-align:right\"" : "";

    private bool IsNumericColumn(int column)
    {
        var values = _rows.Select(row => row[column]).Where(cell => cell is not null).ToList();
        return values.Count > 0 && values.All(IsNumber);
    }

    private static bool IsNumber(object? cell) =>
        cell is Metric or double or float or decimal or int or long or short or byte or uint or ulong or ushort or sbyte;

    private string Display(object? cell) => cell switch
    {
        null => "",
        string text => text,
        Metric metric => metric.ToString(),
        double value => Number(value),
        float value => Number(value),
        decimal value => value.ToString(NumberFormat, CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? "",
    };

    /// <summary>A number in <see cref="NumberFormat"/>, unless that would show a non-zero value as 0 (λ = 1e-4): then 3 significant digits.</summary>
    private string Number(double value)
    {
        string text = value.ToString(NumberFormat, CultureInfo.InvariantCulture);
        return value != 0 && double.IsFinite(value) && text.Trim('-', '0', '.').Length == 0
            ? value.ToString("G3", CultureInfo.InvariantCulture)
            : text;
    }

    private static string Raw(object? cell) => cell switch
    {
        null => "",
        double value => value.ToString("R", CultureInfo.InvariantCulture),
        float value => value.ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? "",
    };

    private static string QuoteCsv(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : field;

    private static string EscapeMarkdown(string text) =>
        text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\r\n", "<br>", StringComparison.Ordinal).Replace("\n", "<br>", StringComparison.Ordinal);
}

/// <summary>The files <see cref="ResultTable.Save"/> wrote.</summary>
public sealed record ResultFiles(string Markdown, string Csv);
