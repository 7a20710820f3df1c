using TextDiffusion.Models;
using Torch;

namespace TextDiffusion.Control;

/// <summary>
/// The FT baseline of Diffusion-LM's Table 2: an autoregressive LM trained on "c &lt;sep&gt; sentence"
/// (<see cref="PromptedCorpus"/>) that generates a sentence for a control target — by sampling
/// (FT-sample, temperature 1) or by greedy search (FT-search; the paper uses beam search).
/// </summary>
public static class FineTunedControl
{
    public static List<string> Generate(TransformerLM model, PromptedCorpus corpus, IReadOnlyList<ControlTarget> controls,
        Generator generator, bool search, int maxWords = 62)
    {
        var output = new string[controls.Count];
        var prompts = controls.Select(corpus.Prompt).ToList();
        foreach (var group in Enumerable.Range(0, controls.Count).GroupBy(i => prompts[i].Length))
        {
            using var scope = torch.NewDisposeScope();
            var members = group.ToList();
            int promptLength = group.Key;
            var batch = torch.Tensor(members.SelectMany(i => prompts[i]).ToArray(), [members.Count, promptLength], Compute.Device);
            var ids = model.Generate(batch, Math.Min(corpus.MaxLength, promptLength + maxWords), Text.SpecialTokens.Eos, generator,
                topK: search ? 1 : 0);
            var flat = ids.ToArray<long>();
            int width = (int)ids.Size(1);
            for (int k = 0; k < members.Count; k++) output[members[k]] = corpus.DecodeAfterPrompt(flat.AsSpan(k * width, width), promptLength);
        }
        return [.. output];
    }
}
