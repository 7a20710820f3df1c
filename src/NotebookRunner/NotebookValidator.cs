using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotebookRunner;

/// <summary>
/// Checks that a notebook is a C# Polyglot notebook as VS Code writes it (see
/// <see cref="NotebookFormat"/>), so a hand-edited or generated notebook that VS Code would open
/// with the wrong kernel is caught in CI.
/// </summary>
public static partial class NotebookValidator
{
    /// <summary>Returns the problems found; an empty list means the notebook is well-formed.</summary>
    public static IReadOnlyList<string> Validate(JsonObject notebook)
    {
        var problems = new List<string>();

        if (!IsInteger(notebook["nbformat"], 4))
        {
            problems.Add("nbformat must be 4");
        }

        if (!IsInteger(notebook["nbformat_minor"], null))
        {
            problems.Add("nbformat_minor must be an integer");
        }

        var kernelspec = notebook["metadata"]?["kernelspec"];
        if (Text(kernelspec?["name"]) != ".net-csharp" || Text(kernelspec?["language"]) != "C#")
        {
            problems.Add("metadata.kernelspec must be {name \".net-csharp\", language \"C#\"}");
        }

        if (Text(notebook["metadata"]?["polyglot_notebook"]?["kernelInfo"]?["defaultKernelName"]) != NotebookFormat.CSharpKernelName)
        {
            problems.Add("metadata.polyglot_notebook.kernelInfo.defaultKernelName must be \"csharp\"");
        }

        if (notebook["cells"] is not JsonArray cells)
        {
            problems.Add("cells must be an array");
            return problems;
        }

        for (var i = 0; i < cells.Count; i++)
        {
            ValidateCell(cells[i], $"cell {i + 1}", problems);
        }

        // nbformat 4.5 added cell ids: required from then on, unique, 1-64 of [a-zA-Z0-9-_].
        if (IsInteger(notebook["nbformat_minor"], null) && notebook["nbformat_minor"]!.GetValue<int>() >= 5)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < cells.Count; i++)
            {
                if (Text(cells[i]?["id"]) is not { } id || !CellId().IsMatch(id) || !seen.Add(id))
                {
                    problems.Add($"cell {i + 1}: nbformat 4.5 needs a unique id of 1-64 letters, digits, '-' or '_'");
                }
            }
        }

        return problems;
    }

    private static void ValidateCell(JsonNode? node, string where, List<string> problems)
    {
        if (node is not JsonObject cell)
        {
            problems.Add($"{where}: not an object");
            return;
        }

        var type = Text(cell["cell_type"]);
        if (type is not ("code" or "markdown" or "raw"))
        {
            problems.Add($"{where}: cell_type must be code, markdown or raw");
        }

        if (cell["source"] is not JsonArray source || source.Any(line => line?.GetValueKind() != JsonValueKind.String))
        {
            problems.Add($"{where}: source must be an array of strings");
        }
        else
        {
            for (var j = 0; j < source.Count - 1; j++)
            {
                if (!source[j]!.GetValue<string>().EndsWith('\n'))
                {
                    problems.Add($"{where}: source line {j + 1} must end with \\n (only the last line may not)");
                    break;
                }
            }
        }

        if (type != "code")
        {
            return;
        }

        if (Text(cell["metadata"]?["polyglot_notebook"]?["kernelName"]) != NotebookFormat.CSharpKernelName)
        {
            problems.Add($"{where}: metadata.polyglot_notebook.kernelName must be \"csharp\"");
        }

        if (cell["outputs"] is not JsonArray)
        {
            problems.Add($"{where}: outputs must be an array");
        }

        if (cell["execution_count"] is { } count && !IsInteger(count, null))
        {
            problems.Add($"{where}: execution_count must be null or an integer");
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-zA-Z0-9_-]{1,64}$")]
    private static partial System.Text.RegularExpressions.Regex CellId();

    private static string? Text(JsonNode? node) =>
        node?.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;

    private static bool IsInteger(JsonNode? node, int? expected) =>
        node?.GetValueKind() == JsonValueKind.Number
        && node.AsValue().TryGetValue<int>(out var value)
        && (expected is null || value == expected);
}
