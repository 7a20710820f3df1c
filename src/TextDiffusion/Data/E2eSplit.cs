namespace TextDiffusion.Data;

/// <summary>
/// The project's E2E split, forced by the missing 42k-line train file. Training uses Diffusion-LM's
/// valid file plus part of its test file; evaluation uses the rest of the test file. Whole meaning
/// representations are held out: an MR of the test file goes to evaluation when
/// <see cref="StableHash.UnitInterval"/> of its normalised <see cref="MeaningRepresentation.Key"/> is
/// below the evaluation fraction. Every example whose MR is an evaluation MR, from either file, is
/// kept out of training, so no MR is in both. The split depends only on the data, never on a seed.
/// </summary>
/// <param name="Train">Training examples (valid file first, then the training part of the test file, in file order).</param>
/// <param name="Eval">Evaluation examples, in file order.</param>
public sealed record E2eSplit(IReadOnlyList<E2eExample> Train, IReadOnlyList<E2eExample> Eval)
{
    /// <summary>Half of the test file's MRs (about 315 of 630) are held out by default.</summary>
    public const double DefaultEvalFraction = 0.5;

    /// <summary>True when <paramref name="mr"/> belongs to the evaluation side (for MRs of the held-out file).</summary>
    public static bool IsEvalMr(MeaningRepresentation mr, double evalFraction = DefaultEvalFraction) =>
        StableHash.UnitInterval(mr.Key) < evalFraction;

    /// <summary>
    /// Splits: <paramref name="trainPool"/> (e.g. the valid file) goes to training, and
    /// <paramref name="heldOutPool"/> (e.g. the test file) is divided by MR.
    /// </summary>
    public static E2eSplit Create(IEnumerable<E2eExample> trainPool, IEnumerable<E2eExample> heldOutPool,
        double evalFraction = DefaultEvalFraction)
    {
        if (evalFraction is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(evalFraction), evalFraction, "must be in [0, 1]");
        var heldOut = heldOutPool.ToList();
        var evalMrs = heldOut.Select(e => e.Mr).Where(mr => IsEvalMr(mr, evalFraction)).ToHashSet();
        var train = trainPool.Concat(heldOut).Where(e => !evalMrs.Contains(e.Mr)).ToList();
        var eval = heldOut.Where(e => evalMrs.Contains(e.Mr)).ToList();
        return new E2eSplit(train, eval);
    }

    /// <summary>The split over Diffusion-LM's valid and test files, found through <see cref="DataPaths"/>.</summary>
    public static E2eSplit FromDiffusionLmFiles(double evalFraction = DefaultEvalFraction) =>
        Create(E2eLoader.ReadDiffusionLm(DataPaths.Resolve(DatasetFiles.E2e.DiffusionLmValid)),
               E2eLoader.ReadDiffusionLm(DataPaths.Resolve(DatasetFiles.E2e.DiffusionLmTest)),
               evalFraction);

    /// <summary>
    /// The paper's split, for machines that downloaded Diffusion-LM's full files (data/fetch_originals.sh):
    /// the 42k-line train file for training and the test file for evaluation.
    /// </summary>
    public static E2eSplit FromOriginalFiles() =>
        new(E2eLoader.ReadDiffusionLm(DataPaths.Resolve(DatasetFiles.E2e.DiffusionLmTrain)).ToList(),
            E2eLoader.ReadDiffusionLm(DataPaths.Resolve(DatasetFiles.E2e.DiffusionLmTest)).ToList());

    /// <summary>The distinct evaluation MRs, in first-seen order.</summary>
    public IReadOnlyList<MeaningRepresentation> EvalMrs => Eval.Select(e => e.Mr).Distinct().ToList();

    /// <summary>All reference sentences of each evaluation MR (multi-reference BLEU needs them grouped).</summary>
    public IReadOnlyDictionary<MeaningRepresentation, IReadOnlyList<string>> EvalReferences() =>
        GroupByMr(Eval);

    /// <summary>Groups examples by MR, keeping sentences in file order.</summary>
    public static IReadOnlyDictionary<MeaningRepresentation, IReadOnlyList<string>> GroupByMr(IEnumerable<E2eExample> examples)
    {
        var groups = new Dictionary<MeaningRepresentation, List<string>>();
        foreach (var e in examples)
        {
            if (!groups.TryGetValue(e.Mr, out var list)) groups[e.Mr] = list = [];
            list.Add(e.Text);
        }
        return groups.ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Value);
    }
}
