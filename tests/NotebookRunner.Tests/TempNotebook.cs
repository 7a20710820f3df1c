using System.Text.Json.Nodes;

namespace NotebookRunner.Tests;

/// <summary>A notebook written by a test into its own temporary folder, deleted afterwards.</summary>
internal sealed class TempNotebook : IDisposable
{
    public TempNotebook(params JsonObject[] cells)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("nbrunner-").FullName;
        Path = System.IO.Path.Combine(Directory, "test.ipynb");
        File.WriteAllText(Path, NotebookFormat.CreateNotebook(cells).ToJsonString());
    }

    public string Directory { get; }

    public string Path { get; }

    public static JsonObject Code(string source) => NotebookFormat.CreateCodeCell(source);

    public static JsonObject Markdown(string source) => NotebookFormat.CreateMarkdownCell(source);

    public async Task<NotebookRunResult> RunAsync(NotebookRunOptions? options = null)
    {
        var executor = new NotebookExecutor();
        return await executor.RunAsync(Path, options);
    }

    /// <summary>The executed notebook as written by the runner.</summary>
    public JsonObject Read(string? path = null) => NotebookJson.Parse(File.ReadAllText(path ?? Path), "notebook");

    public static JsonArray Outputs(JsonObject notebook, int cellNumber) =>
        notebook["cells"]![cellNumber - 1]!["outputs"]!.AsArray();

    public static JsonObject Output(JsonObject notebook, int cellNumber, string outputType) =>
        Outputs(notebook, cellNumber).Single(o => o!["output_type"]!.GetValue<string>() == outputType)!.AsObject();

    public static string Text(JsonNode? multiline) => NotebookJson.JoinLines(multiline);

    /// <summary>An output's text: its text/plain, else its text/html without the markup the kernel wraps values in.</summary>
    public static string Shown(JsonObject output) =>
        output["data"]!["text/plain"] is { } plain
            ? Text(plain)
            : System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(Text(output["data"]!["text/html"]), "<style>.*?</style>|<[^>]+>", "", System.Text.RegularExpressions.RegexOptions.Singleline)).Trim();

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
