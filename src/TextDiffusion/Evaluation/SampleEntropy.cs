using Torch;

namespace TextDiffusion.Evaluation;

/// <summary>
/// Per-sample unigram entropy of token ids, H = −Σ_v (c_v/L)·log₂(c_v/L) over the counts c_v of each id
/// in one sample, averaged over samples (as MDLM and EDLM report it, in bits). A collapse into
/// repetitive text shows as entropy far below the data's.
/// </summary>
public static class SampleEntropy
{
    /// <summary>H(tokens) in bits.</summary>
    public static double Unigram(ReadOnlySpan<long> tokens)
    {
        var counts = new Dictionary<long, int>();
        foreach (var t in tokens) counts[t] = counts.GetValueOrDefault(t) + 1;
        double n = tokens.Length, h = 0;
        foreach (var c in counts.Values) h -= c / n * Math.Log2(c / n);
        return h;
    }

    /// <summary>The mean of <see cref="Unigram"/> over the rows of samples [N, L].</summary>
    public static double Mean(Tensor samples) => PerSample(samples).Average();

    /// <summary><see cref="Unigram"/> of each row of samples [N, L].</summary>
    public static double[] PerSample(Tensor samples)
    {
        long n = samples.Size(0), l = samples.Size(1);
        using var cpu = samples.To(DType.Int64, Device.Cpu);
        var ids = cpu.ToArray<long>();
        var entropies = new double[n];
        for (long i = 0; i < n; i++) entropies[i] = Unigram(ids.AsSpan((int)(i * l), (int)l));
        return entropies;
    }

    /// <summary>The data's value at the same length: the mean over consecutive blocks of <paramref name="length"/> tokens.</summary>
    public static double OfData(IReadOnlyList<long> tokens, int length, int maxBlocks = 10_000)
    {
        int blocks = Math.Min(tokens.Count / length, maxBlocks);
        if (blocks == 0) throw new ArgumentException($"{tokens.Count} tokens hold no block of {length}");
        var buffer = new long[length];
        double sum = 0;
        for (int b = 0; b < blocks; b++)
        {
            for (int i = 0; i < length; i++) buffer[i] = tokens[b * length + i];
            sum += Unigram(buffer);
        }
        return sum / blocks;
    }
}
