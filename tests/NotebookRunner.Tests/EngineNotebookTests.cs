using TextDiffusion.Reporting;

namespace NotebookRunner.Tests;

/// <summary>
/// A notebook like the project's, through the engine: <c>#r</c> to our built library, <c>#r "nuget:…"</c>,
/// <c>display(…)</c>, a figure, a table, and a failing cell that stops the run.
/// </summary>
public sealed class EngineNotebookTests
{
    [Fact]
    public async Task Library_nuget_display_figure_and_table_render_and_a_failing_cell_stops_the_run()
    {
        var library = typeof(Figure).Assembly.Location;
        using var notebook = new TempNotebook(
            TempNotebook.Code($"#r \"{library}\"\nusing TextDiffusion.Reporting;\n#r \"nuget: MathNet.Numerics, 5.0.0\"\nMathNet.Numerics.Euclid.LeastCommonMultiple(4L, 6L)"),
            TempNotebook.Code("display(\"a line of text\");\nvar table = new ResultTable(\"Scores\", \"Model\", \"BLEU\").AddRow(\"ours\", 21.6);\ndisplay(table);"),
            TempNotebook.Code("new Figure(\"loss\").Axes(\"step\", \"loss\").Line([0.0, 1, 2], [3.0, 2, 1.5], \"training\")"),
            TempNotebook.Code("throw new InvalidOperationException(\"stop here\");"),
            TempNotebook.Code("Console.WriteLine(\"never runs\");"));

        var result = await notebook.RunAsync();

        Assert.False(result.Succeeded);
        Assert.Equal(4, result.Failure!.CellNumber);
        var executed = notebook.Read();
        Assert.Equal("12", TempNotebook.Shown(TempNotebook.Output(executed, 1, "execute_result")));

        var displays = TempNotebook.Outputs(executed, 2).Select(o => o!.AsObject()).ToList();
        Assert.Equal(["text/plain"], Mimes(displays[0]));
        Assert.Equal("a line of text", TempNotebook.Text(displays[0]["data"]!["text/plain"]));
        Assert.Equal(["text/html", "text/plain"], Mimes(displays[1]));
        Assert.Contains("<caption>Scores</caption>", TempNotebook.Text(displays[1]["data"]!["text/html"]), StringComparison.Ordinal);
        Assert.Contains("| ours | 21.6 |", TempNotebook.Text(displays[1]["data"]!["text/plain"]), StringComparison.Ordinal);

        var figure = TempNotebook.Output(executed, 3, "execute_result");
        var html = TempNotebook.Text(figure["data"]!["text/html"]);
        Assert.Contains("Plotly.newPlot", html, StringComparison.Ordinal);
        if (!ChartExporter.IsAvailable)
        {
            // Without Chromium and plotly.js (scripts/setup-charts.sh; CI installs both) a figure is HTML alone.
            Assert.Equal(["text/html"], Mimes(figure));
        }
        else
        {
            Assert.Equal(["text/html", "image/png"], Mimes(figure));
            var png = Convert.FromBase64String(TempNotebook.Text(figure["data"]!["image/png"]));
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png.Take(4));
            Assert.Contains($"data:image/png;base64,{TempNotebook.Text(figure["data"]!["image/png"])}", html, StringComparison.Ordinal); // shows without the CDN
        }

        Assert.Equal("stop here", TempNotebook.Output(executed, 4, "error")["evalue"]!.GetValue<string>());
        Assert.Empty(TempNotebook.Outputs(executed, 5));
    }

    private static string[] Mimes(System.Text.Json.Nodes.JsonObject output) =>
        output["data"]!.AsObject().Select(p => p.Key).ToArray();
}
