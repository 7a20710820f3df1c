using TextDiffusion.Control;
using TextDiffusion.Data;
using TextDiffusion.Syntax;
using TextDiffusion.Models;
using TextDiffusion.Text;
using TextDiffusion.Training;
using Torch;

namespace TextDiffusion.Experiments;

/// <summary>
/// The autoregressive baselines of Table 2, trained on the same sentences with controls read off
/// them by the oracles: FT (a conditional LM over "c &lt;sep&gt; sentence", one model for all five tasks,
/// the task named by the prompt's first token), and FUDGE (an unconditional base LM plus a future
/// discriminator, also shared by the tasks).
/// </summary>
public sealed class ControlBaselines : IDisposable
{
    ControlBaselines(PromptedCorpus corpus, TrainedModel<TransformerLM> ft, TrainedModel<TransformerLM> baseLm, TrainedModel<FudgeDiscriminator> discriminator)
    {
        Corpus = corpus;
        FineTuned = ft;
        BaseLm = baseLm;
        Discriminator = discriminator;
    }

    public PromptedCorpus Corpus { get; }
    public TrainedModel<TransformerLM> FineTuned { get; }
    public TrainedModel<TransformerLM> BaseLm { get; }
    public TrainedModel<FudgeDiscriminator> Discriminator { get; }

    /// <summary>Each training sentence's own control for every task (spans: one of its constituents, semantic: one MR slot).</summary>
    public static IReadOnlyList<ControlTarget> OwnControls(SentenceSyntax syntax, MeaningRepresentation mr, int index) =>
    [
        ControlClassifiers.SemanticControl(mr.Slots[index % mr.Slots.Count]),
        new PosControl(syntax.Upos),
        new TreeControl(syntax.Tree),
        OwnSpan(syntax, index),
        new LengthControl(syntax.Words.Count),
    ];

    static SpanControl OwnSpan(SentenceSyntax syntax, int index)
    {
        var brackets = syntax.Brackets;
        var b = brackets.Count == 0 ? new LabeledSpan("S", 0, Math.Max(0, syntax.Words.Count - 1)) : brackets[index % brackets.Count];
        return new SpanControl(new SpanConstraint(b.Start, b.End, b.Label));
    }

    /// <summary>
    /// Trains FT, FUDGE's base LM and its discriminator. With a <paramref name="checkpointRoot"/>, each checkpoints in its own
    /// folder there (ft, fudge-lm, fudge-discriminator) beside the vocabulary it was trained with (<see cref="VocabularyFile"/>),
    /// and a rerun resumes or reuses it with that vocabulary.
    /// </summary>
    public static ControlBaselines Train(E2eCorpus e2e, IReadOnlyList<SentenceSyntax> syntax, DiffusionLmSettings d, ControlExperimentSettings s, ulong seed = 0,
        string? checkpointRoot = null)
    {
        var data = BaselineData.Of(e2e, syntax, d, s, checkpointRoot, [FtFolder, BaseLmFolder, DiscriminatorFolder]);
        var (sentences, controls, corpus) = (data.Sentences, data.Controls, data.Corpus);

        // An LM trained on rows drawn by (seed, step), as the corpus batches are.
        TrainedModel<TransformerLM> TrainLm(ulong run, string label, string folder, Func<Pcg32, long[]> row)
        {
            torch.ManualSeed(seed + run);
            var lm = new TransformerLM(data.Config);
            lm.To(Compute.Device);
            var result = Trainer.Run(lm, step =>
            {
                var random = new Pcg32(seed * 7919UL + (ulong)step + 17 * run);
                return lm.Loss(corpus.Batch(Enumerable.Range(0, s.BaselineBatch).Select(_ => row(random)), Compute.Device));
            }, Options(s, seed + run, checkpointRoot, folder), new ConsoleProgress(label, 4));
            return new TrainedModel<TransformerLM>(lm, result);
        }

        // FT: p(w | c) on every (own control, sentence) pair.
        var ft = TrainLm(1, "FT", FtFolder, random =>
        {
            int i = random.NextInt(sentences.Count);
            return corpus.Row(controls[i][random.NextInt(controls[i].Count)], sentences[i]);
        });

        // FUDGE's base LM: the sentences alone.
        var baseLm = TrainLm(2, "FUDGE base LM", BaseLmFolder, random => corpus.Row(null, sentences[random.NextInt(sentences.Count)]));

        return new ControlBaselines(corpus, ft, baseLm, TrainDiscriminator(data, s, seed, checkpointRoot, DiscriminatorFolder));
    }

