namespace NotebookRunner;

/// <summary>Why a cell failed, in nbformat's error terms (ename, evalue, traceback).</summary>
public sealed record CellFailure(int CellNumber, string ErrorName, string ErrorValue, IReadOnlyList<string> Traceback)
{
    /// <summary>A one-paragraph message naming the notebook, the cell and the error.</summary>
    public string Describe(string notebookPath) =>
        $"{notebookPath}: cell {CellNumber} failed: {ErrorName}: {ErrorValue}";
}
