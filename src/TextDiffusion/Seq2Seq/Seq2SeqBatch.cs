using Torch;
using TextDiffusion.Text;

namespace TextDiffusion.Seq2Seq;

/// <summary>
/// A batch of source/target pairs as padded ids (<see cref="SpecialTokens.Pad"/>): <see cref="Source"/> [B, S];
/// <see cref="Target"/> [B, L] (the plain target, what Difformer denoises); teacher forcing for the AR
/// model: <see cref="TargetInput"/> = BOS y and <see cref="TargetOutput"/> = y EOS, both [B, L + 1].
/// Sequences longer than the models' maxima are cut.
/// </summary>
public sealed record Seq2SeqBatch(Tensor Source, Tensor Target, Tensor TargetInput, Tensor TargetOutput) : IDisposable
{
    public static Seq2SeqBatch Create(IReadOnlyList<int[]> sources, IReadOnlyList<int[]> targets, int maxSourceLength, int maxTargetLength,
        Device? device = null)
    {
        var cut = targets.Select(t => t.Length > maxTargetLength ? t[..maxTargetLength] : t).ToList();
        return new(Ids(sources.Select(s => s.Length > maxSourceLength ? s[..maxSourceLength] : s).ToList(), device),
            Ids(cut, device),
            Ids(cut.Select(t => (int[])[SpecialTokens.Bos, .. t]).ToList(), device),
            Ids(cut.Select(t => (int[])[.. t, SpecialTokens.Eos]).ToList(), device));
    }

    /// <summary>Rows padded with PAD to the longest one, as int64 ids [B, L_max].</summary>
    public static Tensor Ids(IReadOnlyList<int[]> rows, Device? device = null)
    {
        var (ids, mask) = TokenBatch.Collate(rows).ToTensors(device);
        mask.Dispose();
        return ids;
    }

    public void Dispose()
    {
        Source.Dispose();
        Target.Dispose();
        TargetInput.Dispose();
        TargetOutput.Dispose();
    }
}
