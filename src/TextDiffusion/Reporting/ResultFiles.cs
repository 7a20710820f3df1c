namespace TextDiffusion.Reporting;

/// <summary>The files <see cref="ResultTable.Save"/> wrote.</summary>
public sealed record ResultFiles(string Markdown, string Csv);
