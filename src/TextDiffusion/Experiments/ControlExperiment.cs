using System.Diagnostics;
using System.Text.Json;
using TextDiffusion.Control;
using TextDiffusion.Evaluation;
using TextDiffusion.Models;
using TextDiffusion.Reporting;
using TextDiffusion.Syntax;
using Torch;

namespace TextDiffusion.Experiments;

/// <summary>
/// The steps of notebook 02 (Diffusion-LM's controllable generation), each one call: analyse
/// sentences with the oracles (cached), generate under control with Diffusion-LM (plug-and-play),
/// FUDGE or FT, and score what was generated.
/// </summary>
public static class ControlExperiment
{
    /// <summary>
    /// Tags and parses sentences that models learn from or targets come from, caching the result in
    /// results/cache/&lt;name&gt;.untimed.jsonl (written atomically) so that a rerun does not parse again. A cache of another length
    /// is ignored. The parses are untimed, so that they do not depend on the machine's load (the baselines' vocabulary
    /// and the span labels are counted from them).
    /// </summary>
    public static IReadOnlyList<SentenceSyntax> Analyse(ControlOracles oracles, IReadOnlyList<string> sentences, string? cacheName = null)
    {
        // ".untimed": caches written before the parses were untimed may hold a tree that gave up under load
        string? path = cacheName is null ? null : ResultPaths.Resolve(Path.Combine("cache", cacheName + ".untimed.jsonl"));
        if (path is not null && File.Exists(path))
        {
            var cached = File.ReadLines(path).Select(line => JsonSerializer.Deserialize<CachedSyntax>(line)!).ToList();
            if (cached.Count == sentences.Count && cached.Select(c => string.Join(' ', c.Words)).SequenceEqual(sentences.Select(Normalize)))
                return cached.Select(c => new SentenceSyntax(c.Words, c.Upos, ConstituencyTree.Parse(c.Tree))).ToList();
        }
        var clock = Stopwatch.StartNew();
        var result = new List<SentenceSyntax>(sentences.Count);
        foreach (var sentence in sentences)
        {
            result.Add(SentenceSyntax.Of(oracles, Words(sentence), untimed: true));
            if (result.Count % 500 == 0 || result.Count == sentences.Count)
                Console.WriteLine($"oracles: {result.Count}/{sentences.Count} sentences tagged and parsed, {clock.Elapsed.TotalSeconds:F0} s");
        }
        if (path is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            AtomicFile.WriteAllText(path, string.Join('\n', result.Select(r => JsonSerializer.Serialize(new CachedSyntax(r.Words, r.Upos, r.Tree.ToString())))) + "\n");
        }
        return result;
    }

    sealed record CachedSyntax(IReadOnlyList<string> Words, IReadOnlyList<string> Upos, string Tree);

    static string Normalize(string sentence) => string.Join(' ', Words(sentence));

    /// <summary>A sentence's words as the oracles and the metrics see them.</summary>
    public static IReadOnlyList<string> Words(string sentence) => sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// Plug-and-play control with Diffusion-LM: for each target, <see cref="ControlExperimentSettings.SamplesPerTarget"/>
    /// samples guided by the classifiers (K Adagrad steps per respaced step), clamped and rounded, and
    /// the MBR choice among them.
    /// </summary>
    public static List<string> DiffusionLm(DiffusionLM model, E2eCorpus corpus, ControlClassifiers classifiers,
        IReadOnlyList<IReadOnlyList<ControlTarget>> targets, ControlSettings control, ControlExperimentSettings s, ulong seed = 0)
    {
        var rows = targets.SelectMany(t => Enumerable.Repeat(t, s.SamplesPerTarget)).ToList();
        var sampled = model.Diffusion.Respace(s.SampleSteps);
        return SampleWithMbr(model, corpus, targets.Count, s, seed, (start, count) => new Diffusion.SamplingOptions
        {
            Guidance = PlugAndPlay.Hook(sampled, classifiers.Objective(rows.GetRange(start, count), Compute.Device), control),
        });
    }

    /// <summary>
    /// Diffusion-LM's sampler exactly as <see cref="DiffusionLm"/> draws it (same respaced steps, clamping, seed, batches and
    /// MBR), with the guidance off: <paramref name="count"/> outputs, the i-th from the same noise as the i-th guided output.
    /// Its lm-score is the fluency the guidance starts from.
    /// </summary>
    public static List<string> Unguided(DiffusionLM model, E2eCorpus corpus, int count, ControlExperimentSettings s, ulong seed = 0) =>
        SampleWithMbr(model, corpus, count, s, seed, (_, _) => new Diffusion.SamplingOptions());

    /// <summary>
    /// <paramref name="outputs"/> × <see cref="ControlExperimentSettings.SamplesPerTarget"/> clamped samples in batches, each
    /// batch's sampling options from <paramref name="options"/>(first row, rows), and the MBR choice among each output's samples.
    /// </summary>
    static List<string> SampleWithMbr(DiffusionLM model, E2eCorpus corpus, int outputs, ControlExperimentSettings s, ulong seed,
        Func<int, int, Diffusion.SamplingOptions> options)
    {
        int samples = s.SamplesPerTarget, total = outputs * samples;
        var sentences = new List<string>(total);
        using var generator = new Generator(seed + 4242, Compute.Device);
        for (int start = 0; start < total; start += s.SamplingBatch)
        {
            using var scope = torch.NewDisposeScope();
            int count = Math.Min(s.SamplingBatch, total - start);
            var ids = model.Sample(count, s.SampleSteps, generator, clamp: true, options(start, count));
            sentences.AddRange(corpus.DecodeRows(ids));
        }
        return Enumerable.Range(0, outputs).Select(i => Mbr.Select(sentences.GetRange(i * samples, samples))).ToList();
    }

