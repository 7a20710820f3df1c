namespace TextDiffusion.Evaluation;

/// <summary>
/// Diffusion-LM's length control: a generated sentence succeeds when its length in words (tokens of the
/// generated text, START/END/padding excluded) is within <see cref="DefaultTolerance"/> of the target
/// length: |length − target| ≤ 2.
/// </summary>
public static class LengthMatch
{
    /// <summary>The allowed difference in words.</summary>
    public const int DefaultTolerance = 2;

    /// <summary>True when |<paramref name="generatedLength"/> − <paramref name="targetLength"/>| ≤ <paramref name="tolerance"/>.</summary>
    public static bool IsSatisfied(int generatedLength, int targetLength, int tolerance = DefaultTolerance)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tolerance);
        return Math.Abs(generatedLength - targetLength) <= tolerance;
    }

    /// <summary>Success rate in percent over (generated length, target length) pairs.</summary>
    public static double SuccessRate(IEnumerable<(int Generated, int Target)> samples, int tolerance = DefaultTolerance) =>
        ControlSuccess.Rate(samples.Select(s => IsSatisfied(s.Generated, s.Target, tolerance)));
}
