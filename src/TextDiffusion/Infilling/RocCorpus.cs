using System.Text.RegularExpressions;
using TextDiffusion.Data;
using TextDiffusion.Evaluation;
using TextDiffusion.Text;
using Torch;

namespace TextDiffusion.Infilling;

/// <summary>
/// ROCStories shaped for αNLG infilling. The only stories here are Diffusion-LM's ROCStories valid file
/// (5,000 five-sentence stories; the train split is not on this machine). Each story with exactly five
/// sentences gives three training triples (sentence 1, sentence k, sentence 5) for k = 2, 3, 4: αNLG's
/// observations are a story's first and last sentences and its human middles are one sentence that
/// bridges them, so every inner sentence is a plausible single middle, and using all three triples the
/// little data we have (sentence 1 and 5 then appear three times, each time with a different middle).
/// Stories whose first or last sentence is an observation of the αNLG dev set (the evaluation set) are
/// held out from training. Text is split with sacreBLEU's 13a tokenisation (punctuation split off), the
/// tokenisation BLEU uses, so generated rows are scored as they are written; words seen fewer than
/// <c>minCount</c> times in the training stories become UNK. Rows are BOS w… EOS PAD… of a fixed
/// length: sentence 1 + middle + sentence 5 is 31 tokens at the median, 45 at the 99th percentile and
/// 54 at most (with BOS/EOS; measured on this file), so 56 fits every training row and every dev
/// example with the longest middle we try.
/// </summary>
public sealed partial class RocCorpus
{
    public WordTokenizer Tokenizer { get; }
    public int SequenceLength { get; }
    /// <summary>Training triples, three per usable story.</summary>
    public IReadOnlyList<StoryTriple> Train { get; }
    /// <summary>The αNLG examples to infill (dev: the only αNLG file here with both observations and gold middles).</summary>
    public IReadOnlyList<AnlgExample> Eval { get; }
    /// <summary>Stories read, stories dropped for not splitting into five sentences, stories held out for overlapping the αNLG dev set.</summary>
    public int StoriesRead { get; }
    public int StoriesNotFiveSentences { get; }
    public int StoriesHeldOut { get; }
    /// <summary>Token count of each training middle (the distribution candidate lengths are drawn from).</summary>
    public IReadOnlyList<int> MiddleLengths { get; }
    /// <summary>Training rows longer than <see cref="SequenceLength"/> (truncated, EOS kept).</summary>
    public int Truncated { get; }

    readonly Dictionary<StoryLayout, long[][]> rows = [];

    RocCorpus(WordTokenizer tokenizer, int sequenceLength, IReadOnlyList<StoryTriple> train, IReadOnlyList<AnlgExample> eval,
        int read, int notFive, int heldOut)
    {
        Tokenizer = tokenizer;
        SequenceLength = sequenceLength;
        Train = train;
        Eval = eval;
        StoriesRead = read;
        StoriesNotFiveSentences = notFive;
        StoriesHeldOut = heldOut;
        MiddleLengths = train.Select(t => Words(t.Middle).Length).ToList();
        foreach (var layout in Enum.GetValues<StoryLayout>())
            rows[layout] = train.Select(t => Row(layout, t)).ToArray();
        Truncated = train.Count(t => Words(t.Obs1).Length + Words(t.Middle).Length + Words(t.Obs2).Length + 2 > sequenceLength);
    }

    /// <summary>
    /// Loads the stories and the αNLG dev set from the shared data; <paramref name="evalExamples"/> keeps the
    /// first examples of the dev file (null: all 1,780). Held-out stories are matched against the whole dev set.
    /// </summary>
    public static RocCorpus Load(int sequenceLength = 56, int minCount = 3, int? evalExamples = null)
    {
        var stories = RocStoriesLoader.ReadStories(DataPaths.Resolve(DatasetFiles.RocStories.Valid)).Select(s => s.Text).ToList();
        var dev = RocStoriesLoader.ReadAnlgExamples(DataPaths.Resolve(DatasetFiles.RocStories.AnlgDev)).ToList();
        return FromStories(stories, dev, sequenceLength, minCount, evalExamples);
    }

    /// <summary>Builds the corpus from story strings and αNLG examples (the loader's output, or a test fixture).</summary>
    public static RocCorpus FromStories(IReadOnlyList<string> stories, IReadOnlyList<AnlgExample> anlg, int sequenceLength, int minCount,
        int? evalExamples = null)
    {
        var observations = anlg.SelectMany(e => new[] { Normalize(e.Obs1), Normalize(e.Obs2) }).ToHashSet(StringComparer.Ordinal);
        var kept = new List<IReadOnlyList<string>>();
        int notFive = 0, heldOut = 0;
        foreach (var story in stories)
        {
            var sentences = Sentences(story);
            if (sentences.Count != 5) notFive++;
            else if (observations.Contains(Normalize(sentences[0])) || observations.Contains(Normalize(sentences[4]))) heldOut++;
            else kept.Add(sentences);
        }
        var tokenizer = WordTokenizer.Train(kept.SelectMany(s => s).Select(s => string.Join(' ', Words(s))), minCount);
        var train = kept.SelectMany(Triples).ToList();
        return new RocCorpus(tokenizer, sequenceLength, train, anlg.Take(evalExamples ?? int.MaxValue).ToList(), stories.Count, notFive, heldOut);
    }

    [GeneratedRegex(@"(?<=[.!?][""'”’]?)\s+(?=[^\p{Ll}\s])")] private static partial Regex SentenceEnd();

    /// <summary>
    /// A story's sentences: split after '.', '!' or '?' (and a closing quote) followed by white space and a
    /// character that is not a lower-case letter (so <c>"Hi!" he said.</c> stays one sentence).
    /// </summary>
    public static IReadOnlyList<string> Sentences(string story) => SentenceEnd().Split(story.Trim());

