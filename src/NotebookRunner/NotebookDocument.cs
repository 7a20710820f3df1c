using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace NotebookRunner;

/// <summary>
/// Reads and writes .ipynb files with .NET Interactive's own serializer
/// (<c>Microsoft.DotNet.Interactive.Documents.Jupyter.Notebook</c>, which VS Code's Polyglot Notebooks
/// uses too). It writes nbformat 4.5, which requires a cell id: cells without one get a stable id
/// derived from their position and text.
/// </summary>
public static class NotebookDocument
{
    /// <summary>Reads a notebook; throws <see cref="InvalidDataException"/> naming the file when it is not an nbformat 4 notebook.</summary>
    public static InteractiveDocument Load(string path)
    {
        var json = File.ReadAllText(path);
        var root = NotebookJson.Parse(json, path);
        if (root["cells"] is not JsonArray)
        {
            throw new InvalidDataException($"{path} has no \"cells\" array; it is not an nbformat 4 notebook.");
        }

        try
        {
            return Notebook.Parse(json);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            throw new InvalidDataException($"{path} is not a notebook .NET Interactive can read: {e.Message}", e);
        }
    }

    /// <summary>Writes the notebook atomically (temporary file, then rename), with a trailing newline.</summary>
    public static void Save(InteractiveDocument document, string path)
    {
        AssignCellIds(document);
        NotebookJson.WriteAtomically(path, document.ToJupyterJson() + "\n");
    }

    /// <summary>Whether the element is a code cell (markdown cells carry the kernel name "markdown").</summary>
    public static bool IsCode(InteractiveDocumentElement element) => element.KernelName != "markdown";

    private static void AssignCellIds(InteractiveDocument document)
    {
        var used = new HashSet<string>(document.Elements.Select(e => e.Id).OfType<string>(), StringComparer.Ordinal);
        for (var i = 0; i < document.Elements.Count; i++)
        {
            var element = document.Elements[i];
            if (element.Id is not null)
            {
                continue;
            }

            var seed = $"{i}\n{element.Contents}";
            string id;
            do
            {
                id = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(seed)), 0, 4).ToLowerInvariant();
                seed += "'";
            }
            while (!used.Add(id));

            element.Id = id;
        }
    }
}
