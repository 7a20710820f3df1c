using System.Diagnostics;
using System.Text;

namespace TextDiffusion.Syntax;

/// <summary>
/// Part-of-speech tags from Lingua::EN::Tagger (a bigram HMM trained on the Penn Treebank; Debian
/// <c>liblingua-en-tagger-perl</c>), run as one long-lived <c>perl</c> process that reads a pre-tokenized
/// sentence per line (see <see cref="LinguaTaggerScript"/>). Each input word gets exactly one Penn tag,
/// converted to Universal POS by <see cref="PennToUpos"/>. Lingua's tag names are translated to the
/// standard ones (its DET is DT, PRPS PRP$, WPS WP$, PP ".", PPC ",", PPS ":", PPD "$", PPL ``, PPR '',
/// LRB/RRB -LRB-/-RRB-). Calls are serialised with a lock; <see cref="Dispose"/> ends the process.
/// </summary>
public sealed class PosTagger : IDisposable
{
    static readonly Lazy<string?> Unavailable = new(() => Probe("perl"));

    readonly object gate = new();
    readonly Process process;
    readonly StringBuilder errors = new();
    bool disposed;

    /// <summary>Starts perl and loads the model (under a second). Throws <see cref="InvalidOperationException"/>
    /// when perl or Lingua::EN::Tagger is missing (see <see cref="UnavailableReason"/>).</summary>
    public PosTagger()
    {
        if (UnavailableReason is { } reason) throw new InvalidOperationException(reason);
        var start = new ProcessStartInfo("perl")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-e");
        start.ArgumentList.Add(LinguaTaggerScript.Source);
        start.Environment["PERL_HASH_SEED"] = "0";
        process = Process.Start(start) ?? throw new InvalidOperationException("could not start perl");
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (errors) if (errors.Length < 4000) errors.AppendLine(e.Data);
        };
        process.BeginErrorReadLine();
        process.StandardInput.AutoFlush = true;
        string? ready = process.StandardOutput.ReadLine();
        if (ready != "ready")
        {
            Dispose();
            throw new InvalidOperationException("the Lingua::EN::Tagger process did not start: " + Errors());
        }
    }

    /// <summary>Null when perl and Lingua::EN::Tagger are installed; otherwise why not. Checked once per process.</summary>
    public static string? UnavailableReason => Unavailable.Value;

    /// <summary>Tags pre-tokenized words (no whitespace inside a word); one token and one UPOS tag per word.</summary>
    public TaggedSentence Tag(IReadOnlyList<string> words)
    {
        if (words.Count == 0) return new TaggedSentence([], []);
        foreach (var w in words)
            if (w.Length == 0 || w.Any(char.IsWhiteSpace))
                throw new ArgumentException($"word \"{w}\" is empty or contains whitespace; pass tokenized words", nameof(words));
        string? line;
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            try
            {
                process.StandardInput.Write(string.Join(' ', words) + "\n");
                line = process.StandardOutput.ReadLine();
            }
            catch (IOException e)
            {
                throw new InvalidOperationException("the Lingua::EN::Tagger process failed: " + Errors(), e);
            }
        }
        if (line is null) throw new InvalidOperationException("the Lingua::EN::Tagger process ended: " + Errors());
        var items = line.Split(' ');
        if (items.Length != words.Count)
            throw new InvalidOperationException($"tagger returned {items.Length} tags for {words.Count} words: \"{line}\"");
        var tokens = new PennToken[words.Count];
        for (int i = 0; i < items.Length; i++)
        {
            var parts = items[i].Split('/');
            if (parts.Length != 3) throw new InvalidOperationException($"unexpected tagger output \"{items[i]}\"");
            tokens[i] = new PennToken(words[i], FromLingua(parts[0]), parts[1] == "-" ? null : FromLingua(parts[1]), parts[2] == "k");
        }
        return new TaggedSentence(tokens, PennToUpos.Convert(tokens));
    }

    /// <summary>Tags a whitespace-separated, pre-tokenized sentence.</summary>
    public TaggedSentence Tag(string sentence) => Tag(sentence.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The Universal POS tags of pre-tokenized words.</summary>
    public IReadOnlyList<string> TagUpos(IReadOnlyList<string> words) => Tag(words).Upos;

    /// <summary>Lingua's tag name as the Penn Treebank writes it.</summary>
    public static string FromLingua(string tag) => tag switch
    {
        "det" => "DT",
        "prps" => "PRP$",
        "wps" => "WP$",
        "pp" => ".",
        "ppc" => ",",
        "pps" => ":",
        "ppd" => "$",
        "ppl" => "``",
        "ppr" => "''",
        "lrb" => "-LRB-",
        "rrb" => "-RRB-",
        _ => tag.ToUpperInvariant(),
    };

    string Errors()
    {
        lock (errors) return errors.Length == 0 ? "(nothing on stderr)" : errors.ToString().Trim();
    }

    static string? Probe(string perl)
    {
        const string install = "install the Debian package liblingua-en-tagger-perl (scripts/setup.sh does)";
        try
        {
            var start = new ProcessStartInfo(perl)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var a in new[] { "-MLingua::EN::Tagger", "-e", "print $Lingua::EN::Tagger::VERSION" }) start.ArgumentList.Add(a);
            using var p = Process.Start(start);
            if (p is null) return "could not start perl";
            _ = p.StandardOutput.ReadToEnd();
            string error = p.StandardError.ReadToEnd();
            p.WaitForExit();
            return p.ExitCode == 0 ? null : $"Lingua::EN::Tagger not found ({error.Split('\n')[0].Trim()}): {install}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"perl not found ({e.Message}): {install}";
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (disposed) return;
            disposed = true;
            try
            {
                process.StandardInput.Close();
                if (!process.WaitForExit(2000)) process.Kill();
            }
            catch (InvalidOperationException)
            {
                // the process has already gone
            }
            process.Dispose();
        }
    }
}
