using TextDiffusion.Data;
using TextDiffusion.Diffusion;
using TextDiffusion.Evaluation;
using TextDiffusion.Models;
using Torch;

namespace TextDiffusion.Infilling;

/// <summary>
/// Diffusion-LM infilling (Li et al., 2022, §7.2): the context is held fixed through the sampler's
/// infilling hook (<see cref="SamplingOptions.FixedMask"/>/<see cref="SamplingOptions.FixedX0"/>: at
/// every step the known positions are reset to the clean EMB(w), as the reference implementation does) while
/// the free slots are denoised with clamping, and the result is rounded to words. The gold middle's
/// length is unknown, so every example is infilled with <see cref="Lengths"/> free slots ×
/// <see cref="SamplesPerLength"/> seeds, and the candidate with the least Bayes risk under −BLEU among
/// all of them (<see cref="Mbr"/>) is returned: the same MBR the paper uses to pick among samples,
/// applied across lengths too, so no gold information chooses the length.
/// </summary>
public sealed class DiffusionInfiller(DiffusionLM model, RocCorpus corpus, int steps, IReadOnlyList<int> lengths, int samplesPerLength,
    int batchSize = 100)
{
    public IReadOnlyList<int> Lengths => lengths;
    public int SamplesPerLength => samplesPerLength;

    /// <summary>Candidates per example (lengths that do not fit the row are skipped for that example).</summary>
    public int Candidates => lengths.Count * samplesPerLength;

    /// <summary>
    /// Infills each template: the whole rounded rows [N, L] (context positions included, as the sampler left
    /// them), drawn in batches of at most <c>batchSize</c> rows from <paramref name="generator"/>.
    /// </summary>
    public long[][] InfillRows(IReadOnlyList<InfillTemplate> templates, Generator generator)
    {
        var result = new List<long[]>(templates.Count);
        int l = corpus.SequenceLength;
        for (int done = 0; done < templates.Count; done += batchSize)
        {
            using var scope = torch.NewDisposeScope();
            var chunk = templates.Skip(done).Take(batchSize).ToList();
            var device = model.Embeddings.Device;
            var ids = torch.Tensor(chunk.SelectMany(t => t.Ids).ToArray(), [chunk.Count, l], device);
            var mask = torch.Tensor(chunk.SelectMany(t => t.Fixed).ToArray(), [chunk.Count, l], device);
            Tensor known;
            using (torch.NoGrad()) known = model.Embed(ids).Detach();
            var rounded = model.Sample(chunk.Count, steps, generator, clamp: true,
                new SamplingOptions { FixedMask = mask, FixedX0 = known }).ToArray<long>();
            for (int i = 0; i < chunk.Count; i++) result.Add(rounded[(i * l)..((i + 1) * l)]);
        }
        return result.ToArray();
    }

    /// <summary>All candidate middles of each example (lengths × samples, in that order).</summary>
    public List<List<string>> CandidateMiddles(IReadOnlyList<AnlgExample> examples, Generator generator)
    {
        var jobs = new List<(int Example, InfillTemplate Template)>();
        for (int e = 0; e < examples.Count; e++)
            foreach (int length in lengths)
                if (corpus.Template(examples[e].Obs1, examples[e].Obs2, length) is { } template)
                    for (int s = 0; s < samplesPerLength; s++) jobs.Add((e, template));
        var rows = InfillRows(jobs.Select(j => j.Template).ToList(), generator);
        var candidates = examples.Select(_ => new List<string>()).ToList();
        for (int j = 0; j < jobs.Count; j++)
        {
            var t = jobs[j].Template;
            candidates[jobs[j].Example].Add(corpus.Decode(rows[j].Skip(t.MiddleStart).Take(t.MiddleLength)));
        }
        return candidates;
    }

    /// <summary>The MBR-selected middle of each example ("" where no candidate length fits the row).</summary>
    public List<string> Infill(IReadOnlyList<AnlgExample> examples, Generator generator) =>
        CandidateMiddles(examples, generator).Select(c => c.Count == 0 ? "" : Mbr.Select(c)).ToList();
}
