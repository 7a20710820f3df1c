using System.Globalization;

namespace TextDiffusion.Reporting;

/// <summary>How a claim fared: <see cref="Holds"/> (right direction beyond noise), <see cref="Weak"/> (right direction, intervals
/// overlap), <see cref="Fails"/> (wrong direction), or <see cref="NotTested"/> at this scale (with the reason).</summary>
public enum Verdict { Holds, Weak, Fails, NotTested }

/// <summary>Which side of the comparison the paper claims: ours higher or lower than the reference (or bound).</summary>
public enum Better { Higher, Lower }

/// <summary>
/// A claim of a paper tested by this package: the statement as the paper makes it, the paper's number(s), ours with their
/// 95 % interval, and a verdict by a rule that can fail. For two measured quantities the rule is
/// right direction and |difference| &gt; √(hw² + hw_ref²) → holds; right direction within that → weak; otherwise → fails.
/// A quantity without sampling noise (a count, a deterministic loss) holds or fails.
/// </summary>
/// <param name="Statement">The claim as the paper states it.</param>
/// <param name="Paper">The paper's number(s) behind the claim, or "—".</param>
/// <param name="Ours">Our numbers, with their intervals.</param>
/// <param name="Verdict">The verdict of the rule.</param>
/// <param name="Evidence">The rule's reading (difference and noise), or why the claim is not tested.</param>
public sealed record Claim(string Statement, string Paper, string Ours, Verdict Verdict, string Evidence)
{
    /// <summary>Ours against a measured reference, the paper claiming ours is <paramref name="better"/>.</summary>
    public static Claim Compare(string statement, string paper, Metric ours, Metric reference, Better better)
    {
        double difference = ours.Mean - reference.Mean, noise = ours.DifferenceHalfWidth(reference);
        bool right = better == Better.Higher ? difference > 0 : difference < 0;
        var verdict = !right ? Verdict.Fails : Math.Abs(difference) > noise ? Verdict.Holds : Verdict.Weak;
        return new(statement, paper, $"{ours} vs {reference}", verdict, $"difference {Number(difference)}, noise ±{Number(noise)}");
    }

    /// <summary>A measured quantity against a fixed bound: holds when its whole interval is on the claimed side, weak when only its mean is.</summary>
    public static Claim Bound(string statement, string paper, Metric ours, double bound, Better better)
    {
        bool right = better == Better.Higher ? ours.Mean > bound : ours.Mean < bound;
        bool clear = better == Better.Higher ? ours.Lower > bound : ours.Upper < bound;
        var verdict = !right ? Verdict.Fails : clear ? Verdict.Holds : Verdict.Weak;
        return new(statement, paper, ours.ToString(), verdict, $"bound {Number(bound)} ({(better == Better.Higher ? "above" : "below")}), interval [{Number(ours.Lower)}, {Number(ours.Upper)}]");
    }

    /// <summary>A quantity without sampling noise (a count, a share, a deterministic loss) against a reference value: holds or fails.</summary>
    public static Claim Exact(string statement, string paper, double ours, double reference, Better better, string? oursText = null, string? referenceText = null)
    {
        bool right = better == Better.Higher ? ours > reference : ours < reference;
        return new(statement, paper, $"{oursText ?? Number(ours)} vs {referenceText ?? Number(reference)}", right ? Verdict.Holds : Verdict.Fails,
            "no sampling noise (exact comparison)");
    }

    /// <summary>A claim this run does not test, and why.</summary>
    public static Claim NotTested(string statement, string paper, string reason) => new(statement, paper, "—", Verdict.NotTested, reason);

    /// <summary>The verdict as printed: "holds", "weak", "fails", "not tested".</summary>
    public string VerdictText => Verdict switch
    {
        Verdict.Holds => "holds",
        Verdict.Weak => "weak",
        Verdict.Fails => "fails",
        _ => "not tested",
    };

