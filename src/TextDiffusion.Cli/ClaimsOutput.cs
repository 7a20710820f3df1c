using System.CommandLine;
using Spectre.Console;
using TextDiffusion.Reporting;

namespace TextDiffusion.Cli;

/// <summary>
/// Where a command that tests claims outside a notebook writes them (<c>--out</c>): its table and its
/// <c>&lt;out&gt;/&lt;notebook&gt;/claims.csv</c>, the layout of the results folder, so that <c>td scorecard --results &lt;out&gt;</c> counts them.
/// </summary>
internal static class ClaimsOutput
{
    public static Option<DirectoryInfo?> Option(string notebook) =>
        new("--out") { Description = $"Folder of the claims file, <out>/{notebook}/claims.csv (default: the results folder)." };

    /// <summary>Saves <paramref name="table"/> as <paramref name="tableName"/> and the claims beside it, prints the claims and their count.</summary>
    public static void Write(ParseResult parse, Option<DirectoryInfo?> output, IAnsiConsole console, ResultTable table, string tableName,
        ClaimSheet claims, TimeSpan elapsed)
    {
        string directory = parse.GetValue(output)?.FullName ?? ResultPaths.Directory;
        table.Save(tableName, Path.Combine(directory, claims.Notebook));
        string path = claims.Save(directory);
        parse.InvocationConfiguration.Output.Write(claims.Table().ToMarkdown());
        console.MarkupLineInterpolated($"{claims.Summary}; written to {path}; {elapsed.TotalSeconds:F1} s");
    }
}
