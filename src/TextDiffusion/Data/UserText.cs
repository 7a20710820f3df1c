using System.Text;

namespace TextDiffusion.Data;

/// <summary>
/// A user's own training text, read strictly, with every problem reported by file, line and value: plain text
/// with one sentence or document per line, or sentence pairs (a TSV of source TAB target, or two parallel files).
/// Blank lines are skipped; leading and trailing white space is trimmed.
/// </summary>
public static class UserText
{
    static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The non-blank lines of a UTF-8 text file.</summary>
    public static IReadOnlyList<string> ReadLines(string path) => Read(path).Where(l => l.Text.Length > 0).Select(l => l.Text).ToList() is { Count: > 0 } lines
        ? lines
        : throw new InvalidDataException($"{path} has no text: expected one sentence or document per line");

    /// <summary>Pairs from a TSV file: each non-blank line is "source TAB target", both non-empty.</summary>
    public static IReadOnlyList<SentencePair> ReadPairs(string tsvPath)
    {
        var pairs = new List<SentencePair>();
        foreach (var (number, text) in Read(tsvPath))
        {
            if (text.Length == 0) continue;
            var fields = text.Split('\t');
            if (fields.Length != 2)
                throw new DataFormatException(tsvPath, number, text, $"expected 'source<TAB>target' (one tab), found {fields.Length - 1} tabs");
            if (fields[0].Trim().Length == 0 || fields[1].Trim().Length == 0)
                throw new DataFormatException(tsvPath, number, text, $"expected a non-empty source and target, the {(fields[0].Trim().Length == 0 ? "source" : "target")} is empty");
            pairs.Add(new SentencePair(fields[0].Trim(), fields[1].Trim()));
        }
        return pairs.Count > 0 ? pairs : throw new InvalidDataException($"{tsvPath} has no pairs: expected 'source<TAB>target' lines");
    }

    /// <summary>Pairs from two parallel files: line i of the source translates to line i of the target.</summary>
    public static IReadOnlyList<SentencePair> ReadPairs(string sourcePath, string targetPath)
    {
        var sources = Read(sourcePath).ToList();
        var targets = Read(targetPath).ToList();
        if (sources.Count != targets.Count)
            throw new InvalidDataException($"{sourcePath} has {sources.Count} lines but {targetPath} has {targets.Count}: expected parallel files, one pair per line");
        var pairs = new List<SentencePair>();
        for (int i = 0; i < sources.Count; i++)
        {
            var (source, target) = (sources[i].Text, targets[i].Text);
            if (source.Length == 0 && target.Length == 0) continue;
            if (source.Length == 0 || target.Length == 0)
            {
                var (emptyPath, otherText) = source.Length == 0 ? (sourcePath, target) : (targetPath, source);
                throw new DataFormatException(emptyPath, i + 1, "", $"expected a sentence (line {i + 1} of the other file is \"{otherText}\"), found an empty line");
            }
            pairs.Add(new SentencePair(source, target));
        }
        return pairs.Count > 0 ? pairs : throw new InvalidDataException($"{sourcePath} and {targetPath} hold no pairs");
    }

    /// <summary>Trimmed lines with their numbers; a file that is missing or not UTF-8 is an error naming it (and the line).</summary>
    static IEnumerable<NumberedLine> Read(string path)
    {
        if (Directory.Exists(path)) throw new InvalidDataException($"{path} is a folder: expected a text file");
        if (!File.Exists(path)) throw new FileNotFoundException($"{path} does not exist", path);
        var bytes = File.ReadAllBytes(path);
        int start = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
        for (int number = 1; start < bytes.Length; number++)
        {
            int end = Array.IndexOf(bytes, (byte)'\n', start);
            if (end < 0) end = bytes.Length;
            string line;
            try
            {
                line = StrictUtf8.GetString(bytes, start, end - start);
            }
            catch (DecoderFallbackException e)
            {
                throw new DataFormatException(path, number, Encoding.UTF8.GetString(bytes, start, end - start),
                    $"not UTF-8 text (byte 0x{e.BytesUnknown?.FirstOrDefault():X2}); save the file as UTF-8", e);
            }
            if (line.Contains('\0')) throw new DataFormatException(path, number, line.Replace('\0', '?'), "expected text, found a NUL byte (a binary file?)");
            yield return new NumberedLine(number, line.Trim());
            start = end + 1;
        }
    }
}
