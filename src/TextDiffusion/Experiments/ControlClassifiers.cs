using TextDiffusion.Control;
using TextDiffusion.Data;
using TextDiffusion.Models;
using TextDiffusion.Reporting;
using TextDiffusion.Training;
using Torch;

namespace TextDiffusion.Experiments;

/// <summary>
/// The four classifiers on a trained Diffusion-LM's noisy latents that serve the five control
/// tasks — POS and length (<see cref="TagClassifier"/>), tree and spans (one
/// <see cref="SpanClassifier"/>), semantic content (<see cref="ValueTagger"/>) — with
/// their accuracy on held-out sentences at several noise levels.
/// </summary>
public sealed class ControlClassifiers : IDisposable
{
    ControlClassifiers(ControlLabels labels, TagClassifier pos, TagClassifier length, SpanClassifier spans, ValueTagger semantic, ResultTable accuracy,
        IReadOnlyList<NoisyAccuracy> noisyAccuracy)
    {
        NoisyAccuracy = noisyAccuracy;
        Labels = labels;
        Pos = pos;
        Length = length;
        Spans = spans;
        Semantic = semantic;
        Accuracy = accuracy;
    }

    public ControlLabels Labels { get; }
    public TagClassifier Pos { get; }
    public TagClassifier Length { get; }
    public SpanClassifier Spans { get; }
    public ValueTagger Semantic { get; }

    /// <summary>Held-out accuracy of each classifier on clean (t = 0) and noisy latents.</summary>
    public ResultTable Accuracy { get; }

    /// <summary>The same accuracies with their 95 % bootstrap intervals over the held-out sentences, one entry per classifier and noise level.</summary>
    public IReadOnlyList<NoisyAccuracy> NoisyAccuracy { get; }

    public LatentClassifier For(ControlTask task) => task switch
    {
        ControlTask.Semantic => Semantic,
        ControlTask.Pos => Pos,
        ControlTask.Length => Length,
        _ => Spans,
    };

    /// <summary>
    /// log p(c | x) of a batch whose row r carries the controls <paramref name="controls"/>[r] (all rows
    /// the same tasks; two tasks = composition, log-probabilities summed).
    /// </summary>
    public ControlObjective Objective(IReadOnlyList<IReadOnlyList<ControlTarget>> controls, Device device)
    {
        var parts = Enumerable.Range(0, controls[0].Count).Select(k =>
        {
            var task = controls[0][k].Task;
            var flat = controls.SelectMany(row => Labels.Target(row[k])).ToArray();
            var target = torch.Tensor(flat, [controls.Count, .. Labels.TargetShape(task)], device);
            return PlugAndPlay.Objective(For(task), target);
        }).ToArray();
        return PlugAndPlay.Sum(parts);
    }

