using Torch.Nn;
using TextDiffusion.Training;

namespace TextDiffusion.Seq2Seq;

/// <summary>
/// A model an experiment trained, with its training run and, for Difformers, the embedding probes
/// recorded along the way (mean pairwise distance and norm of the diffused embeddings).
/// </summary>
public sealed record Seq2SeqRun<T>(string Label, Seq2SeqTask Task, T Model, TrainingResult Training, IReadOnlyList<EmbeddingProbe> Probes)
    where T : Module;
