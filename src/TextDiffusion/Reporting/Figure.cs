using Torch;
using System.Text;
using System.Text.Json;
using Microsoft.DotNet.Interactive.Formatting;

namespace TextDiffusion.Reporting;

/// <summary>
/// A chart, built fluently and emitted as plotly.js figure JSON (no Plotly.NET needed). In a
/// notebook, displaying a figure renders it as interactive HTML and a PNG (<see cref="FigureFormatterSource"/>);
/// <see cref="SaveHtml"/> and <see cref="SavePng"/> write files.
/// </summary>
/// <example>
/// <code>
/// new Figure("Validation loss").Axes("step", "loss").Line(steps, ours, "ours").Line(steps, paper, "paper")
/// </code>
/// </example>
[TypeFormatterSource(typeof(FigureFormatterSource))]
public sealed class Figure
{
    private readonly List<Trace> _traces = [];

    /// <summary>Creates an empty figure.</summary>
    public Figure(string? title = null) => Title = title;

    /// <summary>Title above the plot.</summary>
    public string? Title { get; set; }

    /// <summary>X axis label.</summary>
    public string? XTitle { get; set; }

    /// <summary>Y axis label.</summary>
    public string? YTitle { get; set; }

    /// <summary>Logarithmic x axis.</summary>
    public bool LogX { get; set; }

    /// <summary>Logarithmic y axis.</summary>
    public bool LogY { get; set; }

    /// <summary>The x axis range (plotly autoscales when null).</summary>
    public (double Min, double Max)? XRange { get; set; }

    /// <summary>Hides both axes (ticks, grid and titles): for a picture made of text.</summary>
    public bool HideAxes { get; set; }

    /// <summary>Whether to show the legend.</summary>
    public bool ShowLegend { get; set; } = true;

    /// <summary>Width in pixels.</summary>
    public int Width { get; set; } = 720;

    /// <summary>Height in pixels.</summary>
    public int Height { get; set; } = 440;

    /// <summary>The traces, in drawing order.</summary>
    public IReadOnlyList<Trace> Traces => _traces;

    /// <summary>Adds any trace.</summary>
    public Figure Add(Trace trace)
    {
        _traces.Add(trace);
        return this;
    }

    /// <summary>Sets the axis labels.</summary>
    public Figure Axes(string? x, string? y)
    {
        XTitle = x;
        YTitle = y;
        return this;
    }

    /// <summary>Sets the size in pixels.</summary>
    public Figure Size(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        Width = width;
        Height = height;
        return this;
    }

    /// <summary>Adds a line through (x, y), with optional ± error bars.</summary>
    public Figure Line(IEnumerable<double> x, IEnumerable<double> y, string? name = null, IEnumerable<double>? errorY = null) =>
        Add(new ScatterTrace(x.ToArray(), y.ToArray(), name, ScatterMode.Lines, errorY?.ToArray()));

    /// <summary>Adds a line through the metrics' means, each with its own interval (possibly lopsided) as the error bar.</summary>
    public Figure Line(IEnumerable<double> x, IEnumerable<Metric> y, string? name = null)
    {
        var (mean, plus, minus) = Intervals(y);
        return Add(new ScatterTrace(x.ToArray(), mean, name, ScatterMode.Lines, plus, minus));
    }

    /// <summary>Adds unconnected points, with optional ± error bars.</summary>
    public Figure Scatter(IEnumerable<double> x, IEnumerable<double> y, string? name = null, IEnumerable<double>? errorY = null) =>
        Add(new ScatterTrace(x.ToArray(), y.ToArray(), name, ScatterMode.Markers, errorY?.ToArray()));

    /// <summary>Adds bars over categories, with optional ± error bars.</summary>
    public Figure Bar(IEnumerable<string> categories, IEnumerable<double> values, string? name = null, IEnumerable<double>? errorY = null) =>
        Add(new BarTrace(categories.ToArray(), values.ToArray(), name, errorY?.ToArray()));

    /// <summary>Adds bars at the metrics' means, each with its own interval (possibly lopsided) as the error bar.</summary>
    public Figure Bar(IEnumerable<string> categories, IEnumerable<Metric> values, string? name = null)
    {
        var (mean, plus, minus) = Intervals(values);
        return Add(new BarTrace(categories.ToArray(), mean, name, plus, minus));
    }

    /// <summary>Adds text labels at (x, y), left-aligned in a monospaced font.</summary>
    public Figure Text(IEnumerable<double> x, IEnumerable<double> y, IEnumerable<string> labels, string? name = null) =>
        Add(new TextTrace(x.ToArray(), y.ToArray(), labels.ToArray(), name));

