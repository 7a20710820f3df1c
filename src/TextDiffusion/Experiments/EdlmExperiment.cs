using System.Diagnostics;
using TextDiffusion.Discrete;
using TextDiffusion.Evaluation;
using TextDiffusion.Models;
using TextDiffusion.Reporting;
using TextDiffusion.Training;
using Torch;
using Torch.Nn;

namespace TextDiffusion.Experiments;

/// <summary>
/// The EDLM reproduction the notebook runs: train MDLM, the AR baseline (also the AR energy), a larger
/// judge LM and the NCE energy on a token corpus; measure generative perplexity and entropy against the
/// number of sampling steps (Table 3 of the paper), likelihood bounds, the speed-up of EDLM (k = 2,
/// w = 0.2) over MDLM at matched quality, and ablations over k and w; and the BPC table on characters.
/// Every number is computed in the run that reports it. <paramref name="log"/> receives progress lines (e.g. Console.WriteLine).
/// With a <paramref name="checkpointRoot"/> (the notebook: results/checkpoints/&lt;profile&gt;/edlm), each model checkpoints
/// in its own folder there, and a rerun resumes it or reuses the finished model.
/// </summary>
public sealed class EdlmExperiment(EdlmConfig config, Action<string>? log = null, string? checkpointRoot = null)
{
    public EdlmConfig Config => config;

    void Log(string message) => log?.Invoke(message);

    // ---- data -------------------------------------------------------------------------------------
    public TokenCorpus LoadTokens() => TokenCorpus.WikiText2Bpe(config.SequenceLength, config.BpeMerges, config.CorpusLines, config.HeldOutFraction);

    public TokenCorpus LoadCharacters() => TokenCorpus.Text8Characters(config.CharSequenceLength, config.CorpusLines, config.HeldOutFraction);

    // ---- training -----------------------------------------------------------------------------------
    MaskedDiffusionLMConfig DiffusionConfig(int vocab, int length) =>
        new(vocab, length, config.ModelDim, config.Layers, config.Heads, config.FeedForwardDim, config.Dropout);

    TransformerLMConfig ArConfig(int vocab, int length) =>
        Autoregressive.Config(vocab, length, config.ModelDim, config.Layers, config.Heads, config.FeedForwardDim, config.Dropout);

    /// <summary>
    /// A model's checkpoint folder under the checkpoint root, named by the model and its step budget ("MDLM (chars)", 1000 →
    /// mdlm-chars-1000), so that a change of budget trains anew instead of resuming a finished run; null without a root.
    /// </summary>
    string? CheckpointDir(string name, int steps) => checkpointRoot is null ? null : Path.Combine(checkpointRoot, ResultPaths.Slug($"{name} {steps}"));

    /// <summary>
    /// Trains <paramref name="model"/> for <paramref name="steps"/> on random training blocks of <paramref name="corpus"/>; with a
    /// checkpoint root it checkpoints every 250 steps, and a rerun resumes or reuses the finished model.
    /// </summary>
    TrainingResult Fit(string name, Module model, Func<Tensor, Tensor> loss, TokenCorpus corpus, int steps)
    {
        using var train = TokenCorpus.ToTensor(corpus.Train);
        long n = train.Size(0);
        var options = new TrainingOptions(steps, LearningRate: config.LearningRate, WarmupSteps: Math.Max(1, steps / 20),
            Seed: config.Seed, LogEvery: Math.Max(1, steps / 10)).CheckpointedIn(CheckpointDir(name, steps));
        var result = Trainer.Run(model, _ => torch.Scoped(() => loss(train.IndexSelect(0, torch.RandInt(0, n, [config.BatchSize])))),
            options, new ProgressCallback(p => Log($"{name}: {p}")));
        Log($"{name}: {result.FinalStep} steps in {result.WallSeconds:F0} s ({result.StepsRun} in this run), final loss {result.FinalLoss:F3}");
        return result;
    }

    /// <summary>MDLM: the masked diffusion model (SUBS logits, continuous-time NELBO, log-linear schedule), initialised with the seed.</summary>
    public TrainedModel<MaskedDiffusionLM> TrainMdlm(TokenCorpus corpus)
    {
        torch.ManualSeed(config.Seed);
        var model = new MaskedDiffusionLM(DiffusionConfig(corpus.VocabSize, corpus.BlockLength));
        return new(model, Fit("MDLM", model, b => model.Loss(b), corpus, config.DiffusionSteps));
    }

