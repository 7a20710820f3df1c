using TextDiffusion.Data;
using TextDiffusion.Text;

namespace TextDiffusion.Experiments;

/// <summary>
/// E2E restaurant sentences ready for the models: the project's MR-disjoint split (train on
/// Diffusion-LM's valid file plus part of its test file; see <see cref="E2eSplit"/>), a word-level
/// vocabulary from the training side, and each sentence as BOS w… EOS PAD… of fixed length, as
/// Diffusion-LM pads E2E to 64 tokens.
/// </summary>
public sealed class E2eCorpus : SentenceCorpus
{
    public E2eSplit Split { get; }

    E2eCorpus(E2eSplit split, WordTokenizer tokenizer, int sequenceLength)
        : base(split.Train.Select(e => e.Text).ToList(), split.Eval.Select(e => e.Text).ToList(), tokenizer, sequenceLength) =>
        Split = split;

    /// <summary>Loads the split from the shared data and builds the vocabulary (words seen at least <paramref name="minCount"/> times).</summary>
    public static E2eCorpus Load(int sequenceLength = 64, int minCount = 3)
    {
        var split = E2eSplit.FromDiffusionLmFiles();
        var tokenizer = WordTokenizer.Train(split.Train.Select(e => e.Text), minCount);
        return new E2eCorpus(split, tokenizer, sequenceLength);
    }
}