    static string Number(double value)
    {
        value = Math.Round(value, 4) + 0.0;   // + 0.0 turns −0 into 0: a difference that rounds to zero prints "0", not "-0"
        return value.ToString(Math.Abs(value) >= 100 ? "0" : Math.Abs(value) >= 1 ? "0.0#" : "0.####", CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// A notebook's claims: shown as a table, counted per verdict and written to <c>results/&lt;notebook&gt;/claims.csv</c>,
/// the file the README's scorecard is built from.
/// </summary>
public sealed class ClaimSheet(string notebook, string profile)
{
    readonly List<Claim> claims = [];

    /// <summary>The notebook's name, e.g. "02-diffusion-lm-control": the folder of its claims file.</summary>
    public string Notebook { get; } = notebook;

    /// <summary>The profile whose run measured the claims (a column of the file, so a smoke run is never read as the cpu one).</summary>
    public string Profile { get; } = profile;

    public IReadOnlyList<Claim> Claims => claims;

    public ClaimSheet Add(Claim claim) { claims.Add(claim); return this; }

    public ClaimSheet AddRange(IEnumerable<Claim> more) { claims.AddRange(more); return this; }

    /// <summary>How many claims have each verdict.</summary>
    public int Count(Verdict verdict) => claims.Count(c => c.Verdict == verdict);

    /// <summary>"n claims: h hold, w weak, f fail, t not tested".</summary>
    public string Summary =>
        $"{claims.Count} claims: {Count(Verdict.Holds)} hold, {Count(Verdict.Weak)} weak, {Count(Verdict.Fails)} fail, {Count(Verdict.NotTested)} not tested";

    /// <summary>The claims as a table (statement, paper, ours, verdict, evidence).</summary>
    public ResultTable Table() => new ResultTable($"Claims of {Notebook} ({Profile} profile): {Summary}", "claim", "paper", "ours", "verdict", "evidence", "profile")
        .AddRows(claims.Select(c => new object?[] { c.Statement, c.Paper, c.Ours, c.VerdictText, c.Evidence, Profile }));

    /// <summary>Writes <c>claims.csv</c> (and <c>claims.md</c>) atomically under <c>results/&lt;notebook&gt;/</c>; returns the CSV's path.</summary>
    public string Save(string? resultsDirectory = null) =>
        Table().Save("claims", Path.Combine(resultsDirectory ?? ResultPaths.Directory, Notebook)).Csv;

    /// <summary>A <c>claims.csv</c> read back into the sheet that wrote it (the notebook is its folder's name); an unreadable file names its line.</summary>
    public static ClaimSheet Load(string path)
    {
        var records = Csv.Parse(File.ReadAllText(path));
        if (records.Count == 0) throw new InvalidDataException($"{path}: empty claims file (expected a header row)");
        string[] columns = ["claim", "paper", "ours", "verdict", "evidence", "profile"];
        if (!records[0].SequenceEqual(columns))
            throw new InvalidDataException($"{path}, line 1: expected columns {string.Join(",", columns)}, found {string.Join(",", records[0])}");
        var verdicts = Enum.GetValues<Verdict>().ToDictionary(v => new Claim("", "", "", v, "").VerdictText);
        var profiles = records.Skip(1).Select(r => r[5]).Distinct().ToList();
        if (profiles.Count > 1) throw new InvalidDataException($"{path}: claims of several profiles ({string.Join(", ", profiles)}), expected one");
        var sheet = new ClaimSheet(Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path)))!, profiles.SingleOrDefault() ?? "");
        foreach (var (r, i) in records.Skip(1).Select((r, i) => (r, i)))
            sheet.Add(new Claim(r[0], r[1], r[2], verdicts.TryGetValue(r[3], out var v) ? v
                : throw new InvalidDataException($"{path}, record {i + 2}: verdict '{r[3]}', expected one of {string.Join(", ", verdicts.Keys)}"), r[4]));
        return sheet;
    }
}

/// <summary>
/// The scorecard of the reproduction: how many claims of each notebook hold, are weak, fail or are not tested, read from the
/// committed <c>results/&lt;notebook&gt;/claims.csv</c> files (the README's table is this one).
/// </summary>
public static class Scorecard
{
    /// <summary>One row per notebook with a claims file (sorted by name), then the total, with the share that holds or is weak.</summary>
    public static ResultTable Table(string? resultsDirectory = null)
    {
        var root = resultsDirectory ?? ResultPaths.Directory;
        var sheets = System.IO.Directory.Exists(root)
            ? System.IO.Directory.GetDirectories(root).Select(d => Path.Combine(d, "claims.csv")).Where(File.Exists).Order(StringComparer.Ordinal).ToList()
            : [];
        var table = new ResultTable("Scorecard: the papers' claims as tested by the committed runs", "notebook", "profile", "holds", "weak", "fails", "not tested", "claims", "hold or weak");
        var all = new List<Verdict>();
        foreach (var path in sheets)
        {
            var sheet = ClaimSheet.Load(path);
            all.AddRange(sheet.Claims.Select(c => c.Verdict));
            table.AddRow([sheet.Notebook, sheet.Profile, .. Counts(sheet.Claims.Select(c => c.Verdict).ToList())]);
        }
        table.AddRow(["all", "", .. Counts(all)]);
        return table;
    }

    static object?[] Counts(IReadOnlyList<Verdict> verdicts)
    {
        int Count(Verdict v) => verdicts.Count(x => x == v);
        int tested = verdicts.Count - Count(Verdict.NotTested);
        return [Count(Verdict.Holds), Count(Verdict.Weak), Count(Verdict.Fails), Count(Verdict.NotTested), verdicts.Count,
            tested == 0 ? "—" : (100.0 * (Count(Verdict.Holds) + Count(Verdict.Weak)) / tested).ToString("0", CultureInfo.InvariantCulture) + " % of those tested"];
    }
}

/// <summary>RFC 4180 records (quoted fields may hold commas, quotes as "" and line breaks), as <see cref="ResultTable.ToCsv"/> writes them.</summary>
static class Csv
{
    public static List<List<string>> Parse(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { record.Add(field.ToString()); field.Clear(); }
            else if (c == '\n')
            {
                record.Add(field.ToString()); field.Clear();
                records.Add(record); record = [];
            }
            else if (c != '\r') field.Append(c);
        }
        if (field.Length > 0 || record.Count > 0) { record.Add(field.ToString()); records.Add(record); }
        return records;
    }
}