    /// <summary>The AR baseline, of MDLM's size: the baseline of Table 3 and the energy of EDLM-AR.</summary>
    public TrainedModel<TransformerLM> TrainAr(TokenCorpus corpus)
    {
        torch.ManualSeed(config.Seed + 1);
        var model = new TransformerLM(ArConfig(corpus.VocabSize, corpus.BlockLength));
        return new(model, Fit("AR", model, b => Autoregressive.Loss(model, b), corpus, config.ArSteps));
    }

    /// <summary>The judge: a larger causal transformer trained longer, standing in for GPT-2 large in generative perplexity.</summary>
    public TrainedModel<TransformerLM> TrainJudge(TokenCorpus corpus)
    {
        torch.ManualSeed(config.Seed + 2);
        var model = new TransformerLM(Autoregressive.Config(corpus.VocabSize, corpus.BlockLength, config.JudgeModelDim, config.JudgeLayers,
            config.Heads, config.JudgeFeedForwardDim, config.Dropout));
        return new(model, Fit("judge", model, b => Autoregressive.Loss(model, b), corpus, config.JudgeSteps));
    }

    /// <summary>
    /// The NCE energy: initialised from <paramref name="mdlm"/>'s backbone and trained to tell data from samples of the frozen
    /// MDLM, −log σ(−E(x₀⁺)) − log σ(E(x₀⁻)); logs its held-out accuracy (50 % = chance).
    /// </summary>
    public TrainedModel<NceEnergy> TrainNce(TokenCorpus corpus, MaskedDiffusionLM mdlm)
    {
        mdlm.Eval();
        torch.ManualSeed(config.Seed + 3);
        var model = NceEnergy.FromDiffusion(mdlm);
        var result = Fit("NCE energy", model, b => model.Loss(mdlm, b), corpus, config.NceSteps);
        using (var heldOut = TokenCorpus.ToTensor(corpus.HeldOut, config.EvalBlocks))
            Log($"NCE energy: held-out accuracy {model.Accuracy(mdlm, heldOut, new Generator(config.Seed)):P1} (data vs MDLM samples, 50% = chance)");
        return new(model, result);
    }

    /// <summary>MDLM, the AR baseline (= AR energy), the judge and the NCE energy, trained on <paramref name="corpus"/> in that order.</summary>
    public EdlmModels Train(TokenCorpus corpus)
    {
        Log($"{corpus.Name}: V = {corpus.VocabSize}, {corpus.Train.Length} training blocks of {corpus.BlockLength}, {corpus.HeldOut.Length} held out");
        var mdlm = TrainMdlm(corpus);
        return EdlmModels.Of(mdlm, TrainAr(corpus), TrainJudge(corpus), TrainNce(corpus, mdlm.Model));
    }

    // ---- sampling -------------------------------------------------------------------------------------
    /// <summary>The energy of a method: "EDLM-AR" (AR energy with carry-over) or "EDLM-NCE".</summary>
    public static EnergyFunction EnergyOf(EdlmModels models, string method) => method switch
    {
        "EDLM-AR" => new ArEnergy(models.Ar, models.Diffusion.Process.MaskId, carryOver: true).Energy,
        "EDLM-NCE" => models.Nce.Energy,
        _ => throw new ArgumentException($"unknown EDLM method '{method}'", nameof(method)),
    };

