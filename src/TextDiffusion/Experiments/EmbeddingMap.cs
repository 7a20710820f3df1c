using MathNet.Numerics.LinearAlgebra;
using TextDiffusion.Data;
using TextDiffusion.Reporting;
using TextDiffusion.Text;
using Torch;

namespace TextDiffusion.Experiments;

/// <summary>
/// Whether word embeddings cluster by part of speech, in their full dimension: <see cref="Share"/> is, over the tagged
/// words, the mean share of a word's <see cref="K"/> nearest tagged words (Euclidean) that carry its tag, with a 95 %
/// normal interval over words (mean ± 1.96·sd/√N); <see cref="Chance"/> is the same share expected when the tags are
/// dealt to the same words at random: (1/N)·Σ_w (n_tag(w) − 1)/(N − 1).
/// </summary>
public sealed record NeighbourAgreement(Metric Share, double Chance, int K)
{
    public override string ToString() =>
        $"{Share.Mean:P1} ± {Share.HalfWidth:P1} of {K} nearest words share the tag (chance {Chance:P1}, {Share.Samples} words)";
}

/// <summary>
/// A 2-D picture of learned word embeddings: their projection on the first two principal components,
/// each word labelled with its most frequent Universal POS tag in Diffusion-LM's POS targets
/// (gold spaCy tags of E2E sentences), and the nearest-neighbour measure of the same question in all d dimensions.
/// The paper shows that learned embeddings cluster by POS.
/// </summary>
public static class EmbeddingMap
{
    /// <summary>The most frequent UPOS tag of each word in e2e_control/target_pos.json.</summary>
    public static Dictionary<string, string> PosLexicon()
    {
        var counts = new Dictionary<string, Dictionary<string, int>>();
        foreach (var target in E2eControlLoader.ReadPosTargets(DataPaths.Resolve(DatasetFiles.E2eControl.Pos)))
            foreach (var (word, tag) in target.Content)
            {
                if (!counts.TryGetValue(word, out var tags)) counts[word] = tags = [];
                tags[tag] = tags.GetValueOrDefault(tag) + 1;
            }
        return counts.ToDictionary(kv => kv.Key, kv => kv.Value.MaxBy(t => t.Value).Key);
    }

    /// <summary>Rows of <paramref name="embeddings"/> [V, d] projected on their top two principal components.</summary>
    public static (double[] X, double[] Y) Pca2(Tensor embeddings)
    {
        using var cpu = embeddings.Detach().To(DType.Float64, Device.Cpu);
        long v = cpu.Size(0), d = cpu.Size(1);
        var data = cpu.ToArray<double>();
        var m = Matrix<double>.Build.Dense((int)v, (int)d, (i, j) => data[i * d + j]);
        var mean = m.ColumnSums() / v;
        var centered = m - Matrix<double>.Build.Dense((int)v, (int)d, (i, j) => mean[j]);
        var svd = centered.Svd(computeVectors: true);
        var projected = centered * svd.VT.Transpose().SubMatrix(0, (int)d, 0, 2);
        return (projected.Column(0).ToArray(), projected.Column(1).ToArray());
    }

    /// <summary>The POS neighbour agreement of the rows of <paramref name="embeddings"/> [V, d] for every vocabulary word that has a tag.</summary>
    public static NeighbourAgreement PosNeighbours(Tensor embeddings, Tokenizer tokenizer, int k = 5)
    {
        using var cpu = embeddings.Detach().To(DType.Float64, Device.Cpu);
        int d = (int)cpu.Size(1);
        var data = cpu.ToArray<double>();
        var tagged = TaggedWords(tokenizer);
        return Agreement(tagged.Select(w => data.AsSpan(w.Id * d, d).ToArray()).ToList(), tagged.Select(w => w.Pos).ToList(), k);
    }

    /// <summary>The share of each vector's <paramref name="k"/> nearest others (Euclidean; ties to the lower index) with its tag.</summary>
    public static NeighbourAgreement Agreement(IReadOnlyList<double[]> vectors, IReadOnlyList<string> tags, int k)
    {
        int n = vectors.Count;
        if (n != tags.Count) throw new ArgumentException($"{n} vectors but {tags.Count} tags");
        if (k < 1 || k >= n) throw new ArgumentOutOfRangeException(nameof(k), k, $"expected 1 … {n - 1} neighbours for {n} words");
        var tagCounts = tags.GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
        var shares = new double[n];
        for (int i = 0; i < n; i++)
        {
            var nearest = Enumerable.Range(0, n).Where(j => j != i)
                .OrderBy(j => SquaredDistance(vectors[i], vectors[j])).ThenBy(j => j).Take(k);
            shares[i] = nearest.Count(j => tags[j] == tags[i]) / (double)k;
        }
        double mean = shares.Average();
        double sd = Math.Sqrt(shares.Sum(x => (x - mean) * (x - mean)) / (n - 1));
        double chance = tags.Average(t => (tagCounts[t] - 1) / (double)(n - 1));
        double halfWidth = 1.96 * sd / Math.Sqrt(n);
        return new NeighbourAgreement(new Metric(mean, mean - halfWidth, mean + halfWidth, 0.95, n), chance, k);
    }

    static double SquaredDistance(double[] a, double[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += (a[i] - b[i]) * (a[i] - b[i]);
        return sum;
    }

    /// <summary>(word, UPOS, x, y) for every vocabulary word that has a tag, specials excluded.</summary>
    public static List<(string Word, string Pos, double X, double Y)> Points(Tensor embeddings, Tokenizer tokenizer)
    {
        var (x, y) = Pca2(embeddings);
        return TaggedWords(tokenizer).Select(w => (w.Word, w.Pos, x[w.Id], y[w.Id])).ToList();
    }

    /// <summary>(id, word, UPOS) for every vocabulary word that has a tag in <see cref="PosLexicon"/>, specials excluded.</summary>
    static List<(int Id, string Word, string Pos)> TaggedWords(Tokenizer tokenizer)
    {
        var lexicon = PosLexicon();
        var words = new List<(int, string, string)>();
        for (int id = SpecialTokens.Count; id < tokenizer.VocabSize; id++)
            if (lexicon.TryGetValue(tokenizer.IdToToken(id), out var pos)) words.Add((id, tokenizer.IdToToken(id), pos));
        return words;
    }
}
