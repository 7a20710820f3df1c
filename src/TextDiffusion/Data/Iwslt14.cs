namespace TextDiffusion.Data;

/// <summary>
/// IWSLT14 German–English as prepared by fairseq's <c>prepare-iwslt14.sh</c>: lowercased and tokenized
/// (<c>tok_*</c>), or additionally split into BPE units joined by "@@ " (<c>bpe_*</c>).
/// </summary>
public static class Iwslt14
{
    /// <summary>fairseq's BPE continuation marker, written at the end of a non-final subword.</summary>
    public const string BpeContinuation = "@@ ";

    /// <summary>Relative path of one side, e.g. "iwslt14/bpe_valid.de".</summary>
    public static string RelativePath(Iwslt14Split split, string language, bool bpe)
    {
        if (language is not ("de" or "en")) throw new ArgumentException($"IWSLT14 has 'de' and 'en', not '{language}'", nameof(language));
        string name = split switch
        {
            Iwslt14Split.Valid => "valid",
            Iwslt14Split.Test => "test",
            _ => throw new ArgumentOutOfRangeException(nameof(split), split, null),
        };
        return $"{DatasetFiles.Iwslt14.Folder}{(bpe ? "bpe" : "tok")}_{name}.{language}";
    }

    /// <summary>The pairs of a split; German is the source unless <paramref name="germanToEnglish"/> is false.</summary>
    public static IEnumerable<SentencePair> Read(Iwslt14Split split, bool bpe = false, bool germanToEnglish = true,
        LoadOptions? options = null)
    {
        string de = DataPaths.Resolve(RelativePath(split, "de", bpe));
        string en = DataPaths.Resolve(RelativePath(split, "en", bpe));
        return germanToEnglish ? ParallelCorpus.Read(de, en, options) : ParallelCorpus.Read(en, de, options);
    }

    /// <summary>Undoes fairseq BPE ("pyra@@ mid" → "pyramid"), as <c>--remove-bpe</c> does before scoring.</summary>
    public static string RemoveBpe(string text) =>
        (text + " ").Replace(BpeContinuation, "", StringComparison.Ordinal).TrimEnd();
}

/// <summary>The IWSLT14 De–En splits mirrored locally (valid 7,283 and test 6,750 pairs; train is not).</summary>
public enum Iwslt14Split
{
    Valid,
    Test,
}
