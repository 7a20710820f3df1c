using TextDiffusion.Models;
using TextDiffusion.Text;
using Torch;

namespace TextDiffusion.Control;

/// <summary>
/// FUDGE decoding (Yang &amp; Klein, 2021): left to right, the next word is drawn from
/// p(w_i | w_&lt;i, c) ∝ p_LM(w_i | w_&lt;i) · p(c | c, w_≤i) over the base LM's top-k words, where the
/// second factor is the <see cref="FudgeDiscriminator"/>. The base LM reads the sentence alone
/// (BOS w …, in the <see cref="PromptedCorpus"/> vocabulary).
/// </summary>
public static class Fudge
{
    public static List<string> Generate(TransformerLM lm, FudgeDiscriminator discriminator, PromptedCorpus corpus,
        IReadOnlyList<ControlTarget> controls, Generator generator, int topK = 10, int maxWords = 62) =>
        Generate(lm, discriminator, corpus, controls.Select(c => (IReadOnlyList<ControlTarget>)[c]).ToList(), generator, topK, maxWords);

    /// <summary>
    /// Several controls per sentence (composition): log p(c1, c2 | w_≤i) = Σ_k log p(c_k | w_≤i), one
    /// discriminator pass per control. Every row must carry the same number of controls.
    /// </summary>
    public static List<string> Generate(TransformerLM lm, FudgeDiscriminator discriminator, PromptedCorpus corpus,
        IReadOnlyList<IReadOnlyList<ControlTarget>> rows, Generator generator, int topK = 10, int maxWords = 62)
    {
        lm.Eval();
        discriminator.Eval();
        using var noGrad = torch.NoGrad();
        var output = new string[rows.Count];
        var prompts = rows.Select(r => r.Select(corpus.Prompt).ToList()).ToList();
        foreach (var group in Enumerable.Range(0, rows.Count).GroupBy(i => string.Join(',', prompts[i].Select(p => p.Length))))
        {
            var members = group.ToList();
            int controls = prompts[members[0]].Count;
            var perControl = Enumerable.Range(0, controls).Select(k => members.Select(i => prompts[i][k]).ToList()).ToList();
            var words = Decode(lm, discriminator, corpus, perControl, generator, topK, maxWords);
            for (int k = 0; k < members.Count; k++) output[members[k]] = words[k];
        }
        return [.. output];
    }

    /// <param name="prompts">For each control, the rows' prompts (equal lengths within a control).</param>
    static List<string> Decode(TransformerLM lm, FudgeDiscriminator discriminator, PromptedCorpus corpus, IReadOnlyList<List<long[]>> prompts,
        Generator generator, int topK, int maxWords)
    {
        var device = Compute.Device;
        int b = prompts[0].Count;
        var sentence = torch.Full([b, 1], SpecialTokens.Bos, DType.Int64, device);
        var prefixes = prompts.Select(p => torch.Tensor(p.SelectMany(r => r).ToArray(), [b, p[0].Length], device)).ToList();
        var finished = torch.Zeros([b], DType.Bool, device);
        int longestPrompt = prompts.Max(p => p[0].Length);
        int limit = Math.Min(maxWords, Math.Min(lm.Config.MaxLength - 1, corpus.MaxLength - longestPrompt));
        try
        {
            for (int i = 0; i < limit; i++)
            {
                using var scope = torch.NewDisposeScope();
                var lmLogp = lm.Forward(sentence).Select(1, sentence.Size(1) - 1).LogSoftmax(-1);      // log p_LM(w_i | w_<i)
                var (values, indices) = lmLogp.TopK(topK, -1);                                          // [B, k]
                var score = values;
                foreach (var prefix in prefixes)
                {
                    long length = prefix.Size(1);
                    var expanded = prefix.Unsqueeze(1).Expand(b, topK, length).Reshape(b * topK, length);
                    var candidates = torch.Cat([expanded, indices.Reshape(b * topK, 1)], 1);
                    var judged = discriminator.Logits(candidates).Select(1, length).Reshape(b, topK);
                    score = score + F.LogSigmoid(judged);                                               // + log p(c_k | w_≤i)
                }
                var pick = score.Softmax(-1).Multinomial(1, generator: generator);
                var next = indices.Gather(1, pick).Squeeze(1);
                next = torch.Where(finished, torch.FullLike(next, SpecialTokens.Pad), next);
                var column = next.Unsqueeze(1);
                var grownSentence = torch.Cat([sentence, column], 1);
                var grownPrefixes = prefixes.Select(p => scope.MoveToOuter(torch.Cat([p, column], 1))).ToList();
                var done = finished.LogicalOr(next.Eq(SpecialTokens.Eos));
                sentence.Dispose(); finished.Dispose();
                foreach (var p in prefixes) p.Dispose();
                sentence = scope.MoveToOuter(grownSentence);
                prefixes = grownPrefixes;
                finished = scope.MoveToOuter(done);
                if (finished.All().Item() != 0) break;
            }
            var flat = sentence.ToArray<long>();
            int width = (int)sentence.Size(1);
            return Enumerable.Range(0, b).Select(r => corpus.DecodeAfterPrompt(flat.AsSpan(r * width, width), 1)).ToList();
        }
        finally
        {
            sentence.Dispose(); finished.Dispose();
            foreach (var p in prefixes) p.Dispose();
        }
    }
}