    /// <summary>
    /// Draws <see cref="EdlmConfig.SampleCount"/> sequences with a method ("AR", "MDLM", "EDLM-AR", "EDLM-NCE") and
    /// measures them under the judge.
    /// </summary>
    public GenerationRow Generate(EdlmModels models, TokenCorpus corpus, string method, int steps, int candidates = 2, double window = 0.2)
    {
        using var scope = torch.NewDisposeScope();
        var diffusion = models.Diffusion;
        diffusion.Eval();
        using var generator = new Generator(config.Seed + (ulong)steps * 7919UL + (ulong)candidates * 31UL + (ulong)(window * 1000));
        int count = config.SampleCount, batch = Math.Min(count, 32);
        var pieces = new List<Tensor>();
        double calls = 0;
        var clock = Stopwatch.StartNew();
        for (int done = 0; done < count; done += batch)
        {
            int n = Math.Min(batch, count - done);
            if (method == "AR")
            {
                pieces.Add(Autoregressive.Sample(models.Ar, n, corpus.BlockLength, generator));
                calls += corpus.BlockLength * n;
                continue;
            }
            var sample = method == "MDLM"
                ? new MaskedSampler(diffusion.Process, diffusion.Denoiser).Sample(n, corpus.BlockLength, steps, generator)
                : new EnergySampler(diffusion.Process, diffusion.Denoiser, EnergyOf(models, method), candidates, window)
                    .Sample(n, corpus.BlockLength, steps, generator);
            pieces.Add(sample.Ids);
            calls += sample.DenoiserCalls * (double)n;
        }
        double seconds = clock.Elapsed.TotalSeconds / count;
        var samples = torch.Cat(pieces, 0);
        bool edlm = method.StartsWith("EDLM", StringComparison.Ordinal);
        var row = Measure(models.Judge, corpus, samples, method, method == "AR" ? corpus.BlockLength : steps, edlm ? candidates : 1,
            edlm ? window : 0, seconds, calls / count);
        Log($"{method,-9} steps {row.Steps,5}  k {row.Candidates}  w {row.Window:F2}: gen PPL {row.GenerativePerplexity:F2} {row.Interval}, entropy {row.Entropy:F2}, {seconds * 1000:F1} ms/sample");
        return row;
    }

    /// <summary>Gen PPL with its bootstrap interval over samples, entropy and one decoded example of samples [N, L].</summary>
    GenerationRow Measure(TransformerLM judge, TokenCorpus corpus, Tensor samples, string method, int steps, int candidates, double window,
        double secondsPerSample, double callsPerSample)
    {
        var perSample = GenerativePerplexity.PerSampleNll(judge, samples);
        var nll = Metric.Bootstrap(perSample, seed: (int)config.Seed);
        var entropy = Metric.Bootstrap(SampleEntropy.PerSample(samples), seed: (int)config.Seed);
        return new GenerationRow(method, steps, candidates, window, Math.Exp(nll.Mean), Math.Exp(nll.Lower), Math.Exp(nll.Upper),
            entropy.Mean, secondsPerSample, callsPerSample, corpus.Decode(samples[0].ToArray<long>()), (int)samples.Size(0))
        { SampleNll = perSample, EntropyHalfWidth = entropy.HalfWidth };
    }

    // ---- the tables -------------------------------------------------------------------------------------
    /// <summary>The reference row of Table 3: the judge's perplexity and the entropy of held-out blocks, the floor a perfect sampler would reach.</summary>
    public GenerationRow DataRow(EdlmModels models, TokenCorpus corpus)
    {
        using var scope = torch.NewDisposeScope();
        var heldOut = TokenCorpus.ToTensor(corpus.HeldOut, config.SampleCount);
        return Measure(models.Judge, corpus, heldOut, "Data (held out)", corpus.BlockLength, 1, 0, 0, 0);
    }

    /// <summary>Table 3 from its rows: generative perplexity and entropy against sampling steps, the paper's value at the same steps per token beside.</summary>
    public ResultTable GenerationTable(TokenCorpus corpus, IEnumerable<GenerationRow> rows)
    {
        var table = new ResultTable($"Generative perplexity (judge: {config.JudgeLayers}×{config.JudgeModelDim} AR trained here) and entropy vs steps — {corpus.Name}, L = {corpus.BlockLength}, profile {config.Profile}",
            "Method", "Steps", "k", "w", "Gen PPL", "95% interval", "Entropy (bits)", "ms / sample", "NFE / sample", "Paper gen PPL (steps)");
        foreach (var r in rows)
        {
            string paper = r.Method switch
            {
                "AR" => $"{EdlmPaper.ArGenerativePerplexity}",
                "Data (held out)" => $"entropy {EdlmPaper.DataEntropy}",
                _ => PaperAtSameRatio(r.Method, r.Steps, corpus.BlockLength),
            };
            table.AddRow(r.Method, r.Steps, r.Candidates, r.Window, r.GenerativePerplexity, r.Interval, r.Entropy, r.SecondsPerSample * 1000,
                r.DenoiserCallsPerSample, paper);
        }
        return table;
    }

