using TextDiffusion.Reporting;

namespace TextDiffusion.Tests.Reporting;

public sealed class ChartExporterTests
{
    // In this class, not FigureTests: another test here points TD_PLOTLY_JS at a broken bundle, and a class runs its tests one at a time.
    [ChartToolsFact]
    public void Dotnet_interactive_formats_it_as_html_holding_the_png_and_as_the_png()
    {
        var figure = new Figure("conv").Line([0, 1], [1, 0], "l");

        var shown = Microsoft.DotNet.Interactive.Formatting.FormattedValue.CreateManyFromObject(figure);

        Assert.Equal(["text/html", "image/png"], shown.Select(v => v.MimeType));
        Assert.Contains(figure.ToJson(), shown[0].Value, StringComparison.Ordinal);
        var png = Convert.FromBase64String(shown[1].Value);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png.Take(4));
        Assert.Contains($"<img src=\"data:image/png;base64,{shown[1].Value}\"", shown[0].Value, StringComparison.Ordinal);
    }

    [ChartToolsFact]
    public void Renders_a_chart_in_headless_chromium_to_a_non_blank_png()
    {
        var directory = Directory.CreateTempSubdirectory("td-png-").FullName;
        try
        {
            var figure = new Figure("Export check").Axes("x", "y").Size(640, 400)
                .Line(Enumerable.Range(0, 50).Select(i => (double)i), Enumerable.Range(0, 50).Select(i => Math.Sin(i / 5.0)), "sin");

            var render = ChartExporter.ExportPng(figure, Path.Combine(directory, "chart.png"));

            Assert.Contains("TD_PLOT_RENDERED", render.ConsoleMessages);
            Assert.DoesNotContain(render.ConsoleMessages, m => m.Contains("TD_PLOT_ERROR", StringComparison.Ordinal) || m.StartsWith("Uncaught", StringComparison.Ordinal));

            var image = PngImage.Read(render.PngPath);
            Assert.Equal((640, 400), (image.Width, image.Height));
            var pixels = Enumerable.Range(0, image.Height).SelectMany(y => Enumerable.Range(0, image.Width).Select(x => image[x, y])).ToList();
            var nonWhite = pixels.Count(p => p.R < 240 || p.G < 240 || p.B < 240);
            var traceBlue = pixels.Count(p => p.B > 150 && p.R < 100); // plotly's first trace colour, #1f77b4
            Assert.True(nonWhite > 2_000, $"only {nonWhite} non-white pixels: the chart looks blank");
            Assert.True(traceBlue > 200, $"only {traceBlue} blue pixels: the line was not drawn");
            Assert.Single(Directory.GetFiles(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [ChartToolsFact]
    public void A_script_error_in_the_page_fails_the_export()
    {
        var directory = Directory.CreateTempSubdirectory("td-png-").FullName;
        var saved = Environment.GetEnvironmentVariable(PlotlyJs.EnvironmentVariable);
        try
        {
            var brokenPlotly = Path.Combine(directory, "plotly.min.js");
            File.WriteAllText(brokenPlotly, "throw new Error('broken plotly bundle');");
            Environment.SetEnvironmentVariable(PlotlyJs.EnvironmentVariable, brokenPlotly);

            var error = Assert.Throws<ChartExportException>(() =>
                ChartExporter.ExportPng(new Figure().Line([0, 1], [0, 1]), Path.Combine(directory, "chart.png")));

            Assert.Contains("broken plotly bundle", error.Message, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(directory, "chart.png")));
        }
        finally
        {
            Environment.SetEnvironmentVariable(PlotlyJs.EnvironmentVariable, saved);
            Directory.Delete(directory, recursive: true);
        }
    }
}
