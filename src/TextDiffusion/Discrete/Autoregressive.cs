using TextDiffusion.Models;
using Torch;

namespace TextDiffusion.Discrete;

/// <summary>
/// How EDLM's autoregressive models (the AR baseline, the AR energy, the judge) use the causal
/// <see cref="TransformerLM"/> on fixed-length blocks of ids 0..V−1: a BOS id = V is prepended, so the
/// model has V+1 ids and scores every one of the L tokens, log p(x) = Σ_ℓ log p(x^ℓ | BOS, x^{&lt;ℓ}).
/// There is no padding (PadId = −1 never occurs), and BOS is never predicted (its logit is −∞), so
/// Σ_x p(x) = 1 over the V^L blocks.
/// </summary>
public static class Autoregressive
{
    /// <summary>A TransformerLM configuration for blocks of <paramref name="length"/> tokens from a vocabulary of V.</summary>
    public static TransformerLMConfig Config(int vocabSize, int length, int modelDim, int layers, int heads, int feedForwardDim, double dropout) =>
        new(vocabSize + 1, length + 1, modelDim, layers, heads, feedForwardDim, dropout, PadId: -1);

    /// <summary>The BOS id, V.</summary>
    public static long Bos(TransformerLM lm) => lm.Config.VocabSize - 1;

    /// <summary>[BOS, x¹, …, x^L] for ids [B, L].</summary>
    public static Tensor WithBos(Tensor ids, long bos)
    {
        using var first = torch.Full([ids.Size(0), 1], bos, DType.Int64, ids.Device);
        return torch.Cat([first, ids], 1);
    }

    /// <summary>The mean next-token cross-entropy of ids [B, L] (the training loss).</summary>
    public static Tensor Loss(TransformerLM lm, Tensor ids)
    {
        using var framed = WithBos(ids, Bos(lm));
        return lm.Loss(framed);
    }

    /// <summary>Next-token log-probabilities [B, P, V+1] for prefixes [B, P] that start with BOS; BOS itself gets −∞.</summary>
    public static Tensor NextTokenLogProbs(TransformerLM lm, Tensor prefix) => torch.Scoped(() =>
    {
        var logits = lm.Forward(prefix);
        var isBos = torch.Arange(logits.Size(-1), logits.Device).Eq(Bos(lm));
        return logits.MaskedFill(isBos, double.NegativeInfinity).LogSoftmax(-1); // log softmax with logit_BOS = −∞
    });

    /// <summary>log p(x^ℓ | BOS, x^{&lt;ℓ}) [B, L] for ids [B, L] (gradients follow the caller's grad mode).</summary>
    public static Tensor PositionLogProbs(TransformerLM lm, Tensor ids) => torch.Scoped(() =>
    {
        var logProbs = NextTokenLogProbs(lm, WithBos(ids, Bos(lm)).Slice(1, 0, ids.Size(1)));
        return logProbs.Gather(-1, ids.Unsqueeze(-1)).Squeeze(-1); // log p(x^ℓ | BOS, x^{<ℓ})
    });

    /// <summary>Σ −log p(x) over ids [B, L] in eval mode, in chunks: the nats and the token count.</summary>
    public static (double Nats, long Tokens) Nll(TransformerLM lm, Tensor ids, int batchSize = 64)
    {
        bool wasTraining = lm.Training;
        lm.Eval();
        try
        {
            using var noGrad = torch.NoGrad();
            double nats = 0;
            for (long start = 0; start < ids.Size(0); start += batchSize)
            {
                using var scope = torch.NewDisposeScope();
                var chunk = ids.Slice(0, start, Math.Min(start + batchSize, ids.Size(0)));
                nats -= PositionLogProbs(lm, chunk).To(DType.Float64).Sum().Item();
            }
            return (nats, ids.NumEl);
        }
        finally
        {
            lm.Train(wasTraining);
        }
    }

    /// <summary>Ancestral samples x^ℓ ~ p(· | BOS, x^{&lt;ℓ}) at temperature 1: ids [count, length].</summary>
    public static Tensor Sample(TransformerLM lm, int count, int length, Generator generator) => torch.NoGrad(() =>
    {
        bool wasTraining = lm.Training;
        lm.Eval();
        var ids = torch.Full([count, 1], Bos(lm), DType.Int64, lm.Device);
        try
        {
            for (int l = 0; l < length; l++)
            {
                using var scope = torch.NewDisposeScope();
                var last = NextTokenLogProbs(lm, ids).Select(1, l);                    // log p(· | BOS, x^{<ℓ})
                var next = last.Exp().Multinomial(1, replacement: true, generator: generator);
                var grown = scope.MoveToOuter(torch.Cat([ids, next], 1));
                ids.Dispose();
                ids = grown;
            }
            return ids.Slice(1, 1, length + 1).Contiguous();
        }
        finally
        {
            ids.Dispose();
            lm.Train(wasTraining);
        }
    });
}