    /// <summary>Table 3 in one call (the notebook draws its rows cell by cell): the data, AR, and MDLM, EDLM-AR, EDLM-NCE at every step count.</summary>
    public (ResultTable Table, IReadOnlyList<GenerationRow> Rows) GenerativePerplexityTable(EdlmModels models, TokenCorpus corpus)
    {
        var rows = new List<GenerationRow> { DataRow(models, corpus), Generate(models, corpus, "AR", corpus.BlockLength) };
        foreach (var method in new[] { "MDLM", "EDLM-AR", "EDLM-NCE" })
            rows.AddRange(SweepSteps(models, corpus, method));
        return (GenerationTable(corpus, rows), rows);
    }

    /// <summary>One method at every step count of the profile (k = <see cref="EdlmConfig.Candidates"/>, w = <see cref="EdlmConfig.TableWindow"/> for EDLM).</summary>
    public List<GenerationRow> SweepSteps(EdlmModels models, TokenCorpus corpus, string method) =>
        config.SamplingSteps.Select(steps => Generate(models, corpus, method, steps, config.Candidates, config.TableWindow)).ToList();

    /// <summary>
    /// The paper's value at the same steps per token: our S steps for L tokens ↔ the paper's S·1024/L steps for 1024 tokens
    /// (e.g. 16 steps for 64 tokens ↔ 256 steps for 1024), shown with the paper's step count.
    /// </summary>
    static string PaperAtSameRatio(string method, int steps, int length)
    {
        long paperSteps = (long)steps * 1024 / length;
        return (long)steps * 1024 % length == 0 && EdlmPaper.At(method, (int)paperSteps) is { } v ? $"{v} ({paperSteps})" : "";
    }

    /// <summary>
    /// Held-out perplexity: AR exactly, MDLM as the NELBO bound, EDLM-AR and EDLM-NCE as the authors' code estimates them
    /// (<see cref="MaskedDiffusionLM.EnergyNelboPerSequence"/>: the AR energy's log Z is 0, the NCE energy's a one-sample
    /// plug-in; not shown to be bounds), the paper's OpenWebText table beside, each with a bootstrap interval over the
    /// held-out blocks (<see cref="HeldOutNats"/>). The three diffusion estimates draw the same t and x_t per block.
    /// </summary>
    public LikelihoodResult Likelihood(EdlmModels models, TokenCorpus corpus)
    {
        using var scope = torch.NewDisposeScope();
        var heldOut = TokenCorpus.ToTensor(corpus.HeldOut, config.EvalBlocks);
        var (arNats, mdlmNats) = HeldOutNats(models.Ar, models.Diffusion, heldOut);
        var edlmArNats = PerToken(EnergyNelboInChunks(models.Diffusion, EnergyOf(models, "EDLM-AR"), estimatePartition: false, heldOut), heldOut);
        var edlmNceNats = PerToken(EnergyNelboInChunks(models.Diffusion, EnergyOf(models, "EDLM-NCE"), estimatePartition: true, heldOut), heldOut);
        Metric Ppl(double[] nats) => PerBlock(nats, n => LikelihoodBound.Perplexity(n, 1));   // nats per token → PPL
        Metric ar = Ppl(arNats), mdlm = Ppl(mdlmNats), edlmAr = Ppl(edlmArNats), edlmNce = Ppl(edlmNceNats);
        var table = new ResultTable($"Held-out perplexity — {corpus.Name}, {heldOut.Size(0)} blocks of {corpus.BlockLength}, profile {config.Profile}",
            "Model", "PPL (ours)", "95%", "Paper (OpenWebText)", "Note");
        table.AddRow("AR", ar.Mean, Interval(ar), EdlmPaper.OwtPplAr, "exact");
        table.AddRow("MDLM", mdlm.Mean, Interval(mdlm), EdlmPaper.OwtPplMdlm, $"≤ (NELBO, {config.NelboSamples} stratified t per block)");
        table.AddRow("EDLM-AR", edlmAr.Mean, Interval(edlmAr), EdlmPaper.OwtPplEdlmAr, "the authors' estimate: log Z = 0 (the carried-over AR conditionals are normalised)");
        table.AddRow("EDLM-NCE", edlmNce.Mean, Interval(edlmNce), EdlmPaper.OwtPplEdlmNce, "the authors' estimate: log Z ≈ −E(x̃), one x̃ ~ p_θ(· | x_t) (leans low)");
        return new(table, ar, mdlm, edlmAr, edlmNce);
    }

