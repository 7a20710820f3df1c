namespace TextDiffusion.Reporting;

/// <summary>A PNG written by <see cref="ChartExporter"/>, with what the page logged to the browser console.</summary>
public sealed record ChartRender(string PngPath, IReadOnlyList<string> ConsoleMessages);
