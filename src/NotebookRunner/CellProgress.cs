namespace NotebookRunner;

/// <summary>
/// A progress report for one code cell: <see cref="CodeCellIndex"/> of <see cref="CodeCellCount"/>
/// code cells, at notebook position <see cref="CellNumber"/>; <see cref="WallSeconds"/> and
/// <see cref="Succeeded"/> are set once it finished.
/// </summary>
public sealed record CellProgress(
    string NotebookPath,
    int CellNumber,
    int CodeCellIndex,
    int CodeCellCount,
    double? WallSeconds,
    bool? Succeeded)
{
    /// <summary>Whether the cell has finished (successfully or not).</summary>
    public bool IsFinished => WallSeconds is not null;
}
