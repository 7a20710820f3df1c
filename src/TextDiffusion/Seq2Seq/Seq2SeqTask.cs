using TextDiffusion.Text;

namespace TextDiffusion.Seq2Seq;

/// <summary>A sequence-to-sequence task as the experiment uses it: its tokenizer, training pairs and test set.</summary>
public sealed record Seq2SeqTask(string Name, Tokenizer Tokenizer, TokenizedPairs Train, TokenizedPairs Test, string TestName);
