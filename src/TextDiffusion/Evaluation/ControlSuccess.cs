namespace TextDiffusion.Evaluation;

/// <summary>Control success as Diffusion-LM's Table 2 reports it: the percentage of samples that meet their target.</summary>
public static class ControlSuccess
{
    /// <summary>Percentage of true outcomes (0 for none).</summary>
    public static double Rate(IEnumerable<bool> outcomes)
    {
        int n = 0, ok = 0;
        foreach (bool o in outcomes)
        {
            n++;
            if (o) ok++;
        }
        return n == 0 ? 0 : 100.0 * ok / n;
    }
}
