namespace NotebookRunner;

/// <summary>A cell the runner refuses before compiling it (an unsupported directive or kernel).</summary>
public sealed class NotebookCellException(string message) : Exception(message);
