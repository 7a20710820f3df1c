namespace NotebookRunner;

/// <summary>
/// Members every cell can call, as in .NET Interactive: <c>display(value)</c> shows a value
/// (HTML when it has an HTML form) without ending the cell.
/// </summary>
public sealed class NotebookGlobals
{
    internal CellOutputs? Current { get; set; }

    /// <summary>Shows a value as a display_data output of the running cell.</summary>
    // The lower-case name is .NET Interactive's, so notebooks read the same in VS Code and CI.
#pragma warning disable IDE1006
    public void display(object? value) => Current?.AddDisplay(DisplayFormatter.Format(value));
#pragma warning restore IDE1006
}
