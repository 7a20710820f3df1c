using TextDiffusion.Control;

namespace TextDiffusion.Experiments;

/// <summary>
/// Diffusion-LM's Table 2 (E2E; papers.md §1), shown beside ours: control success (%) and lm-score
/// per system and task. FUDGE's numbers are marked unverified in papers.md.
/// </summary>
public static class ControlPaper
{
    public static readonly IReadOnlyDictionary<(string System, ControlTask Task), (double Success, double LmScore)> Table2 =
        new Dictionary<(string, ControlTask), (double, double)>
        {
            [("Diffusion-LM", ControlTask.Semantic)] = (81.2, 2.55),
            [("Diffusion-LM", ControlTask.Pos)] = (90.0, 5.16),
            [("Diffusion-LM", ControlTask.Tree)] = (86.0, 3.71),
            [("Diffusion-LM", ControlTask.Spans)] = (93.8, 2.53),
            [("Diffusion-LM", ControlTask.Length)] = (99.9, 2.16),
            [("FUDGE", ControlTask.Semantic)] = (69.9, 2.83),
            [("FUDGE", ControlTask.Pos)] = (27.0, 7.96),
            [("FUDGE", ControlTask.Tree)] = (17.9, 3.39),
            [("FUDGE", ControlTask.Spans)] = (54.2, 4.03),
            [("FUDGE", ControlTask.Length)] = (46.9, 3.11),
        };

    /// <summary>"success / lm-score" of the paper, or "" where the paper has no such row.</summary>
    public static string Cell(string system, ControlTask task) =>
        Table2.TryGetValue((system, task), out var v) ? $"{v.Success:F1} / {v.LmScore:F2}" : "";
}
