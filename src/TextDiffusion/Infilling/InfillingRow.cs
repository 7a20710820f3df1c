using TextDiffusion.Reporting;

namespace TextDiffusion.Infilling;

/// <summary>
/// One system of the infilling table: our BLEU and ROUGE-L (with intervals) beside the paper's, the
/// candidates MBR chose from, and the wall seconds of training (steps run) and of infilling.
/// </summary>
public sealed record InfillingRow(string System, InfillingScore Score, double PaperBleu, double PaperRougeL, int Candidates,
    int TrainSteps, double TrainSeconds, double InfillSeconds)
{
    public Metric Bleu => Score.Bleu;
    public Metric RougeL => Score.RougeL;
}
