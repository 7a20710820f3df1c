namespace TextDiffusion.Experiments;

/// <summary>
/// The EDLM paper's numbers (arXiv 2410.21357; papers.md §3), shown beside ours. Generative perplexity
/// is under GPT-2 large, for OpenWebText-trained models sampling 1024 tokens.
/// </summary>
public static class EdlmPaper
{
    /// <summary>The step counts of the paper's generative-perplexity table.</summary>
    public static readonly int[] Steps = [256, 512, 1024, 2048];

    /// <summary>Gen PPL by method at <see cref="Steps"/>.</summary>
    public static readonly IReadOnlyDictionary<string, double[]> GenerativePerplexity = new Dictionary<string, double[]>
    {
        ["MDLM"] = [66.8, 52.4, 42.6, 34.9],
        ["SEDD"] = [64.8, 52.2, 41.5, 33.7],
        ["EDLM-AR"] = [62.1, 42.0, 25.5, 17.9],
        ["EDLM-NCE"] = [61.7, 42.5, 25.5, 17.7],
    };

    public const double ArGenerativePerplexity = 35.7;
    public const double DataEntropy = 7.7;
    public const double EdlmEntropyAt2048 = 6.9;

    /// <summary>text8 bits per character (≤: a bound).</summary>
    public const double Text8BpcAr = 1.23, Text8BpcEdlm = 1.24, Text8BpcMdlm = 1.40;

    /// <summary>OpenWebText perplexity (≤: a bound).</summary>
    public const double OwtPplAr = 17.56, OwtPplMdlm = 23.83, OwtPplEdlmNce = 21.52, OwtPplEdlmAr = 20.49;

    /// <summary>With k = 2 and w = 0.2, EDLM reaches the AR model's gen PPL about this much faster than MDLM.</summary>
    public const double SpeedUp = 1.3;

    /// <summary>The paper's value for a method at a step count, when it reports one.</summary>
    public static double? At(string method, int steps)
    {
        int i = Array.IndexOf(Steps, steps);
        return i >= 0 && GenerativePerplexity.TryGetValue(method, out var row) ? row[i] : null;
    }
}
