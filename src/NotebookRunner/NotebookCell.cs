using System.Text.Json.Nodes;

namespace NotebookRunner;

/// <summary>One cell of a <see cref="Notebook"/>, as a view over its JSON object.</summary>
public sealed class NotebookCell
{
    internal NotebookCell(JsonObject json, int number)
    {
        Json = json;
        Number = number;
    }

    /// <summary>The cell's JSON.</summary>
    public JsonObject Json { get; }

    /// <summary>1-based position in the notebook, counting every cell (as VS Code shows them).</summary>
    public int Number { get; }

    /// <summary>"code", "markdown" or "raw".</summary>
    public string CellType => Json["cell_type"]?.GetValue<string>() ?? "";

    /// <summary>Whether the cell holds code to execute.</summary>
    public bool IsCode => CellType == "code";

    /// <summary>The source text, joined from nbformat's line array.</summary>
    public string Source => NotebookJson.JoinLines(Json["source"]);

    /// <summary>The Polyglot kernel named in the cell metadata, if any.</summary>
    public string? KernelName =>
        Json["metadata"]?["polyglot_notebook"]?["kernelName"]?.GetValue<string>()
        ?? Json["metadata"]?["dotnet_interactive"]?["language"]?.GetValue<string>();

    /// <summary>The cell's outputs array (created when missing).</summary>
    public JsonArray Outputs => Json["outputs"] as JsonArray ?? (JsonArray)(Json["outputs"] = new JsonArray());

    /// <summary>The cell's metadata object (created when missing).</summary>
    public JsonObject Metadata => Json["metadata"] as JsonObject ?? (JsonObject)(Json["metadata"] = new JsonObject());

    /// <summary>The execution count, or null when the cell has not run.</summary>
    public int? ExecutionCount
    {
        get => Json["execution_count"]?.GetValue<int>();
        set => Json["execution_count"] = value;
    }
}
