using System.Xml.Linq;
using TextDiffusion.Reporting;

namespace TextDiffusion.Tests.Reporting;

public sealed class ResultTableTests
{
    private static ResultTable Sample() =>
        ResultTable.Comparison("Table 1: LM1B perplexity", "Model")
            .AddComparison("MDLM", new Metric(27.04, 26.9, 27.2, 0.95, 5), 27.04, "ours, 3 seeds")
            .AddComparison("SEDD | absorb", 32.123456, 32.79, null)
            .AddComparison("AR <baseline>", null, 22.32, "not \"run\", yet");

    [Fact]
    public void Markdown_has_a_caption_escaped_cells_and_right_aligned_numbers()
    {
        Assert.Equal(
            "**Table 1: LM1B perplexity**\n\n" +
            "| Model | Ours | Paper | Note |\n" +
            "| --- | ---: | ---: | --- |\n" +
            "| MDLM | 27.04 ± 0.15 | 27.04 | ours, 3 seeds |\n" +
            "| SEDD \\| absorb | 32.123 | 32.79 |  |\n" +
            "| AR <baseline> |  | 22.32 | not \"run\", yet |\n",
            Sample().ToMarkdown());
    }

    [Fact]
    public void Small_nonzero_numbers_keep_three_significant_digits_instead_of_showing_zero()
    {
        var table = new ResultTable("λ sweep", "λ", "lm-score").AddRow(0.0, 17248.0).AddRow(1e-4, 3.6).AddRow(-0.00025, 0.0004999).AddRow(0.001, 1.0);
        Assert.Equal(
            "**λ sweep**\n\n" +
            "| λ | lm-score |\n" +
            "| ---: | ---: |\n" +
            "| 0 | 17248 |\n" +
            "| 0.0001 | 3.6 |\n" +
            "| -0.00025 | 0.0005 |\n" +
            "| 0.001 | 1 |\n",
            table.ToMarkdown());
    }

    [Fact]
    public void Csv_quotes_fields_and_keeps_full_precision()
    {
        Assert.Equal(
            "Model,Ours,Paper,Note\n" +
            "MDLM,27.04 ± 0.15,27.04,\"ours, 3 seeds\"\n" +
            "SEDD | absorb,32.123456,32.79,\n" +
            "AR <baseline>,,22.32,\"not \"\"run\"\", yet\"\n",
            Sample().ToCsv());
    }

    [Fact]
    public void Html_is_well_formed_encoded_and_captioned()
    {
        var html = Sample().ToHtml();

        var table = XElement.Parse(html);
        Assert.Equal("Table 1: LM1B perplexity", table.Element("caption")!.Value);
        Assert.Equal(["Model", "Ours", "Paper", "Note"], table.Element("thead")!.Descendants("th").Select(th => th.Value));
        var rows = table.Element("tbody")!.Elements("tr").ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal("AR <baseline>", rows[2].Elements("td").First().Value);
        Assert.Contains("&lt;baseline&gt;", html, StringComparison.Ordinal);
        Assert.Equal("text-align:right", rows[0].Elements("td").ElementAt(1).Attribute("style")!.Value);
        Assert.Null(rows[0].Elements("td").First().Attribute("style"));
    }

    [Fact]
    public void Dotnet_interactive_formats_it_as_html_and_markdown()
    {
        var table = Sample();

        var shown = Microsoft.DotNet.Interactive.Formatting.FormattedValue.CreateManyFromObject(table);

        Assert.Equal(["text/html", "text/plain"], shown.Select(v => v.MimeType));
        Assert.Equal(table.ToHtml(), shown[0].Value);
        Assert.Equal(table.ToMarkdown(), shown[1].Value);
    }

    [Fact]
    public void Rows_must_match_the_columns()
    {
        var table = new ResultTable("t", "a", "b");

        Assert.Throws<ArgumentException>(() => table.AddRow(1));
        Assert.Throws<ArgumentException>(() => new ResultTable("t"));
    }

    [Fact]
    public void Save_writes_markdown_and_csv_atomically()
    {
        var directory = Directory.CreateTempSubdirectory("td-results-").FullName;
        try
        {
            var table = Sample();

            var files = table.Save(directory: directory);

            Assert.Equal(Path.Combine(directory, "table-1-lm1b-perplexity.md"), files.Markdown);
            Assert.Equal(table.ToMarkdown(), File.ReadAllText(files.Markdown));
            Assert.Equal(table.ToCsv(), File.ReadAllText(files.Csv));
            Assert.Equal(2, Directory.GetFiles(directory).Length);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Results_go_to_the_repository_results_folder_unless_overridden()
    {
        var root = ResultPaths.FindRepositoryRoot(AppContext.BaseDirectory);

        Assert.NotNull(root);
        Assert.True(File.Exists(Path.Combine(root, "Research.sln")));
        Assert.Equal(Path.Combine("/abs", "x.png"), ResultPaths.Resolve(Path.Combine("/abs", "x.png")));
    }
}
