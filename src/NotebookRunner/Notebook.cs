using System.Text.Json.Nodes;

namespace NotebookRunner;

/// <summary>
/// A loaded .ipynb file. Keeps the whole JSON tree, so metadata the runner does not know about
/// survives a run untouched.
/// </summary>
public sealed class Notebook
{
    private Notebook(JsonObject root, IReadOnlyList<NotebookCell> cells)
    {
        Root = root;
        Cells = cells;
    }

    /// <summary>The notebook's JSON.</summary>
    public JsonObject Root { get; }

    /// <summary>The cells, in order.</summary>
    public IReadOnlyList<NotebookCell> Cells { get; }

    /// <summary>Top-level metadata, created when missing.</summary>
    public JsonObject Metadata => Root["metadata"] as JsonObject ?? (JsonObject)(Root["metadata"] = new JsonObject());

    /// <summary>Reads a notebook; throws <see cref="InvalidDataException"/> when it is not an nbformat 4 notebook.</summary>
    public static Notebook Load(string path) => FromJson(NotebookJson.Parse(File.ReadAllText(path), path), path);

    /// <summary>Wraps an already-parsed notebook object.</summary>
    public static Notebook FromJson(JsonObject root, string sourceName)
    {
        if (root["cells"] is not JsonArray cells)
        {
            throw new InvalidDataException($"{sourceName} has no \"cells\" array; it is not an nbformat 4 notebook.");
        }

        var wrapped = new List<NotebookCell>(cells.Count);
        for (var i = 0; i < cells.Count; i++)
        {
            if (cells[i] is not JsonObject cell)
            {
                throw new InvalidDataException($"{sourceName}: cell {i + 1} is not a JSON object.");
            }

            wrapped.Add(new NotebookCell(cell, i + 1));
        }

        return new Notebook(root, wrapped);
    }

    /// <summary>Writes the notebook atomically in VS Code's layout.</summary>
    public void Save(string path) => NotebookJson.WriteAtomically(path, NotebookJson.Serialize(Root));
}
