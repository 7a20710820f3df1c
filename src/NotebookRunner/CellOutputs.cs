using System.Text.Json.Nodes;

namespace NotebookRunner;

/// <summary>
/// Collects one cell's outputs in the order they happen: console text (merged into the previous
/// stream output of the same name, as Jupyter does), displayed values, the result and an error.
/// Cell code may write from several threads, so every method takes a lock.
/// </summary>
internal sealed class CellOutputs
{
    private readonly object _gate = new();
    private readonly List<JsonObject> _outputs = [];
    private readonly Dictionary<JsonObject, System.Text.StringBuilder> _streamText = [];

    /// <summary>Appends console text to the "stdout" or "stderr" stream.</summary>
    public void AppendStream(string name, string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        lock (_gate)
        {
            if (_outputs.Count > 0
                && _outputs[^1]["output_type"]?.GetValue<string>() == "stream"
                && _outputs[^1]["name"]?.GetValue<string>() == name)
            {
                _streamText[_outputs[^1]].Append(text);
                return;
            }

            var output = new JsonObject { ["output_type"] = "stream", ["name"] = name };
            _outputs.Add(output);
            _streamText[output] = new System.Text.StringBuilder(text);
        }
    }

    /// <summary>Adds a value shown with display(...).</summary>
    public void AddDisplay(JsonObject mimeBundle)
    {
        lock (_gate)
        {
            _outputs.Add(new JsonObject
            {
                ["output_type"] = "display_data",
                ["data"] = mimeBundle,
                ["metadata"] = new JsonObject(),
            });
        }
    }

    /// <summary>Adds the value of the cell's trailing expression.</summary>
    public void AddResult(JsonObject mimeBundle, int executionCount)
    {
        lock (_gate)
        {
            _outputs.Add(new JsonObject
            {
                ["output_type"] = "execute_result",
                ["data"] = mimeBundle,
                ["execution_count"] = executionCount,
                ["metadata"] = new JsonObject(),
            });
        }
    }

    /// <summary>Adds an nbformat error output.</summary>
    public void AddError(CellFailure failure)
    {
        lock (_gate)
        {
            _outputs.Add(new JsonObject
            {
                ["output_type"] = "error",
                ["ename"] = failure.ErrorName,
                ["evalue"] = failure.ErrorValue,
                ["traceback"] = new JsonArray(failure.Traceback.Select(line => (JsonNode?)line).ToArray()),
            });
        }
    }

    /// <summary>The outputs so far, as nbformat JSON.</summary>
    public IReadOnlyList<JsonObject> Snapshot()
    {
        lock (_gate)
        {
            foreach (var (output, text) in _streamText)
            {
                output["text"] = NotebookJson.ToLines(text.ToString());
            }

            return _outputs.Select(output => (JsonObject)output.DeepClone()).ToList();
        }
    }
}
