using TextDiffusion.Infilling;
using TextDiffusion.Models;
using TextDiffusion.Reporting;

namespace TextDiffusion.Experiments;

/// <summary>
/// What <see cref="InfillingExperiment.Run(InfillingSettings, RocCorpus?, ulong, bool)"/> measured: a row per system,
/// example infills, the candidate middle lengths, notes on the data, the trained models and the total wall time.
/// </summary>
public sealed record InfillingResult(
    InfillingSettings Settings,
    RocCorpus Corpus,
    IReadOnlyList<InfillingRow> Rows,
    IReadOnlyList<InfillingExample> Examples,
    IReadOnlyList<int> CandidateLengths,
    string DataNote,
    TrainedModel<DiffusionLM> DiffusionLm,
    TrainedModel<TransformerLM> LeftOnlyAr,
    TrainedModel<TransformerLM>? BothSidedAr,
    double WallSeconds)
{
    /// <summary>The αNLG table: ours beside the paper's (BLEU, ROUGE-L ×100, CIDEr-D), with budgets and times.</summary>
    public ResultTable Table()
    {
        var table = new ResultTable($"αNLG infilling, {Rows.FirstOrDefault()?.Bleu.Samples} dev examples ({Settings.Name} profile)",
            "System", "BLEU", "ROUGE-L", "CIDEr", "Paper BLEU", "Paper ROUGE-L", "Paper CIDEr", "Candidates (MBR)", "Train steps", "Train s", "Infill s");
        foreach (var r in Rows)
            table.AddRow(r.System, r.Bleu, r.RougeL, r.Cider, r.PaperBleu, r.PaperRougeL, r.PaperCider, r.Candidates, r.TrainSteps, r.TrainSeconds, r.InfillSeconds);
        return table;
    }

    /// <summary>
    /// The both-sided and the left-only AR models' NLL of the gold middles of the evaluated examples (<see cref="MiddleLikelihood"/>):
    /// whether the model that reads obs2 uses it. Null when the profile trains no both-sided model.
    /// </summary>
    public MiddleLikelihood? GoldMiddleLikelihood(int seed = 0) => BothSidedAr is null ? null : MiddleLikelihood.Of(
        new ArInfiller(BothSidedAr.Model, Corpus, StoryLayout.EndFirst, Settings.Candidates, Settings.DecodeBatchSize),
        new ArInfiller(LeftOnlyAr.Model, Corpus, StoryLayout.Story, Settings.Candidates, Settings.DecodeBatchSize), Corpus.Eval, seed);

    /// <summary>The example infills as a table: observations, each system's middle, the first gold middle.</summary>
    public ResultTable ExampleTable()
    {
        var systems = Rows.Select(r => r.System).ToArray();
        var table = new ResultTable("Example infills", ["Obs1", .. systems, "Obs2", "Gold (first of n)"]);
        foreach (var e in Examples)
            table.AddRow([e.Obs1, .. e.Middles.Select(m => m.Middle), e.Obs2, $"{e.Gold[0]} (1 of {e.Gold.Count})"]);
        return table;
    }
}
