using Torch;
using Torch.Optim;
using TextDiffusion.Data;
using TextDiffusion.Reporting;
using TextDiffusion.Seq2Seq;
using TextDiffusion.Text;
using TextDiffusion.Training;

namespace TextDiffusion.Experiments;

/// <summary>
/// The Difformer reproduction (papers.md §2) at one <see cref="DifformerProfile"/>: trains the
/// autoregressive baseline, vanilla embedding diffusion, Difformer and its ablations on Multi30k De→En
/// (the stand-in for IWSLT14, whose training split is not available here) and on the Gigaword pairs
/// that could be mirrored, and produces the main table, the ablation table, embedding norms by word
/// frequency and the embedding distance over training. Models are trained once, on first use, and
/// shared by the tables; decoding is seeded. The main table's models train for
/// <see cref="DifformerProfile.Steps"/>, the ablation's for <see cref="DifformerProfile.AblationSteps"/>.
/// With a checkpoint root every model checkpoints under root/&lt;task&gt;/&lt;model&gt;-&lt;steps&gt;/ (with
/// its embedding probes in probes.json), and a rerun resumes or reuses it.
/// </summary>
public sealed class DifformerExperiment : IDisposable
{
    /// <summary>Difformer's IWSLT14 De→En BLEU in the public README (tokenized BLEU; knowledge distillation, AR reranking).</summary>
    public const double PaperIwslt14Bleu = 34.48;

    readonly Device device;
    readonly bool verbose;
    readonly string? checkpointRoot;
    readonly Dictionary<string, Seq2SeqRun<Difformer>> difformers = [];
    readonly Dictionary<string, Seq2SeqRun<TransformerTranslator>> translators = [];
    readonly Dictionary<string, (Candidate[][] Candidates, double Seconds)> candidates = [];
    readonly Dictionary<string, SystemOutput> outputs = [];
    readonly Dictionary<string, Seq2SeqTask> distilled = [];
    Seq2SeqTask? translation, summarisation;
    TokenizedPairs? iwslt;

    /// <param name="profile">Sizes and budgets.</param>
    /// <param name="device">Where to train and decode (default: <see cref="Compute.Device"/>, i.e. TD_DEVICE or the CPU).</param>
    /// <param name="verbose">Print what is being trained or decoded, and training progress, to the console.</param>
    /// <param name="checkpointRoot">Where models checkpoint (every 250 steps) and are reused from; null: nowhere.</param>
    public DifformerExperiment(DifformerProfile profile, Device? device = null, bool verbose = false, string? checkpointRoot = null)
    {
        Profile = profile;
        this.device = device ?? Compute.Device;
        this.verbose = verbose;
        this.checkpointRoot = checkpointRoot;
    }

    public DifformerProfile Profile { get; }

    /// <summary>The Multi30k task: joint De+En BPE learned on the training pairs, test2016 as the test set.</summary>
    public Seq2SeqTask Translation => translation ??= BuildTask("Multi30k De→En",
        Take(Multi30k.Read(Multi30kSplit.Train), Profile.TrainPairs), Take(Multi30k.Read(Multi30kSplit.Test2016), Profile.TestPairs), "test2016");

    /// <summary>IWSLT14 De→En test (tokenized, lowercased), encoded with the Multi30k tokenizer: an out-of-domain extra.</summary>
    public TokenizedPairs IwsltTest => iwslt ??= TokenizedPairs.Encode(Take(Iwslt14.Read(Iwslt14Split.Test), Profile.IwsltTestPairs),
        Translation.Tokenizer);

    /// <summary>The Gigaword headline task: the mirrored dev subsets (test articles removed) for training, the 1,951-pair test set.</summary>
    public Seq2SeqTask Summarisation => summarisation ??= BuildTask("Gigaword",
        Take(Gigaword.BuildTrainSet().Pairs, Profile.GigawordTrainPairs), Take(Gigaword.ReadTest(), Profile.GigawordTestPairs),
        Profile.GigawordTestPairs is { } n ? $"test[..{n}] of 1,951" : "test (1,951)");

