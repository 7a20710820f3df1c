namespace TextDiffusion.Seq2Seq;

/// <summary>
/// Difformer's decoding: <see cref="Steps"/> respaced reverse steps (20 of T = 2000), for each source
/// the <see cref="LengthBeam"/> most probable lengths × <see cref="NoiseBeam"/> noise draws (7 × 3),
/// then one candidate chosen by <see cref="Selection"/>. <see cref="NoiseFactor"/> scales z_T and the
/// posterior noise (1 at decoding in the public code); <see cref="Clamping"/> snaps each ẑ0 to the
/// embeddings of its argmax tokens.
/// </summary>
public sealed record DecodingOptions(
    int Steps = 20,
    int LengthBeam = 7,
    int NoiseBeam = 3,
    double NoiseFactor = 1.0,
    CandidateSelection Selection = CandidateSelection.Mbr,
    bool Clamping = false)
{
    public int Candidates => LengthBeam * NoiseBeam;
}
