using System.Text.Json;
using TextDiffusion.Experiments;
using TextDiffusion.Models;
using TextDiffusion.Reporting;
using Xunit;

namespace TextDiffusion.Tests.Experiments;

/// <summary>
/// <c>td ablate-diffusion-lm</c> tests notebook 01's ablation claims at other budgets, so its list must be the notebook's: each
/// ablation changes exactly the field its notebook cell changes, checkpoints where that cell does, and tests the claim the
/// committed claims file states (a renamed claim or a changed cell fails here, not silently in a second column).
/// </summary>
public sealed class DiffusionLmAblationTests
{
    static readonly DiffusionLmSettings Cpu = DiffusionLmSettings.For(Profile.Cpu);
    static readonly DiffusionLMConfig Paper = DiffusionLmExperiment.Config(704, Cpu) with { SelfCondition = false };

    [Fact]
    public void EachAblationChangesOneFieldAsItsNotebookCellDoes()
    {
        var cells = NotebookCode("01-diffusion-lm");
        foreach (var ablation in DiffusionLmAblations.All(Paper))
        {
            var changed = Fields.Where(p => !Equals(p.GetValue(Paper), p.GetValue(ablation.Config))).Select(p => p.Name).ToList();
            var field = Assert.Single(changed);
            var cell = Assert.Single(cells, c => c.Contains($"Checkpoints($\"ablations/{ablation.Key}-{{s.AblationSteps}}\")", StringComparison.Ordinal));
            var line = cell.Split('\n').Single(l => l.Contains($"\"{ablation.Name}\"", StringComparison.Ordinal));
            Assert.Contains($"paperConfig with {{ {field} = ", line, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TheClaimsAreTheCommittedClaimsFilesAblationClaims()
    {
        var committed = ClaimSheet.Load(Path.Combine(Root, "results", "01-diffusion-lm", "claims.csv")).Claims.Select(c => c.Statement).ToList();
        var ours = DiffusionLmAblations.All(Paper).Select(a => a.Claim).ToList();
        Assert.Equal(ours, committed.Take(ours.Count));
    }

    /// <summary>The GPU column's files (results/gpu/01-diffusion-lm and its seed and re-sampling folders) test exactly these claims.</summary>
    [Fact]
    public void TheGpuColumnTestsTheSameSixClaims()
    {
        var folder = Path.Combine(Root, "results", "gpu", "01-diffusion-lm");
        var files = Directory.GetFiles(folder, "claims.csv", SearchOption.AllDirectories);
        Assert.True(files.Length >= 2, $"{folder}: expected the GPU run's claims.csv and its re-sampling's, found {files.Length}");
        var ours = DiffusionLmAblations.All(Paper).Select(a => a.Claim).ToList();
        foreach (var file in files)
        {
            var sheet = ClaimSheet.Load(file);
            Assert.Equal(ours, sheet.Claims.Select(c => c.Statement));
            Assert.StartsWith("cpu, ablations at 14000 steps", sheet.Profile, StringComparison.Ordinal);
            var written = new ClaimSheet("01-diffusion-lm", sheet.Profile).AddRange(sheet.Claims);   // Load names a sheet by its folder
            Assert.Equal(written.Table().ToMarkdown().TrimEnd(), File.ReadAllText(Path.ChangeExtension(file, ".md")).TrimEnd());
        }
    }

    [Fact]
    public void AtTheMainBudgetTheReferenceIsTheMainModel()
    {
        Assert.Equal("diffusion-lm", DiffusionLmAblations.ReferenceCheckpoint(Cpu, Cpu.Steps));
        Assert.Equal("ablations/reference-4800", DiffusionLmAblations.ReferenceCheckpoint(Cpu, 4800));
        Assert.Equal("ablations/reference-14000", DiffusionLmAblations.ReferenceCheckpoint(Cpu with { SelfCondition = true }, Cpu.Steps));
        Assert.Equal("ablations/reference-14000-seed-1", DiffusionLmAblations.ReferenceCheckpoint(Cpu, Cpu.Steps, seed: 1));   // the main model is seed 0
        Assert.Equal("ablations/frozen-1200", DiffusionLmAblations.Checkpoint(DiffusionLmAblations.All(Paper)[0], 1200));
        Assert.Equal("ablations/frozen-1200-seed-2", DiffusionLmAblations.Checkpoint(DiffusionLmAblations.All(Paper)[0], 1200, seed: 2));
        Assert.Equal(DiffusionLmExperiment.Config(704, Cpu), Paper);   // the main model is the paper's recipe in the cpu profile
    }

    [Fact]
    public void TheLowerLmScoreWins()
    {
        var ablation = DiffusionLmAblations.All(Paper)[0];
        static Metric Interval(double mean, double halfWidth) => new(mean, mean - halfWidth, mean + halfWidth, 0.95, 100);
        VariantResult With(double lmScore, double halfWidth) =>
            new("v", null!, [], new SampleQuality(Interval(lmScore, halfWidth), Interval(0, 0), 0, 0, Interval(0, 0), 0, 100), 200, true, 0);
        Assert.Equal(Verdict.Holds, DiffusionLmAblations.Compare(ablation, With(6, 1), With(20, 2)).Verdict);
        Assert.Equal(Verdict.Weak, DiffusionLmAblations.Compare(ablation, With(6, 1), With(7, 2)).Verdict);
        Assert.Equal(Verdict.Fails, DiffusionLmAblations.Compare(ablation, With(20, 1), With(6, 1)).Verdict);
    }

    /// <summary>The record's own fields (its primary constructor's parameters), not properties computed from them.</summary>
    static readonly List<System.Reflection.PropertyInfo> Fields = typeof(DiffusionLMConfig).GetConstructors()
        .MaxBy(c => c.GetParameters().Length)!.GetParameters().Select(p => typeof(DiffusionLMConfig).GetProperty(p.Name!)!).ToList();

    static List<string> NotebookCode(string notebook)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "notebooks", notebook + ".ipynb")));
        return json.RootElement.GetProperty("cells").EnumerateArray()
            .Where(c => c.GetProperty("cell_type").GetString() == "code")
            .Select(c => string.Concat(c.GetProperty("source").EnumerateArray().Select(l => l.GetString()))).ToList();
    }

    static string Root => ResultPaths.FindRepositoryRoot(AppContext.BaseDirectory)!;
}