    // ---- models ----------------------------------------------------------------------------------
    /// <summary>
    /// A Difformer with <paramref name="modules"/> trained on <paramref name="task"/> for <paramref name="steps"/>
    /// (default: the task's main budget; trained on first use). <paramref name="normFirst"/> places the decoder's and encoder's layer
    /// norms before (pre-norm) or after (post-norm, the paper's) each sublayer; null: the profile's placement.
    /// </summary>
    public Seq2SeqRun<Difformer> Difformer(Seq2SeqTask task, DifformerModules modules, int? steps = null, bool? normFirst = null)
    {
        int budget = steps ?? MainSteps(task);
        string name = ModelName(modules, normFirst);
        string key = $"{task.Name}|{name}|{budget}";
        if (difformers.TryGetValue(key, out var trained)) return trained;
        torch.ManualSeed(Profile.Seed);
        var model = new Difformer(Profile.Difformer(task.Tokenizer.VocabSize, modules) with { NormFirst = normFirst ?? Profile.NormFirst });
        model.To(device);
        var frequent = EmbeddingStatistics.MostFrequent(task.Train.TargetFrequencies(task.Tokenizer.VocabSize), Profile.DistanceTokens);
        var dir = CheckpointDir(task, $"difformer {name} {budget}");
        var probes = new ProbeLog(dir);
        Log($"training Difformer ({name}) on {task.Name}, {budget} steps");
        var result = Seq2SeqTraining.Train(model, task.Train, TrainingOptions(budget, dir), Seq2SeqTraining.Batching(Profile.BatchSize, Profile.Seed),
            Progress("difformer"), step => probes.Add(EmbeddingStatistics.Probe(model, frequent, step)), Profile.ProbeEvery);
        trained = new Seq2SeqRun<Difformer>($"Difformer ({name})", task, model, result, probes.Probes);
        difformers[key] = trained;
        return trained;
    }

    /// <summary>The autoregressive Transformer trained on <paramref name="task"/> for the task's main budget (trained on first use).</summary>
    public Seq2SeqRun<TransformerTranslator> Translator(Seq2SeqTask task)
    {
        if (translators.TryGetValue(task.Name, out var trained)) return trained;
        torch.ManualSeed(Profile.Seed);
        var model = new TransformerTranslator(Profile.Translator(task.Tokenizer.VocabSize));
        model.To(device);
        int steps = MainSteps(task);
        Log($"training the autoregressive Transformer on {task.Name}, {steps} steps");
        var result = Seq2SeqTraining.Train(model, task.Train, TrainingOptions(steps, CheckpointDir(task, $"transformer {steps}")),
            Seq2SeqTraining.Batching(Profile.BatchSize, Profile.Seed), Progress("transformer"));
        trained = new Seq2SeqRun<TransformerTranslator>("Transformer (AR)", task, model, result, []);
        translators[task.Name] = trained;
        return trained;
    }

