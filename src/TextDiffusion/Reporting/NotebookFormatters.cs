using Microsoft.DotNet.Interactive.Formatting;

namespace TextDiffusion.Reporting;

/// <summary>
/// How a <see cref="Figure"/> shows in a notebook, registered with .NET Interactive's formatter through
/// <see cref="TypeFormatterSourceAttribute"/>; VS Code and <c>td reproduce</c> run the same kernel, so they
/// write the same outputs. Where Chromium and plotly.js are installed (scripts/setup-charts.sh) a figure is
/// <c>text/html</c> (interactive plotly.js, with the PNG inside, shown until or unless plotly.js loads from
/// its CDN) and <c>image/png</c> (what GitHub, nbviewer and offline readers show), both from one render;
/// elsewhere it is <c>text/html</c> alone.
/// </summary>
internal sealed class FigureFormatterSource : ITypeFormatterSource
{
    public IEnumerable<ITypeFormatter> CreateTypeFormatters()
    {
        // Called once, before the first figure is formatted (as LaTeXStringFormatterSource does in .NET Interactive).
        Formatter.SetPreferredMimeTypesFor(typeof(Figure), ChartExporter.IsAvailable ? ["text/html", "image/png"] : ["text/html"]);
        return
        [
            new NotebookFormatter<Figure>(HtmlFormatter.MimeType, figure => FigureHtml.Fragment(figure, ChartExporter.PngBase64(figure))),
            new NotebookFormatter<Figure>("image/png", figure => ChartExporter.PngBase64(figure)
                ?? throw new ChartExportException("image/png was asked for, but Chromium or plotly.js is not installed; run scripts/setup-charts.sh.")),
        ];
    }
}

/// <summary>How a <see cref="ResultTable"/> shows in a notebook: <c>text/html</c>, and Markdown as <c>text/plain</c>.</summary>
internal sealed class ResultTableFormatterSource : ITypeFormatterSource
{
    public IEnumerable<ITypeFormatter> CreateTypeFormatters() =>
    [
        new NotebookFormatter<ResultTable>(HtmlFormatter.MimeType, table => table.ToHtml()),
        new NotebookFormatter<ResultTable>(PlainTextFormatter.MimeType, table => table.ToMarkdown()),
    ];
}

/// <summary>One MIME type's text for values of type <typeparamref name="T"/>.</summary>
internal sealed class NotebookFormatter<T>(string mimeType, Func<T, string> render) : TypeFormatter<T>
{
    public override string MimeType { get; } = mimeType;

    public override bool Format(T value, FormatContext context)
    {
        context.Writer.Write(render(value));
        return true;
    }
}
