namespace TextDiffusion.Reporting;

/// <summary>A chart could not be exported: a missing tool, a browser failure or a script error in the page.</summary>
public sealed class ChartExportException(string message) : Exception(message);