    /// <summary>Scores outputs against their targets with the oracles, and their fluency with the teacher.</summary>
    public static ControlRow Evaluate(string system, string task, IReadOnlyList<IReadOnlyList<ControlTarget>> targets, IReadOnlyList<string> outputs,
        double seconds, ControlOracles oracles, TransformerLM teacher, E2eCorpus corpus, int seed = 0)
    {
        var syntax = outputs.Select(o => SentenceSyntax.Of(oracles, Words(o))).ToList();
        var success = Enumerable.Range(0, targets[0].Count).Select(k =>
            (targets[0][k].Task, Metric.Bootstrap(targets.Select((t, i) => 100 * ControlScore.Of(t[k], syntax[i])), seed))).ToList();
        using var rows = corpus.Encode(outputs, Compute.Device);
        return new ControlRow(system, task, success, LmScore.Compute(teacher, rows, seed), seconds, targets.Count, outputs);
    }

    /// <summary>
    /// Runs <paramref name="generate"/> and scores its outputs, timing the generation. With a <paramref name="cached"/> entry the
    /// outputs (and their original generation time) are reused when this code, these models, settings and targets made them before.
    /// </summary>
    public static ControlRow Run(string system, string task, IReadOnlyList<IReadOnlyList<ControlTarget>> targets,
        Func<List<string>> generate, ControlOracles oracles, TransformerLM teacher, E2eCorpus corpus, GenerationCache.Entry? cached = null) =>
        RunAll([new ControlJob(system, task, targets, generate, cached)], oracles, teacher, corpus, workers: 1)[0];

    /// <summary>
    /// Runs several jobs' generations at once (<see cref="Generate"/>), then scores them one by one, each as <see cref="Run"/>
    /// would. A job's generation must not change shared state: its models stay in evaluation mode. A row's seconds are its
    /// own generation's wall time while others ran beside it.
    /// </summary>
    public static List<ControlRow> RunAll(IReadOnlyList<ControlJob> jobs, ControlOracles oracles, TransformerLM teacher, E2eCorpus corpus,
        int? workers = null)
    {
        var generated = Generate(jobs, workers);
        return jobs.Select((job, i) => Evaluate(job.System, job.Task, job.Targets, generated[i].Outputs, generated[i].Seconds, oracles, teacher, corpus)
            with { OutputsReused = generated[i].Reused }).ToList();
    }

    /// <summary>
    /// The jobs' outputs, generated on <paramref name="workers"/> threads (default: one per intra-op thread torch was given)
    /// at one intra-op thread each (<see cref="InterOp.Map"/>): the outputs of one job after the other, in less time. Jobs
    /// with the same cache entry and targets (two variants that compute the same function) are generated once; the later
    /// ones count as reused, as they would be one after the other. A job's cached outputs are reused.
    /// </summary>
    internal static List<(List<string> Outputs, double Seconds, bool Reused)> Generate(IReadOnlyList<ControlJob> jobs, int? workers = null)
    {
        var prompts = jobs.Select(job => job.Targets.Select(t => string.Join(" | ", t.Select(c => string.Join(' ', c.PromptTokens())))).ToList()).ToList();
        var identity = jobs.Select((job, i) => job.Cached?.PathFor(prompts[i]) ?? $"job {i}").ToList();
        var source = identity.Select(id => identity.IndexOf(id)).ToList();   // the first job with the same outputs
        var unique = Enumerable.Range(0, jobs.Count).Where(i => source[i] == i).ToList();
        var generated = unique.Zip(InterOp.Map(unique, i => jobs[i].Cached is { } cached ? cached.GetOrRun(prompts[i], jobs[i].Generate) : Timed(jobs[i].Generate), workers))
            .ToDictionary(x => x.First, x => x.Second);
        return source.Select((s, i) => generated[s] with { Reused = generated[s].Reused || s != i }).ToList();
    }

    static (List<string> Outputs, double Seconds, bool Reused) Timed(Func<List<string>> generate)
    {
        var clock = Stopwatch.StartNew();
        var outputs = generate();
        return (outputs, clock.Elapsed.TotalSeconds, false);
    }

    /// <summary>Single-control targets as rows of one control each.</summary>
    public static IReadOnlyList<IReadOnlyList<ControlTarget>> Rows(IReadOnlyList<ControlTarget> targets) =>
        targets.Select(t => (IReadOnlyList<ControlTarget>)[t]).ToList();
}

/// <summary>
/// One controlled generation for <see cref="ControlExperiment.RunAll"/>: <paramref name="System"/>'s outputs for
/// <paramref name="Targets"/> of <paramref name="Task"/>, made by <paramref name="Generate"/> (or reused from <paramref name="Cached"/>).
/// </summary>
public sealed record ControlJob(string System, string Task, IReadOnlyList<IReadOnlyList<ControlTarget>> Targets, Func<List<string>> Generate,
    GenerationCache.Entry? Cached = null);