    /// <summary>
    /// Nats per token of each held-out block [N, L]: the AR model's exact −log p(x)/L and MDLM's NELBO/L (a Monte-Carlo
    /// estimate per block, <see cref="EdlmConfig.NelboSamples"/> stratified t). Blocks have equal length, so the mean over
    /// blocks is the corpus's nats per token, and a bootstrap over blocks (<see cref="PerBlock"/>) carries both the choice
    /// of blocks and the NELBO's own Monte-Carlo noise.
    /// </summary>
    (double[] Ar, double[] Mdlm) HeldOutNats(TransformerLM ar, MaskedDiffusionLM mdlm, Tensor heldOut) =>
        (GenerativePerplexity.PerSampleNll(ar, heldOut), PerToken(NelboInChunks(mdlm, heldOut), heldOut));

    static double[] PerToken(double[] natsPerBlock, Tensor blocks) => natsPerBlock.Select(n => n / blocks.Size(1)).ToArray();

    /// <summary>A statistic of the mean nats per token over blocks (perplexity: exp; bits: / ln 2), bootstrapped over the blocks.</summary>
    Metric PerBlock(double[] natsPerToken, Func<double, double> statistic) =>
        Metric.Bootstrap(natsPerToken.Length, blocks => statistic(blocks.Average(i => natsPerToken[i])), seed: (int)config.Seed);

    static string Interval(Metric m) => $"[{m.Lower:F2}, {m.Upper:F2}]";

    /// <summary>
    /// A consistency check of MDLM's sampler: the model's own NELBO bound on its samples against its bound on held-out data.
    /// An exact sampler draws from p_θ, and a model trained by maximum likelihood finds its own samples about as likely as
    /// the data (E_{x~p_θ}[−log p_θ(x)] = H(p_θ), which training drives towards the data's cross-entropy), so a sampler whose
    /// samples the model scores far worse than held-out text does not draw from the model. The one-token-per-step sampler
    /// (<see cref="MaskedSampler.SampleOneByOne"/>, the N → ∞ limit) separates the two ways that can happen: if its samples
    /// score like the data but the <paramref name="steps"/>-step ones do not, the gap is the finite step count drawing
    /// several tokens of one step independently; if they score alike, the sampler is exact enough and the model's own
    /// conditionals disagree with each other. The AR model and the judge score the same sets as a second opinion, and
    /// uniformly random tokens (what a broken sampler would give) set the scale. <paramref name="count"/> blocks per row.
    /// </summary>
    public ConsistencyCheck SampleConsistency(EdlmModels models, TokenCorpus corpus, int steps, int count, int nelboSamples = 16)
    {
        using var scope = torch.NewDisposeScope();
        var device = models.Diffusion.Backbone.Parameters().First().Device;
        using var generator = new Generator(config.Seed + 5, device);
        var sets = new List<(string Name, Tensor Ids)>
        {
            ("held-out data", TokenCorpus.ToTensor(corpus.HeldOut, count).To(device)),
            ($"MDLM samples, {steps} steps (caching sampler)", models.Diffusion.Sample(count, steps, generator, cache: true).Ids),
            ($"MDLM samples, {steps} steps (no cache)", models.Diffusion.Sample(count, steps, generator, cache: false).Ids),
            ($"MDLM samples, one token per step ({corpus.BlockLength} steps: the N → ∞ limit)", models.Diffusion.SampleOneByOne(count, generator).Ids),
            ("uniformly random tokens", torch.RandInt(0, corpus.VocabSize, [count, corpus.BlockLength], device, generator)),
        };
        var table = new ResultTable($"Do MDLM's samples look like draws from MDLM? {count} blocks of {corpus.BlockLength} tokens each, profile {config.Profile}",
            "Set", "MDLM PPL bound (its NELBO)", "AR PPL", "Judge PPL", "Judge 95%");
        var bounds = new List<double>();
        foreach (var (name, ids) in sets)
        {
            var (an, at) = Autoregressive.Nll(models.Ar, ids);
            var judge = Metric.Bootstrap(GenerativePerplexity.PerSampleNll(models.Judge, ids), seed: (int)config.Seed);   // blocks of equal length: the mean of their means
            bounds.Add(LikelihoodBound.Perplexity(NelboInChunks(models.Diffusion, ids, nelboSamples).Sum(), ids.NumEl));
            table.AddRow(name, bounds[^1], LikelihoodBound.Perplexity(an, at), Math.Exp(judge.Mean), $"[{Math.Exp(judge.Lower):F1}, {Math.Exp(judge.Upper):F1}]");
        }
        return new(table, HeldOutBound: bounds[0], StepsBound: bounds[1], OneByOneBound: bounds[3], RandomBound: bounds[4]);
    }

