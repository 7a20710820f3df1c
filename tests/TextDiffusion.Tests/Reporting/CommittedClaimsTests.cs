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
        var sheet = ClaimSheet.Load(Path.Combine(folder, "claims.csv"));
        Assert.Equal(notebook, sheet.Notebook);
        var fromCsv = sheet.Table().ToMarkdown().TrimEnd();

        Assert.Equal(fromCsv, File.ReadAllText(Path.Combine(folder, "claims.md")).TrimEnd());
        var shown = VerdictCellOutputs(notebook);
        Assert.True(shown.Count == 1, $"notebooks/{notebook}.ipynb: expected one output starting \"**Claims of {notebook} (\", found {shown.Count}");
        Assert.Equal(fromCsv, shown[0].TrimEnd());
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
