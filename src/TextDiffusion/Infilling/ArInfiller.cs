using TextDiffusion.Data;
using TextDiffusion.Evaluation;
using TextDiffusion.Models;
using TextDiffusion.Text;
using Torch;

namespace TextDiffusion.Infilling;

/// <summary>
/// The autoregressive infilling baselines: a causal <see cref="TransformerLM"/> trained on rows in
/// <paramref name="layout"/> is prompted with BOS obs1 (<see cref="StoryLayout.Story"/>: the paper's
/// "left-only" row, which never sees obs2) or BOS obs2 obs1 (<see cref="StoryLayout.EndFirst"/>: the "AR"
/// row, which sees both) and samples (temperature 1) until the first sentence end (".", "!", "?") or EOS,
/// at most the longest training middle. Each example gets <paramref name="samples"/> samples and MBR
/// (−BLEU) picks one, as for Diffusion-LM, so both systems choose among the same number of candidates.
/// </summary>
public sealed class ArInfiller(TransformerLM model, RocCorpus corpus, StoryLayout layout, int samples, int batchSize = 100)
{
    public StoryLayout Layout => layout;
    public int Candidates => samples;

    /// <summary>All sampled middles of each example.</summary>
    public List<List<string>> CandidateMiddles(IReadOnlyList<AnlgExample> examples, Generator generator)
    {
        var candidates = examples.Select(_ => new List<string>()).ToList();
        int maxMiddle = corpus.MaxMiddleLength;
        var sentenceEnds = new[] { ".", "!", "?" }.Select(corpus.Tokenizer.TokenToId).Where(id => id != SpecialTokens.Unk).ToHashSet();
        int period = corpus.Tokenizer.TokenToId(".");
        // Generate takes prompts of one length, so jobs are grouped by prompt length (no padding inside a prompt).
        var jobs = examples.Select((e, i) => (Index: i, Prompt: corpus.Prompt(layout, e.Obs1, e.Obs2)))
            .SelectMany(j => Enumerable.Repeat(j, samples))
            .GroupBy(j => j.Prompt.Length).OrderBy(g => g.Key);
        foreach (var group in jobs)
        {
            var all = group.ToList();
            int p = group.Key, limit = Math.Min(model.Config.MaxLength, p + maxMiddle);
            for (int done = 0; done < all.Count; done += batchSize)
            {
                using var scope = torch.NewDisposeScope();
                var chunk = all.Skip(done).Take(batchSize).ToList();
                var prompt = torch.Tensor(chunk.SelectMany(j => j.Prompt).ToArray(), [chunk.Count, p], model.Device);
                using var generated = model.Generate(prompt, limit, period, generator);
                var flat = generated.ToArray<long>();
                int width = (int)generated.Size(1);
                for (int i = 0; i < chunk.Count; i++)
                    candidates[chunk[i].Index].Add(corpus.Decode(FirstSentence(flat.AsSpan(i * width + p, width - p), sentenceEnds)));
            }
        }
        return candidates;
    }

    /// <summary>The MBR-selected middle of each example.</summary>
    public List<string> Infill(IReadOnlyList<AnlgExample> examples, Generator generator) =>
        CandidateMiddles(examples, generator).Select(c => Mbr.Select(c)).ToList();

    /// <summary>
    /// Σ −log p(middle | prompt) over the middle's tokens, and their count, for each gold middle of each example: the
    /// model reads the prompt <see cref="CandidateMiddles"/> gives it, then the gold middle word by word (teacher forcing).
    /// A middle that does not fit after its prompt in the model's length gets (NaN, 0). In eval mode (no dropout), whatever the
    /// model's mode before.
    /// </summary>
    public List<(double Nll, int Tokens)[]> GoldMiddleNll(IReadOnlyList<AnlgExample> examples) => torch.NoGrad(() =>
    {
        bool wasTraining = model.Training;
        model.Eval();
        var rows = examples.SelectMany((e, i) => e.GoldMiddles.Select((m, k) =>
            (Example: i, Middle: k, Prompt: corpus.Prompt(layout, e.Obs1, e.Obs2), Ids: corpus.Ids(m)))).ToList();
        var result = examples.Select(e => Enumerable.Repeat((double.NaN, 0), e.GoldMiddles.Count).ToArray()).ToList();
        var fits = rows.Where(r => r.Prompt.Length + r.Ids.Length <= model.Config.MaxLength).ToList();
        for (int start = 0; start < fits.Count; start += batchSize)
        {
            using var scope = torch.NewDisposeScope();
            var chunk = fits.Skip(start).Take(batchSize).ToList();
            // Σ −log p over prompt + middle, minus Σ −log p over the prompt alone: the middle's tokens given the prompt (the model is causal).
            var (whole, _) = model.SequenceNll(Padded(chunk.Select(r => r.Prompt.Concat(r.Ids).ToArray()).ToList()));
            var (prompt, _) = model.SequenceNll(Padded(chunk.Select(r => r.Prompt).ToList()));
            for (int j = 0; j < chunk.Count; j++)
                result[chunk[j].Example][chunk[j].Middle] = (whole[j] - prompt[j], chunk[j].Ids.Length);
        }
        model.Train(wasTraining);
        return result;
    });

    Tensor Padded(IReadOnlyList<long[]> rows)
    {
        int width = rows.Max(r => r.Length);
        var ids = new long[rows.Count * width];
        Array.Fill(ids, (long)model.Config.PadId);
        for (int i = 0; i < rows.Count; i++) rows[i].CopyTo(ids, i * width);
        return torch.Tensor(ids, [rows.Count, width], model.Device);
    }

    /// <summary>Generated ids up to and including the first sentence end, stopping before EOS or PAD.</summary>
    internal static List<long> FirstSentence(ReadOnlySpan<long> generated, HashSet<int> sentenceEnds)
    {
        var kept = new List<long>();
        foreach (long id in generated)
        {
            if (id is SpecialTokens.Eos or SpecialTokens.Pad) break;
            kept.Add(id);
            if (sentenceEnds.Contains((int)id)) break;
        }
        return kept;
    }
}
