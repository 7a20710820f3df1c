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
    /// <summary>
    /// The candidate with the highest sentence BLEU against the reference: the best any selection could pick from these
    /// candidates. It reads the reference, so it is a diagnostic (how much of a gap selection could close), not a system.
    /// </summary>
    Oracle,
}