    /// <summary>MDLM's NELBO of each row of ids [N, L] in nats (<see cref="MaskedDiffusionLM.NelboPerSequence"/>), in chunks of 32 rows.</summary>
    double[] NelboInChunks(MaskedDiffusionLM diffusion, Tensor ids, int? samples = null) =>
        InChunks(ids, (chunk, generator) => diffusion.NelboPerSequence(chunk, samples ?? config.NelboSamples, generator));

    /// <summary>EDLM's NELBO estimate of each row (<see cref="MaskedDiffusionLM.EnergyNelboPerSequence"/>), with MDLM's draws of t and x_t.</summary>
    double[] EnergyNelboInChunks(MaskedDiffusionLM diffusion, EnergyFunction energy, bool estimatePartition, Tensor ids) =>
        InChunks(ids, (chunk, generator) => diffusion.EnergyNelboPerSequence(chunk, energy, estimatePartition, config.NelboSamples, generator));

    /// <summary>A per-row estimate over ids [N, L] in chunks of 32 rows, from one generator seeded as every NELBO here is.</summary>
    double[] InChunks(Tensor ids, Func<Tensor, Generator, double[]> estimate)
    {
        using var generator = new Generator(config.Seed + 17);
        var nats = new List<double>();
        foreach (var chunk in ids.Split(32))
        {
            using (chunk)
            {
                nats.AddRange(estimate(chunk, generator));
            }
        }
        return nats.ToArray();
    }

