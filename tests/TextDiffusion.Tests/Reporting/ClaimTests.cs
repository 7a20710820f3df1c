using TextDiffusion.Reporting;
using Xunit;

namespace TextDiffusion.Tests.Reporting;

public sealed class ClaimTests
{
    static Metric M(double mean, double halfWidth) => new(mean, mean - halfWidth, mean + halfWidth, 0.95, 40);

    [Theory]
    // ours, ±, reference, ±, claimed side → verdict. Noise of the difference: √(hw² + hw_ref²) = 5 for ±3 and ±4.
    [InlineData(80, 3, 70, 4, Better.Higher, Verdict.Holds)]    // +10 > 5
    [InlineData(73, 3, 70, 4, Better.Higher, Verdict.Weak)]     // +3 ≤ 5
    [InlineData(74.9, 3, 70, 4, Better.Higher, Verdict.Weak)]   // just inside the noise
    [InlineData(75.1, 3, 70, 4, Better.Higher, Verdict.Holds)]  // just beyond it
    [InlineData(65, 3, 70, 4, Better.Higher, Verdict.Fails)]    // wrong direction, however small
    [InlineData(70, 3, 70, 4, Better.Higher, Verdict.Fails)]    // a tie is not the claimed direction
    [InlineData(60, 3, 70, 4, Better.Lower, Verdict.Holds)]
    [InlineData(68, 3, 70, 4, Better.Lower, Verdict.Weak)]
    [InlineData(71, 3, 70, 4, Better.Lower, Verdict.Fails)]
    public void CompareHoldsBeyondNoiseIsWeakWithinItAndFailsTheWrongWay(double ours, double hw, double reference, double hwRef, Better better, Verdict expected)
    {
        var claim = Claim.Compare("s", "p", M(ours, hw), M(reference, hwRef), better);
        Assert.Equal(expected, claim.Verdict);
        Assert.Contains("noise ±5", claim.Evidence);
    }

    [Theory]
    [InlineData(8, 1, 10, Better.Lower, Verdict.Holds)]   // [7, 9] below 10
    [InlineData(9.5, 1, 10, Better.Lower, Verdict.Weak)]  // [8.5, 10.5] straddles 10
    [InlineData(11, 1, 10, Better.Lower, Verdict.Fails)]
    [InlineData(95, 2, 90, Better.Higher, Verdict.Holds)]
    [InlineData(89, 2, 90, Better.Higher, Verdict.Fails)]
    public void BoundHoldsWhenTheWholeIntervalIsOnTheClaimedSide(double ours, double hw, double bound, Better better, Verdict expected) =>
        Assert.Equal(expected, Claim.Bound("s", "p", M(ours, hw), bound, better).Verdict);

    [Fact]
    public void ADifferenceThatRoundsToZeroPrintsZeroNotMinusZero()
    {
        var claim = Claim.Compare("tie", "—", new Metric(0.41799999, 0.3, 0.5, 0.95, 10), new Metric(0.418, 0.3, 0.5, 0.95, 10), Better.Higher);
        Assert.Equal(Verdict.Fails, claim.Verdict);
        Assert.StartsWith("difference 0,", claim.Evidence);
    }

    [Fact]
    public void ExactHasNoWeakMiddle()
    {
        Assert.Equal(Verdict.Holds, Claim.Exact("LoRA tunes under 10 %", "—", 0.04, 0.10, Better.Lower).Verdict);
        Assert.Equal(Verdict.Fails, Claim.Exact("LoRA tunes under 10 %", "—", 0.12, 0.10, Better.Lower).Verdict);
        Assert.Equal(Verdict.Fails, Claim.Exact("faster", "—", 0.5, 0.5, Better.Lower).Verdict);
    }

    [Fact]
    public void TheSheetCountsVerdictsAndWritesClaimsCsvUnderTheNotebooksFolder()
    {
        var root = Path.Combine(Path.GetTempPath(), "td-claims-" + Guid.NewGuid().ToString("N"));
        try
        {
            var sheet = new ClaimSheet("02-diffusion-lm-control", "smoke")
                .Add(Claim.Compare("success above FUDGE's (semantic)", "81.2 vs 69.9", M(80, 3), M(70, 4), Better.Higher))
                .Add(Claim.Compare("lm-score below FUDGE's (semantic)", "2.55 vs 2.83", M(30, 3), M(20, 4), Better.Lower))
                .Add(Claim.NotTested("CIDEr above AR's", "30.7 vs 26.9", "no COCO-caption toolkit here"));
            Assert.Equal("3 claims: 1 hold, 0 weak, 1 fail, 1 not tested", sheet.Summary);
            var path = sheet.Save(root);
            Assert.Equal(Path.Combine(root, "02-diffusion-lm-control", "claims.csv"), path);
            var lines = File.ReadAllLines(path);
            Assert.Equal("claim,paper,ours,verdict,evidence,profile", lines[0]);
            Assert.Equal(4, lines.Length);
            Assert.Contains(",fails,", lines[2]);
            Assert.Contains(",not tested,no COCO-caption toolkit here,smoke", lines[3]);
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void TheScorecardCountsEveryNotebooksClaimsFile()
    {
        var root = Path.Combine(Path.GetTempPath(), "td-scorecard-" + Guid.NewGuid().ToString("N"));
        try
        {
            new ClaimSheet("01-diffusion-lm", "cpu")
                .Add(Claim.Compare("x0 better than ε, \"as stated\", with a comma", "p", M(5, 1), M(9, 1), Better.Lower))
                .Add(Claim.Compare("weak one", "p", M(5, 3), M(6, 3), Better.Lower))
                .Save(root);
            new ClaimSheet("05-qe-cdlm", "cpu")
                .Add(Claim.Exact("LoRA under 10 %", "—", 0.5, 0.1, Better.Lower))
                .Add(Claim.NotTested("ROCStories", "—", "no data"))
                .Save(root);
            var rows = Scorecard.Table(root).Rows;
            Assert.Equal(3, rows.Count);
            Assert.Equal(new object?[] { "01-diffusion-lm", "cpu", 1, 1, 0, 0, 2, "100 % of those tested" }, rows[0]);
            Assert.Equal(new object?[] { "05-qe-cdlm", "cpu", 0, 0, 1, 1, 2, "0 % of those tested" }, rows[1]);
            Assert.Equal(new object?[] { "all", "", 1, 1, 1, 1, 4, "67 % of those tested" }, rows[2]);
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }
}
