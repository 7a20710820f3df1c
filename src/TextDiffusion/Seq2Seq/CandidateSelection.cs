namespace TextDiffusion.Seq2Seq;

/// <summary>How one output is chosen among a source's length × noise candidates.</summary>
public enum CandidateSelection
{
    /// <summary>The candidate whose tokens the diffusion model itself finds most probable (mean log p).</summary>
    ModelScore,
    /// <summary>Minimum Bayes risk: the candidate with the highest mean BLEU against the others.</summary>
    Mbr,
    /// <summary>The candidate an autoregressive model scores best (mean log p(y | x) per token).</summary>
    ArScore,
}