    /// <summary>
    /// Speed: gen PPL against wall time per sample for MDLM and EDLM (k, w = <see cref="EdlmConfig.SpeedWindow"/>) over the step
    /// counts, and the speed-up at matched quality with its bootstrap interval over the samples
    /// (<see cref="SamplingTime.SpeedUpAtMatchedQuality"/>): the time each needs to reach the AR model's gen PPL (the paper's target),
    /// or, when one of them never gets there, the best gen PPL both reach (<see cref="SamplingTime.MatchedTarget"/>). Both samplers
    /// are timed here, MDLM then EDLM at each step count, so that a change of the machine's speed between sections cannot enter
    /// the ratio; MDLM's samples are Table 3's (same seeds). The AR row of <paramref name="tableRows"/> is reused as the target.
    /// </summary>
    public (ResultTable Table, Figure Figure, MatchedSpeedUp SpeedUp) SpeedUp(EdlmModels models, TokenCorpus corpus,
        IReadOnlyList<GenerationRow>? tableRows = null, string energy = "EDLM-AR")
    {
        var arRow = tableRows?.FirstOrDefault(r => r.Method == "AR") ?? Generate(models, corpus, "AR", corpus.BlockLength);
        var timed = config.SamplingSteps.Select(s => (Mdlm: Generate(models, corpus, "MDLM", s, config.Candidates, config.TableWindow),
            Edlm: Generate(models, corpus, energy, s, config.Candidates, config.SpeedWindow))).ToList();
        var (mdlm, edlm) = (timed.Select(p => p.Mdlm).ToList(), timed.Select(p => p.Edlm).ToList());
        var matched = SamplingTime.SpeedUpAtMatchedQuality(mdlm.Select(r => (r.SecondsPerSample, r.SampleNll)).ToList(),
            edlm.Select(r => (r.SecondsPerSample, r.SampleNll)).ToList(), arRow.SampleNll, seed: (int)config.Seed);
        double target = matched.Target;
        string targetName = matched.TargetIsFloor ? "the AR model's gen PPL"
            : target == matched.BaselineBest ? $"MDLM's best gen PPL ({energy} and MDLM both reach it, not AR's)"
            : $"{energy}'s best gen PPL (MDLM and {energy} both reach it, not AR's)";
        var table = new ResultTable($"Speed: gen PPL vs time, MDLM vs {energy} (k = {config.Candidates}, w = {config.SpeedWindow}); target {target:F2} = {targetName}; speed-up {matched.SpeedUpText} (paper: {EdlmPaper.SpeedUp}×)",
            "Steps", "MDLM gen PPL", "MDLM 95%", "MDLM ms / sample", $"{energy} gen PPL", $"{energy} 95%", $"{energy} ms / sample");
        for (int i = 0; i < mdlm.Count; i++)
            table.AddRow(mdlm[i].Steps, mdlm[i].GenerativePerplexity, mdlm[i].Interval, mdlm[i].SecondsPerSample * 1000,
                edlm[i].GenerativePerplexity, edlm[i].Interval, edlm[i].SecondsPerSample * 1000);
        var figure = new Figure($"Gen PPL vs sampling time (profile {config.Profile})") { LogX = true }
            .Axes("ms per sample", "generative perplexity")
            .Line(mdlm.Select(r => r.SecondsPerSample * 1000), mdlm.Select(r => r.Perplexity), "MDLM")
            .Line(edlm.Select(r => r.SecondsPerSample * 1000), edlm.Select(r => r.Perplexity), $"{energy} (k = {config.Candidates}, w = {config.SpeedWindow})")
            .Line(mdlm.Select(r => r.SecondsPerSample * 1000), mdlm.Select(_ => arRow.GenerativePerplexity), "AR");
        return (table, figure, matched);
    }

    /// <summary>The k ablation at <see cref="EdlmConfig.AblationSteps"/> steps: every k of the profile at w = <see cref="EdlmConfig.SpeedWindow"/>.</summary>
    public List<GenerationRow> SweepCandidates(EdlmModels models, TokenCorpus corpus, string energy = "EDLM-AR") =>
        config.AblationCandidates.Select(k => Generate(models, corpus, energy, config.AblationSteps, k, config.SpeedWindow)).ToList();

    /// <summary>The w ablation at <see cref="EdlmConfig.AblationSteps"/> steps: every window of the profile at k = <see cref="EdlmConfig.Candidates"/>.</summary>
    public List<GenerationRow> SweepWindows(EdlmModels models, TokenCorpus corpus, string energy = "EDLM-AR") =>
        config.AblationWindows.Select(w => Generate(models, corpus, energy, config.AblationSteps, config.Candidates, w)).ToList();

    /// <summary>The ablation table from the k and w sweeps.</summary>
    public ResultTable AblationTable(IEnumerable<GenerationRow> candidateRows, IEnumerable<GenerationRow> windowRows, string energy = "EDLM-AR")
    {
        var table = new ResultTable($"Ablations of {energy} at {config.AblationSteps} steps (paper: k barely matters below 16; w = 0 → 42.6, w = 0.2 → ~30 at 1024 steps)",
            "Varied", "k", "w", "Gen PPL", "95% interval", "Entropy (bits)", "ms / sample");
        foreach (var (varied, r) in candidateRows.Select(r => ("k", r)).Concat(windowRows.Select(r => ("w", r))))
            table.AddRow(varied, r.Candidates, r.Window, r.GenerativePerplexity, r.Interval, r.Entropy, r.SecondsPerSample * 1000);
        return table;
    }

