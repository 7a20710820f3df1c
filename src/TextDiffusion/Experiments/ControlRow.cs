using TextDiffusion.Control;
using TextDiffusion.Reporting;

namespace TextDiffusion.Experiments;

/// <summary>
/// One system on one control task: success (mean per-target score, in %) for each control of the
/// task (two for the composition), lm-score under the teacher, and the generation wall time (the original run's when
/// <see cref="OutputsReused"/>: the outputs came from a <see cref="GenerationCache"/>; their scores are computed anew).
/// </summary>
public sealed record ControlRow(string System, string Task, IReadOnlyList<(ControlTask Task, Metric Success)> Success, Metric LmScore,
    double Seconds, int Targets, IReadOnlyList<string> Outputs, bool OutputsReused = false);
