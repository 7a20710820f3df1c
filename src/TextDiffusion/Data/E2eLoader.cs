namespace TextDiffusion.Data;

/// <summary>
/// Loads E2E NLG data from Diffusion-LM's text files (<c>field : value | ... ||sentence</c>, one per line)
/// and from the official CSV files (<c>mr,ref</c> with MRs written <c>field[value], ...</c>).
/// </summary>
public static class E2eLoader
{
    /// <summary>Separator between the MR and the sentence in Diffusion-LM's files.</summary>
    public const string DiffusionLmSeparator = "||";

    /// <summary>Reads a Diffusion-LM file such as <c>e2e/dlm_src1_valid.txt</c>. The sentence is trimmed.</summary>
    public static IEnumerable<E2eExample> ReadDiffusionLm(string path, LoadOptions? options = null)
    {
        options ??= LoadOptions.Strict();
        foreach (var line in LineReader.Read(path))
        {
            if (line.Text.Length == 0) continue;
            E2eExample example;
            try
            {
                example = ParseDiffusionLmLine(line.Text);
            }
            catch (FormatException e)
            {
                options.Report(new DataFormatException(path, line.Number, line.Text, e.Message, e));
                continue;
            }
            yield return example;
        }
    }

    /// <summary>Parses one line of Diffusion-LM's format; throws <see cref="FormatException"/> when malformed.</summary>
    public static E2eExample ParseDiffusionLmLine(string line)
    {
        int sep = line.IndexOf(DiffusionLmSeparator, StringComparison.Ordinal);
        if (sep < 0) throw new FormatException($"no '{DiffusionLmSeparator}' between meaning representation and sentence");
        string sentence = line[(sep + DiffusionLmSeparator.Length)..].Trim();
        if (sentence.Length == 0) throw new FormatException("empty sentence after '||'");
        return new E2eExample(MeaningRepresentation.ParseDiffusionLm(line[..sep]), sentence);
    }

    /// <summary>Reads an official CSV with <c>mr</c> and <c>ref</c> columns (devset.csv, testset_w_refs.csv, the cleaned set).</summary>
    public static IEnumerable<E2eExample> ReadOfficialCsv(string path, LoadOptions? options = null)
    {
        options ??= LoadOptions.Strict();
        int mrColumn = -1, refColumn = -1;
        foreach (var row in CsvReader.ReadWithHeader(path, header =>
                 {
                     mrColumn = ColumnIndex(header, "mr");
                     refColumn = ColumnIndex(header, "ref");
                     if (mrColumn < 0 || refColumn < 0)
                         throw new DataFormatException(path, 1, string.Join(",", header), "expected 'mr' and 'ref' columns");
                 }, options))
        {
            E2eExample example;
            try
            {
                string text = row.Fields[refColumn].Trim();
                if (text.Length == 0) throw new FormatException("empty reference sentence");
                example = new E2eExample(MeaningRepresentation.ParseOfficial(row.Fields[mrColumn]), text);
            }
            catch (FormatException e)
            {
                options.Report(new DataFormatException(path, row.LineNumber, row.RawText, e.Message, e));
                continue;
            }
            yield return example;
        }
    }

    /// <summary>Reads the MRs of an MR-only official CSV (testset.csv, column <c>MR</c>).</summary>
    public static IEnumerable<MeaningRepresentation> ReadOfficialMeaningRepresentations(string path, LoadOptions? options = null)
    {
        options ??= LoadOptions.Strict();
        int mrColumn = -1;
        foreach (var row in CsvReader.ReadWithHeader(path, header =>
                 {
                     mrColumn = ColumnIndex(header, "mr");
                     if (mrColumn < 0) throw new DataFormatException(path, 1, string.Join(",", header), "expected an 'mr' column");
                 }, options))
        {
            MeaningRepresentation mr;
            try
            {
                mr = MeaningRepresentation.ParseOfficial(row.Fields[mrColumn]);
            }
            catch (FormatException e)
            {
                options.Report(new DataFormatException(path, row.LineNumber, row.RawText, e.Message, e));
                continue;
            }
            yield return mr;
        }
    }

    private static int ColumnIndex(IReadOnlyList<string> header, string name)
    {
        for (int i = 0; i < header.Count; i++)
            if (string.Equals(header[i].Trim(), name, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }
}

/// <summary>One E2E example: a meaning representation and one human reference sentence.</summary>
/// <param name="Mr">The meaning representation.</param>
/// <param name="Text">The reference sentence (tokenized in Diffusion-LM's files, raw in the official CSV).</param>
public sealed record E2eExample(MeaningRepresentation Mr, string Text);
