using System.Text.Json;
using TextDiffusion.Reporting;

namespace TextDiffusion.Tests.Reporting;

public sealed class FigureTests
{
    [Fact]
    public void Line_and_scatter_traces_with_error_bars_title_axes_and_legend()
    {
        var figure = new Figure("Loss")
            .Axes("step", "loss")
            .Line([1, 2, 3], [3.5, 2.25, double.NaN], "ours", errorY: [0.1, 0.2, 0.3])
            .Scatter([1, 2], [4, 5], "paper");
        figure.LogY = true;

        using var json = JsonDocument.Parse(figure.ToJson());
        var data = json.RootElement.GetProperty("data");
        var line = data[0];
        Assert.Equal("scatter", line.GetProperty("type").GetString());
        Assert.Equal("lines", line.GetProperty("mode").GetString());
        Assert.Equal("ours", line.GetProperty("name").GetString());
        Assert.Equal([1.0, 2.0, 3.0], line.GetProperty("x").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal(2.25, line.GetProperty("y")[1].GetDouble());
        Assert.Equal(JsonValueKind.Null, line.GetProperty("y")[2].ValueKind);
        var errors = line.GetProperty("error_y");
        Assert.Equal("data", errors.GetProperty("type").GetString());
        Assert.Equal(0.2, errors.GetProperty("array")[1].GetDouble());
        Assert.True(errors.GetProperty("visible").GetBoolean());
        Assert.Equal("markers", data[1].GetProperty("mode").GetString());

        var layout = json.RootElement.GetProperty("layout");
        Assert.Equal("Loss", layout.GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("step", layout.GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("loss", layout.GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("log", layout.GetProperty("yaxis").GetProperty("type").GetString());
        Assert.False(layout.GetProperty("xaxis").TryGetProperty("type", out _));
        Assert.True(layout.GetProperty("showlegend").GetBoolean());
        Assert.Equal(720, layout.GetProperty("width").GetInt32());
    }

    [Fact]
    public void Metrics_draw_their_own_lopsided_intervals_as_error_bars()
    {
        // A perplexity of 10 with the interval [8, 15]: 5 above the bar, 2 below it; a plain ± bar would draw 3.5 on both sides.
        var perplexity = new Metric(10, 8, 15, 0.95, 100);
        var figure = new Figure()
            .Bar(["AR"], [perplexity], "ours")
            .Line([1.0], [perplexity], "curve");

        using var json = JsonDocument.Parse(figure.ToJson());
        foreach (var trace in json.RootElement.GetProperty("data").EnumerateArray())
        {
            Assert.Equal(10, trace.GetProperty("y")[0].GetDouble());
            var errors = trace.GetProperty("error_y");
            Assert.False(errors.GetProperty("symmetric").GetBoolean());
            Assert.Equal(5, errors.GetProperty("array")[0].GetDouble());
            Assert.Equal(2, errors.GetProperty("arrayminus")[0].GetDouble());
        }
        Assert.Throws<ArgumentException>(() => new BarTrace(["a"], [1.0], errorYMinus: [0.5]));
    }

    [Fact]
    public void Bar_heatmap_and_histogram_traces()
    {
        var figure = new Figure()
            .Bar(["a", "b"], [1, 2], "bars", errorY: [0.5, 0.25])
            .Heatmap(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } }, x: ["c1", "c2", "c3"], y: ["r1", "r2"])
            .Histogram([1, 1, 2, 3], "hist", bins: 10);

        using var json = JsonDocument.Parse(figure.ToJson());
        var data = json.RootElement.GetProperty("data");
        Assert.Equal("bar", data[0].GetProperty("type").GetString());
        Assert.Equal(["a", "b"], data[0].GetProperty("x").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(0.25, data[0].GetProperty("error_y").GetProperty("array")[1].GetDouble());

        var heatmap = data[1];
        Assert.Equal("heatmap", heatmap.GetProperty("type").GetString());
        Assert.Equal(6, heatmap.GetProperty("z")[1][2].GetDouble());
        Assert.Equal(3, heatmap.GetProperty("z")[0].GetArrayLength());
        Assert.Equal("r2", heatmap.GetProperty("y")[1].GetString());

        Assert.Equal("histogram", data[2].GetProperty("type").GetString());
        Assert.Equal(10, data[2].GetProperty("nbinsx").GetInt32());
        Assert.Equal(4, data[2].GetProperty("x").GetArrayLength());
        Assert.False(json.RootElement.GetProperty("layout").TryGetProperty("title", out _));
    }

    [Fact]
    public void Axes_grow_their_margins_to_hold_long_category_labels()
    {
        var figure = new Figure().Axes(null, "lm-score").Bar(["embedding dim 64", "embedding dim 128"], [1, 2]);
        using var json = JsonDocument.Parse(figure.ToJson());
        var layout = json.RootElement.GetProperty("layout");
        Assert.True(layout.GetProperty("xaxis").GetProperty("automargin").GetBoolean());
        Assert.True(layout.GetProperty("yaxis").GetProperty("automargin").GetBoolean());
    }

    [Fact]
    public void Mismatched_lengths_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new Figure().Line([1, 2], [1]));
        Assert.Throws<ArgumentException>(() => new Figure().Bar(["a"], [1], errorY: [1, 2]));
        Assert.Throws<ArgumentException>(() => new HeatmapTrace([[1.0, 2.0], [3.0]]));
    }

    [Fact]
    public void The_notebook_fragment_draws_into_its_own_div_from_the_cdn()
    {
        var figure = new Figure("</script><b>x</b>").Line([0, 1], [0, 1]);

        var first = figure.ToHtml();
        var second = figure.ToHtml();

        Assert.Contains("<div id=\"td-figure-", first, StringComparison.Ordinal);
        Assert.Contains("Plotly.newPlot(div, figure.data, figure.layout", first, StringComparison.Ordinal);
        Assert.Contains($"https://cdn.plot.ly/plotly-{PlotlyJs.Version}.min", first, StringComparison.Ordinal);
        Assert.Contains("requirejs.config", first, StringComparison.Ordinal);
        Assert.DoesNotContain("</script><b>", first, StringComparison.Ordinal); // JSON escapes '<' inside the script
        Assert.NotEqual(DivId(first), DivId(second));
    }

    [Fact]
    public void The_page_without_inlining_references_the_cdn_and_reports_rendering()
    {
        var page = new Figure("t").Line([0, 1], [0, 1]).ToHtmlPage(inlinePlotly: false);

        Assert.StartsWith("<!DOCTYPE html>", page, StringComparison.Ordinal);
        Assert.Contains($"<script src=\"https://cdn.plot.ly/plotly-{PlotlyJs.Version}.min.js\"></script>", page, StringComparison.Ordinal);
        Assert.Contains("TD_PLOT_RENDERED", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_labels_are_a_text_mode_scatter_and_hidden_axes_have_a_fixed_range()
    {
        var figure = new Figure("words") { HideAxes = true, XRange = (0, 1) }.Text([0.0, 0.0], [0.0, -1.0], ["t = 1.00 _ _", "t = 0.00 a b"]);

        using var json = JsonDocument.Parse(figure.ToJson());
        var trace = json.RootElement.GetProperty("data")[0];
        Assert.Equal("text", trace.GetProperty("mode").GetString());
        Assert.Equal(["t = 1.00 _ _", "t = 0.00 a b"], trace.GetProperty("text").EnumerateArray().Select(t => t.GetString()));
        var xaxis = json.RootElement.GetProperty("layout").GetProperty("xaxis");
        Assert.False(xaxis.GetProperty("visible").GetBoolean());
        Assert.Equal([0.0, 1.0], xaxis.GetProperty("range").EnumerateArray().Select(v => v.GetDouble()));
    }

    [Fact]
    public void Without_a_png_the_html_fragment_still_draws_with_plotly()
    {
        var figure = new Figure("conv").Line([0, 1], [1, 0], "l");

        var html = figure.ToHtml();

        Assert.Contains(figure.ToJson(), html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Equal("Figure \"conv\" (1 trace: l)", figure.ToString());
    }

    [Fact]
    public void The_plotly_version_matches_the_pinned_npm_package()
    {
        var root = ResultPaths.FindRepositoryRoot(AppContext.BaseDirectory)!;
        using var package = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "tools", "package.json")));

        var pinned = package.RootElement.GetProperty("dependencies").GetProperty("plotly.js-dist-min").GetString();

        Assert.Equal(PlotlyJs.Version, pinned);
    }

    private static string DivId(string html) => html.Split('"')[1];
}
