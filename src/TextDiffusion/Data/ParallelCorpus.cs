namespace TextDiffusion.Data;

/// <summary>
/// Reads two line-aligned files (line i of one is the translation or summary of line i of the other)
/// as sentence pairs, lazily. Files of different lengths are malformed and always throw; a pair with
/// an empty side is malformed and may be skipped. Sentences are trimmed.
/// </summary>
public static class ParallelCorpus
{
    /// <summary>Yields (source line, target line) pairs.</summary>
    public static IEnumerable<SentencePair> Read(string sourcePath, string targetPath, LoadOptions? options = null)
    {
        options ??= LoadOptions.Strict();
        using var source = LineReader.Read(sourcePath).GetEnumerator();
        using var target = LineReader.Read(targetPath).GetEnumerator();
        while (true)
        {
            bool hasSource = source.MoveNext(), hasTarget = target.MoveNext();
            if (!hasSource && !hasTarget) yield break;
            if (hasSource != hasTarget)
            {
                var extra = hasSource ? source.Current : target.Current;
                string longer = hasSource ? sourcePath : targetPath, shorter = hasSource ? targetPath : sourcePath;
                throw new DataFormatException(longer, extra.Number, extra.Text,
                    $"line-aligned files differ in length: {shorter} ends after {extra.Number - 1} lines");
            }
            string s = source.Current.Text.Trim(), t = target.Current.Text.Trim();
            if (s.Length == 0 || t.Length == 0)
            {
                options.Report(s.Length == 0
                    ? new DataFormatException(sourcePath, source.Current.Number, source.Current.Text, "empty source sentence")
                    : new DataFormatException(targetPath, target.Current.Number, target.Current.Text, "empty target sentence"));
                continue;
            }
            yield return new SentencePair(s, t);
        }
    }
}