    /// <summary>
    /// FUDGE's discriminator alone, as <see cref="Train"/> trains it (same data, vocabulary and seed), for
    /// <paramref name="s"/>'s <c>BaselineSteps</c>: to measure it at another budget. It checkpoints in
    /// <c>fudge-discriminator-&lt;steps&gt;</c> under <paramref name="checkpointRoot"/>, so each budget keeps its own.
    /// </summary>
    public static TrainedModel<FudgeDiscriminator> TrainDiscriminator(E2eCorpus e2e, IReadOnlyList<SentenceSyntax> syntax, DiffusionLmSettings d,
        ControlExperimentSettings s, ulong seed = 0, string? checkpointRoot = null)
    {
        string folder = $"{DiscriminatorFolder}-{s.BaselineSteps}";
        return TrainDiscriminator(BaselineData.Of(e2e, syntax, d, s, checkpointRoot, [folder]), s, seed, checkpointRoot, folder);
    }

    // Half the rows pair a sentence with its own control, half with another sentence's control of the same
    // task; the target is the sentence's measured success under it.
    static TrainedModel<FudgeDiscriminator> TrainDiscriminator(BaselineData data, ControlExperimentSettings s, ulong seed, string? checkpointRoot, string folder)
    {
        var (sentences, syntax, controls, corpus) = (data.Sentences, data.Syntax, data.Controls, data.Corpus);
        torch.ManualSeed(seed + 3);
        var discriminator = new FudgeDiscriminator(data.Config);
        discriminator.To(Compute.Device);
        var result = Trainer.Run(discriminator, step =>
        {
            var random = new Pcg32(seed * 7919UL + (ulong)step + 29);
            var rows = new List<long[]>();
            var prompts = new List<long>();
            var success = new List<float>();
            for (int k = 0; k < s.BaselineBatch; k++)
            {
                int i = random.NextInt(sentences.Count), task = random.NextInt(5);
                int j = random.NextInt(2) == 0 ? i : random.NextInt(sentences.Count);
                var control = controls[j][task];
                rows.Add(corpus.Row(control, sentences[i]));
                prompts.Add(corpus.Prompt(control).Length);
                success.Add((float)ControlScore.Of(control, syntax[i]));
            }
            return discriminator.Loss(corpus.Batch(rows, Compute.Device), torch.Tensor(prompts.ToArray(), device: Compute.Device),
                torch.Tensor(success.ToArray(), device: Compute.Device));
        }, Options(s, seed + 3, checkpointRoot, folder), new ConsoleProgress("FUDGE discriminator", 4));
        return new(discriminator, result);
    }

    static TrainingOptions Options(ControlExperimentSettings s, ulong seed, string? checkpointRoot, string folder) =>
        new TrainingOptions(s.BaselineSteps, s.BaselineLearningRate, WarmupSteps: Math.Min(100, s.BaselineSteps / 10), Seed: seed,
            LogEvery: Math.Max(1, s.BaselineSteps / 40)).CheckpointedIn(checkpointRoot is null ? null : Path.Combine(checkpointRoot, folder));

    /// <summary>The baselines' training data: the analysed sentences and their syntax, each one's own controls, the prompted vocabulary and the model size.</summary>
    sealed record BaselineData(List<string> Sentences, IReadOnlyList<SentenceSyntax> Syntax, List<IReadOnlyList<ControlTarget>> Controls, PromptedCorpus Corpus, TransformerLMConfig Config)
    {
        /// <param name="folders">The checkpoint folders (under <paramref name="checkpointRoot"/>) of the models about to be trained or reused.</param>
        public static BaselineData Of(E2eCorpus e2e, IReadOnlyList<SentenceSyntax> syntax, DiffusionLmSettings d, ControlExperimentSettings s,
            string? checkpointRoot, IReadOnlyList<string> folders)
        {
            var sentences = e2e.TrainSentences.Take(syntax.Count).ToList();   // the analysed sentences
            var mrs = e2e.Split.Train.Take(syntax.Count).Select(e => e.Mr).ToList();
            var controls = Enumerable.Range(0, sentences.Count).Select(i => OwnControls(syntax[i], mrs[i], i)).ToList();
            var corpus = PromptedCorpus.Build(sentences, controls.SelectMany(c => c), s.PromptedLength, d.MinCount);
            if (checkpointRoot is not null) corpus = new PromptedCorpus(SharedVocabulary(corpus.Tokenizer, checkpointRoot, folders), s.PromptedLength);
            var config = new TransformerLMConfig(corpus.VocabSize, s.PromptedLength, d.ModelDim, d.Layers, Heads: 4, FeedForwardDim: 4 * d.ModelDim, Dropout: 0.1);
            return new BaselineData(sentences, syntax, controls, corpus, config);
        }
    }

