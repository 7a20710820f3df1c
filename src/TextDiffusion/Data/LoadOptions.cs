namespace TextDiffusion.Data;

/// <summary>
/// How a loader treats malformed records. By default (<see cref="SkipMalformed"/> false) the first bad
/// record throws a <see cref="DataFormatException"/>. When the caller opts in, bad records are skipped
/// and collected here, so the count can be checked and reported after enumeration.
/// A class rather than a record because it accumulates the skipped records.
/// </summary>
public sealed class LoadOptions
{
    private readonly List<DataFormatException> skipped = [];

    /// <summary>Skip malformed records instead of throwing (they are still counted).</summary>
    public bool SkipMalformed { get; init; }

    /// <summary>How many malformed records were skipped so far.</summary>
    public int SkippedCount => skipped.Count;

    /// <summary>The skipped records' errors, in the order met.</summary>
    public IReadOnlyList<DataFormatException> Skipped => skipped;

    /// <summary>New strict options: the first malformed record throws.</summary>
    public static LoadOptions Strict() => new();

    /// <summary>New lenient options: malformed records are skipped and counted.</summary>
    public static LoadOptions Lenient() => new() { SkipMalformed = true };

    /// <summary>Throws <paramref name="error"/>, or records it when skipping is allowed.</summary>
    internal void Report(DataFormatException error)
    {
        if (!SkipMalformed) throw error;
        skipped.Add(error);
    }
}
