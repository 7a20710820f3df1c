namespace TextDiffusion.Seq2Seq;

/// <summary>
/// Difformer's decoding as the public code's <c>evaluate.sh</c> runs it (zhjgao/difformer): <see cref="Steps"/> respaced
/// reverse steps (20 of T = 2000) of which the last <see cref="EarlyStopping"/> are skipped (<c>--decoding-early-stopping 5</c>:
/// the output is the ẑ0 predicted at respaced step 5, 15 denoiser calls); for each source a window of
/// <see cref="LengthBeam"/> lengths around the predicted one × <see cref="NoiseBeam"/> noise draws (7 × 3); one candidate
/// chosen by <see cref="Selection"/>, by default an autoregressive model's score (<c>--ppl-mbr</c> with the AR Transformer as
/// the last model). <see cref="NoiseFactor"/> scales z_T and the posterior noise (1 at decoding in the public code);
/// <see cref="Clamping"/> snaps each ẑ0 to the embeddings of its argmax tokens.
/// </summary>
public sealed record DecodingOptions(
    int Steps = 20,
    int LengthBeam = 7,
    int NoiseBeam = 3,
    double NoiseFactor = 1.0,
    CandidateSelection Selection = CandidateSelection.ArScore,
    bool Clamping = false,
    int EarlyStopping = 5)
{
    public int Candidates => LengthBeam * NoiseBeam;

    /// <summary>The last respaced step that runs: the loop is <c>range(early_stopping, steps)[::-1]</c>, kept to at least one step.</summary>
    public int LastStep => Math.Clamp(EarlyStopping, 0, Steps - 1);
}