    /// <summary>The file beside each baseline's weights that holds the vocabulary they were trained with.</summary>
    public const string VocabularyFile = "tokenizer.json";

    // The baselines' checkpoint folders under a root; each further discriminator budget is DiscriminatorFolder-<steps>.
    const string FtFolder = "ft", BaseLmFolder = "fudge-lm", DiscriminatorFolder = "fudge-discriminator";

    static bool IsBaselineFolder(string name) =>
        name is FtFolder or BaseLmFolder || name.StartsWith(DiscriminatorFolder, StringComparison.Ordinal);

    /// <summary>
    /// The prompted vocabulary of the baselines under <paramref name="root"/>: the one saved beside weights already there
    /// (committed ones included), else <paramref name="built"/> from the data; saved into each of <paramref name="folders"/>.
    /// Word ids follow word counts, and the counts include the tree and span prompts, so a parse that differs in one
    /// sentence can renumber words; reused weights must keep the ids they were trained with. All baselines under one root
    /// share one vocabulary: two saved ones that differ are an error.
    /// </summary>
    static WordTokenizer SharedVocabulary(WordTokenizer built, string root, IReadOnlyList<string> folders)
    {
        foreach (var folder in folders) PretrainedCheckpoints.TrySeed(Path.Combine(root, folder));
        var saved = Directory.Exists(root)
            ? Directory.GetDirectories(root).Where(f => IsBaselineFolder(Path.GetFileName(f)))
                .Select(f => Path.Combine(f, VocabularyFile)).Where(File.Exists).Order(StringComparer.Ordinal).ToList()
            : [];
        var vocabulary = built;
        if (saved.Count > 0)
        {
            vocabulary = Tokenizer.Load<WordTokenizer>(saved[0]);
            foreach (var other in saved.Skip(1))
                if (Difference(vocabulary, Tokenizer.Load<WordTokenizer>(other)) is { } why)
                    throw new InvalidDataException($"{other} and {saved[0]} hold different vocabularies ({why}), but the baselines under " +
                        $"{root} share one. Delete the folder of the model whose weights do not belong with the others (its weights were " +
                        $"trained with another vocabulary), so that it is trained again; a folder that holds no weights of its own is " +
                        $"filled again from {PretrainedCheckpoints.Folder}/ when one is committed there");
            if (Difference(vocabulary, built) is { } change)
                Console.WriteLine($"control baselines: the vocabulary built from these sentences and their parses differs from the one the " +
                                  $"saved weights were trained with ({change}); using the saved one, {saved[0]}");
        }
        foreach (var folder in folders)
        {
            string path = Path.Combine(root, folder, VocabularyFile);
            if (File.Exists(path)) continue;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            vocabulary.Save(path);
        }
        return vocabulary;
    }

    /// <summary>Null when both vocabularies number the same words alike; otherwise the first difference.</summary>
    static string? Difference(WordTokenizer a, WordTokenizer b)
    {
        var (x, y) = (a.Vocabulary.Tokens, b.Vocabulary.Tokens);
        for (int id = 0; id < Math.Min(x.Count, y.Count); id++)
            if (x[id] != y[id]) return $"id {id} is \"{x[id]}\" in one and \"{y[id]}\" in the other";
        return x.Count == y.Count ? null : $"{x.Count} and {y.Count} ids";
    }

    public void Dispose()
    {
        FineTuned.Model.Dispose();
        BaseLm.Model.Dispose();
        Discriminator.Model.Dispose();
    }
}
