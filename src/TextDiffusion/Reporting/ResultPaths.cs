using System.Text.RegularExpressions;

namespace TextDiffusion.Reporting;

/// <summary>
/// Where reports go: <c>results/</c> at the repository root (found by walking up to Research.sln
/// from the current directory, which the notebook runner sets to notebooks/), or TD_RESULTS_DIR.
/// </summary>
public static partial class ResultPaths
{
    /// <summary>Overrides the results folder.</summary>
    public const string EnvironmentVariable = "TD_RESULTS_DIR";

    /// <summary>The results folder (not created until something is written).</summary>
    public static string Directory
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (!string.IsNullOrWhiteSpace(configured))
            {
                return Path.GetFullPath(configured);
            }

            return Path.Combine(FindRepositoryRoot() ?? Environment.CurrentDirectory, "results");
        }
    }

    /// <summary>Resolves a path for a report file: relative paths are taken under <see cref="Directory"/>.</summary>
    public static string Resolve(string path) => Path.IsPathRooted(path) ? path : Path.Combine(Directory, path);

    /// <summary>The nearest folder at or above <paramref name="start"/> (default: current directory) holding Research.sln.</summary>
    public static string? FindRepositoryRoot(string? start = null)
    {
        for (var dir = new DirectoryInfo(start ?? Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Research.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    /// <summary>A file or folder name for a title: lower case, each run of other characters one '-' ("F = 4, LN" → "f-4-ln"); <paramref name="fallback"/> if nothing is left.</summary>
    public static string Slug(string title, string fallback = "-")
    {
        var slug = NonWord().Replace(title.ToLowerInvariant(), "-").Trim('-');
        return slug.Length == 0 ? fallback : slug;
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonWord();
}