    /// <summary>
    /// Trains the four classifiers on the training sentences (their oracle syntax and MRs) and measures them on held-out ones.
    /// With a <paramref name="checkpointRoot"/>, each classifier checkpoints in its own folder there (pos-r2, length-r2,
    /// spans-r2, semantic-tags-r2: the suffix is <see cref="ClassifierTraining.Recipe"/>) and a rerun resumes or reuses it.
    /// </summary>
    public static ControlClassifiers Train(DiffusionLM model, E2eCorpus corpus, ControlLabels labels, IReadOnlyList<SentenceSyntax> trainSyntax,
        IReadOnlyList<string> heldOutSentences, IReadOnlyList<SentenceSyntax> heldOutSyntax, IReadOnlyList<MeaningRepresentation> heldOutMrs,
        ControlExperimentSettings s, ulong seed = 0, string? checkpointRoot = null)
    {
        model.Eval();
        model.RequiresGrad_(false);
        var network = model.Config.Denoiser with { Dropout = 0.1, SelfCondition = false };
        var trainRows = corpus.TrainRows.Take(trainSyntax.Count).ToList();   // the analysed sentences
        var heldOutRows = heldOutSentences.Select(corpus.Row).ToList();
        var table = new ResultTable("Classifiers on noisy latents: held-out accuracy", "classifier", "train s", "t = 0", "t = T/4", "t = T/2", "t = 3T/4");
        var noisyAccuracy = new List<NoisyAccuracy>();
        int steps = model.Diffusion.Steps;
        int[] noiseSteps = [0, steps / 4, steps / 2, 3 * steps / 4];

        T Fit<T>(string name, string folder, T classifier, ControlDataset train, ControlDataset heldOut)
            where T : LatentClassifier
        {
            double seconds = ClassifierTraining.Train(classifier, model, train, Enumerable.Range(0, train.Count).ToList(), s.ClassifierSteps, s.ClassifierBatch,
                s.ClassifierLearningRate, seed, new ConsoleProgress(name, 4),
                checkpointRoot is null ? null : Path.Combine(checkpointRoot, $"{folder}-{ClassifierTraining.Recipe}")).WallSeconds;
            var all = Enumerable.Range(0, heldOut.Count).ToList();
            var accuracy = noiseSteps.Select(t => ClassifierTraining.Accuracy(classifier, model, heldOut, all, t, seed)).ToList();
            table.AddRow(name, Math.Round(seconds), accuracy[0].Mean, accuracy[1].Mean, accuracy[2].Mean, accuracy[3].Mean);
            noisyAccuracy.AddRange(noiseSteps.Zip(accuracy, (t, a) => new NoisyAccuracy(name, t, (double)t / steps, a)));
            classifier.RequiresGrad_(false);
            return classifier;
        }

        ControlDataset Tags(IReadOnlyList<long[]> rows, IReadOnlyList<SentenceSyntax> syntax, Func<SentenceSyntax, long[]> target) =>
            new(rows, i => target(syntax[i]), [labels.Length]);

        var pos = Fit("POS", "pos", new TagClassifier(network, labels.PosClasses),
            Tags(trainRows, trainSyntax, x => labels.Pos(x.Upos)), Tags(heldOutRows, heldOutSyntax, x => labels.Pos(x.Upos)));
        var length = Fit("length", "length", new TagClassifier(network, ControlLabels.LengthClasses),
            Tags(trainRows, trainSyntax, x => labels.LengthRow(x.Words.Count)), Tags(heldOutRows, heldOutSyntax, x => labels.LengthRow(x.Words.Count)));
        var spans = Fit("tree / spans", "spans", new SpanClassifier(network, labels.SpanClasses, features: 32),
            new ControlDataset(trainRows, i => labels.Tree(trainSyntax[i].Words.Count, trainSyntax[i].Brackets), [labels.Length, labels.Length]),
            new ControlDataset(heldOutRows, i => labels.Tree(heldOutSyntax[i].Words.Count, heldOutSyntax[i].Brackets), [labels.Length, labels.Length]));
        // Semantic content: the value tagger (see ValueTagger for why not the left-to-right ControlTokenClassifier).
        var trainMrs = corpus.Split.Train.Take(trainSyntax.Count).Select(e => e.Mr).ToList();
        var semantic = Fit("semantic (value tagger)", "semantic-tags", new ValueTagger(network, labels.SemanticTokens.VocabSize, labels.SemanticTokens.TokenToId(":")),
            new ControlDataset(trainRows, i => labels.SemanticTags(trainSyntax[i].Words, trainMrs[i].Slots), [labels.Length]),
            new ControlDataset(heldOutRows, i => labels.SemanticTags(heldOutSyntax[i].Words, heldOutMrs[i].Slots), [labels.Length]));
        return new ControlClassifiers(labels, pos, length, spans, semantic, table, noisyAccuracy);
    }

    /// <summary>The semantic control asking for an MR slot's value.</summary>
    public static SemanticControl SemanticControl(MrSlot slot) =>
        new(new AttributeTarget(slot.Field, slot.Value, [.. slot.Field.Split(' '), ":", .. slot.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)]));

    public void Dispose()
    {
        Pos.Dispose();
        Length.Dispose();
        Spans.Dispose();
        Semantic.Dispose();
    }
}

/// <summary>One classifier's held-out accuracy at diffusion step <paramref name="Step"/> (<paramref name="NoiseFraction"/> = t/T), with its bootstrap interval.</summary>
public sealed record NoisyAccuracy(string Classifier, int Step, double NoiseFraction, Metric Accuracy);
