namespace TextDiffusion.Data;

/// <summary>
/// Gigaword headline generation (article first sentence → headline; digits masked as '#').
/// The standard 1,951-pair test set is kept apart. Training pairs come from the dev subsets that could
/// be mirrored (the 10K filtered set and the 15.6K ".small" set, optionally the 4K set), deduplicated
/// by whitespace-normalised (article, headline), and with every pair whose article is a test article
/// removed, so no test input is seen in training.
/// </summary>
public static class Gigaword
{
    /// <summary>The 1,951 test pairs (article, first reference headline).</summary>
    public static IEnumerable<SentencePair> ReadTest(LoadOptions? options = null) =>
        ParallelCorpus.Read(DataPaths.Resolve(DatasetFiles.Gigaword.TestArticles),
                            DataPaths.Resolve(DatasetFiles.Gigaword.TestHeadlines), options);

    /// <summary>The (article, headline) files that feed the training set, as relative paths.</summary>
    public static IReadOnlyList<(string Articles, string Headlines)> TrainSources(bool include4K = false)
    {
        var sources = new List<(string, string)>
        {
            (DatasetFiles.Gigaword.Dev10KArticles, DatasetFiles.Gigaword.Dev10KHeadlines),
            (DatasetFiles.Gigaword.DevSmallArticles, DatasetFiles.Gigaword.DevSmallHeadlines),
        };
        if (include4K) sources.Add((DatasetFiles.Gigaword.Dev4KArticles, DatasetFiles.Gigaword.Dev4KHeadlines));
        return sources;
    }

    /// <summary>Builds the training set from the mirrored files (see the class summary).</summary>
    public static GigawordTrainSet BuildTrainSet(bool include4K = false, LoadOptions? options = null)
    {
        var sources = TrainSources(include4K)
            .Select(s => ParallelCorpus.Read(DataPaths.Resolve(s.Articles), DataPaths.Resolve(s.Headlines), options));
        return BuildTrainSet(sources, ReadTest(options), options);
    }

    /// <summary>Deduplicates <paramref name="sources"/> in order and removes pairs whose article is in <paramref name="test"/>.</summary>
    public static GigawordTrainSet BuildTrainSet(IEnumerable<IEnumerable<SentencePair>> sources, IEnumerable<SentencePair> test,
        LoadOptions? options = null)
    {
        var testArticles = test.Select(p => Normalise(p.Source)).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<(string, string)>();
        var pairs = new List<SentencePair>();
        int read = 0, duplicates = 0, overlap = 0;
        foreach (var source in sources)
        {
            foreach (var pair in source)
            {
                read++;
                string article = Normalise(pair.Source), headline = Normalise(pair.Target);
                if (testArticles.Contains(article)) overlap++;
                else if (!seen.Add((article, headline))) duplicates++;
                else pairs.Add(new SentencePair(article, headline));
            }
        }
        return new GigawordTrainSet(pairs, read, duplicates, overlap);
    }

    /// <summary>Collapses runs of whitespace to one space and trims, the form used for comparison.</summary>
    public static string Normalise(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

/// <summary>
/// The Gigaword training pairs built from the dev subsets, with the bookkeeping of how they were built.
/// </summary>
/// <param name="Pairs">Distinct (article, headline) pairs, in file order, none with a test article.</param>
/// <param name="PairsRead">Pairs read from all source files together.</param>
/// <param name="DuplicatesRemoved">Pairs dropped because the same (article, headline) was already kept.</param>
/// <param name="TestOverlapRemoved">Pairs dropped because their article is one of the 1,951 test articles.</param>
public sealed record GigawordTrainSet(IReadOnlyList<SentencePair> Pairs, int PairsRead, int DuplicatesRemoved, int TestOverlapRemoved);
