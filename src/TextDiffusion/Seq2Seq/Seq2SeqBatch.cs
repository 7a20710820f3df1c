using Torch;

namespace TextDiffusion.Seq2Seq;

/// <summary>
/// A batch of source/target pairs as padded ids: <see cref="Source"/> [B, S]; <see cref="Target"/> [B, L]
/// (the plain target, what Difformer denoises); teacher forcing for the AR model:
/// <see cref="TargetInput"/> = BOS y and <see cref="TargetOutput"/> = y EOS, both [B, L + 1].
/// </summary>
public sealed record Seq2SeqBatch(Tensor Source, Tensor Target, Tensor TargetInput, Tensor TargetOutput) : IDisposable
{
    public static Seq2SeqBatch Create(IReadOnlyList<int[]> sources, IReadOnlyList<int[]> targets, int padId, int bosId, int eosId,
        int maxSourceLength, int maxTargetLength, Device? device = null) =>
        new(TokenPadding.Pad(sources, padId, maxSourceLength, device: device),
            TokenPadding.Pad(targets, padId, maxTargetLength, device: device),
            TokenPadding.Pad(targets, padId, maxTargetLength + 1, prefix: bosId, device: device),
            TokenPadding.Pad(targets, padId, maxTargetLength + 1, suffix: eosId, device: device));

    public void Dispose()
    {
        Source.Dispose();
        Target.Dispose();
        TargetInput.Dispose();
        TargetOutput.Dispose();
    }
}
