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
        IReadOnlyList<ControlTarget> controls, Generator generator, int topK = 10, int maxWords = 62)
    {
        lm.Eval();
        discriminator.Eval();
        using var noGrad = torch.NoGrad();
        var output = new string[controls.Count];
        var prompts = controls.Select(corpus.Prompt).ToList();
        foreach (var group in Enumerable.Range(0, controls.Count).GroupBy(i => prompts[i].Length))
        {
            var members = group.ToList();
            var words = Decode(lm, discriminator, corpus, members.Select(i => prompts[i]).ToList(), generator, topK, maxWords);
            for (int k = 0; k < members.Count; k++) output[members[k]] = words[k];
        }
        return [.. output];
    }

    static List<string> Decode(TransformerLM lm, FudgeDiscriminator discriminator, PromptedCorpus corpus, IReadOnlyList<long[]> prompts,
        Generator generator, int topK, int maxWords)
    {
        var device = Compute.Device;
        int b = prompts.Count, promptLength = prompts[0].Length;
        var sentence = torch.Full([b, 1], SpecialTokens.Bos, DType.Int64, device);
        var prefix = torch.Tensor(prompts.SelectMany(p => p).ToArray(), [b, promptLength], device);
        var finished = torch.Zeros([b], DType.Bool, device);
        int limit = Math.Min(maxWords, Math.Min(lm.Config.MaxLength - 1, corpus.MaxLength - promptLength));
        try
        {
            for (int i = 0; i < limit; i++)
            {
                using var scope = torch.NewDisposeScope();
                var lmLogp = lm.Forward(sentence).Select(1, sentence.Size(1) - 1).LogSoftmax(-1);      // log p_LM(w_i | w_<i)
                var (values, indices) = lmLogp.TopK(topK, -1);                                          // [B, k]
                long length = prefix.Size(1);
                var expanded = prefix.Unsqueeze(1).Expand(b, topK, length).Reshape(b * topK, length);
                var candidates = torch.Cat([expanded, indices.Reshape(b * topK, 1)], 1);
                var judged = discriminator.Logits(candidates).Select(1, length).Reshape(b, topK);
                judged = F.LogSigmoid(judged); // log p(c | w_≤i)
                var pick = (values + judged).Softmax(-1).Multinomial(1, generator: generator);
                var next = indices.Gather(1, pick).Squeeze(1);
                next = torch.Where(finished, torch.FullLike(next, SpecialTokens.Pad), next);
                var grownSentence = torch.Cat([sentence, next.Unsqueeze(1)], 1);
                var grownPrefix = torch.Cat([prefix, next.Unsqueeze(1)], 1);
                var done = finished.LogicalOr(next.Eq(SpecialTokens.Eos));
                sentence.Dispose(); prefix.Dispose(); finished.Dispose();
                sentence = scope.MoveToOuter(grownSentence);
                prefix = scope.MoveToOuter(grownPrefix);
                finished = scope.MoveToOuter(done);
                if (finished.All().Item() != 0) break;
            }
            var flat = sentence.ToArray<long>();
            int width = (int)sentence.Size(1);
            return Enumerable.Range(0, b).Select(r => corpus.DecodeAfterPrompt(flat.AsSpan(r * width, width), 1)).ToList();
        }
        finally
        {
            sentence.Dispose(); prefix.Dispose(); finished.Dispose();
        }
    }
}
