using System.Text.Json;
using TextDiffusion.Reporting;
using Xunit;

namespace TextDiffusion.Tests.Reporting;

/// <summary>
/// The committed claims files are the scorecard's source: each <c>results/&lt;notebook&gt;/claims.csv</c> must say what its notebook's
/// verdict cell shows, and <c>claims.md</c> beside it the same. (A hand edit of one file and not the other, or a notebook committed
/// from another run than its claims file, fails here.)
/// </summary>
public sealed class CommittedClaimsTests
{
    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        foreach (var folder in Directory.GetDirectories(Path.Combine(Root, "results")).Order(StringComparer.Ordinal))
            if (File.Exists(Path.Combine(folder, "claims.csv"))) data.Add(Path.GetFileName(folder));
        return data;
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void TheClaimsFileTheMarkdownBesideItAndTheNotebooksVerdictCellAgree(string notebook)
    {
        var folder = Path.Combine(Root, "results", notebook);
        var fromCsv = Sheet(notebook, Path.Combine(folder, "claims.csv")).Table().ToMarkdown().TrimEnd();

        Assert.Equal(fromCsv, File.ReadAllText(Path.Combine(folder, "claims.md")).TrimEnd());
        var shown = VerdictCellOutputs(notebook);
        Assert.True(shown.Count == 1, $"notebooks/{notebook}.ipynb: expected one output starting \"**Claims of {notebook} (\", found {shown.Count}");
        Assert.Equal(fromCsv, shown[0].TrimEnd());
    }

    /// <summary>The claims file read back into the sheet that wrote it (one profile per file).</summary>
    static ClaimSheet Sheet(string notebook, string path)
    {
        var records = Csv.Parse(File.ReadAllText(path));
        Assert.Equal(["claim", "paper", "ours", "verdict", "evidence", "profile"], records[0]);
        var profile = Assert.Single(records.Skip(1).Select(r => r[5]).Distinct());
        var sheet = new ClaimSheet(notebook, profile);
        foreach (var r in records.Skip(1))
            sheet.Add(new Claim(r[0], r[1], r[2], Enum.GetValues<Verdict>().Single(v => new Claim("", "", "", v, "").VerdictText == r[3]), r[4]));
        return sheet;
    }

    /// <summary>The text/plain outputs of the committed notebook that are its claims table.</summary>
    static List<string> VerdictCellOutputs(string notebook)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "notebooks", notebook + ".ipynb")));
        var found = new List<string>();
        foreach (var cell in json.RootElement.GetProperty("cells").EnumerateArray())
        {
            if (!cell.TryGetProperty("outputs", out var outputs)) continue;
            foreach (var output in outputs.EnumerateArray())
            {
                if (!output.TryGetProperty("data", out var data) || !data.TryGetProperty("text/plain", out var text)) continue;
                var value = text.ValueKind == JsonValueKind.Array ? string.Concat(text.EnumerateArray().Select(t => t.GetString())) : text.GetString() ?? "";
                if (value.StartsWith($"**Claims of {notebook} (", StringComparison.Ordinal)) found.Add(value);
            }
        }
        return found;
    }

    static string Root => ResultPaths.FindRepositoryRoot(AppContext.BaseDirectory)!;
}