    /// <summary>
    /// <paramref name="task"/> with knowledge-distilled training targets, as the paper trains Difformer (papers.md: "knowledge-distilled
    /// data"; sequence-level KD, Kim &amp; Rush 2016, the usual practice of non-autoregressive translation): each training target is
    /// replaced by the AR Transformer's beam-search translation (beam <see cref="DifformerProfile.ArBeam"/>) of its source; a source it
    /// translates to nothing keeps its reference. The test set is unchanged, and the task's AR model is its teacher (also the reranker of
    /// its Difformer's candidates). With a checkpoint root the targets are kept in root/&lt;task&gt;/distilled-beam-&lt;k&gt;/targets.txt and reused.
    /// </summary>
    public Seq2SeqTask Distilled(Seq2SeqTask task)
    {
        string name = $"{task.Name}, distilled";
        if (distilled.TryGetValue(name, out var done)) return done;
        var teacher = Translator(task);
        string? file = CheckpointDir(task, $"distilled beam {Profile.ArBeam}") is { } dir ? Path.Combine(dir, "targets.txt") : null;
        int[][] targets;
        if (file is not null && File.Exists(file))
        {
            targets = File.ReadAllLines(file).Select((line, i) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(id =>
                int.TryParse(id, System.Globalization.CultureInfo.InvariantCulture, out int value) && value >= 0 && value < task.Tokenizer.VocabSize ? value
                    : throw new InvalidDataException($"{file}, line {i + 1}: token id '{id}', expected an integer in 0 … {task.Tokenizer.VocabSize - 1}")).ToArray()).ToArray();
            if (targets.Length != task.Train.Count)
                throw new InvalidDataException($"{file}: {targets.Length} distilled targets, expected one per training pair ({task.Train.Count}); delete it to distil again");
        }
        else
        {
            Log($"distilling {task.Name}: translating its {task.Train.Count} training sources with the AR model (beam {Profile.ArBeam})");
            var (ids, seconds) = Seq2SeqEvaluation.TranslateIds(teacher.Model, task.Train, Profile.ArBeam, Profile.DecodeBatchSize);
            targets = ids.Select((y, i) => y.Length > 0 ? y : task.Train.Targets[i]).ToArray();
            Log($"distilled in {seconds:F0} s ({task.Train.Count / seconds:F1} sentences/s)");
            if (file is not null)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                AtomicFile.WriteAllText(file, string.Join("\n", targets.Select(y => string.Join(' ', y))) + "\n");
            }
        }
        var train = new TokenizedPairs(task.Train.Sources, targets, targets.Select(y => task.Tokenizer.Decode(y)).ToArray());
        translators[name] = teacher;
        return distilled[name] = new Seq2SeqTask(name, task.Tokenizer, train, task.Test, task.TestName);
    }

    /// <summary>
    /// A Difformer's name in logs, labels, caches and its checkpoint folder: its modules, then ", post-norm" or ", pre-norm" when its
    /// layer-norm placement is not the profile's (so the profile's models keep the names they had before placement was an option).
    /// </summary>
    string ModelName(DifformerModules modules, bool? normFirst) =>
        $"{modules}{(normFirst is { } first && first != Profile.NormFirst ? (first ? ", pre-norm" : ", post-norm") : "")}";

    int MainSteps(Seq2SeqTask task) => ReferenceEquals(task, summarisation) ? Profile.GigawordSteps : Profile.Steps;

    string? CheckpointDir(Seq2SeqTask task, string model) =>
        checkpointRoot is null ? null : Path.Combine(checkpointRoot, ResultPaths.Slug(task.Name), ResultPaths.Slug(model));

    TrainingOptions TrainingOptions(int steps, string? checkpointDir) =>
        new TrainingOptions(steps, Profile.LearningRate, WeightDecay: 0.01, GradClipNorm: 1.0, Seed: Profile.Seed,
            LogEvery: Math.Max(1, steps / 10), MaxWallSeconds: Profile.MaxTrainSeconds) { Schedule = new InverseSqrtSchedule(Profile.WarmupSteps) }
        .CheckpointedIn(checkpointDir);

    // ---- decoding ----------------------------------------------------------------------------------
    /// <summary>The AR model's output on a test set: greedy (<paramref name="beam"/> = 1) or beam search.</summary>
    public SystemOutput ArOutput(Seq2SeqTask task, TokenizedPairs test, string testName, int beam)
    {
        string key = $"ar|{task.Name}|{testName}|{test.Count}|{beam}";
        if (outputs.TryGetValue(key, out var output)) return output;
        var ar = Translator(task).Model;
        Log($"decoding {testName} with the AR model ({(beam == 1 ? "greedy" : $"beam {beam}")})");
        return outputs[key] = Seq2SeqEvaluation.Translate(ar, test, task.Tokenizer, beam == 1 ? "Transformer (greedy)" : $"Transformer (beam {beam})",
            testName, beam, Profile.DecodeBatchSize);
    }

    /// <summary>
    /// A Difformer's output on a test set with the profile's decoding and the given candidate selection
    /// (the model trained for <paramref name="steps"/>, default the main budget, with the layer-norm placement <paramref name="normFirst"/>,
    /// default the profile's). With <paramref name="referenceLengths"/> the window of lengths is centred on each reference's length instead of
    /// the predicted one: a diagnostic.
    /// </summary>
    public SystemOutput DifformerOutput(Seq2SeqTask task, DifformerModules modules, TokenizedPairs test, string testName, CandidateSelection selection,
        int? steps = null, bool referenceLengths = false, bool? normFirst = null)
    {
        int budget = steps ?? MainSteps(task);
        string name = ModelName(modules, normFirst);
        string key = $"{task.Name}|{name}|{budget}|{testName}|{test.Count}{(referenceLengths ? "|reference lengths" : "")}";
        if (outputs.TryGetValue($"{key}|{selection}", out var output)) return output;
        var model = Difformer(task, modules, budget, normFirst).Model;
        if (!candidates.TryGetValue(key, out var decoded))
        {
            string lengths = $"{Profile.Decoding.LengthBeam} lengths around {(referenceLengths ? "the reference's" : "the predicted")}";
            Log($"decoding {testName} with Difformer ({name}): {lengths} × {Profile.Decoding.NoiseBeam} noises, {Profile.Decoding.Steps} steps");
            candidates[key] = decoded = Seq2SeqEvaluation.Candidates(model, test, Profile.Decoding, Profile.DecodeBatchSize, Profile.Seed, referenceLengths);
        }
        var reranker = selection == CandidateSelection.ArScore ? Translator(task).Model : null;
        return outputs[$"{key}|{selection}"] = Seq2SeqEvaluation.Select(decoded.Candidates, decoded.Seconds, test, task.Tokenizer, selection,
            $"Difformer ({name}; {selection}{(referenceLengths ? "; reference lengths" : "")})", testName, reranker, Profile.DecodeBatchSize);
    }

    /// <summary>
    /// How well the main Difformer's length predictor finds the reference's length on a test set: the share of sources whose
    /// predicted length L̂ equals it, the share whose reference length lies inside the decoded window of <see cref="DecodingOptions.LengthBeam"/>
    /// lengths around L̂, and the mean |L̂ − N| in tokens.
    /// </summary>
    public (double Exact, double InWindow, double MeanAbsoluteError) LengthPrediction(Seq2SeqTask task, TokenizedPairs test)
    {
        int k = Profile.Decoding.LengthBeam;
        var windows = Seq2SeqEvaluation.LengthWindows(Difformer(task, DifformerModules.Full).Model, test, k, Profile.DecodeBatchSize);
        var n = test.Targets.Select(t => (long)t.Length).ToArray();
        return (n.Select((length, i) => windows[i][k / 2] == length ? 1.0 : 0.0).Average(), n.Select((length, i) => windows[i].Contains(length) ? 1.0 : 0.0).Average(),
            n.Select((length, i) => Math.Abs((double)(windows[i][k / 2] - length))).Average());
    }

    /// <summary>
    /// Systems' BLEU on one test set with its 95 % bootstrap interval, its difference to <paramref name="reference"/>'s
    /// (e.g. the AR Transformer) and the share of words that repeat the word before them: where a gap between two systems goes.
    /// </summary>
    public static ResultTable BleuGapTable(string title, SystemOutput reference, IEnumerable<(string Name, SystemOutput Output)> rows)
    {
        double referenceBleu = reference.BleuInterval().Mean;
        var table = new ResultTable(title, "System", "BLEU", "95% interval", $"Δ to {reference.System}", "Repeated words %");
        foreach (var (name, output) in rows)
        {
            var bleu = output.BleuInterval();
            table.AddRow(name, bleu.Mean, $"[{bleu.Lower:F1}, {bleu.Upper:F1}]", bleu.Mean - referenceBleu, 100 * output.RepeatedWordShare());
        }
        return table;
    }

    /// <summary>
    /// The claim that <paramref name="difformer"/> is within <paramref name="bleu"/> BLEU of the AR Transformer: a bound on the gap
    /// AR − Difformer, its interval from both outputs' bootstrap intervals (as notebook 03's verdict cell computes it).
    /// </summary>
    public static Claim WithinOfAr(string statement, SystemOutput ar, SystemOutput difformer, double bleu)
    {
        var (arBleu, difformerBleu) = (ar.BleuInterval(), difformer.BleuInterval());
        double gap = arBleu.Mean - difformerBleu.Mean, noise = arBleu.DifferenceHalfWidth(difformerBleu);
        return Claim.Bound(statement, "— (the AR baseline's IWSLT14 value is unverified in papers.md)",
            new Metric(gap, gap - noise, gap + noise, arBleu.Confidence, arBleu.Samples), bleu, Better.Lower);
    }

    // ---- tables ----------------------------------------------------------------------------------------
    /// <summary>
    /// One system of the main table: its output on Multi30k test2016, on IWSLT14 test (out of domain, trained on
    /// Multi30k) and on Gigaword, from <paramref name="output"/> (task, test set, test name) → output.
    /// </summary>
    public MainRow Row(string system, Func<Seq2SeqTask, TokenizedPairs, string, SystemOutput> output, object? paper = null)
    {
        var (t, g) = (Translation, Summarisation);
        return new(system, output(t, t.Test, t.TestName), output(t, IwsltTest, "IWSLT14 test"), output(g, g.Test, g.TestName), paper ?? "—");
    }

    /// <summary>
    /// The main table from its rows: BLEU (with its 95 % bootstrap interval) and decoding speed on Multi30k test2016, BLEU on
    /// IWSLT14 test, ROUGE-1/2/L F1 on Gigaword, beside the paper's IWSLT14 figure.
    /// </summary>
    public ResultTable MainTable(IEnumerable<MainRow> rows)
    {
        var table = new ResultTable($"Difformer main results ({Profile.Name} profile)", "System", $"Multi30k {Translation.TestName} BLEU", "95% interval",
            "Multi30k sent/s", "IWSLT14 test BLEU (extra)", "Gigaword R-1", "Gigaword R-2", "Gigaword R-L", "Paper: IWSLT14 BLEU");
        foreach (var row in rows)
        {
            var bleu = row.Multi30k.BleuInterval();
            var (r1, r2, rl) = row.Gigaword.Rouge();
            table.AddRow(row.System, bleu.Mean, $"[{bleu.Lower:F1}, {bleu.Upper:F1}]", row.Multi30k.SentencesPerSecond, row.Iwslt.Bleu().Score, r1, r2, rl, row.Paper);
        }
        return table;
    }

    /// <summary>
    /// The main table in one call (the notebook builds its rows cell by cell): the AR Transformer (greedy, beam), vanilla
    /// embedding diffusion and Difformer (three candidate selections).
    /// </summary>
    public ResultTable MainTable()
    {
        var full = DifformerModules.Full;
        return MainTable(
        [
            Row("Transformer (AR, greedy)", (task, test, name) => ArOutput(task, test, name, 1)),
            Row($"Transformer (AR, beam {Profile.ArBeam})", (task, test, name) => ArOutput(task, test, name, Profile.ArBeam)),
            Row("Vanilla embedding diffusion (AR rerank)", (task, test, name) => DifformerOutput(task, DifformerModules.Vanilla, test, name, CandidateSelection.ArScore)),
            Row("Difformer (model score)", (task, test, name) => DifformerOutput(task, full, test, name, CandidateSelection.ModelScore)),
            Row("Difformer (MBR)", (task, test, name) => DifformerOutput(task, full, test, name, CandidateSelection.Mbr)),
            Row("Difformer (AR rerank)", (task, test, name) => DifformerOutput(task, full, test, name, CandidateSelection.ArScore), PaperIwslt14Bleu),
        ]);
    }

    /// <summary>The ablation's test set: the first <see cref="DifformerProfile.AblationTestPairs"/> Multi30k test sentences (all without a limit).</summary>
    public TokenizedPairs AblationTest => Profile.AblationTestPairs is { } n ? Translation.Test.Take(n) : Translation.Test;

    /// <summary>
    /// A Difformer variant of the ablation (trained <see cref="DifformerProfile.AblationSteps"/>, layer norms placed as
    /// <paramref name="normFirst"/>, default the profile's) on <see cref="AblationTest"/>, AR rerank.
    /// </summary>
    public SystemOutput AblationOutput(DifformerModules modules, bool? normFirst = null) =>
        DifformerOutput(Translation, modules, AblationTest, $"{Translation.TestName}[..{AblationTest.Count}]", CandidateSelection.ArScore, Profile.AblationSteps,
            normFirst: normFirst);

    /// <summary>
    /// The ablation table on Multi30k (AR rerank, the public code's headline selection) from its settings, the first one the reference
    /// of Δ BLEU. The paper's ablation values are not verified here (papers.md), so none are shown.
    /// </summary>
    public ResultTable AblationTable(IEnumerable<(string Name, DifformerModules Modules)> settings)
    {
        var table = new ResultTable($"Difformer ablation on Multi30k {Translation.TestName}, first {AblationTest.Count} sentences ({Profile.Name} profile)",
            "Setting", "BLEU", "95% interval", "Δ BLEU", "Steps", "Final loss");
        double? reference = null;
        foreach (var (name, modules) in settings)
        {
            var bleu = AblationOutput(modules).BleuInterval();
            reference ??= bleu.Mean;
            var run = Difformer(Translation, modules, Profile.AblationSteps).Training;
            table.AddRow(name, bleu.Mean, $"[{bleu.Lower:F1}, {bleu.Upper:F1}]", bleu.Mean - reference.Value, run.FinalStep, run.FinalLoss);
        }
        return table;
    }

    /// <summary>The ablation: the full model, each module removed, the noise factor F ∈ {1, 2, 4, 8}, and all three off.</summary>
    public ResultTable AblationTable() => AblationTable(AblationSettings);

    /// <summary>
    /// Mean norms of the diffused embeddings ‖z0(w)‖ = ‖√d·E[w]‖ by the token's frequency in the training targets, for Difformer
    /// with and without the embedding layer norm on the decoder's input (the ablation's models): how the learned norms depend on frequency.
    /// </summary>
    public ResultTable EmbeddingNormTable()
    {
        var t = Translation;
        var frequencies = t.Train.TargetFrequencies(t.Tokenizer.VocabSize);
        var with = EmbeddingStatistics.NormsByFrequency(Difformer(t, DifformerModules.Full, Profile.AblationSteps).Model, frequencies);
        var without = EmbeddingStatistics.NormsByFrequency(
            Difformer(t, DifformerModules.Full with { EmbeddingLayerNorm = false }, Profile.AblationSteps).Model, frequencies);
        var table = new ResultTable($"Embedding norms by target frequency, Multi30k ({Profile.Name} profile)", "Frequency", "Token types",
            "− LN: ‖z0‖", "+ LN: ‖z0‖");
        for (int i = 0; i < with.Count; i++)
            table.AddRow(with[i].Label, with[i].Types, without[i].MeanNorm, with[i].MeanNorm);
        return table;
    }

    /// <summary>
    /// The mean pairwise distance of the diffused embeddings of the most frequent target tokens over training,
    /// with the anchor loss, with the rounding loss instead, and with no token loss (the collapse-prone MSE alone).
    /// </summary>
    public Figure EmbeddingDistanceFigure()
    {
        var figure = new Figure($"Mean pairwise distance of z0 ({Profile.DistanceTokens} most frequent target tokens), Multi30k")
            .Axes("training step", "mean ‖z0_i − z0_j‖");
        foreach (var (name, run) in DistanceRuns())
            figure.Line(run.Probes.Select(p => (double)p.Step), run.Probes.Select(p => p.MeanPairwiseDistance), name);
        return figure;
    }

    /// <summary>The same probes as a table: the step, then the mean distance and mean norm of z0 for each token loss.</summary>
    public ResultTable EmbeddingDistanceTable()
    {
        var runs = DistanceRuns();
        var columns = new List<string> { "Step" };
        foreach (var (name, _) in runs) columns.AddRange([$"{name}: mean distance", $"{name}: mean norm"]);
        var table = new ResultTable($"Diffused-embedding distance over training, Multi30k ({Profile.Name} profile)", [.. columns]);
        var byStep = runs.Select(r => r.Run.Probes.ToDictionary(p => p.Step)).ToList();
        foreach (var step in runs[0].Run.Probes.Select(p => p.Step).Where(s => byStep.All(d => d.ContainsKey(s))))
            table.AddRow([step, .. byStep.SelectMany(d => new object?[] { d[step].MeanPairwiseDistance, d[step].MeanNorm })]);
        return table;
    }

    /// <summary>The Multi30k models (ablation budget) of the three token losses whose embedding distances are followed over training.</summary>
    public List<(string Name, Seq2SeqRun<Difformer> Run)> DistanceRuns()
    {
        var t = Translation;
        return [.. DistanceSettings.Select(d => (d.Name, Difformer(t, d.Modules, Profile.AblationSteps)))];
    }

    /// <summary>The ablation's rows: the full model, each module removed, other noise factors, and all three off.</summary>
    public static IReadOnlyList<(string Name, DifformerModules Modules)> AblationSettings { get; } =
    [
        ("Difformer (anchor loss, embedding LN, F = 4)", DifformerModules.Full),
        ("− anchor loss (rounding loss on z0)", DifformerModules.Full with { TokenLoss = TokenLoss.Rounding }),
        ("− embedding layer norm", DifformerModules.Full with { EmbeddingLayerNorm = false }),
        ("F = 1", DifformerModules.Full with { NoiseFactor = 1 }),
        ("F = 2", DifformerModules.Full with { NoiseFactor = 2 }),
        ("F = 8", DifformerModules.Full with { NoiseFactor = 8 }),
        ("all three off (vanilla)", DifformerModules.Vanilla),
    ];

    /// <summary>The token losses whose embedding distances are followed over training.</summary>
    public static IReadOnlyList<(string Name, DifformerModules Modules)> DistanceSettings { get; } =
    [
        ("with anchor loss", DifformerModules.Full),
        ("rounding loss instead", DifformerModules.Full with { TokenLoss = TokenLoss.Rounding }),
        ("no token loss (MSE only)", DifformerModules.Full with { TokenLoss = TokenLoss.None }),
    ];

    /// <summary>
    /// The embedding layer norm's ablation again with the other layer-norm placement (post-norm when the profile's decoder is pre-norm, as the
    /// `cpu` profile's is; the paper's is post-norm): with and without the layer norm on the decoder's input.
    /// </summary>
    public static IReadOnlyList<(string Name, DifformerModules Modules)> PlacementSettings { get; } =
    [
        ("embedding LN", DifformerModules.Full),
        ("− embedding layer norm", DifformerModules.Full with { EmbeddingLayerNorm = false }),
    ];

    // ---- training the notebook's models in parallel ------------------------------------------------
    /// <summary>
    /// Every model the tables use (16), in the order the notebook first needs them, each with the call that
    /// trains it, or reuses its checkpoint. The tasks are built only when a model of theirs is trained.
    /// </summary>
    public IReadOnlyList<(string Name, Action Train)> Models()
    {
        var models = new List<(string Name, Action Train)>
        {
            ($"Transformer (AR), Multi30k, {Profile.Steps} steps", () => Translator(Translation)),
            ($"Transformer (AR), Gigaword, {Profile.GigawordSteps} steps", () => Translator(Summarisation)),
        };
        foreach (var modules in new[] { DifformerModules.Vanilla, DifformerModules.Full })
            models.Add(($"Difformer ({modules}), Multi30k, {Profile.Steps} steps", () => Difformer(Translation, modules)));
        foreach (var modules in new[] { DifformerModules.Vanilla, DifformerModules.Full })
            models.Add(($"Difformer ({modules}), Gigaword, {Profile.GigawordSteps} steps", () => Difformer(Summarisation, modules)));
        foreach (var modules in AblationSettings.Concat(DistanceSettings).Select(a => a.Modules).Distinct())
            models.Add(($"Difformer ({modules}), Multi30k, {Profile.AblationSteps} steps", () => Difformer(Translation, modules, Profile.AblationSteps)));
        foreach (var (_, modules) in PlacementSettings)
            models.Add(($"Difformer ({ModelName(modules, !Profile.NormFirst)}), Multi30k, {Profile.AblationSteps} steps",
                () => Difformer(Translation, modules, Profile.AblationSteps, !Profile.NormFirst)));
        return models;
    }

    /// <summary>
    /// Trains part <paramref name="part"/> (0-based) of <paramref name="parts"/> of <see cref="Models"/>: every
    /// <paramref name="parts"/>-th model starting at the <paramref name="part"/>-th. Processes that share the
    /// checkpoint root and take different parts train the notebook's models at once (one small model leaves a
    /// GPU mostly idle); the notebook then reuses their checkpoints. Returns the names of the models trained.
    /// </summary>
    public IReadOnlyList<string> TrainPart(int part, int parts)
    {
        if (parts < 1 || part < 0 || part >= parts)
            throw new ArgumentOutOfRangeException(nameof(part), $"part {part} of {parts}: expected 0 <= part < parts");
        if (checkpointRoot is null)
            throw new InvalidOperationException("TrainPart needs a checkpoint root: without one the models would be lost when this process ends");
        var mine = Models().Where((_, i) => i % parts == part).ToList();
        foreach (var (_, train) in mine) train();
        return [.. mine.Select(m => m.Name)];
    }

    /// <summary>Where notebook 03 keeps the models of a profile: results/checkpoints/&lt;profile&gt;/difformer.</summary>
    public static string CheckpointRootFor(DifformerProfile profile) => ResultPaths.Resolve(Path.Combine("checkpoints", profile.Name, "difformer"));

    /// <summary>Every training run so far: model, task, steps, wall time, last logged loss.</summary>
    public ResultTable TrainingTable()
    {
        var table = new ResultTable($"Training runs ({Profile.Name} profile)", "Model", "Task", "Steps", "Wall s", "Final loss", "Parameters");
        foreach (var run in translators.Values)
            table.AddRow(run.Label, run.Task.Name, run.Training.FinalStep, run.Training.WallSeconds, run.Training.FinalLoss, run.Model.ParameterCount());
        foreach (var run in difformers.Values)
            table.AddRow(run.Label, run.Task.Name, run.Training.FinalStep, run.Training.WallSeconds, run.Training.FinalLoss, run.Model.ParameterCount());
        return table;
    }

    /// <summary>A few Multi30k test sentences with the reference, the AR output and Difformer's (AR rerank) output.</summary>
    public ResultTable Examples(int count = 5)
    {
        var t = Translation;
        var ar = ArOutput(t, t.Test, t.TestName, Profile.ArBeam);
        var dif = DifformerOutput(t, DifformerModules.Full, t.Test, t.TestName, CandidateSelection.ArScore);
        var table = new ResultTable($"Examples, Multi30k {t.TestName}", "Reference", $"Transformer (beam {Profile.ArBeam})", "Difformer (AR rerank)");
        for (int i = 0; i < Math.Min(count, t.Test.Count); i++) table.AddRow(t.Test.References[i], ar.Hypotheses[i], dif.Hypotheses[i]);
        return table;
    }

    // ---- helpers -------------------------------------------------------------------------------------------
    Seq2SeqTask BuildTask(string name, IReadOnlyList<SentencePair> train, IReadOnlyList<SentencePair> test, string testName)
    {
        Log($"{name}: learning a joint BPE ({Profile.BpeMerges} merges) on {train.Count} training pairs");
        var tokenizer = BpeTokenizer.Train(train.SelectMany(p => new[] { p.Source, p.Target }), new BpeTrainingOptions(Profile.BpeMerges));
        return new Seq2SeqTask(name, tokenizer, TokenizedPairs.Encode(train, tokenizer), TokenizedPairs.Encode(test, tokenizer), testName);
    }

    static IReadOnlyList<SentencePair> Take(IEnumerable<SentencePair> pairs, int? count) =>
        (count is { } n ? pairs.Take(n) : pairs).ToList();

    IProgress<TrainingProgress>? Progress(string label) => verbose ? new ConsoleProgress(label, 4) : null;

    void Log(string message)
    {
        if (verbose) Console.WriteLine(message);
    }

    public void Dispose()
    {
        foreach (var run in difformers.Values) run.Model.Dispose();
        foreach (var model in translators.Values.Select(r => r.Model).Distinct()) model.Dispose();   // a distilled task shares its teacher
    }
}

/// <summary>One system of the main table: its outputs on Multi30k test2016, IWSLT14 test (extra) and Gigaword, and the paper's figure.</summary>
public sealed record MainRow(string System, SystemOutput Multi30k, SystemOutput Iwslt, SystemOutput Gigaword, object Paper);
