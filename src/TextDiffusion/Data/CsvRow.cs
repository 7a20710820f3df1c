namespace TextDiffusion.Data;

/// <summary>One CSV record: its fields and the 1-based line on which it starts (a quoted field may span lines).</summary>
public sealed record CsvRow(int LineNumber, IReadOnlyList<string> Fields, string RawText);