    /// <summary>Adds a heatmap of z[row, column].</summary>
    public Figure Heatmap(double[,] z, IEnumerable<string>? x = null, IEnumerable<string>? y = null, string? name = null) =>
        Add(new HeatmapTrace(z, x?.ToArray(), y?.ToArray(), name));

    /// <summary>Adds a histogram of the values.</summary>
    public Figure Histogram(IEnumerable<double> values, string? name = null, int? bins = null) =>
        Add(new HistogramTrace(values.ToArray(), name, bins));

    /// <summary>The plotly.js figure: <c>{"data": [...], "layout": {...}}</c>.</summary>
    public string ToJson(bool indented = false)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("data");
            foreach (var trace in _traces)
            {
                trace.WriteTo(writer);
            }

            writer.WriteEndArray();
            WriteLayout(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// An HTML fragment for a notebook: a div and a script that loads plotly.js from its CDN (through
    /// require.js when the page has it, as in Jupyter) and draws the figure.
    /// </summary>
    public string ToHtml() => FigureHtml.Fragment(this);

    /// <summary>
    /// A complete HTML page. With <paramref name="inlinePlotly"/> (default) plotly.js is embedded
    /// from tools/node_modules when installed (scripts/setup-charts.sh), so the file works offline;
    /// otherwise the page loads plotly.js from its CDN.
    /// </summary>
    public string ToHtmlPage(bool inlinePlotly = true) =>
        FigureHtml.Page(this, inlinePlotly ? PlotlyJs.FindLocalBundle() : null);

    /// <summary>Writes <see cref="ToHtmlPage"/> atomically; a relative path is taken under results/. Returns the full path.</summary>
    public string SaveHtml(string path) => AtomicFile.WriteAllText(ResultPaths.Resolve(path), ToHtmlPage());

    /// <summary>Renders a PNG in headless Chromium (see <see cref="ChartExporter"/>); a relative path is taken under results/.</summary>
    public string SavePng(string path) => ChartExporter.ExportPng(this, ResultPaths.Resolve(path)).PngPath;

    /// <inheritdoc />
    public override string ToString() =>
        $"Figure \"{Title}\" ({_traces.Count} trace{(_traces.Count == 1 ? "" : "s")}: {string.Join(", ", _traces.Select(t => t.Name ?? t.GetType().Name))})";

    private void WriteLayout(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("layout");
        if (Title is not null)
        {
            writer.WriteStartObject("title");
            writer.WriteString("text", Title);
            writer.WriteEndObject();
        }

        WriteAxis(writer, "xaxis", XTitle, LogX, HideAxes, XRange);
        WriteAxis(writer, "yaxis", YTitle, LogY, HideAxes, null);
        writer.WriteBoolean("showlegend", ShowLegend);
        writer.WriteString("barmode", "group");
        writer.WriteNumber("width", Width);
        writer.WriteNumber("height", Height);
        writer.WriteStartObject("margin");
        writer.WriteNumber("l", 64);
        writer.WriteNumber("r", 24);
        writer.WriteNumber("t", Title is null ? 24 : 56);
        writer.WriteNumber("b", 56);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>Each metric's mean, and its interval as error bars above and below it (a bootstrap interval can be lopsided).</summary>
    static (double[] Mean, double[] Plus, double[] Minus) Intervals(IEnumerable<Metric> metrics)
    {
        var m = metrics.ToArray();
        return (m.Select(v => v.Mean).ToArray(), m.Select(v => v.Upper - v.Mean).ToArray(), m.Select(v => v.Mean - v.Lower).ToArray());
    }

    private static void WriteAxis(Utf8JsonWriter writer, string name, string? title, bool log, bool hidden, (double Min, double Max)? range)
    {
        writer.WriteStartObject(name);
        if (range is { } r)
        {
            writer.WriteStartArray("range");
            writer.WriteNumberValue(r.Min);
            writer.WriteNumberValue(r.Max);
            writer.WriteEndArray();
        }

        if (hidden)
        {
            writer.WriteBoolean("visible", false);
        }
        else
        {
            // Plotly rotates long category labels; a fixed margin cut them ("embedding dim 64" and "… 128" both read "embedding dim"):
            // automargin grows the margin to hold the tick labels and the title.
            writer.WriteBoolean("automargin", true);
        }

        if (title is not null)
        {
            writer.WriteStartObject("title");
            writer.WriteString("text", title);
            writer.WriteEndObject();
        }

        if (log)
        {
            writer.WriteString("type", "log");
        }

        writer.WriteEndObject();
    }
}
