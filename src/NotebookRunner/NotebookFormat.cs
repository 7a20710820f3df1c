using System.Text.Json.Nodes;

namespace NotebookRunner;

/// <summary>
/// The .ipynb dialect VS Code's Polyglot Notebooks extension writes for a C# notebook, so that
/// notebooks made or rewritten here open there unchanged.
/// </summary>
/// <remarks>
/// Checked against .NET Interactive's Jupyter serializer (Microsoft.DotNet.Interactive.Documents)
/// and notebooks saved by VS Code: nbformat 4; top-level <c>metadata.kernelspec</c> =
/// {display_name ".NET (C#)", language "C#", name ".net-csharp"}; <c>metadata.language_info</c> =
/// {name "polyglot-notebook"} (older .NET Interactive wrote name "C#", file_extension ".cs",
/// pygments_lexer "csharp"); <c>metadata.polyglot_notebook.kernelInfo</c> = {defaultKernelName
/// "csharp", items [{aliases [], languageName "C#", name "csharp"}]}. A code cell names its kernel
/// in <c>metadata.polyglot_notebook.kernelName</c> (and, for older readers,
/// <c>metadata.dotnet_interactive.language</c>); a first source line <c>#!csharp</c> also selects
/// the kernel. Sources are arrays of lines, each but the last ending in "\n". Executed notebooks are
/// written by .NET Interactive's serializer (<see cref="NotebookDocument"/>), as nbformat 4.5 with cell ids.
/// </remarks>
public static class NotebookFormat
{
    /// <summary>The Polyglot kernel name for C# cells.</summary>
    public const string CSharpKernelName = "csharp";

    /// <summary>Kernel names (and aliases) the runner executes as C#.</summary>
    public static readonly IReadOnlySet<string> CSharpKernelAliases =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "csharp", "c#", "cs" };

    /// <summary>Top-level notebook metadata for a C# Polyglot notebook.</summary>
    public static JsonObject CreateNotebookMetadata() => new()
    {
        ["kernelspec"] = new JsonObject
        {
            ["display_name"] = ".NET (C#)",
            ["language"] = "C#",
            ["name"] = ".net-csharp",
        },
        ["language_info"] = new JsonObject { ["name"] = "polyglot-notebook" },
        ["polyglot_notebook"] = new JsonObject
        {
            ["kernelInfo"] = new JsonObject
            {
                ["defaultKernelName"] = CSharpKernelName,
                ["items"] = new JsonArray(new JsonObject
                {
                    ["aliases"] = new JsonArray(),
                    ["languageName"] = "C#",
                    ["name"] = CSharpKernelName,
                }),
            },
        },
    };

    /// <summary>A new, empty notebook object with the given cells.</summary>
    public static JsonObject CreateNotebook(params JsonObject[] cells) => new()
    {
        ["cells"] = new JsonArray(cells.Cast<JsonNode?>().ToArray()),
        ["metadata"] = CreateNotebookMetadata(),
        ["nbformat"] = 4,
        ["nbformat_minor"] = 2,
    };

    /// <summary>A C# code cell that has not been run.</summary>
    public static JsonObject CreateCodeCell(string source) => new()
    {
        ["cell_type"] = "code",
        ["execution_count"] = null,
        ["metadata"] = new JsonObject
        {
            ["dotnet_interactive"] = new JsonObject { ["language"] = CSharpKernelName },
            ["polyglot_notebook"] = new JsonObject { ["kernelName"] = CSharpKernelName },
        },
        ["outputs"] = new JsonArray(),
        ["source"] = NotebookJson.ToLines(source),
    };

    /// <summary>A Markdown cell.</summary>
    public static JsonObject CreateMarkdownCell(string source) => new()
    {
        ["cell_type"] = "markdown",
        ["metadata"] = new JsonObject(),
        ["source"] = NotebookJson.ToLines(source),
    };
}
