using System.CommandLine;
using TextDiffusion.Reporting;

namespace TextDiffusion.Cli;

/// <summary>
/// <c>td scorecard [--results DIR]</c>: the papers' claims as the committed runs tested them, counted per notebook from
/// <c>results/&lt;notebook&gt;/claims.csv</c> (holds, weak, fails, not tested), as a markdown table (the README's scorecard).
/// </summary>
internal static class ScorecardCommand
{
    public static Command Create()
    {
        var results = new Option<DirectoryInfo?>("--results") { Description = "The results folder (default: results/ of the repository, or TD_RESULTS_DIR)." };
        var command = new Command("scorecard", "Count the papers' claims that hold, are weak, fail or are not tested, per notebook, from results/*/claims.csv.") { results };
        command.SetAction(parse =>
        {
            // Plain text through the invocation's writer (the console would wrap the table's long lines); a bad claims file: td's one-line error.
            parse.InvocationConfiguration.Output.Write(Scorecard.Table(parse.GetValue(results)?.FullName).ToMarkdown());
            return 0;
        });
        return command;
    }
}
