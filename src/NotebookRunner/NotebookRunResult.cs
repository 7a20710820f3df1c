namespace NotebookRunner;

/// <summary>What a notebook run did: how many cells ran, for how long, and the failure if any.</summary>
public sealed record NotebookRunResult(
    string NotebookPath,
    string OutputPath,
    int CellsExecuted,
    int CodeCellCount,
    TimeSpan Elapsed,
    CellFailure? Failure)
{
    /// <summary>True when every code cell ran without error.</summary>
    public bool Succeeded => Failure is null;
}
