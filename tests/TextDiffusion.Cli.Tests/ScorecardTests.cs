namespace TextDiffusion.Cli.Tests;

public sealed class ScorecardTests
{
    [Fact]
    public async Task The_scorecard_counts_each_notebooks_claims_file()
    {
        using var folder = new Td.Folder();
        Directory.CreateDirectory(folder.Of("02-diffusion-lm-control"));
        folder.Write("02-diffusion-lm-control/claims.csv",
            "claim,paper,ours,verdict,evidence,profile\n\"success above FUDGE's, semantic\",81.2 vs 69.9,75 ± 13 vs 60 ± 15,weak,\"difference 15, noise ±20\",cpu\nx,p,o,fails,e,cpu\n");

        var (code, output, _) = await Td.RunAsync("scorecard", "--results", folder.Path);

        Assert.Equal(0, code);
        Assert.Contains("| 02-diffusion-lm-control | cpu | 0 | 1 | 1 | 0 | 2 | 50 % of those tested |", output);
        Assert.Contains("| all |  | 0 | 1 | 1 | 0 | 2 | 50 % of those tested |", output);
        Assert.Contains("| notebook | profile | holds | weak | fails | not tested | claims | hold or weak |\n", output.ReplaceLineEndings("\n"));   // one line, however narrow the terminal
    }

    [Fact]
    public async Task A_claims_file_with_an_unknown_verdict_names_the_file_and_record()
    {
        using var folder = new Td.Folder();
        Directory.CreateDirectory(folder.Of("05-qe-cdlm"));
        string path = folder.Write("05-qe-cdlm/claims.csv", "claim,paper,ours,verdict,evidence,profile\nx,p,o,mostly,e,cpu\n");

        var (code, _, error) = await Td.RunAsync("scorecard", "--results", folder.Path);

        Assert.Equal(1, code);
        Assert.StartsWith($"error: {path}, record 2: verdict 'mostly', expected one of holds, weak, fails, not tested", error);
    }
}
