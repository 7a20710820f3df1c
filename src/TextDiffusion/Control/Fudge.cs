using TextDiffusion.Models;
using TextDiffusion.Text;
using Torch;

namespace TextDiffusion.Control;

/// <summary>
/// FUDGE decoding (Yang &amp; Klein, 2021): left to right, the next word is drawn from
/// p(w_i | w_&lt;i, c) ∝ p_LM(w_i | w_&lt;i) · p(c | c, w_≤i)^λ, where the second factor is the
/// <see cref="FudgeDiscriminator"/>. As in the authors' code, the discriminator rescores the base
/// LM's top <c>preconditionTopK</c> words (200 there) and the word is sampled among the best
/// <c>topK</c> (10) of the rescored ones: a word the control needs can win from far down the LM's
/// ranking. The base LM reads the sentence alone (BOS w …, in the <see cref="PromptedCorpus"/> vocabulary).
/// </summary>
public static class Fudge
{
    public static List<string> Generate(TransformerLM lm, FudgeDiscriminator discriminator, PromptedCorpus corpus,
        IReadOnlyList<ControlTarget> controls, Generator generator, int topK = 10, int maxWords = 62, int preconditionTopK = 200, double lambda = 1) =>
        Generate(lm, discriminator, corpus, controls.Select(c => (IReadOnlyList<ControlTarget>)[c]).ToList(), generator, topK, maxWords, preconditionTopK, lambda);

    /// <summary>
    /// Several controls per sentence (composition): log p(c1, c2 | w_≤i) = Σ_k log p(c_k | w_≤i), one
    /// discriminator pass per control. Every row must carry the same number of controls.
    /// </summary>
    public static List<string> Generate(TransformerLM lm, FudgeDiscriminator discriminator, PromptedCorpus corpus,
        IReadOnlyList<IReadOnlyList<ControlTarget>> rows, Generator generator, int topK = 10, int maxWords = 62, int preconditionTopK = 200, double lambda = 1) => torch.NoGrad(() =>
    {
        lm.Eval();
        discriminator.Eval();
        var output = new string[rows.Count];
        var prompts = rows.Select(r => r.Select(corpus.Prompt).ToList()).ToList();
        foreach (var group in Enumerable.Range(0, rows.Count).GroupBy(i => string.Join(',', prompts[i].Select(p => p.Length))))
        {
            var members = group.ToList();
            int controls = prompts[members[0]].Count;
            var perControl = Enumerable.Range(0, controls).Select(k => members.Select(i => prompts[i][k]).ToList()).ToList();
            var words = Decode(lm, discriminator, corpus, perControl, generator, topK, maxWords, preconditionTopK, lambda);
            for (int k = 0; k < members.Count; k++) output[members[k]] = words[k];
        }
        return output.ToList();
    });

    /// <summary>
    /// One step's candidates [B, topK]: the base LM's best <paramref name="preconditionTopK"/> words w, scored
    /// log p_LM(w | w_&lt;i) + λ·log p(c | w_≤i) (<paramref name="conditionLogp"/> maps the words [B, k] to that
    /// second term), then cut to the best <paramref name="topK"/>. Returns the scores and the words. At λ = 0 the
    /// discriminator is not called: the candidates are the base LM's own, so with <paramref name="preconditionTopK"/> =
    /// <paramref name="topK"/> = the vocabulary size FUDGE's decoder draws from the base LM's full distribution.
    /// </summary>
    public static (Tensor Scores, Tensor Words) Candidates(Tensor lmLogp, Func<Tensor, Tensor> conditionLogp, int preconditionTopK, int topK, double lambda) => torch.Scoped(() =>
    {
        int pre = (int)Math.Min(preconditionTopK, lmLogp.Size(-1));
        var (values, words) = lmLogp.TopK(pre, -1);                               // the LM's best words, [B, pre]
        var scores = lambda == 0 ? values : values + conditionLogp(words) * lambda;  // + λ·log p(c | w_≤i)
        var (best, at) = scores.TopK(Math.Min(topK, pre), -1);                    // the best topK after rescoring
        return (best, words.Gather(1, at));
    });

    /// <param name="prompts">For each control, the rows' prompts (equal lengths within a control).</param>
    static List<string> Decode(TransformerLM lm, FudgeDiscriminator discriminator, PromptedCorpus corpus, IReadOnlyList<List<long[]>> prompts,
        Generator generator, int topK, int maxWords, int preconditionTopK, double lambda)
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
                Tensor ConditionLogp(Tensor words)                                                      // Σ_k log p(c_k | w_≤i), [B, k]
                {
                    long k = words.Size(1);
                    Tensor? sum = null;
                    foreach (var prefix in prefixes)
                    {
                        long length = prefix.Size(1);
                        var expanded = prefix.Unsqueeze(1).Expand(b, k, length).Reshape(b * k, length);
                        var judged = discriminator.Logits(torch.Cat([expanded, words.Reshape(b * k, 1)], 1)).Select(1, length).Reshape(b, k);
                        sum = sum is null ? F.LogSigmoid(judged) : sum + F.LogSigmoid(judged);
                    }
                    return sum!;
                }
                var (score, indices) = Candidates(lmLogp, ConditionLogp, preconditionTopK, topK, lambda);
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
