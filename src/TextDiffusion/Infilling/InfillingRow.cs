using TextDiffusion.Reporting;

namespace TextDiffusion.Infilling;

/// <summary>
/// One system of the infilling table: our BLEU, ROUGE-L and CIDEr (with intervals) beside the paper's, the
/// candidates MBR chose from, and the wall seconds of training (steps run) and of infilling.
/// </summary>
public sealed record InfillingRow(string System, InfillingScore Score, InfillingPaper Paper, int Candidates,
    int TrainSteps, double TrainSeconds, double InfillSeconds)
{
    public Metric Bleu => Score.Bleu;
    public Metric RougeL => Score.RougeL;
    public Metric Cider => Score.Cider;
    public double PaperBleu => Paper.Bleu;
    public double PaperRougeL => Paper.RougeL;
    public double PaperCider => Paper.Cider;
}

/// <summary>A row of the paper's infilling table (papers.md §1, unverified): BLEU, ROUGE-L and CIDEr.</summary>
public sealed record InfillingPaper(double Bleu, double RougeL, double Cider);