    /// <summary>MDLM on the character corpus (<see cref="EdlmConfig.CharSteps"/> steps), for the BPC table.</summary>
    public TrainedModel<MaskedDiffusionLM> TrainCharacterMdlm(TokenCorpus characters)
    {
        torch.ManualSeed(config.Seed + 1);
        var model = new MaskedDiffusionLM(DiffusionConfig(characters.VocabSize, characters.BlockLength));
        return new(model, Fit("MDLM (chars)", model, b => model.Loss(b), characters, config.CharSteps));
    }

    /// <summary>The AR model on the character corpus (<see cref="EdlmConfig.CharSteps"/> steps), for the BPC table.</summary>
    public TrainedModel<TransformerLM> TrainCharacterAr(TokenCorpus characters)
    {
        torch.ManualSeed(config.Seed + 4);
        var model = new TransformerLM(ArConfig(characters.VocabSize, characters.BlockLength));
        return new(model, Fit("AR (chars)", model, b => Autoregressive.Loss(model, b), characters, config.CharSteps));
    }

    /// <summary>
    /// Bits per character on held-out character blocks: the AR model exactly, MDLM as its NELBO bound, and EDLM with the
    /// character AR model as its energy, as the authors' code estimates it (log Z = 0; no NCE energy is trained on
    /// characters), each with a bootstrap interval over the blocks (<see cref="HeldOutNats"/>), the paper's text8 numbers beside.
    /// </summary>
    public BitsPerCharacterResult BitsPerCharacter(TokenCorpus characters, MaskedDiffusionLM mdlm, TransformerLM ar)
    {
        using var scope = torch.NewDisposeScope();
        var heldOut = TokenCorpus.ToTensor(characters.HeldOut, config.EvalBlocks);
        var (arNats, mdlmNats) = HeldOutNats(ar, mdlm, heldOut);
        var edlmNats = PerToken(EnergyNelboInChunks(mdlm, new ArEnergy(ar, mdlm.Process.MaskId, carryOver: true).Energy, estimatePartition: false, heldOut), heldOut);
        Metric Bpc(double[] nats) => PerBlock(nats, n => LikelihoodBound.BitsPerToken(n, 1));   // nats per character → BPC
        Metric arBpc = Bpc(arNats), mdlmBpc = Bpc(mdlmNats), edlmBpc = Bpc(edlmNats);
        var table = new ResultTable($"Bits per character — {characters.Name}, {heldOut.Size(0)} held-out blocks of {characters.BlockLength}, profile {config.Profile}",
            "Model", "BPC (ours)", "95%", "Paper (text8)", "Note");
        table.AddRow("AR", arBpc.Mean, Interval(arBpc), EdlmPaper.Text8BpcAr, "exact");
        table.AddRow("MDLM", mdlmBpc.Mean, Interval(mdlmBpc), EdlmPaper.Text8BpcMdlm, "≤ (NELBO)");
        table.AddRow("EDLM-AR", edlmBpc.Mean, Interval(edlmBpc), EdlmPaper.Text8BpcEdlm, "the authors' estimate, the character AR model as energy: log Z = 0");
        return new(table, arBpc, mdlmBpc, edlmBpc);
    }
}

/// <summary>
/// Held-out perplexity: the table, the AR model's exact value, MDLM's NELBO bound and EDLM's two estimates (the authors'
/// code's), each with its bootstrap interval over the blocks.
/// </summary>
public sealed record LikelihoodResult(ResultTable Table, Metric ArPerplexity, Metric MdlmPerplexityBound, Metric EdlmArPerplexity, Metric EdlmNcePerplexity);

/// <summary>
/// <see cref="EdlmExperiment.SampleConsistency"/>'s table and MDLM's perplexity bounds on held-out data, on its samples at the
/// given step count, on its one-token-per-step samples, and on uniformly random tokens.
/// </summary>
public sealed record ConsistencyCheck(ResultTable Table, double HeldOutBound, double StepsBound, double OneByOneBound, double RandomBound);

/// <summary>Bits per character: the table, the AR model's exact value, MDLM's NELBO bound and EDLM-AR's estimate, each with its bootstrap interval over the blocks.</summary>
public sealed record BitsPerCharacterResult(ResultTable Table, Metric ArBpc, Metric MdlmBpcBound, Metric EdlmArBpc);
