using TextDiffusion.Experiments;
using TextDiffusion.Reporting;

namespace TextDiffusion.Cli.Tests;

/// <summary>
/// The commands that test papers' claims outside the notebooks (a GPU lease's work), end to end in the smoke profile: what they
/// train where, and the claims file they write.
/// </summary>
public sealed class ClaimCommandsTests
{
    [Fact]
    public async Task Ablations_train_in_parts_then_one_run_measures_them_and_writes_the_six_claims()
    {
        using var folder = new Td.Folder();
        using var environment = new Environment(folder.Path);
        string ablations = Path.Combine(folder.Path, "checkpoints", "smoke", "ablations");

        var (code, _, error) = await Td.RunAsync("ablate-diffusion-lm", "--profile", "smoke", "--steps", "3", "--train-only", "--part", "1", "--parts", "2");
        Assert.True(code == 0, error);
        Assert.Equal(["d64-3", "frozen-3", "linear-3"], Directory.GetDirectories(ablations).Select(Path.GetFileName).Order());   // models 1, 3, 5 of 7

        (code, var output, error) = await Td.RunAsync("ablate-diffusion-lm", "--profile", "smoke", "--steps", "3", "--out", folder.Of("out"));
        Assert.True(code == 0, error);
        Assert.Equal(7, Directory.GetDirectories(ablations).Length);                    // the reference and the other three trained too
        var claims = ClaimSheet.Load(folder.Of("out/01-diffusion-lm/claims.csv"));
        Assert.Equal(DiffusionLmAblations.All(DiffusionLmExperiment.Config(100, DiffusionLmSettings.For(Profile.Smoke))).Select(a => a.Claim),
            claims.Claims.Select(c => c.Statement));
        Assert.Equal("smoke, ablations at 3 steps, cpu, libtorch " + Torch.torch.Version, claims.Profile);
        Assert.True(File.Exists(folder.Of("out/01-diffusion-lm/ablations.csv")));
        Assert.Contains("| paper recipe, 3 steps |", output);
    }

    [Fact]
    public async Task A_part_outside_the_parts_is_refused_before_anything_runs()
    {
        var (code, _, error) = await Td.RunAsync("ablate-diffusion-lm", "--train-only", "--part", "2", "--parts", "2");
        Assert.Equal(1, code);
        Assert.StartsWith("error: --part 2 is not one of the 2 parts: expected 0 … 1.", error);
    }

    [Fact]
    public async Task Distillation_writes_its_table_and_two_claims()
    {
        using var folder = new Td.Folder();
        using var environment = new Environment(folder.Path);

        var (code, _, error) = await Td.RunAsync("distill-difformer", "--profile", "smoke", "--out", folder.Of("out"));

        Assert.True(code == 0, error);
        var claims = ClaimSheet.Load(folder.Of("out/03-difformer/claims.csv"));
        Assert.Equal(2, claims.Claims.Count);
        Assert.StartsWith("distilled targets raise Difformer's BLEU", claims.Claims[0].Statement);
        Assert.True(File.Exists(Path.Combine(folder.Path, "checkpoints", "smoke", "difformer", "multi30k-de-en", "distilled-beam-2", "targets.txt")));
        Assert.Contains("Difformer, trained on distilled targets (AR rerank)", File.ReadAllText(folder.Of("out/03-difformer/distillation.md")));
    }

    /// <summary>The results folder set to a temporary one, and the profile and device the commands set restored afterwards.</summary>
    sealed class Environment : IDisposable
    {
        static readonly string[] Names = ["TD_RESULTS_DIR", Profile.EnvironmentVariable, "TD_DEVICE"];
        readonly string?[] saved = Names.Select(System.Environment.GetEnvironmentVariable).ToArray();

        public Environment(string results) => System.Environment.SetEnvironmentVariable("TD_RESULTS_DIR", results);

        public void Dispose()
        {
            for (int i = 0; i < Names.Length; i++) System.Environment.SetEnvironmentVariable(Names[i], saved[i]);
        }
    }
}