    /// <summary>The triples (s1, s_k, s5) for k = 2, 3, 4 of a five-sentence story.</summary>
    public static IEnumerable<StoryTriple> Triples(IReadOnlyList<string> sentences)
    {
        if (sentences.Count != 5) throw new ArgumentException($"a story of {sentences.Count} sentences, not 5", nameof(sentences));
        return sentences.Skip(1).Take(3).Select(middle => new StoryTriple(sentences[0], middle, sentences[4]));
    }

    /// <summary>The words of a text as the corpus and BLEU split them (13a: punctuation split off).</summary>
    public static string[] Words(string text) => Tokenizer13a.Tokenize(text);

    static string Normalize(string s) => string.Join(' ', Words(s));

    public int VocabSize => Tokenizer.VocabSize;

    /// <summary>The word ids of a text (13a words; out-of-vocabulary words are UNK).</summary>
    public long[] Ids(string text) => Words(text).Select(w => (long)Tokenizer.TokenToId(w)).ToArray();

    /// <summary>The training row of a triple in a layout: BOS parts EOS PAD… (EOS kept when truncating).</summary>
    public long[] Row(StoryLayout layout, StoryTriple t)
    {
        long[] ids = layout == StoryLayout.Story
            ? [SpecialTokens.Bos, .. Ids(t.Obs1), .. Ids(t.Middle), .. Ids(t.Obs2), SpecialTokens.Eos]
            : [SpecialTokens.Bos, .. Ids(t.Obs2), .. Ids(t.Obs1), .. Ids(t.Middle), SpecialTokens.Eos];
        if (ids.Length > SequenceLength) ids = [.. ids[..(SequenceLength - 1)], SpecialTokens.Eos];
        var row = new long[SequenceLength];
        ids.CopyTo(row, 0);
        return row;
    }

    /// <summary>
    /// The infilling row for a middle of <paramref name="middleLength"/> tokens: BOS obs1 [free] obs2 EOS PAD…;
    /// null when it does not fit in <see cref="SequenceLength"/>.
    /// </summary>
    public InfillTemplate? Template(string obs1, string obs2, int middleLength)
    {
        long[] left = Ids(obs1), right = Ids(obs2);
        int start = 1 + left.Length;
        if (middleLength < 1 || start + middleLength + right.Length + 1 > SequenceLength) return null;
        var ids = new long[SequenceLength];
        var isFixed = Enumerable.Repeat(true, SequenceLength).ToArray();
        ids[0] = SpecialTokens.Bos;
        left.CopyTo(ids, 1);
        for (int i = start; i < start + middleLength; i++) isFixed[i] = false;     // ids stay PAD there
        right.CopyTo(ids, start + middleLength);
        ids[start + middleLength + right.Length] = SpecialTokens.Eos;
        return new InfillTemplate(ids, isFixed, start, middleLength);
    }

    /// <summary>The prompt of an autoregressive infiller: BOS obs1 (<see cref="StoryLayout.Story"/>) or BOS obs2 obs1.</summary>
    public long[] Prompt(StoryLayout layout, string obs1, string obs2) => layout == StoryLayout.Story
        ? [SpecialTokens.Bos, .. Ids(obs1)]
        : [SpecialTokens.Bos, .. Ids(obs2), .. Ids(obs1)];

    /// <summary>
    /// <paramref name="count"/> candidate middle lengths: the training middle lengths' quantiles at
    /// (i + ½)/count, i = 0 … count − 1 (duplicates dropped), e.g. about 7, 10 and 13 tokens for three.
    /// </summary>
    public IReadOnlyList<int> CandidateLengths(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var sorted = MiddleLengths.Order().ToArray();
        return Enumerable.Range(0, count).Select(i => sorted[(int)((i + 0.5) / count * sorted.Length)]).Distinct().ToList();
    }

    /// <summary>The longest training middle in tokens (the AR infillers' generation limit).</summary>
    public int MaxMiddleLength => MiddleLengths.Max();

    /// <summary>
    /// A training batch [B, L] of rows in <paramref name="layout"/> for <paramref name="step"/>, drawn with a generator
    /// seeded by (seed, step), so a resumed run sees the batches of an uninterrupted one.
    /// </summary>
    public Tensor TrainBatch(StoryLayout layout, int step, int batchSize, ulong seed, Device? device = null)
    {
        var source = rows[layout];
        var random = new Pcg32(seed * 7919UL + (ulong)step);
        var ids = new long[batchSize * SequenceLength];
        for (int b = 0; b < batchSize; b++)
            source[random.NextInt(source.Length)].CopyTo(ids, b * SequenceLength);
        return torch.Tensor(ids, [batchSize, SequenceLength], device);
    }

    /// <summary>The words of ids, special tokens dropped (UNK written as &lt;unk&gt;).</summary>
    public string Decode(IEnumerable<long> ids) => Tokenizer.Decode(ids.Select(i => (int)i));
}

/// <summary>
/// A row to infill: BOS obs1 [<see cref="MiddleLength"/> free slots] obs2 EOS PAD…, with
/// <see cref="Fixed"/> true at every known position (context, specials and the padding after EOS) and
/// false at the free slots, which start at <see cref="MiddleStart"/> (their ids in <see cref="Ids"/> are PAD).
/// </summary>
public sealed record InfillTemplate(long[] Ids, bool[] Fixed, int MiddleStart, int MiddleLength);

/// <summary>
/// One training example shaped like an αNLG task: the first observation, a middle sentence and the
/// last observation, as raw text.
/// </summary>
public sealed record StoryTriple(string Obs1, string Middle, string Obs2);
