namespace TextDiffusion.Data;

/// <summary>
/// Multi30k task 1 German–English captions. Two variants: the raw sentences (<c>train.de</c>) and the
/// lowercased, normalised, tokenized ones (<c>train.lc.norm.tok.de</c>), which suit word-level and BPE models.
/// </summary>
public static class Multi30k
{
    /// <summary>Relative path of one side of a split, e.g. "multi30k/train.lc.norm.tok.en".</summary>
    public static string RelativePath(Multi30kSplit split, string language, bool tokenized)
    {
        if (language is not ("de" or "en")) throw new ArgumentException($"Multi30k has 'de' and 'en', not '{language}'", nameof(language));
        string stem = split switch
        {
            Multi30kSplit.Train => "train",
            Multi30kSplit.Val => "val",
            Multi30kSplit.Test2016 => "test_2016_flickr",
            _ => throw new ArgumentOutOfRangeException(nameof(split), split, null),
        };
        return $"{DatasetFiles.Multi30k.Folder}{stem}{(tokenized ? ".lc.norm.tok" : "")}.{language}";
    }

    /// <summary>The pairs of a split; German is the source unless <paramref name="germanToEnglish"/> is false.</summary>
    public static IEnumerable<SentencePair> Read(Multi30kSplit split, bool tokenized = true, bool germanToEnglish = true,
        LoadOptions? options = null)
    {
        string de = DataPaths.Resolve(RelativePath(split, "de", tokenized));
        string en = DataPaths.Resolve(RelativePath(split, "en", tokenized));
        return germanToEnglish ? ParallelCorpus.Read(de, en, options) : ParallelCorpus.Read(en, de, options);
    }
}

/// <summary>The Multi30k task-1 splits mirrored locally (29,000 / 1,014 / 1,000 pairs).</summary>
public enum Multi30kSplit
{
    Train,
    Val,
    Test2016,
}
