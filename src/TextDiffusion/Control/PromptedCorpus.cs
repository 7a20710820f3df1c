using TextDiffusion.Text;
using Torch;

namespace TextDiffusion.Control;

/// <summary>
/// Rows for the autoregressive control baselines: "BOS &lt;task&gt; c … &lt;sep&gt; w_1 … w_n EOS PAD …" in one
/// word vocabulary over the training sentences and the control prompts. FT learns p(w | c) on
/// them; FUDGE's discriminator reads them to judge prefixes; FUDGE's base LM reads the sentences alone.
/// </summary>
public sealed class PromptedCorpus
{
    public const string Separator = "<sep>";

    public PromptedCorpus(WordTokenizer tokenizer, int maxLength)
    {
        Tokenizer = tokenizer;
        MaxLength = maxLength;
        SeparatorId = tokenizer.TokenToId(Separator);
    }

    /// <summary>A vocabulary over the sentences and the prompts (words seen at least <paramref name="minCount"/> times).</summary>
    public static PromptedCorpus Build(IEnumerable<string> sentences, IEnumerable<ControlTarget> prompts, int maxLength, int minCount = 3)
    {
        var texts = sentences.Concat(prompts.Select(p => string.Join(' ', p.PromptTokens()) + " " + Separator));
        return new PromptedCorpus(WordTokenizer.Train(texts, minCount), maxLength);
    }

    public WordTokenizer Tokenizer { get; }
    public int MaxLength { get; }
    public int SeparatorId { get; }
    public int VocabSize => Tokenizer.VocabSize;

    /// <summary>BOS, the prompt's tokens, &lt;sep&gt;.</summary>
    public long[] Prompt(ControlTarget control) =>
        [SpecialTokens.Bos, .. Tokenizer.Encode(string.Join(' ', control.PromptTokens())).Select(i => (long)i), SeparatorId];

    /// <summary>The prompt then the sentence then EOS, padded to <see cref="MaxLength"/> (truncated to fit, EOS kept).</summary>
    public long[] Row(ControlTarget? control, string sentence)
    {
        long[] head = control is null ? [SpecialTokens.Bos] : Prompt(control);
        long[] ids = [.. head, .. Tokenizer.Encode(sentence).Select(i => (long)i), SpecialTokens.Eos];
        if (ids.Length > MaxLength) ids = [.. ids[..(MaxLength - 1)], SpecialTokens.Eos];
        var row = new long[MaxLength];
        ids.CopyTo(row, 0);
        return row;
    }

    /// <summary>Words after the prompt of a generated row, up to EOS.</summary>
    public string DecodeAfterPrompt(ReadOnlySpan<long> row, int promptLength)
    {
        var words = new List<int>();
        foreach (long id in row[promptLength..])
        {
            if (id is SpecialTokens.Eos or SpecialTokens.Pad) break;
            words.Add((int)id);
        }
        return Tokenizer.Decode(words);
    }

    /// <summary>
    /// Rows [N, W] of the given examples, cut after the longest one's last token (W ≤ <see cref="MaxLength"/>, at least 2).
    /// Padding only trails, and every model here is causal and ignores padded positions in its loss, so the cut
    /// changes no loss; it saves the compute of up to MaxLength − W all-padding columns (a sentence alone is about
    /// 30 of 160).
    /// </summary>
    public Tensor Batch(IEnumerable<long[]> rows, Device? device = null)
    {
        var list = rows.ToList();
        int width = Math.Max(2, list.Max(UsedLength));
        return torch.Tensor(list.SelectMany(r => r.Take(width)).ToArray(), [list.Count, width], device);
    }

    /// <summary>Positions up to and including the row's last non-padding token.</summary>
    public static int UsedLength(long[] row)
    {
        int n = row.Length;
        while (n > 0 && row[n - 1] == SpecialTokens.Pad) n--;
        return n;
    }
}
