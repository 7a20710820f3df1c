using MathNet.Numerics.LinearAlgebra;
using TextDiffusion.Data;
using TextDiffusion.Text;
using Torch;

namespace TextDiffusion.Experiments;

/// <summary>
/// A 2-D picture of learned word embeddings: their projection on the first two principal components,
/// each word labelled with its most frequent Universal POS tag in Diffusion-LM's POS targets
/// (gold spaCy tags of E2E sentences). The paper shows that learned embeddings cluster by POS.
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

    /// <summary>(word, UPOS, x, y) for every vocabulary word that has a tag, specials excluded.</summary>
    public static List<(string Word, string Pos, double X, double Y)> Points(Tensor embeddings, Tokenizer tokenizer)
    {
        var lexicon = PosLexicon();
        var (x, y) = Pca2(embeddings);
        var points = new List<(string, string, double, double)>();
        for (int id = SpecialTokens.Count; id < tokenizer.VocabSize; id++)
            if (lexicon.TryGetValue(tokenizer.IdToToken(id), out var pos)) points.Add((tokenizer.IdToToken(id), pos, x[id], y[id]));
        return points;
    }
}
