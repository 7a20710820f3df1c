namespace TextDiffusion.Reporting;

/// <summary>
/// The formatter source named by <see cref="Microsoft.DotNet.Interactive.Formatting.TypeFormatterSourceAttribute"/>
/// on <see cref="Figure"/> and <see cref="ResultTable"/>. .NET Interactive calls it by convention:
/// a parameterless constructor and <c>CreateTypeFormatters()</c>, whose items expose
/// <c>string MimeType</c> and <c>bool Format(object instance, TextWriter writer)</c>.
/// </summary>
internal sealed class NotebookFormatterSource
{
    public IEnumerable<object> CreateTypeFormatters() =>
    [
        new NotebookFormatter("text/html", instance => instance switch
        {
            Figure figure => figure.ToHtml(),
            ResultTable table => table.ToHtml(),
            _ => null,
        }),
        new NotebookFormatter("text/plain", instance => instance switch
        {
            Figure or ResultTable => instance.ToString(),
            _ => null,
        }),
    ];
}

/// <summary>One MIME type's formatter, in the shape .NET Interactive's convention expects.</summary>
internal sealed class NotebookFormatter(string mimeType, Func<object, string?> render)
{
    public string MimeType { get; } = mimeType;

    public bool Format(object instance, TextWriter writer)
    {
        if (render(instance) is not { } text)
        {
            return false;
        }

        writer.Write(text);
        return true;
    }
}
