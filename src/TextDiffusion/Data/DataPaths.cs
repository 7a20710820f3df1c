using System.Diagnostics.CodeAnalysis;

namespace TextDiffusion.Data;

/// <summary>
/// Finds dataset files without hard-coding machine paths. A relative path such as
/// "e2e/dlm_src1_valid.txt" is looked up, in order, under:
/// <list type="number">
/// <item>the folder named by the environment variable <c>TEXTDIFFUSION_DATA</c>;</item>
/// <item>the project's <c>data/</c> folder (the folder holding Research.sln, found by walking up from
///   the current directory, then from the application's base directory);</item>
/// <item><c>shared/data</c> beside the checkout (the parent of the project folder, + "/shared/data").</item>
/// </list>
/// Datasets are never copied into the repository.
/// </summary>
public static class DataPaths
{
    /// <summary>Environment variable naming a data root that takes precedence over the others.</summary>
    public const string EnvironmentVariable = "TEXTDIFFUSION_DATA";

    /// <summary>File that marks the project root.</summary>
    public const string SolutionFileName = "Research.sln";

    /// <summary>The project root (folder holding Research.sln), or null when not inside a checkout.</summary>
    public static string? FindProjectRoot() =>
        FindProjectRoot([Directory.GetCurrentDirectory(), AppContext.BaseDirectory]);

    /// <summary>The first folder holding Research.sln at or above one of <paramref name="startDirectories"/>.</summary>
    internal static string? FindProjectRoot(IEnumerable<string> startDirectories)
    {
        foreach (string start in startDirectories)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, SolutionFileName)))
                    return dir.FullName;
        }
        return null;
    }

    /// <summary>The shared data folder beside the checkout (<c>../shared/data</c>), or null when there is none.</summary>
    public static string? SharedDataRoot
    {
        get
        {
            string? shared = SharedFolderOf(FindProjectRoot());
            return shared is not null && Directory.Exists(shared) ? shared : null;
        }
    }

    /// <summary>True when the shared data folder exists; tests that read real files skip otherwise.</summary>
    public static bool IsSharedDataPresent => SharedDataRoot is not null;

    /// <summary>The data roots to search, in order. Roots that cannot be located are left out.</summary>
    public static IReadOnlyList<string> SearchRoots() =>
        SearchRoots(Environment.GetEnvironmentVariable(EnvironmentVariable), FindProjectRoot());

    /// <summary>
    /// The search order for a given environment-variable value and project root (either may be null). A folder named by
    /// the variable must exist: a typo there would otherwise fall through silently to the other roots.
    /// </summary>
    internal static IReadOnlyList<string> SearchRoots(string? environmentRoot, string? projectRoot)
    {
        var roots = new List<string>();
        if (!string.IsNullOrWhiteSpace(environmentRoot))
        {
            string root = Path.GetFullPath(environmentRoot);
            if (!Directory.Exists(root))
                throw new DirectoryNotFoundException($"{EnvironmentVariable} names {root}, which does not exist; point it at the folder that holds e2e/, lm/, multi30k/, … (data/README.md), or unset it");
            roots.Add(root);
        }
        if (projectRoot is not null)
        {
            roots.Add(Path.Combine(projectRoot, "data"));
            if (SharedFolderOf(projectRoot) is { } shared) roots.Add(shared);
        }
        return roots;
    }

    /// <summary>Full path of the first existing file for <paramref name="relativePath"/>; false when none exists.</summary>
    public static bool TryResolve(string relativePath, [NotNullWhen(true)] out string? fullPath) =>
        TryResolve(relativePath, SearchRoots(), out fullPath);

    /// <summary><see cref="TryResolve(string, out string?)"/> over explicit roots.</summary>
    internal static bool TryResolve(string relativePath, IReadOnlyList<string> roots, [NotNullWhen(true)] out string? fullPath)
    {
        fullPath = Candidates(relativePath, roots).FirstOrDefault(File.Exists);
        return fullPath is not null;
    }

    /// <summary>Full path of the dataset file; throws <see cref="DatasetNotFoundException"/> when it is nowhere.</summary>
    public static string Resolve(string relativePath) => Resolve(relativePath, SearchRoots());

    /// <summary><see cref="Resolve(string)"/> over explicit roots.</summary>
    internal static string Resolve(string relativePath, IReadOnlyList<string> roots)
    {
        if (TryResolve(relativePath, roots, out string? path)) return path;
        throw new DatasetNotFoundException(relativePath, Candidates(relativePath, roots), DatasetSources.For(relativePath));
    }

    /// <summary>True when the file exists under some data root.</summary>
    public static bool Exists(string relativePath) => TryResolve(relativePath, out _);

    private static string? SharedFolderOf(string? projectRoot)
    {
        string? parent = projectRoot is null ? null : Path.GetDirectoryName(projectRoot);
        return parent is null ? null : Path.Combine(parent, "shared", "data");
    }

    private static IReadOnlyList<string> Candidates(string relativePath, IReadOnlyList<string> roots)
    {
        if (Path.IsPathRooted(relativePath))
            throw new ArgumentException($"expected a path relative to a data root, got '{relativePath}'", nameof(relativePath));
        string rel = relativePath.Replace('\\', '/');
        return roots.Select(root => Path.GetFullPath(Path.Combine(root, rel))).ToList();
    }
}
