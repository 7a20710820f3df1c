using Torch.Nn;
using TextDiffusion.Training;
using TextDiffusion.Text;

namespace TextDiffusion.Seq2Seq;

/// <summary>
/// A model an experiment trained, with its training run and, for Difformers, the embedding probes
/// recorded along the way (mean pairwise distance and norm of the diffused embeddings).
/// </summary>
public sealed record Seq2SeqRun<T>(string Label, Seq2SeqTask Task, T Model, TrainingResult Training, IReadOnlyList<EmbeddingProbe> Probes)
    where T : Module;

/// <summary>A sequence-to-sequence task as the experiment uses it: its tokenizer, training pairs and test set.</summary>
public sealed record Seq2SeqTask(string Name, Tokenizer Tokenizer, TokenizedPairs Train, TokenizedPairs Test, string TestName);
